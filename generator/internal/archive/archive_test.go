package archive

import (
	"os"
	"path/filepath"
	"testing"
)

const sample = `Een site met een verwachte uitvoer.
-- content/site.yaml --
school: X
-- themes/eigen/layouts/pagina.html --
<p>
-- want --
  content/a.md:1:1: fout

-- public/b/index.html --
oud
-- public/a/index.html --
oud
`

// TestReadSplitsAndRewriteKeepsTheRest reads an archive, checks how its
// files are sorted, rewrites its output and reads it back.
func TestReadSplitsAndRewriteKeepsTheRest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "site.txtar")
	if err := os.WriteFile(path, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := List(t, filepath.Dir(path)); len(got) != 1 || got[0] != path {
		t.Errorf("List = %v, want [%s]", got, path)
	}
	a := Read(t, path)
	if len(a.Source) != 2 || string(a.Source["content/site.yaml"].Data) != "school: X\n" || a.Source["themes/eigen/layouts/pagina.html"] == nil {
		t.Errorf("Source = %v", a.SourceText())
	}
	if len(a.Public) != 2 || string(a.Public["public/a/index.html"]) != "oud\n" {
		t.Errorf("Public = %q", a.Public)
	}
	if got := a.Note("want"); got != "content/a.md:1:1: fout" {
		t.Errorf("Note(want) = %q", got)
	}
	if got := a.Note("verboden"); got != "" {
		t.Errorf("Note(verboden) = %q, want none", got)
	}
	if got := a.SourceText()["content/site.yaml"]; got != "school: X\n" {
		t.Errorf("SourceText = %q", got)
	}

	a.Rewrite(t, map[string][]byte{"public/c/index.html": []byte("nieuw\n"), "public/a/index.html": []byte("ook nieuw\n")})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `Een site met een verwachte uitvoer.
-- content/site.yaml --
school: X
-- themes/eigen/layouts/pagina.html --
<p>
-- want --
  content/a.md:1:1: fout

-- public/a/index.html --
ook nieuw
-- public/c/index.html --
nieuw
`
	if string(data) != want {
		t.Errorf("rewritten archive:\n%s\nwant:\n%s", data, want)
	}
	if b := Read(t, path); len(b.Public) != 2 || b.Public["public/b/index.html"] != nil {
		t.Errorf("read back: Public = %q", b.Public)
	}
}
