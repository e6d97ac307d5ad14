// Package corpus generates a synthetic LOB handbook in lobsite's content
// model, for build benchmarks and large-site tests.
//
// A corpus of size n holds, under content/:
//
//	site.yaml                     school, titel, taal, model, schooljaar
//	_index.md                     plus one _index.md in each of the six folders below
//	competenties/<id>.md          the 5 fixed competencies, with nummer and kernvragen
//	kernvragen/<id>.md            the 7 fixed kernvragen, with volgorde and coachgesprek
//	modellen/model-1..4.md        the 4 models, with nummer
//	sectoren/<id>.md              8 sectors
//	opdrachten/opdracht-NNNNN.md  n exercises
//	kalender/activiteit-NNNNN.md  max(1, n/10) activities
//
// Every exercise body has three ## sections, each with a paragraph, a
// relative link to another exercise, bold and italic words, a four-item list
// and a ### heading over a three-item numbered list; the second section also
// holds a table. The corpus is valid for lobsite: every link target exists,
// heading texts within a page are unique, ids referenced in front matter
// exist, and every activity's datum is a real date in the school year
// 2026-08-01 .. 2027-07-31.
//
// Generation is deterministic: the same n gives the same bytes.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

var words = strings.Fields(`leerling loopbaan stage werk keuze gesprek mentor coach kwaliteit motief
beroep bedrijf sector vaardigheid reflectie doel plan netwerk praktijk
ontdekken onderzoeken vertellen kiezen oefenen samenwerken plannen
vragen luisteren presenteren evalueren bijstellen groeien leren
techniek zorg horeca groen logistiek detailhandel bouw schoonmaak
sterk motivatie interesse toekomst opleiding werkplek collega klant
de het een en van in op met voor naar bij over uit door`)

// competency is one of the five fixed loopbaancompetenties.
type competency struct {
	id         string
	title      string
	kernvragen []string
}

var competencies = []competency{
	{"kwaliteitenreflectie", "Kwaliteitenreflectie", []string{"wie-ben-ik", "wat-kan-ik"}},
	{"motievenreflectie", "Motievenreflectie", []string{"wat-wil-ik", "wat-drijft-mij"}},
	{"werkexploratie", "Werkexploratie", []string{"welk-werk-past-bij-mij"}},
	{"loopbaansturing", "Loopbaansturing", []string{"wat-wil-ik-worden"}},
	{"netwerken", "Netwerken", []string{"wie-kan-mij-helpen"}},
}

// question is one of the seven fixed kernvragen.
type question struct {
	id    string
	title string
	coach bool
}

var questions = []question{
	{"wie-ben-ik", "Wie ben ik?", true},
	{"wat-kan-ik", "Wat kan ik?", true},
	{"wat-wil-ik", "Wat wil ik?", true},
	{"wat-drijft-mij", "Wat drijft mij?", false},
	{"welk-werk-past-bij-mij", "Welk soort werk past bij mij?", false},
	{"wat-wil-ik-worden", "Wat wil ik worden?", false},
	{"wie-kan-mij-helpen", "Wie kan mij daarbij helpen?", false},
}

// sector is one of the eight sectors in the corpus.
type sector struct {
	id    string
	title string
}

var sectors = []sector{
	{"groen", "Groen"},
	{"techniek-en-metaal", "Techniek en metaal"},
	{"bouw", "Bouw"},
	{"zorg-en-welzijn", "Zorg en welzijn"},
	{"horeca-en-voeding", "Horeca en voeding"},
	{"logistiek", "Logistiek"},
	{"detailhandel", "Detailhandel"},
	{"schoonmaak-en-facilitair", "Schoonmaak en facilitair"},
}

var sections = []struct{ dir, title string }{
	{"competenties", "Loopbaancompetenties"},
	{"kernvragen", "Kernvragen"},
	{"sectoren", "Sectoren"},
	{"opdrachten", "Opdrachten"},
	{"kalender", "Kalender"},
	{"modellen", "Modellen"},
}

var (
	kinds      = []string{"bedrijfsbezoek", "gastspreker", "meeloopdag", "beurs", "workshop"}
	workForms  = []string{"individueel", "duo", "groep", "klassikaal"}
	durations  = []int{20, 30, 45, 60, 90}
	yearStart  = time.Date(2026, time.August, 1, 0, 0, 0, 0, time.UTC)
	yearEnd    = time.Date(2027, time.July, 31, 0, 0, 0, 0, time.UTC)
	schoolDays = int(yearEnd.Sub(yearStart).Hours()/24) + 1 // 365
)

