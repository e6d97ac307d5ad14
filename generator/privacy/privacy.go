// Package privacy finds text in handbook sources that looks like pupil data,
// so the build can warn before it is published. A handbook describes the LOB
// programme for staff; names, BSNs, phone numbers and private e-mail addresses
// of pupils and parents belong in the pupil administration, under the AVG
// (GDPR), not in the handbook.
//
// A Scanner reports three kinds of findings, each with byte offsets into the
// scanned text:
//
//   - BSN: a burgerservicenummer of 9 digits that passes the 11-proef
//     (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, not all zeros), written as
//     one run (123456782) or in 4-2-3 or 3-3-3 groups separated by dots or
//     spaces (1234.56.782, 123 456 782).
//   - Phone: a Dutch phone number that normalises to 10 digits with a leading
//     0: mobile (06-12345678, 06 1234 5678, +31 6 12345678, +31 (0)6 …,
//     0031 6 …) or landline (010-1234567, 0575 123456, (020) 123 4567,
//     +31 20 123 4567). The digits must be grouped the way phone numbers are
//     written: an area code of 2 (06 only), 3 or 4 digits, then the
//     subscriber number whole or in groups of 2–4 digits, with one kind of
//     separator between those groups.
//   - Email: an e-mail address whose domain is not one of the allowed
//     domains or a subdomain of one (compared case-insensitively). Reserved
//     domains such as example.org are not allowed unless listed.
//
// A number is only reported when it stands on its own: not glued to letters
// or digits, not part of a longer number joined by '-', '.', ',' or ':'
// (dates, times, decimals, ISBNs), not inside a URL or path (the word before
// it holds a '/' or starts with "www."), and not right after a label for
// another kind of number (ordernummer, bestelnr., factuur, artikel, ISBN,
// EAN, KvK, IBAN, btw) or a euro sign. Dates (2026-10-12), times
// (09:00-12:00), years, durations and ranges (1-2) never have the digit
// layout of a BSN or phone number.
//
// Scanning is fast when there is nothing to find: text without '@' and
// without a stretch of at least 9 digits (with only separators between them)
// is passed over in one loop over its bytes.
package privacy

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a Finding looks like.
type Kind int

const (
	// BSN is a burgerservicenummer that passes the 11-proef.
	BSN Kind = iota + 1
	// Phone is a Dutch phone number, mobile or landline.
	Phone
	// Email is an e-mail address outside the allowed domains.
	Email
)

// String returns the Dutch name of the kind, as used in messages:
// "BSN", "telefoonnummer" or "e-mailadres".
func (k Kind) String() string {
	switch k {
	case BSN:
		return "BSN"
	case Phone:
		return "telefoonnummer"
	case Email:
		return "e-mailadres"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Finding is one piece of text that looks like pupil data. Offset and End
// are byte offsets into the scanned text, with Offset < End, and Match is
// text[Offset:End]. Use diag.Position to turn Offset into a line and column.
type Finding struct {
	Offset, End int
	Kind        Kind
	Match       string
}

// Message returns a one-line Dutch warning for the finding that says what
// was found and what to do about it, without a position.
func (f Finding) Message() string {
	const why = "een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar"
	switch f.Kind {
	case Email:
		return fmt.Sprintf("dit lijkt op een e-mailadres buiten de toegestane domeinen (%s); %s"+
			" (is het een adres van school, zet het domein dan bij toegestane_domeinen in content/site.yaml)", f.Match, why)
	case BSN, Phone:
		return fmt.Sprintf("dit lijkt op een %s (%s); %s", f.Kind, f.Match, why)
	}
	return fmt.Sprintf("dit lijkt op leerlinggegevens (%s); %s", f.Match, why)
}

// Scanner finds pupil data in text. It holds only the allowed e-mail domains
// and never changes after New, so one Scanner may be used by many goroutines
// at once. The zero value allows no e-mail domain at all.
type Scanner struct {
	allowed []string        // lower case, without leading "@", "*." or "."
	numbers map[string]bool // allowed phone numbers, as 10 digits from 0
}

// New returns a Scanner that accepts e-mail addresses at allowedDomains and
// at their subdomains. Domains are compared case-insensitively; a leading
// "@", "*." or "." and surrounding spaces are ignored, and empty entries are
// skipped.
//
// allowedNumbers are phone numbers that may appear (the school's own, from
// toegestane_nummers in site.yaml), in any notation: 0575-123456, +31 575
// 123456 and (0575) 12 34 56 are one number.
func New(allowedDomains []string, allowedNumbers ...string) *Scanner {
	s := &Scanner{}
	for _, n := range allowedNumbers {
		if d := phoneDigits(n); d != "" {
			if s.numbers == nil {
				s.numbers = map[string]bool{}
			}
			s.numbers[d] = true
		}
	}
	for _, d := range allowedDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		d = strings.TrimPrefix(d, "@")
		d = strings.TrimPrefix(d, "*.")
		d = strings.Trim(d, ".")
		if d != "" {
			s.allowed = append(s.allowed, d)
		}
	}
	return s
}

// Scan returns the findings in text, ordered by Offset (then End). It
// returns nil when there are none. Findings of different kinds may overlap,
// for example a phone number used as the local part of an e-mail address.
func (s *Scanner) Scan(text []byte) []Finding {
	out := scanNumbers(text, nil)
	if len(s.numbers) > 0 {
		out = slices.DeleteFunc(out, func(f Finding) bool { return f.Kind == Phone && s.numbers[phoneDigits(f.Match)] })
		if len(out) == 0 {
			out = nil
		}
	}
	n := len(out)
	out = s.scanEmails(text, out)
	if n > 0 && len(out) > n {
		slices.SortStableFunc(out, func(a, b Finding) int {
			if a.Offset != b.Offset {
				return a.Offset - b.Offset
			}
			return a.End - b.End
		})
	}
	return out
}

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

// maxGroups is the most digit groups a number can have (06 12 34 56 78).
const maxGroups = 6

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

// lastWord splits b into the run of ASCII letters at its end and what
// comes before.
func lastWord(b []byte) (word string, rest []byte) {
	i := len(b)
	for i > 0 && (b[i-1]|0x20 >= 'a' && b[i-1]|0x20 <= 'z') {
		i--
	}
	return string(b[i:]), b[:i]
}

// ---- e-mail ----

func isLocalChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// isDomainChar also takes the bytes of non-ASCII letters: a domain may be
// internationalised (schoöl.nl).
func isDomainChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '-' || c >= 0x80
}

