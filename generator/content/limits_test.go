package content

import (
	"fmt"
	"strings"
	"testing"

	"lobsite/generator/diag"
)

// nested builds front matter of the given format whose one key holds a
// value n levels deep: TOML inline tables, JSON arrays, YAML flow
// collections or YAML blocks.
func nested(format string, n int) string {
	switch format {
	case "toml":
		return "+++\ntitel = \"X\"\na = " + strings.Repeat("{b = ", n) + "1" + strings.Repeat("}", n) + "\n+++\n"
	case "json":
		return "{\n\"titel\": \"X\",\n\"a\": " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n}\n\n"
	case "yaml-flow":
		return "---\ntitel: X\na: " + strings.Repeat("{b: ", n) + "1" + strings.Repeat("}", n) + "\n---\n"
	default: // yaml blocks
		var b strings.Builder
		b.WriteString("---\ntitel: X\n")
		for i := range n {
			fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat(" ", i), i)
		}
		b.WriteString(strings.Repeat(" ", n) + "v: 1\n---\n")
		return b.String()
	}
}

// TestFrontMatterTooDeep checks that deep front matter of every format is
// refused, before it is decoded, at the line and column where it crosses
// MaxNesting; and that a head just within the bound is read. The deep
// inputs here (8,000 levels) took minutes in the TOML decoder.
func TestFrontMatterTooDeep(t *testing.T) {
	for _, tc := range []struct {
		format    string
		line, col int
	}{
		{"toml", 3, 5 + 5*MaxNesting},            // a = {b = {b = ...
		{"json", 3, 5 + MaxNesting},              // "a": [[[..., inside the outer {
		{"yaml-flow", 3, 4 + 4*(MaxNesting-1)},   // inside the block of a:
		{"yaml", 3 + MaxNesting, MaxNesting + 1}, // titel and k0 share the first level
	} {
		deepest := 8000
		if tc.format == "yaml" {
			deepest = 300 // the indentation alone is 45 KB
		}
		for _, n := range []int{MaxNesting + 1, deepest} {
			_, _, p := splitFrontMatter("content/handboek/x.md", []byte(nested(tc.format, n)))
			if p == nil || !strings.Contains(p.Msg, "niveaus diep genest") {
				t.Fatalf("%s, %d levels: problem %v; want the nesting bound", tc.format, n, p)
			}
			if p.Line != tc.line || p.Col != tc.col {
				t.Errorf("%s, %d levels: at %d:%d; want %d:%d", tc.format, n, p.Line, p.Col, tc.line, tc.col)
			}
		}
		ok := MaxNesting - 2
		if tc.format == "yaml" {
			ok = MaxNesting - 1
		}
		if _, _, p := splitFrontMatter("content/handboek/x.md", []byte(nested(tc.format, ok))); p != nil {
			t.Errorf("%s, %d levels: %v; want it read", tc.format, ok, p)
		}
	}
}

