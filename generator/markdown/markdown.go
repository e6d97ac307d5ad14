// Package markdown renders the body of one lobsite page: Markdown in, HTML
// fragment out, with heading anchors made by package slug and every link
// and image destination handed to a Linker that may rewrite or drop it.
//
// The dialect is CommonMark with GitHub tables, strikethrough and task
// lists. Raw HTML is left out unless Options.RawHTML is set.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lobsite/generator/diag"
	"lobsite/generator/slug"
)

// Linker decides what happens to each link or image destination of a page.
// at is where the link starts in the page source. It returns the
// destination to write, or keep=false to drop the link and leave only its
// text (for an image: its alternative text).
type Linker interface {
	Link(dest string, image bool, at Pos) (out string, keep bool)
}

// Pos is where a link, image or autolink starts in a page source. Inline
// nodes carry no position, so it is worked out (and the source's lines
// counted, once per page) only when LineCol is called: most links are
// fine and never need it.
type Pos struct {
	li     *lineIndex
	n      ast.Node
	opener byte
	off    int // for a block (an overview marker): its offset + 1, else 0
}

// LineCol returns the 1-based line and column (in runes, as
// diag.Position) of the link's opening character, or 0, 0 if unknown.
func (p Pos) LineCol() (line, col int) {
	if p.li == nil {
		return 0, 0
	}
	if p.off > 0 {
		return p.li.at(p.off - 1)
	}
	return p.li.position(p.n, p.opener)
}

// Options configure a Renderer. The zero value is the safe default.
type Options struct {
	RawHTML bool // render raw HTML blocks and inline HTML (trusted authors only)
	// ReservedIDs are ids the page around the body already has (the
	// layout's <main id="inhoud">): a heading never gets one of them. They
	// are not in the anchors RenderTo returns.
	ReservedIDs []string
}

