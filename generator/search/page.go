package search

import (
	"bytes"
	"encoding/binary"
	"html"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Doc is what the index takes of a page besides its body.
type Doc struct {
	URL     string // site-relative, "opdrachten/netwerkkaart/"
	Title   string // titel
	Summary string // samenvatting
	Kind    string // soort: "opdracht"
	Years   []int  // leerjaren, for the kinds that have them
}

// Page is what the index keeps of one page between builds: its record
// for the page files, already JSON, and its words, folded, each once with
// the highest weight it has on the page. Extract makes it; Build reads it.
type Page struct {
	rec   []byte // [url,title,summary,[anchor,heading,text,...]]
	words []byte // per word: weight byte, the folded word, 0
	kind  string
	years []int
}

// The weights of a word, by where on the page it stands.
const (
	weightBody    = 1
	weightHeading = 2 // a heading or the samenvatting
	weightTitle   = 3
)

// extractor is the scratch memory of one Extract: reused through a pool,
// so a build of thousands of pages allocates little per page.
type extractor struct {
	stops *stopSet // the language's stop words
	p     *Page
	seen  seen // the words of p so far of up to eight bytes
	mid   seen // of nine to sixteen
	long  seen // and the longer ones

	// The word being read: ASCII folded, other runes as they are, to be
	// folded when it ends; whether it is all ASCII; its weight.
	word   []byte
	ascii  bool
	weight byte

	// The string of the record being written: where its text starts in
	// p.rec, and whether white space waits to be written before more text.
	start int
	space bool
	state int // the section the body is in: noSection, inHead or inText
}

var pool = sync.Pool{New: func() any { return new(extractor) }}

// Extract reads a page for the index: d and its body, the page's HTML from
// Markdown (nil for a page without one). The body is split into sections
// at its headings that have an id (anchors, as the renderer made them); a
// section is its heading's id and text and its text, tags dropped,
// character references resolved and white space collapsed. Extract keeps
// no reference to body. It reads the body once: the text goes into the
// record and its words into the page's words as it is read.
func Extract(lang string, d Doc, body []byte) *Page { return extract(lang, d, body, nil, nil) }

// extract is Extract writing the record into rec's array when it is
// large enough, and the words into words' array.
func extract(lang string, d Doc, body, rec, words []byte) *Page {
	x := pool.Get().(*extractor)
	defer pool.Put(x)
	x.stops = stopsOf(lang)
	p := &Page{kind: d.Kind, years: d.Years}
	p.words = words[:0]
	x.p = p
	x.seen.reset()
	x.mid.reset()
	x.long.reset()
	x.word, x.ascii = x.word[:0], true
	if need := len(body)*3/4 + len(d.Title) + len(d.Summary) + 64; cap(rec) >= need {
		p.rec = rec[:0]
	} else {
		p.rec = make([]byte, 0, need)
	}
	p.rec = append(p.rec, '[')
	p.rec = appendJSON(p.rec, d.URL)
	p.rec = append(p.rec, ',')
	p.rec = appendJSON(p.rec, d.Title)
	p.rec = append(p.rec, ',')
	p.rec = appendJSON(p.rec, d.Summary)
	p.rec = append(p.rec, ",["...)
	x.words(unsafe.Slice(unsafe.StringData(d.Title), len(d.Title)), weightTitle)
	x.words(unsafe.Slice(unsafe.StringData(d.Summary), len(d.Summary)), weightHeading)

	x.state = noSection
	x.weight = weightBody
	for i := 0; i < len(body); {
		if body[i] != '<' {
			i = x.textRun(body, i)
		} else {
			i = x.tag(body, i)
		}
	}
	x.endWord()
	switch x.state {
	case inHead:
		p.rec = append(p.rec, `","`...)
		fallthrough
	case inText:
		p.rec = append(p.rec, '"')
	}
	p.rec = append(p.rec, "]]"...)
	x.p = nil
	return p
}

// The sections, as the body is read: none open yet (the text before the
// first heading opens one when it has any), in a heading, or in a
// section's text.
const (
	noSection = iota
	inHead
	inText
)

// open opens the section of the heading with the id anchor ("" for the
// text before the first heading).
func (x *extractor) open(anchor string) {
	p := x.p
	if x.state != noSection {
		p.rec = append(p.rec, '"', ',')
	}
	p.rec = appendJSON(p.rec, anchor)
	p.rec = append(p.rec, ',', '"')
	x.start, x.space = len(p.rec), false
}

// textRun reads the text of body from i, where no tag starts, to the next
// tag, and returns where that starts.
func (x *extractor) textRun(body []byte, i int) int {
	j := bytes.IndexByte(body[i:], '<')
	if j < 0 {
		j = len(body)
	} else {
		j += i
	}
	run := body[i:j]
	if bytes.IndexByte(run, '&') >= 0 {
		run = []byte(html.UnescapeString(string(run)))
	}
	if x.state == noSection {
		k := 0
		for k < len(run) && isSpace(run[k]) {
			k++
		}
		if k == len(run) {
			return j
		}
		x.open("")
		x.nextString() // the heading: none
		x.state = inText
	}
	x.text(run)
	return j
}

// tag reads the tag that starts at body[i] and returns where it ends.
func (x *extractor) tag(body []byte, i int) int {
	// Its name, then its attributes up to the '>' (most tags have none).
	k := i + 1
	closing := k < len(body) && body[k] == '/'
	if closing {
		k++
	}
	start := k
	for k < len(body) && nameByte[body[k]] {
		k++
	}
	name := body[start:k]
	if k < len(body) && body[k] == '>' {
		i = k + 1
	} else if end := bytes.IndexByte(body[k:], '>'); end >= 0 {
		i = k + end + 1
	} else {
		i = len(body) + 1
	}
	switch len(name) {
	case 2:
		if name[0]|0x20 == 'h' && '1' <= name[1] && name[1] <= '6' {
			x.heading(closing, body[k:min(i-1, len(body))])
			return i
		}
	case 5, 6:
		if !closing && (bytes.EqualFold(name, []byte("script")) || bytes.EqualFold(name, []byte("style"))) {
			// Raw HTML (ruwe_html) may hold a script or a style
			// sheet: what is in them is no text of the page.
			x.endWord()
			x.space = len(x.p.rec) > x.start
			return skipElement(body, i, name)
		}
	}
	if !inline(name) {
		x.endWord()
		x.space = len(x.p.rec) > x.start
	}
	return i
}

// nameByte reports whether a byte belongs to a tag's name: an ASCII
// letter or digit.
var nameByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// heading reads the tag of a heading (h1 to h6), with its attributes: a
// start tag with an id opens its section; an end tag ends the heading's
// text.
func (x *extractor) heading(closing bool, attrs []byte) {
	if closing {
		if x.state == inHead {
			x.endWord()
			x.nextString()
			x.weight = weightBody
			x.state = inText
		}
		return
	}
	if id := attrID(attrs); id != "" {
		x.endWord()
		if x.state == inHead { // a heading in a heading: its text is empty
			x.nextString()
		}
		x.open(id)
		x.weight = weightHeading
		x.state = inHead
	}
}

// nextString ends the record's current string and starts the next one.
func (x *extractor) nextString() {
	x.p.rec = append(x.p.rec, '"', ',', '"')
	x.start, x.space = len(x.p.rec), false
}

// textClass sorts the bytes of text for the record: plain bytes are
// written as they are, white space is collapsed, and the others are
// escaped for JSON ('"', '\\', control characters, and '<': never
// "</script>" or "<!--" in an index file).
var textClass = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case isSpace(byte(c)):
			t[c] = classSpace
		case c < 0x20 || c == '"' || c == '\\' || c == '<':
			t[c] = classEscape
		}
	}
	return t
}()

