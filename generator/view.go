package generator

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"lobsite/generator/content"
	"lobsite/generator/theme"
)

// view is what a layout sees: the page, its rendered body, the site, and
// helpers for relative links. Every URL a layout writes comes from Link or
// Asset, so the site works under any sub-path and from disk. The theme
// spec (package theme) lists its fields and methods.
type view struct {
	// Site gives the site's collections; what a layout reads through it
	// is recorded (see siteView).
	Site   *siteView
	S      *content.Settings
	Page   *content.Page
	Body   template.HTML
	Root   string // relative path from this page to the site root: "", "../", "../../"
	Crumbs []navItem
	// Groups holds the grouped lists of list pages and competency pages:
	// activities per periode or month, exercises per leerjaar.
	Groups []group
	// Matrix is the competency × kernvraag table of the competenties list page.
	Matrix [][]bool
	// Absolute is the page's absolute URL when basis_url is set.
	Absolute string
	// Data is what a generated page's maker gives its layout (see
	// generated); nil for other pages.
	Data any
	// Parts are the bodies of a generated page's Parts, as HTML, in
	// order; nil for other pages.
	Parts []template.HTML

	// InlineCSS is the theme's style sheet, set only on the 404 page: the
	// web server shows that page for any missing path, where no relative
	// link to style.css can be right.
	InlineCSS template.CSS

	// DocTitle, Trail and Facts are ready-made parts every page (or every
	// exercise page) shows; see the methods that make them. They are
	// fields, not methods, because html/template looks a method up by
	// name through reflection on every call, which costs more than making
	// the part.
	DocTitle string
	Trail    template.HTML
	Facts    template.HTML

	// Ways through the site, made in view_nav.go: the side navigation of
	// the page's folder, the table of contents of a long page, previous
	// and next chapter, the home page's coming activities and the choices
	// of the exercise list's filter. Empty (nil) where a page has none.
	SideNav  template.HTML
	TOC      template.HTML
	PrevNext template.HTML
	Upcoming template.HTML
	Filter   *filterChoices

	r    *run
	nl   string   // "\n" between the rows Facts writes, "" when minifying
	rec  recorder // what this render read of the site
	site siteView // what Site points to
}

// recorder collects what one page's render reads of the site beyond what
// it always shows (see run.shown): the collections, as a set. One render
// is one goroutine, so it needs no lock.
type recorder struct{ reads coll }

// siteView is .Site in a layout: the site's collections of pages, each
// read recorded, so that a page is rendered again when the collection
// changes. Sections, Home and ChosenModel every page's frame shows
// anyway; they are not recorded.
type siteView struct {
	s   *content.Site
	rec *recorder
}

func (s *siteView) read(c coll) []*content.Page {
	s.rec.reads |= c
	return pagesOf(s.s, c)
}

// Competencies returns the competencies, by nummer.
func (s *siteView) Competencies() []*content.Page { return s.read(collCompetencies) }

// Questions returns the kernvragen, by volgorde and title.
func (s *siteView) Questions() []*content.Page { return s.read(collQuestions) }

// Exercises returns the exercises, by volgorde and title.
func (s *siteView) Exercises() []*content.Page { return s.read(collExercises) }

// Activities returns the activities, by date, time and title.
func (s *siteView) Activities() []*content.Page { return s.read(collActivities) }

// Sectors returns the sectors.
func (s *siteView) Sectors() []*content.Page { return s.read(collSectors) }

// Models returns the LOB models, by nummer.
func (s *siteView) Models() []*content.Page { return s.read(collModels) }

// Guides returns the conversation guides.
func (s *siteView) Guides() []*content.Page { return s.read(collGuides) }

// Pages returns every page of the site, lists included, by URL.
func (s *siteView) Pages() []*content.Page { return s.read(collAll) }

// Sections returns the list pages of the top-level folders, in menu order.
func (s *siteView) Sections() []*content.Page { return s.s.Sections }

// Home returns the home page.
func (s *siteView) Home() *content.Page { return s.s.Home }

// ChosenModel returns the page of the school's chosen model, or nil.
func (s *siteView) ChosenModel() *content.Page { return s.s.ChosenModel }

type navItem struct {
	Title   string
	URL     string
	Current bool
}

type group struct {
	Title string
	Pages []*content.Page
	Year  int // the leerjaar of a group of exercises by leerjaar, else 0
}

// frame is what a shared part of the page frame (deel) is executed with:
// what is the same for every page with the same PartKey, and nothing of
// the page. Its fields and methods are the theme spec's list for partials.
type frame struct {
	Root        string // as view.Root
	S           *content.Settings
	Lang        string // the site's taal
	Home        *content.Page
	ChosenModel *content.Page
	// Site offers .Site.Home, .Site.ChosenModel and .Site.Sections, as a
	// layout writes them.
	Site struct {
		Home, ChosenModel *content.Page
		Sections          []*content.Page
	}
	section string // the section whose menu item is current
	mark    bool   // home or 404: no menu item is current
}

// Nav returns the menu: the list page of every top-level section, the
// current one marked.
func (f *frame) Nav() []navItem {
	out := make([]navItem, 0, len(f.Site.Sections))
	for _, sec := range f.Site.Sections {
		out = append(out, navItem{Title: sec.Title, URL: f.Link(sec), Current: !f.mark && f.section == sec.Section})
	}
	return out
}

// Link returns the relative URL of p as seen from the current page.
func (f *frame) Link(p *content.Page) string { return link(f.Root, p) }

// Asset returns the relative URL of a file at the site root.
func (f *frame) Asset(name string) string { return f.Root + name }

func link(root string, p *content.Page) string {
	if p == nil {
		return ""
	}
	u := root + p.URL
	if u == "" {
		return "./"
	}
	return u
}

