package generator

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"lobsite/generator/content"
)

// This file makes the parts of a page that help a reader find the way:
// the side navigation of the section (zijnavigatie), the table of contents
// of a long page (inhoudsopgave), previous and next chapter, the coming
// activities on the home page and the filter of the exercise list. Like the
// lists in view.go they are written in Go, once per page, because a large
// site has thousands of pages with them.

// sideNavMax is the most pages a side navigation lists. A section with more
// (an exercise bank, the calendar) has its own list page with groups and
// filters; a side navigation of hundreds of links helps nobody and would
// make every page of that section as large as the list.
const sideNavMax = 15

// tocMin is the fewest ## headings a page needs to get a table of contents:
// a short page is read at a glance.
const tocMin = 3

// folder returns the list page of the folder whose pages the page's side
// navigation and previous/next show, and records what that reads: a list
// page shows its own folder (its List, which every list page shows); a
// competency, kernvraag, sector, model or guide the pages of its section
// (recorded as that collection); a free page (a handbook chapter) its
// folder's pages and subfolders, which no collection holds, so it is
// recorded as reading every page. Exercises and activities, in banks of
// hundreds, get none: their list page has groups and a filter, and reading
// their collection would render every exercise again when one changes. It
// returns nil for the home page, the 404 page and pages at the top level.
func (v *view) folder() *content.Page {
	p := v.Page
	switch p.Kind {
	case content.KindList:
		return p
	case content.KindPage:
		if lp := v.r.listOf[p.Dir]; lp != nil && p.Dir != "" {
			v.rec.reads |= collAll
			return lp
		}
	default:
		c := collOfKind(p.Kind)
		if lp := v.r.listOf[p.Dir]; lp != nil && c != 0 && p.Dir == p.Section {
			v.rec.reads |= c
			return lp
		}
	}
	return nil
}

// collOfKind returns the collection of the pages of kind k that get a side
// navigation of their section, or 0.
func collOfKind(k content.Kind) coll {
	switch k {
	case content.KindCompetency:
		return collCompetencies
	case content.KindQuestion:
		return collQuestions
	case content.KindSector:
		return collSectors
	case content.KindModel:
		return collModels
	case content.KindGuide:
		return collGuides
	}
	return 0
}

// sideNav returns the side navigation of the folder of list page lp: a
// link to lp, then the folder's pages in their order (and, for a list page
// or a free page, its subfolders' list pages first), the current page
// marked with aria-current="page". It is empty for a folder of more than
// sideNavMax pages.
func (v *view) sideNav(lp *content.Page) template.HTML {
	var sub []*content.Page
	if k := v.Page.Kind; k == content.KindList || k == content.KindPage {
		sub = lp.List.Sub
	}
	n := len(sub) + len(lp.List.Pages)
	if n == 0 || n > sideNavMax {
		return ""
	}
	var b strings.Builder
	b.Grow((n + 1) * v.aSize(24))
	b.WriteString(`<nav class="zijnav" aria-label="`)
	b.WriteString(html.EscapeString(v.r.theme.T("in_dit_onderdeel") + ": " + lp.Title))
	b.WriteString(`"><p class="zijnav-kop">`)
	v.writeNavLink(&b, lp)
	b.WriteString("</p><ul>")
	for _, list := range [][]*content.Page{sub, lp.List.Pages} {
		for _, p := range list {
			b.WriteString("<li>")
			v.writeNavLink(&b, p)
			b.WriteString("</li>")
		}
	}
	b.WriteString("</ul></nav>")
	return template.HTML(b.String())
}

// writeNavLink writes a link to p, or, when p is the current page, its
// title marked as the current page.
func (v *view) writeNavLink(b *strings.Builder, p *content.Page) {
	if p == v.Page {
		b.WriteString(`<a aria-current="page" href="`)
	} else {
		b.WriteString(`<a href="`)
	}
	b.WriteString(html.EscapeString(v.Link(p)))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString("</a>")
}

// prevNext returns links to the previous and next free page (a handbook
// chapter) in the order of p's folder (volgorde, then title), or nothing
// for other kinds of page.
func (v *view) prevNext(lp *content.Page) template.HTML {
	p := v.Page
	if p.Kind != content.KindPage {
		return ""
	}
	var prev, next *content.Page
	found := false
	for _, q := range lp.List.Pages {
		switch {
		case q.Kind != content.KindPage:
		case q == p:
			found = true
		case !found:
			prev = q
		case next == nil:
			next = q
		}
	}
	if !found || prev == nil && next == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav class="bladeren" aria-label="`)
	b.WriteString(html.EscapeString(v.r.theme.T("bladeren")))
	b.WriteString(`">`)
	if prev != nil {
		v.writeStep(&b, prev, "vorige", "vorig")
	}
	if next != nil {
		v.writeStep(&b, next, "volgende", "volgend")
	}
	b.WriteString("</nav>")
	return template.HTML(b.String())
}

