package theme

import (
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"text/template/parse"

	"lobsite/themes"
)

// TestSpecNamesWhatTheDefaultThemeUses parses every layout of the default
// theme and checks that the theme spec (doc.go) names each layout file,
// each function and each field or method the layouts use: a theme writer
// who copies the default theme finds all of it explained.
func TestSpecNamesWhatTheDefaultThemeUses(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	files, err := fs.Glob(themes.Default(), "layouts/*.html")
	if err != nil || len(files) < 10 {
		t.Fatalf("layouts of the default theme: %v, %v", files, err)
	}
	funcs := map[string]any{}
	for name := range (&Theme{}).funcs() {
		funcs[name] = true
	}
	used := map[string]map[string]bool{"file": {}, "function": {}, "field": {}}
	for _, f := range files {
		used["file"][strings.TrimPrefix(f, "layouts/")] = true
		text, err := fs.ReadFile(themes.Default(), f)
		if err != nil {
			t.Fatal(err)
		}
		trees, err := parse.Parse(f, string(text), "", "", funcs, builtinFuncs)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, tree := range trees {
			walkNames(tree.Root, used)
		}
	}
	if len(used["field"]) < 30 || len(used["function"]) < 4 {
		t.Fatalf("too few names found to be a real check: %v", used)
	}
	for _, kind := range []string{"file", "function", "field"} {
		for _, name := range sortedSet(used[kind]) {
			pattern := regexp.QuoteMeta(name)
			switch kind {
			case "field":
				pattern = `\.` + pattern + `\b`
			case "function":
				pattern = `\b` + pattern + `\b`
			}
			if kind == "file" && strings.HasPrefix(name, "lijst-") {
				pattern = `layouts/lijst-<map>\.html[\s\S]*` + pattern
			}
			if !regexp.MustCompile(pattern).MatchString(doc) {
				t.Errorf("the theme spec (doc.go) does not name the %s %s that the default theme uses", kind, name)
			}
		}
	}
}

// builtinFuncs are html/template's own functions, which parse must know.
var builtinFuncs = map[string]any{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true, "eq": true, "ne": true,
	"lt": true, "le": true, "gt": true, "ge": true, "print": true, "printf": true, "println": true,
	"html": true, "js": true, "urlquery": true, "call": true,
}

// walkNames adds the functions and fields used under n to used.
func walkNames(n parse.Node, used map[string]map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkNames(c, used)
		}
	case *parse.ActionNode:
		walkNames(n.Pipe, used)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, used)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, used)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, used)
	case *parse.TemplateNode:
		walkNames(n.Pipe, used)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkNames(c, used)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkNames(a, used)
		}
	case *parse.IdentifierNode:
		used["function"][n.Ident] = true
	case *parse.FieldNode:
		for _, id := range n.Ident {
			used["field"][id] = true
		}
	case *parse.VariableNode:
		for _, id := range n.Ident[1:] {
			used["field"][id] = true
		}
	case *parse.ChainNode:
		walkNames(n.Node, used)
		for _, id := range n.Field {
			used["field"][id] = true
		}
	}
}

func walkBranch(b *parse.BranchNode, used map[string]map[string]bool) {
	walkNames(b.Pipe, used)
	walkNames(b.List, used)
	walkNames(b.ElseList, used)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
