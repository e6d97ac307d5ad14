package generator

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lobsite/generator/content"
)

// view is what a layout sees: the page, its rendered body, the site, and
// helpers for relative links. Every URL a layout writes comes from Link or
// Asset, so the site works under any sub-path and from disk.
type view struct {
	Site   *content.Site
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

	t     func(string) string    // the theme's UI strings
	years func([]int) string     // leerjaren as "1, 2 en 3"
	date  func(time.Time) string // a date in words, in the site's language
	nl    string                 // "\n" between the rows Facts writes, "" when minifying
}

type navItem struct {
	Title   string
	URL     string
	Current bool
}

type group struct {
	Title string
	Pages []*content.Page
}

// rootPrefix returns the relative path from a page URL to the site root.
func rootPrefix(u string) string {
	return strings.Repeat("../", strings.Count(u, "/"))
}

// Nav returns the menu: the list page of every top-level section, the
// current one marked. A method, not a field: the default theme shows it in
// a part rendered once per depth and section, so most pages never ask.
func (v *view) Nav() []navItem {
	var out []navItem
	for _, sec := range v.Site.Sections {
		out = append(out, navItem{Title: sec.Title, URL: v.Link(sec), Current: v.Page.Section == sec.Section && v.Page.Kind != content.KindHome})
	}
	return out
}

// Link returns the relative URL of p as seen from the current page.
func (v *view) Link(p *content.Page) string {
	if p == nil {
		return ""
	}
	u := v.Root + p.URL
	if u == "" {
		return "./"
	}
	return u
}

// A returns a link to p with its title as text, as ready HTML: the same as
// <a href="{{$.Link p}}">{{p.Title}}</a>, but built without the template
// engine, since long lists (a kernvraag page lists thousands of exercises in
// a large exercise bank) would spend most of their time escaping.
func (v *view) A(p *content.Page) template.HTML {
	var b strings.Builder
	b.Grow(len(v.Root) + len(p.URL) + len(p.Title) + 16)
	v.writeA(&b, p)
	return template.HTML(b.String())
}

// The list helpers below write the <li> items of long lists in Go. A
// layout may range over the pages itself; these exist because a kernvraag
// or competency page in a large exercise bank lists thousands of pages, and
// the template engine spends microseconds on every value it escapes.

// Links returns one <li> with a link per page.
func (v *view) Links(ps []*content.Page) template.HTML {
	var b strings.Builder
	v.writeLinks(&b, ps)
	return template.HTML(b.String())
}

func (v *view) writeLinks(b *strings.Builder, ps []*content.Page) {
	b.Grow(len(ps) * v.aSize(12))
	for _, p := range ps {
		b.WriteString("<li>")
		v.writeA(b, p)
		b.WriteString("</li>\n")
	}
}

// aSize estimates the length of a link written by writeA plus extra bytes,
// so that builders are made large enough at once.
func (v *view) aSize(extra int) int { return len(v.Root) + 80 + extra }

