package search

import (
	"strings"
	"unicode/utf8"
)

// The qualities of a match of a query word with an index term, best
// last; zoek.js ranks by them.
const (
	NoMatch = iota
	Typo    // one letter wrong, missing, extra or swapped with the next
	Prefix  // the term starts with the word (the last word of a query only)
	Exact   // the term is the word's term
)

// Match returns how the folded query word q finds the index term t, by the
// rules zoek.js follows (the tests hold both to one word list): Exact when
// t is q's term (Term); Prefix when q is the last word of the query and t
// starts with q or with q's term; Typo when q has five letters or more and
// t is one edit (a letter changed, added, dropped, or two neighbours
// swapped) from q or from its term of five letters or more; else NoMatch.
func Match(lang, q, t string, last bool) int {
	v := Term(lang, q)
	if t == v {
		return Exact
	}
	if last && (strings.HasPrefix(t, q) || strings.HasPrefix(t, v)) {
		return Prefix
	}
	if utf8.RuneCountInString(q) >= 5 && (near(q, t) || utf8.RuneCountInString(v) >= 5 && near(v, t)) {
		return Typo
	}
	return NoMatch
}

// near reports whether a and b are at most one edit apart (optimal string
// alignment distance ≤ 1).
func near(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if i == len(x) {
		return true
	}
	if len(x) == len(y) {
		if string(x[i+1:]) == string(y[i+1:]) {
			return true
		}
		return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
	}
	return string(x[i:]) == string(y[i+1:])
}
