// This file finds BSNs (with the 11-proef) and Dutch phone numbers in any notation.

package privacy

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phoneDigits returns the digits of a written phone number as the 10 digits
// of its national form (+31, 0031 and a (0) become one leading 0), or "".
func phoneDigits(written string) string {
	var d []byte
	for i := 0; i < len(written); i++ {
		if isDigit(written[i]) {
			d = append(d, written[i])
		}
	}
	switch {
	case strings.HasPrefix(strings.TrimSpace(written), "+31"):
		d = append([]byte("0"), bytes.TrimPrefix(d[2:], []byte("0"))...)
	case bytes.HasPrefix(d, []byte("0031")):
		d = append([]byte("0"), bytes.TrimPrefix(d[4:], []byte("0"))...)
	}
	if len(d) != 10 || d[0] != '0' {
		return ""
	}
	return string(d)
}

// ---- numbers ----

// minDigits is the fewest digits any BSN or phone number has.
const minDigits = 9

// maxGroups is the most digit groups a number can have: ten, for a phone
// number written digit by digit (0 6 1 2 3 4 5 6 7 8).
const maxGroups = 10

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// inSpan reports whether c may appear inside a written number: digits,
// separators, the parts of "+31 (0)" and any byte of a multi-byte UTF-8
// character (for the no-break space and the en dash).
func inSpan(c byte) bool {
	return isDigit(c) || c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')' || c == '+' || c >= 0x80
}

// scanNumbers appends the BSN and phone findings of text to out. It looks
// only at spans of number characters holding at least minDigits digits.
func scanNumbers(text []byte, out []Finding) []Finding {
	lo := 0 // end of the last span looked at
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		start := i
		for start > lo && inSpan(text[start-1]) {
			start--
		}
		end, digits := i, 0
		for end < len(text) && inSpan(text[end]) {
			if isDigit(text[end]) {
				digits++
			}
			end++
		}
		if digits >= minDigits {
			out = scanSpan(text, start, end, out)
		}
		lo, i = end, end
	}
	return out
}

// scanSpan tries every place in text[a:b] where a number may start.
func scanSpan(text []byte, a, b int, out []Finding) []Finding {
	for i := a; i < b; {
		if end, kind := matchAt(text, i, b); kind != 0 && standsAlone(text, i, end) {
			out = append(out, Finding{Offset: i, End: end, Kind: kind, Match: string(text[i:end])})
			i = end
			continue
		}
		i++
	}
	return out
}

// Separator kinds between digit groups.
const (
	sepSpace  = iota + 1 // ' ' or no-break space
	sepDot               // '.'
	sepDash              // '-' or en dash, without spaces
	sepSpaced            // " - " or " – "
)

const (
	nbsp       = "\u00a0"
	enDash     = "\u2013"
	hyphen     = "\u2010"
	nbHyphen   = "\u2011" // non-breaking hyphen, as word processors write it
	figureDash = "\u2012"
	narrowNbsp = "\u202f"
	thinSpace  = "\u2009"
)

// readSep returns the length and kind of the separator at text[q:lim], or 0.
// A separator counts only when a digit follows it. Loose separators (spaces)
// may end a number; tight ones ('-', '.') join digits into one number.
func readSep(text []byte, q, lim int) (n, kind int, loose bool) {
	rest := text[q:lim]
	switch {
	case len(rest) >= 3 && rest[0] == ' ' && rest[1] == '-' && rest[2] == ' ':
		n, kind, loose = 3, sepSpaced, true
	case len(rest) >= 5 && rest[0] == ' ' && string(rest[1:4]) == enDash && rest[4] == ' ':
		n, kind, loose = 5, sepSpaced, true
	case len(rest) >= 1 && rest[0] == ' ':
		n, kind, loose = 1, sepSpace, true
	case bytes.HasPrefix(rest, []byte(nbsp)):
		n, kind, loose = 2, sepSpace, true
	case len(rest) >= 1 && rest[0] == '.':
		n, kind = 1, sepDot
	case len(rest) >= 1 && (rest[0] == '-' || rest[0] == '/'):
		n, kind = 1, sepDash
	case bytes.HasPrefix(rest, []byte(enDash)) || bytes.HasPrefix(rest, []byte(nbHyphen)) ||
		bytes.HasPrefix(rest, []byte(hyphen)) || bytes.HasPrefix(rest, []byte(figureDash)):
		n, kind = 3, sepDash
	case bytes.HasPrefix(rest, []byte(narrowNbsp)) || bytes.HasPrefix(rest, []byte(thinSpace)):
		n, kind, loose = 3, sepSpace, true
	default:
		return 0, 0, false
	}
	if n >= len(rest) || !isDigit(rest[n]) {
		return 0, 0, false
	}
	return n, kind, loose
}

// groups is a run of digit groups joined by separators.
type groups struct {
	n          int
	start, end [maxGroups]int
	sep        [maxGroups]int  // kind of the separator after group g, 0 if none
	loose      [maxGroups]bool // whether that separator is loose
}

