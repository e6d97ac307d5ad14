package search

import (
	"strconv"
	"sync"
)

// Spool writes the page files of an index while its pages are still being
// read, so that a build need not hold every page's record until Build:
// a page's record goes into its page file, which is written as soon as all
// its pages (perFile consecutive page numbers) are in. Build then makes
// only the index and the term files. The files are byte for byte those
// Build makes of pages that kept their records.
//
// A Spool is safe for use by many goroutines. The build that uses one
// knows every page's number before it reads the pages (the numbers are
// the order of the list it gives Build).
type Spool struct {
	n     int                                  // pages in the index
	write func(name string, data []byte) error // name: "zoek/p-3.js"

	mu      sync.Mutex
	terms   *termSet       // the postings of pages 0 to next-1
	next    int            // the page whose words the postings take next
	early   map[int][]byte // words of pages added before the pages below them
	groups  map[int]*group // page files not yet written, by file number
	written []bool         // by file number: written
	err     error          // the first error of write
	free    [][]byte       // arrays of written records and page files, for reuse
	spare   [][]byte       // arrays of words taken into the postings, for reuse
}

// group is one page file's records, as they come in.
type group struct {
	recs [perFile][]byte
	have int
}

// NewSpool returns a spool for an index of n pages in lang ("nl" or "en"),
// which writes each page file with write (a slash path under the site root
// and the file's contents, which write must not keep).
func NewSpool(lang string, n int, write func(name string, data []byte) error) *Spool {
	return &Spool{n: n, write: write, terms: newTermSet(lang), early: map[int][]byte{}, groups: map[int]*group{}, written: make([]bool, (n+perFile-1)/perFile)}
}

// Add takes the record and the words of p, page number id (0 ≤ id < n),
// out of p: the record into its page file, the words into the spool's
// postings (4 bytes per term and page instead of the words' bytes); Build
// of a list with p at position id then takes p's kind and leerjaren only.
// The page file is written, by the calling goroutine, once it has all its
// pages. Add of a number twice, or out of range, is ignored.
func (s *Spool) Add(id int, p *Page) {
	if id < 0 || id >= s.n || p == nil || p.rec == nil {
		return
	}
	rec, words := p.rec, p.words
	p.rec, p.words = nil, nil
	file := id / perFile
	s.mu.Lock()
	g := s.groups[file]
	if g == nil {
		g = &group{}
		s.groups[file] = g
	}
	if g.recs[id%perFile] != nil {
		s.mu.Unlock()
		return
	}
	g.recs[id%perFile] = rec
	g.have++
	s.addWords(id, words)
	full := g.have == min(perFile, s.n-file*perFile)
	if full {
		delete(s.groups, file)
	}
	s.mu.Unlock()
	if full {
		s.flush(file, g)
	}
}

// Extract reads page id for the index as Extract does and adds it to the
// spool as Add does, into an array of a record whose page file was
// written: a build then allocates the memory of a few page files, not of
// every record.
func (s *Spool) Extract(id int, lang string, d Doc, body []byte) {
	rec, words := s.reuse()
	s.Add(id, extract(lang, d, body, rec, words))
}

// reuse returns an array for a record and one for words, for reuse, or
// nil.
func (s *Spool) reuse() (rec, words []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return take(&s.free), take(&s.spare)
}

// take takes the last array of list, or returns nil.
func take(list *[][]byte) []byte {
	n := len(*list)
	if n == 0 {
		return nil
	}
	b := (*list)[n-1]
	*list = (*list)[:n-1]
	return b
}

// Spooled returns the Page that stands in Build's list for a page whose
// record and words were added to a spool: Build reads only its kind (a
// soort) and leerjaren.
func Spooled(kind string, years []int) *Page { return &Page{kind: kind, years: years} }

// addWords adds the words of page id to the postings, in page order: the
// words of a page that comes before a page below it wait (pages come
// nearly in order, from the workers that render them). s.mu is held.
func (s *Spool) addWords(id int, words []byte) {
	if id != s.next {
		s.early[id] = words
		return
	}
	s.terms.add(id, words)
	s.keepSpare(words)
	s.next++
	for {
		w, ok := s.early[s.next]
		if !ok {
			return
		}
		delete(s.early, s.next)
		s.terms.add(s.next, w)
		s.keepSpare(w)
		s.next++
	}
}

// keepSpare keeps the array of words the postings have taken, for the
// words of a page to come (a few: the pages being read at a time). s.mu
// is held.
func (s *Spool) keepSpare(words []byte) {
	if cap(words) > 0 && len(s.spare) < 2*perFile {
		s.spare = append(s.spare, words)
	}
}

// finish adds the words still waiting, in page order, past the page
// numbers that were never added.
func (s *Spool) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.early) > 0 {
		if w, ok := s.early[s.next]; ok {
			delete(s.early, s.next)
			s.terms.add(s.next, w)
		}
		s.next++
	}
}

// close writes the page files that are still missing pages (a page whose
// body could not be read has no record: null stands in its place) and
// returns the first error of writing one.
func (s *Spool) close() error {
	s.mu.Lock()
	rest := s.groups
	s.groups = map[int]*group{}
	s.mu.Unlock()
	for file := range s.written {
		if !s.written[file] {
			g := rest[file]
			if g == nil {
				g = &group{}
			}
			s.flush(file, g)
		}
	}
	return s.err
}

// Names returns the slash paths of the page files the spool writes, in
// file order: "zoek/p-0.js", ...
func (s *Spool) Names() []string {
	names := make([]string, len(s.written))
	for file := range names {
		names[file] = "zoek/" + pageFile(file) + ".js"
	}
	return names
}

// flush writes page file number file of g's records.
func (s *Spool) flush(file int, g *group) {
	name := pageFile(file)
	size := len(name) + 24
	for _, r := range g.recs {
		size += len(r) + 5
	}
	s.mu.Lock()
	d := take(&s.free)
	s.mu.Unlock()
	if cap(d) < size {
		d = make([]byte, 0, size)
	}
	d = appendPageFile(d[:0], name, g.recs[:min(perFile, s.n-file*perFile)])
	err := s.write("zoek/"+name+".js", d)
	s.mu.Lock()
	s.written[file] = true
	if err != nil && s.err == nil {
		s.err = err
	}
	// write keeps neither d nor, through it, the records: their arrays
	// serve the next records and page files.
	for _, r := range append(g.recs[:], d) {
		if r != nil && len(s.free) < 4*perFile {
			s.free = append(s.free, r)
		}
	}
	s.mu.Unlock()
}

// appendPageFile appends the page file called name of the records recs
// (nil ones as null) to dst.
func appendPageFile(dst []byte, name string, recs [][]byte) []byte {
	dst = append(dst, `__lobsiteZoek("`...)
	dst = append(dst, name...)
	dst = append(dst, `",[`...)
	for j, r := range recs {
		if j > 0 {
			dst = append(dst, ',')
		}
		if r == nil {
			r = []byte("null")
		}
		dst = append(dst, r...)
	}
	return append(dst, "]);\n"...)
}

func pageFile(file int) string { return "p-" + strconv.Itoa(file) }
