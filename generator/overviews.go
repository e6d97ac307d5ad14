package generator

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"lobsite/generator/content"
	"lobsite/generator/markdown"
)

// Generated overviews (overzichten) for the text of a page: a marker
// paragraph {{< naam >}} in the Markdown is replaced by a table made from
// the site (see the package doc, "Overviews"). What an overview shows is
// recorded as read by the page, so an incremental build renders the page
// again when it changes.

// overviewNames are the overviews a marker may name, in the order the
// error message lists them.
var overviewNames = []string{"jaarplan", "perioden", "leerlijn"}

// Overview writes the overview name for the page the linker renders, or
// reports a problem at the marker and returns false.
func (l *linker) Overview(name string, args []string, at markdown.Pos) (string, bool) {
	r := l.r
	root, from := rootPrefix(l.url), l.url
	var b strings.Builder
	tooMany := func(n int) bool {
		if len(args) > n {
			l.errorf(at, "het overzicht %q neemt %s; haal %q weg", name, map[int]string{0: "geen verdere woorden", 1: "hoogstens één competentie"}[n], strings.Join(args[n:], " "))
			return true
		}
		return false
	}
	switch name {
	case "jaarplan":
		if tooMany(0) {
			return "", false
		}
		l.st.reads |= collActivities
		r.writeYearPlan(&b, root, from)
	case "perioden":
		if tooMany(0) {
			return "", false
		}
		r.writePeriods(&b)
	case "leerlijn":
		if tooMany(1) {
			return "", false
		}
		l.st.reads |= collCompetencies | collExercises
		comps := r.site.Competencies
		if len(args) == 1 {
			i := slices.IndexFunc(comps, func(c *content.Page) bool { return c.ID == args[0] })
			if i < 0 {
				ids := make([]string, len(comps))
				for j, c := range comps {
					ids[j] = c.ID
				}
				hint := ""
				if s := content.Suggest(args[0], ids); s != "" {
					hint = "; bedoelde je " + s + "?"
				} else if len(ids) > 0 {
					hint = "; competenties: " + strings.Join(ids, ", ")
				}
				l.errorf(at, "de leerlijn noemt de competentie %q, maar die bestaat niet%s", args[0], hint)
				return "", false
			}
			comps = comps[i : i+1]
		}
		r.writeLearningLine(&b, root, from, comps)
	default:
		hint := ""
		if s := content.Suggest(name, overviewNames); s != "" {
			hint = "bedoelde je {{< " + s + " >}}? "
		}
		l.errorf(at, "onbekend overzicht {{< %s >}}; %skies een van: %s (zie de handleiding, \"Overzichten\")", name, hint, strings.Join(overviewNames, ", "))
		return "", false
	}
	return b.String(), true
}

// relLink returns the relative URL of the page at URL to, seen from the
// page at URL from (both site-relative, folders ending in "/").
func relLink(from, to string) string {
	dir := from[:strings.LastIndex(from, "/")+1]
	for dir != "" && !strings.HasPrefix(to, dir) {
		i := strings.LastIndex(strings.TrimSuffix(dir, "/"), "/")
		dir = dir[:i+1]
	}
	out := rootPrefix(from[len(dir):]) + to[len(dir):]
	if out == "" {
		return "./"
	}
	return out
}

// tableStart opens a table in a scroll box, as the Markdown tables are.
func tableStart(b *strings.Builder, class, caption string) {
	c := html.EscapeString(caption)
	b.WriteString(`<div class="tabel" tabindex="0" role="region" aria-label="` + c + `"><table class="overzicht ` + class + `"><caption>` + c + "</caption>\n")
}

func tableEnd(b *strings.Builder) { b.WriteString("</tbody></table></div>") }

// writeLink writes a link to p from the page at URL from (an overview's
// lists are long: the shortest relative path, "x/" for a page in the
// same folder, keeps them small).
func writeLink(b *strings.Builder, from string, p *content.Page) {
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeString(relLink(from, p.URL)))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString("</a>")
}

