package content

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"lobsite/generator/diag"
)

// addPages indexes pages by path and URL, reports URL clashes, and makes the
// home page and a list page for every folder.
func (s *Site) addPages(pages []*Page, dirs []string, probs *diag.List) {
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	byDirIntro := map[string]*Page{}
	for _, p := range pages {
		if p.Kind == KindHome || p.Kind == KindList {
			if prev, ok := byDirIntro[p.Dir]; ok {
				probs.Errorf(p.Path, 1, 1, "deze map heeft al een inleiding in %s; voeg de twee samen en houd alleen _index.md over", prev.Path)
				continue
			}
			byDirIntro[p.Dir] = p
		}
		if prev, ok := s.ByURL[p.URL]; ok {
			probs.Errorf(p.Path, 1, 1, "deze pagina krijgt hetzelfde adres (/%s) als %s; geef een van beide een andere bestandsnaam", p.URL, prev.Path)
			continue
		}
		s.ByURL[p.URL] = p
		s.ByPath[p.Path] = p
		s.Pages = append(s.Pages, p)
	}
	// Home and list pages for folders without an intro.
	if _, ok := byDirIntro[""]; !ok {
		home := &Page{Kind: KindHome, Title: s.Settings.Title}
		byDirIntro[""] = home
		s.ByURL[""] = home
		s.Pages = append(s.Pages, home)
	}
	s.Home = byDirIntro[""]
	for _, d := range dirs {
		dir := strings.TrimPrefix(d, "content/")
		if _, ok := byDirIntro[dir]; ok {
			continue
		}
		section, _, _ := strings.Cut(dir, "/")
		title := ""
		if k := folderKind(dir); k != nil {
			title = k.Title
		}
		if title == "" {
			last := []rune(dir[strings.LastIndex(dir, "/")+1:])
			if len(last) > 0 {
				last[0] = unicode.ToUpper(last[0])
			}
			title = string(last)
		}
		lp := &Page{Kind: KindList, Section: section, Dir: dir, URL: slugDir(dir + "/"), Title: title, MetaHash: hash64([]byte("list:" + dir))}
		if prev, ok := s.ByURL[lp.URL]; ok && prev.Path == "" {
			probs.Errorf(d, 0, 0, "deze map krijgt hetzelfde adres (/%s) als de map content/%s; geef een van beide een andere naam, of voeg ze samen", lp.URL, prev.Dir)
			continue
		} else if ok {
			probs.Errorf(prev.Path, 1, 1, "deze pagina krijgt hetzelfde adres (/%s) als de lijst van map content/%s; geef het bestand of de map een andere naam", lp.URL, dir)
			continue
		}
		byDirIntro[dir] = lp
		s.ByURL[lp.URL] = lp
		s.Pages = append(s.Pages, lp)
	}
	// Static files must not land on a page, the 404 page, the sitemap or
	// each other.
	// (A page's URL is "" or ends in "/", its file is index.html there; a
	// static file's URL never ends in "/".)
	files := map[string]string{"404.html": "de pagina ‘niet gevonden’ van de site", "sitemap.xml": "de sitemap van de site"}
	for _, sf := range s.Static {
		if u, ok := strings.CutSuffix(sf.URL, "index.html"); ok {
			if p := s.ByURL[u]; p != nil {
				what := p.Path
				switch {
				case p.Path == "" && p.Kind == KindHome:
					what = "de startpagina van de site"
				case p.Path == "":
					what = "de lijstpagina van map content/" + p.Dir
				}
				probs.Errorf(sf.Path, 0, 0, "dit bestand krijgt hetzelfde adres (/%s) als %s; geef het een andere naam", sf.URL, what)
				continue
			}
		}
		if prev, ok := files[sf.URL]; ok {
			probs.Errorf(sf.Path, 0, 0, "dit bestand krijgt hetzelfde adres (/%s) als %s; geef het een andere naam", sf.URL, prev)
			continue
		}
		// A file without extension beside a page of the same name (x
		// beside x.md) would be written where the page's folder goes.
		if p := s.ByURL[sf.URL+"/"]; p != nil {
			what := p.Path
			if p.Path == "" {
				what = "de lijstpagina van map content/" + p.Dir
			}
			probs.Errorf(sf.Path, 0, 0, "dit bestand krijgt hetzelfde adres (/%s) als de map van %s (/%s/); geef het bestand een andere naam, bijvoorbeeld met een extensie zoals .txt", sf.URL, what, sf.URL)
			continue
		}
		files[sf.URL] = sf.Path
	}
	// Fill list pages.
	for _, p := range s.Pages {
		if p.Kind == KindList || p.Kind == KindHome {
			p.List = &List{}
		}
	}
	for _, p := range s.Pages {
		switch p.Kind {
		case KindHome:
		case KindList:
			parent := ""
			if i := strings.LastIndex(p.Dir, "/"); i >= 0 {
				parent = p.Dir[:i]
			}
			if lp := byDirIntro[parent]; lp != nil {
				lp.List.Sub = append(lp.List.Sub, p)
			}
		default:
			if lp := byDirIntro[p.Dir]; lp != nil {
				lp.List.Pages = append(lp.List.Pages, p)
			}
		}
	}
	for _, p := range s.Pages {
		if p.List != nil {
			sortPages(p.List.Pages)
			sortPages(p.List.Sub)
		}
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	// Sections in menu order: the order of the table of kinds, then the
	// other folders alphabetically.
	rank := func(p *Page) int {
		for i := range kindTable {
			if p.Dir == kindTable[i].Folder {
				return i
			}
		}
		return len(kindTable)
	}
	s.Sections = append(s.Sections, s.Home.List.Sub...)
	sort.SliceStable(s.Sections, func(i, j int) bool {
		ri, rj := rank(s.Sections[i]), rank(s.Sections[j])
		if ri != rj {
			return ri < rj
		}
		return s.Sections[i].Dir < s.Sections[j].Dir
	})
	for _, p := range s.Pages {
		switch p.Kind {
		case KindCompetency:
			s.Competencies = append(s.Competencies, p)
		case KindQuestion:
			s.Questions = append(s.Questions, p)
		case KindExercise:
			s.Exercises = append(s.Exercises, p)
		case KindActivity:
			s.Activities = append(s.Activities, p)
		case KindSector:
			s.Sectors = append(s.Sectors, p)
		case KindModel:
			s.Models = append(s.Models, p)
		case KindGuide:
			s.Guides = append(s.Guides, p)
		}
	}
	sort.SliceStable(s.Competencies, func(i, j int) bool {
		return s.Competencies[i].Competency.Number < s.Competencies[j].Competency.Number
	})
	sort.SliceStable(s.Models, func(i, j int) bool { return s.Models[i].Model.Number < s.Models[j].Model.Number })
	sortPages(s.Questions)
	sortPages(s.Exercises)
	sortPages(s.Sectors)
	sortPages(s.Guides)
	sort.SliceStable(s.Activities, func(i, j int) bool {
		a, b := s.Activities[i].Activity, s.Activities[j].Activity
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Time != b.Time {
			return a.Time < b.Time
		}
		return s.Activities[i].Title < s.Activities[j].Title
	})
}

// index maps the ids of one kind of page to the pages.
type index struct {
	kind *KindInfo // its entry in the table of kinds
	byID map[string]*Page
	ids  []string
}

func (s *Site) newIndex(kind Kind, pages []*Page) *index {
	ix := &index{kind: tableKind(kind), byID: map[string]*Page{}}
	for _, p := range pages {
		ix.byID[p.ID] = p
		ix.ids = append(ix.ids, p.ID)
	}
	return ix
}

// lookup resolves the refs of from's key, reporting unknown ids with a
// suggestion. The kind of page they name is the key's Ref in the table of
// kinds; ixs holds the index of each kind that can be named.
func (s *Site) lookup(from *Page, key string, refs []Ref, ixs map[Kind]*index, probs *diag.List) []*Page {
	ix := ixs[tableKey(from.Kind, key).Ref]
	var out []*Page
	for _, r := range refs {
		if p := ix.byID[r.ID]; p != nil {
			out = append(out, p)
			continue
		}
		switch s.Left(ix.kind.Folder, r.ID) {
		case LeftBroken:
			continue // the file's own error says what is wrong
		case LeftDraft:
			probs.Warnf(from.Path, r.Line, r.Col, "%s noemt %q, maar die %s is een concept (concept: true); de verwijzing valt weg tot de pagina klaar is (of bouw met --drafts)", key, r.ID, ix.kind.Noun)
			continue
		}
		msg := fmt.Sprintf("%s noemt %q, maar er is geen %s met die id (content/%s/%s.md)", key, r.ID, ix.kind.Noun, ix.kind.Folder, r.ID)
		switch {
		case Suggest(r.ID, ix.ids) != "":
			msg += fmt.Sprintf("; bedoelde je %q?", Suggest(r.ID, ix.ids))
		case len(ix.ids) > 0 && len(ix.ids) <= 10:
			msg += "; kies uit " + strings.Join(ix.ids, ", ")
		default:
			msg += "; controleer de spelling"
		}
		probs.Errorf(from.Path, r.Line, r.Col, "%s", msg)
	}
	return out
}

// resolve checks every reference between pages and fills the derived
// cross-links (the Rel fields).
func (s *Site) resolve(probs *diag.List) {
	ixs := map[Kind]*index{
		KindCompetency: s.newIndex(KindCompetency, s.Competencies),
		KindQuestion:   s.newIndex(KindQuestion, s.Questions),
		KindExercise:   s.newIndex(KindExercise, s.Exercises),
		KindSector:     s.newIndex(KindSector, s.Sectors),
	}

	// number gives a page's nummer and the position of its key.
	unique := func(kind Kind, pages []*Page, number func(*Page) (int, [2]int)) {
		each := tableKind(kind).Each()
		seen := map[int]*Page{}
		for _, p := range pages {
			n, pos := number(p)
			if n == 0 {
				continue
			}
			if prev, ok := seen[n]; ok {
				probs.Errorf(p.Path, pos[0], pos[1], "nummer %d is al gebruikt door %s; %s heeft een eigen nummer", n, prev.Path, each)
				continue
			}
			seen[n] = p
		}
	}
	unique(KindCompetency, s.Competencies, func(p *Page) (int, [2]int) { return p.Competency.Number, p.Competency.NumberPos })
	unique(KindModel, s.Models, func(p *Page) (int, [2]int) { return p.Model.Number, p.Model.NumberPos })

	for _, m := range s.Models {
		m.Model.Chosen = m.Model.Number == s.Settings.Model
		for _, g := range s.Settings.GrowthPath {
			if g == m.Model.Number {
				m.Model.OnPath = true
			}
		}
		if m.Model.Chosen {
			s.ChosenModel = m
		}
	}
	if len(s.Models) > 0 && s.ChosenModel == nil && s.Settings.Model > 0 {
		line, col := s.Settings.KeyPos("model")
		probs.Errorf(SettingsPath, line, col, "model is %d, maar er is geen pagina in content/%s/ met nummer %d; maak die pagina of kies een ander model", s.Settings.Model, KindModel.Folder(), s.Settings.Model)
	}

	for _, c := range s.Competencies {
		c.Competency.Rel.Questions = s.lookup(c, "kernvragen", c.Competency.Questions, ixs, probs)
		for _, q := range c.Competency.Rel.Questions {
			q.Question.Rel.Competencies = append(q.Question.Rel.Competencies, c)
		}
	}
	for _, e := range s.Exercises {
		x := e.Exercise
		x.Rel.Competencies = s.lookup(e, "competenties", x.Competencies, ixs, probs)
		given := s.lookup(e, "kernvragen", x.Questions, ixs, probs)
		x.Rel.Sectors = s.lookup(e, "sectoren", x.Sectors, ixs, probs)
		set := map[*Page]bool{}
		for _, q := range given {
			set[q] = true
		}
		for _, c := range x.Rel.Competencies {
			c.Competency.Rel.Exercises = append(c.Competency.Rel.Exercises, e)
			for _, q := range c.Competency.Rel.Questions {
				set[q] = true
			}
		}
		for _, q := range s.Questions { // keep kernvraag order
			if set[q] {
				x.Rel.Questions = append(x.Rel.Questions, q)
				q.Question.Rel.Exercises = append(q.Question.Rel.Exercises, e)
			}
		}
		for _, sec := range x.Rel.Sectors {
			sec.Sector.Rel.Exercises = append(sec.Sector.Rel.Exercises, e)
		}
	}
	for _, a := range s.Activities {
		x := a.Activity
		x.Rel.Sectors = s.lookup(a, "sectoren", x.Sectors, ixs, probs)
		x.Rel.Competencies = s.lookup(a, "competenties", x.Competencies, ixs, probs)
		x.Rel.Exercises = s.lookup(a, "opdrachten", x.Exercises, ixs, probs)
		for _, sec := range x.Rel.Sectors {
			sec.Sector.Rel.Activities = append(sec.Sector.Rel.Activities, a)
		}
		for _, c := range x.Rel.Competencies {
			c.Competency.Rel.Activities = append(c.Competency.Rel.Activities, a)
		}
		for _, e := range x.Rel.Exercises {
			e.Exercise.Rel.Activities = append(e.Exercise.Rel.Activities, a)
		}
	}
	for _, g := range s.Guides {
		x := g.Guide
		x.Rel.Questions = s.lookup(g, "kernvragen", x.Questions, ixs, probs)
		x.Rel.Competencies = s.lookup(g, "competenties", x.Competencies, ixs, probs)
		for _, c := range x.Rel.Competencies {
			c.Competency.Rel.Guides = append(c.Competency.Rel.Guides, g)
		}
		for _, q := range x.Rel.Questions {
			q.Question.Rel.Guides = append(q.Question.Rel.Guides, g)
		}
	}
}
