package search

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The sizes of the index's files.
const (
	perFile = 10       // pages per page file
	splitAt = 32 << 10 // a term file over this many bytes is split by the third letter
)

// alphabet is the 64 characters of the compact numbers in the index: a
// number is written in groups of five bits, lowest first, each group the
// character at its value, plus 32 when another group follows.
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

func appendNum(dst []byte, v uint64) []byte {
	for v >= 32 {
		dst = append(dst, alphabet[32|v&31])
		v >>= 5
	}
	return append(dst, alphabet[v])
}

// Kind is a soort as the results show it.
type Kind struct {
	ID    string // the soort: "opdracht"
	Label string // its name in the site's language: "Opdracht"
}

// Build makes the index files of the pages, whose page numbers are their
// positions in the list (a nil entry is a page number without a page: it
// has no words, and null for its record), as a map from slash path under
// the site root ("zoek/index.js") to contents. kinds lists the soorten
// the results may name, in the order the filter offers them. With a
// spool, the records and words of the pages were added to it and the page
// files are written by it (of the pages, Build then reads only their kind
// and leerjaren); Build returns only the index and term files, and the
// spool's first error of writing.
func Build(lang string, kinds []Kind, pages []*Page, spool *Spool) (map[string][]byte, error) {
	list := pages
	files := map[string][]byte{}

	var t *termSet
	if spool != nil {
		t = spool.terms
		spool.finish()
	} else {
		t = newTermSet(lang)
		for id, p := range list {
			if p != nil {
				t.add(id, p.words)
			}
		}
	}
	terms, post := t.terms, t.post
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if terms[a] < terms[b] {
			return -1
		}
		return 1
	})

	// Term files: by the first two letters, split by the third when large.
	type shard struct {
		key  string
		data []byte
	}
	var shards []shard
	encode := func(ids []int32) []byte {
		var b []byte
		for i, t := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSON(b, terms[t])
			b = append(b, ",\""...)
			b = append(b, post[t].nums...)
			b = append(b, "\"]"...)
		}
		return b
	}
	for i := 0; i < len(order); {
		key := prefix(terms[order[i]], 2)
		j := i
		size := 0
		for j < len(order) && prefix(terms[order[j]], 2) == key {
			size += len(terms[order[j]]) + 6 + int(post[order[j]].count)
			j++
		}
		if size <= splitAt {
			shards = append(shards, shard{key, encode(order[i:j])})
			i = j
			continue
		}
		for k := i; k < j; {
			sub := prefix(terms[order[k]], 3)
			l := k
			for l < j && prefix(terms[order[l]], 3) == sub {
				l++
			}
			shards = append(shards, shard{sub, encode(order[k:l])})
			k = l
		}
		i = j
	}
	slices.SortFunc(shards, func(a, b shard) int {
		if a.key < b.key {
			return -1
		}
		return 1
	})

	// The index file.
	var b []byte
	b = append(b, `__lobsiteZoek("index",{"v":1,"taal":`...)
	b = appendJSON(b, lang)
	b = append(b, `,"stop":`...)
	b = appendJSON(b, stopWords(lang))
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, int64(len(list)), 10)
	b = append(b, `,"per":`...)
	b = strconv.AppendInt(b, perFile, 10)
	b = append(b, `,"sleutels":[`...)
	for i, s := range shards {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSON(b, s.key)
	}
	b = append(b, `],"soorten":[`...)
	kindNum := map[string]int{}
	for i, k := range kinds {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSON(b, k.ID)
		b = append(b, ',')
		b = appendJSON(b, k.Label)
		b = append(b, ']')
		kindNum[k.ID] = i + 1
	}
	b = append(b, `],"soort":"`...)
	for _, p := range list {
		k := 0
		if p != nil {
			k = kindNum[p.kind]
		}
		b = appendNum(b, uint64(k))
	}
	b = append(b, `","jaren":"`...)
	for _, p := range list {
		var mask uint64
		if p == nil {
			b = appendNum(b, 0)
			continue
		}
		for _, y := range p.years {
			if y >= 1 && y <= 60 {
				mask |= 1 << (y - 1)
			}
		}
		b = appendNum(b, mask)
	}
	b = append(b, "\"});\n"...)
	files["zoek/index.js"] = b

	for i, s := range shards {
		name := "t-" + strconv.Itoa(i)
		files["zoek/"+name+".js"] = wrap(name, s.data)
	}
	if spool != nil {
		return files, spool.close()
	}
	var recs [perFile][]byte
	for i := 0; i < len(list); i += perFile {
		group := recs[:min(perFile, len(list)-i)]
		for j := range group {
			group[j] = nil
			if p := list[i+j]; p != nil {
				group[j] = p.rec
			}
		}
		name := pageFile(i / perFile)
		files["zoek/"+name+".js"] = appendPageFile(nil, name, group)
	}
	return files, nil
}