// parseGroups reads digit groups from text[p:lim]; text[p] is a digit.
func parseGroups(text []byte, p, lim int) groups {
	var g groups
	for {
		q := p
		for q < lim && isDigit(text[q]) {
			q++
		}
		g.start[g.n], g.end[g.n] = p, q
		n, kind, loose := readSep(text, q, lim)
		g.sep[g.n], g.loose[g.n] = kind, loose
		g.n++
		if n == 0 || g.n == maxGroups {
			return g
		}
		p = q + n
	}
}

// Modes of reading a number.
const (
	national = iota // 0612345678, 010-1234567, 123456782
	paren           // (010) 123 45 67: the area code is read already
	intl            // +31 6 12345678: the country code is read already
)

// matchAt returns the end and kind of a BSN or phone number that starts at
// text[i] and lies within text[:lim], or kind 0.
func matchAt(text []byte, i, lim int) (end int, kind Kind) {
	c := text[i]
	switch {
	case c == '+':
		if i+3 <= lim && text[i+1] == '3' && text[i+2] == '1' {
			return afterCountry(text, i+3, lim)
		}
	case c == '(':
		return afterParen(text, i+1, lim)
	case isDigit(c) && (i == 0 || !isDigit(text[i-1])):
		if i+4 <= lim && string(text[i:i+4]) == "0031" {
			return afterCountry(text, i+4, lim)
		}
		return best(text, parseGroups(text, i, lim), national, 0)
	}
	return 0, 0
}

// afterCountry reads the rest of a number after "+31" or "0031" at text[p]:
// an optional separator, an optional "(0)" and the digit groups.
func afterCountry(text []byte, p, lim int) (int, Kind) {
	if p < lim && !isDigit(text[p]) {
		if n, _, _ := readSep(text, p, lim); n > 0 {
			p += n
		} else if p+1 < lim && text[p] == ' ' && text[p+1] == '(' {
			p++
		}
	}
	if p+3 <= lim && string(text[p:p+3]) == "(0)" {
		p += 3
		if p < lim && !isDigit(text[p]) {
			n, _, _ := readSep(text, p, lim)
			p += n
		}
	}
	if p >= lim || !isDigit(text[p]) {
		return 0, 0
	}
	g := parseGroups(text, p, lim)
	if text[p] == '0' {
		// "+31 06 12345678": a country code followed by the national form.
		if end, kind := best(text, g, national, 0); kind == Phone {
			return end, kind
		}
		return 0, 0
	}
	return best(text, g, intl, 0)
}

// afterParen reads "(010) 123 45 67" from just after the '('.
func afterParen(text []byte, p, lim int) (int, Kind) {
	q := p
	for q < lim && isDigit(text[q]) {
		q++
	}
	area := q - p
	if q >= lim || text[q] != ')' || !validArea(text[p:q], national) {
		return 0, 0
	}
	q++
	if q < lim && !isDigit(text[q]) {
		n, _, _ := readSep(text, q, lim)
		if n == 0 {
			return 0, 0
		}
		q += n
	}
	if q >= lim || !isDigit(text[q]) {
		return 0, 0
	}
	return best(text, parseGroups(text, q, lim), paren, area)
}

// validArea reports whether d is an area code: with its leading 0 in the
// national form (06, 0AA, 0AAA), without it in the international form (6,
// AA, AAA).
func validArea(d []byte, mode int) bool {
	if mode == intl {
		switch len(d) {
		case 1:
			return d[0] == '6'
		case 2, 3:
			return d[0] != '0'
		}
		return false
	}
	switch len(d) {
	case 2:
		return d[0] == '0' && d[1] == '6'
	case 3, 4:
		return d[0] == '0' && d[1] != '0'
	}
	return false
}

// best returns the end and kind of the longest valid number made of the
// first k groups of g, or kind 0. A number may not be followed by a tight
// separator and more digits. area is the length of an area code read before
// g (paren mode only).
func best(text []byte, g groups, mode, area int) (int, Kind) {
	for k := g.n; k >= 1; k-- {
		if g.sep[k-1] != 0 && !g.loose[k-1] {
			continue
		}
		if kind := layout(text, &g, k, mode, area); kind != 0 {
			return g.end[k-1], kind
		}
	}
	return 0, 0
}