// writeCell writes the links to ps in one cell as a list, or a dash
// marked empty.
func (r *run) writeCell(b *strings.Builder, from string, ps []*content.Page) {
	if len(ps) == 0 {
		b.WriteString(`<td class="leeg"><span aria-hidden="true">–</span><span class="sr">` + html.EscapeString(r.theme.T("geen")) + "</span></td>")
		return
	}
	b.WriteString(`<td><ul class="cel">`)
	for _, p := range ps {
		b.WriteString("<li>")
		writeLink(b, from, p)
		b.WriteString("</li>")
	}
	b.WriteString("</ul></td>")
}

// yearHeader writes the row header of leerjaar y, a link to its page.
func (r *run) yearHeader(b *strings.Builder, root string, y int) {
	b.WriteString(`<th scope="row"><a href="` + html.EscapeString(root) + yearURL(y) + `">` + html.EscapeString(r.theme.T("leerjaar")+" "+strconv.Itoa(y)) + "</a></th>")
}

// planColumn is one column of the year plan: a periode, the time outside
// the perioden, or (without perioden) a month.
type planColumn struct {
	title string
	key   string
}

// planKey is the column an activity falls in.
func (r *run) planKey(a *content.Activity) string {
	if len(r.site.Settings.Periods) > 0 {
		return a.Period // "" outside the perioden
	}
	return a.Date.Format("2006-01")
}

// writeYearPlan writes the jaarplan: a row per leerjaar, a column per
// periode (or per month with activities, without perioden), and in each
// cell the activities of that year in that periode.
func (r *run) writeYearPlan(b *strings.Builder, root, from string) {
	s := r.site
	t := r.theme
	var cols []planColumn
	if len(s.Settings.Periods) > 0 {
		for _, p := range s.Settings.Periods {
			cols = append(cols, planColumn{p.Name, p.Name})
		}
		if slices.ContainsFunc(s.Activities, func(a *content.Page) bool { return a.Activity.Period == "" }) {
			cols = append(cols, planColumn{t.T("buiten_perioden"), ""})
		}
	} else {
		seen := map[string]bool{}
		for _, a := range s.Activities { // in date order
			if k := r.planKey(a.Activity); !seen[k] {
				seen[k] = true
				cols = append(cols, planColumn{t.Month(a.Activity.Date), k})
			}
		}
	}
	caption := t.T("jaarplan_titel")
	if len(s.Settings.Periods) == 0 {
		caption = t.T("jaarplan_maanden_titel")
	}
	tableStart(b, "jaarplan", caption)
	b.WriteString(`<thead><tr><th scope="col">` + html.EscapeString(t.T("leerjaar")) + "</th>")
	for _, c := range cols {
		b.WriteString(`<th scope="col">` + html.EscapeString(c.title) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for y := 1; y <= s.Settings.Years; y++ {
		b.WriteString("<tr>")
		r.yearHeader(b, root, y)
		for _, c := range cols {
			var ps []*content.Page
			for _, a := range s.Activities {
				if r.planKey(a.Activity) == c.key && slices.Contains(a.Activity.Years, y) {
					ps = append(ps, a)
				}
			}
			r.writeCell(b, from, ps)
		}
		b.WriteString("</tr>\n")
	}
	tableEnd(b)
}

// writePeriods writes the perioden of site.yaml as a table: name, first
// and last day, and the number of school weeks (Monday to Friday weeks it
// touches); or a sentence when there are none.
func (r *run) writePeriods(b *strings.Builder) {
	t := r.theme
	ps := r.site.Settings.Periods
	if len(ps) == 0 {
		b.WriteString(`<p class="geen">` + html.EscapeString(t.T("geen_perioden")) + "</p>")
		return
	}
	tableStart(b, "perioden", t.T("perioden_titel"))
	b.WriteString(`<thead><tr><th scope="col">` + html.EscapeString(t.T("periode")) + `</th><th scope="col">` + html.EscapeString(t.T("van")) + `</th><th scope="col">` + html.EscapeString(t.T("tot_en_met")) + `</th><th scope="col">` + html.EscapeString(t.T("weken")) + "</th></tr></thead>\n<tbody>\n")
	for _, p := range ps {
		b.WriteString(`<tr><th scope="row">` + html.EscapeString(p.Name) + "</th><td>")
		writeDate(b, t.Date(p.Start), p.Start)
		b.WriteString("</td><td>")
		writeDate(b, t.Date(p.End), p.End)
		b.WriteString("</td><td>" + strconv.Itoa(weeks(p.Start, p.End)) + "</td></tr>\n")
	}
	tableEnd(b)
}

func writeDate(b *strings.Builder, words string, d time.Time) {
	b.WriteString(`<time datetime="` + d.Format("2006-01-02") + `">` + html.EscapeString(words) + "</time>")
}

// weeks counts the calendar weeks (Monday to Sunday) from start to end
// that hold at least one weekday of the period.
func weeks(start, end time.Time) int {
	n := 0
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Monday || d.Equal(start) && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			n++
		}
	}
	return n
}

