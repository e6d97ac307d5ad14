package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableRenderer writes GitHub tables as goldmark does, with two changes for
// readers:
//
//   - every table is wrapped in its own scroll box,
//     <div class="tabel" tabindex="0" role="region" aria-label="Tabel: …">,
//     so a wide table scrolls by itself (by keyboard too) instead of making
//     the whole page scroll sideways on a phone; the label names the
//     table's column headers;
//   - an empty header cell (the corner of a table whose first column holds
//     row names, or a worksheet's blank row) is written as <td></td>: a
//     header without text announces nothing and fails WCAG 1.3.1.
//
// It registers before goldmark's own table renderer and hands every other
// part of the table to it.
type tableRenderer struct {
	table, cell renderer.NodeRendererFunc // goldmark's own
}

func newTableRenderer() *tableRenderer {
	r := &tableRenderer{}
	extension.NewTableHTMLRenderer().RegisterFuncs(funcGrabber(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		switch k {
		case east.KindTable:
			r.table = f
		case east.KindTableCell:
			r.cell = f
		}
	}))
	return r
}

// funcGrabber collects the render functions a NodeRenderer registers.
type funcGrabber func(ast.NodeKind, renderer.NodeRendererFunc)

func (g funcGrabber) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { g(k, f) }

func (r *tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(east.KindTableCell, r.renderCell)
}

func (r *tableRenderer) renderTable(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		st, err := r.table(w, src, n, false)
		_, _ = w.WriteString("</div>\n")
		return st, err
	}
	_, _ = w.WriteString(`<div class="tabel" tabindex="0" role="region" aria-label="`)
	_, _ = w.WriteString(html.EscapeString(tableLabel(n, src)))
	_, _ = w.WriteString("\">\n")
	return r.table(w, src, n, true)
}

func (r *tableRenderer) renderCell(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader && emptyCell(n, src) {
		if entering {
			_, _ = w.WriteString("<td></td>\n")
		}
		return ast.WalkSkipChildren, nil
	}
	return r.cell(w, src, n, entering)
}

// emptyCell reports whether a table cell shows no text and no image.
func emptyCell(n ast.Node, src []byte) bool {
	empty := true
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if len(strings.TrimSpace(string(c.Segment.Value(src)))) > 0 {
				empty = false
			}
		case *ast.String:
			if len(strings.TrimSpace(string(c.Value))) > 0 {
				empty = false
			}
		case *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
			empty = false
		}
		if !empty {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return empty
}

// tableLabel names a table for its scroll box: "Tabel: " and the texts of
// its header cells ("Tabel: Periode, Wat, Wie"), or "Tabel" when they are
// all empty.
func tableLabel(n ast.Node, src []byte) string {
	var cols []string
	if h := n.FirstChild(); h != nil && h.Kind() == east.KindTableHeader {
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			if t := strings.Join(strings.Fields(inlineText(c, src)), " "); t != "" {
				cols = append(cols, t)
			}
		}
	}
	if len(cols) == 0 {
		return "Tabel"
	}
	return "Tabel: " + strings.Join(cols, ", ")
}

// inlineText is the text of the inline nodes under n as it reads, as
// headingText does for a heading.
func inlineText(n ast.Node, src []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return Destination(b)
}