// TestFrontMatterTooLarge checks the size bound for every format, at the
// first line of the head, and that brackets inside strings, comments and
// plain YAML words do not count as nesting.
func TestFrontMatterTooLarge(t *testing.T) {
	long := strings.Repeat("x", MaxFrontMatter)
	for _, src := range []string{
		"---\ntitel: X\nsamenvatting: " + long + "\n---\n",
		"+++\ntitel = \"X\"\nsamenvatting = \"" + long + "\"\n+++\n",
		"\n{\n\"titel\": \"X\",\n\"samenvatting\": \"" + long + "\"\n}\n\n",
	} {
		_, _, p := splitFrontMatter("content/handboek/x.md", []byte(src))
		if p == nil || !strings.Contains(p.Msg, "wordt niet gelezen") || p.Line != 2 || p.Col != 1 {
			t.Errorf("%.20q...: problem %v; want the size bound at 2:1", src, p)
		}
	}
	deepText := strings.Repeat("[{", MaxNesting)
	for _, src := range []string{
		"---\ntitel: \"" + deepText + "\"\n---\n",
		"---\ntitel: X # " + deepText + "\n---\n",
		"+++\ntitel = '" + deepText + "'\n# " + deepText + "\n+++\n",
		"{\n\"titel\": \"\\\"" + deepText + "\"\n}\n\n",
	} {
		if _, _, p := splitFrontMatter("content/handboek/x.md", []byte(src)); p != nil {
			t.Errorf("%q: %v; want it read", src, p)
		}
	}
	// A quote inside a plain YAML word does not hide real nesting after it.
	src := "---\ntitel: X\na: [x'y, " + strings.Repeat("[", 100) + strings.Repeat("]", 101) + "\n---\n"
	if _, _, p := splitFrontMatter("content/handboek/x.md", []byte(src)); p == nil || !strings.Contains(p.Msg, "niveaus") {
		t.Errorf("plain word with a quote: %v; want the nesting bound", p)
	}
	// site.yaml has the same bounds, named as such.
	var probs diag.List
	ParseSettings([]byte("school: X\ntitel: "+strings.Repeat("[", 8000)+"\n"), &probs)
	if errs := probs.Errors(); len(errs) != 1 || errs[0].Path != SettingsPath || errs[0].Line != 2 ||
		!strings.Contains(errs[0].Msg, "site.yaml is hier meer dan") {
		t.Errorf("deep site.yaml: %v; want one nesting problem on line 2", probs.Err())
	}
}

// FuzzFrontMatter feeds the front matter of all three formats through
// splitFrontMatter. It checks that nothing panics, that every problem is
// positioned inside the file, and the invariant that keeps the cost linear:
// a head beyond the size or nesting bound is refused by the bound (one pass
// over the text), never handed to a decoder.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("titel: X\nleerjaren: [1, 2]\n"), uint8(0))
	f.Add([]byte("titel = \"X\"\nduur = 45.0\nleerjaren = [0x1]\n"), uint8(1))
	f.Add([]byte("\"titel\": \"X\", \"duur\": 45\n"), uint8(2))
	f.Add([]byte("a = "+strings.Repeat("{b = ", 40)+"1"+strings.Repeat("}", 40)+"\n"), uint8(1))
	f.Add([]byte("a: "+strings.Repeat("[", 40)+"\n"), uint8(0))
	f.Add([]byte("a:\n  b:\n    c: 'x''y'\n    d: \"\\\"[\"\n"), uint8(0))
	f.Add([]byte("\"a\": "+strings.Repeat("[", 30)+strings.Repeat("]", 30)+"\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		format := [...]string{"yaml", "toml", "json"}[which%3]
		var src []byte
		switch format {
		case "yaml":
			src = append(append([]byte("---\n"), data...), "\n---\n"...)
		case "toml":
			src = append(append([]byte("+++\n"), data...), "\n+++\n"...)
		case "json":
			src = append(append([]byte("{\n"), data...), "\n}\n\n"...)
		}
		fm, body, p := splitFrontMatter("content/x.md", src)
		if p == nil {
			if body < 0 || body > len(src) {
				t.Fatalf("body starts at %d of %d", body, len(src))
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		if p.Path != "content/x.md" || p.Line < 1 || p.Line > lines+1 || p.Col < 1 {
			t.Fatalf("problem out of the file (%d lines): %s:%d:%d", lines, p.Path, p.Line, p.Col)
		}
		// Whatever the delimiters captured: if it is beyond a bound, the
		// bound must be what refused it.
		if fm.raw != nil {
			lineOff := 1
			if format == "json" {
				lineOff = 0
			}
			if bp := checkShape("content/x.md", fm.raw, lineOff, format); bp != nil && (bp.Line != p.Line || bp.Msg != p.Msg) {
				t.Fatalf("head beyond the bounds went on to %q (bound: %q)", p.Msg, bp.Msg)
			}
		}
	})
}
