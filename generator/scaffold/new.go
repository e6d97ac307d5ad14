package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"

	"lobsite/generator/content"
	"lobsite/generator/slug"
	"lobsite/generator/theme"
)

// NewOptions are the choices of `lobsite new`.
type NewOptions struct {
	// Dir is the folder under content/ for a pagina ("handboek/stage");
	// "" means handboek. Other kinds live in their own folder.
	Dir string
	// Today is the day the next school day is counted from.
	Today time.Time
	// Holiday reports days to skip for an activity's date (nil: none).
	Holiday func(time.Time) bool
}

// Created is what New wrote.
type Created struct {
	Path string // slash path from the site folder: "content/opdrachten/mijn-netwerk.md"
	URL  string // the page's site-relative address: "opdrachten/mijn-netwerk/"
	// Notes are things the coordinator must still do for the page to
	// build, in Dutch (such as: every nummer 1–5 is taken).
	Notes []string
}

// TemplateData is what a template in archetypes/<soort>.md (Go
// text/template) can use: {{.Titel}}, {{.Datum}} and so on.
type TemplateData struct {
	Titel       string // from the name: "Mijn netwerk"
	ID          string // the file name without .md: "mijn-netwerk"
	Datum       string // the next school day, 2006-01-02
	Schooljaar  string // from site.yaml: "2026-2027"
	Competentie string // the id of the first competency of the site, or ""
	Kernvraag   string // the id of the first kernvraag, or ""
	Nummer      int    // the lowest nummer not yet used by the kind (competentie 1–5, model 1–4), or 0
}

// New writes the page of kind (one of Kinds) named name into the site
// folder dir, from archetypes/<kind>.md in dir when there is one, else
// from the built-in template, which lists every key with its allowed
// values. It fills the title from name and, from the site, an existing
// competency and kernvraag, a free nummer and the next school day. It
// never overwrites (ErrExists); an unknown kind or a name without letters
// or digits is a *UsageError.
func New(dir, kind, name string, opts NewOptions) (Created, error) {
	k, ok := LookupKind(kind)
	if !ok {
		return Created{}, &UsageError{fmt.Sprintf("onbekende soort %q; kies uit %s", kind, strings.Join(KindNames(), ", "))}
	}
	id := slug.Make(name)
	if id == "" {
		return Created{}, &UsageError{fmt.Sprintf("de naam %q heeft geen letters of cijfers; geef een naam zoals \"Mijn netwerk\"", name)}
	}
	folder := k.Folder
	if opts.Dir != "" {
		if k.Name != "pagina" {
			return Created{}, &UsageError{fmt.Sprintf("--map is er alleen voor pagina; een %s staat altijd in content/%s/", k.Name, k.Folder)}
		}
		folder = strings.Trim(path.Clean(filepath.ToSlash(strings.TrimPrefix(filepath.ToSlash(opts.Dir), "content/"))), "/")
		if folder == "." || folder == "" || strings.HasPrefix(folder, "..") || path.IsAbs(folder) {
			return Created{}, &UsageError{fmt.Sprintf("--map %q ligt niet in content/; geef een map zoals handboek/stage", opts.Dir)}
		}
		if top, _, _ := strings.Cut(folder, "/"); !strings.EqualFold(top, "handboek") {
			for _, other := range Kinds {
				if strings.EqualFold(other.Folder, top) && other.Name != "pagina" && top == folder {
					return Created{}, &UsageError{fmt.Sprintf("in content/%s/ staan pagina's van de soort %s; maak die met lobsite new %s", other.Folder, other.Name, other.Name)}
				}
			}
		}
	}
	rel := "content/" + folder + "/" + id + ".md"
	out := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Lstat(out); err == nil {
		return Created{}, fmt.Errorf("%s: %w; kies een andere naam of pas het bestaande bestand aan", rel, ErrExists)
	}
	site, settings := loadSite(dir)
	data := TemplateData{Titel: Title(name), ID: id, Schooljaar: settings.SchoolYear}
	holiday := opts.Holiday
	if holiday == nil {
		holiday = func(time.Time) bool { return false }
	}
	data.Datum = SchoolDay(opts.Today, settings, holiday).Format("2006-01-02")
	var notes []string
	if site != nil {
		if len(site.Competencies) > 0 {
			data.Competentie = site.Competencies[0].ID
		}
		if len(site.Questions) > 0 {
			data.Kernvraag = site.Questions[0].ID
		}
		switch k.Name {
		case "competentie":
			data.Nummer = freeNumber(site.Competencies, 5, func(p *content.Page) int { return p.Competency.Number })
		case "model":
			data.Nummer = freeNumber(site.Models, 4, func(p *content.Page) int { return p.Model.Number })
		}
	}
	if (k.Name == "competentie" || k.Name == "model") && data.Nummer == 0 {
		max := map[string]int{"competentie": 5, "model": 4}[k.Name]
		notes = append(notes, fmt.Sprintf("alle nummers (1 tot en met %d) zijn al gebruikt; geef de nieuwe pagina een vrij nummer, of haal er een weg bij een andere pagina", max))
	}
	if k.Name == "opdracht" && data.Competentie == "" {
		notes = append(notes, "de site heeft nog geen competenties; een opdracht hoort bij minstens één: vul competenties in")
	}
	src, err := render(dir, k, data)
	if err != nil {
		return Created{}, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return Created{}, err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return Created{}, fmt.Errorf("%s: %w", rel, ErrExists)
		}
		return Created{}, err
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(out)
		return Created{}, err
	}
	if err := f.Close(); err != nil {
		os.Remove(out)
		return Created{}, err
	}
	return Created{Path: rel, URL: pageURL(rel), Notes: notes}, nil
}

