package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"
)

func mapFS(files map[string][]byte) fstest.MapFS {
	m := make(fstest.MapFS, len(files))
	for p, data := range files {
		m[p] = &fstest.MapFile{Data: data}
	}
	return m
}

// splitPage returns the YAML front matter and the body of a Markdown page.
func splitPage(t *testing.T, name string, data []byte) (map[string]any, string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		t.Fatalf("%s: begint niet met ---", name)
	}
	fm, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		t.Fatalf("%s: geen afsluitende ---", name)
	}
	var meta map[string]any
	if err := yaml.Unmarshal(fm, &meta); err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	return meta, string(body)
}

func TestDeterministic(t *testing.T) {
	a, b := Files(120), Files(120)
	if len(a) != len(b) {
		t.Fatalf("len %d != %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s verschilt tussen twee runs", p)
		}
	}
	c := Files(121)
	if bytes.Equal(a["content/opdrachten/opdracht-00000.md"], c["content/opdrachten/opdracht-00000.md"]) {
		t.Errorf("n=120 en n=121 geven dezelfde eerste opdracht; seed hangt niet af van n")
	}
}

func TestWriteMatchesFiles(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 30); err != nil {
		t.Fatal(err)
	}
	want := Files(30)
	got := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, want[rel]) {
			t.Errorf("%s: op schijf anders dan Files", rel)
		}
		got++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(want) {
		t.Errorf("%d bestanden geschreven, Files heeft er %d", got, len(want))
	}
}

func TestCounts(t *testing.T) {
	for _, tc := range []struct{ n, exercises, activities int }{
		{0, 0, 1},
		{1, 1, 1},
		{25, 25, 2},
		{1000, 1000, 100},
	} {
		files := Files(tc.n)
		count := map[string]int{}
		for p := range files {
			count[path.Dir(p)]++
		}
		want := map[string]int{
			"content":              2, // site.yaml and _index.md
			"content/competenties": 5 + 1,
			"content/kernvragen":   7 + 1,
			"content/modellen":     4 + 1,
			"content/sectoren":     8 + 1,
			"content/opdrachten":   tc.exercises + 1,
			"content/kalender":     tc.activities + 1,
		}
		for dir, w := range want {
			if count[dir] != w {
				t.Errorf("n=%d: %s heeft %d bestanden, want %d", tc.n, dir, count[dir], w)
			}
		}
		if len(count) != len(want) {
			t.Errorf("n=%d: mappen %v, want %v", tc.n, count, want)
		}
	}
}

var linkRE = regexp.MustCompile(`\]\(([^)#]+)(#[^)]*)?\)`)

func TestLinksResolve(t *testing.T) {
	files := Files(200)
	fsys := mapFS(files)
	links := 0
	for p, data := range files {
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			target := path.Join(path.Dir(p), string(m[1]))
			if _, err := fs.Stat(fsys, target); err != nil {
				t.Errorf("%s: link naar %s: %v", p, m[1], err)
			}
			if target == p {
				t.Errorf("%s: linkt naar zichzelf", p)
			}
			links++
		}
	}
	if links != 3*200 {
		t.Errorf("%d links gevonden, want %d", links, 3*200)
	}
}

func TestReferencedIDsExist(t *testing.T) {
	files := Files(300)
	for p, data := range files {
		if path.Ext(p) != ".md" {
			continue
		}
		meta, _ := splitPage(t, p, data)
		if _, ok := meta["titel"].(string); !ok {
			t.Errorf("%s: titel ontbreekt of is geen tekst: %v", p, meta["titel"])
		}
		for key, dir := range map[string]string{
			"competenties": "competenties", "kernvragen": "kernvragen", "sectoren": "sectoren",
		} {
			ids, _ := meta[key].([]any)
			for _, id := range ids {
				target := "content/" + dir + "/" + id.(string) + ".md"
				if files[target] == nil {
					t.Errorf("%s: %s verwijst naar %s, dat niet bestaat", p, key, target)
				}
			}
		}
	}
}

var headingRE = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)

func TestExerciseShape(t *testing.T) {
	files := Files(50)
	for i := range 50 {
		p := fmt.Sprintf("content/opdrachten/opdracht-%05d.md", i)
		meta, body := splitPage(t, p, files[p])
		if !strings.HasPrefix(meta["titel"].(string), "Opdracht ") {
			t.Errorf("%s: titel %q", p, meta["titel"])
		}
		for _, key := range []string{"competenties", "leerjaren", "duur", "werkvorm"} {
			if meta[key] == nil {
				t.Errorf("%s: %s ontbreekt", p, key)
			}
		}
		seen := map[string]bool{}
		var h2, h3 int
		for _, m := range headingRE.FindAllStringSubmatch(body, -1) {
			text := m[1]
			if seen[text] {
				t.Errorf("%s: kop %q komt twee keer voor", p, text)
			}
			seen[text] = true
			switch {
			case strings.HasPrefix(m[0], "### "):
				h3++
			case strings.HasPrefix(m[0], "## "):
				h2++
			}
		}
		if h2 != 3 || h3 != 3 {
			t.Errorf("%s: %d ## en %d ### koppen, want 3 en 3", p, h2, h3)
		}
		if got := strings.Count(body, "\n| "); got != 5 {
			t.Errorf("%s: %d tabelregels, want 5 (kop + 4)", p, got)
		}
		if got := strings.Count(body, "\n- "); got != 12 {
			t.Errorf("%s: %d lijstpunten, want 12", p, got)
		}
		if got := strings.Count(body, "\n1. "); got != 3 {
			t.Errorf("%s: %d genummerde lijsten, want 3", p, got)
		}
		if !strings.Contains(body, "**") || !strings.Contains(body, " *") {
			t.Errorf("%s: geen vet of cursief", p)
		}
	}
}

func TestActivityDates(t *testing.T) {
	files := Files(2000)
	first := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2027, 7, 31, 0, 0, 0, 0, time.UTC)
	n := 0
	for p, data := range files {
		if !strings.HasPrefix(p, "content/kalender/activiteit-") {
			continue
		}
		// Read datum as text: yaml.v3 would turn it into a time.Time and hide
		// whether the text itself is a well-formed YYYY-MM-DD.
		_, after, ok := bytes.Cut(data, []byte("\ndatum: "))
		if !ok {
			t.Errorf("%s: geen datum", p)
			continue
		}
		text, _, _ := bytes.Cut(after, []byte("\n"))
		d, err := time.Parse(time.DateOnly, string(text))
		if err != nil {
			t.Errorf("%s: datum %q: %v", p, text, err)
			continue
		}
		if d.Before(first) || d.After(last) {
			t.Errorf("%s: datum %s buiten het schooljaar", p, text)
		}
		n++
	}
	if n != 200 {
		t.Errorf("%d activiteiten, want 200", n)
	}
}

func TestSiteYAML(t *testing.T) {
	var site map[string]any
	if err := yaml.Unmarshal(Files(1)["content/site.yaml"], &site); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"school", "titel", "taal", "model", "schooljaar"} {
		if site[key] == nil {
			t.Errorf("site.yaml: %s ontbreekt", key)
		}
	}
	if site["model"] != 3 {
		t.Errorf("model = %v, want 3", site["model"])
	}
}
