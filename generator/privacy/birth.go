package privacy

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
)

// ---- birth dates ----

// The rule for a birth date: a full date (12-03-2012, 12/3/2012,
// 12.03.2012, 2012-03-12, 12 maart 2012, 3 Mar 2012) that is labelled as
// one (geboren, geb., geboortedatum, jarig, born, date of birth, DOB in the
// 40 bytes before it, on its line), or whose year is one a pupil may be born
// in (see WithBirthYears) and that stands within 40 bytes of what looks like
// a person's name: two capitalised words, Dutch tussenvoegsels between
// ("Sanne de Vries", "Mo el Amrani").

// window is how far before or after a date a label or a name is looked for,
// in bytes, on the same line.
const window = 40

// birthLabels are the words that say a date is a birth date, in lower case.
var birthLabels = []string{"geboren", "geb.", "geb:", "geboortedatum", "geboortedag", "jarig", "verjaardag", "born", "date of birth", "birth", "dob", "d.o.b."}

// months are the Dutch and English month names and their abbreviations, in
// lower case, as they follow a day in a written date.
var months = map[string]bool{}

func init() {
	for _, m := range strings.Fields("januari februari maart april mei juni juli augustus september oktober november december " +
		"jan feb mrt apr jun jul aug sep sept okt nov dec " +
		"january february march may june july october " +
		"mar oct") {
		months[m] = true
	}
}

// nameRE matches two capitalised words with up to three tussenvoegsels
// between them.
var nameRE = regexp.MustCompile(`\p{Lu}[\p{Ll}'’-]+(?:[ \x{a0}](?:van|de|der|den|het|ter|ten|te|in|op|'t|el|al|da|di|du|le|la|von|zu))*[ \x{a0}]\p{Lu}[\p{Ll}'’-]+`)

// notNames are capitalised words that begin two-word phrases around dates
// but are no names: weekdays and months.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday") {
		notNames[w] = true
	}
	for m := range months {
		notNames[m] = true
	}
}

// WithBirthYears returns a copy of s that also reports a date with a year
// from..to (inclusive) next to a name; labelled birth dates are reported
// whatever their year. The build passes the years a pupil of the school
// year may be born in.
func (s *Scanner) WithBirthYears(from, to int) *Scanner {
	c := *s
	c.birthFrom, c.birthTo = from, to
	return &c
}

// scanBirthDates appends the birth-date findings of text to out. It looks
// only where "19" or "20" starts a year (bytes.Index, fast on text with
// few years).
func (s *Scanner) scanBirthDates(text []byte, out []Finding) []Finding {
	n := len(out)
	for _, century := range [...]string{"19", "20"} {
		last := 0 // end of the last finding of this pass
		for off := 0; off+4 <= len(text); {
			j := bytes.Index(text[off:], []byte(century))
			if j < 0 {
				break
			}
			i := off + j
			off = i + 1
			if f, ok := s.birthAt(text, i, last); ok {
				out = append(out, f)
				off, last = f.End, f.End
			}
		}
	}
	if len(out) > n+1 {
		slices.SortFunc(out[n:], func(a, b Finding) int { return a.Offset - b.Offset })
	}
	return out
}