const (
	classPlain = iota
	classSpace
	classEscape
)

// text reads a run of text (references resolved): its words, with the
// word that an inline tag before it left open, go into the page's words;
// the text, white space collapsed, into the record's current string. It
// reads the words and writes the record in one loop: a body is most of
// what a build reads for the index.
func (x *extractor) text(run []byte) {
	rec := x.p.rec
	span := 0 // run[span:i] is plain text not yet in rec
	for i := 0; i < len(run); {
		c := run[i]
		if wordByte[c] != 0 {
			if len(x.word) == 0 {
				if j := x.plainWords(run, i); j > i {
					i = j
					continue
				}
			}
			i = x.wordPart(run, i)
			continue
		}
		x.endWord()
		switch textClass[c] {
		case classPlain:
			i++
		case classSpace:
			if c == ' ' && i > span && i+1 < len(run) && textClass[run[i+1]] != classSpace {
				i++ // a single space between text
				continue
			}
			rec = x.flush(rec, run[span:i])
			if len(rec) > x.start {
				x.space = true
			}
			for i < len(run) && textClass[run[i]] == classSpace {
				i++
			}
			span = i
		default:
			rec = x.flush(rec, run[span:i])
			if x.space {
				rec = append(rec, ' ')
				x.space = false
			}
			rec = appendEscape(rec, c)
			i++
			span = i
		}
	}
	x.p.rec = x.flush(rec, run[span:])
}

