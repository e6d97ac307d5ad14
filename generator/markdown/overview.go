package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Overview markers: a paragraph of its own, at the top level of the body,
// that is one line {{< naam argument ... >}}. The renderer hands it to the
// Linker when that is also an Overviews, which returns the HTML to put in
// its place (or ok=false, having reported the problem itself: the
// paragraph is then left out). Without an Overviews the paragraph stays
// text as written.

// Overviews fills in the overview markers of a page.
type Overviews interface {
	Overview(name string, args []string, at Pos) (html string, ok bool)
}

// markerRE is an overview marker: {{< naam args >}}.
var markerRE = regexp.MustCompile(`^\{\{<\s*(.*?)\s*>\}\}$`)

// marker returns the words of the marker paragraph n is, or nil.
func marker(n ast.Node, src []byte) []string {
	if n.Kind() != ast.KindParagraph || n.Parent() == nil || n.Parent().Kind() != ast.KindDocument || n.Lines().Len() != 1 {
		return nil
	}
	seg := n.Lines().At(0)
	line := bytes.TrimSpace(seg.Value(src))
	if !bytes.HasPrefix(line, []byte("{{<")) {
		return nil
	}
	m := markerRE.FindSubmatch(line)
	if m == nil {
		return nil
	}
	words := strings.Fields(string(m[1]))
	if len(words) == 0 {
		return []string{""}
	}
	return words
}

// markerAt is the position of the marker paragraph n: its first
// character.
func markerAt(li *lineIndex, n ast.Node, src []byte) Pos {
	seg := n.Lines().At(0)
	off := seg.Start
	for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
		off++
	}
	return Pos{li: li, off: off + 1}
}

// replaceMarkers puts the overviews in place of the marker paragraphs.
func replaceMarkers(ov Overviews, li *lineIndex, src []byte, markers []ast.Node) {
	for _, n := range markers {
		words := marker(n, src)
		out, ok := ov.Overview(words[0], words[1:], markerAt(li, n, src))
		parent := n.Parent()
		if !ok {
			parent.RemoveChild(parent, n)
			continue
		}
		parent.ReplaceChild(parent, n, &overviewNode{html: []byte(out)})
	}
}

// overviewNode is a filled-in overview: ready HTML.
type overviewNode struct {
	ast.BaseBlock
	html []byte
}

var kindOverview = ast.NewNodeKind("Overview")

func (n *overviewNode) Kind() ast.NodeKind { return kindOverview }

func (n *overviewNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// overviewRenderer writes overview nodes as they are.
type overviewRenderer struct{}

func (overviewRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindOverview, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*overviewNode).html)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
