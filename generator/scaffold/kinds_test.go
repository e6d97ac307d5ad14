package scaffold

import (
	"regexp"
	"strings"
	"testing"

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