// plainWords reads the words of run from i that are ASCII letters and
// digits, no more than eight bytes long or in lower case, one space
// between them (most of a text). It adds them to the page's words and
// returns where they end: at i when the word there is not such a word,
// else after the last one (its text, with the spaces between, is plain
// text for the record). A word that ends the run stays open in x.word,
// for the text after an inline tag.
func (x *extractor) plainWords(run []byte, i int) int {
	for {
		v := load8(run, i)
		k, upper := asciiRun(v)
		if k == 0 {
			return i
		}
		j, key := i+k, uint64(0) // key: for a word of up to seven bytes, folded
		if k < 8 {
			key = (v | upper>>2) & lowBytes(k)
		} else if upper != 0 {
			return i // a long word with a capital: folded by wordPart
		} else {
			for {
				m := lowerRun(load8(run, j))
				j += m
				if m < 8 {
					break
				}
			}
		}
		if j >= len(run) {
			// The word may go on after an inline tag: it waits, folded.
			if key != 0 {
				x.word = binary.LittleEndian.AppendUint64(x.word[:0], key)[:j-i]
			} else {
				x.word = append(x.word[:0], run[i:j]...)
			}
			return len(run)
		}
		c := run[j]
		if scanByte[c] != 0 {
			return i // a capital or a rune of another script goes on with the word
		}
		// add, for these words: no rune to count.
		if n := j - i; n > 8 {
			x.addLong(run[i:j])
		} else {
			if key == 0 {
				key = wordKey(run[i:j])
			}
			if x.stops.keepKey(key, n) {
				if at, ok := x.seen.find(key); ok {
					x.raise(at)
				} else {
					x.addNew(key, n)
				}
			}
		}
		if c != ' ' || j+1 == len(run) || wordByte[run[j+1]] == 0 {
			return j
		}
		i = j + 1
	}
}

// load8 returns the eight bytes of run from i (i < len(run)) as a number,
// from its low end, the bytes past the end of run as 0. It reads them at
// once where run's array goes on for eight bytes.
func load8(run []byte, i int) uint64 {
	var v uint64
	if cap(run)-i >= 8 {
		v = binary.LittleEndian.Uint64(run[i : i+8])
	} else {
		for k, c := range run[i:] {
			v |= uint64(c) << (8 * k)
		}
	}
	if n := len(run) - i; n < 8 {
		v &= lowBytes(n)
	}
	return v
}

