package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a Linker that keeps every call and rewrites nothing, except
// that it drops destinations starting with "weg:".
type recorder struct{ calls []string }

func (r *recorder) Link(dest string, image bool, at Pos) (string, bool) {
	line, col := at.LineCol()
	r.calls = append(r.calls, fmt.Sprintf("%d:%d %v %s", line, col, image, dest))
	return dest, !strings.HasPrefix(dest, "weg:")
}

// TestLinkPositions checks the position and the decoded destination the
// Linker gets for links, images and autolinks in several surroundings.
func TestLinkPositions(t *testing.T) {
	src := "Tekst [a](a.md) en ![b](b.png)\n" +
		"[*nadruk*](c.md) <https://x.example/> [](leeg.md)\n" +
		"> citaat [d](d\\_e.md)\n" +
		"- één ![f](<Foto Één.png>) [g](java&#115;cript:x)\n" +
		"\n" +
		"[ref][r] en [`code`](h.md)\n\n[r]: r.md\n"
	var rec recorder
	if _, err := New(Options{}).Render([]byte(src), &rec); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1:7 false a.md",
		"1:20 true b.png",
		"2:1 false c.md",
		"2:18 false https://x.example/",
		"2:39 false leeg.md",
		"3:10 false d_e.md",
		"4:7 true Foto Één.png",
		"4:28 false javascript:x",
		"6:1 false r.md",
		"6:13 false h.md",
	}
	if got := strings.Join(rec.calls, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("Linker calls:\n%s\n\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// TestDestinationWrittenAsReturned checks that what the Linker returns is
// written to the page as it is, whatever characters it holds, and that a
// dropped link leaves its text.
func TestDestinationWrittenAsReturned(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[a](x.md)", `<p><a href="x.md">a</a></p>`},
		{"[a](https://s.example/?a=1&amp;b=2)", `<p><a href="https://s.example/?a=1&amp;b=2">a</a></p>`},
		{"[a](&amp;#106;x)", `<p><a href="&amp;#106;x">a</a></p>`},
		{`[a](\\x)`, `<p><a href="%5Cx">a</a></p>`},
		{"[a](weg:x) ![b](weg:y) <weg:z>", `<p>a b weg:z</p>`},
		{"```c++ extra\nx\n```", `<pre><code class="language-c++">x
</code></pre>`},
		{"```<sCript\nx\n```", `<pre><code>x
</code></pre>`},
	}
	for _, tt := range tests {
		res, err := New(Options{}).Render([]byte(tt.src), &recorder{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(res.HTML)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestRawHTML checks that raw HTML is left out by default and rendered
// with Options.RawHTML.
func TestRawHTML(t *testing.T) {
	src := []byte("<script>x()</script>\n\nTekst <b>vet</b>.\n")
	safe, _ := New(Options{}).Render(src, &recorder{})
	if strings.Contains(string(safe.HTML), "<script") || strings.Contains(string(safe.HTML), "<b>") {
		t.Errorf("raw HTML rendered by default:\n%s", safe.HTML)
	}
	raw, _ := New(Options{RawHTML: true}).Render(src, &recorder{})
	if !strings.Contains(string(raw.HTML), "<b>vet</b>") {
		t.Errorf("raw HTML not rendered with RawHTML:\n%s", raw.HTML)
	}
}

// TestHeadingAnchors checks that a heading's anchor comes from its text as
// it reads, not from the Markdown written, and never takes a reserved id.
func TestHeadingAnchors(t *testing.T) {
	src := "## [Een link](visie.md) tekst\n\n" +
		"## ![alt tekst](plaatje.png)\n\n" +
		"## Caf&eacute; &amp; thee\n\n" +
		"## Caf&#233; twee\n\n" +
		"## Ｆｕｌｌｗｉｄｔｈ ﬁ ligature\n\n" +
		"## *Nadruk* en `code`\n\n" +
		"## Inhoud\n\n" +
		"## Inhoud\n\n" +
		"## <b>Vet</b> kop\n"
	res, err := New(Options{ReservedIDs: []string{"inhoud"}}).Render([]byte(src), &recorder{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"een-link-tekst", "alt-tekst", "cafe-thee", "cafe-twee", "fullwidth-fi-ligature", "nadruk-en-code", "inhoud-1", "inhoud-2", "vet-kop"}
	if strings.Join(res.Anchors, " ") != strings.Join(want, " ") {
		t.Errorf("anchors %q, want %q", res.Anchors, want)
	}
	for _, id := range want {
		if !strings.Contains(string(res.HTML), `id="`+id+`"`) {
			t.Errorf("no heading with id %q in:\n%s", id, res.HTML)
		}
	}
	if strings.Contains(string(res.HTML), `id="inhoud"`) {
		t.Errorf("a heading took the reserved id inhoud:\n%s", res.HTML)
	}
}

// warnings is a Linker that keeps every link and records the renderer's
// warnings as "line:col message".
type warnings struct {
	recorder
	got []string
}

func (w *warnings) Warn(line, col int, msg string) {
	w.got = append(w.got, fmt.Sprintf("%d:%d %s", line, col, msg))
}

// TestTables checks that every table gets its own labelled scroll box and
// that empty header cells are written as data cells.
func TestTables(t *testing.T) {
	src := "| | *Werkplek* A | B |\n|---|:-:|---|\n| x | 1 | 2 |\n\n" +
		"| | |\n|---|---|\n| a | b |\n"
	res, err := New(Options{}).Render([]byte(src), &recorder{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.HTML)
	for _, want := range []string{
		"<div class=\"tabel\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel: Werkplek A, B\">\n<table>\n<thead>\n<tr>\n<td></td>\n<th style=\"text-align:center\"><em>Werkplek</em> A</th>\n<th>B</th>\n</tr>",
		"</table>\n</div>\n<div class=\"tabel\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\">\n<table>\n<thead>\n<tr>\n<td></td>\n<td></td>\n</tr>",
		"<td>a</td>\n<td>b</td>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
	if n := strings.Count(got, "</div>"); n != 2 {
		t.Errorf("%d closing </div>, want 2:\n%s", n, got)
	}
}

// TestBoldLineWarning checks that a paragraph of one bold line is reported
// as a would-be heading at its position, and that bold text in a sentence,
// a list or over two lines is not.
func TestBoldLineWarning(t *testing.T) {
	src := "## Voorbereiding\n\n**Mentor:**\n\n- **Alleen vet** in een lijst\n\n  **Leerling**:\n\nEen **vet** woord.\n\n**Twee**\n**regels**\n\n> **Citaat**\n"
	var w warnings
	if _, err := New(Options{}).Render([]byte(src), &w); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"3:1 deze regel is alleen vetgedrukt en lijkt een kop; maak er een kop van (zoals ### Mentor), dan vinden schermlezers en de inhoudsopgave hem",
	}
	if strings.Join(w.got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(w.got, "\n"), strings.Join(want, "\n"))
	}
	w.got = nil
	if _, err := New(Options{}).Render([]byte("Tekst.\n\n**Leerling**:\n"), &w); err != nil {
		t.Fatal(err)
	}
	if len(w.got) != 1 || !strings.HasPrefix(w.got[0], "3:1 ") || !strings.Contains(w.got[0], "(zoals ## Leerling)") {
		t.Errorf("warnings for **Leerling**: %q", w.got)
	}
}
