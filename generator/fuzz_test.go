package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	htmlstd "html"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/internal/archive"
)

// fuzzPath is where the fuzzed file sits: an exercise, the kind of page
// with the most front matter, which may refer to the competency, the
// kernvraag and the handbook page of fuzzSite.
const fuzzPath = "content/opdrachten/x.md"

var fuzzSite = map[string]string{
	"content/site.yaml":                        "school: Testschool\ntitel: Test\nmodel: 1\nschooljaar: 2026-2027\ntoegestane_domeinen: [school.example]\n",
	"content/competenties/netwerken.md":        "---\ntitel: Netwerken\nnummer: 5\nkernvragen: [wie-kan-mij-helpen]\n---\n## Wie ken je?\n",
	"content/kernvragen/wie-kan-mij-helpen.md": "---\ntitel: Wie kan mij helpen?\n---\n",
	"content/handboek/visie.md":                "---\ntitel: Visie\n---\n## Loopbaanoriëntatie\n",
	"content/handboek/foto.png":                "png",
}

// fuzzSeeds returns every Markdown file of the test archives, and a few
// inputs made for the pipeline's weak spots, as seeds.
func fuzzSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		[]byte("---\ntitel: X\ncompetenties: [netwerken]\nleerjaren: [1]\n---\n## Doel\n\n[a](../handboek/visie.md#loopbaanorientatie) ![b](../handboek/foto.png)\n"),
		[]byte("\uFEFF---\r\ntitel: X\r\ncompetenties: [netwerken]\r\nleerjaren: [1]\r\n---\r\nTekst\r\n"),
		[]byte("---\ntitel: Loopbaanorie\u0308ntatie\ncompetenties: [netwerken]\nleerjaren: [1]\n---\n## Loopbaanorie\u0308ntatie\n"),
		[]byte("+++\ntitel = \"X\"\ncompetenties = [\"netwerken\"]\nleerjaren = [1, 2]\n+++\n"),
		[]byte("{\n  \"titel\": \"X\",\n  \"competenties\": [\"netwerken\"],\n  \"leerjaren\": [1]\n}\n\nTekst\n"),
		[]byte("---\ntitel: \"<script>alert(1)</script>\"\ncompetenties: [netwerken]\nleerjaren: [1]\nmaterialen: [\"<script>\"]\n---\n<script>alert(2)</script>\n<SCRIPT>x</SCRIPT>\n"),
		[]byte("---\ntitel: X\ncompetenties: [netwerken]\nleerjaren: [1]\n---\n[a](javascript:alert(1)) [b](java&#115;cript:x) <javascript:x> [c][r] ![d](data:text/html,x)\n\n[r]: vbscript:x\n"),
		[]byte("---\ntitel: X\ncompetenties: [netwerken]\nleerjaren: [1]\n---\n<img src=x onerror=alert(1)> <a href=\"javascript:x\">y</a>\n\n<div><script>x</script></div>\n"),
		[]byte("---\ntitel: Stage: week 1\n---\n"),
		[]byte("---\ntitel: x\n"),
		[]byte("---\n---\n"),
		{},
	}
	files, _ := filepath.Glob("testdata/*/*.txtar")
	for _, name := range files {
		for _, f := range archive.Read(t, name).Files {
			if strings.HasPrefix(f.Name, "content/") && strings.HasSuffix(f.Name, ".md") {
				seeds = append(seeds, f.Data)
			}
		}
	}
	return seeds
}

