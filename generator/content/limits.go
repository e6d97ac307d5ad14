package content

import (
	"fmt"

	"lobsite/generator/diag"
)

// The bounds on front matter (and site.yaml) checked before any decoder
// sees the text, so that no input can make a decoder spend time or memory
// out of proportion: a head of at most MaxFrontMatter bytes, nested at most
// MaxNesting levels deep (brackets and braces of TOML, JSON and YAML flow
// collections, and the indentation levels of YAML blocks).
const (
	MaxFrontMatter = 64 << 10
	MaxNesting     = 24
)

// checkShape refuses data (front matter of the given format, "yaml",
// "toml" or "json", lineOff file lines below the top of path) that is
// larger or deeper than the bounds, at the place where it crosses them.
// It reads data once, without decoding it.
func checkShape(path string, data []byte, lineOff int, format string) *diag.Problem {
	what := "de front matter"
	if path == SettingsPath {
		what = "site.yaml"
	}
	if len(data) > MaxFrontMatter {
		return &diag.Problem{Path: path, Line: lineOff + 1, Col: 1,
			Msg: fmt.Sprintf("%s is %d KB groot; meer dan %d KB wordt niet gelezen. Zet lange tekst onder de front matter, in de pagina zelf", what, (len(data)+1023)/1024, MaxFrontMatter>>10)}
	}
	line, col := 1, 1
	depth := 0        // open brackets and braces
	var quote byte    // the quote of the string being read, or 0
	var indents []int // YAML: the indentation of the enclosing blocks
	lineStart := true
	for i := 0; i < len(data); i++ {
		b := data[i]
		if lineStart && format == "yaml" && depth == 0 {
			// Measure this line's indentation against the blocks above.
			n := 0
			for i+n < len(data) && data[i+n] == ' ' {
				n++
			}
			if i+n < len(data) && data[i+n] != '\n' && data[i+n] != '\r' && data[i+n] != '#' {
				for len(indents) > 0 && indents[len(indents)-1] >= n {
					indents = indents[:len(indents)-1]
				}
				indents = append(indents, n)
				if len(indents) > MaxNesting {
					return tooDeep(path, what, line+lineOff, col+n)
				}
			}
		}
		lineStart = false
		switch {
		case b == '\n':
			line, col, lineStart = line+1, 1, true
			if format != "json" {
				quote = 0 // strings that span lines hold no brackets we count
			}
			continue
		case quote != 0:
			if b == '\\' && quote == '"' && i+1 < len(data) && data[i+1] != '\n' {
				i++
				col++
			} else if b == quote {
				quote = 0
			}
		case (b == '"' || (b == '\'' && format != "json")) && (format != "yaml" || startsToken(data, i)):
			// In YAML a quote inside a plain word (Jan's) is text.
			quote = b
		case b == '#' && format != "json" && (format != "yaml" || startsToken(data, i)):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case b == '[' || b == '{':
			depth++
			if depth+len(indents) > MaxNesting {
				return tooDeep(path, what, line+lineOff, col)
			}
		case b == ']' || b == '}':
			if depth > 0 {
				depth--
			}
		}
		if b < 0x80 || b >= 0xC0 {
			col++ // count runes, not bytes
		}
	}
	return nil
}

// startsToken reports whether data[i] begins a YAML token: it is the first
// byte, or follows a blank or a flow indicator.
func startsToken(data []byte, i int) bool {
	if i == 0 {
		return true
	}
	switch data[i-1] {
	case ' ', '\t', '\n', '\r', '[', '{', ',', ':':
		return true
	}
	return false
}

func tooDeep(path, what string, line, col int) *diag.Problem {
	return &diag.Problem{Path: path, Line: line, Col: col,
		Msg: fmt.Sprintf("%s is hier meer dan %d niveaus diep genest; zo diep wordt niet gelezen. Schrijf de waarden platter, met minder haken en inspringing", what, MaxNesting)}
}