// termSet collects the postings of an index's terms, page by page in
// page order: each distinct word is stemmed once, and each term's
// postings are kept as the index file writes them.
type termSet struct {
	lang   string
	short  wordTable        // folded word of up to sixteen bytes → term number
	hot    [512]wordSlot    // the words of short found last, by slot: 12 KB at hand for the frequent ones
	termOf map[string]int32 // longer folded word → term number
	termID map[string]int32 // term → term number
	terms  []string
	post   []termPosts // by term number
}

// termPosts is what a termSet keeps of one term: its postings as compact
// numbers, (page - previous page) << 2 | weight; how many; its last page;
// where that page's number starts in nums.
type termPosts struct {
	nums            []byte
	count, last, at int32
}

func newTermSet(lang string) *termSet {
	return &termSet{lang: lang, termOf: map[string]int32{}, termID: map[string]int32{}}
}

// add adds the words of page id (a Page's words: weight, word, 0, ...),
// all of that page at once, after every page of a lower number: two words
// of one term keep the higher weight.
func (t *termSet) add(id int, words []byte) {
	for w := words; len(w) > 0; {
		weight := w[0]
		end := bytes.IndexByte(w, 0)
		word := w[1:end]
		w = w[end+1:]
		var n int32
		var ok bool
		var k1, k2 uint64
		if len(word) <= 16 {
			if k1 = wordKey(word); len(word) > 8 {
				k1, k2 = binary.LittleEndian.Uint64(word), wordKey(word[8:])
			}
			if h := &t.hot[slotOf(k1^k2*mixHalf)%uint32(len(t.hot))]; h.k1 == k1 && h.k2 == k2 {
				n, ok = h.val, true
			} else if n, ok = t.short.get(k1, k2); ok {
				*h = wordSlot{k1, k2, n}
			}
		} else {
			n, ok = t.termOf[string(word)]
		}
		if !ok {
			stem := Term(t.lang, string(word))
			if n, ok = t.termID[stem]; !ok {
				n = int32(len(t.terms))
				t.terms = append(t.terms, stem)
				t.post = append(t.post, termPosts{last: -1})
				t.termID[stem] = n
			}
			if len(word) <= 16 {
				t.short.put(k1, k2, n)
			} else {
				t.termOf[string(word)] = n
			}
		}
		tp := &t.post[n]
		if tp.last == int32(id) {
			// The page's number is its delta and its weight: the
			// weight is the two low bits of its first character.
			c := &tp.nums[tp.at]
			v := strings.IndexByte(alphabet, *c)
			if int(weight) > v&3 {
				*c = alphabet[v&^3|int(weight)]
			}
			continue
		}
		tp.at = int32(len(tp.nums))
		tp.nums = appendNum(tp.nums, uint64(int32(id)-tp.last)<<2|uint64(weight))
		tp.last = int32(id)
		tp.count++
	}
}

// mixHalf mixes the key of a word's second half into a hash of both.
const mixHalf = 0xBF58476D1CE4E5B9

// wordTable maps words of up to sixteen bytes to numbers by the wordKeys
// of their halves (k1 of the first eight bytes, never 0; k2 of the rest,
// 0 for a word of up to eight): an open-addressing hash table, at most
// half full.
type wordTable struct {
	slots []wordSlot // a power of two long, or empty
	n     int
}

type wordSlot struct {
	k1, k2 uint64 // k1 0 for an empty slot
	val    int32
}

func (m *wordTable) get(k1, k2 uint64) (int32, bool) {
	if len(m.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(m.slots) - 1)
	for i := slotOf(k1^k2*mixHalf) & mask; ; i = (i + 1) & mask {
		sl := &m.slots[i]
		if sl.k1 == k1 && sl.k2 == k2 {
			return sl.val, true
		}
		if sl.k1 == 0 {
			return 0, false
		}
	}
}

// put adds the word with keys k1 and k2, which m does not hold, with val.
func (m *wordTable) put(k1, k2 uint64, val int32) {
	if 2*(m.n+1) > len(m.slots) {
		old := m.slots
		m.slots = make([]wordSlot, max(1024, 2*len(old)))
		for _, sl := range old {
			if sl.k1 != 0 {
				m.insert(sl)
			}
		}
	}
	m.insert(wordSlot{k1, k2, val})
	m.n++
}

func (m *wordTable) insert(sl wordSlot) {
	mask := uint32(len(m.slots) - 1)
	i := slotOf(sl.k1^sl.k2*mixHalf) & mask
	for m.slots[i].k1 != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = sl
}

// wrap makes the script of an index file: a call of __lobsiteZoek with
// its name and an array.
func wrap(name string, data []byte) []byte {
	b := make([]byte, 0, len(data)+len(name)+24)
	b = append(b, `__lobsiteZoek("`...)
	b = append(b, name...)
	b = append(b, `",[`...)
	b = append(b, data...)
	return append(b, "]);\n"...)
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
