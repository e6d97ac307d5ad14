//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipes checks that a named pipe in content/ (as a page, as a
// static file, or behind a symbolic link) is skipped with a warning: reading
// one would wait for a writer that never comes.
func TestNamedPipes(t *testing.T) {
	dir := t.TempDir()
	files := miniSite()
	files["content/handboek/visie.md"] = "---\ntitel: Visie\n---\nTekst.\n"
	writeSiteFiles(t, dir, files)
	for _, name := range []string{"content/handboek/pijp.md", "content/handboek/pijp.png"} {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	if err := os.Symlink("pijp.md", filepath.Join(dir, "content", "handboek", "naar-pijp.md")); err != nil {
		t.Skipf("symbolic links not available: %v", err)
	}
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	dest := filepath.Join(t.TempDir(), "public") // not in the goroutine, which may outlive the test
	go func() {
		res, err := Build(Options{Source: dir, Dest: dest})
		done <- result{res, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the build waits on a named pipe")
	}
	if r.err != nil {
		t.Fatalf("build: %v", r.err)
	}
	got := problemLines(r.res.Warnings)
	want := "content/handboek/naar-pijp.md: waarschuwing: deze snelkoppeling wijst niet naar een gewoon bestand (maar naar een pipe, socket of apparaat) en wordt overgeslagen; kopieer het bestand zelf naar content/\n" +
		"content/handboek/pijp.md: waarschuwing: dit is geen gewoon bestand (maar een pipe, socket of apparaat) en wordt overgeslagen; haal het weg uit content/\n" +
		"content/handboek/pijp.png: waarschuwing: dit is geen gewoon bestand (maar een pipe, socket of apparaat) en wordt overgeslagen; haal het weg uit content/"
	if !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\n\nwant among them:\n%s", got, want)
	}
}

// TestAbsoluteLinkInsideRelativeSource checks that a symbolic link with an
// absolute target inside the site is followed when the site folder is
// given as a relative path (as with the default --source .).
func TestAbsoluteLinkInsideRelativeSource(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	files := miniSite()
	files["content/handboek/visie.md"] = "---\ntitel: Visie\n---\nDE VISIE\n"
	writeSiteFiles(t, site, files)
	if err := os.Symlink(filepath.Join(site, "content", "handboek", "visie.md"), filepath.Join(site, "content", "handboek", "kopie.md")); err != nil {
		t.Skipf("symbolic links not available: %v", err)
	}
	t.Chdir(root)
	dest, _, err := buildSiteDir(t, "site", Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "handboek", "kopie", "index.html"))
	if err != nil || !strings.Contains(string(page), "DE VISIE") {
		t.Errorf("the linked page is missing or wrong (%v):\n%s", err, page)
	}
}
