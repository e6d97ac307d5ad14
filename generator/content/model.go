package content

import (
	"time"
)

// Kind is the soort of a page, decided by the folder it is in. The kinds
// with a folder of their own, and the keys their pages take, are in the
// table of Kinds.
type Kind string

// The kinds of page. Entities live directly in their folder under content/
// (see Kinds).
const (
	KindHome       Kind = "home"        // content/_index.md
	KindList       Kind = "lijst"       // content/<map>/_index.md, or made up when absent
	KindCompetency Kind = "competentie" // content/competenties/<id>.md
	KindQuestion   Kind = "kernvraag"   // content/kernvragen/<id>.md
	KindExercise   Kind = "opdracht"    // content/opdrachten/<id>.md
	KindActivity   Kind = "activiteit"  // content/kalender/<id>.md
	KindSector     Kind = "sector"      // content/sectoren/<id>.md
	KindModel      Kind = "model"       // content/modellen/<id>.md
	KindGuide      Kind = "gesprek"     // content/gesprekken/<id>.md
	KindPage       Kind = "pagina"      // any other Markdown file
	KindNotFound   Kind = "404"         // the generated 404 page
)

// Settings are the site settings from content/site.yaml.
type Settings struct {
	School     string    // school: the school's name (required)
	Title      string    // titel: the site title (required)
	Lang       string    // taal: "nl" (default) or "en", the theme's UI language
	Model      int       // model: the school's chosen LOB model, 1–4 (required)
	GrowthPath []int     // groeipad: models in ascending order, ending at or after Model
	SchoolYear string    // schooljaar: "2026-2027"
	YearStart  time.Time // 1 August of the first year, 00:00 Europe/Amsterdam
	YearEnd    time.Time // 31 July of the second year, 00:00 Europe/Amsterdam
	Years      int       // leerjaren: number of school years, default 6
	Periods    []Period  // perioden, in date order
	BaseURL    string    // basis_url: absolute URL ending in "/", or ""
	Theme      string    // thema: theme folder name, default "default"
	Domains    []string  // toegestane_domeinen: e-mail domains allowed in the text
	Numbers    []string  // toegestane_nummers: the school's phone numbers, allowed in the text
	RawHTML    bool      // ruwe_html: render raw HTML in Markdown (trusted authors only); default false
	// PupilSections (werkblad_secties) are the headings of an exercise's
	// pupil part (see Exercise.Pupil); default "Zo werk je" and "Werkblad".
	PupilSections []string

	keyPos map[string][2]int // line and column of each key in site.yaml
}

// KeyPos returns the line and column of key in content/site.yaml, or 0, 0
// when the key is not there.
func (s Settings) KeyPos(key string) (int, int) {
	p := s.keyPos[key]
	return p[0], p[1]
}

// Period is a periode of the school year; Start and End are dates at 00:00
// Europe/Amsterdam, End inclusive.
type Period struct {
	Name       string
	Start, End time.Time
}

// Contains reports whether day d falls within the period.
func (p Period) Contains(d time.Time) bool { return !d.Before(p.Start) && !d.After(p.End) }

// Page is one page of the site: a Markdown source file or a generated list.
type Page struct {
	Path    string // source path, slash-separated from the site folder: "content/opdrachten/netwerkkaart.md"; "" for generated pages
	Section string // first folder under content/ ("opdrachten"), "" at top level
	Dir     string // folder under content/ ("handboek/extra"), "" at top level
	ID      string // the file name without .md, as slug: what other pages refer to
	URL     string // site-relative URL with trailing slash: "opdrachten/netwerkkaart/"; "" for home; "404.html" for the 404 page
	Kind    Kind

	Title   string // titel
	Summary string // samenvatting
	Order   int    // volgorde
	Draft   bool   // concept

	// BodyStart is the byte offset in the normalised source where the
	// Markdown body begins; Loader.Body reads it back at render time, so
	// a large site does not hold every body in memory.
	BodyStart int
	MetaHash  uint64 // hash of path and front matter: changes when what others show of this page changes
	BodyHash  uint64 // hash of the body
	FrontLine int    // line of the first front matter key, where missing keys are reported

	Competency *Competency
	Question   *Question
	Exercise   *Exercise
	Activity   *Activity
	Sector     *Sector
	Model      *Model
	Guide      *Guide
	List       *List
}

// Competency is a loopbaancompetentie.
type Competency struct {
	Number    int    // nummer, 1–5
	NumberPos [2]int // line and column of the nummer key
	Questions []Ref  // kernvragen
	Rel       CompetencyRel
}

// CompetencyRel holds a competency's derived cross-links.
type CompetencyRel struct {
	Questions  []*Page
	Exercises  []*Page // sorted by order, title
	Activities []*Page // in date order
	Guides     []*Page
}

