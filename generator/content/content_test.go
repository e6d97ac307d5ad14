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

// TestEditorLeftover checks the names the site and the preview leave out.
func TestEditorLeftover(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		".pagina.md.swp": true, ".pagina.md.swx": true, ".pagina.md.swo": true,
		"pagina.md~": true, ".#pagina.md": true, "#pagina.md#": true, "4913": true,
		"x.tmp": true, "x.part": true, "desktop.ini": true, "X.TMP": true, "x.bak": true, "~$verslag.docx": true,
		".DS_Store": true, "Thumbs.db": true, "thumbs.db": true,
		".goutputstream-ABC123": true, "gids.pdf.crdownload": true,

		"pagina.md": false, "_index.md": false, "site.yaml": false, "#": false,
		"#hashtag.md": false, "4914": false, "tmp.md": false, "bakker.md": false,
		".gitignore": false, "swp.md": false, "stijl.css": false,
	} {
		if got := EditorLeftover(name); got != want {
			t.Errorf("EditorLeftover(%q) = %v, want %v", name, got, want)
		}
	}
}
