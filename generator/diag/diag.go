// Package diag holds lobsite's content diagnostics: a foutmelding (error) or
// waarschuwing (warning) tied to a position in a source file.
//
// Every problem in the content a coordinator writes reaches the user as
//
//	path:line:col: message
//
// where path is slash-separated and relative to the site folder (for example
// content/opdrachten/netwerkkaart.md), line and col are 1-based and col counts
// runes, not bytes. A List collects all problems of one run so the user sees
// them at once, not only the first.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity tells whether a Problem stops the build.
type Severity int

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is reported but the build goes on (unless warnings are made fatal).
	Warning
)

// Problem is one finding in a source file (a foutmelding or waarschuwing).
// Line and Col are 1-based; zero means "unknown" and is left out when
// printed.
type Problem struct {
	Path     string // slash-separated, relative to the site folder
	Line     int
	Col      int // in runes
	Msg      string
	Severity Severity
	// Err is the cause when there is one, such as the *fs.PathError of a
	// file that cannot be read or the YAML parser's error; nil otherwise.
	// It is not printed (Msg says what it means, in Dutch) but Unwrap
	// returns it, so errors.Is(p, fs.ErrPermission) works.
	Err error
}

// Unwrap returns the cause of the problem, or nil.
func (p *Problem) Unwrap() error { return p.Err }

// Error formats the problem as path:line:col: message (warnings get a
// "waarschuwing: " prefix after the position).
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("waarschuwing: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// List collects problems. The zero value is ready to use. A List is not safe
// for concurrent use; merge per-goroutine lists with Add.
type List struct {
	items []*Problem
}

// Errorf records an error at path:line:col.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.items = append(l.items, &Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line:col.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	l.items = append(l.items, &Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Add appends problems, for example those of another List.
func (l *List) Add(ps ...*Problem) { l.items = append(l.items, ps...) }

// Problems returns all problems sorted by path, line, column and message.
func (l *List) Problems() []*Problem {
	sort.SliceStable(l.items, func(i, j int) bool {
		a, b := l.items[i], l.items[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	return l.items
}

// Errors returns only the problems of Severity Error, sorted.
func (l *List) Errors() []*Problem { return l.filter(Error) }

// Warnings returns only the problems of Severity Warning, sorted.
func (l *List) Warnings() []*Problem { return l.filter(Warning) }

func (l *List) filter(s Severity) []*Problem {
	var out []*Problem
	for _, p := range l.Problems() {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Len reports the number of problems of any severity.
func (l *List) Len() int { return len(l.items) }

// Err returns nil when the list holds no errors, else a *BuildError holding
// every problem (errors and warnings).
func (l *List) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return &BuildError{Problems: l.Problems()}
}

// BuildError is returned by a build or check that found content errors. Its
// message lists every problem, one per line, and ends with the count.
type BuildError struct {
	Problems []*Problem
	// Reason, when set, is a last line saying why the build stopped when
	// that is not a content error (such as --strict with warnings).
	Reason string
}

// Unwrap returns the problems, so errors.Is and errors.As look through
// them: errors.Is(err, fs.ErrPermission) reports whether a file could not
// be read for lack of rights.
func (e *BuildError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

func (e *BuildError) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range e.Problems {
		b.WriteString(p.Error())
		b.WriteByte('\n')
		if p.Severity == Error {
			n++
		}
	}
	b.WriteString(Count(n, len(e.Problems)-n))
	if e.Reason != "" {
		b.WriteString("\n")
		b.WriteString(e.Reason)
	}
	return b.String()
}

// Count phrases the closing line of a run, in Dutch:
// "3 fouten, 1 waarschuwing".
func Count(errors, warnings int) string {
	f := "fouten"
	if errors == 1 {
		f = "fout"
	}
	w := "waarschuwingen"
	if warnings == 1 {
		w = "waarschuwing"
	}
	return fmt.Sprintf("%d %s, %d %s", errors, f, warnings, w)
}

// Lines converts byte offsets of one source to positions, as Position
// does, without counting lines from the start for every offset: a page with
// many problems stays linear. The lines are counted at the first call.
type Lines struct {
	src    []byte
	starts []int // byte offset of the start of each line; nil until needed
}

// NewLines returns the Lines of src.
func NewLines(src []byte) *Lines { return &Lines{src: src} }

// Position is Position(src, off).
func (l *Lines) Position(off int) (line, col int) {
	if l.starts == nil {
		l.starts = append(make([]int, 0, 64), 0)
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	off = max(0, min(off, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(l.src[l.starts[i]:off]) + 1
}

// Position converts a byte offset in src to a 1-based line and a 1-based
// column counted in runes. Offsets past the end point just after the last byte.
func Position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	before := src[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[start:]) + 1
	return line, col
}

// ExcerptWidth is how many characters of each source line Excerpt shows at
// most: a window around the column, so a problem on a very long line
// stays readable and small.
const ExcerptWidth = 100

// Excerpt returns the source lines from line-context to line+context of
// src, numbered, with a caret under column col (counted in characters) of
// line. Lines longer than ExcerptWidth show only the window of that width
// around col, with … where text is left out. It returns "" when line is not
// in src. It reads src only up to the last line shown.
func Excerpt(src []byte, line, col, context int) string {
	if line < 1 {
		return ""
	}
	from, to := max(1, line-context), line+context
	var lines []string
	for n, off := 1, 0; n <= to && off <= len(src); n++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if n >= from {
			lines = append(lines, strings.TrimSuffix(string(src[off:off+end]), "\r"))
		}
		off += end + 1
	}
	if line-from >= len(lines) {
		return ""
	}
	to = from + len(lines) - 1
	// The window starts so that col sits in its middle when the line is
	// longer than the window; every line shown uses the same window.
	start := 0
	if r := []rune(lines[line-from]); len(r) > ExcerptWidth && col > ExcerptWidth/2 {
		start = min(col-1-ExcerptWidth/2, len(r)-ExcerptWidth)
	}
	width := len(fmt.Sprint(to))
	var b strings.Builder
	for n := from; n <= to; n++ {
		r := []rune(lines[n-from])
		text := ""
		if start < len(r) {
			text = string(r[start:min(len(r), start+ExcerptWidth)])
		}
		if start > 0 {
			text = "…" + text
		}
		if len(r) > start+ExcerptWidth {
			text += "…"
		}
		fmt.Fprintf(&b, "%*d | %s\n", width, n, text)
		if n == line && col > 0 {
			pad := col - 1 - start
			if start > 0 {
				pad++ // the …
			}
			fmt.Fprintf(&b, "%*s | %s^\n", width, "", strings.Repeat(" ", pad))
		}
	}
	return b.String()
}
