package search

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract reads arbitrary bodies and checks what the index keeps of
// them: the record is JSON of the record's shape (url, title, summary,
// then anchor, heading and text by section), its strings hold no white
// space at their ends nor two spaces together, the title's words have
// the title's weight, and the page's words are exactly the words of the
// record's strings, each once, folded, with no stop word.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`<p>Intro over <strong>stage</strong>&amp;werk.</p><h2 id=doel>Het doel</h2><p>Een netwerk<br>maken</p>`,
		"<h2 id=\"a\">Één</h2>\n<p>ORIËNTATIE  op\tde   <em>bedrijfs</em>bezoeken</p><h3 id=b><h4 id=c>x</h4>",
		`tekst zonder tags &lt;script&gt; "aanhalingstekens" \ en	tabs`,
		`<p>onaf <a href="x>y">link`, "\x00\x1f<h1 id='q'>\u00a0</h1>  ", "<h2 id=leeg></h2><p></p>",
	} {
		f.Add(s, "nl", "Titel van de pagina")
	}
	f.Add("<p>the learning of exercises</p>", "en", "Exercises")
	f.Fuzz(func(t *testing.T, body, lang, title string) {
		if !utf8.ValidString(body) {
			// Sources are UTF-8 (content.Source rejects others), and so
			// are the bodies made of them.
			t.Skip()
		}
		if lang != "en" {
			lang = "nl"
		}
		p := Extract(lang, Doc{URL: "a/", Title: title, Summary: "Kort verhaal", Kind: "opdracht"}, []byte(body))
		var rec []any
		if err := json.Unmarshal(p.rec, &rec); err != nil {
			t.Fatalf("record is not JSON: %v\n%s", err, p.rec)
		}
		if len(rec) != 4 || rec[0] != "a/" || utf8.ValidString(title) && rec[1] != title {
			t.Fatalf("record head %v", rec[:min(3, len(rec))])
		}
		secs, ok := rec[3].([]any)
		if !ok || len(secs)%3 != 0 {
			t.Fatalf("sections %v, want a list of anchor, heading, text", rec[3])
		}
		want := map[string]bool{}
		for _, w := range Words(lang, title) {
			want[w] = true
		}
		for _, w := range Words(lang, "Kort verhaal") {
			want[w] = true
		}
		for i, v := range secs {
			s, ok := v.(string)
			if !ok {
				t.Fatalf("section item %d is %T", i, v)
			}
			if i%3 == 0 {
				continue // an anchor
			}
			if strings.TrimSpace(s) != s && strings.Trim(s, " \t\n\r\f") != s || strings.Contains(s, "  ") {
				t.Errorf("section text %q is not collapsed", s)
			}
			for _, w := range Words(lang, s) {
				want[w] = true
			}
		}
		got := map[string]byte{}
		for w := p.words; len(w) > 0; {
			end := strings.IndexByte(string(w), 0)
			word := string(w[1:end])
			if _, dup := got[word]; dup {
				t.Errorf("word %q twice", word)
			}
			got[word] = w[0]
			w = w[end+1:]
		}
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Errorf("words\n%q\nwant the record's\n%q\n(record %s)", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)), p.rec)
		}
		for _, w := range Words(lang, title) {
			if got[w] != weightTitle {
				t.Errorf("title word %q has weight %d", w, got[w])
			}
		}
	})
}
