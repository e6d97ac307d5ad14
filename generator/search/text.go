package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s folded as the index and the query fold it: compatibility
// decomposition (NFKD), every nonspacing mark (Unicode Mn) dropped, then
// lower case. "ORIËNTATIE" and "oriëntatie" both fold to "orientatie".
func Fold(s string) string { return string(appendFold(nil, []byte(s))) }

// appendFold appends the folded form of the word w to dst.
func appendFold(dst, w []byte) []byte {
	ascii := true
	for _, c := range w {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for _, c := range w {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	var buf [64]byte
	d := norm.NFKD.Append(buf[:0], w...)
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		d = d[n:]
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// wordRune reports whether r belongs to a word: a letter, a number or a
// mark (\p{L}, \p{N}, \p{M} in zoek.js).
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Words splits s into its words, folded, without stop words and words of
// fewer than two letters: what a text contributes to the index and a query
// searches for, before stemming.
func Words(lang, s string) []string {
	var out []string
	b := []byte(s)
	var f []byte
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if !wordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(b) {
			r, n := utf8.DecodeRune(b[j:])
			if !wordRune(r) {
				break
			}
			j += n
		}
		f = appendFold(f[:0], b[i:j])
		if keep(lang, f) {
			out = append(out, string(f))
		}
		i = j
	}
	return out
}

// keep reports whether the folded word w is indexed: two runes or more,
// and not a stop word of lang.
func keep(lang string, w []byte) bool { return stopsOf(lang).keep(w) }

// keep reports whether the folded word w is indexed where s holds the
// stop words: two runes or more, and not in s (a rune is at most four
// bytes, and so is a stop word).
func (s *stopSet) keep(w []byte) bool {
	if len(w) > 4 {
		return true
	}
	return len(w) >= 2 && (w[0] < utf8.RuneSelf || utf8.RuneCount(w) >= 2) && !s.hasKey(wordKey(w))
}

// keepKey is keep for a word of n ASCII bytes whose wordKey is key.
func (s *stopSet) keepKey(key uint64, n int) bool { return n > 4 || n >= 2 && !s.hasKey(key) }

// The stop words, folded: the most frequent function words, which neither
// the index nor a query keeps. The index file hands the site's list to
// zoek.js. No stop word is longer than four bytes (stopSet holds them so).
const (
	stopListNL = "aan als bij dat de die een en er het hij in is je jij met naar of om ook op te van voor we wij ze zij zijn"
	stopListEN = "an and are as at be by for from in is it of on or that the this to with"
)

// stopNL and stopEN are the stop words of each language, as a set that
// finds a word in one probe.
var stopNL, stopEN = newStopSet(stopListNL), newStopSet(stopListEN)

// stopSet is a set of words of at most four bytes, each packed into one
// number (wordKey) and put in the slot its hash names; the
// multiplier of the hash is the first of a fixed sequence that gives every
// word a slot of its own.
type stopSet struct {
	mul   uint64
	slots [128]uint64 // 0 for none
}

func (s *stopSet) slot(k uint64) int { return int((k * s.mul) >> 57) }

func newStopSet(words string) *stopSet {
	list := splitSpace(words)
	s := new(stopSet)
	for seed := uint64(1); ; seed++ {
		// The multipliers: odd numbers from splitmix64's finaliser.
		z := seed * 0x9E3779B97F4A7C15
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		*s = stopSet{mul: (z ^ z>>31) | 1}
		ok := true
		for _, w := range list {
			if len(w) > 4 {
				panic("search: stop word longer than four bytes: " + w)
			}
			k := wordKey([]byte(w))
			if i := s.slot(k); s.slots[i] == 0 || s.slots[i] == k {
				s.slots[i] = k
			} else {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
	}
}

// isStop reports whether the folded word w is a stop word of lang.
func isStop(lang string, w []byte) bool { return stopsOf(lang).has(w) }

func stopsOf(lang string) *stopSet {
	if lang == "en" {
		return stopEN
	}
	return stopNL
}

// has reports whether w is in s.
func (s *stopSet) has(w []byte) bool { return len(w) > 0 && len(w) <= 4 && s.hasKey(wordKey(w)) }

// hasKey reports whether the word of at most four bytes whose wordKey is
// k is in s.
func (s *stopSet) hasKey(k uint64) bool { return s.slots[s.slot(k)] == k }

func stopWords(lang string) string {
	if lang == "en" {
		return stopListEN
	}
	return stopListNL
}

func splitSpace(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ' ' {
			i++
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// Term returns the index term of the folded word w in lang ("nl" or
// "en"). A word holding a digit is its own term. In Dutch, a word of four
// letters or more first loses a final s after a vowel or a final t after
// another letter (a plural or verb form the Snowball stemmer keeps:
// "stages" is "stage", "werkt" is "werk"), then it is stemmed with the
// Dutch Snowball stemmer. An English word is stemmed by stemEnglish's
// light rules (plurals, -ing, -ed). zoek.js makes terms by the same rules.
func Term(lang, w string) string {
	for i := 0; i < len(w); i++ {
		if '0' <= w[i] && w[i] <= '9' {
			return w
		}
	}
	if lang == "en" {
		return stemEnglish(w)
	}
	if n := len(w); n >= 4 && utf8.RuneCountInString(w) >= 4 {
		prev := w[n-2]
		vowel := prev == 'a' || prev == 'e' || prev == 'i' || prev == 'o' || prev == 'u' || prev == 'y'
		if w[n-1] == 's' && vowel || w[n-1] == 't' && !vowel {
			w = w[:n-1]
		}
	}
	env := snowballstem.NewEnv(w)
	dutch.Stem(env)
	return env.Current()
}
