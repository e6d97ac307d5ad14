package scaffold

import (
	"strconv"

	"lobsite/generator/content"
)

// Key is one front matter key of a page kind (or of site.yaml), as the
// coordinator's manual and the templates of `lobsite new` describe it.
type Key struct {
	Name     string   // the key as written: "werkvorm"
	Type     string   // what its value is, in Dutch: "tekst", "lijst van ids (competenties)"
	Allowed  []string // the values allowed, for keys with a fixed choice; nil otherwise
	Required bool     // the page (or site.yaml) is an error without it
	Help     string   // one line in Dutch: what the key means
}

// Kind is a soort of page: its name on the command line (`lobsite new
// opdracht`), the folder under content/ it lives in and its own keys
// (besides the Common ones).
type Kind struct {
	Name   string // "opdracht"
	Folder string // "opdrachten"; "handboek" for pagina (any other folder may hold them)
	Keys   []Key
}

// The tables below are derived from package content's own table of page
// kinds and keys (content.Kinds, content.CommonKeys, content.SettingsKeys):
// the keys, their types, allowed values and help texts are written once,
// there.

// kindOrder is the order in which `lobsite new` and the manual list the
// kinds: the ones a coordinator adds most come first.
var kindOrder = []content.Kind{
	content.KindExercise, content.KindActivity, content.KindGuide, content.KindSector,
	content.KindCompetency, content.KindQuestion, content.KindModel, content.KindPage,
}

// Common are the keys every page has.
var Common = fromContent(content.CommonKeys())

// Kinds are the kinds of page `lobsite new` makes, in the order the manual
// lists them.
var Kinds = func() []Kind {
	out := make([]Kind, 0, len(kindOrder))
	for _, k := range kindOrder {
		info, ok := content.KindOf(k)
		if !ok {
			panic("scaffold: content has no table entry for " + string(k))
		}
		out = append(out, Kind{Name: string(k), Folder: info.Folder, Keys: fromContent(info.Keys)})
	}
	return out
}()

// Settings are the keys of content/site.yaml.
var Settings = fromContent(content.SettingsKeys())

// PeriodKeys are the keys of one periode in site.yaml.
var PeriodKeys = []string{"naam", "start", "eind"}

func fromContent(keys []content.Key) []Key {
	var out []Key
	for _, k := range keys {
		out = append(out, Key{Name: k.Name, Type: Describe(k), Allowed: k.Values, Required: k.Required, Help: k.Help})
	}
	return out
}

// Describe is the type of key k in Dutch, as the templates of `lobsite
// new` and the manual show it: "lijst van ids (competenties)", "heel
// getal, 1 tot en met 5, elk nummer één keer", "datum (jjjj-mm-dd),
// binnen het schooljaar".
func Describe(k content.Key) string {
	switch k.Type {
	case content.KeyText:
		return "tekst"
	case content.KeyTexts:
		return "lijst van teksten"
	case content.KeyNumber:
		d := "heel getal"
		if k.Min > -1000 || k.Max < 1000 {
			d += ", " + strconv.Itoa(k.Min) + " tot en met " + strconv.Itoa(k.Max)
		}
		if k.Unique {
			d += ", elk nummer één keer"
		}
		return d
	case content.KeyBool:
		return "true of false"
	case content.KeyDate:
		return "datum (jjjj-mm-dd), binnen het schooljaar"
	case content.KeyTimeRange:
		return "begin en eind (uu:mm-uu:mm)"
	case content.KeyChoice:
		return "één waarde"
	case content.KeyRefs:
		return "lijst van ids (" + k.Ref.Folder() + ")"
	case content.KeyYears:
		return "lijst van hele getallen (1 tot en met leerjaren uit site.yaml)"
	case content.KeyNumbers:
		return "lijst van hele getallen " + strconv.Itoa(k.Min) + " tot en met " + strconv.Itoa(k.Max) + ", oplopend"
	case content.KeySchoolYear:
		return "jjjj-jjjj, twee opeenvolgende jaren"
	case content.KeyPeriods:
		return "lijst van {naam, start, eind}"
	case content.KeyURL:
		return "webadres (https://...)"
	}
	return k.Type.String()
}

// KindNames are the names of Kinds, for messages.
func KindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	return names
}

// LookupKind returns the kind named name.
func LookupKind(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}
