// Package archive reads the txtar archives of lobsite's tests: a site
// folder, and what a test expects of it, in one text file.
//
// The files of an archive are of three sorts, by name:
//
//	public/<path>      expected output under the output folder (or fragments of it)
//	<name>             a name without a slash ("want", "verboden"): a note for the test
//	anything else      the site folder: content/..., themes/...
//
// A test that compares with an archive rewrites its expected output when
// it runs with -update (see Update and Archive.Rewrite); review the diff
// before committing it.
package archive

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in the test archives (testdata/**/*.txtar)")

// Update reports whether the test runs with -update: a test that compares
// with an archive then rewrites it (Archive.Rewrite) instead.
func Update() bool { return *update }

// Archive is one test archive, split into its sorts of files.
type Archive struct {
	Path    string            // the file it was read from
	Comment []byte            // the text before the first file
	Files   []txtar.File      // every file, in archive order
	Source  fstest.MapFS      // the site folder: every file not under public/ and not a note
	Public  map[string][]byte // the files under public/, by name with "public/"
	Notes   map[string][]byte // the files whose name has no slash ("want"), by name
}

// Read reads and splits the archive in file path; a file that cannot be
// read fails the test.
func Read(t testing.TB, path string) *Archive {
	t.Helper()
	ta, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := &Archive{Path: path, Comment: ta.Comment, Files: ta.Files, Source: fstest.MapFS{}, Public: map[string][]byte{}, Notes: map[string][]byte{}}
	for _, f := range ta.Files {
		switch {
		case strings.HasPrefix(f.Name, "public/"):
			a.Public[f.Name] = f.Data
		case !strings.Contains(f.Name, "/"):
			a.Notes[f.Name] = f.Data
		default:
			a.Source[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return a
}

// List returns the archives (*.txtar) in folder dir, sorted. None is a
// failure, so a moved folder cannot turn a test into one that passes by
// running nothing.
func List(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test archives in %s", dir)
	}
	return files
}

// Note returns the note name ("want") without leading and trailing white
// space, or "" when the archive has none.
func (a *Archive) Note(name string) string {
	return strings.TrimSpace(string(a.Notes[name]))
}

// SourceText returns the site folder's files as text, by name.
func (a *Archive) SourceText() map[string]string {
	out := make(map[string]string, len(a.Source))
	for name, f := range a.Source {
		out[name] = string(f.Data)
	}
	return out
}

// Rewrite replaces the archive's public/ files by public (names with
// "public/", written in name order after the other files) and writes the
// archive back to its file. The other files keep their order.
func (a *Archive) Rewrite(t testing.TB, public map[string][]byte) {
	t.Helper()
	var keep []txtar.File
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "public/") {
			keep = append(keep, f)
		}
	}
	names := make([]string, 0, len(public))
	for n := range public {
		if !strings.HasPrefix(n, "public/") {
			t.Fatalf("Rewrite: %s is not under public/", n)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		keep = append(keep, txtar.File{Name: n, Data: public[n]})
	}
	a.Files = keep
	a.Public = public
	if err := os.WriteFile(a.Path, txtar.Format(&txtar.Archive{Comment: a.Comment, Files: keep}), 0o644); err != nil {
		t.Fatal(err)
	}
}
