package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"

	"lobsite/generator/content"
)

// Pages for paper: a worksheet (werkblad) per exercise with a pupil part,
// the worksheets of each leerjaar bundled, and the whole handbook on one
// page for print (see the site-folder spec, "Worksheets and print").

// The soorten of the generated print pages, which are their layouts.
const (
	kindSheet  content.Kind = "werkblad"   // opdrachten/<id>/werkblad/
	kindBundle content.Kind = "werkbladen" // werkbladen/leerjaar-<n>/
	kindPrint  content.Kind = "afdrukken"  // afdrukken/
)

// sheetData is .Data of a worksheet: the exercise it is of.
type sheetData struct {
	Exercise *content.Page
}

// bundleData is .Data of a bundle (werkbundel): its leerjaar and the
// exercises whose worksheets it holds, in the order of .Parts.
type bundleData struct {
	Year      int
	Exercises []*content.Page
}

// printData is .Data of the handbook in print: its groups (the handbook's
// chapters, models, competencies, kernvragen), each a title and parts.
type printData struct {
	Groups []printGroup
}

type printGroup struct {
	Title string
	Parts []printPart
}

// printPart is one page in print: ID is the id of its section
// (deel_1, deel_2, ...), Index its place in .Parts.
type printPart struct {
	Page  *content.Page
	ID    string
	Index int
}

// printPages returns the worksheets, the bundles of leerjaar 1 to
// leerjaren and the handbook in print.
func (r *run) printPages() []generated {
	s := r.site
	var out []generated
	var sheets []*content.Page
	for _, e := range s.Exercises {
		e.Exercise.Sheet = nil
		if !e.Exercise.HasSheet() {
			continue
		}
		sheets = append(sheets, e)
		e.Exercise.Sheet = &content.Page{Kind: kindSheet, URL: e.URL + "werkblad/", Title: r.theme.T("werkblad") + ": " + e.Title,
			Section: e.Section, Dir: e.Dir}
		out = append(out, generated{
			Page:  e.Exercise.Sheet,
			Data:  sheetData{Exercise: e},
			Body:  e,
			Pupil: true,
		})
	}
	// Competency order (the lowest nummer of the exercise's competencies),
	// then volgorde and title, as s.Exercises already are.
	first := func(e *content.Page) int {
		n := 1 << 30
		for _, c := range e.Exercise.Rel.Competencies {
			n = min(n, c.Competency.Number)
		}
		return n
	}
	slices.SortStableFunc(sheets, func(a, b *content.Page) int { return cmp.Compare(first(a), first(b)) })
	for y := 1; y <= s.Settings.Years; y++ {
		var in []*content.Page
		for _, e := range sheets {
			if slices.Contains(e.Exercise.Years, y) {
				in = append(in, e)
			}
		}
		out = append(out, generated{
			Page: &content.Page{Kind: kindBundle, URL: "werkbladen/leerjaar-" + strconv.Itoa(y) + "/",
				Title: r.theme.T("werkbladen_leerjaar") + " " + strconv.Itoa(y), Section: "opdrachten", Dir: "opdrachten"},
			Data:  bundleData{Year: y, Exercises: in},
			Reads: collExercises | collCompetencies,
			Shows: in,
			Parts: in,
			Pupil: true,
		})
	}
	out = append(out, r.printHandbook())
	return out
}

// printHandbook is afdrukken/: the handboek folder's list page and free
// pages (by volgorde and title, as its list), the models, the
// competencies and the kernvragen.
func (r *run) printHandbook() generated {
	s := r.site
	var d printData
	var pages []*content.Page
	add := func(title string, ps []*content.Page) {
		if len(ps) == 0 {
			return
		}
		g := printGroup{Title: title}
		for _, p := range ps {
			g.Parts = append(g.Parts, printPart{Page: p, ID: "deel_" + strconv.Itoa(len(pages)+1), Index: len(pages)})
			pages = append(pages, p)
		}
		d.Groups = append(d.Groups, g)
	}
	if lp := r.listOf["handboek"]; lp != nil {
		var chapters []*content.Page
		if lp.Path != "" {
			chapters = append(chapters, lp)
		}
		for _, p := range lp.List.Pages {
			if p.Kind == content.KindPage {
				chapters = append(chapters, p)
			}
		}
		add(lp.Title, chapters)
	}
	add(r.theme.T("modellen"), s.Models)
	add(r.theme.T("competenties"), s.Competencies)
	add(r.theme.T("kernvragen"), s.Questions)
	return generated{
		Page:  &content.Page{Kind: kindPrint, URL: "afdrukken/", Title: r.theme.T("handboek_afdrukken")},
		Data:  d,
		Reads: collAll,
		Shows: pages,
		Parts: pages,
		Print: true,
	}
}