// loadSite reads the site for what New fills in; a site with errors still
// gives what could be read, and one without settings gives nil.
func loadSite(dir string) (*content.Site, content.Settings) {
	site, _ := content.NewLoader(os.DirFS(dir), content.Options{Dir: dir}).Load(nil)
	if site == nil {
		return nil, content.DefaultSettings()
	}
	return site, site.Settings
}

func freeNumber(pages []*content.Page, max int, num func(*content.Page) int) int {
	used := map[int]bool{}
	for _, p := range pages {
		used[num(p)] = true
	}
	for n := 1; n <= max; n++ {
		if !used[n] {
			return n
		}
	}
	return 0
}

// render makes the page's source: the site's archetypes/<kind>.md as a
// template when it exists, else the built-in one.
func render(dir string, k Kind, data TemplateData) ([]byte, error) {
	name := filepath.Join(dir, "archetypes", k.Name+".md")
	src, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return builtin(k, data), nil
	}
	if err != nil {
		return nil, err
	}
	rel := "archetypes/" + k.Name + ".md"
	t, err := template.New(rel).Option("missingkey=error").Parse(string(src))
	if err == nil {
		var b bytes.Buffer
		if err = t.Execute(&b, data); err == nil {
			return b.Bytes(), nil
		}
	}
	prob := theme.TemplateProblem(err, rel, src)
	if strings.Contains(prob.Msg, "scaffold.TemplateData") {
		prob.Msg = fmt.Sprintf("%s; een sjabloon in archetypes/ kent alleen %s", strings.SplitN(prob.Msg, " bestaat niet", 2)[0]+" bestaat niet", templateFields())
	}
	return nil, prob
}

// templateFields names the fields of TemplateData as a template writes
// them: "{{.Titel}}, {{.ID}}, ...".
func templateFields() string {
	t := reflect.TypeFor[TemplateData]()
	var out []string
	for i := range t.NumField() {
		out = append(out, "{{."+t.Field(i).Name+"}}")
	}
	return strings.Join(out, ", ")
}

// builtin is the built-in template of kind k: every key on its own line,
// with a value where one can be filled in, and a comment saying what the
// key holds and which values it allows.
func builtin(k Kind, d TemplateData) []byte {
	values := map[string]string{
		"titel":        yamlString(d.Titel),
		"samenvatting": `""`,
		"volgorde":     "",
		"concept":      "false",
	}
	list := func(ids ...string) string {
		var items []string
		for _, id := range ids {
			if id != "" {
				items = append(items, id)
			}
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	switch k.Name {
	case "opdracht":
		values["competenties"] = list(d.Competentie)
		values["leerjaren"] = "[1]"
	case "activiteit":
		values["soort"] = "overig"
		values["datum"] = d.Datum
		values["leerjaren"] = "[1]"
	case "gesprek":
		values["soort"] = content.GuideTypes[0]
		values["deelnemers"] = "[leerling, mentor]"
	case "competentie", "model":
		values["nummer"] = strconv.Itoa(d.Nummer) // 0 when every nummer is taken: an error that says so
		values["kernvragen"] = list(d.Kernvraag)
	case "kernvraag":
		values["coachgesprek"] = "false"
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	for _, key := range append(append([]Key(nil), Common...), k.Keys...) {
		v, ok := values[key.Name]
		if !ok && strings.HasPrefix(key.Type, "lijst") {
			v = "[]"
		}
		line := key.Name + ":"
		if v != "" {
			line += " " + v
		}
		fmt.Fprintf(&b, "%-30s # %s", line, comment(key))
		b.WriteByte('\n')
	}
	b.WriteString("---\n\n")
	b.WriteString(bodies[k.Name])
	return b.Bytes()
}

// comment is a key's explanation in a template.
func comment(k Key) string {
	s := k.Help + "; " + k.Type
	if k.Allowed != nil {
		s += ": " + strings.Join(k.Allowed, ", ")
	}
	if k.Required {
		s += " (verplicht)"
	}
	return s
}

// yamlString writes s as a YAML string in double quotes.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// bodies are the built-in templates' text under the front matter: the
// headings a page of the kind usually has.
var bodies = map[string]string{
	"opdracht":    "## Doel\n\nWat de leerling na deze opdracht weet of kan.\n\n## Zo werk je\n\n1. Eerste stap.\n\n## Terugkijken\n\nWelke vraag stel je na afloop?\n",
	"activiteit":  "## Wat gebeurt er\n\nWat de leerlingen doen, en met wie.\n\n## Voorbereiding\n\nWat docenten en leerlingen vooraf regelen.\n",
	"gesprek":     "## Doel\n\nWaar het gesprek voor is.\n\n## Vragen\n\n- Eerste vraag.\n\n## Afspraken\n\nWaar de uitkomst wordt vastgelegd (IOP, OPP).\n",
	"sector":      "## Het werk\n\nWat je in deze sector doet.\n\n## Stageplekken in de regio\n\nWelke bedrijven leerlingen ontvangen.\n",
	"competentie": "## Wat is het?\n\nWat deze competentie voor onze leerlingen betekent.\n",
	"kernvraag":   "## Waar gaat deze vraag over?\n\nHoe je de vraag met de leerling klein en concreet maakt.\n",
	"model":       "## Wat is het?\n\nHoe LOB in dit model georganiseerd is.\n",
	"pagina":      "Wat hoort hier: schrijf in een paar alinea's wat de school hierover afspreekt.\n",
}

func slugOf(s string) string { return slug.Make(s) }
