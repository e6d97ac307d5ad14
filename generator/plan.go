package generator

import (
	"encoding/binary"
	"fmt"
	"hash"
	"hash/fnv"
	"strings"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

// The plan stage: decide which pages to render. A page is rendered again
// when its fingerprint changed: the hash of everything that went into its
// output the last time, as recorded while it rendered (see recorder).

// pageState is what the builder remembers of one output page once it is
// written: until the build ends (its problems, #anker links and outputs;
// a one-shot build keeps none for a page without them, see empty), and
// for a preview between builds (the fingerprint of everything that went
// into it, what it read of other pages, and what its body said about
// other pages). It is kept small: a site of 100,000 pages holds 100,000.
type pageState struct {
	fp          uint64
	reads       coll     // collections the layout read (recorded)
	targets     []string // source paths the body links to (resolved or not); not kept by one-shot builds
	anchorLinks []anchorLink
	// anchors are the ids of the body's headings, each followed by a
	// newline (ids hold no white space): one string instead of a slice
	// of them, read back only for pages that #anker links point to.
	anchors string
	probs   []*diag.Problem // problems found while rendering it
	outs    []any           // what each output's Page hook made of it (see outputs)
}

// empty reports whether st holds nothing that the rest of a one-shot build
// reads (problems, #anker links, outputs, anchors): such a build keeps no
// state for the page, so r.states has no entry for most pages of a large
// site.
func (st *pageState) empty() bool {
	return len(st.probs) == 0 && len(st.anchorLinks) == 0 && st.outs == nil && st.anchors == ""
}

// joinAnchors makes pageState.anchors of a body's heading ids.
func joinAnchors(ids []string) string {
	n := 0
	for _, id := range ids {
		n += len(id) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, id := range ids {
		b.WriteString(id)
		b.WriteByte('\n')
	}
	return b.String()
}

// anchorList returns the heading ids of st.anchors.
func (st *pageState) anchorList() []string {
	if st.anchors == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(st.anchors, "\n"), "\n")
}

// coll is a set of the site's collections of pages, as a layout reads
// them through .Site (see siteView) or a view field made in Go.
type coll uint16

// The collections. collAll is every page of the site: what a layout reads
// through .Site.Pages, or what it may read that cannot be recorded (see
// theme.Theme.ReadsAll).
const (
	collCompetencies coll = 1 << iota
	collQuestions
	collExercises
	collActivities
	collSectors
	collModels
	collGuides
	collAll
	numColls = iota
)

// pagesOf returns the pages of the one collection c.
func pagesOf(s *content.Site, c coll) []*content.Page {
	switch c {
	case collCompetencies:
		return s.Competencies
	case collQuestions:
		return s.Questions
	case collExercises:
		return s.Exercises
	case collActivities:
		return s.Activities
	case collSectors:
		return s.Sectors
	case collModels:
		return s.Models
	case collGuides:
		return s.Guides
	}
	return s.Pages
}

// plan hashes what pages show of each other and puts the pages whose
// fingerprint changed (all of them in a full build) into r.todo; the
// states of the others are kept.
func (r *run) plan() {
	r.global = r.globalHash()
	for i := range r.colls {
		h := fnv.New64a()
		ps := pagesOf(r.site, 1<<i)
		putUint(h, uint64(len(ps)))
		for _, p := range ps {
			putUint(h, p.MetaHash)
		}
		r.colls[i] = h.Sum64()
	}
	if r.oneShot {
		r.states = map[string]*pageState{} // few: see pageState.empty
	} else {
		r.states = make(map[string]*pageState, len(r.pages))
	}
	r.todo = r.todo[:0]
	for _, p := range r.pages {
		if old := r.state[p.URL]; !r.full && old != nil && old.fp == r.fingerprint(p, old) {
			r.states[p.URL] = old
			continue
		}
		r.todo = append(r.todo, p)
	}
}

// globalHash covers everything every page shows: settings, theme, options,
// the menu, the home page and the chosen model.
func (r *run) globalHash() uint64 {
	h := fnv.New64a()
	s := r.site
	fmt.Fprintf(h, "%#v|%d|%v|%v|", s.Settings, r.theme.Hash(), r.opts.Drafts, r.opts.NoMinify)
	for _, sec := range s.Sections {
		fmt.Fprintf(h, "%s|%s|%d|", sec.URL, sec.Title, sec.MetaHash)
	}
	if s.ChosenModel != nil {
		fmt.Fprintf(h, "%d|", s.ChosenModel.MetaHash)
	}
	fmt.Fprintf(h, "%d|", s.Home.MetaHash)
	return h.Sum64()
}

func putUint(h hash.Hash64, v uint64) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	h.Write(buf[:])
}