// fullwidthAt is the fullwidth commercial at (＠), which some input methods
// and copied text use instead of @.
const fullwidthAt = "\uff20"

// nextAt returns the offset of the next @ or ＠ in text and its length, or -1.
func nextAt(text []byte) (int, int) {
	i := bytes.IndexByte(text, '@')
	j := -1
	if bytes.IndexByte(text, 0xEF) >= 0 {
		j = bytes.Index(text, []byte(fullwidthAt))
	}
	switch {
	case j >= 0 && (i < 0 || j < i):
		return j, len(fullwidthAt)
	case i >= 0:
		return i, 1
	}
	return -1, 0
}

// scanEmails appends the e-mail addresses in text whose domain is not
// allowed to out.
func (s *Scanner) scanEmails(text []byte, out []Finding) []Finding {
	for off := 0; off < len(text); {
		j, atLen := nextAt(text[off:])
		if j < 0 {
			break
		}
		at := off + j
		off = at + atLen
		start := at
		for start > 0 && isLocalChar(text[start-1]) {
			start--
		}
		for start < at && text[start] == '.' {
			start++
		}
		if start == at {
			continue
		}
		end := at + atLen
		for end < len(text) && isDomainChar(text[end]) {
			end++
		}
		for end > at+atLen && (text[end-1] == '.' || text[end-1] == '-' || text[end-1] >= 0x80) {
			end-- // a trailing non-ASCII byte: the text goes on after the domain
		}
		for end > at+atLen && !utf8.Valid(text[at+atLen:end]) {
			end--
		}
		domain := text[at+atLen : end]
		if !validDomain(domain) || s.allowedDomain(domain) {
			continue
		}
		out = append(out, Finding{Offset: start, End: end, Kind: Email, Match: string(text[start:end])})
	}
	return out
}

// validDomain reports whether d is a domain name of at least two labels
// whose last label is a top-level domain (letters, or an xn-- name) and not
// an image file extension such as in "logo@2x.png".
func validDomain(d []byte) bool {
	labels := 0
	for len(d) > 0 {
		label := d
		if k := bytes.IndexByte(d, '.'); k >= 0 {
			label, d = d[:k], d[k+1:]
			if len(d) == 0 {
				return false
			}
		} else {
			d = nil
		}
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		labels++
		if d == nil {
			return labels >= 2 && topLevel(label)
		}
	}
	return false
}

func topLevel(l []byte) bool {
	if len(l) > 4 && bytes.EqualFold(l[:4], []byte("xn--")) {
		return true
	}
	if len(l) < 2 {
		return false
	}
	for _, c := range l {
		if c|0x20 < 'a' || c|0x20 > 'z' {
			return false
		}
	}
	switch strings.ToLower(string(l)) {
	case "png", "jpg", "jpeg", "gif", "svg", "webp", "avif":
		return false
	}
	return true
}

// allowedDomain reports whether domain is an allowed domain or a subdomain
// of one, ignoring case.
func (s *Scanner) allowedDomain(domain []byte) bool {
	for _, a := range s.allowed {
		n := len(domain) - len(a)
		if n < 0 || !bytes.EqualFold(domain[n:], []byte(a)) {
			continue
		}
		if n == 0 || domain[n-1] == '.' {
			return true
		}
	}
	return false
}
