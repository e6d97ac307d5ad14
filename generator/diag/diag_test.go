package diag

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPosition(t *testing.T) {
	src := []byte("titel: Oriëntatie\nduur: x\n\nlaatste")
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{7, 1, 8},
		{len("titel: Oriën"), 1, 13}, // ë is two bytes, one column
		{len("titel: Oriëntatie\n"), 2, 1},
		{len("titel: Oriëntatie\nduur: "), 2, 7},
		{len(src), 4, 8},
		{len(src) + 10, 4, 8},
		{-3, 1, 1},
	}
	for _, tt := range tests {
		line, col := Position(src, tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "content/a.md", Line: 3, Col: 7, Msg: "kapot"}, "content/a.md:3:7: kapot"},
		{Problem{Path: "content/a.md", Line: 3, Msg: "kapot"}, "content/a.md:3: kapot"},
		{Problem{Path: "content/a.md", Msg: "kapot"}, "content/a.md: kapot"},
		{Problem{Path: "content/a.md", Line: 1, Col: 1, Msg: "let op", Severity: Warning}, "content/a.md:1:1: waarschuwing: let op"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndCounts(t *testing.T) {
	var l List
	l.Errorf("content/b.md", 2, 1, "b2")
	l.Warnf("content/a.md", 9, 1, "a9")
	l.Errorf("content/a.md", 3, 5, "a3")
	var got []string
	for _, p := range l.Problems() {
		got = append(got, p.Msg)
	}
	if want := []string{"a3", "a9", "b2"}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("order = %v, want %v", got, want)
	}
	err := l.Err()
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("Err() = %v, want *BuildError", err)
	}
	want := "content/a.md:3:5: a3\ncontent/a.md:9:1: waarschuwing: a9\ncontent/b.md:2:1: b2\n2 fouten, 1 waarschuwing"
	if be.Error() != want {
		t.Errorf("BuildError:\n%s\nwant:\n%s", be.Error(), want)
	}
	var none List
	none.Warnf("x", 1, 1, "w")
	if none.Err() != nil {
		t.Errorf("a list with only warnings gave an error")
	}
}

func TestExcerpt(t *testing.T) {
	src := []byte("---\ntitel: Stage: week 1\n---\nTekst\r\n")
	got := Excerpt(src, 2, 14, 1)
	want := "1 | ---\n2 | titel: Stage: week 1\n  |              ^\n3 | ---\n"
	if got != want {
		t.Errorf("Excerpt:\n%s\nwant:\n%s", got, want)
	}
	if Excerpt(src, 99, 1, 1) != "" {
		t.Errorf("Excerpt past the end is not empty")
	}
}

// TestLines checks Lines against Position at every offset, past the end
// and before the start included.
func TestLines(t *testing.T) {
	src := []byte("één\ntwee\n\nvier é\n")
	lines := NewLines(src)
	for off := -1; off <= len(src)+2; off++ {
		l1, c1 := lines.Position(off)
		l2, c2 := Position(src, off)
		if l1 != l2 || c1 != c2 {
			t.Errorf("offset %d: %d:%d, Position %d:%d", off, l1, c1, l2, c2)
		}
	}
}

// TestProblemUnwrap checks that a problem, and a build error holding it,
// lead errors.Is and errors.As to the cause, and that the cause is not
// printed.
func TestProblemUnwrap(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "content/a.md", Err: fs.ErrPermission}
	p := &Problem{Path: "content/a.md", Msg: "kan niet worden gelezen", Err: cause}
	if !errors.Is(p, fs.ErrPermission) {
		t.Errorf("errors.Is(%v, fs.ErrPermission) = false", p)
	}
	if errors.Is(p, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = true", p)
	}
	var pe *fs.PathError
	if !errors.As(p, &pe) || pe != cause {
		t.Errorf("errors.As(%v, *fs.PathError) = %v", p, pe)
	}
	if got := p.Error(); got != "content/a.md: kan niet worden gelezen" {
		t.Errorf("Error() = %q; the cause must not be printed", got)
	}
	if (&Problem{Path: "x", Msg: "y"}).Unwrap() != nil {
		t.Error("a problem without a cause unwraps to something")
	}

	var l List
	l.Errorf("content/b.md", 1, 1, "anders")
	l.Add(p)
	err := l.Err()
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("errors.Is(build error, fs.ErrPermission) = false")
	}
	var prob *Problem
	if !errors.As(err, &prob) || prob.Path != "content/a.md" {
		t.Errorf("errors.As(build error, *Problem) = %v, want the first problem by path", prob)
	}
	var none List
	none.Errorf("content/b.md", 1, 1, "anders")
	if errors.Is(none.Err(), fs.ErrPermission) {
		t.Error("a build error without that cause is fs.ErrPermission")
	}
}

// TestExcerptWindow checks that a long line shows only a window around the
// column, with … on the sides left out and the caret under the column, at
// the start, the middle and the end of the line.
func TestExcerptWindow(t *testing.T) {
	line := strings.Repeat("a", 300) + "X" + strings.Repeat("é", 300)
	src := []byte("kort\n" + line + "\nnog een regel\n")
	for _, col := range []int{1, 301, 601} {
		got := Excerpt(src, 2, col, 1)
		rows := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(rows) != 4 {
			t.Fatalf("col %d: %d rows:\n%s", col, len(rows), got)
		}
		text := strings.TrimPrefix(rows[1], "2 | ")
		if n := utf8.RuneCountInString(text); n > ExcerptWidth+2 {
			t.Errorf("col %d: line shown with %d characters", col, n)
		}
		caret := strings.Index(rows[2], "^") - len("  | ")
		r := []rune(text)
		if caret < 0 || caret >= len(r) || r[caret] != []rune(line)[col-1] {
			t.Errorf("col %d: caret under %q; want %q\n%s", col, string(r[max(0, caret)]), string([]rune(line)[col-1]), got)
		}
		if (col > 1) != strings.HasPrefix(text, "…") || (col < 601) != strings.HasSuffix(text, "…") {
			t.Errorf("col %d: … marks wrong: %q", col, text)
		}
	}
}
