package generator

import (
	"fmt"
	"path/filepath"
	"sync"

	"lobsite/generator/content"
	"lobsite/generator/search"
)

// The search index (package search): every page from a Markdown file is
// read for the index as it is rendered; after the render the index files
// are made under zoek/, which the theme's zoek.js loads. Concealed pages
// are not among the pages unless --drafts. Generated pages (404.html, and
// pages made of another page's body) are left out: they would only repeat
// what their source page says.

// searchKinds are the soorten the results name and the filter offers, in
// its order.
var searchKinds = []content.Kind{
	content.KindExercise, content.KindActivity, content.KindGuide, content.KindCompetency,
	content.KindQuestion, content.KindSector, content.KindModel, content.KindPage, content.KindList, content.KindHome,
}

// searchOutput is the output that writes the search index. A one-shot
// build that writes (lobsite build) hands each page's record to a
// search.Spool, which writes the page files into the fresh tree as soon as
// their pages are in, and takes their words into the postings: a site of
// 10,000 pages then holds only the postings until the end, not the pages'
// text (about 3 KB a page) and words, and keeps no state per page for the
// index. Other builds keep each page's record and words with its state,
// for the incremental builds after them.
func (r *run) searchOutput() output {
	lang := r.site.Settings.Lang
	var (
		once  sync.Once
		spool *search.Spool
		ids   map[*content.Page]int // page → page number, with a spool
	)
	start := func() {
		if !r.oneShot || r.outDir == "" {
			return
		}
		ids = map[*content.Page]int{}
		for _, p := range r.pages {
			if indexed(p) {
				ids[p] = len(ids)
			}
		}
		dir := r.outDir
		spool = search.NewSpool(lang, len(ids), func(name string, data []byte) error {
			return writeFile(filepath.Join(dir, filepath.FromSlash(name)), data)
		})
	}
	return output{
		Page: func(p *content.Page, body []byte, _ []string) any {
			if !indexed(p) {
				return nil
			}
			once.Do(start)
			kind, years := searchKind(p)
			d := search.Doc{URL: p.URL, Title: p.Title, Summary: p.Summary, Kind: kind, Years: years}
			if spool != nil {
				// All of the page goes to the spool: it keeps nothing
				// for Files, which takes its kind and leerjaren from p.
				spool.Extract(ids[p], lang, d, body)
				return nil
			}
			return search.Extract(lang, d, body)
		},
		Files: func(s *content.Site, pages []pageOut) (map[string][]byte, error) {
			once.Do(start)
			var list []*search.Page
			for _, po := range pages {
				if !indexed(po.Page) {
					continue
				}
				sp, _ := po.Out.(*search.Page)
				if spool != nil {
					sp = search.Spooled(searchKind(po.Page))
				}
				list = append(list, sp)
			}
			kinds := make([]search.Kind, len(searchKinds))
			for i, k := range searchKinds {
				kinds[i] = search.Kind{ID: string(k), Label: r.theme.T("soort_" + string(k))}
			}
			if spool != nil {
				for _, name := range spool.Names() {
					if r.taken(name) {
						return nil, fmt.Errorf("het bestand %s van de zoekindex valt samen met een bestand van het thema of uit content/", name)
					}
				}
			}
			return search.Build(s.Settings.Lang, kinds, list, spool)
		},
	}
}

// searchKind returns the soort of p and, for the soorten that have them,
// its leerjaren, as the index keeps them.
func searchKind(p *content.Page) (string, []int) {
	switch {
	case p.Exercise != nil:
		return string(p.Kind), p.Exercise.Years
	case p.Activity != nil:
		return string(p.Kind), p.Activity.Years
	case p.Guide != nil:
		return string(p.Kind), p.Guide.Years
	}
	return string(p.Kind), nil
}

// indexed reports whether p is in the search index: a page from a
// Markdown file.
func indexed(p *content.Page) bool { return p.Path != "" }
