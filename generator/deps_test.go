package generator

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lobsite/generator/internal/archive"
)

// overrides are themes that read other pages in the ways a school's theme
// might, for the incremental-equals-full oracle: each is a set of files
// under themes/default/.
var overrides = map[string]map[string]string{
	"geen": nil,
	// A free page lists every exercise: read through .Site, recorded.
	"pagina-opdrachten": {"layouts/pagina.html": `{{define "inhoud"}}<article>{{template "kop" .}}<div class="tekst">{{.Body}}</div>
<ul>{{range .Site.Exercises}}<li>{{.Title}} ({{jaren .Exercise.Years}})</li>{{end}}</ul></article>{{end}}`},
	// Two hops: a sector shows, per exercise, the activities using it; a
	// competency the guides of its kernvragen. Rel of another page cannot
	// be recorded, so these layouts read the whole site.
	"twee-stappen": {
		"layouts/sector.html": `{{define "inhoud"}}<article>{{template "kop" .}}<div class="tekst">{{.Body}}</div>
<ul>{{range .Page.Sector.Rel.Exercises}}<li>{{.Title}}: {{range .Exercise.Rel.Activities}}{{.Title}} {{end}}</li>{{end}}</ul></article>{{end}}`,
		"layouts/competentie.html": `{{define "inhoud"}}<article>{{template "kop" .}}<div class="tekst">{{.Body}}</div>
{{with .Page.Competency}}<ul>{{range .Rel.Questions}}<li>{{.Title}}: {{$.InlineLinks .Question.Rel.Guides}}</li>{{end}}</ul>{{end}}</article>{{end}}`,
	},
	// The home page lists every page; the header shows the sections'
	// lists, through .Site.Home in a partial.
	"alle-paginas": {
		"layouts/home.html": `{{define "inhoud"}}<h1>{{.Page.Title}}</h1><ul>{{range .Site.Pages}}<li>{{.Title}}</li>{{end}}</ul>{{end}}`,
		"layouts/_delen.html": `{{define "kopbalk"}}<header><a href="{{.Link .Site.Home}}">{{.S.Title}}</a><ul>{{range .Site.Home.List.Pages}}<li>{{.Title}}</li>{{end}}</ul>
<nav><ul>{{range .Nav}}<li><a href="{{.URL}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a></li>{{end}}</ul></nav></header>{{end}}
{{define "bronnen"}}<link rel="stylesheet" href="{{.Asset "style.css"}}">{{end}}
{{define "voetbalk"}}<footer>{{.S.School}}{{with .Site.ChosenModel}} · {{.Title}}{{end}}</footer>{{end}}`,
	},
}

// builtWith writes the klein site with the theme files over it, and builds
// it with a Builder kept for incremental builds.
func builtWith(t *testing.T, theme map[string]string) (dir, dest string, b *Builder) {
	t.Helper()
	dir = t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	files := map[string]string{}
	for name, data := range theme {
		files["themes/default/"+name] = data
	}
	writeSiteFiles(t, dir, files)
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

// TestIncrementalArchives runs the archives in testdata/incremental: each
// is the klein site with a theme override (the second case of issue 9 among
// them), an edit under na/, and what the output must show after an
// incremental build of that edit ("bevat": path, tab, text). The output
// must also equal a full build, and fewer pages than all be rendered.
func TestIncrementalArchives(t *testing.T) {
	for _, file := range archive.List(t, "testdata/incremental") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a := archive.Read(t, file)
			theme, edit := map[string]string{}, map[string]string{}
			for name, data := range a.SourceText() {
				if after, ok := strings.CutPrefix(name, "na/"); ok {
					edit[after] = data
				} else if after, ok := strings.CutPrefix(name, "themes/default/"); ok {
					theme[after] = data
				} else {
					t.Fatalf("%s: only themes/default/ and na/ files are read", name)
				}
			}
			if len(edit) == 0 || a.Note("bevat") == "" {
				t.Fatal("an archive needs files under na/ and a note bevat")
			}
			dir, dest, b := builtWith(t, theme)
			writeSiteFiles(t, dir, edit)
			res, err := b.Build(sortedKeys(edit))
			if err != nil {
				t.Fatal(err)
			}
			got := readTree(t, dest)
			for _, line := range strings.Split(a.Note("bevat"), "\n") {
				page, text, ok := strings.Cut(line, "\t")
				if !ok {
					t.Fatalf("bevat: %q is not path<tab>text", line)
				}
				if !strings.Contains(string(got["public/"+page]), text) {
					t.Errorf("%s does not contain %q after the edit:\n%s", page, text, got["public/"+page])
				}
			}
			sameTrees(t, "after the edit", got, fullTree(t, dir))
			if res.Rendered >= res.Pages-1 {
				t.Errorf("rendered %d of %d pages: the recorded reads did not narrow the rebuild", res.Rendered, res.Pages)
			}
		})
	}
}

// TestPartialPageDataKeepsOutput gives a built site a partial that shows
// page data: the build fails (see testdata/errors/thema-deel-pagina.txtar)
// and the output stays as it was.
func TestPartialPageDataKeepsOutput(t *testing.T) {
	dir, dest, b := builtWith(t, nil)
	before := readTree(t, dest)
	writeSiteFiles(t, dir, map[string]string{"themes/default/layouts/_delen.html": `{{define "kopbalk"}}<h1>{{.Page.Title}}</h1>{{end}}{{define "bronnen"}}{{end}}{{define "voetbalk"}}{{end}}`})
	_, err := b.Build([]string{"themes/default/layouts/_delen.html"})
	if err == nil || !strings.Contains(err.Error(), "themes/default/layouts/_delen.html:1:") || !strings.Contains(err.Error(), "krijgt niets van de pagina") {
		t.Fatalf("build with a partial showing .Page.Title: %v", err)
	}
	sameTrees(t, "after error", readTree(t, dest), before)
}

