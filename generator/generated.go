package generator

import (
	"lobsite/generator/content"
)

// Generated pages: pages that come from no Markdown file, such as the 404
// page. A feature that adds pages (year pages, worksheets, a print page)
// writes a function returning them and calls it from addGenerated; the
// build then plans, renders, links and publishes them as any other page.

// generated is a page that comes from no Markdown file.
//
// Page gives its URL (site-relative: "leerjaren/2/", or a file name such
// as "404.html"), Kind (the layout: layouts/<Kind>.html, which the theme
// must have), Title, and Section and Dir (the menu item marked current and
// the folder whose list pages make its breadcrumbs); its Path is "". Data
// is what the layout sees as .Data. Reads and Shows are what Data was made
// of: the collections whose pages' front matter it shows, and other pages
// whose front matter it shows. What the layout reads itself through .Site
// is recorded, as for every page; but Data is made in Go, so it must be
// made of Reads, Shows, the settings and Page alone for incremental
// builds to stay right. Body, when not nil, is a Markdown page whose body
// is rendered as this page's .Body (links relative to this page's URL;
// problems in it are those of Body itself, reported once, for Body).
// Parts, when not nil, are Markdown pages whose bodies are rendered each,
// in order, as the layout's .Parts, as Body is (their heading ids and
// #links get the prefix PartID gives, so they stay unique in the page).
// Pupil keeps only the pupil's sections of an exercise's body (see
// content.Exercise.Sections), in Body and Parts; Print marks every link
// of the parts with its target for print (data-doel, see printTargets).
type generated struct {
	Page  *content.Page
	Data  any
	Reads coll
	Shows []*content.Page
	Body  *content.Page
	Parts []*content.Page
	Pupil bool
	Print bool
}

// addGenerated adds the generated pages to r.pages. A content page at a
// URL that lobsite generates is an error at that page's file (a list page
// made up for a folder has no file: the error then names no file).
func (r *run) addGenerated() {
	r.gen = map[*content.Page]*generated{}
	add := func(gs ...generated) {
		for i := range gs {
			g := &gs[i]
			if prev := r.site.ByURL[g.Page.URL]; prev != nil {
				r.probs.Errorf(prev.Path, 1, 1, "deze pagina krijgt het adres /%s, dat lobsite zelf maakt (%s); geef het bestand een andere naam", g.Page.URL, g.Page.Kind)
				continue
			}
			r.gen[g.Page] = g
			r.pages = append(r.pages, g.Page)
		}
	}
	// Features add their pages here, e.g. add(r.yearPages()...).
	add(r.notFoundPage())
	add(r.yearPages()...)
	add(r.printPages()...)
}

// notFoundPage is 404.html, which the web server shows for any missing
// path.
func (r *run) notFoundPage() generated {
	return generated{Page: &content.Page{Kind: content.KindNotFound, URL: "404.html", Title: r.theme.T("niet_gevonden")}}
}