// checkPageHTML reads a built page with an HTML lexer and returns what it
// finds unsafe: a script element other than the theme's own site.js, an
// iframe, object or embed, an event handler attribute (onclick=...), or a
// link, image or form target with a javascript:, vbscript: or data: URL.
// (A "<script" inside a quoted attribute value is text, not a script: the
// minifier writes title="<script>" for title="&lt;script&gt;".)
func checkPageHTML(page []byte) []string {
	var bad []string
	scripts := 0
	tag := ""
	l := html.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			if err := l.Err(); err != nil && err != io.EOF {
				bad = append(bad, "the page does not lex: "+err.Error())
			}
			if scripts != 2 {
				bad = append(bad, fmt.Sprintf("%d script elements, want only the theme's two", scripts))
			}
			return bad
		case html.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			switch tag {
			case "script":
				scripts++
			case "iframe", "object", "embed", "frame", "base":
				bad = append(bad, "element <"+tag+">")
			}
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			val = strings.ToLower(strings.TrimLeftFunc(htmlstd.UnescapeString(val), func(r rune) bool { return r <= ' ' }))
			switch {
			case strings.HasPrefix(key, "on"):
				bad = append(bad, fmt.Sprintf("event handler %s on <%s>", key, tag))
			case key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href":
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(val, scheme) {
						bad = append(bad, fmt.Sprintf("%s=%q on <%s>", key, val, tag))
					}
				}
				if tag == "script" && !strings.HasSuffix(val, "site.js") && !strings.HasSuffix(val, "zoek.js") {
					bad = append(bad, fmt.Sprintf("script src=%q", val))
				}
			}
		}
	}
}

// fuzzBase builds fuzzSite once, in check mode, so that the fuzz target
// can reuse its theme, Markdown renderer and minifier: parsing the theme's
// templates would otherwise take most of the time of every run.
func fuzzBase(t testing.TB) *Builder {
	t.Helper()
	fsys := mapFS(fuzzSite)
	fsys[fuzzPath] = &fstest.MapFile{Data: []byte("---\ntitel: X\ncompetenties: [netwerken]\nleerjaren: [1]\n---\n")}
	b, err := NewBuilder(Options{FS: fsys, Dest: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.run(context.Background(), nil, false); err != nil {
		t.Fatalf("fuzz site: %v", err)
	}
	return b
}

// renderFuzzed loads fuzzSite with src as the exercise, the way a build
// does, and renders the exercise with the theme of base. It returns the
// problems of the load and the render, the page's HTML and its Markdown
// body's HTML, or nil HTML when the page could not be read (and so must
// not be published).
func renderFuzzed(t *testing.T, base *Builder, src []byte) (problems string, page, body []byte) {
	fsys := mapFS(fuzzSite)
	fsys[fuzzPath] = &fstest.MapFile{Data: src}
	b := &Builder{opts: base.opts, fsys: fsys, md: base.md, raw: base.raw, theme: base.theme, min: base.min, assets: base.assets, oneShot: true}
	b.loader = content.NewLoader(fsys, content.Options{Scan: privacyScan})
	site, probs := b.loader.Load(nil)
	if site == nil {
		t.Fatalf("no site: %v", probs.Err())
	}
	r := b.newRun(context.Background(), false)
	r.site, r.probs = site, probs
	r.index()
	if p := site.ByPath[fuzzPath]; p != nil {
		sc := new(scratch)
		st, err := r.renderTo(sc, p)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		probs.Add(st.probs...)
		page = sc.out.Bytes()
		src, err := b.loader.Body(p)
		if err != nil {
			t.Fatalf("body: %v", err)
		}
		res, err := b.md.Render(src, &linker{r: r, page: p, url: p.URL, st: &pageState{}})
		if err != nil {
			t.Fatalf("render body: %v", err)
		}
		body = res.HTML
	}
	return problemLines(probs.Problems()), page, body
}

// FuzzPage feeds arbitrary bytes as a page through the page pipeline
// (normalising, front matter, content model, cross-links, Markdown, links,
// theme, minifier) and checks that it never panics, that the same input
// gives the same problems and the same HTML twice, that a page that
// cannot be read is reported and not published, and that the HTML holds
// no script other than the theme's own and no script or data link.
// Every problem must point into the file.
func FuzzPage(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	base := fuzzBase(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		probs1, page1, body1 := renderFuzzed(t, base, src)
		probs2, page2, _ := renderFuzzed(t, base, src)
		if probs1 != probs2 {
			t.Fatalf("problems differ between two builds:\n%s\n\n%s", probs1, probs2)
		}
		if !bytes.Equal(page1, page2) {
			t.Fatalf("HTML differs between two builds:\n%s", firstDiff(string(page1), string(page2)))
		}
		lines := bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte{'\r'}) + 2
		for _, l := range strings.Split(probs1, "\n") {
			if rest, ok := strings.CutPrefix(l, fuzzPath+":"); ok {
				var line, col int
				if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n == 2 && (line < 1 || line > lines || col < 1) {
					t.Fatalf("problem outside the file (%d lines): %s", lines, l)
				}
			}
		}
		if page1 == nil {
			if !strings.Contains(probs1, fuzzPath+":") {
				t.Fatalf("the page was left out without an error naming it; problems:\n%s", probs1)
			}
			return
		}
		if i := bytes.Index(bytes.ToLower(body1), []byte("<script")); i >= 0 {
			t.Fatalf("<script in the body at byte %d:\n%s", i, body1)
		}
		if bad := checkPageHTML(page1); len(bad) > 0 {
			t.Fatalf("unsafe page: %s\n%s", strings.Join(bad, "; "), page1)
		}
	})
}

