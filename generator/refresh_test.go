package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefreshEqualsFull edits the klein site under every theme of
// overrides, in the order a teacher might: body edits (the short way, see
// refresh), a body edit that breaks an anchor another page links to, a
// broken link followed by an edit of another page, a title edit, a new and
// a removed page, and a theme change. After every good build the output
// must equal a full build; after a failed one it must be as it was. It
// also checks which way each build took: a body edit keeps the site model
// (the same *content.Site), anything else makes a new one.
func TestRefreshEqualsFull(t *testing.T) {
	const ex = "content/opdrachten/netwerkkaart.md"
	const visie = "content/handboek/visie.md"
	for _, name := range sortedKeys(overrides) {
		t.Run(name, func(t *testing.T) {
			dir, dest, b := builtWith(t, overrides[name])
			read := func(p string) string {
				data, err := os.ReadFile(filepath.Join(dir, p))
				if err != nil {
					t.Fatal(err)
				}
				return string(data)
			}
			exSrc, visieSrc := read(ex), read(visie)
			steps := []struct {
				name    string
				files   map[string]string // written; "" removes the file
				short   bool              // the site model is kept
				fails   string            // the build fails with this in its error
				renders int               // pages rendered, -1: not checked
			}{
				// An exercise shows in its worksheet and the bundles of its two
				// leerjaren; a handbook page in the print page (afdrukken/).
				{"body edit", map[string]string{ex: exSrc + "\nNog een regel.\n"}, true, "", 4},
				// A new heading changes the exercise's sections (its worksheet
				// part): the long way.
				{"second body edit", map[string]string{ex: exSrc + "\nNog een regel.\n\n## Nieuwe kop\n"}, false, "", -1},
				{"saved unchanged", map[string]string{ex: exSrc + "\nNog een regel.\n\n## Nieuwe kop\n"}, true, "", 0},
				// The home page links to visie.md#waarom-lob.
				{"anchor removed", map[string]string{visie: strings.Replace(visieSrc, "## Waarom LOB?", "## Waarom dit?", 1)}, true, "#waarom-lob", -1},
				// After a failed build the long way is taken, and the
				// output is back to the last good one.
				{"anchor back", map[string]string{visie: visieSrc}, false, "", 0},
				{"broken link", map[string]string{ex: exSrc + "\nZie [weg](weg.md).\n"}, true, "weg.md", -1},
				{"other page while broken", map[string]string{visie: visieSrc + "\nMeer tekst.\n"}, false, "weg.md", -1},
				{"link fixed", map[string]string{ex: exSrc}, false, "", -1},
				{"body edit again", map[string]string{visie: visieSrc}, true, "", 2},
				{"title edit", map[string]string{ex: strings.Replace(exSrc, "titel: Netwerkkaart", "titel: Mijn netwerk", 1)}, false, "", -1},
				{"new page", map[string]string{"content/opdrachten/trots.md": "---\ntitel: Trotsposter\ncompetenties: [netwerken]\nleerjaren: [3]\n---\nMaak een poster.\n"}, false, "", -1},
				{"body of the new page", map[string]string{"content/opdrachten/trots.md": "---\ntitel: Trotsposter\ncompetenties: [netwerken]\nleerjaren: [3]\n---\nMaak een grote poster.\n"}, true, "", 1},
				{"page removed", map[string]string{"content/opdrachten/trots.md": ""}, false, "", -1},
				{"theme changed", map[string]string{"themes/default/layouts/pagina.html": `{{define "inhoud"}}<article><h1>{{.Page.Title}}</h1>{{.Body}}</article>{{end}}`}, false, "", -1},
				{"body edit after the theme", map[string]string{visie: visieSrc + "\nLaatste regel.\n"}, true, "", 2},
			}
			good := readTree(t, dest)
			for _, s := range steps {
				files := map[string]string{}
				for p, data := range s.files {
					if data == "" {
						if err := os.Remove(filepath.Join(dir, p)); err != nil {
							t.Fatal(err)
						}
						continue
					}
					files[p] = data
				}
				writeSiteFiles(t, dir, files)
				before := b.site
				res, err := b.Build(sortedKeys(s.files))
				if short := before != nil && b.site == before; s.fails == "" && short != s.short {
					t.Errorf("%s: kept the site model: %v, want %v", s.name, short, s.short)
				}
				got := readTree(t, dest)
				if s.fails != "" {
					if err == nil || !strings.Contains(err.Error(), s.fails) {
						t.Fatalf("%s: got error %v, want one about %s", s.name, err, s.fails)
					}
					sameTrees(t, s.name+" (failed)", got, good)
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				if s.renders >= 0 && res.Rendered != s.renders {
					t.Errorf("%s: rendered %d pages, want %d", s.name, res.Rendered, s.renders)
				}
				sameTrees(t, s.name, got, fullTree(t, dir))
				good = got
			}
		})
	}
}