// asciiRun returns how many of the eight bytes of v, from its low end, are
// ASCII letters or digits (0 to 8), and the high bits of the upper-case
// letters of v (after the run too): eight at a time, within each byte,
// none carrying into the next.
func asciiRun(v uint64) (int, uint64) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	x := v | high      // each byte's high bit set: no borrow between bytes
	y := x | 0x20*ones // letters in lower case; digits as they are
	letter := (y - 'a'*ones) &^ (y - ('z'+1)*ones)
	digit := (x - '0'*ones) &^ (x - ('9'+1)*ones)
	word := (letter | digit) &^ v & high
	k := bits.TrailingZeros64(^word&high) / 8
	return k, letter &^ (v << 2) & word
}

// lowBytes returns a mask of the k low bytes of a number (0 ≤ k ≤ 8).
func lowBytes(k int) uint64 { return uint64(1)<<(8*uint(k)) - 1 }

// flush appends plain text to rec, after the space that waits, if any.
func (x *extractor) flush(rec, plain []byte) []byte {
	if len(plain) == 0 {
		return rec
	}
	if x.space {
		rec = append(rec, ' ')
		x.space = false
	}
	return append(rec, plain...)
}

// wordByte classifies a byte of text for words: 0 for an ASCII byte that
// is no part of a word, the byte in lower case for an ASCII letter or
// digit, and nonASCII for the bytes of other runes.
var wordByte = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		}
	}
	return t
}()

const nonASCII = 0x80

// lowerRun returns how many of the eight bytes of v, from its low end,
// are lower-case ASCII letters or digits (0 to 8): asciiRun's run, up to
// its first capital.
func lowerRun(v uint64) int {
	k, upper := asciiRun(v)
	return min(k, bits.TrailingZeros64(upper)/8)
}

// scanByte is wordByte for a word's first reading: a lower-case ASCII
// letter or digit is itself, any other byte of a word has the high bit
// set (an upper-case letter, or a byte of another rune), and the ASCII
// bytes that are no part of a word are 0.
var scanByte = func() (t [256]byte) {
	for c := range 256 {
		switch l := wordByte[c]; {
		case l == 0:
		case byte(c) == l:
			t[c] = l
		default:
			t[c] = l | nonASCII
		}
	}
	return t
}()

// words adds the words of text with weight w to the page's words.
func (x *extractor) words(text []byte, w byte) {
	x.weight = w
	for i := 0; i < len(text); {
		if wordByte[text[i]] != 0 {
			i = x.wordPart(text, i)
			continue
		}
		x.endWord()
		i++
	}
	x.endWord()
}

