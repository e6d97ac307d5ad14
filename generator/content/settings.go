package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam must not depend on the machine's zone database

	"go.yaml.in/yaml/v3"

	"lobsite/generator/diag"
)

// Amsterdam is the time zone every date in the content is read in.
var Amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // embedded tzdata makes this unreachable
	}
	return loc
}

// SettingsPath is where the site settings live, relative to the site folder.
const SettingsPath = "content/site.yaml"

var schoolYearRE = regexp.MustCompile(`^(\d{4})-(\d{4})$`)

// DefaultSettings returns the settings a site has before site.yaml is
// read: Dutch, 6 leerjaren, the default theme.
func DefaultSettings() Settings {
	return Settings{Lang: "nl", Years: 6, Theme: "default", PupilSections: DefaultPupilSections()}
}

// DefaultPupilSections returns the headings of the pupil's part of an
// exercise when site.yaml has no werkblad_secties: Zo werk je, Werkblad.
func DefaultPupilSections() []string { return []string{"Zo werk je", "Werkblad"} }

// ParseSettings reads content/site.yaml (already normalised). Every problem is
// added to probs with its position.
func ParseSettings(src []byte, probs *diag.List) Settings {
	s := DefaultSettings()
	path := SettingsPath
	root, prob := parseYAML(path, src, 0, "yaml")
	if prob != nil {
		probs.Add(prob)
		return s
	}
	readSettings(&s, newFields(path, root, probs))
	return s
}

// readSettings reads the keys of site.yaml from f into s, reporting every
// problem to f, then reports the keys it did not read as unknown. Every
// key is read (f.get), present or not, which is how the tests see that
// this code and SettingsKeys agree.
func readSettings(s *Settings, f *fields) {
	path, probs := f.path, f.probs
	s.keyPos = map[string][2]int{}
	for name, k := range f.keys {
		s.keyPos[name] = [2]int{k.Line, k.Column}
	}
	s.School = f.str("school", true)
	s.Title = f.str("titel", true)
	if f.has("taal") {
		s.Lang = f.enum("taal", false, settingsKey("taal").Values)
		if s.Lang == "" {
			s.Lang = "nl"
		}
	} else {
		f.get("taal")
	}
	model := settingsKey("model")
	if n, ok := f.integer(model.Name, true, model.Min, model.Max); ok {
		s.Model = n
	}
	if f.has("groeipad") {
		v := f.vals["groeipad"]
		growth := settingsKey("groeipad")
		s.GrowthPath = f.ints(growth.Name, growth.Min, growth.Max)
		// ints sorts; the order as written must already ascend.
		if v.Kind == yaml.SequenceNode {
			for i := 1; i < len(v.Content); i++ {
				a, errA := strconv.Atoi(v.Content[i-1].Value)
				b, errB := strconv.Atoi(v.Content[i].Value)
				if errA == nil && errB == nil && b <= a {
					f.errorf(v.Content[i], "groeipad moet oplopen: een school groeit van een lager naar een hoger model, zoals [1, 3]; hier volgt %d op %d", b, a)
					break
				}
			}
		}
		if len(s.GrowthPath) > 0 && s.Model > 0 && s.GrowthPath[len(s.GrowthPath)-1] < s.Model {
			f.errorf(v, "groeipad eindigt bij model %d, maar de school werkt al met model %d; laat het groeipad eindigen bij model %d of hoger", s.GrowthPath[len(s.GrowthPath)-1], s.Model, s.Model)
		}
	} else {
		f.get("groeipad")
	}
	years := settingsKey("leerjaren")
	if n, ok := f.integer(years.Name, false, years.Min, years.Max); ok {
		s.Years = n
	}
	if v := f.get("schooljaar"); v == nil {
		line, col := f.firstPos()
		probs.Errorf(path, line, col, "de sleutel \"schooljaar\" ontbreekt; voeg `schooljaar: 2026-2027` toe")
	} else if m := schoolYearRE.FindStringSubmatch(strings.TrimSpace(v.Value)); m == nil {
		f.errorf(v, "schooljaar %q klopt niet; schrijf het als 2026-2027", v.Value)
	} else {
		y1, _ := strconv.Atoi(m[1])
		y2, _ := strconv.Atoi(m[2])
		if y2 != y1+1 {
			f.errorf(v, "schooljaar %q klopt niet: het tweede jaar moet direct op het eerste volgen, zoals %d-%d", v.Value, y1, y1+1)
		} else {
			s.SchoolYear = m[0]
			s.YearStart = time.Date(y1, time.August, 1, 0, 0, 0, 0, Amsterdam)
			s.YearEnd = time.Date(y2, time.July, 31, 0, 0, 0, 0, Amsterdam)
		}
	}
	if v := f.get("perioden"); v != nil {
		s.Periods = parsePeriods(f, v, *s)
	}
	if v := f.get("basis_url"); v != nil {
		if u, ok := ParseBaseURL(v.Value); ok {
			s.BaseURL = u
		} else {
			f.errorf(v, "basis_url %q is geen volledig webadres; schrijf het zoals https://intranet.school.nl/lob/", v.Value)
		}
	}
	if f.has("thema") {
		s.Theme = f.str("thema", true)
	} else {
		f.get("thema")
	}
	for _, d := range f.strs("toegestane_domeinen") {
		s.Domains = append(s.Domains, strings.ToLower(strings.TrimPrefix(d, "@")))
	}
	s.Numbers = f.strs("toegestane_nummers")
	s.RawHTML = f.boolean("ruwe_html")
	if f.has("werkblad_secties") {
		s.PupilSections = f.strs("werkblad_secties")
	} else {
		f.get("werkblad_secties")
	}
	f.unknown(settingsKeyNames())
}

