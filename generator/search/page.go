package search

import (
	"bytes"
	"encoding/binary"
	"html"
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
	lang  string
	stops *stopSet // lang's stop words
	p     *Page
	seen  seen // the words of p so far

	// The word being read: ASCII folded, other runes as they are, to be
	// folded when it ends; whether it is all ASCII; its weight.
	word   []byte
	ascii  bool
	weight byte

	// The string of the record being written: where its text starts in
	// p.rec, and whether white space waits to be written before more text.
	start int
	space bool
}

var pool = sync.Pool{New: func() any { return new(extractor) }}

// Extract reads a page for the index: d and its body, the page's HTML from
// Markdown (nil for a page without one). The body is split into sections
// at its headings that have an id (anchors, as the renderer made them); a
// section is its heading's id and text and its text, tags dropped,
// character references resolved and white space collapsed. Extract keeps
// no reference to body. It reads the body once: the text goes into the
// record and its words into the page's words as it is read.
func Extract(lang string, d Doc, body []byte) *Page { return extract(lang, d, body, nil) }

// extract is Extract writing the record into rec's array when it is
// large enough.
func extract(lang string, d Doc, body, rec []byte) *Page {
	x := pool.Get().(*extractor)
	defer pool.Put(x)
	x.lang, x.stops = lang, stopsOf(lang)
	p := &Page{kind: d.Kind, years: d.Years}
	x.p = p
	x.seen.reset()
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

	// The sections, as the body is read: none open yet (the text before
	// the first heading opens one when it has any), in a heading, or in
	// a section's text.
	const (
		none = iota
		inHead
		inText
	)
	state := none
	open := func(anchor string) {
		if state != none {
			p.rec = append(p.rec, '"', ',')
		}
		p.rec = appendJSON(p.rec, anchor)
		p.rec = append(p.rec, ',', '"')
		x.start, x.space = len(p.rec), false
	}
	x.weight = weightBody
	for i := 0; i < len(body); {
		if body[i] != '<' {
			j := bytes.IndexByte(body[i:], '<')
			if j < 0 {
				j = len(body)
			} else {
				j += i
			}
			run := body[i:j]
			i = j
			if bytes.IndexByte(run, '&') >= 0 {
				run = []byte(html.UnescapeString(string(run)))
			}
			if state == none {
				k := 0
				for k < len(run) && isSpace(run[k]) {
					k++
				}
				if k == len(run) {
					continue
				}
				open("")
				x.nextString() // the heading: none
				state = inText
			}
			x.text(run)
			continue
		}
		end := bytes.IndexByte(body[i+1:], '>')
		if end < 0 {
			end = len(body)
		} else {
			end += i + 1
		}
		tag := body[i+1 : min(end, len(body))]
		i = end + 1
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		n := 0
		for n < len(tag) && (tag[n]|0x20 >= 'a' && tag[n]|0x20 <= 'z' || '0' <= tag[n] && tag[n] <= '9') {
			n++
		}
		name := tag[:n]
		if !closing && (bytes.EqualFold(name, []byte("script")) || bytes.EqualFold(name, []byte("style"))) {
			// Raw HTML (ruwe_html) may hold a script or a style sheet:
			// what is in them is no text of the page.
			x.endWord()
			i = skipElement(body, i, name)
			x.space = len(p.rec) > x.start
			continue
		}
		if n == 2 && name[0]|0x20 == 'h' && '1' <= name[1] && name[1] <= '6' {
			if closing {
				if state == inHead {
					x.endWord()
					x.nextString()
					x.weight = weightBody
					state = inText
				}
				continue
			}
			if id := attrID(tag[n:]); id != "" {
				x.endWord()
				if state == inHead { // a heading in a heading: its text is empty
					x.nextString()
				}
				open(id)
				x.weight = weightHeading
				state = inHead
			}
			continue
		}
		if !inline(name) {
			x.endWord()
			x.space = len(p.rec) > x.start
		}
	}
	x.endWord()
	switch state {
	case inHead:
		p.rec = append(p.rec, `","`...)
		fallthrough
	case inText:
		p.rec = append(p.rec, '"')
	}
	p.rec = append(p.rec, "]]"...)
	p.words = p.words[:len(p.words):len(p.words)]
	x.p = nil
	return p
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
			i = x.wordPart(run, i)
			continue
		}
		if len(x.word) > 0 {
			x.endWord()
		}
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