// wordPart reads the letters and digits of text from i, where one of them
// or a byte of another rune starts, into x.word (ASCII folded at once,
// other runes as they are, for endWord to fold), and returns where they
// end. A rune that is no part of a word (wordRune) ends the word, which
// then goes into the page's words; at the end of text the word stays
// open, for the text after an inline tag. (plainWords reads most words,
// without copying them.)
func (x *extractor) wordPart(text []byte, i int) int {
	for i < len(text) {
		l := wordByte[text[i]]
		if l == 0 {
			return i
		}
		if l != nonASCII {
			j := i
			for j < len(text) && wordByte[text[j]]-1 < nonASCII-1 {
				j++
			}
			n := len(x.word)
			x.word = slices.Grow(x.word, j-i)[:n+j-i]
			w := x.word[n:]
			for k, c := range text[i:j] {
				w[k] = wordByte[c]
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if !wordRune(r) {
			x.endWord()
			return i + n
		}
		x.word = append(x.word, text[i:i+n]...)
		x.ascii = false
		i += n
	}
	return i
}

// endWord adds the word being read, if any, to the page's words.
func (x *extractor) endWord() {
	if len(x.word) == 0 {
		return
	}
	fold := x.word
	x.word = fold[:0]
	if !x.ascii {
		// ASCII in lower case and the other runes as they were fold as
		// the word did.
		var buf [64]byte
		fold = appendFold(buf[:0], fold)
		x.ascii = true
	}
	x.add(fold)
}

// add adds the folded word w to the page's words, unless it is too short
// or a stop word, or raises its weight there to x.weight.
func (x *extractor) add(w []byte) {
	switch {
	case !x.stops.keep(w):
	case len(w) > 8:
		x.addLong(w)
	default:
		key := wordKey(w)
		if at, ok := x.seen.find(key); ok {
			x.raise(at)
		} else {
			x.addNew(key, len(w))
		}
	}
}

// raise raises the weight of the page's word at offset at to x.weight.
func (x *extractor) raise(at int) {
	if x.p.words[at] < x.weight {
		x.p.words[at] = x.weight
	}
}

// addNew adds the word of n bytes (at most eight) with that key, which
// the page's words do not have yet: its bytes are the key's.
func (x *extractor) addNew(key uint64, n int) {
	p := x.p
	x.seen.add(slot{key: key, at: uint32(len(p.words))})
	p.words = append(p.words, x.weight)
	p.words = binary.LittleEndian.AppendUint64(p.words, key)
	p.words = append(p.words[:len(p.words)-8+n], 0)
}

// addLong is add for a word of more than eight bytes: one of up to
// sixteen is in the set of middle words by its two wordKeys, a longer one
// in the set of long words by its hash.
func (x *extractor) addLong(w []byte) {
	p := x.p
	var s *seen
	var k1, k2 uint64
	if len(w) <= 16 {
		s, k1, k2 = &x.mid, binary.LittleEndian.Uint64(w), wordKey(w[8:])
	} else {
		s, k1 = &x.long, hashWord(w)
	}
	mask := uint32(len(s.slots) - 1)
	for i := slotOf(k1^k2*mixHalf) & mask; ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if sl.gen != s.gen {
			break
		}
		if sl.key != k1 || sl.key2 != k2 {
			continue
		}
		if at, end := int(sl.at), int(sl.at)+1+len(w); len(w) <= 16 || end < len(p.words) && p.words[end] == 0 && string(p.words[at+1:end]) == string(w) {
			x.raise(at)
			return
		}
	}
	s.add(slot{key: k1, key2: k2, at: uint32(len(p.words))})
	p.words = append(p.words, x.weight)
	p.words = append(p.words, w...)
	p.words = append(p.words, 0)
}

// wordKey packs a word of at most eight bytes into one number, its bytes
// from the low end: words have no 0 byte, so two words have one key only
// when they are equal. The bytes are read as one number where w's array
// goes on for eight bytes (a word in a text), else byte by byte.
func wordKey(w []byte) uint64 {
	if cap(w) >= 8 && len(w) > 0 {
		return binary.LittleEndian.Uint64(w[:8]) & (^uint64(0) >> ((64 - 8*len(w)) & 63))
	}
	var k uint64
	for i, c := range w {
		k |= uint64(c) << (8 * i)
	}
	return k
}

// hashWord hashes a word of more than eight bytes, eight bytes at a time.
// The last bytes are read as wordKey reads them.
func hashWord(w []byte) uint64 {
	h := uint64(len(w)) * 0x9E3779B97F4A7C15
	for len(w) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(w)) * 0xBF58476D1CE4E5B9
		h ^= h >> 31
		w = w[8:]
	}
	h = (h ^ wordKey(w)) * 0x94D049BB133111EB
	return h ^ h>>32
}

// slotOf returns the slot of a key in a seen set, before the mask.
func slotOf(key uint64) uint32 { return uint32((key * 0x9E3779B97F4A7C15) >> 32) }

// seen is a hash set of the words of one page, as offsets of their
// weight bytes in the page's words (weight, word, 0), by their keys: the
// words of up to eight bytes by wordKey, which no two share; those of up
// to sixteen, in a set of their own, by the wordKeys of their two halves;
// the longer ones, in a third, by hashWord, checked against the words.
// Its slots carry the generation of the page they were set for, so that a
// new page empties the set without clearing it.
type seen struct {
	slots []slot // a power of two long
	gen   uint32
	n     int
}

