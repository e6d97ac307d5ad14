package search

import (
	"html"
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
	lang       string
	head, text []byte
	fold       []byte
	seen       map[string]int // folded word → offset of its weight in p.words
	p          *Page
}

var pool = sync.Pool{New: func() any { return &extractor{seen: map[string]int{}} }}

// Extract reads a page for the index: d and its body, the page's HTML from
// Markdown (nil for a page without one). The body is split into sections
// at its headings that have an id (anchors, as the renderer made them); a
// section is its heading's id and text and its text, tags dropped,
// character references resolved and white space collapsed. Extract keeps
// no reference to body.
func Extract(lang string, d Doc, body []byte) *Page {
	x := pool.Get().(*extractor)
	defer pool.Put(x)
	x.lang = lang
	p := &Page{kind: d.Kind, years: d.Years}
	x.p = p
	clear(x.seen)
	p.rec = make([]byte, 0, len(body)*3/4+len(d.Title)+len(d.Summary)+64)
	p.rec = append(p.rec, '[')
	p.rec = appendJSON(p.rec, d.URL)
	p.rec = append(p.rec, ',')
	p.rec = appendJSON(p.rec, d.Title)
	p.rec = append(p.rec, ',')
	p.rec = appendJSON(p.rec, d.Summary)
	p.rec = append(p.rec, ",["...)
	x.words(unsafe.Slice(unsafe.StringData(d.Title), len(d.Title)), weightTitle)
	x.words(unsafe.Slice(unsafe.StringData(d.Summary), len(d.Summary)), weightHeading)

	first := true
	anchor := ""
	inHead := false
	x.head, x.text = x.head[:0], x.text[:0]
	flush := func() {
		if len(x.text) == 0 && len(x.head) == 0 && anchor == "" {
			return
		}
		x.words(x.head, weightHeading)
		x.words(x.text, weightBody)
		if !first {
			p.rec = append(p.rec, ',')
		}
		first = false
		p.rec = appendJSON(p.rec, anchor)
		p.rec = append(p.rec, ',')
		p.rec = appendJSONBytes(p.rec, trimSpace(x.head))
		p.rec = append(p.rec, ',')
		p.rec = appendJSONBytes(p.rec, trimSpace(x.text))
		x.head, x.text = x.head[:0], x.text[:0]
	}
	for i := 0; i < len(body); {
		if body[i] != '<' {
			j := i
			for j < len(body) && body[j] != '<' {
				j++
			}
			run := body[i:j]
			for k := range run {
				if run[k] == '&' {
					run = []byte(html.UnescapeString(string(run)))
					break
				}
			}
			if inHead {
				x.head = appendText(x.head, run)
			} else {
				x.text = appendText(x.text, run)
			}
			i = j
			continue
		}
		end := i + 1
		for end < len(body) && body[end] != '>' {
			end++
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
		if n == 2 && name[0]|0x20 == 'h' && '1' <= name[1] && name[1] <= '6' {
			if closing {
				inHead = false
				continue
			}
			if id := attrID(tag[n:]); id != "" {
				flush()
				anchor = id
				inHead = true
			}
			continue
		}
		if !inline(name) {
			if inHead {
				x.head = appendText(x.head, []byte{' '})
			} else {
				x.text = appendText(x.text, []byte{' '})
			}
		}
	}
	flush()
	p.rec = append(p.rec, "]]"...)
	p.words = p.words[:len(p.words):len(p.words)]
	x.p = nil
	return p
}

// words adds the words of text with weight w to x.p.words.
func (x *extractor) words(text []byte, w byte) {
	p := x.p
	for i := 0; i < len(text); {
		c := text[i]
		var r rune = rune(c)
		n := 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(text[i:])
		}
		if !wordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRune(text[j:])
			if !wordRune(r) {
				break
			}
			j += n
		}
		x.fold = appendFold(x.fold[:0], text[i:j])
		i = j
		if !keep(x.lang, x.fold) {
			continue
		}
		if at, ok := x.seen[string(x.fold)]; ok {
			if p.words[at] < w {
				p.words[at] = w
			}
			continue
		}
		at := len(p.words)
		p.words = append(p.words, w)
		p.words = append(p.words, x.fold...)
		p.words = append(p.words, 0)
		// The key is the word's bytes in p.words, which are never written
		// again (a grown slice leaves them in the old array, which the key
		// keeps alive).
		x.seen[unsafe.String(&p.words[at+1], len(x.fold))] = at
	}
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

// appendText appends run to dst with every run of white space as one
// space, and none at the start.
func appendText(dst, run []byte) []byte {
	for _, c := range run {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			if len(dst) > 0 && dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func appendJSON(dst []byte, s string) []byte {
	return appendJSONBytes(dst, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// appendJSONBytes appends s as a JSON string.
func appendJSONBytes(dst, s []byte) []byte {
	dst = append(dst, '"')
	for _, c := range s {
		switch {
		case c == '<':
			// Never "</script>" or "<!--" in an index file.
			dst = append(dst, `\u003c`...)
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