// pupilOnly blanks, in the body text of exercise p (its head blanked
// already), every line outside the pupil's sections: spaces for its
// characters, its line end kept, so offsets stay file offsets.
func pupilOnly(text []byte, p *content.Page) {
	if p.Exercise == nil {
		return
	}
	secs := p.Exercise.Sections
	line, k := 1, 0
	for i, c := range text {
		for k < len(secs) && secs[k].End < line {
			k++
		}
		if c == '\n' {
			line++
			continue
		}
		if k >= len(secs) || !secs[k].Pupil || line < secs[k].Line {
			text[i] = ' '
		}
	}
}

// renderParts renders the bodies of g.Parts for page p, each minified
// unless NoMinify, its ids and #links given the part's prefix (its id and
// "-"), and for print its links marked with their targets. What the
// bodies link to goes into st.targets; their problems are those of the
// parts' own pages, reported there.
func (r *run) renderParts(p *content.Page, g *generated, st *pageState) ([]template.HTML, error) {
	out := make([]template.HTML, len(g.Parts))
	var md, min bytes.Buffer
	var src []byte
	for i, part := range g.Parts {
		if part.Path == "" {
			continue
		}
		text, err := r.loader.ReadBody(part, src)
		src = text[:0]
		if err != nil {
			continue // the part's own page reports it
		}
		if g.Pupil {
			pupilOnly(text, part)
		}
		pst := &pageState{}
		l := &linker{r: r, page: part, url: p.URL, st: pst}
		md.Reset()
		if _, err := r.md.RenderTo(&md, text, l); err != nil {
			return nil, fmt.Errorf("%s: %w", part.Path, err)
		}
		st.targets = append(st.targets, pst.targets...)
		b := prefixIDs(md.Bytes(), "d"+strconv.Itoa(i+1)+"-")
		if g.Print {
			b = r.printTargets(b, p.URL)
		}
		if !r.opts.NoMinify {
			min.Reset()
			if err := r.min.Minify("text/html", &min, bytes.NewReader(b)); err != nil {
				return nil, fmt.Errorf("verkleinen van %s: %w", part.Path, err)
			}
			b = min.Bytes()
		}
		out[i] = template.HTML(b)
	}
	return out, nil
}

// prefixIDs gives every id="..." and href="#..." of a rendered body the
// prefix: goldmark writes attributes with double quotes, and text holds
// no bare double quote (it is escaped), so the byte patterns are exact.
func prefixIDs(b []byte, prefix string) []byte {
	b = bytes.ReplaceAll(b, []byte(` id="`), []byte(` id="`+prefix))
	return bytes.ReplaceAll(b, []byte(`href="#`), []byte(`href="#`+prefix))
}

// printTargets gives every <a href> of a body rendered for the page at
// url a data-doel attribute with what print shows after the link: the
// absolute URL when basis_url is set, else the title of the page it
// points to (a file: its address; outside the site: the address as
// written). Links to a place on the page itself get none.
func (r *run) printTargets(b []byte, url string) []byte {
	const open = `<a href="`
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/8)
	for {
		i := bytes.Index(b, []byte(open))
		if i < 0 {
			out.Write(b)
			return out.Bytes()
		}
		j := bytes.IndexByte(b[i+len(open):], '"')
		if j < 0 {
			out.Write(b)
			return out.Bytes()
		}
		end := i + len(open) + j + 1
		href := html.UnescapeString(string(b[i+len(open) : end-1]))
		out.Write(b[:end])
		if t := r.printTarget(href, url); t != "" {
			out.WriteString(` data-doel="`)
			out.WriteString(html.EscapeString(t))
			out.WriteString(`"`)
		}
		b = b[end:]
	}
}

func (r *run) printTarget(href, url string) string {
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	if scheme(href) != "" || strings.HasPrefix(href, "//") {
		return strings.TrimPrefix(strings.TrimPrefix(href, "mailto:"), "tel:")
	}
	ref, frag, _ := strings.Cut(href, "#")
	u := path.Join(url, ref)
	if strings.HasSuffix(ref, "/") || ref == "." || ref == "./" || strings.HasSuffix(ref, "..") {
		u += "/"
	}
	u = strings.TrimPrefix(u, "/")
	if u == "." || u == "./" {
		u = ""
	}
	s := r.site
	if base := s.Settings.BaseURL; base != "" {
		if frag != "" {
			u += "#" + frag
		}
		return base + u
	}
	if tp := s.ByURL[u]; tp != nil {
		return tp.Title
	}
	return u
}

// Bundles returns the bundles of worksheets, leerjaar 1 to leerjaren, for
// .Link: each page's Title is "Werkbladen leerjaar <n>".
func (v *view) Bundles() []*content.Page {
	out := make([]*content.Page, v.S.Years)
	for i := range out {
		n := strconv.Itoa(i + 1)
		out[i] = &content.Page{Kind: kindBundle, URL: "werkbladen/leerjaar-" + n + "/", Title: v.r.theme.T("werkbladen_leerjaar") + " " + n}
	}
	return out
}