func (v *view) writeStep(b *strings.Builder, p *content.Page, key, class string) {
	b.WriteString(`<a class="`)
	b.WriteString(class)
	b.WriteString(`" href="`)
	b.WriteString(html.EscapeString(v.Link(p)))
	b.WriteString(`"><span class="stap">`)
	b.WriteString(html.EscapeString(v.r.theme.T(key)))
	b.WriteString("</span> ")
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString("</a>")
}

// toc returns the table of contents of a page body: a <nav> with a link to
// every ## heading, when the body has at least tocMin of them. It reads the
// headings from the rendered body (minified or not), where the Markdown
// renderer gave every heading its id; their text is the heading's HTML
// without its tags.
func (v *view) toc(body string) template.HTML {
	type entry struct{ id, text string }
	var hs []entry
	for rest := body; ; {
		i := strings.Index(rest, "<h2 ")
		if i < 0 {
			break
		}
		rest = rest[i+4:]
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			break
		}
		id := attrValue(rest[:end], "id")
		rest = rest[end+1:]
		stop := strings.Index(rest, "</h2>")
		if stop < 0 {
			break
		}
		if id != "" {
			hs = append(hs, entry{id, stripTags(rest[:stop])})
		}
		rest = rest[stop:]
	}
	if len(hs) < tocMin {
		return ""
	}
	var b strings.Builder
	b.Grow(len(hs)*64 + 96)
	b.WriteString(`<nav class="toc" aria-labelledby="toc_kop"><p class="toc-kop" id="toc_kop">`)
	b.WriteString(html.EscapeString(v.r.theme.T("op_deze_pagina")))
	b.WriteString("</p><ol>")
	for _, h := range hs {
		b.WriteString(`<li><a href="#`)
		b.WriteString(html.EscapeString(h.id))
		b.WriteString(`">`)
		b.WriteString(h.text)
		b.WriteString("</a></li>")
	}
	b.WriteString("</ol></nav>")
	return template.HTML(b.String())
}

// attrValue returns the value of the attribute name in the attributes of
// an HTML start tag, quoted or (as the minifier writes it) not.
func attrValue(attrs, name string) string {
	for i := 0; i < len(attrs); {
		j := strings.Index(attrs[i:], name+"=")
		if j < 0 {
			return ""
		}
		j += i
		if j > 0 && attrs[j-1] != ' ' {
			i = j + len(name) + 1
			continue
		}
		val := attrs[j+len(name)+1:]
		if val != "" && (val[0] == '"' || val[0] == '\'') {
			if k := strings.IndexByte(val[1:], val[0]); k >= 0 {
				return html.UnescapeString(val[1 : k+1])
			}
			return ""
		}
		if k := strings.IndexAny(val, " \t\n/"); k >= 0 {
			val = val[:k]
		}
		return html.UnescapeString(val)
	}
	return ""
}

// stripTags returns HTML without its tags: the text, still escaped.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}

// upcoming returns every activity of the calendar as a hidden <li> with its
// dates in data-van and data-tot (ISO dates): site.js shows the next few
// from the reader's today, so the page itself does not depend on the day it
// was built.
func (v *view) upcoming() template.HTML {
	acts := v.site.Activities()
	if len(acts) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(acts) * v.aSize(100))
	for _, a := range acts {
		until := a.Activity.Until
		if until.IsZero() {
			until = a.Activity.Date
		}
		b.WriteString(`<li data-van="`)
		b.WriteString(a.Activity.Date.Format("2006-01-02"))
		b.WriteString(`" data-tot="`)
		b.WriteString(until.Format("2006-01-02"))
		b.WriteString(`" hidden>`)
		v.writeTime(&b, a.Activity.Date)
		b.WriteString(" ")
		v.writeA(&b, a)
		b.WriteString("</li>")
		b.WriteString(v.nl)
	}
	return template.HTML(b.String())
}

// filterChoices are the choices of the exercise list's filter: the
// leerjaren and werkvormen the exercises have, in order (the competencies
// are the site's five).
type filterChoices struct {
	Years []int
	Forms []string
}

// exerciseFilter returns the choices for the filter of the exercise list.
func exerciseFilter(ex []*content.Page) *filterChoices {
	var years [9]bool
	forms := map[string]bool{}
	for _, p := range ex {
		for _, y := range p.Exercise.Years {
			if y >= 1 && y < len(years) {
				years[y] = true
			}
		}
		forms[p.Exercise.Form] = true
	}
	f := &filterChoices{}
	for y, ok := range years {
		if ok {
			f.Years = append(f.Years, y)
		}
	}
	for _, form := range []string{"individueel", "duo", "groep", "klassikaal"} {
		if forms[form] {
			f.Forms = append(f.Forms, form)
		}
	}
	return f
}

// writeFilterData writes the data attributes of an exercise's card that
// the list's filter reads: its competencies (ids), leerjaren and werkvorm.
func writeFilterData(b *strings.Builder, e *content.Exercise) {
	b.WriteString(` data-competenties="`)
	for i, c := range e.Rel.Competencies {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(html.EscapeString(c.ID))
	}
	b.WriteString(`" data-leerjaren="`)
	for i, y := range e.Years {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(y))
	}
	b.WriteString(`" data-werkvorm="`)
	b.WriteString(html.EscapeString(e.Form))
	b.WriteString(`"`)
}