// siteYAML is the fixed content/site.yaml of every corpus.
const siteYAML = "school: Praktijkschool De Wissel\ntitel: LOB-handboek\ntaal: nl\nmodel: 3\nschooljaar: 2026-2027\n"

// Files returns the whole corpus of size n as a map from slash-separated path,
// relative to the site folder (for example "content/opdrachten/opdracht-00007.md"),
// to file contents. A corpus of n = 10000 is about 30 MB; use Write for large n.
// A negative n is treated as 0.
func Files(n int) map[string][]byte {
	files := make(map[string][]byte)
	_ = generate(n, func(path string, data []byte) error {
		files[path] = bytes.Clone(data)
		return nil
	})
	return files
}

// Write writes the corpus of size n under dir (dir/content/...), creating
// folders as needed and overwriting files of the same name. It does not remove
// other files already in dir. Files are written one at a time, so memory use
// does not grow with n. The error is the first failed file operation.
func Write(dir string, n int) error {
	made := make(map[string]bool)
	return generate(n, func(path string, data []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(path))
		parent := filepath.Dir(full)
		if !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		return os.WriteFile(full, data, 0o644)
	})
}

// generator holds the state of one corpus generation.
type generator struct {
	r   *rand.Rand
	n   int
	buf bytes.Buffer
}

// generate calls emit once per corpus file, in a fixed order. The data slice
// is only valid during the call. It stops at the first error emit returns.
func generate(n int, emit func(path string, data []byte) error) error {
	n = max(n, 0)
	seed := uint64(n)
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), n: n}
	page := func(path string, fill func()) error {
		g.buf.Reset()
		fill()
		return emit(path, g.buf.Bytes())
	}
	var err error
	step := func(path string, fill func()) {
		if err == nil {
			err = page(path, fill)
		}
	}

	step("content/site.yaml", func() { g.buf.WriteString(siteYAML) })
	step("content/_index.md", func() {
		g.frontMatter("titel: LOB-handboek\n")
		g.para()
	})
	for _, s := range sections {
		step("content/"+s.dir+"/_index.md", func() {
			g.frontMatter("titel: " + s.title + "\n")
			g.para()
		})
	}
	for k, c := range competencies {
		step("content/competenties/"+c.id+".md", func() {
			g.frontMatter(fmt.Sprintf("titel: %s\nnummer: %d\nkernvragen: [%s]\n",
				c.title, k+1, strings.Join(c.kernvragen, ", ")))
			g.para()
			g.buf.WriteByte('\n')
			g.para()
		})
	}
	for k, q := range questions {
		step("content/kernvragen/"+q.id+".md", func() {
			g.frontMatter(fmt.Sprintf("titel: %q\nvolgorde: %d\ncoachgesprek: %t\n", q.title, k+1, q.coach))
			g.para()
		})
	}
	for k := range 4 {
		step(fmt.Sprintf("content/modellen/model-%d.md", k+1), func() {
			g.frontMatter(fmt.Sprintf("titel: Model %d\nnummer: %d\n", k+1, k+1))
			g.para()
		})
	}
	for _, s := range sectors {
		step("content/sectoren/"+s.id+".md", func() {
			g.frontMatter("titel: " + s.title + "\n")
			g.para()
		})
	}
	for i := range n {
		step(fmt.Sprintf("content/opdrachten/opdracht-%05d.md", i), func() { g.exercise(i) })
	}
	for i := range max(1, n/10) {
		step(fmt.Sprintf("content/kalender/activiteit-%05d.md", i), func() { g.activity(i) })
	}
	return err
}

// frontMatter writes fields (YAML lines, each ending in a newline) between
// --- lines, followed by a blank line.
func (g *generator) frontMatter(fields string) {
	g.buf.WriteString("---\n")
	g.buf.WriteString(fields)
	g.buf.WriteString("---\n\n")
}

// words writes k random words separated by spaces, the first capitalised.
func (g *generator) words(k int) {
	for j := range k {
		w := words[g.r.IntN(len(words))]
		if j == 0 {
			g.buf.WriteString(strings.ToUpper(w[:1]))
			g.buf.WriteString(w[1:])
			continue
		}
		g.buf.WriteByte(' ')
		g.buf.WriteString(w)
	}
}

