package generator

import (
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"lobsite/generator/content"
)

// The calendar's lists (agenda): the <li> items of activities on the
// kalender list and the year pages, written in Go as the other long lists
// are, and the choices of the kalender's filter.

// Agenda returns one <li> per activity: its dates (and time), a link, its
// soort, leerjaren and locatie. Each item
// carries data-leerjaren, data-sectoren (ids) and data-soort for the
// kalender's filter.
func (v *view) Agenda(ps []*content.Page) template.HTML {
	var b strings.Builder
	b.Grow(len(ps) * v.aSize(300))
	t := v.r.theme
	for _, p := range ps {
		a := p.Activity
		if a == nil {
			continue
		}
		b.WriteString(`<li data-leerjaren="`)
		for i, y := range a.Years {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(y))
		}
		b.WriteString(`" data-sectoren="`)
		for i, s := range a.Sectors {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(html.EscapeString(s.ID))
		}
		b.WriteString(`" data-soort="`)
		b.WriteString(html.EscapeString(a.Type))
		b.WriteString(`"><time datetime="`)
		b.WriteString(a.Date.Format("2006-01-02"))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(t.Date(a.Date)))
		if !a.Until.IsZero() {
			b.WriteString(" – ")
			b.WriteString(html.EscapeString(t.Date(a.Until)))
		}
		b.WriteString("</time>")
		if a.Time != "" {
			b.WriteString(` <span class="tijd">`)
			b.WriteString(html.EscapeString(a.Time))
			b.WriteString("</span>")
		}
		if v.nl == "" {
			b.WriteByte(' ') // as the minified layout had it
		} else {
			b.WriteString(v.nl)
		}
		v.writeA(&b, p)
		b.WriteString(` <span class="soort">`)
		b.WriteString(html.EscapeString(t.T(a.Type)))
		b.WriteString(`</span> <span class="meta">`)
		b.WriteString(html.EscapeString(t.T("leerjaar") + " " + t.Years(a.Years)))
		b.WriteString("</span>")
		if a.Location != "" {
			b.WriteString(` <span class="locatie">`)
			b.WriteString(html.EscapeString(a.Location))
			b.WriteString("</span>")
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// calendarChoices are the choices of the kalender's filter: only what the
// activities have, in order.
type calendarChoices struct {
	Years   []int           // leerjaren
	Sectors []*content.Page // by title, as .Site.Sectors
	Types   []string        // soorten, in the order of the table of kinds
}

// CalendarFilter returns the choices of the kalender's filter, or nil
// when there are no activities. It reads the activities and the sectors.
func (v *view) CalendarFilter() *calendarChoices {
	acts := v.site.Activities()
	if len(acts) == 0 {
		return nil
	}
	years, sectors, types := map[int]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range acts {
		a := p.Activity
		for _, y := range a.Years {
			years[y] = true
		}
		for _, s := range a.Sectors {
			sectors[s.ID] = true
		}
		types[a.Type] = true
	}
	c := &calendarChoices{}
	for y := 1; y <= v.S.Years; y++ {
		if years[y] {
			c.Years = append(c.Years, y)
		}
	}
	for _, s := range v.site.Sectors() {
		if sectors[s.ID] {
			c.Sectors = append(c.Sectors, s)
		}
	}
	for _, k := range content.Kinds() {
		if k.Kind != content.KindActivity {
			continue
		}
		for _, key := range k.Keys {
			if key.Name == "soort" {
				for _, val := range key.Values {
					if types[val] {
						c.Types = append(c.Types, val)
					}
				}
			}
		}
	}
	slices.Sort(c.Years)
	return c
}

// YearList returns the leerjaren 1..leerjaren, for links to every year
// page.
func (v *view) YearList() []int {
	out := make([]int, v.S.Years)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