// words adds the words of text with weight w to the page's words.
func (x *extractor) words(text []byte, w byte) {
	x.weight = w
	for i := 0; i < len(text); {
		if wordByte[text[i]] != 0 {
			i = x.wordPart(text, i)
			continue
		}
		if len(x.word) > 0 {
			x.endWord()
		}
		i++
	}
	if len(x.word) > 0 {
		x.endWord()
	}
}

// wordPart reads the letters and digits of text from i, where one of them
// or a byte of another rune starts, into x.word (ASCII folded at once,
// other runes as they are, for endWord to fold), and returns where they
// end. A rune that is no part of a word (wordRune) ends the word, which
// then goes into the page's words; at the end of text the word stays
// open, for the text after an inline tag. A word of lower-case ASCII
// letters and digits, ended in text (most words), goes into the page's
// words without being copied.
func (x *extractor) wordPart(text []byte, i int) int {
	for i < len(text) {
		l := wordByte[text[i]]
		if l == 0 {
			return i
		}
		if l != nonASCII {
			j := i
			var diff byte // not 0 when a letter is upper case
			for j < len(text) {
				c := text[j]
				l := wordByte[c]
				if l-1 >= nonASCII-1 {
					break
				}
				diff |= l ^ c
				j++
			}
			if diff == 0 && len(x.word) == 0 && j < len(text) && wordByte[text[j]] == 0 {
				x.add(text[i:j])
				return j
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
			if len(x.word) > 0 {
				x.endWord()
			}
			return i + n
		}
		x.word = append(x.word, text[i:i+n]...)
		x.ascii = false
		i += n
	}
	return i
}

// endWord adds the word being read to the page's words.
func (x *extractor) endWord() {
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
	if !x.stops.keep(w) {
		return
	}
	h := hashWord(w)
	p := x.p
	if at, ok := x.seen.find(p.words, w, h); ok {
		if p.words[at] < x.weight {
			p.words[at] = x.weight
		}
		return
	}
	x.seen.add(len(p.words), h)
	p.words = append(p.words, x.weight)
	p.words = append(p.words, w...)
	p.words = append(p.words, 0)
}

// hashWord hashes a word eight bytes at a time. The last bytes are read
// as one number where w's array goes on for eight bytes (a word in a
// text), else byte by byte.
func hashWord(w []byte) uint32 {
	h := uint64(len(w)) * 0x9E3779B97F4A7C15
	for len(w) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(w)) * 0xBF58476D1CE4E5B9
		h ^= h >> 31
		w = w[8:]
	}
	var t uint64
	if len(w) > 0 && cap(w) >= 8 {
		t = binary.LittleEndian.Uint64(w[:8]) & (1<<(8*len(w)) - 1)
	} else {
		for i, c := range w {
			t |= uint64(c) << (8 * i)
		}
	}
	h = (h ^ t) * 0x94D049BB133111EB
	return uint32(h ^ h>>32)
}

// seen is a hash set of the words of one page, as offsets of their
// weight bytes in the page's words (weight, word, 0). Its slots carry the
// generation of the page they were set for, so that a new page empties
// the set without clearing it.
type seen struct {
	slots []slot // a power of two long
	gen   uint32
	n     int
}

type slot struct{ gen, hash, at uint32 }

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

// find returns the offset in words of the folded word w with hash h.
func (s *seen) find(words, w []byte, h uint32) (int, bool) {
	mask := uint32(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if sl.gen != s.gen {
			return 0, false
		}
		if sl.hash == h {
			at := int(sl.at)
			if end := at + 1 + len(w); end < len(words) && words[end] == 0 && string(words[at+1:end]) == string(w) {
				return at, true
			}
		}
	}
}

// add adds the word at offset at with hash h, which find did not find.
func (s *seen) add(at int, h uint32) {
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]slot, 2*len(old))
		for _, sl := range old {
			if sl.gen == s.gen {
				s.put(sl)
			}
		}
	}
	s.put(slot{s.gen, h, uint32(at)})
	s.n++
}

func (s *seen) put(sl slot) {
	mask := uint32(len(s.slots) - 1)
	i := sl.hash & mask
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