// sentence writes k words and a full stop; k = 0 picks 8..18 words.
func (g *generator) sentence(k int) {
	if k == 0 {
		k = 8 + g.r.IntN(11)
	}
	g.words(k)
	g.buf.WriteByte('.')
}

// para writes a paragraph of 3..6 sentences and a newline.
func (g *generator) para() {
	for j := range 3 + g.r.IntN(4) {
		if j > 0 {
			g.buf.WriteByte(' ')
		}
		g.sentence(0)
	}
	g.buf.WriteByte('\n')
}

// word returns one random word.
func (g *generator) word() string { return words[g.r.IntN(len(words))] }

// sample returns k distinct items of from, in their order in from.
func sample[T any](r *rand.Rand, from []T, k int) []T {
	idx := r.Perm(len(from))[:k]
	picked := make([]bool, len(from))
	for _, i := range idx {
		picked[i] = true
	}
	out := make([]T, 0, k)
	for i, v := range from {
		if picked[i] {
			out = append(out, v)
		}
	}
	return out
}

// exercise writes opdracht i: front matter and a body of three sections.
func (g *generator) exercise(i int) {
	comps := sample(g.r, competencies, 1+g.r.IntN(2))
	ids := make([]string, len(comps))
	for k, c := range comps {
		ids[k] = c.id
	}
	years := sample(g.r, []int{1, 2, 3, 4, 5}, 1+g.r.IntN(3))
	ys := make([]string, len(years))
	for k, y := range years {
		ys[k] = strconv.Itoa(y)
	}
	g.buf.WriteString("---\ntitel: Opdracht ")
	g.buf.WriteString(strconv.Itoa(i))
	g.buf.WriteByte(' ')
	g.words(3)
	fmt.Fprintf(&g.buf, "\ncompetenties: [%s]\nleerjaren: [%s]\nduur: %d\nwerkvorm: %s\n---\n\n",
		strings.Join(ids, ", "), strings.Join(ys, ", "),
		durations[g.r.IntN(len(durations))], workForms[g.r.IntN(len(workForms))])

	for h := 1; h <= 3; h++ {
		// The trailing number keeps the section headings unique in the page.
		g.buf.WriteString("## ")
		g.words(4)
		fmt.Fprintf(&g.buf, " %d\n\n", h)
		g.para()
		j := g.r.IntN(g.n)
		if j == i && g.n > 1 {
			j = (j + 1) % g.n
		}
		fmt.Fprintf(&g.buf, "\nZie ook [opdracht %d](opdracht-%05d.md) en **%s** met *%s*.\n\n", j, j, g.word(), g.word())
		for range 4 {
			g.buf.WriteString("- ")
			g.sentence(6)
			g.buf.WriteByte('\n')
		}
		g.buf.WriteByte('\n')
		if h == 2 {
			g.buf.WriteString("| Stap | Wat doe je? | Tijd |\n|---|---|---|\n")
			for k := 1; k <= 4; k++ {
				fmt.Fprintf(&g.buf, "| %d | ", k)
				g.sentence(5)
				fmt.Fprintf(&g.buf, " | %d min |\n", 5+g.r.IntN(26))
			}
			g.buf.WriteByte('\n')
		}
		fmt.Fprintf(&g.buf, "### Reflectie %d\n\n", h)
		for k := 1; k <= 3; k++ {
			fmt.Fprintf(&g.buf, "%d. ", k)
			g.words(7)
			g.buf.WriteString("?\n")
		}
		if h < 3 {
			g.buf.WriteByte('\n')
		}
	}
}

// activity writes kalender activity i, dated inside the school year.
func (g *generator) activity(i int) {
	date := yearStart.AddDate(0, 0, g.r.IntN(schoolDays))
	g.buf.WriteString("---\ntitel: Activiteit ")
	g.buf.WriteString(strconv.Itoa(i))
	g.buf.WriteByte(' ')
	g.words(3)
	fmt.Fprintf(&g.buf, "\nsoort: %s\ndatum: %s\nleerjaren: [%d]\nsectoren: [%s]\ncompetenties: [werkexploratie, netwerken]\n---\n\n",
		kinds[g.r.IntN(len(kinds))], date.Format(time.DateOnly), 1+g.r.IntN(5), sectors[g.r.IntN(len(sectors))].id)
	g.para()
	g.buf.WriteByte('\n')
	g.para()
}