// fingerprint hashes everything that goes into the output of p, given what
// its last render recorded in st (reads, targets): equal fingerprints give
// equal bytes. It covers the page's own source; the front matter of the
// pages it always shows (see shown); the collections it read; and the
// pages its links point to.
func (r *run) fingerprint(p *content.Page, st *pageState) uint64 {
	h := fnv.New64a()
	putUint(h, r.global)
	h.Write([]byte(p.URL))
	putUint(h, p.MetaHash)
	putUint(h, p.BodyHash)
	r.shown(p, func(list []*content.Page) {
		putUint(h, uint64(len(list)))
		for _, d := range list {
			putUint(h, d.MetaHash)
		}
	})
	reads := st.reads
	if r.theme.ReadsAll(r.layout(p)) {
		reads |= collAll
	}
	if g := r.gen[p]; g != nil {
		reads |= g.Reads
		fmt.Fprintf(h, "%s|%s|%s|%s|", p.Kind, p.Title, p.Section, p.Dir)
		if g.Body != nil {
			putUint(h, g.Body.MetaHash)
			putUint(h, g.Body.BodyHash)
		}
		for _, pt := range g.Parts {
			putUint(h, pt.MetaHash)
			putUint(h, pt.BodyHash)
		}
	}
	putUint(h, uint64(reads))
	for i := range r.colls {
		if reads&(1<<i) != 0 {
			putUint(h, r.colls[i])
		}
	}
	for _, t := range st.targets {
		h.Write([]byte(t))
		if tp := r.site.ByPath[t]; tp != nil {
			h.Write([]byte(tp.URL))
		} else if sf, ok := r.site.StaticByPath[t]; ok {
			h.Write([]byte(sf.URL))
		} else {
			h.Write([]byte{0})
		}
	}
	return h.Sum64()
}

// shown calls f with every list of pages whose front matter p shows
// whatever its layout: the list pages of the folders above it (the
// breadcrumbs), its own cross-links (Rel, one hop: the pages they name,
// not theirs), its list, and for a generated page what it says it shows.
func (r *run) shown(p *content.Page, f func([]*content.Page)) {
	for dir := p.Dir; ; {
		if lp := r.listOf[dir]; lp != nil && lp != p {
			f([]*content.Page{lp})
		}
		if dir == "" {
			break
		}
		if i := strings.LastIndex(dir, "/"); i >= 0 {
			dir = dir[:i]
		} else {
			dir = ""
		}
	}
	switch {
	case p.Competency != nil:
		rel := p.Competency.Rel
		f(rel.Questions)
		f(rel.Exercises)
		f(rel.Activities)
		f(rel.Guides)
	case p.Question != nil:
		rel := p.Question.Rel
		f(rel.Competencies)
		f(rel.Exercises)
		f(rel.Guides)
	case p.Exercise != nil:
		rel := p.Exercise.Rel
		f(rel.Competencies)
		f(rel.Questions)
		f(rel.Sectors)
		f(rel.Activities)
	case p.Activity != nil:
		rel := p.Activity.Rel
		f(rel.Sectors)
		f(rel.Competencies)
		f(rel.Exercises)
	case p.Sector != nil:
		rel := p.Sector.Rel
		f(rel.Activities)
		f(rel.Exercises)
	case p.Guide != nil:
		rel := p.Guide.Rel
		f(rel.Questions)
		f(rel.Competencies)
	}
	if p.List != nil {
		f(p.List.Pages)
		f(p.List.Sub)
	}
	if g := r.gen[p]; g != nil {
		f(g.Shows)
	}
}