type slot struct {
	key, key2 uint64 // key2: 0 but for the words of nine to sixteen bytes
	gen, at   uint32
}

// find returns the offset of the word of up to eight bytes with key.
func (s *seen) find(key uint64) (int, bool) {
	mask := uint32(len(s.slots) - 1)
	for i := slotOf(key) & mask; ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if sl.gen != s.gen {
			return 0, false
		}
		if sl.key == key {
			return int(sl.at), true
		}
	}
}

func (s *seen) reset() {
	s.gen++
	s.n = 0
	if s.gen == 0 {
		clear(s.slots)
		s.gen = 1
	}
	if len(s.slots) == 0 {
		s.slots = make([]slot, 1024)
	}
}

// add adds sl (its keys and offset), which is not in the set.
func (s *seen) add(sl slot) {
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]slot, 2*len(old))
		for _, o := range old {
			if o.gen == s.gen {
				s.put(o)
			}
		}
	}
	sl.gen = s.gen
	s.put(sl)
	s.n++
}

func (s *seen) put(sl slot) {
	mask := uint32(len(s.slots) - 1)
	i := slotOf(sl.key^sl.key2*mixHalf) & mask
	for s.slots[i].gen == s.gen {
		i = (i + 1) & mask
	}
	s.slots[i] = sl
}

// skipElement returns where the element called name, whose start tag
// ends before body[i], ends: after its end tag (in any case), or at the
// end of body.
func skipElement(body []byte, i int, name []byte) int {
	for i < len(body) {
		j := bytes.Index(body[i:], []byte("</"))
		if j < 0 {
			break
		}
		i += j + 2
		if len(body)-i >= len(name) && bytes.EqualFold(body[i:i+len(name)], name) {
			if k := bytes.IndexByte(body[i:], '>'); k >= 0 {
				return i + k + 1
			}
			break
		}
	}
	return len(body)
}

// inline reports whether an element of this name runs within a line of
// text, so that its tags do not separate words.
func inline(name []byte) bool {
	switch string(name) {
	case "a", "strong", "em", "b", "i", "code", "span", "mark", "sub", "sup", "del", "s", "abbr", "small", "kbd", "q", "u":
		return true
	}
	return false
}

// attrID returns the value of the id attribute in attrs (quoted or not).
func attrID(attrs []byte) string {
	for i := 0; i+3 <= len(attrs); i++ {
		if attrs[i] != 'i' || attrs[i+1] != 'd' || attrs[i+2] != '=' || i > 0 && attrs[i-1] != ' ' {
			continue
		}
		v := attrs[i+3:]
		if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
			q := v[0]
			v = v[1:]
			for k := range v {
				if v[k] == q {
					return html.UnescapeString(string(v[:k]))
				}
			}
			return ""
		}
		k := 0
		for k < len(v) && v[k] != ' ' && v[k] != '/' {
			k++
		}
		return html.UnescapeString(string(v[:k]))
	}
	return ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func appendJSON(dst []byte, s string) []byte {
	return appendJSONBytes(dst, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// appendJSONBytes appends s as a JSON string.
func appendJSONBytes(dst, s []byte) []byte {
	dst = append(dst, '"')
	for len(s) > 0 {
		k := 0
		for k < len(s) && s[k] >= 0x20 && textClass[s[k]] != classEscape {
			k++
		}
		dst = append(dst, s[:k]...)
		if k == len(s) {
			break
		}
		dst = appendEscape(dst, s[k])
		s = s[k+1:]
	}
	return append(dst, '"')
}

// appendEscape appends c, a byte of classEscape or a control character,
// escaped for JSON.
func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '<':
		return append(dst, `\u003c`...)
	case '"', '\\':
		return append(dst, '\\', c)
	}
	return append(dst, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
}