// writeLearningLine writes the leerlijn: a row per competency with its
// exercises in the order of their leerjaren (first year, then last), each
// with the years it is meant for ("Kwaliteitenkaartspel (1–3)"). For one
// competency, a row per leerjaar with the exercises of that year.
func (r *run) writeLearningLine(b *strings.Builder, root, from string, comps []*content.Page) {
	t := r.theme
	years := r.site.Settings.Years
	if len(comps) == 1 {
		c := comps[0]
		tableStart(b, "leerlijn", t.T("leerlijn_titel")+": "+c.Title)
		b.WriteString(`<thead><tr><th scope="col">` + html.EscapeString(t.T("leerjaar")) + `</th><th scope="col">` + html.EscapeString(t.T("opdrachten")) + "</th></tr></thead>\n<tbody>\n")
		for y := 1; y <= years; y++ {
			var ps []*content.Page
			for _, e := range c.Competency.Rel.Exercises {
				if slices.Contains(e.Exercise.Years, y) {
					ps = append(ps, e)
				}
			}
			b.WriteString("<tr>")
			r.yearHeader(b, root, y)
			r.writeCell(b, from, ps)
			b.WriteString("</tr>\n")
		}
		tableEnd(b)
		return
	}
	tableStart(b, "leerlijn", t.T("leerlijn_titel"))
	b.WriteString(`<thead><tr><th scope="col">` + html.EscapeString(t.T("competentie")) + `</th><th scope="col">` + html.EscapeString(t.T("leerlijn_kolom")) + "</th></tr></thead>\n<tbody>\n")
	for _, c := range comps {
		b.WriteString(`<tr><th scope="row">`)
		writeLink(b, from, c)
		b.WriteString("</th>")
		ex := slices.Clone(c.Competency.Rel.Exercises)
		slices.SortStableFunc(ex, func(x, y *content.Page) int {
			a, b := x.Exercise.Years, y.Exercise.Years
			if len(a) == 0 || len(b) == 0 {
				return len(a) - len(b)
			}
			if a[0] != b[0] {
				return a[0] - b[0]
			}
			return a[len(a)-1] - b[len(b)-1]
		})
		if len(ex) == 0 {
			r.writeCell(b, from, nil)
		} else {
			b.WriteString(`<td><ul class="cel">`)
			for _, e := range ex {
				b.WriteString("<li>")
				writeLink(b, from, e)
				b.WriteString(" (" + html.EscapeString(yearSpan(t.Years, e.Exercise.Years)) + ")</li>")
			}
			b.WriteString("</ul></td>")
		}
		b.WriteString("</tr>\n")
	}
	tableEnd(b)
}

// yearSpan writes leerjaren that follow each other as a range (1–3), others
// as a list in words.
func yearSpan(words func([]int) string, ys []int) string {
	if len(ys) > 2 && ys[len(ys)-1]-ys[0] == len(ys)-1 {
		return strconv.Itoa(ys[0]) + "–" + strconv.Itoa(ys[len(ys)-1])
	}
	return words(ys)
}
