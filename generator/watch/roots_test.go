package watch

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRootRemovedAndMadeAgain checks that a root folder that is removed
// and made again (content/ deleted and restored from a copy, a theme folder
// replaced) is watched again: the root and the files in it are reported,
// and so are later saves in it and in a folder below it; a root missing at
// New is picked up the same way; other names beside the roots are not
// reported.
func TestRootRemovedAndMadeAgain(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	content := filepath.Join(base, "content")
	themes := filepath.Join(base, "themes")
	writeFile(t, filepath.Join(content, "a.md"), "a")
	_, batches := startWatcher(t, []string{content, themes}, testOpts)

	for round := range 2 {
		if err := os.RemoveAll(content); err != nil {
			t.Fatal(err)
		}
		waitFor(t, batches, content)
		writeFile(t, filepath.Join(base, "public", "index.html"), "x") // beside the roots
		writeFile(t, filepath.Join(content, "sub", "b.md"), "b")
		got := waitFor(t, batches, filepath.Join(content, "sub", "b.md"))
		if got[filepath.Join(base, "public")] || got[filepath.Join(base, "public", "index.html")] {
			t.Errorf("round %d: a folder beside the roots was reported: %v", round, keys(got))
		}
		writeFile(t, filepath.Join(content, "sub", "c.md"), "c")
		waitFor(t, batches, filepath.Join(content, "sub", "c.md"))
	}

	writeFile(t, filepath.Join(themes, "default", "assets", "style.css"), "body{}")
	waitFor(t, batches, filepath.Join(themes, "default", "assets", "style.css"))
	writeFile(t, filepath.Join(themes, "default", "assets", "site.js"), "//")
	waitFor(t, batches, filepath.Join(themes, "default", "assets", "site.js"))
}
