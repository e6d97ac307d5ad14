//go:build unix

package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDestThroughSymlink checks that a destination reached through a
// symbolic link into content/ or themes/ (the link itself, a folder below
// it, a link to a folder not made yet, a link to the source folder), or a
// source given through a link, is refused before anything is written, and
// that the next build still works.
func TestDestThroughSymlink(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	writeSiteFiles(t, dir, richSite())
	if err := os.MkdirAll(filepath.Join(dir, "themes"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) string {
		p := filepath.Join(root, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	inContent := link(filepath.Join(dir, "content"), "naar-content")
	inThemes := link(filepath.Join(dir, "themes"), "naar-themes")
	dangling := link(filepath.Join(dir, "content", "nog-niet"), "naar-niets")
	relative := link("site/content/handboek", "relatief")
	toSource := link(dir, "naar-site")
	before := snapshot(t, dir)
	for _, tc := range []struct {
		source, dest, want string
	}{
		{dir, inContent, "ligt in content/"},
		{dir, filepath.Join(inContent, "public"), "ligt in content/"},
		{dir, filepath.Join(inThemes, "public"), "ligt in themes/"},
		{dir, dangling, "ligt in content/"},
		{dir, filepath.Join(relative, "uit"), "ligt in content/"},
		{dir, toSource, "bevat de bronmap"},
		{toSource, filepath.Join(dir, "content", "public"), "ligt in content/"},
		{toSource, filepath.Join(toSource, "content", "public"), "ligt in content/"},
		{filepath.Join(toSource, "."), inContent, "ligt in content/"},
	} {
		_, err := Build(Options{Source: tc.source, Dest: tc.dest})
		var se *SetupError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("source %s, dest %s: %v; want a setup error %q", tc.source, tc.dest, err, tc.want)
		}
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("the source folder changed: %d files before, %d after", len(before), len(after))
	}
	// A destination reached through a link that stays outside content/
	// is fine, and so is a source given through a link.
	outside := link(root, "naar-root")
	if _, err := Build(Options{Source: toSource, Dest: filepath.Join(outside, "public")}); err != nil {
		t.Fatalf("build through links outside the sources: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Errorf("no site where the link leads: %v", err)
	}
}
