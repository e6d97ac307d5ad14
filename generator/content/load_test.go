package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"lobsite/generator/diag"
)

// TestBodyChangedDuringBuild checks that a file saved again between the
// parse and the render is reported, not published as the new body under
// the old head: here the new head is longer, so the old head's end falls
// inside it.
func TestBodyChangedDuringBuild(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":         {Data: []byte("school: De Wissel\ntitel: LOB\nmodel: 2\nschooljaar: 2026-2027\n")},
		"content/handboek/visie.md": {Data: []byte("---\ntitel: Versie A\n---\nAAAA\n")},
	}
	l := NewLoader(fsys, Options{})
	site, probs := l.Load(nil)
	if site == nil || len(probs.Errors()) > 0 {
		t.Fatalf("load: %v", probs.Err())
	}
	p := site.ByPath["content/handboek/visie.md"]
	if body, err := l.Body(p); err != nil || strings.TrimSpace(string(body)) != "AAAA" {
		t.Fatalf("Body = %q, %v; want the body AAAA", body, err)
	}
	for _, changed := range []string{
		"---\ntitel: Versie B\nsamenvatting: Langer\n---\nBBBB\n", // longer head
		"---\ntitel: Versie A\n---\nAAAB\n",                       // same head, other body
		"---\n",                                                   // shorter than the head was
	} {
		fsys["content/handboek/visie.md"] = &fstest.MapFile{Data: []byte(changed)}
		body, err := l.Body(p)
		prob, ok := err.(*diag.Problem)
		if !ok || prob.Path != p.Path || !strings.Contains(prob.Msg, "veranderde tijdens het bouwen") {
			t.Errorf("file changed to %q: Body = %q, %v; want a problem saying it changed", changed, body, err)
		}
	}
}

// TestUTF16WithoutBOM checks that UTF-16 saved without a byte order mark
// gets the UTF-16 message, not "no front matter".
func TestUTF16WithoutBOM(t *testing.T) {
	text := "---\ntitel: Visie\n---\nTekst.\n"
	units := utf16.Encode([]rune(text))
	le := make([]byte, 0, 2*len(units))
	be := make([]byte, 0, 2*len(units))
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	for name, src := range map[string][]byte{"LE": le, "BE": be} {
		_, err := Normalize("content/handboek/visie.md", src)
		prob, ok := err.(*diag.Problem)
		if !ok || !strings.Contains(prob.Msg, "UTF-16") || prob.Line != 1 || prob.Col != 1 {
			t.Errorf("UTF-16%s without BOM: %v; want the UTF-16 problem at 1:1", name, err)
		}
	}
	// Plain text is not taken for UTF-16.
	if _, err := Normalize("content/a.md", []byte(text)); err != nil {
		t.Errorf("UTF-8 text: %v", err)
	}
}