// LinksWithSummary returns one <li> per page: a link and, after a dash,
// the page's samenvatting.
func (v *view) LinksWithSummary(ps []*content.Page) template.HTML {
	var b strings.Builder
	b.Grow(len(ps) * v.aSize(100))
	for _, p := range ps {
		b.WriteString("<li>")
		v.writeA(&b, p)
		if p.Summary != "" {
			b.WriteString(" – ")
			b.WriteString(html.EscapeString(p.Summary))
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// Cards returns one <li class="kaart"> per page: a link, the samenvatting
// and, for exercises and activities, a line with leerjaren, duration and
// werkvorm or date, time and soort. An exercise's card carries its
// competencies, leerjaren and werkvorm as data attributes for the filter
// of the exercise list (see writeFilterData).
func (v *view) Cards(ps []*content.Page) template.HTML {
	var b strings.Builder
	b.Grow(len(ps) * v.aSize(160))
	for _, p := range ps {
		b.WriteString(`<li class="kaart"`)
		if p.Exercise != nil {
			writeFilterData(&b, p.Exercise)
		}
		b.WriteString(">")
		v.writeA(&b, p)
		if p.Summary != "" {
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(p.Summary))
			b.WriteString("</p>")
		}
		switch {
		case p.Exercise != nil:
			e := p.Exercise
			b.WriteString(`<p class="meta">`)
			b.WriteString(html.EscapeString(v.t("leerjaar") + " " + v.years(e.Years)))
			if e.Duration > 0 {
				b.WriteString(html.EscapeString(fmt.Sprintf(" · %d %s", e.Duration, v.t("minuten"))))
			}
			if e.Form != "" {
				b.WriteString(html.EscapeString(" · " + v.t(e.Form)))
			}
			b.WriteString("</p>")
		case p.Activity != nil:
			a := p.Activity
			b.WriteString(`<p class="meta">`)
			v.writeTime(&b, a.Date)
			if a.Time != "" {
				b.WriteString(" · " + html.EscapeString(a.Time))
			}
			b.WriteString(html.EscapeString(" · " + v.t(a.Type)))
			b.WriteString("</p>")
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// facts returns the list of facts (<dl class="feiten">) at the top of an
// exercise, activity, conversation guide or sector page, or nothing for
// other pages and for a sector without beroepen or certificaten. Rows
// without a value are left out. Like the list helpers it is written in Go:
// a large exercise bank has thousands of pages with it, and written as a
// template it cost more than all of the rest of the page's own layout.
func (v *view) facts() template.HTML {
	p := v.Page
	if p.Exercise == nil && p.Activity == nil && p.Guide == nil && p.Sector == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(6 * v.aSize(40))
	row := func(key string) *strings.Builder {
		b.WriteString("<dt>")
		b.WriteString(html.EscapeString(v.t(key)))
		b.WriteString("</dt><dd>")
		return &b
	}
	endRow := func() {
		b.WriteString("</dd>")
		b.WriteString(v.nl)
	}
	text := func(key, value string) {
		if value != "" {
			row(key).WriteString(html.EscapeString(value))
			endRow()
		}
	}
	links := func(key string, ps []*content.Page) {
		if len(ps) > 0 {
			v.writeInlineLinks(row(key), ps)
			endRow()
		}
	}
	switch {
	case p.Exercise != nil:
		e := p.Exercise
		row("leerjaren").WriteString(v.years(e.Years))
		endRow()
		if e.Duration > 0 {
			text("duur", strconv.Itoa(e.Duration)+" "+v.t("minuten"))
		}
		if e.Form != "" {
			text("werkvorm", v.t(e.Form))
		}
		v.writeInlineLinks(row("competenties"), e.Rel.Competencies)
		endRow()
		links("kernvragen", e.Rel.Questions)
		links("sectoren", e.Rel.Sectors)
		if len(e.Materials) > 0 {
			row("materialen").WriteString("<ul>")
			for _, m := range e.Materials {
				b.WriteString("<li>")
				b.WriteString(html.EscapeString(m))
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
			endRow()
		}
	case p.Activity != nil:
		a := p.Activity
		v.writeTime(row("datum"), a.Date)
		if !a.Until.IsZero() {
			b.WriteString(" – ")
			v.writeTime(&b, a.Until)
		}
		endRow()
		text("tijd", a.Time)
		text("periode", a.Period)
		text("locatie", a.Location)
		text("leerjaren", v.years(a.Years))
		links("sectoren", a.Rel.Sectors)
		links("competenties", a.Rel.Competencies)
	case p.Guide != nil:
		g := p.Guide
		text("frequentie", g.Frequency)
		text("deelnemers", strings.Join(g.Participants, ", "))
		text("leerjaren", v.years(g.Years))
		links("kernvragen", g.Rel.Questions)
		links("competenties", g.Rel.Competencies)
	case p.Sector != nil:
		text("beroepen", strings.Join(p.Sector.Jobs, ", "))
		text("certificaten", strings.Join(p.Sector.Certificates, ", "))
	}
	if b.Len() == 0 {
		return ""
	}
	return template.HTML("<dl class=\"feiten\">" + v.nl + b.String() + "</dl>")
}

// docTitle returns the text of the page's <title>: the handbook's title and
// the school on the home page, else the page's title and the handbook's.
func (v *view) docTitle() string {
	if v.Page.Kind == content.KindHome {
		return v.S.Title + " · " + v.S.School
	}
	return v.Page.Title + " · " + v.S.Title
}

// InlineLinks returns links to the pages separated by commas.
func (v *view) InlineLinks(ps []*content.Page) template.HTML {
	var b strings.Builder
	v.writeInlineLinks(&b, ps)
	return template.HTML(b.String())
}

func (v *view) writeInlineLinks(b *strings.Builder, ps []*content.Page) {
	b.Grow(len(ps) * v.aSize(2))
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		v.writeA(b, p)
	}
}

// trail returns the breadcrumb items: a link for every level above the
// page, and the page itself marked as current.
func (v *view) trail() template.HTML {
	var b strings.Builder
	for _, c := range v.Crumbs {
		if c.Current {
			b.WriteString(`<li><span aria-current="page">`)
			b.WriteString(html.EscapeString(c.Title))
			b.WriteString("</span></li>")
			continue
		}
		b.WriteString(`<li><a href="`)
		b.WriteString(html.EscapeString(c.URL))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(c.Title))
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String())
}

// Related returns a section listing related pages under a heading with the
// UI string titleKey, or nothing when there are none. id makes the
// heading's id ("lijst_<id>": with an underscore, which no heading anchor
// in the body has, so the two never clash).
func (v *view) Related(id, titleKey string, ps []*content.Page) template.HTML {
	if len(ps) == 0 {
		return ""
	}
	id = html.EscapeString(id)
	var b strings.Builder
	b.WriteString(`<section class="verwijzing" aria-labelledby="lijst_` + id + `"><h2 id="lijst_` + id + `">`)
	b.WriteString(html.EscapeString(v.t(titleKey)))
	b.WriteString("</h2><ul>")
	v.writeLinks(&b, ps)
	b.WriteString("</ul></section>")
	return template.HTML(b.String())
}

// writeTime writes a date as <time datetime="2026-10-12">maandag 12 oktober 2026</time>.
func (v *view) writeTime(b *strings.Builder, d time.Time) {
	b.WriteString(`<time datetime="`)
	b.WriteString(d.Format("2006-01-02"))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(v.date(d)))
	b.WriteString("</time>")
}

func (v *view) writeA(b *strings.Builder, p *content.Page) {
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeString(v.Link(p)))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString(`</a>`)
}

// Asset returns the relative URL of a file at the site root.
func (v *view) Asset(name string) string { return v.Root + name }

func (b *Builder) newView(p *content.Page, body string) *view {
	s := b.site
	v := &view{Site: s, S: &s.Settings, Page: p, Body: template.HTML(body), Root: rootPrefix(p.URL), t: b.theme.T, years: b.years, date: b.date}
	if b.opts.NoMinify {
		v.nl = "\n"
	}
	if p.Kind == content.KindNotFound {
		// The 404 page is served for any missing path, at any depth: only
		// a root-based prefix works there.
		v.Root = "/"
		if u, err := url.Parse(s.Settings.BaseURL); err == nil && s.Settings.BaseURL != "" {
			v.Root = u.Path
		}
		v.InlineCSS = template.CSS(b.assets["style.css"])
	}
	if s.Settings.BaseURL != "" && p.Kind != content.KindNotFound {
		v.Absolute = s.Settings.BaseURL + p.URL
	}
	if p.Kind != content.KindHome && p.Kind != content.KindNotFound {
		v.Crumbs = append(v.Crumbs, navItem{Title: b.theme.T("home"), URL: v.Link(s.Home)})
		parts := strings.Split(p.Dir, "/")
		for i := range parts {
			if p.Dir == "" {
				break
			}
			dir := strings.Join(parts[:i+1], "/")
			if lp := b.listOf[dir]; lp != nil && lp != p {
				v.Crumbs = append(v.Crumbs, navItem{Title: lp.Title, URL: v.Link(lp)})
			}
		}
		v.Crumbs = append(v.Crumbs, navItem{Title: p.Title, URL: v.Link(p), Current: true})
		v.Trail = v.trail()
	}
	v.DocTitle = v.docTitle()
	v.Facts = v.facts()
	lp := folderList(p, b.listOf)
	v.SideNav = v.sideNav(lp)
	v.PrevNext = v.prevNext(lp)
	v.TOC = v.toc(body)
	switch {
	case p.Kind == content.KindCompetency:
		v.Groups = byYear(p.Competency.Rel.Exercises, b.theme.T("leerjaar"))
	case p.Kind == content.KindHome:
		v.Upcoming = v.upcoming()
	case p.Kind == content.KindList && p.Dir == "opdrachten":
		v.Filter = exerciseFilter(p.List.Pages)
	case p.Kind == content.KindList && p.Dir == "kalender":
		v.Groups = b.calendarGroups()
	case p.Kind == content.KindList && p.Dir == "competenties":
		for _, c := range s.Competencies {
			row := make([]bool, len(s.Questions))
			for i, q := range s.Questions {
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
			g.Title = label + " " + strconv.Itoa(y)
			out = append(out, g)
		}
	}
	return out
}

// calendarGroups groups the activities, in date order, by periode when
// perioden are set, else by month. Activities between perioden (in a
// holiday) form a group of their own where they fall, named after their
// month, so the list never leaves date order.
func (b *Builder) calendarGroups() []group {
	var out []group
	last := ""
	for _, a := range b.site.Activities {
		key, title := a.Activity.Period, a.Activity.Period
		if len(b.site.Settings.Periods) == 0 {
			key = b.monthName(a.Activity.Date)
			title = key
		} else if key == "" {
			key = "\x00" + b.monthName(a.Activity.Date)
			title = b.theme.T("buiten_perioden") + " · " + b.monthName(a.Activity.Date)
		}
		if len(out) == 0 || key != last {
			out = append(out, group{Title: title})
			last = key
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, a)
	}
	return out
}

var monthsNL = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
var daysNL = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}

func (b *Builder) monthName(d time.Time) string {
	if b.site.Settings.Lang == "en" {
		return d.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsNL[d.Month()-1], d.Year())
}

// formatDate writes a date as "maandag 12 oktober 2026" (nl) or
// "Monday 12 October 2026" (en).
func formatDate(lang string) func(time.Time) string {
	return func(d time.Time) string {
		if d.IsZero() {
			return ""
		}
		if lang == "en" {
			return d.Format("Monday 2 January 2006")
		}
		return fmt.Sprintf("%s %d %s %d", daysNL[d.Weekday()], d.Day(), monthsNL[d.Month()-1], d.Year())
	}
}

// listYears writes [1 2 3] as "1, 2 en 3".
func listYears(and string) func([]int) string {
	return func(ys []int) string {
		s := make([]string, len(ys))
		for i, y := range ys {
			s[i] = strconv.Itoa(y)
		}
		if len(s) <= 1 {
			return strings.Join(s, "")
		}
		return strings.Join(s[:len(s)-1], ", ") + " " + and + " " + s[len(s)-1]
	}
}
