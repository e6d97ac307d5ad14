package generator

import (
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

// searchOutput is the output that writes the search index.
func (r *run) searchOutput() output {
	lang := r.site.Settings.Lang
	return output{
		Page: func(p *content.Page, body []byte, _ []string) any {
			if p.Path == "" {
				return nil
			}
			d := search.Doc{URL: p.URL, Title: p.Title, Summary: p.Summary, Kind: string(p.Kind)}
			switch {
			case p.Exercise != nil:
				d.Years = p.Exercise.Years
			case p.Activity != nil:
				d.Years = p.Activity.Years
			case p.Guide != nil:
				d.Years = p.Guide.Years
			}
			return search.Extract(lang, d, body)
		},
		Files: func(s *content.Site, pages []pageOut) (map[string][]byte, error) {
			list := make([]*search.Page, len(pages))
			for i, po := range pages {
				list[i], _ = po.Out.(*search.Page)
			}
			kinds := make([]search.Kind, len(searchKinds))
			for i, k := range searchKinds {
				kinds[i] = search.Kind{ID: string(k), Label: r.theme.T("soort_" + string(k))}
			}
			return search.Build(s.Settings.Lang, kinds, list), nil
		},
	}
}
