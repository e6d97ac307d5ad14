package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"lobsite/generator/internal/archive"
)

// archives lists testdata/<dir>/*.txtar (see archive.List).
func archives(t *testing.T, dir string) []string {
	t.Helper()
	return archive.List(t, filepath.Join("testdata", dir))
}

// readArchive is archive.Read in the shape the older tests take: the
// archive, its site folder, and its other files (public/ and notes).
func readArchive(t *testing.T, name string) (*archive.Archive, fstest.MapFS, map[string][]byte) {
	t.Helper()
	a := archive.Read(t, name)
	other := map[string][]byte{}
	for _, m := range []map[string][]byte{a.Public, a.Notes} {
		for n, data := range m {
			other[n] = data
		}
	}
	return a, a.Source, other
}

// buildTree builds src into a fresh folder and returns every output file
// except the theme's assets and the marker, by slash path under public/.
func buildTree(t *testing.T, src fs.FS, opts Options) (map[string][]byte, error) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	opts.FS, opts.Dest = src, dest
	if opts.Source == "" {
		opts.Source = "."
	}
	b, err := NewBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		return nil, err
	}
	return readTree(t, dest), nil
}

// readTree is readAllFiles of a built site as the golden archives hold it:
// under public/, without the theme's style sheet and script and the marker.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for rel, data := range readAllFiles(t, dir) {
		if rel != "style.css" && rel != "site.js" && rel != markerFile {
			out["public/"+rel] = data
		}
	}
	return out
}

// TestSites builds each small site in testdata/sites and compares every
// output file with the archive. Run with -update to rewrite the expected
// files after an intended change, then review the diff.
func TestSites(t *testing.T) {
	for _, name := range archives(t, "sites") {
		t.Run(filepath.Base(name), func(t *testing.T) {
			a := archive.Read(t, name)
			got, err := buildTree(t, a.Source, Options{NoMinify: true})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if archive.Update() {
				a.Rewrite(t, got)
				return
			}
			for n, data := range a.Public {
				g, ok := got[n]
				if !ok {
					t.Errorf("%s: not built", n)
					continue
				}
				if !bytes.Equal(g, data) {
					t.Errorf("%s differs:\n%s", n, firstDiff(string(data), string(g)))
				}
			}
			for n := range got {
				if _, ok := a.Public[n]; !ok {
					t.Errorf("%s: built but not expected (run with -update)", n)
				}
			}
		})
	}
}

// TestErrors builds each broken site in testdata/errors and compares the
// problems reported with the archive's "want" file, line for line.
func TestErrors(t *testing.T) {
	for _, name := range archives(t, "errors") {
		t.Run(filepath.Base(name), func(t *testing.T) {
			a := archive.Read(t, name)
			_, err := buildTree(t, a.Source, Options{})
			wantProblems(t, err, a.Note("want"))
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, w, g)
		}
	}
	return ""
}
