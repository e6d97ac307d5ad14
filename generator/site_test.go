package generator

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/sites/*.txtar")

// archives lists testdata/<dir>/*.txtar; none is a failure, so a moved
// folder cannot turn a test suite into one that passes by running nothing.
func archives(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no test archives in testdata/%s", dir)
	}
	return files
}

// readArchive splits a txtar archive into source files (everything not
// under public/ and not named "want") and the rest.
func readArchive(t *testing.T, name string) (*txtar.Archive, fstest.MapFS, map[string][]byte) {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	other := map[string][]byte{}
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "public/") || f.Name == "want" {
			other[f.Name] = f.Data
			continue
		}
		src[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return a, src, other
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
			a, src, want := readArchive(t, name)
			got, err := buildTree(t, src, Options{NoMinify: true})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if *update {
				var keep []txtar.File
				for _, f := range a.Files {
					if !strings.HasPrefix(f.Name, "public/") {
						keep = append(keep, f)
					}
				}
				for _, n := range sortedKeys(got) {
					keep = append(keep, txtar.File{Name: n, Data: got[n]})
				}
				a.Files = keep
				if err := os.WriteFile(name, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for n, data := range want {
				if n == "want" {
					continue
				}
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
				if _, ok := want[n]; !ok {
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
			_, src, other := readArchive(t, name)
			want := strings.TrimSpace(string(other["want"]))
			_, err := buildTree(t, src, Options{})
			wantProblems(t, err, want)
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