// layout checks whether the first k groups of g form a phone number or a
// BSN in the given mode.
func layout(text []byte, g *groups, k, mode, area int) Kind {
	var lens [maxGroups]int
	for j := 0; j < k; j++ {
		lens[j] = g.end[j] - g.start[j]
	}
	first := text[g.start[0]:g.end[0]]
	switch mode {
	case paren:
		if subscriber(g, lens[:k], 0, 10-area) {
			return Phone
		}
		return 0
	case intl:
		if k == 1 && lens[0] == 9 {
			return Phone
		}
		if k > 1 && validArea(first, intl) && subscriber(g, lens[:k], 1, 9-lens[0]) {
			return Phone
		}
		return 0
	}
	if spelled(g, lens[:k]) {
		var d [10]byte
		for j := 0; j < k; j++ {
			d[j] = text[g.start[j]]
		}
		switch {
		case k == 10 && d[0] == '0' && d[1] != '0' && string(d[:]) != "0123456789":
			return Phone
		case k == 9 && elfproef(d[:9]):
			return BSN
		}
		return 0
	}
	if k == 1 {
		switch lens[0] {
		case 10:
			if first[0] == '0' && first[1] != '0' {
				return Phone
			}
		case 9:
			if elfproef(first) {
				return BSN
			}
		}
		return 0
	}
	if validArea(first, national) && subscriber(g, lens[:k], 1, 10-lens[0]) {
		return Phone
	}
	if k == 3 && lens[2] == 3 && (lens[0] == 4 && lens[1] == 2 || lens[0] == 3 && lens[1] == 3) &&
		g.sep[0] == g.sep[1] && (g.sep[0] == sepSpace || g.sep[0] == sepDot || g.sep[0] == sepDash) {
		var d [9]byte
		n := 0
		for j := 0; j < 3; j++ {
			n += copy(d[n:], text[g.start[j]:g.end[j]])
		}
		if elfproef(d[:]) {
			return BSN
		}
	}
	return 0
}

// spelled reports whether the groups of g with lengths lens are a number
// written digit by digit: nine or ten groups of one digit, one kind of
// separator between them, and no more digits after the last (a scale "0 1
// 2 … 10" is not a number).
func spelled(g *groups, lens []int) bool {
	k := len(lens)
	if k < 9 || k != g.n {
		return false
	}
	for j, l := range lens {
		if l != 1 || j > 0 && j < k-1 && g.sep[j] != g.sep[0] {
			return false
		}
	}
	return true
}

// subscriber reports whether groups from..len(lens)-1 of g form a subscriber
// number of total digits, in one of the usual groupings and with one kind of
// separator between the groups.
func subscriber(g *groups, lens []int, from, total int) bool {
	sub := lens[from:]
	if len(sub) == 0 {
		return false
	}
	for j := from + 1; j < len(lens)-1; j++ {
		if g.sep[j] != g.sep[from] {
			return false
		}
	}
	var key [maxGroups]byte
	for j, l := range sub {
		if l > 9 {
			return false
		}
		key[j] = byte('0' + l)
	}
	switch string(key[:len(sub)]) {
	case "8", "44", "2222", "332", "233":
		return total == 8
	case "7", "34", "322", "43":
		return total == 7
	case "6", "33", "222":
		return total == 6
	}
	return false
}

// elfproef reports whether the 9 digits in d pass the 11-proef for a BSN and
// are not all zeros.
func elfproef(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	sum, nonzero := 0, false
	for j, c := range d {
		v := int(c - '0')
		if v != 0 {
			nonzero = true
		}
		if j == 8 {
			sum -= v
		} else {
			sum += (9 - j) * v
		}
	}
	return nonzero && sum%11 == 0
}

// standsAlone reports whether the number at text[start:end] is a number of
// its own: not glued to a word or a longer number, not in a URL or path and
// not labelled as another kind of number.
func standsAlone(text []byte, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRune(text[:start])
		if isWordRune(r) {
			return false
		}
		if start >= 2 && isJoiner(text[start-1]) && isDigit(text[start-2]) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRune(text[end:])
		if isWordRune(r) {
			return false
		}
		if end+1 < len(text) && isJoiner(text[end]) && isDigit(text[end+1]) {
			return false
		}
	}
	return !inURL(text, start) && !labelled(text, start)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isJoiner reports whether c joins two digit runs into one number.
func isJoiner(c byte) bool { return c == '-' || c == '.' || c == ',' || c == ':' }

// inURL reports whether the word that ends at text[start] is part of a URL
// or a path: it holds a '/' or starts with "www.".
func inURL(text []byte, start int) bool {
	p := start
	for p > 0 && start-p < 2048 {
		c := text[p-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '(' || c == '[' || c == '"' || c == '\'' || c == '`' {
			break
		}
		p--
	}
	word := text[p:start]
	return bytes.IndexByte(word, '/') >= 0 || len(word) >= 4 && bytes.EqualFold(word[:4], []byte("www."))
}

// labelled reports whether the number at text[start] follows a euro sign or
// a label for another kind of number on the same line, such as
// "ordernummer:", "Artikel nr." or "KvK".
func labelled(text []byte, start int) bool {
	before := text[max(0, start-48):start]
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		before = before[nl+1:]
	}
	before = bytes.TrimRight(before, " \t:.#-")
	if bytes.HasSuffix(before, []byte("€")) {
		return true
	}
	word, rest := lastWord(before)
	switch strings.ToLower(word) {
	case "nr", "nummer", "no", "number":
		word, _ = lastWord(bytes.TrimRight(rest, " \t:.#-"))
	}
	word = strings.ToLower(word)
	for _, l := range [...]string{"order", "bestel", "factuur", "artikel", "isbn", "issn", "ean", "kvk", "iban", "btw", "eur"} {
		if strings.HasPrefix(word, l) {
			return true
		}
	}
	return false
}
