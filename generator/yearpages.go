package generator

import (
	"context"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"lobsite/generator/content"
)

// Year pages (leerjaarpagina's): one generated page per leerjaar,
// leerjaren/<n>/, with that year's activities by periode (or month), its
// exercises by competency and its conversation guides, and an overview
// leerjaren/ with the coverage matrix (dekking): per competency and
// leerjaar the number of exercises and activities. The overview is a
// menu item, after the kalender.

// The kinds (layouts) of the generated year pages.
const (
	kindYear  content.Kind = "leerjaar"  // leerjaren/<n>/
	kindYears content.Kind = "leerjaren" // leerjaren/
)

// yearsDir is the folder of the year pages' addresses.
const yearsDir = "leerjaren"

// yearURL is the site-relative address of the page of leerjaar n.
func yearURL(n int) string { return yearsDir + "/" + strconv.Itoa(n) + "/" }

// yearData is what the layout leerjaar.html sees as .Data.
type yearData struct {
	Year int // the leerjaar, 1..leerjaren
	// Groups are the year's activities by periode, or by month without
	// perioden, as on the kalender list.
	Groups []group
	// Competencies holds every competency with the exercises meant for
	// this year (Exercises may be empty: a gap in the leerlijn).
	Competencies []yearCompetency
	// Guides are the conversation guides for this year: those naming it in
	// leerjaren, and those naming no leerjaar (every year).
	Guides []*content.Page
	// Bundle and Agenda are the site-relative addresses of the year's
	// worksheet bundle and agenda file (for .Asset).
	Bundle, Agenda string
	// Prev and Next are the pages of the years before and after, or nil.
	Prev, Next *content.Page
}

// yearCompetency is one competency on a year page.
type yearCompetency struct {
	Competency *content.Page
	Exercises  []*content.Page
	Activities int // activities of this year for this competency
}

// yearsData is what the layout leerjaren.html sees as .Data.
type yearsData struct {
	Years []yearSummary
}

// yearSummary is one leerjaar on the overview.
type yearSummary struct {
	Page                          *content.Page
	Activities, Exercises, Guides int
}

// yearReads are the collections the year pages are made of.
const yearReads = collCompetencies | collExercises | collActivities | collGuides

// yearPages returns the overview leerjaren/ and a page per leerjaar, and
// puts the overview in the menu after the kalender (or last).
func (r *run) yearPages() []generated {
	s := r.site
	n := s.Settings.Years
	if n < 1 {
		return nil
	}
	t := r.theme
	over := &content.Page{Kind: kindYears, URL: yearsDir + "/", Title: t.T("leerjaren"), Summary: t.T("leerjaren_samenvatting"), Section: yearsDir, Dir: yearsDir}
	if r.site.ByURL[over.URL] != nil {
		// A content folder leerjaren/: add reports the clash.
		return []generated{{Page: over}}
	}
	pages := make([]*content.Page, n+1)
	for y := 1; y <= n; y++ {
		pages[y] = &content.Page{Kind: kindYear, URL: yearURL(y), Title: t.T("leerjaar") + " " + strconv.Itoa(y), Summary: strings.ReplaceAll(t.T("leerjaar_samenvatting"), "{n}", strconv.Itoa(y)), Section: yearsDir, Dir: yearsDir}
	}
	r.listOf[yearsDir] = over
	// A refreshed run (see refresh) keeps the last build's site, with the
	// last build's overview in its menu: that one goes.
	secs := slices.DeleteFunc(slices.Clone(s.Sections), func(p *content.Page) bool { return p.Kind == kindYears })
	at := len(secs)
	for i, sec := range secs {
		if sec.Dir == "kalender" {
			at = i + 1
		}
	}
	s.Sections = slices.Insert(secs, at, over)

	cal := &view{S: &s.Settings, r: r}
	data := yearsData{}
	out := []generated{{Page: over, Reads: yearReads}}
	for y := 1; y <= n; y++ {
		d := &yearData{Year: y, Bundle: "werkbladen/leerjaar-" + strconv.Itoa(y) + "/", Agenda: "kalender/leerjaar-" + strconv.Itoa(y) + ".ics"}
		if y > 1 {
			d.Prev = pages[y-1]
		}
		if y < n {
			d.Next = pages[y+1]
		}
		var acts []*content.Page
		for _, a := range s.Activities {
			if slices.Contains(a.Activity.Years, y) {
				acts = append(acts, a)
			}
		}
		d.Groups = cal.calendarGroups(acts)
		exercises := 0
		for _, c := range s.Competencies {
			yc := yearCompetency{Competency: c}
			for _, e := range c.Competency.Rel.Exercises {
				if slices.Contains(e.Exercise.Years, y) {
					yc.Exercises = append(yc.Exercises, e)
				}
			}
			for _, a := range acts {
				if slices.Contains(a.Activity.Rel.Competencies, c) {
					yc.Activities++
				}
			}
			d.Competencies = append(d.Competencies, yc)
		}
		for _, e := range s.Exercises {
			if slices.Contains(e.Exercise.Years, y) {
				exercises++
			}
		}
		for _, g := range s.Guides {
			if len(g.Guide.Years) == 0 || slices.Contains(g.Guide.Years, y) {
				d.Guides = append(d.Guides, g)
			}
		}
		data.Years = append(data.Years, yearSummary{Page: pages[y], Activities: len(acts), Exercises: exercises, Guides: len(d.Guides)})
		out = append(out, generated{Page: pages[y], Data: d, Reads: yearReads})
	}
	out[0].Data = &data
	return out
}

