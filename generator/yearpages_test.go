package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

func TestRelLink(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"opdrachten/", "opdrachten/kaart/", "kaart/"},
		{"opdrachten/", "competenties/netwerken/", "../competenties/netwerken/"},
		{"handboek/jaarplanning/", "kalender/bezoek/", "../../kalender/bezoek/"},
		{"handboek/jaarplanning/", "handboek/visie/", "../visie/"},
		{"handboek/jaarplanning/", "handboek/jaarplanning/", "./"},
		{"", "kalender/bezoek/", "kalender/bezoek/"},
		{"plan/", "", "../"},
		{"leerjaren/2/", "leerjaren/", "../"},
	} {
		if got := relLink(c.from, c.to); got != c.want {
			t.Errorf("relLink(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestWeeks(t *testing.T) {
	for _, c := range []struct {
		start, end string
		want       int
	}{
		{"2026-08-24", "2026-10-16", 8}, // Monday to Friday, eight weeks
		{"2026-10-26", "2026-12-18", 8},
		{"2026-08-26", "2026-08-28", 1}, // Wednesday to Friday
		{"2026-08-29", "2026-09-04", 1}, // Saturday to Friday: the week of the Monday
	} {
		s, _ := time.ParseInLocation("2006-01-02", c.start, content.Amsterdam)
		e, _ := time.ParseInLocation("2006-01-02", c.end, content.Amsterdam)
		if got := weeks(s, e); got != c.want {
			t.Errorf("weeks(%s, %s) = %d, want %d", c.start, c.end, got, c.want)
		}
	}
}

// TestHandbookTypesNoPeriodDate checks that the text of the bundled
// handbook holds no date of a periode of site.yaml, in words or as
// 2026-08-24: the {{< perioden >}} overview shows them.
func TestHandbookTypesNoPeriodDate(t *testing.T) {
	raw, err := os.ReadFile("../content/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := content.ParseSettings(raw, &diag.List{})
	if len(s.Periods) == 0 {
		t.Fatal("the bundled handbook has no perioden")
	}
	months := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	var dates []string
	for _, p := range s.Periods {
		for _, d := range []struct{ y, m, day int }{{p.Start.Year(), int(p.Start.Month()), p.Start.Day()}, {p.End.Year(), int(p.End.Month()), p.End.Day()}} {
			dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.day), fmt.Sprintf("%d %s", d.day, months[d.m-1]))
		}
	}
	n := 0
	err = filepath.WalkDir("../content", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		body := string(src)
		if parts := strings.SplitN(body, "\n---\n", 2); strings.HasPrefix(body, "---\n") && len(parts) == 2 {
			body = parts[1] // an activity's datum may fall on a period's first or last day
		}
		for _, d := range dates {
			if i := strings.Index(body, d); i >= 0 && (i+len(d) == len(body) || body[i+len(d)] < '0' || body[i+len(d)] > '9') && (i == 0 || body[i-1] < '0' || body[i-1] > '9') {
				t.Errorf("%s types the period date %q; use {{< perioden >}}", p, d)
			}
		}
		n++
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("read %d pages: %v", n, err)
	}
}