// ParseBaseURL checks a basis_url (or --base-url): an absolute http or
// https address with a host and without query or fragment. It returns the
// address ending in "/", and false when it is not one.
func ParseBaseURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	return strings.TrimSuffix(u.String(), "/") + "/", true
}

func parsePeriods(f *fields, v *yaml.Node, s Settings) []Period {
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, "perioden moet een lijst zijn met per periode naam, start en eind")
		return nil
	}
	var out []Period
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			f.errorf(item, "elke periode heeft naam, start en eind, zoals {naam: Periode 1, start: 2026-08-24, eind: 2026-10-16}")
			continue
		}
		pf := newFields(f.path, item, f.probs)
		p := Period{Name: pf.str("naam", true)}
		var ok1, ok2 bool
		p.Start, ok1 = pf.date("start", true, s)
		p.End, ok2 = pf.date("eind", true, s)
		pf.unknown([]string{"naam", "start", "eind"})
		if ok1 && ok2 && p.End.Before(p.Start) {
			pf.errorf(pf.vals["eind"], "de periode %q eindigt (%s) voordat ze begint (%s); controleer start en eind", p.Name, p.End.Format("2006-01-02"), p.Start.Format("2006-01-02"))
			continue
		}
		if ok1 && ok2 {
			if n := len(out); n > 0 && !p.Start.After(out[n-1].End) {
				pf.errorf(pf.vals["start"], "de periode %q begint voordat %q is afgelopen; perioden mogen niet overlappen en staan in volgorde", p.Name, out[n-1].Name)
			}
			out = append(out, p)
		}
	}
	return out
}

// date reads a YYYY-MM-DD date in Europe/Amsterdam that must fall inside the
// school year of s (when s has one).
func (f *fields) date(key string, required bool, s Settings) (time.Time, bool) {
	v := f.get(key)
	if v == nil {
		if required {
			f.missing(key, "voeg een datum toe zoals `%s: 2026-10-12`", key)
		}
		return time.Time{}, false
	}
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, "%s moet één datum zijn, niet %s; schrijf jaar-maand-dag, zoals 2026-10-12", key, display(v))
		return time.Time{}, false
	}
	raw := strings.TrimSpace(v.Value)
	m := dateRE.FindStringSubmatch(raw)
	if m == nil {
		if d := dutchDateRE.FindStringSubmatch(raw); d != nil {
			f.errorf(v, "%s %q staat in de volgorde dag-maand-jaar; schrijf jaar-maand-dag: %s-%s-%s", key, raw, d[3], d[2], d[1])
			return time.Time{}, false
		}
		f.errorf(v, "%s %q is geen datum; schrijf jaar-maand-dag, zoals 2026-10-12", key, raw)
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, Amsterdam)
	if mo < 1 || mo > 12 || day < 1 || d.Day() != day {
		f.errorf(v, "%s %q bestaat niet in de kalender; controleer dag en maand", key, raw)
		return time.Time{}, false
	}
	raw = d.Format("2006-01-02")
	if !s.YearStart.IsZero() && (d.Before(s.YearStart) || d.After(s.YearEnd)) {
		f.errorf(v, "%s %s valt buiten schooljaar %s (%s tot en met %s); kies een datum binnen het schooljaar", key, raw, s.SchoolYear,
			s.YearStart.Format("2006-01-02"), s.YearEnd.Format("2006-01-02"))
		return d, false
	}
	return d, true
}

// dateRE matches a date written year-month-day; month and day may have one
// digit (2026-8-3), as YAML 1.1 allows.
var dateRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// dutchDateRE matches a date written day first, as Dutch people write it.
var dutchDateRE = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)

var timeRangeRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$`)

// timeRange checks a `tijd` value of the form HH:MM-HH:MM.
func (f *fields) timeRange(key string) string {
	v := f.get(key)
	if v == nil {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, "%s moet één tijd zijn, niet %s; schrijf begin en eind zoals 09:00-12:00", key, display(v))
		return ""
	}
	raw := strings.TrimSpace(v.Value)
	m := timeRangeRE.FindStringSubmatch(raw)
	if m == nil {
		f.errorf(v, "%s %q klopt niet; schrijf begin en eind zoals 09:00-12:00", key, raw)
		return ""
	}
	var mins [2]int
	for i := 0; i < 2; i++ {
		h, _ := strconv.Atoi(m[1+2*i])
		mm, _ := strconv.Atoi(m[2+2*i])
		if h > 23 || mm > 59 {
			f.errorf(v, "%s %q bevat een tijd die niet bestaat (%s:%s); uren gaan van 00 tot 23, minuten van 00 tot 59", key, raw, m[1+2*i], m[2+2*i])
			return ""
		}
		mins[i] = h*60 + mm
	}
	if mins[1] <= mins[0] {
		f.errorf(v, "%s %q eindigt niet na het begin; zet de eindtijd na de begintijd", key, raw)
		return ""
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", mins[0]/60, mins[0]%60, mins[1]/60, mins[1]%60)
}
