package content

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"titel", "samenvatting", "competenties", "kernvragen", "leerjaren"}
	tests := []struct{ in, want string }{
		{"title", "titel"},
		{"competentie", "competenties"},
		{"Leerjaren", "leerjaren"},
		{"kernvagen", "kernvragen"},
		{"x", ""},
		{"datum", ""},
		{"titel", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPageKind(t *testing.T) {
	tests := []struct {
		path         string
		kind         Kind
		section, dir string
	}{
		{"content/_index.md", KindHome, "", ""},
		{"content/opdrachten/_index.md", KindList, "opdrachten", "opdrachten"},
		{"content/opdrachten/netwerkkaart.md", KindExercise, "opdrachten", "opdrachten"},
		{"content/opdrachten/extra/los.md", KindPage, "opdrachten", "opdrachten/extra"},
		{"content/kalender/beurs.md", KindActivity, "kalender", "kalender"},
		{"content/handboek/visie.md", KindPage, "handboek", "handboek"},
		{"content/over.md", KindPage, "", ""},
	}
	for _, tt := range tests {
		kind, section, dir := PageKind(tt.path)
		if kind != tt.kind || section != tt.section || dir != tt.dir {
			t.Errorf("PageKind(%s) = %s, %q, %q; want %s, %q, %q", tt.path, kind, section, dir, tt.kind, tt.section, tt.dir)
		}
	}
}