// TestFuzzPageFullBuild runs a few seeds through a complete check build
// (every page rendered, anchors checked across pages), the path the fuzz
// target shortens, and checks it agrees with the fuzz target on whether
// the page is published.
func TestFuzzPageFullBuild(t *testing.T) {
	base := fuzzBase(t)
	for i, s := range fuzzSeeds(t)[:10] {
		fsys := fstest.MapFS{fuzzPath: {Data: s}}
		for name, data := range fuzzSite {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		b, err := NewBuilder(Options{FS: fsys, Dest: filepath.Join(t.TempDir(), "public")})
		if err != nil {
			t.Fatal(err)
		}
		r := b.newRun(context.Background(), false)
		_, err = r.build(nil)
		var be *diag.BuildError
		if err != nil && !errors.As(err, &be) {
			t.Fatalf("seed %d: %v", i, err)
		}
		_, page, _ := renderFuzzed(t, base, s)
		if (r.site.ByPath[fuzzPath] == nil) != (page == nil) {
			t.Errorf("seed %d: full build and fuzz target disagree on publishing the page", i)
		}
	}
}

// TestFuzzSeedsReadable makes sure the seed corpus reaches the renderer:
// most seeds must give a page, so the fuzz test is not only testing the
// front matter reader.
func TestFuzzSeedsReadable(t *testing.T) {
	seeds := fuzzSeeds(t)
	readable := 0
	for _, s := range seeds {
		var probs diag.List
		if content.ParsePage(fuzzPath, s, content.DefaultSettings(), &probs) != nil {
			readable++
		}
	}
	if readable < len(seeds)/2 {
		t.Errorf("only %d of %d seeds can be read as a page", readable, len(seeds))
	}
}

// TestCheckPageHTML makes sure the fuzz test's oracle sees what it must.
func TestCheckPageHTML(t *testing.T) {
	theme := `<head><script src="../../site.js" defer></script><script src="../../zoek.js" defer></script></head>`
	tests := []struct {
		page string
		bad  int
	}{
		{theme + `<p title="<script>">x &lt;script&gt;</p><a href="../a/">a</a>`, 0},
		{theme + `<p><script>alert(1)</script></p>`, 1},
		{theme + `<p><SCRIPT src=x.js></SCRIPT></p>`, 2},
		{theme + `<img src=x onerror=alert(1)>`, 1},
		{theme + `<a href=" JaVaScRiPt:alert(1)">a</a>`, 1},
		{theme + `<a href="&#106;avascript:alert(1)">a</a>`, 1},
		{theme + `<img src="data:image/svg+xml,x">`, 1},
		{theme + `<iframe src="https://x.example/"></iframe>`, 1},
		{`<p>no theme script</p>`, 1},
	}
	for _, tt := range tests {
		if bad := checkPageHTML([]byte(tt.page)); len(bad) != tt.bad {
			t.Errorf("%s: %d problems %q, want %d", tt.page, len(bad), bad, tt.bad)
		}
	}
}
