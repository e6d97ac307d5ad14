package theme

import (
	"html/template"
	"slices"
	"sort"
	"strings"
	"text/template/parse"
)

// readsAll reports whether the layout tmpl (its set holding the frame,
// the partials and its own templates) reads what the build cannot record
// of other pages: a field chain through Rel or List (another page's
// cross-links or list) that does not start at the view's .Page. It
// follows the layout from layouts/basis.html through {{template}},
// {{block}} and deel, knowing what dot is where as far as a template
// shows it: a path from the view (.Page.Competency), a dict with constant
// keys, or something else (a range element, a function's result), whose
// Rel and List are another page's. Where it cannot tell, it says yes.
func readsAll(tmpl *template.Template) bool {
	a := &reader{set: tmpl, seen: map[string]bool{}}
	a.template("layouts/basis.html", val{root: true})
	return a.all
}

// val is what the analysis knows of a value: a path of fields from the
// view (root), a dict made with constant keys, or neither.
type val struct {
	root bool
	path []string
	dict map[string]val
}

func (v val) key() string {
	switch {
	case v.root:
		return "$." + strings.Join(v.path, ".")
	case v.dict != nil:
		keys := make([]string, 0, len(v.dict))
		for k := range v.dict {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("dict(")
		for _, k := range keys {
			b.WriteString(k + "=" + v.dict[k].key() + ",")
		}
		return b.String() + ")"
	}
	return "?"
}

type reader struct {
	set  *template.Template
	seen map[string]bool // template name and dot already walked
	all  bool            // something untrackable was found
}

// template walks the template name executed with dot.
func (a *reader) template(name string, dot val) {
	k := name + "|" + dot.key()
	if a.seen[k] || a.all {
		return
	}
	a.seen[k] = true
	t := a.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return
	}
	a.list(t.Tree.Root, dot, map[string]val{"$": dot})
}

func (a *reader) list(l *parse.ListNode, dot val, vars map[string]val) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		a.node(n, dot, vars)
	}
}

func (a *reader) node(n parse.Node, dot val, vars map[string]val) {
	switch n := n.(type) {
	case *parse.ActionNode:
		a.pipe(n.Pipe, dot, vars, false)
	case *parse.IfNode:
		a.branch(&n.BranchNode, dot, vars, false, false)
	case *parse.WithNode:
		a.branch(&n.BranchNode, dot, vars, true, false)
	case *parse.RangeNode:
		a.branch(&n.BranchNode, dot, vars, true, true)
	case *parse.TemplateNode:
		callee := val{}
		if n.Pipe != nil {
			callee = a.pipe(n.Pipe, dot, vars, false)
		}
		a.template(n.Name, callee)
	case *parse.ListNode:
		a.list(n, dot, maps(vars))
	}
}

// branch walks an if, with or range: with sets dot to the pipeline's
// value, range to an element of it.
func (a *reader) branch(b *parse.BranchNode, dot val, vars map[string]val, setsDot, elem bool) {
	inner := maps(vars)
	v := a.pipe(b.Pipe, dot, inner, elem)
	body := dot
	if setsDot {
		body = v
		if elem {
			body = val{}
		}
	}
	a.list(b.List, body, inner)
	a.list(b.ElseList, dot, maps(vars))
}

func maps(vars map[string]val) map[string]val {
	m := make(map[string]val, len(vars))
	for k, v := range vars {
		m[k] = v
	}
	return m
}

// pipe walks a pipeline and returns its value; its variables are set in
// vars (to an element of the value when elem: range).
func (a *reader) pipe(p *parse.PipeNode, dot val, vars map[string]val, elem bool) val {
	if p == nil {
		return val{}
	}
	var v val
	for i, c := range p.Cmds {
		v = a.cmd(c, dot, vars, i > 0)
	}
	for _, d := range p.Decl {
		if elem {
			vars[d.Ident[0]] = val{}
		} else {
			vars[d.Ident[0]] = v
		}
	}
	return v
}

// cmd walks one command; piped says a value is passed in from the left,
// which makes a field or method with arguments a call.
func (a *reader) cmd(c *parse.CommandNode, dot val, vars map[string]val, piped bool) val {
	if len(c.Args) == 0 {
		return val{}
	}
	for _, arg := range c.Args[1:] {
		a.arg(arg, dot, vars)
	}
	switch first := c.Args[0].(type) {
	case *parse.IdentifierNode:
		switch first.Ident {
		case "deel":
			if len(c.Args) < 2 {
				return val{}
			}
			if s, ok := c.Args[1].(*parse.StringNode); ok {
				a.template(s.Text, val{root: true})
			} else {
				a.all = true // a partial not known until run time
			}
		case "dict":
			d := map[string]val{}
			for i := 1; i+1 < len(c.Args); i += 2 {
				s, ok := c.Args[i].(*parse.StringNode)
				if !ok {
					return val{}
				}
				d[s.Text] = a.arg(c.Args[i+1], dot, vars)
			}
			return val{dict: d}
		}
		return val{}
	default:
		v := a.arg(first, dot, vars)
		if len(c.Args) > 1 || piped {
			return val{} // a method's result
		}
		return v
	}
}

// arg walks an argument and returns its value.
func (a *reader) arg(n parse.Node, dot val, vars map[string]val) val {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return a.fields(dot, n.Ident)
	case *parse.VariableNode:
		v, ok := vars[n.Ident[0]]
		if !ok {
			v = val{}
		}
		return a.fields(v, n.Ident[1:])
	case *parse.ChainNode:
		return a.fields(a.arg(n.Node, dot, vars), n.Field)
	case *parse.PipeNode:
		return a.pipe(n, dot, maps(vars), false)
	}
	return val{}
}

// fields follows a chain of fields from v, marking the layout when the
// chain goes through Rel or List of a page other than .Page.
func (a *reader) fields(v val, idents []string) val {
	if len(idents) == 0 {
		return v
	}
	if v.dict != nil {
		if w, ok := v.dict[idents[0]]; ok {
			return a.fields(w, idents[1:])
		}
		return val{}
	}
	if v.root {
		full := append(slices.Clip(v.path), idents...)
		if full[0] != "Page" && crossLinks(full) {
			a.all = true
		}
		return val{root: true, path: full}
	}
	if crossLinks(idents) {
		a.all = true
	}
	return val{}
}

func crossLinks(idents []string) bool {
	return slices.Contains(idents, "Rel") || slices.Contains(idents, "List")
}
