package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

// knownKeys asks package content which keys it knows, by the message it
// gives for an unknown key ("hier horen alleen de sleutels a, b, c").
func knownKeys(t *testing.T, probs *diag.List) []string {
	t.Helper()
	re := regexp.MustCompile(`onbekende sleutel "qqqqqqqqq"; hier horen alleen de sleutels (.*)$`)
	for _, p := range probs.Problems() {
		if m := re.FindStringSubmatch(p.Msg); m != nil {
			return strings.Split(m[1], ", ")
		}
	}
	t.Fatalf("no unknown-key message among %v", probs.Problems())
	return nil
}

func names(keys []Key) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Name)
	}
	return out
}

func TestKindsMatchContentModel(t *testing.T) {
	for _, k := range Kinds {
		var probs diag.List
		p := "content/" + k.Folder + "/x.md"
		content.ParsePage(p, []byte("---\ntitel: X\nqqqqqqqqq: 1\n---\n"), content.DefaultSettings(), &probs)
		got := knownKeys(t, &probs)
		want := names(append(append([]Key(nil), Common...), k.Keys...))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: content knows %v, the table %v", k.Name, got, want)
		}
		if kind, _, _ := content.PageKind(p); string(kind) != k.Name {
			t.Errorf("%s: content/%s/ holds pages of kind %q", k.Name, k.Folder, kind)
		}
	}
	var probs diag.List
	content.ParseSettings([]byte("school: S\ntitel: T\nmodel: 1\nschooljaar: 2026-2027\nqqqqqqqqq: 1\n"), &probs)
	if got, want := knownKeys(t, &probs), names(Settings); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("site.yaml: content knows %v, the table %v", got, want)
	}
}

// TestInitSettingsNameEveryKey: the site.yaml that init writes has every
// key of the content model, each under a comment that explains it.
func TestInitSettingsNameEveryKey(t *testing.T) {
	for _, lang := range Languages {
		dir := t.TempDir()
		if _, err := Init(dir, lang, time.Date(2026, 9, 4, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(dir, "content", "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for _, k := range Settings {
			i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, k.Name+":") })
			switch {
			case i < 0:
				t.Errorf("%s: site.yaml has no key %s", lang, k.Name)
			case i == 0 || !strings.HasPrefix(lines[i-1], "# "):
				t.Errorf("%s: site.yaml: no comment above %s", lang, k.Name)
			}
		}
	}
}

// TestInitVisitComesUp: the example activity of a new handbook is on a
// Wednesday inside one of its periods and, unless the school year is
// nearly over, at least a week after the day init runs, so the new home
// page shows it as coming up.
func TestInitVisitComesUp(t *testing.T) {
	for _, now := range []string{"2026-06-01", "2026-09-04", "2026-12-03", "2027-03-15", "2027-05-31"} {
		day, _ := time.Parse("2006-01-02", now)
		data := yearData(day, "nl")
		visit, _ := time.Parse("2006-01-02", data["Visit"].(string))
		if visit.Weekday() != time.Wednesday {
			t.Errorf("%s: visit %s is a %s", now, data["Visit"], visit.Weekday())
		}
		if visit.Before(day.AddDate(0, 0, 7)) {
			t.Errorf("%s: visit %s is not a week ahead", now, data["Visit"])
		}
		in := false
		for _, p := range data["Periods"].([]period) {
			in = in || (p.Start <= data["Visit"].(string) && data["Visit"].(string) <= p.End)
		}
		if !in {
			t.Errorf("%s: visit %s is in no period of %v", now, data["Visit"], data["Periods"])
		}
	}
}