// Renderer turns page bodies into HTML. It is safe for concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	reserved []string
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	var ropts []goldmark.Option
	ropts = append(ropts,
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{raw: opts.RawHTML}, 100))),
		// Before goldmark's table renderer (500): tables in scroll boxes.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newTableRenderer(), 100), util.Prioritized(overviewRenderer{}, 100))),
	)
	if opts.RawHTML {
		ropts = append(ropts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Renderer{md: goldmark.New(ropts...), reserved: opts.ReservedIDs}
}

// Result is a rendered body.
type Result struct {
	HTML    []byte   // the HTML fragment
	Anchors []string // the heading anchors, in document order
}

var (
	contextKey = parser.NewContextKey() // the Linker
	anchorsKey = parser.NewContextKey() // the page's *slug.Anchors
)

// Render renders body, a page source whose front matter is blanked out (so
// that offsets are file offsets), calling linker for every destination (a
// nil linker keeps every link as written).
func (r *Renderer) Render(body []byte, linker Linker) (Result, error) {
	var buf bytes.Buffer
	anchors, err := r.RenderTo(&buf, body, linker)
	if err != nil {
		return Result{}, err
	}
	return Result{HTML: buf.Bytes(), Anchors: anchors}, nil
}

// RenderTo is Render writing the HTML to w; it returns the heading anchors.
func (r *Renderer) RenderTo(w io.Writer, body []byte, linker Linker) ([]string, error) {
	anchors := slug.NewAnchors()
	for _, id := range r.reserved {
		anchors.Reserve(id)
	}
	pc := parser.NewContext()
	pc.Set(contextKey, linker)
	pc.Set(anchorsKey, anchors)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if b, ok := w.(*bytes.Buffer); ok {
		w = bufferWriter{b}
	}
	if err := r.md.Renderer().Render(w, body, doc); err != nil {
		return nil, err
	}
	return anchors.List(), nil
}

// bufferWriter lets goldmark write straight into a bytes.Buffer. Given
// anything but a util.BufWriter, goldmark wraps it in a new 4 KB
// bufio.Writer for every page, only to copy everything through it.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

// linkTransformer hands every link, image and autolink to the page's Linker.
// The Linker sees a destination as the reader will: backslash escapes and
// character references (&amp;, &#106;) resolved, so "java&#115;cript:" is
// recognised as the script link it is.
//
// When the Linker is also a Warner, it hears of what a reader would miss:
// raw HTML that is left out, a heading with one # (a second page title),
// a heading that skips a level, an image without a description, and a
// paragraph that is one bold line (**Mentor:**), which reads as a heading
// but is none for a screen reader or the table of contents.
type linkTransformer struct{ raw bool }

// Warner receives warnings about a page body at 1-based positions.
type Warner interface {
	Warn(line, col int, msg string)
}

func (t linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	linker, _ := pc.Get(contextKey).(Linker)
	if linker == nil {
		linker = keepLinks{}
	}
	anchors := pc.Get(anchorsKey).(*slug.Anchors) // set by RenderTo, the only way in
	src := reader.Source()
	lines := newLineIndex(src)
	warner, _ := linker.(Warner)
	warn := func(off int, format string, args ...any) {
		if warner != nil {
			line, col := lines.at(off)
			warner.Warn(line, col, fmt.Sprintf(format, args...))
		}
	}
	level := 1 // the page title is the h1
	var drop, markers []ast.Node
	overviews, _ := linker.(Overviews)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			// The anchor comes from the text as the reader sees it: link
			// and image syntax and character references resolved.
			n.SetAttributeString("id", []byte(anchors.Next(headingText(n, src))))
			off := lineStart(src, n)
			switch {
			case n.Level == 1:
				warn(off, "een kop met één # wordt een tweede paginatitel (de titel komt al uit titel:); begin koppen in de tekst met ##")
			case n.Level > level+1:
				warn(off, "deze kop springt van niveau %d naar %d; gebruik %s, zodat schermlezers de opbouw van de pagina kunnen volgen", level, n.Level, strings.Repeat("#", level+1))
			}
			level = n.Level
		case *ast.Paragraph, *ast.TextBlock:
			if overviews != nil && marker(n, src) != nil {
				markers = append(markers, n)
				return ast.WalkSkipChildren, nil
			}
			if boldLine(n, src) {
				warn(lineStart(src, n), "deze regel is alleen vetgedrukt en lijkt een kop; maak er een kop van (zoals %s %s), dan vinden schermlezers en de inhoudsopgave hem", strings.Repeat("#", min(level+1, 6)), strings.TrimRight(strings.TrimSpace(inlineText(n, src)), ":"))
			}
			// [tekst](Mijn Pagina.md) is no link in Markdown (a space ends
			// the address), so it would show as it is typed.
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				line := seg.Value(src)
				if !bytes.Contains(line, []byte("](")) {
					continue // no link on this line: skip the regular expression
				}
				if loc := spacedLink.FindIndex(line); loc != nil {
					// Point at the link's opening bracket.
					start := loc[0]
					if i := bytes.LastIndexByte(line[:loc[0]], '['); i >= 0 {
						start = i
					}
					warn(seg.Start+start, "dit lijkt op een link met een spatie in het adres; die wordt gewone tekst: schrijf de spatie als %%20 of zet het adres tussen < en >, zoals [tekst](<Mijn pagina.md>)")
				}
			}
		case *ast.HTMLBlock:
			if !t.raw {
				warn(lineStart(src, n), "HTML in de tekst wordt niet getoond; schrijf het in Markdown (of zet ruwe_html: true in site.yaml als alle schrijvers te vertrouwen zijn)")
			}
		case *ast.RawHTML:
			if !t.raw && n.Segments.Len() > 0 {
				seg := n.Segments.At(0)
				if tag := seg.Value(src); !bytes.HasPrefix(tag, []byte("<!--")) && !bytes.HasPrefix(tag, []byte("</")) {
					warn(seg.Start, "HTML in de tekst wordt niet getoond (%s); schrijf het in Markdown (of zet ruwe_html: true in site.yaml als alle schrijvers te vertrouwen zijn)", string(tag))
				}
			}
		case *ast.Link:
			out, keep := linker.Link(Destination(n.Destination), false, Pos{li: lines, n: n, opener: '['})
			if !keep {
				drop = append(drop, n)
			} else {
				n.Destination = encodeDestination(out)
			}
		case *ast.Image:
			at := Pos{li: lines, n: n, opener: '!'}
			if warner != nil && len(bytes.TrimSpace(nodeText(n, src))) == 0 {
				line, col := at.LineCol()
				warner.Warn(line, col, "deze afbeelding heeft geen beschrijving; zet tussen de haken wat erop staat, zoals ![Leerlingen aan het werk in de kas](kas.jpg)")
			}
			out, keep := linker.Link(Destination(n.Destination), true, at)
			if !keep {
				drop = append(drop, n)
			} else {
				n.Destination = encodeDestination(out)
			}
		case *ast.FencedCodeBlock:
			// The language becomes a class name: keep only a plain word
			// (go, html, c++, c#), never text like "<script".
			// (Not n.Language: it caches what it returns.)
			if n.Info != nil {
				info := n.Info.Segment.Value(src)
				if i := bytes.IndexAny(info, " \t"); i >= 0 {
					info = info[:i]
				}
				if !safeLanguage(info) {
					n.Info = nil
				}
			}
		case *ast.AutoLink:
			url := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url // <naam@school.nl>: an address, not a file
			}
			if _, keep := linker.Link(url, false, Pos{li: lines, n: n, opener: '<'}); !keep {
				drop = append(drop, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		unlink(n, src)
	}
	replaceMarkers(overviews, lines, src, markers)
}

