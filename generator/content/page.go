package content

import (
	"encoding/binary"
	"path"
	"strings"

	"lobsite/generator/diag"
)

// PageKind returns the kind of the page at source path p
// ("content/opdrachten/x.md"), its section and its folder under content/.
func PageKind(p string) (kind Kind, section, dir string) {
	rel := strings.TrimPrefix(p, "content/")
	d, file := path.Split(rel)
	dir = strings.TrimSuffix(d, "/")
	section, _, _ = strings.Cut(dir, "/")
	base := strings.ToLower(file)
	switch {
	case base == "_index.md" || base == "index.md":
		if dir == "" {
			return KindHome, "", ""
		}
		return KindList, section, dir
	case dir == section:
		if k := folderKind(section); k != nil {
			return k.Kind, section, dir
		}
	}
	return KindPage, section, dir
}

// ParsePage reads one Markdown file: raw bytes in, a Page with its front
// matter decoded out. Problems go to probs with file positions; the page is
// nil when the file cannot be read as a page at all (then it must not be
// published). Settings bound dates (school year) and leerjaren.
func ParsePage(p string, raw []byte, s Settings, probs *diag.List) *Page {
	src, prob := Normalize(p, raw)
	if prob != nil {
		probs.Add(prob)
		return nil
	}
	return parsePage(p, src, s, probs)
}

// pageID is the id of the page at source path p: its file name without
// .md, as a slug.
func pageID(p string) string {
	file := path.Base(p)
	return slugName(strings.TrimSuffix(file, path.Ext(file)), file)
}

// parsePage is ParsePage on source that is already normalised.
func parsePage(p string, src []byte, s Settings, probs *diag.List) *Page {
	fm, bodyStart, prob := splitFrontMatter(p, src)
	if prob != nil {
		probs.Add(prob)
		return nil
	}
	kind, section, dir := PageKind(p)
	pg := &Page{Path: p, Section: section, Dir: dir, Kind: kind, BodyStart: bodyStart, ID: pageID(p)}
	switch kind {
	case KindHome:
		pg.URL = ""
	case KindList:
		pg.URL = slugDir(dir + "/")
	default:
		pg.URL = slugDir(dir+"/") + pg.ID + "/"
		if dir == "" {
			pg.URL = pg.ID + "/"
		}
	}
	pg.MetaHash = quickHash([]byte(p), fm.raw)
	pg.BodyHash = quickHash(src[bodyStart:])

	f := newFields(p, fm.root, probs)
	pg.FrontLine, _ = f.firstPos()
	readFields(pg, f, s)
	if e := pg.Exercise; e != nil {
		if h := readSections(e, src, bodyStart, s, p, probs); h != nil {
			// Which sections are the pupil's is shown by other pages
			// (bundles, the exercise's own link to its worksheet).
			var m [8]byte
			binary.LittleEndian.PutUint64(m[:], pg.MetaHash)
			pg.MetaHash = quickHash(m[:], h)
		}
	}
	return pg
}