// coverage is the coverage matrix (dekking): competency × leerjaar.
type coverage struct {
	Years []int // 1..leerjaren
	Rows  []coverageRow
	// Empty lists the cells without exercise and activity, row by row.
	Empty []coverageCell
}

// coverageRow is one competency's row.
type coverageRow struct {
	Competency *content.Page
	Cells      []coverageCell // one per leerjaar
}

// coverageCell is one competency in one leerjaar: how many exercises are
// meant for it, and how many activities of the year name the competency.
type coverageCell struct {
	Competency            *content.Page
	Year                  int
	Exercises, Activities int
	URL                   string // relative link to the competency on the year page
}

// makeCoverage counts, for each competency and leerjaar, the exercises
// and activities. root is the relative path to the site root the cells'
// links start with.
func makeCoverage(years int, comps, exercises, activities []*content.Page, root string) *coverage {
	cv := &coverage{}
	for y := 1; y <= years; y++ {
		cv.Years = append(cv.Years, y)
	}
	index := make(map[*content.Page]int, len(comps))
	for i, c := range comps {
		index[c] = i
		row := coverageRow{Competency: c, Cells: make([]coverageCell, years)}
		for y := range row.Cells {
			row.Cells[y] = coverageCell{Competency: c, Year: y + 1, URL: root + yearURL(y+1) + "#lijst_competentie_" + c.ID}
		}
		cv.Rows = append(cv.Rows, row)
	}
	count := func(cs []*content.Page, ys []int, exercise bool) {
		for _, c := range cs {
			i, ok := index[c]
			if !ok {
				continue
			}
			for _, y := range ys {
				if y < 1 || y > years {
					continue
				}
				cell := &cv.Rows[i].Cells[y-1]
				if exercise {
					cell.Exercises++
				} else {
					cell.Activities++
				}
			}
		}
	}
	for _, e := range exercises {
		count(e.Exercise.Rel.Competencies, e.Exercise.Years, true)
	}
	for _, a := range activities {
		count(a.Activity.Rel.Competencies, a.Activity.Years, false)
	}
	for _, row := range cv.Rows {
		for _, c := range row.Cells {
			if c.Exercises == 0 && c.Activities == 0 {
				cv.Empty = append(cv.Empty, c)
			}
		}
	}
	return cv
}

// Coverage returns the coverage matrix of the site, with links relative
// to this page. It reads the competencies, exercises and activities.
func (v *view) Coverage() *coverage {
	return makeCoverage(v.S.Years, v.site.Competencies(), v.site.Exercises(), v.site.Activities(), v.Root)
}

// YearLink returns the relative URL of the page of leerjaar n.
func (v *view) YearLink(n int) string { return v.Root + yearURL(n) }

// YearLinks writes leerjaren in words as jaren does ("1, 2 en 3"), each
// number a link to its year page.
func (v *view) YearLinks(ys []int) template.HTML {
	var b strings.Builder
	v.writeYearLinks(&b, ys)
	return template.HTML(b.String())
}

func (v *view) writeYearLinks(b *strings.Builder, ys []int) {
	and := " en "
	if v.S.Lang == "en" {
		and = " and "
	}
	for i, y := range ys {
		switch {
		case i == 0:
		case i == len(ys)-1:
			b.WriteString(and)
		default:
			b.WriteString(", ")
		}
		if y < 1 || y > v.S.Years {
			b.WriteString(strconv.Itoa(y))
			continue
		}
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(v.Root))
		b.WriteString(yearsDir + "/")
		b.WriteString(strconv.Itoa(y))
		b.WriteString(`/">`)
		b.WriteString(strconv.Itoa(y))
		b.WriteString("</a>")
	}
}

// Coverage is the coverage matrix (dekking) of a site as lobsite check
// --dekking prints it: per competency (by nummer) and leerjaar the number
// of exercises meant for that year and of activities for that year naming
// the competency.
type Coverage struct {
	Years []int         // 1..leerjaren
	Rows  []CoverageRow // one per competency, by nummer
}

// CoverageRow is one competency's row of the Coverage.
type CoverageRow struct {
	ID, Title string
	Number    int            // nummer
	Cells     []CoverageCell // one per leerjaar
}

// CoverageCell is one competency in one leerjaar.
type CoverageCell struct {
	Year                  int
	Exercises, Activities int // counts
}

// Empty reports whether the cell has neither exercise nor activity.
func (c CoverageCell) Empty() bool { return c.Exercises == 0 && c.Activities == 0 }

// CheckCoverage is Check that also returns the site's coverage matrix. The
// matrix is nil when the site could not be read (then err says why).
func CheckCoverage(opts Options) (*Result, *Coverage, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, nil, err
	}
	b.oneShot = true
	r := b.newRun(context.Background(), false)
	res, err := r.build(nil)
	if r.site == nil {
		return res, nil, err
	}
	s := r.site
	cv := makeCoverage(s.Settings.Years, s.Competencies, s.Exercises, s.Activities, "")
	out := &Coverage{Years: cv.Years}
	for _, row := range cv.Rows {
		c := row.Competency
		cr := CoverageRow{ID: c.ID, Title: c.Title, Number: c.Competency.Number}
		for _, cell := range row.Cells {
			cr.Cells = append(cr.Cells, CoverageCell{Year: cell.Year, Exercises: cell.Exercises, Activities: cell.Activities})
		}
		out.Rows = append(out.Rows, cr)
	}
	return res, out, err
}