// keepLinks is the Linker of a body rendered without one: every link
// stays as written.
type keepLinks struct{}

func (keepLinks) Link(dest string, _ bool, _ Pos) (string, bool) { return dest, true }

// headingText is the text of a heading as it reads: the text of its links,
// emphasis and code, an image's description, with backslash escapes and
// character references resolved ("Caf&eacute;" is "Café"). Raw HTML is
// left out.
func headingText(h *ast.Heading, src []byte) string { return inlineText(h, src) }

// boldLine reports whether n is a paragraph of its own at the top of the
// page (not in a list or quote) that is one line of bold text, perhaps
// followed by a colon: "**Mentor:**" or "**Mentor**:".
func boldLine(n ast.Node, src []byte) bool {
	if n.Kind() != ast.KindParagraph || n.Parent() == nil || n.Parent().Kind() != ast.KindDocument || n.Lines().Len() != 1 {
		return false
	}
	c := n.FirstChild()
	e, ok := c.(*ast.Emphasis)
	if !ok || e.Level != 2 {
		return false
	}
	switch next := c.NextSibling(); {
	case next == nil:
		return true
	case next.NextSibling() != nil:
		return false
	default:
		t, ok := next.(*ast.Text)
		return ok && strings.TrimSpace(string(t.Segment.Value(src))) == ":"
	}
}

// safeLanguage reports whether the language of a fenced code block is a
// plain word that can be written as a class name.
func safeLanguage(lang []byte) bool {
	for _, c := range lang {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || bytes.IndexByte([]byte("+#._-"), c) >= 0) {
			return false
		}
	}
	return true
}

// Destination returns a link destination as written in Markdown the way
// a browser will read it: backslash escapes and character references
// resolved ("a\_b.md" → "a_b.md", "&#106;" → "j").
func Destination(raw []byte) string {
	v := util.UnescapePunctuations(raw)
	v = resolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// encodeDestination escapes a destination so that goldmark's renderer,
// which resolves escapes and references once more, writes it unchanged.
func encodeDestination(s string) []byte {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "&", "&amp;")
	return []byte(s)
}

// unlink replaces n by its children (for an AutoLink: its text).
func unlink(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// position returns the line and column of an inline node that opens with
// the byte opener ('[' for a link, '!' for an image, '<' for an autolink).
// Inline nodes carry no position of their own, so it is found from the
// text around them: the end of the text just before the node, else the
// start of the first text inside it, else the start of the block.
func (li *lineIndex) position(n ast.Node, opener byte) (int, int) {
	src := li.src
	off := -1
	if t, ok := n.PreviousSibling().(*ast.Text); ok {
		if i := bytes.IndexByte(src[min(t.Segment.Stop, len(src)):], opener); i >= 0 {
			off = t.Segment.Stop + i
		}
	}
	if off < 0 {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := c.(*ast.Text); ok && entering {
				off = t.Segment.Start
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
		if off >= 0 {
			// Back to the opening bracket, past emphasis or code marks.
			if i := bytes.LastIndexByte(src[:min(off, len(src))], '['); i >= 0 {
				off = i
				if opener == '!' && i > 0 && src[i-1] == '!' {
					off = i - 1
				}
			}
		}
	}
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				start := p.Lines().At(0).Start
				off = start
				if i := bytes.IndexByte(src[min(start, len(src)):], opener); i >= 0 {
					off = start + i
				}
				break
			}
		}
	}
	if off < 0 {
		return 0, 0
	}
	return li.at(off)
}

// lineIndex finds the positions of nodes in a page source.
type lineIndex struct {
	src   []byte
	lines *diag.Lines
}

func newLineIndex(src []byte) *lineIndex { return &lineIndex{src, diag.NewLines(src)} }

func (li *lineIndex) at(off int) (int, int) { return li.lines.Position(off) }

// spacedLink matches a would-be link whose address holds a space.
var spacedLink = regexp.MustCompile(`\]\([^()<>\s]*\s[^()<>]*\.(?:md|png|jpe?g|gif|svg|pdf)(?:#[^()\s]*)?\)`)

// lineStart is the offset of the first line of a block node, or 0.
func lineStart(src []byte, n ast.Node) int {
	if n.Lines().Len() > 0 {
		off := n.Lines().At(0).Start
		return bytes.LastIndexByte(src[:off], '\n') + 1
	}
	return 0
}

// nodeText is the text inside an inline node (an image's description).
func nodeText(n ast.Node, src []byte) []byte {
	var out []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			out = append(out, t.Segment.Value(src)...)
		}
		return ast.WalkContinue, nil
	})
	return out
}
