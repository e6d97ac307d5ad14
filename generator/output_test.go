package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fileState is what a test remembers of one output file.
type fileState struct {
	data    []byte
	modTime time.Time
}

// snapshot records every file under dir with its modification time.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	for name, data := range readAllFiles(t, dir) {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = fileState{data, info.ModTime()}
	}
	return out
}

// siblingNames lists the names in the folder that holds dest, so a test can
// see that a build left no staging folder behind.
func siblingNames(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestFailedBuildKeepsPrevious checks that a build with content errors
// leaves the previous public/ exactly as it was (same files, same bytes,
// not even rewritten) and leaves no half-built folder beside it.
func TestFailedBuildKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	writeSiteFiles(t, dir, richSite())
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildSiteDir(t, dir, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	breakages := map[string]string{
		"content/opdrachten/netwerkkaart.md": "---\ntitel: Stage: week 1\n---\n",
		"content/kalender/beroepenmarkt.md":  "---\ntitel: Markt\nsoort: beurs\ndatum: 2026-02-30\nleerjaren: [1]\n---\n",
		"content/handboek/nieuw.md":          "---\ntitel: Nieuw\n---\n[weg](bestaat-niet.md)\n",
	}
	for name, data := range breakages {
		t.Run(filepath.Base(name), func(t *testing.T) {
			old, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			writeSiteFiles(t, dir, map[string]string{name: data})
			defer func() {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if old == nil {
					os.Remove(p)
				} else if err := os.WriteFile(p, old, 0o644); err != nil {
					t.Fatal(err)
				}
			}()
			_, _, err := buildSiteDir(t, dir, Options{Dest: dest})
			if err == nil {
				t.Fatal("build succeeded")
			}
			after := snapshot(t, dest)
			for n, b := range before {
				a, ok := after[n]
				switch {
				case !ok:
					t.Errorf("%s was removed", n)
				case !bytes.Equal(a.data, b.data):
					t.Errorf("%s was changed", n)
				case !a.modTime.Equal(b.modTime):
					t.Errorf("%s was rewritten", n)
				}
			}
			for n := range after {
				if _, ok := before[n]; !ok {
					t.Errorf("%s was added", n)
				}
			}
			if names := siblingNames(t, dest); len(names) != 1 || names[0] != "public" {
				t.Errorf("beside public/: %v", names)
			}
		})
	}
}

// TestRemovedPagesLeaveNothing checks that after pages, an image and a
// whole folder are removed from the source, the next build has no trace
// of them: the tree equals a build of the new source into an empty folder.
func TestRemovedPagesLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	writeSiteFiles(t, dir, richSite())
	writeSiteFiles(t, dir, map[string]string{"content/extra/los.md": "---\ntitel: Los\n---\n", "content/extra/plaatje.png": "png"})
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildSiteDir(t, dir, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"extra/los/index.html", "extra/plaatje.png", "kalender/open-dag/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(want))); err != nil {
			t.Fatalf("first build: %v", err)
		}
	}
	for _, name := range []string{"content/extra", "content/kalender/open-dag.md"} {
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := buildSiteDir(t, dir, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	got := readAllFiles(t, dest)
	fresh, _, err := buildSiteDir(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := readAllFiles(t, fresh)
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s is left behind", n)
		}
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			t.Errorf("%s is missing", n)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "extra")); err == nil {
		t.Error("the folder extra/ is left behind")
	}
	if bytes.Contains(got["kalender/index.html"], []byte("Open dag")) {
		t.Error("kalender/index.html still lists the removed activity")
	}
}

// TestRebuildIsByteIdentical checks that building the same source twice,
// into a fresh folder and over the previous output, minified and not,
// gives byte-identical trees.
func TestRebuildIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	writeSiteFiles(t, dir, richSite())
	for _, noMinify := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, _, err := buildSiteDir(t, dir, Options{Dest: dest, NoMinify: noMinify}); err != nil {
			t.Fatal(err)
		}
		first := readAllFiles(t, dest)
		if _, _, err := buildSiteDir(t, dir, Options{Dest: dest, NoMinify: noMinify}); err != nil {
			t.Fatal(err)
		}
		again := readAllFiles(t, dest)
		other, _, err := buildSiteDir(t, dir, Options{NoMinify: noMinify})
		if err != nil {
			t.Fatal(err)
		}
		fresh := readAllFiles(t, other)
		if len(first) < 10 {
			t.Fatalf("only %d files built", len(first))
		}
		for name, tree := range map[string]map[string][]byte{"over the first": again, "elsewhere": fresh} {
			if len(tree) != len(first) {
				t.Errorf("minify=%v, %s: %d files, first build %d", !noMinify, name, len(tree), len(first))
			}
			for n, w := range first {
				if !bytes.Equal(tree[n], w) {
					t.Errorf("minify=%v, %s: %s differs", !noMinify, name, n)
				}
			}
		}
	}
}

// TestNothingWrittenOutside checks that a build writes only into its
// destination: the source folder and the folder around the destination
// hold the same files before and after.
func TestNothingWrittenOutside(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	writeSiteFiles(t, dir, richSite())
	before := snapshot(t, root)
	dest := filepath.Join(root, "uit", "public")
	if _, _, err := buildSiteDir(t, dir, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, root)
	for n, b := range before {
		a, ok := after[n]
		if !ok || !bytes.Equal(a.data, b.data) || !a.modTime.Equal(b.modTime) {
			t.Errorf("%s was touched", n)
		}
	}
	for n := range after {
		if _, ok := before[n]; !ok && !strings.HasPrefix(n, "uit/public/") {
			t.Errorf("%s was written outside the destination", n)
		}
	}
}