// birthAt returns the birth-date finding whose year starts at text[i], if
// there is one; a name it takes must end after last.
func (s *Scanner) birthAt(text []byte, i, last int) (Finding, bool) {
	if i+4 > len(text) || i > 0 && isDigit(text[i-1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) || i+4 < len(text) && isDigit(text[i+4]) {
		return Finding{}, false
	}
	year := 1000*int(text[i]-'0') + 100*int(text[i+1]-'0') + 10*int(text[i+2]-'0') + int(text[i+3]-'0')
	start, end, ok := dateAround(text, i)
	if !ok {
		return Finding{}, false
	}
	line0 := bytes.LastIndexByte(text[:start], '\n') + 1
	before := text[max(line0, start-window):start]
	if lab := labelIn(before); lab >= 0 {
		from := start - len(before) + lab
		return Finding{Offset: from, End: end, Kind: BirthDate, Match: string(text[from:end])}, true
	}
	if year < s.birthFrom || year > s.birthTo {
		return Finding{}, false
	}
	lineEnd := len(text)
	if j := bytes.IndexByte(text[end:], '\n'); j >= 0 {
		lineEnd = end + j
	}
	// The nearer name, before or after; not one a finding holds.
	from, nameEnd, okBefore := nameBefore(text, max(line0, start-window, last), start)
	afterStart, to, okAfter := nameAfter(text, end, min(lineEnd, end+window))
	switch {
	case okBefore && (!okAfter || start-nameEnd <= afterStart-end):
		return Finding{Offset: from, End: end, Kind: BirthDate, Match: string(text[from:end])}, true
	case okAfter:
		return Finding{Offset: start, End: to, Kind: BirthDate, Match: string(text[start:to])}, true
	}
	return Finding{}, false
}

// dateAround returns the span of the full date whose year starts at
// text[y], or ok false when the year stands alone.
func dateAround(text []byte, y int) (start, end int, ok bool) {
	end = y + 4
	// 2012-03-12
	if end+6 <= len(text) && text[end] == '-' && isDigit(text[end+1]) && isDigit(text[end+2]) && text[end+3] == '-' && isDigit(text[end+4]) && isDigit(text[end+5]) &&
		(end+6 == len(text) || !isDigit(text[end+6])) {
		return y, end + 6, true
	}
	if end < len(text) && (isDigit(text[end]) || text[end] == '-' && end+1 < len(text) && isDigit(text[end+1])) {
		return 0, 0, false
	}
	// 12-03-2012, 12/3/2012, 12.03.2012
	if y >= 4 {
		sep := text[y-1]
		if sep == '-' || sep == '/' || sep == '.' {
			p := y - 1
			m := digitsBefore(text, p)
			if m >= 1 && m <= 2 && p-m-1 >= 0 && text[p-m-1] == sep {
				q := p - m - 1
				d := digitsBefore(text, q)
				if d >= 1 && d <= 2 && (q-d == 0 || !isDigit(text[q-d-1]) && !isJoinerByte(text[q-d-1])) {
					return q - d, end, true
				}
			}
		}
	}
	// 12 maart 2012, 3 Mar. 2012
	if y >= 2 && text[y-1] == ' ' {
		p := y - 1
		if p > 0 && text[p-1] == '.' {
			p--
		}
		w := p
		for w > 0 && (text[w-1] >= 'a' && text[w-1] <= 'z' || text[w-1] >= 'A' && text[w-1] <= 'Z') {
			w--
		}
		if w < p && months[strings.ToLower(string(text[w:p]))] && w >= 2 && text[w-1] == ' ' {
			d := digitsBefore(text, w-1)
			if d >= 1 && d <= 2 {
				return w - 1 - d, end, true
			}
		}
	}
	return 0, 0, false
}

// isJoinerByte reports a byte that would make a date part of a longer
// number (1.12-03-2012).
func isJoinerByte(c byte) bool { return c == '-' || c == '/' || c == '.' }

// digitsBefore counts the digits right before text[p].
func digitsBefore(text []byte, p int) int {
	n := 0
	for p-n-1 >= 0 && isDigit(text[p-n-1]) {
		n++
	}
	return n
}

// labelIn returns the offset in b of the first birth label that begins a
// word, or -1.
func labelIn(b []byte) int {
	low := bytes.ToLower(b)
	best := -1
	for _, l := range birthLabels {
		for off := 0; ; {
			j := bytes.Index(low[off:], []byte(l))
			if j < 0 {
				break
			}
			at := off + j
			if (at == 0 || !isLetter(low[at-1])) && (best < 0 || at < best) {
				best = at
			}
			off = at + 1
		}
	}
	return best
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }

// nameBefore returns the span of the last name in text[a:b], or ok false.
func nameBefore(text []byte, a, b int) (start, end int, ok bool) {
	ms := nameRE.FindAllIndex(text[a:b], -1)
	for k := len(ms) - 1; k >= 0; k-- {
		if isName(text[a+ms[k][0] : a+ms[k][1]]) {
			return a + ms[k][0], a + ms[k][1], true
		}
	}
	return 0, 0, false
}

// nameAfter returns the span of the first name in text[a:b], or ok false.
func nameAfter(text []byte, a, b int) (start, end int, ok bool) {
	for _, m := range nameRE.FindAllIndex(text[a:b], -1) {
		if isName(text[a+m[0] : a+m[1]]) {
			return a + m[0], a + m[1], true
		}
	}
	return 0, 0, false
}

// isName reports whether a match of nameRE is no weekday or month phrase.
func isName(m []byte) bool {
	for _, w := range strings.Fields(strings.ReplaceAll(string(m), "\u00a0", " ")) {
		if notNames[strings.ToLower(w)] {
			return false
		}
	}
	return true
}