// readFields reads the front matter keys of pg's kind from f into pg,
// reporting every problem to f, then reports the keys it did not read as
// unknown. Every key of the kind is read (f.get), present or not, which
// is how the tests see that this code and the table of kinds agree.
func readFields(pg *Page, f *fields, s Settings) {
	p, probs := pg.Path, f.probs
	pg.Title = f.str("titel", true)
	pg.Summary = f.str("samenvatting", false)
	order := commonKey("volgorde")
	pg.Order, _ = f.integer(order.Name, false, order.Min, order.Max)
	pg.Draft = f.boolean("concept")
	switch pg.Kind {
	case KindCompetency:
		c := &Competency{}
		n := tableKey(KindCompetency, "nummer")
		c.Number, _ = f.integer(n.Name, true, n.Min, n.Max)
		c.NumberPos[0], c.NumberPos[1] = f.keyPos("nummer")
		c.Questions = f.refs("kernvragen")
		if len(c.Questions) == 0 && !f.has("kernvragen") {
			line, col := f.firstPos()
			probs.Errorf(p, line, col, "een competentie hoort bij minstens één kernvraag; voeg `kernvragen: [wie-ben-ik]` toe")
		} else if len(c.Questions) == 0 {
			line, col := f.keyPos("kernvragen")
			probs.Errorf(p, line, col, "kernvragen is leeg; noem minstens één kernvraag")
		}
		pg.Competency = c
	case KindQuestion:
		pg.Question = &Question{Coaching: f.boolean("coachgesprek")}
	case KindExercise:
		e := &Exercise{}
		e.Competencies = f.refs("competenties")
		if len(e.Competencies) == 0 {
			line, col := f.keyPos("competenties")
			if line == 0 {
				line, col = f.firstPos()
			}
			probs.Errorf(p, line, col, "een opdracht hoort bij minstens één competentie; voeg `competenties: [werkexploratie]` toe")
		}
		e.Questions = f.refs("kernvragen")
		e.Years = f.ints("leerjaren", 1, s.Years)
		f.notEmpty("leerjaren", len(e.Years), "noem de leerjaren waarin de opdracht past, zoals [1, 2]")
		if len(e.Years) == 0 && !f.has("leerjaren") {
			line, col := f.firstPos()
			probs.Errorf(p, line, col, "de sleutel \"leerjaren\" ontbreekt; noem de leerjaren waarin de opdracht past, zoals `leerjaren: [1, 2]`")
		}
		d := tableKey(KindExercise, "duur")
		e.Duration, _ = f.integer(d.Name, false, d.Min, d.Max)
		e.Form = f.enum("werkvorm", false, tableKey(KindExercise, "werkvorm").Values)
		e.Sectors = f.refs("sectoren")
		e.Materials = f.strs("materialen")
		readSheetKeys(e, f)
		pg.Exercise = e
	case KindActivity:
		a := &Activity{}
		a.Type = f.enum("soort", true, tableKey(KindActivity, "soort").Values)
		var ok bool
		a.Date, ok = f.date("datum", true, s)
		if f.has("tot") {
			until, ok2 := f.date("tot", false, s)
			if ok && ok2 && until.Before(a.Date) {
				f.errorf(f.vals["tot"], "tot (%s) ligt vóór datum (%s); de einddatum moet op of na de begindatum liggen", until.Format("2006-01-02"), a.Date.Format("2006-01-02"))
			} else if ok2 && !until.Equal(a.Date) {
				a.Until = until
			}
		} else {
			f.get("tot")
		}
		a.Time = f.timeRange("tijd")
		a.Years = f.ints("leerjaren", 1, s.Years)
		f.notEmpty("leerjaren", len(a.Years), "noem voor welke leerjaren de activiteit is, zoals [3]")
		if len(a.Years) == 0 && !f.has("leerjaren") {
			line, col := f.firstPos()
			probs.Errorf(p, line, col, "de sleutel \"leerjaren\" ontbreekt; noem voor welke leerjaren de activiteit is, zoals `leerjaren: [3]`")
		}
		a.Sectors = f.refs("sectoren")
		a.Competencies = f.refs("competenties")
		a.Exercises = f.refs("opdrachten")
		a.Location = f.str("locatie", false)
		if ok {
			for _, per := range s.Periods {
				if per.Contains(a.Date) {
					a.Period = per.Name
				}
			}
		}
		pg.Activity = a
	case KindSector:
		pg.Sector = &Sector{Jobs: f.strs("beroepen"), Certificates: f.strs("certificaten")}
	case KindModel:
		m := &Model{}
		n := tableKey(KindModel, "nummer")
		m.Number, _ = f.integer(n.Name, true, n.Min, n.Max)
		m.NumberPos[0], m.NumberPos[1] = f.keyPos("nummer")
		pg.Model = m
	case KindGuide:
		g := &Guide{}
		g.Type = f.enum("soort", true, tableKey(KindGuide, "soort").Values)
		g.Questions = f.refs("kernvragen")
		g.Competencies = f.refs("competenties")
		g.Years = f.ints("leerjaren", 1, s.Years)
		g.Participants = f.strs("deelnemers")
		g.Frequency = f.str("frequentie", false)
		pg.Guide = g
	}
	f.done(pg.Kind)
}