// TestIncrementalOverridesRandomEdits edits the klein site at random (a
// seeded sequence: titles, bodies, cross-links, new and deleted pages)
// under each theme of overrides, and checks after every incremental
// rebuild that the output equals a full build.
func TestIncrementalOverridesRandomEdits(t *testing.T) {
	steps := 12
	if testing.Short() {
		steps = 3
	}
	for _, name := range sortedKeys(overrides) {
		t.Run(name, func(t *testing.T) {
			dir, dest, b := builtWith(t, overrides[name])
			rng := rand.New(rand.NewPCG(9, uint64(len(name))))
			for i := range steps {
				what, changed := randomEdit(t, rng, dir, i)
				if _, err := b.Build(changed); err != nil {
					t.Fatalf("step %d (%s): %v", i, what, err)
				}
				sameTrees(t, fmt.Sprintf("step %d (%s)", i, what), readTree(t, dest), fullTree(t, dir))
			}
		})
	}
}

var titleLine = regexp.MustCompile(`(?m)^(titel: |titel = "|  "titel": ")([^"\n]*)`)

// randomEdit makes one random change to the site in dir and returns what
// it did and the changed paths.
func randomEdit(t *testing.T, rng *rand.Rand, dir string, step int) (string, []string) {
	t.Helper()
	var pages []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	pick := pages[rng.IntN(len(pages))]
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	write := func(name, data string) { writeSiteFiles(t, dir, map[string]string{name: data}) }
	comps := []string{"netwerken", "kwaliteitenreflectie"}
	qs := []string{"wie-ben-ik", "wie-kan-mij-helpen"}
	switch rng.IntN(6) {
	case 0:
		src := read(pick)
		write(pick, titleLine.ReplaceAllString(src, fmt.Sprintf("${1}${2} %d", step)))
		return "title of " + pick, []string{pick}
	case 1:
		write(pick, read(pick)+fmt.Sprintf("\nRegel %d.\n", step))
		return "body of " + pick, []string{pick}
	case 2:
		name := fmt.Sprintf("content/opdrachten/nieuw-%d.md", step)
		write(name, fmt.Sprintf("---\ntitel: Nieuw %d\ncompetenties: [%s]\nkernvragen: [%s]\nleerjaren: [%d]\nsectoren: [groen]\n---\nNieuw.\n", step, comps[rng.IntN(2)], qs[rng.IntN(2)], 1+rng.IntN(4)))
		return "new " + name, []string{name}
	case 3:
		name := fmt.Sprintf("content/kalender/nieuw-%d.md", step)
		ex := "netwerkkaart"
		for _, p := range pages {
			if strings.HasPrefix(p, "content/opdrachten/") && rng.IntN(2) == 0 {
				ex = strings.TrimSuffix(filepath.Base(p), ".md")
			}
		}
		write(name, fmt.Sprintf("---\ntitel: Activiteit %d\nsoort: workshop\ndatum: 2026-11-%02d\nleerjaren: [1]\nopdrachten: [%s]\n---\n", step, 1+rng.IntN(28), ex))
		return "new " + name + " using " + ex, []string{name}
	case 4:
		for _, p := range pages {
			if strings.Contains(p, "/nieuw-") {
				os.Remove(filepath.Join(dir, p))
				return "delete " + p, []string{p}
			}
		}
		fallthrough
	default:
		name := "content/gesprekken/coachgesprek.md"
		write(name, fmt.Sprintf("---\ntitel: Het coachgesprek %d\nsoort: coachgesprek\nkernvragen: [%s]\n---\nHet gesprek.\n", step, qs[rng.IntN(2)]))
		return "kernvraag of the guide", []string{name}
	}
}

// FuzzIncrementalOverrides is TestIncrementalOverridesRandomEdits with the
// seed and the theme chosen by the fuzzer: three random edits, each
// followed by an incremental build that must equal a full one.
//
//	go test -run '^$' -fuzz FuzzIncrementalOverrides -fuzztime 1m ./generator/
func FuzzIncrementalOverrides(f *testing.F) {
	names := sortedKeys(overrides)
	for i := range names {
		f.Add(uint64(i), uint8(i))
	}
	f.Fuzz(func(t *testing.T, seed uint64, theme uint8) {
		if testing.Short() {
			t.Skip("the seeds are what TestIncrementalOverridesRandomEdits runs; skipped with -short")
		}
		name := names[int(theme)%len(names)]
		dir, dest, b := builtWith(t, overrides[name])
		rng := rand.New(rand.NewPCG(seed, 9))
		for i := range 3 {
			what, changed := randomEdit(t, rng, dir, i)
			if _, err := b.Build(changed); err != nil {
				t.Fatalf("%s, step %d (%s): %v", name, i, what, err)
			}
			sameTrees(t, fmt.Sprintf("%s, step %d (%s)", name, i, what), readTree(t, dest), fullTree(t, dir))
		}
	})
}
