package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes the source files of a txtar test site under dir.
func writeSite(t *testing.T, archive, dir string) {
	t.Helper()
	_, src, _ := readArchive(t, archive)
	files := map[string]string{}
	for name, f := range src {
		files[name] = string(f.Data)
	}
	writeSiteFiles(t, dir, files)
}

// fullTree builds dir from scratch into a fresh folder and reads it back.
func fullTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	dest, _, err := buildSiteDir(t, dir, Options{})
	if err != nil {
		t.Fatalf("full build: %v", err)
	}
	return readTree(t, dest)
}

func sameTrees(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for n, w := range want {
		g, ok := got[n]
		if !ok {
			t.Errorf("%s: %s missing after incremental build", step, n)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build", step, n)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: %s is stale: a full build does not make it", step, n)
		}
	}
}

// builtKlein writes the klein test site to disk, builds it with a Builder
// that is kept for incremental builds, and returns the site folder, the
// output folder and the Builder.
func builtKlein(t *testing.T) (dir, dest string, b *Builder) {
	t.Helper()
	dir = t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	dest = filepath.Join(t.TempDir(), "public")
	b, err := NewBuilder(Options{Source: dir, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	return dir, dest, b
}

// TestIncrementalEqualsFull edits a site step by step and checks after
// every incremental rebuild that the output equals a full build of the same
// files, byte for byte, and that a body edit re-renders only its page
// (and what shows that body: its worksheet and the bundles of its two
// leerjaren).
func TestIncrementalEqualsFull(t *testing.T) {
	dir, dest, b := builtKlein(t)
	write := func(name, data string) { writeSiteFiles(t, dir, map[string]string{name: data}) }
	steps := []struct {
		name     string
		change   func()
		changed  []string
		rendered int // -1: don't check
	}{
		{"body edit", func() {
			write("content/opdrachten/netwerkkaart.md", "---\ntitel: Netwerkkaart\nsamenvatting: Teken wie jou kan helpen.\ncompetenties: [netwerken]\nkernvragen: [wie-ben-ik]\nleerjaren: [1, 2]\nduur: 45\nwerkvorm: individueel\nsectoren: [groen]\nmaterialen: [groot vel papier, stiften]\n---\n## Doel\n\nNieuwe tekst.\n\n## Werkblad\n\n1. Wie ken jij?\n")
		}, []string{"content/opdrachten/netwerkkaart.md"}, 4},
		{"title edit", func() {
			write("content/sectoren/groen.md", "---\ntitel: Groen en dier\nberoepen: [hovenier]\n---\n")
		}, []string{"content/sectoren/groen.md"}, -1},
		{"new page", func() {
			write("content/opdrachten/trots.md", "---\ntitel: Trotsposter\ncompetenties: [kwaliteitenreflectie]\nleerjaren: [3]\n---\nMaak een poster.\n")
		}, []string{"content/opdrachten/trots.md"}, -1},
		{"new folder", func() {
			write("content/extra/nieuw/pagina.md", "---\ntitel: Extra\n---\nTekst met [link](../../handboek/visie.md).\n")
		}, []string{"content/extra"}, -1},
		{"delete page", func() {
			os.Remove(filepath.Join(dir, "content/opdrachten/trots.md"))
		}, []string{"content/opdrachten/trots.md"}, -1},
		{"delete folder", func() {
			os.RemoveAll(filepath.Join(dir, "content/extra"))
		}, []string{"content/extra"}, -1},
		{"rename image", func() {
			os.Rename(filepath.Join(dir, "content/handboek/schema.png"), filepath.Join(dir, "content/handboek/plaatje.png"))
			write("content/handboek/visie.md", "---\ntitel: Onze visie\n---\n## Waarom LOB?\n\n![Schema](plaatje.png)\n")
		}, []string{"content/handboek/schema.png", "content/handboek/plaatje.png", "content/handboek/visie.md"}, -1},
		{"edit image", func() {
			write("content/handboek/plaatje.png", "PNG, nu groter")
		}, []string{"content/handboek/plaatje.png"}, 0},
		// Overviews in a page's text: the page is rendered again when what
		// they show changes, and only then.
		{"overview page", func() {
			write("content/plan.md", "---\ntitel: Plan\n---\n## Jaarplan\n\n{{< jaarplan >}}\n\n## Perioden\n\n{{< perioden >}}\n\n## Leerlijn\n\n{{< leerlijn >}}\n")
		}, []string{"content/plan.md"}, -1},
		{"activity in the jaarplan", func() {
			write("content/kalender/beurs.md", "---\ntitel: Beroepenbeurs\nsoort: beurs\ndatum: 2026-11-05\nleerjaren: [3]\ncompetenties: [kwaliteitenreflectie]\n---\n")
		}, []string{"content/kalender/beurs.md"}, -1},
		{"activity moves to another year", func() {
			write("content/kalender/beurs.md", "---\ntitel: Beroepenbeurs in de hal\nsoort: beurs\ndatum: 2026-12-01\nleerjaren: [1, 4]\ncompetenties: [netwerken]\n---\n")
		}, []string{"content/kalender/beurs.md"}, -1},
		{"exercise in the leerlijn", func() {
			write("content/opdrachten/cv.md", "---\ntitel: Mijn cv\ncompetenties: [kwaliteitenreflectie]\nleerjaren: [4]\n---\nSchrijf je cv.\n")
		}, []string{"content/opdrachten/cv.md"}, -1},
		{"exercise body: not in an overview", func() {
			write("content/opdrachten/cv.md", "---\ntitel: Mijn cv\ncompetenties: [kwaliteitenreflectie]\nleerjaren: [4]\n---\nSchrijf je eerste cv.\n")
		}, []string{"content/opdrachten/cv.md"}, 1},
		{"settings", func() {
			write("content/site.yaml", "school: Praktijkschool Testveld\ntitel: LOB-boek\nmodel: 3\nschooljaar: 2026-2027\nleerjaren: 4\n")
		}, []string{"content/site.yaml"}, -1},
	}
	for _, s := range steps {
		s.change()
		res, err := b.Build(s.changed)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.rendered >= 0 && res.Rendered != s.rendered {
			t.Errorf("%s: rendered %d pages, want %d", s.name, res.Rendered, s.rendered)
		}
		got := readTree(t, dest)
		sameTrees(t, s.name, got, fullTree(t, dir))
		for _, want := range overviewShows[s.name] {
			if !strings.Contains(string(got["public/plan/index.html"]), want) {
				t.Errorf("%s: plan/ does not show %q", s.name, want)
			}
		}
	}
}

// overviewShows is what the overviews of plan/ show after a step
// of TestIncrementalEqualsFull.
var overviewShows = map[string][]string{
	"overview page":                  {`<a href="../kalender/kwekerij/">Bezoek aan de kwekerij</a>`, "Periode 2", `<a href="../opdrachten/netwerkkaart/">Netwerkkaart</a> (1 en 2)`},
	"activity in the jaarplan":       {`<a href="../kalender/beurs/">Beroepenbeurs</a>`},
	"activity moves to another year": {`<a href="../kalender/beurs/">Beroepenbeurs in de hal</a>`},
	"exercise in the leerlijn":       {`<a href="../opdrachten/cv/">Mijn cv</a> (4)`},
}

// TestIncrementalErrorKeepsOutput breaks a page during incremental builds:
// the output stays as it was, and fixing the page brings the build back.
func TestIncrementalErrorKeepsOutput(t *testing.T) {
	dir, dest, b := builtKlein(t)
	before := readTree(t, dest)
	page := filepath.Join(dir, "content/competenties/netwerken.md")
	good, _ := os.ReadFile(page)
	os.WriteFile(page, []byte("---\ntitel: Netwerken\nnummer: 2\nkernvragen: [wie-kan-mij-helpn]\n---\nKapot.\n"), 0o644)
	if _, err := b.Build([]string{"content/competenties/netwerken.md"}); err == nil {
		t.Fatal("build with an unknown kernvraag succeeded")
	}
	sameTrees(t, "after error", readTree(t, dest), before)
	os.WriteFile(page, good, 0o644)
	res, err := b.Build([]string{"content/competenties/netwerken.md"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 0 {
		// The page is back to the bytes of the last good build.
		t.Errorf("rendered %d pages after restoring the file, want 0", res.Rendered)
	}
	sameTrees(t, "after fix", readTree(t, dest), before)
}
