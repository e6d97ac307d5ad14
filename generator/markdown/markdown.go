// Package markdown renders the body of one lobsite page: Markdown in, HTML
// fragment out, with heading anchors made by package slug and every link
// and image destination handed to a Linker that may rewrite or drop it.
//
// The dialect is CommonMark with GitHub tables, strikethrough and task
// lists. Raw HTML is left out unless Options.RawHTML is set.
package markdown

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lobsite/generator/diag"
	"lobsite/generator/slug"
)

// Linker decides what happens to each link or image destination of a page.
// line and col are the 1-based position of the link in the page source.
// It returns the destination to write, or keep=false to drop the link and
// leave only its text (for an image: its alternative text).
type Linker interface {
	Link(dest string, image bool, line, col int) (out string, keep bool)
}

// Options configure a Renderer. The zero value is the safe default.
type Options struct {
	RawHTML bool // render raw HTML blocks and inline HTML (trusted authors only)
}

// Renderer turns page bodies into HTML. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	bufs sync.Pool
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	var ropts []goldmark.Option
	ropts = append(ropts,
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100))),
	)
	if opts.RawHTML {
		ropts = append(ropts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Renderer{md: goldmark.New(ropts...), bufs: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

// Result is a rendered body.
type Result struct {
	HTML    []byte   // the HTML fragment
	Anchors []string // the heading anchors, in document order
}

type linkerKey struct{}

var contextKey = parser.NewContextKey()

// Render renders body, a page source whose front matter is blanked out (so
// that offsets are file offsets), calling linker for every destination.
func (r *Renderer) Render(body []byte, linker Linker) (Result, error) {
	ids := &anchorIDs{a: slug.NewAnchors()}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(contextKey, linker)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		return Result{}, err
	}
	return Result{HTML: bytes.Clone(buf.Bytes()), Anchors: ids.a.List()}, nil
}

// anchorIDs adapts slug.Anchors to goldmark's parser.IDs.
type anchorIDs struct{ a *slug.Anchors }

func (i *anchorIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(i.a.Next(string(value)))
}

func (i *anchorIDs) Put(value []byte) { i.a.Put(string(value)) }

// linkTransformer hands every link, image and autolink to the page's Linker.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	linker, _ := pc.Get(contextKey).(Linker)
	if linker == nil {
		return
	}
	src := reader.Source()
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			line, col := position(src, n)
			out, keep := linker.Link(string(n.Destination), false, line, col)
			if !keep {
				drop = append(drop, n)
			} else {
				n.Destination = []byte(out)
			}
		case *ast.Image:
			line, col := position(src, n)
			out, keep := linker.Link(string(n.Destination), true, line, col)
			if !keep {
				drop = append(drop, n)
			} else {
				n.Destination = []byte(out)
			}
		case *ast.AutoLink:
			line, col := position(src, n)
			url := string(n.URL(src))
			if _, keep := linker.Link(url, false, line, col); !keep {
				drop = append(drop, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		unlink(n, src)
	}
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

// position returns the line and column of an inline node: that of its first
// text, less one for the opening bracket of a link ("[" or "![").
func position(src []byte, n ast.Node) (int, int) {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	switch n.(type) {
	case *ast.Link:
		if off > 0 {
			off--
		}
	case *ast.Image:
		if off > 1 {
			off -= 2
		}
	case *ast.AutoLink:
		if off > 0 {
			off--
		}
	}
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 0, 0
	}
	return diag.Position(src, off)
}
