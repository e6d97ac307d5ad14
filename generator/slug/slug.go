// Package slug turns Dutch titles, file names and headings into the ASCII
// path segments and anchors lobsite uses in URLs.
//
// The rule, identical for URLs and heading anchors: decompose the text
// (Unicode NFKD) so that accents become separate marks and compatibility
// forms their plain letters (ﬁ, Ｆ, ²), drop the marks, map a few letters
// that do not decompose (ß, æ, ø, ł), lower-case, turn every run
// of characters other than a–z and 0–9 into one hyphen, and trim hyphens at
// both ends. So "Loopbaanoriëntatie Week" becomes "loopbaanorientatie-week",
// for NFC and NFD input alike.
package slug

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var fold = map[rune]string{'ß': "ss", 'æ': "ae", 'ø': "o", 'ł': "l", 'đ': "d", 'ĳ': "ij", 'œ': "oe", 'þ': "th"}

// Make returns the slug of s; it may be "" when s holds no letter or digit.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	if !ascii(s) {
		// é → e + a combining accent, dropped below; compatibility forms
		// too: ﬁ → fi, Ｆ → F, ² → 2.
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			r = unicode.ToLower(r)
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case fold[r] != "":
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(fold[r])
		default:
			dash = true
		}
	}
	return b.String()
}

// Anchors hands out unique heading anchors within one page: the first
// "Doel" heading gets "doel", the next "doel-1", then "doel-2". A heading
// without letters or digits gets "kop". The zero value is not usable; use
// NewAnchors.
type Anchors struct {
	used map[string]bool
	next map[string]int // per base: the suffix to try first
	list []string
}

// NewAnchors returns an empty anchor set.
func NewAnchors() *Anchors { return &Anchors{used: map[string]bool{}, next: map[string]int{}} }

// Next returns the unique anchor for heading text and records it.
func (a *Anchors) Next(text string) string {
	base := Make(text)
	if base == "" {
		base = "kop"
	}
	id := base
	if a.used[id] {
		// Start where the last duplicate of this base left off, so a page
		// with many equal headings stays linear.
		n := max(1, a.next[base])
		for a.used[base+"-"+strconv.Itoa(n)] {
			n++
		}
		id = base + "-" + strconv.Itoa(n)
		a.next[base] = n + 1
	}
	a.Put(id)
	return id
}

// Put records an anchor given explicitly.
func (a *Anchors) Put(id string) {
	if !a.used[id] {
		a.used[id] = true
		a.list = append(a.list, id)
	}
}

// List returns the anchors in the order they were handed out.
func (a *Anchors) List() []string { return a.list }

// ascii reports whether s is all ASCII, which needs no decomposition.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Reserve marks id as taken without listing it: an id the page around the
// body already has, which no heading may get.
func (a *Anchors) Reserve(id string) { a.used[id] = true }
