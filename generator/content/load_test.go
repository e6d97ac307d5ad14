package content

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/BurntSushi/toml"

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
		var prob *diag.Problem
		if !errors.As(err, &prob) || prob.Path != p.Path || !strings.Contains(prob.Msg, "veranderde tijdens het bouwen") {
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
		_, prob := Normalize("content/handboek/visie.md", src)
		if prob == nil || !strings.Contains(prob.Msg, "UTF-16") || prob.Line != 1 || prob.Col != 1 {
			t.Errorf("UTF-16%s without BOM: %v; want the UTF-16 problem at 1:1", name, prob)
		}
	}
	// Plain text is not taken for UTF-16.
	if _, prob := Normalize("content/a.md", []byte(text)); prob != nil {
		t.Errorf("UTF-8 text: %v", prob)
	}
}

// deniedFS refuses to open one file, as a file without read rights.
type deniedFS struct {
	fstest.MapFS
	name string
}

func (d *deniedFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

// ReadFile hides the MapFS's own, which does not go through Open.
func (d *deniedFS) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(struct{ fs.FS }{d}, name)
}

// TestProblemsKeepTheirCause checks that a problem made from an error
// wraps it: a file that cannot be read is fs.ErrPermission, at load and
// when its body is read, and a parser's error is kept.
func TestProblemsKeepTheirCause(t *testing.T) {
	mfs := fstest.MapFS{
		"content/site.yaml":         {Data: []byte("school: De Wissel\ntitel: LOB\nmodel: 2\nschooljaar: 2026-2027\n")},
		"content/handboek/visie.md": {Data: []byte("---\ntitel: Visie\n---\nTekst\n")},
		"content/handboek/dicht.md": {Data: []byte("---\ntitel: Dicht\n---\n")},
	}
	denied := &deniedFS{mfs, "content/handboek/dicht.md"}
	l := NewLoader(denied, Options{})
	site, probs := l.Load(nil)
	got := probs.Errors()
	if site == nil || len(got) != 1 || got[0].Path != "content/handboek/dicht.md" || !errors.Is(got[0], fs.ErrPermission) {
		t.Fatalf("load problems = %v; want one for dicht.md that is fs.ErrPermission", got)
	}
	if !errors.Is(probs.Err(), fs.ErrPermission) {
		t.Errorf("the build error %v is not fs.ErrPermission", probs.Err())
	}
	p := site.ByPath["content/handboek/visie.md"]
	denied.name = p.Path
	if _, err := l.Body(p); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Body of an unreadable file = %v; want fs.ErrPermission", err)
	}

	var pe toml.ParseError
	for name, tc := range map[string]struct {
		src  string
		want func(error) bool
	}{
		"TOML": {"+++\ntitel = \n+++\n", func(err error) bool { return errors.As(err, &pe) }},
		"JSON": {"{\n  \"titel\": \"X\",\n}\n\n", func(err error) bool { var se *json.SyntaxError; return errors.As(err, &se) }},
		"YAML": {"---\ntitel: [a\n---\n", func(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "yaml: ") }},
	} {
		var probs diag.List
		if ParsePage("content/handboek/x.md", []byte(tc.src), DefaultSettings(), &probs) != nil {
			t.Errorf("%s: the page was read", name)
		}
		ps := probs.Problems()
		if len(ps) != 1 || !tc.want(ps[0].Err) {
			t.Errorf("%s: problems %v; want one wrapping the parser's error, not %v", name, ps, errCause(ps))
		}
	}
}

func errCause(ps []*diag.Problem) []error {
	var out []error
	for _, p := range ps {
		out = append(out, p.Err)
	}
	return out
}