// PartKey says what the page's frame differs by: see theme.Caller.
func (v *view) PartKey() (theme.PartKey, *theme.Parts) {
	k := theme.PartKey{Root: v.Root, Section: v.Page.Section}
	if v.Page.Kind == content.KindHome || v.Page.Kind == content.KindNotFound {
		k.Mark = string(v.Page.Kind) // the home and 404 pages mark no menu item
	}
	return k, &v.r.parts
}

// Frame returns what the shared parts are executed with.
func (v *view) Frame() any {
	s := v.r.site
	f := &frame{Root: v.Root, S: v.S, Lang: v.S.Lang, Home: s.Home, ChosenModel: s.ChosenModel, section: v.Page.Section}
	f.Site.Home, f.Site.ChosenModel, f.Site.Sections = s.Home, s.ChosenModel, s.Sections
	f.mark = v.Page.Kind == content.KindHome || v.Page.Kind == content.KindNotFound
	return f
}

// rootPrefix returns the relative path from a page URL to the site root.
func rootPrefix(u string) string {
	return strings.Repeat("../", strings.Count(u, "/"))
}

// Nav returns the menu, as the frame's Nav.
func (v *view) Nav() []navItem { return v.Frame().(*frame).Nav() }

// Link returns the relative URL of p as seen from the current page.
func (v *view) Link(p *content.Page) string { return link(v.Root, p) }

// Asset returns the relative URL of a file at the site root.
func (v *view) Asset(name string) string { return v.Root + name }

func (r *run) newView(p *content.Page, body string) *view {
	s := r.site
	v := &view{S: &s.Settings, Page: p, Body: template.HTML(body), Root: rootPrefix(p.URL), r: r}
	v.site = siteView{s: s, rec: &v.rec}
	v.Site = &v.site
	if r.opts.NoMinify {
		v.nl = "\n"
	}
	if g := r.gen[p]; g != nil {
		v.Data = g.Data
	}
	if p.Kind == content.KindNotFound {
		// The 404 page is served for any missing path, at any depth: only
		// a root-based prefix works there.
		v.Root = "/"
		if u, err := url.Parse(s.Settings.BaseURL); err == nil && s.Settings.BaseURL != "" {
			v.Root = u.Path
		}
		v.InlineCSS = template.CSS(r.assets["style.css"])
	}
	if s.Settings.BaseURL != "" && p.Kind != content.KindNotFound {
		v.Absolute = s.Settings.BaseURL + p.URL
	}
	if p.Kind != content.KindHome && p.Kind != content.KindNotFound {
		v.Crumbs = append(v.Crumbs, navItem{Title: r.theme.T("home"), URL: v.Link(s.Home)})
		parts := strings.Split(p.Dir, "/")
		for i := range parts {
			if p.Dir == "" {
				break
			}
			dir := strings.Join(parts[:i+1], "/")
			if lp := r.listOf[dir]; lp != nil && lp != p {
				v.Crumbs = append(v.Crumbs, navItem{Title: lp.Title, URL: v.Link(lp)})
			}
		}
		v.Crumbs = append(v.Crumbs, navItem{Title: p.Title, URL: v.Link(p), Current: true})
		v.Trail = v.trail()
	}
	v.DocTitle = v.docTitle()
	v.Facts = v.facts()
	v.TOC = v.toc(body)
	if lp := v.folder(); lp != nil {
		v.SideNav = v.sideNav(lp)
		v.PrevNext = v.prevNext(lp)
	}
	switch {
	case p.Kind == content.KindHome:
		v.Upcoming = v.upcoming()
	case p.Kind == content.KindList && p.Dir == "opdrachten":
		v.Filter = exerciseFilter(p.List.Pages)
	case p.Kind == content.KindCompetency:
		v.Groups = byYear(p.Competency.Rel.Exercises, r.theme.T("leerjaar"))
	case p.Kind == content.KindList && p.Dir == "kalender":
		v.Groups = v.calendarGroups(v.site.Activities())
	case p.Kind == content.KindList && p.Dir == "competenties":
		qs := v.site.Questions()
		for _, c := range v.site.Competencies() {
			row := make([]bool, len(qs))
			for i, q := range qs {
				for _, cq := range c.Competency.Rel.Questions {
					if cq == q {
						row[i] = true
					}
				}
			}
			v.Matrix = append(v.Matrix, row)
		}
	}
	return v
}

// byYear groups exercises by each leerjaar they are meant for.
func byYear(ex []*content.Page, label string) []group {
	var out []group
	for y := 1; y <= 8; y++ {
		var g group
		for _, e := range ex {
			for _, ey := range e.Exercise.Years {
				if ey == y {
					g.Pages = append(g.Pages, e)
				}
			}
		}
		if len(g.Pages) > 0 {
			g.Title, g.Year = label+" "+strconv.Itoa(y), y
			out = append(out, g)
		}
	}
	return out
}

// calendarGroups groups the activities, in date order, by periode when
// perioden are set, else by month. Activities between perioden (in a
// holiday) form a group of their own where they fall, named after their
// month, so the list never leaves date order.
func (v *view) calendarGroups(activities []*content.Page) []group {
	var out []group
	last := ""
	t := v.r.theme
	for _, a := range activities {
		key, title := a.Activity.Period, a.Activity.Period
		if len(v.S.Periods) == 0 {
			key = t.Month(a.Activity.Date)
			title = key
		} else if key == "" {
			key = "\x00" + t.Month(a.Activity.Date)
			title = t.T("buiten_perioden") + " · " + t.Month(a.Activity.Date)
		}
		if len(out) == 0 || key != last {
			out = append(out, group{Title: title})
			last = key
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, a)
	}
	return out
}