// Question is a kernvraag: a question the pupil asks himself or herself.
type Question struct {
	Coaching bool // coachgesprek: one of the three questions of the coaching conversation
	Rel      QuestionRel
}

// QuestionRel holds a kernvraag's derived cross-links.
type QuestionRel struct {
	Competencies []*Page // competencies that list this question
	Exercises    []*Page // exercises that name it, or name one of those competencies
	Guides       []*Page
}

// Exercise is an opdracht: an exercise for pupils.
type Exercise struct {
	Competencies []Ref    // competenties, at least one
	Questions    []Ref    // kernvragen, optional
	Years        []int    // leerjaren, ascending
	Duration     int      // duur, in minutes; 0 when not given
	Form         string   // werkvorm: individueel, duo, groep or klassikaal
	Sectors      []Ref    // sectoren
	Materials    []string // materialen
	// Sections are the body's sections: each starts at an ATX heading of
	// level 1 or 2 (## Zo werk je) outside code blocks; text before the
	// first heading is no section. Pupil marks the sections that are the
	// pupil's part (werkblad_secties of the page, else of site.yaml): the
	// worksheet (werkblad) shows only those. NoSheet is werkblad: false.
	Sections []Section
	NoSheet  bool
	// Sheet is the worksheet page (opdrachten/<id>/werkblad/), which the
	// generator makes and sets for every build; nil when none.
	Sheet *Page
	Rel   ExerciseRel

	sheet *sheetKeys // between readFields and readSections
}

// Section is one section of an exercise's body (sectie): the heading's
// text as written, the 1-based lines of the heading and of the last line
// before the next section (or the end), and whether it is the pupil's.
type Section struct {
	Title     string
	Line, End int
	Pupil     bool
}

// HasSheet reports whether the exercise has a worksheet: a pupil part and
// not werkblad: false.
func (e *Exercise) HasSheet() bool {
	if e.NoSheet {
		return false
	}
	for _, s := range e.Sections {
		if s.Pupil {
			return true
		}
	}
	return false
}

// ExerciseRel holds an exercise's derived cross-links.
type ExerciseRel struct {
	Competencies []*Page
	Questions    []*Page // given plus derived from the competencies, in kernvraag order
	Sectors      []*Page
	Activities   []*Page // activities whose opdrachten name this exercise
}

// Activity is an activiteit of the sector-orientation calendar (kalender).
type Activity struct {
	Type         string    // soort
	Date         time.Time // datum, 00:00 Europe/Amsterdam
	Until        time.Time // tot, zero when a one-day activity
	Time         string    // tijd, "09:00-12:00" or ""
	Years        []int     // leerjaren
	Sectors      []Ref     // sectoren
	Competencies []Ref     // competenties
	Exercises    []Ref     // opdrachten: preparation and reflection
	Location     string    // locatie
	Period       string    // name of the periode the date falls in, "" if none
	Rel          ActivityRel
}

// ActivityRel holds an activity's derived cross-links.
type ActivityRel struct {
	Sectors      []*Page
	Competencies []*Page
	Exercises    []*Page
}

// Sector is an uitstroomrichting (outflow direction) pupils orient on.
type Sector struct {
	Jobs         []string // beroepen
	Certificates []string // certificaten
	Rel          SectorRel
}

// SectorRel holds a sector's derived cross-links.
type SectorRel struct {
	Activities []*Page
	Exercises  []*Page
}

// Model is one of the four ways (modellen) a school organises LOB.
type Model struct {
	Number    int    // nummer, 1–4
	NumberPos [2]int // line and column of the nummer key
	Chosen    bool   // the school's current model (site.yaml model)
	OnPath    bool   // part of the school's groeipad
}

// Guide is a gespreksleidraad: a guide for one kind of conversation.
type Guide struct {
	Type         string   // soort
	Questions    []Ref    // kernvragen
	Competencies []Ref    // competenties
	Years        []int    // leerjaren
	Participants []string // deelnemers (roles)
	Frequency    string   // frequentie
	Rel          GuideRel
}

// GuideRel holds a guide's derived cross-links.
type GuideRel struct {
	Questions    []*Page
	Competencies []*Page
}

// List is the data of a list page: the pages directly in its folder and
// the list pages of its subfolders.
type List struct {
	Pages []*Page // sorted by order, then title
	Sub   []*Page // list pages of subfolders
}

// StaticFile is a non-Markdown file under content/, copied as it is.
type StaticFile struct {
	Path   string // source path in Unicode NFC: "content/handboek/Foto 1.png"
	Source string // the same path as stored on disk (may be NFD), for reading
	URL    string // output path: "handboek/foto-1.png"
}
