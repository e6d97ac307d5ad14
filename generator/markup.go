package generator

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"lobsite/generator/content"
)

// Markup written in Go: the view's helpers that write the <li> items of
// long lists, the facts of a page and its breadcrumbs. The theme spec
// (package theme) lists them as fixed markup.

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
			// Not as links to the year pages: the exercise list would grow
			// by a fifth (the page itself has them, in its facts).
			b.WriteString(html.EscapeString(v.r.theme.T("leerjaar") + " " + v.r.theme.Years(e.Years)))
			if e.Duration > 0 {
				b.WriteString(html.EscapeString(fmt.Sprintf(" · %d %s", e.Duration, v.r.theme.T("minuten"))))
			}
			if e.Form != "" {
				b.WriteString(html.EscapeString(" · " + v.r.theme.T(e.Form)))
			}
			b.WriteString("</p>")
		case p.Activity != nil:
			a := p.Activity
			b.WriteString(`<p class="meta">`)
			v.writeTime(&b, a.Date)
			if a.Time != "" {
				b.WriteString(" · " + html.EscapeString(a.Time))
			}
			b.WriteString(html.EscapeString(" · " + v.r.theme.T(a.Type)))
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
		b.WriteString(html.EscapeString(v.r.theme.T(key)))
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
	years := func(ys []int) { // as links to the year pages
		if len(ys) > 0 {
			v.writeYearLinks(row("leerjaren"), ys)
			endRow()
		}
	}
	switch {
	case p.Exercise != nil:
		e := p.Exercise
		v.writeYearLinks(row("leerjaren"), e.Years)
		endRow()
		if e.Duration > 0 {
			text("duur", strconv.Itoa(e.Duration)+" "+v.r.theme.T("minuten"))
		}
		if e.Form != "" {
			text("werkvorm", v.r.theme.T(e.Form))
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
		years(a.Years)
		links("sectoren", a.Rel.Sectors)
		links("competenties", a.Rel.Competencies)
	case p.Guide != nil:
		g := p.Guide
		text("frequentie", g.Frequency)
		text("deelnemers", strings.Join(g.Participants, ", "))
		years(g.Years)
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
	b.WriteString(html.EscapeString(v.r.theme.T(titleKey)))
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
	b.WriteString(html.EscapeString(v.r.theme.Date(d)))
	b.WriteString("</time>")
}

func (v *view) writeA(b *strings.Builder, p *content.Page) {
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeString(v.Link(p)))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString(`</a>`)
}
