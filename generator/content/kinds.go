package content

import "slices"

// KindInfo describes one paginasoort (kind of page) that has a folder of
// its own under content/: the folder, the Dutch nouns for messages and the
// front-matter keys its pages take besides the common ones (CommonKeys).
// It is the one table of page kinds: the loader, the reference checks and
// their messages read it, and other code (the theme, lobsite new, the
// manual) lists kinds, keys and values from Kinds.
type KindInfo struct {
	Kind   Kind
	Folder string // folder directly under content/: "opdrachten"
	Noun   string // Dutch noun, singular: "opdracht"
	Plural string // Dutch noun, plural: "opdrachten"
	Neuter bool   // a het-word ("elk model"); false for a de-word ("elke opdracht")
	Title  string // title of the folder's list page when it has no _index.md: "Opdrachten"
	Keys   []Key  // keys of this kind only, in the order the site-folder spec lists them
}

// Key is one front-matter key (sleutel) and the values it takes.
type Key struct {
	Name     string   // the Dutch key: "werkvorm"
	Type     KeyType  // what its value is
	Required bool     // a page of the kind without it is an error
	Values   []string // the allowed values of a KeyChoice key, in the order messages list them
	Min, Max int      // bounds of a KeyNumber key, inclusive
	Ref      Kind     // the kind of page the ids of a KeyRefs key name
	Unique   bool     // no two pages of the kind may have the same value
	Help     string   // one line in Dutch for the coordinator: what the key means
}

// KeyType is the type of a front-matter value.
type KeyType int

// The types of front-matter values. A list may be written as [a, b], as
// lines with dashes, or as one value (a list of one).
const (
	KeyText       KeyType = iota // one text
	KeyTexts                     // a list of texts
	KeyNumber                    // a whole number from Min to Max
	KeyBool                      // true or false (also ja, nee)
	KeyDate                      // a date YYYY-MM-DD inside the school year of site.yaml
	KeyTimeRange                 // a time of day from–to, HH:MM-HH:MM
	KeyChoice                    // one of Values
	KeyRefs                      // a list of ids (file names without .md) of pages of kind Ref
	KeyYears                     // a list of leerjaren, from 1 to site.yaml's leerjaren
	KeyNumbers                   // a list of whole numbers from Min to Max (site.yaml's groeipad)
	KeySchoolYear                // a school year, two years in a row: 2026-2027
	KeyPeriods                   // a list of periods {naam, start, eind}, dates inside the school year
	KeyURL                       // an absolute http or https address
)

// String is the Dutch name of the type, as a manual shows it:
// "tekst", "lijst van teksten", "getal", ...
func (t KeyType) String() string {
	switch t {
	case KeyText:
		return "tekst"
	case KeyTexts:
		return "lijst van teksten"
	case KeyNumber:
		return "getal"
	case KeyBool:
		return "ja/nee"
	case KeyDate:
		return "datum"
	case KeyTimeRange:
		return "tijd"
	case KeyChoice:
		return "keuze"
	case KeyRefs:
		return "lijst van ids"
	case KeyYears:
		return "lijst van leerjaren"
	case KeyNumbers:
		return "lijst van getallen"
	case KeySchoolYear:
		return "schooljaar"
	case KeyPeriods:
		return "lijst van perioden"
	case KeyURL:
		return "webadres"
	}
	return "onbekend"
}

// The allowed values of the KeyChoice keys.
var (
	forms         = []string{"individueel", "duo", "groep", "klassikaal"}
	activityTypes = []string{"bedrijfsbezoek", "gastspreker", "meeloopdag", "beurs", "open-dag", "stage", "workshop", "gesprek", "overig"}
	guideTypes    = []string{"coachgesprek", "loopbaangesprek", "iop-gesprek", "opp-evaluatie", "stage-evaluatie"}
)

// Forms, ActivityTypes and GuideTypes are copies of the allowed values of
// opdracht werkvorm, activiteit soort and gesprek soort, for code written
// before Kinds (changing them changes nothing). New code reads the table:
// KindOf(KindExercise) and then Key("werkvorm").Values.
var (
	Forms         = slices.Clone(forms)
	ActivityTypes = slices.Clone(activityTypes)
	GuideTypes    = slices.Clone(guideTypes)
)

// commonKeys are the keys every page takes.
var commonKeys = []Key{
	{Name: "titel", Type: KeyText, Required: true,
		Help: "de titel boven de pagina en in menu's en lijsten"},
	{Name: "samenvatting", Type: KeyText,
		Help: "één of twee zinnen: wat de lezer op deze pagina vindt; staat in lijsten"},
	{Name: "volgorde", Type: KeyNumber, Min: -1_000_000, Max: 1_000_000,
		Help: "plaats in lijsten: lager komt eerder; zonder volgorde op titel"},
	{Name: "concept", Type: KeyBool,
		Help: "true: de pagina is nog niet klaar en wordt niet gepubliceerd (wel met --drafts)"},
}

// settingsTable are the keys of content/site.yaml, in the order the
// site-folder spec lists them.
var settingsTable = []Key{
	{Name: "school", Type: KeyText, Required: true,
		Help: "de naam van de school"},
	{Name: "titel", Type: KeyText, Required: true,
		Help: "de titel van de site"},
	{Name: "taal", Type: KeyChoice, Values: []string{"nl", "en"},
		Help: "de taal van menu's en knoppen (standaard nl)"},
	{Name: "model", Type: KeyNumber, Required: true, Min: 1, Max: 4,
		Help: "het LOB-model waarmee de school nu werkt"},
	{Name: "groeipad", Type: KeyNumbers, Min: 1, Max: 4,
		Help: "de modellen waarlangs de school wil groeien, oplopend, zoals [2, 3]; eindigt bij model of hoger"},
	{Name: "schooljaar", Type: KeySchoolYear, Required: true,
		Help: "het schooljaar, van 1 augustus tot en met 31 juli"},
	{Name: "leerjaren", Type: KeyNumber, Min: 1, Max: 8,
		Help: "hoeveel leerjaren de school heeft (standaard 6)"},
	{Name: "perioden", Type: KeyPeriods,
		Help: "de perioden van het schooljaar, in volgorde, zonder overlap; start en eind zijn datums (jjjj-mm-dd)"},
	{Name: "basis_url", Type: KeyURL,
		Help: "het volledige adres van de site (https://...); geeft een sitemap en vaste links"},
	{Name: "thema", Type: KeyText,
		Help: "de naam van een map onder themes/ met het eigen thema van de school (standaard het ingebouwde)"},
	{Name: "toegestane_domeinen", Type: KeyTexts,
		Help: "e-maildomeinen van school die in de tekst mogen staan"},
	{Name: "toegestane_nummers", Type: KeyTexts,
		Help: "telefoonnummers van school die in de tekst mogen staan, in elke schrijfwijze"},
	{Name: "ruwe_html", Type: KeyBool,
		Help: "true: HTML in Markdown wordt overgenomen (alleen bij auteurs die je vertrouwt)"},
	{Name: "werkblad_secties", Type: KeyTexts,
		Help: "de koppen (##) van een opdracht die op het werkblad van de leerling staan (standaard Zo werk je en Werkblad)"},
}

// kindTable is the table of page kinds, in the order of the navigation.
// The handbook (handboek) is a folder of free pages (KindPage), which may
// also live in any other folder.
var kindTable = []KindInfo{
	{Kind: KindPage, Folder: "handboek", Noun: "pagina", Plural: "pagina's", Title: "Handboek"},
	{Kind: KindCompetency, Folder: "competenties", Noun: "competentie", Plural: "competenties", Title: "Loopbaancompetenties", Keys: []Key{
		{Name: "nummer", Type: KeyNumber, Required: true, Min: 1, Max: 5, Unique: true,
			Help: "het nummer van de loopbaancompetentie"},
		{Name: "kernvragen", Type: KeyRefs, Required: true, Ref: KindQuestion,
			Help: "de kernvragen van deze competentie, minstens één"},
	}},
	{Kind: KindQuestion, Folder: "kernvragen", Noun: "kernvraag", Plural: "kernvragen", Title: "Kernvragen", Keys: []Key{
		{Name: "coachgesprek", Type: KeyBool,
			Help: "true voor de drie vragen van het coachgesprek: Wie ben ik?, Wat wil ik?, Wat kan ik?"},
	}},
	{Kind: KindExercise, Folder: "opdrachten", Noun: "opdracht", Plural: "opdrachten", Title: "Opdrachten", Keys: []Key{
		{Name: "competenties", Type: KeyRefs, Required: true, Ref: KindCompetency,
			Help: "de loopbaancompetenties waaraan de opdracht werkt, minstens één"},
		{Name: "kernvragen", Type: KeyRefs, Ref: KindQuestion,
			Help: "kernvragen die de opdracht behandelt, naast die van de competenties"},
		{Name: "leerjaren", Type: KeyYears, Required: true,
			Help: "de leerjaren waarin de opdracht past"},
		{Name: "duur", Type: KeyNumber, Min: 1, Max: 24 * 60,
			Help: "hoe lang de opdracht duurt, in minuten"},
		{Name: "werkvorm", Type: KeyChoice, Values: forms,
			Help: "hoe de leerlingen werken"},
		{Name: "sectoren", Type: KeyRefs, Ref: KindSector,
			Help: "uitstroomrichtingen waar de opdracht bij past"},
		{Name: "materialen", Type: KeyTexts,
			Help: "wat de docent klaarlegt"},
		{Name: "werkblad", Type: KeyBool,
			Help: "false: geen werkblad voor de leerling; true: check waarschuwt als het ontbreekt"},
		{Name: "werkblad_secties", Type: KeyTexts,
			Help: "de koppen (##) van het werkblad, als die anders zijn dan in site.yaml"},
	}},
	{Kind: KindActivity, Folder: "kalender", Noun: "activiteit", Plural: "activiteiten", Title: "Kalender", Keys: []Key{
		{Name: "soort", Type: KeyChoice, Required: true, Values: activityTypes,
			Help: "wat voor activiteit het is"},
		{Name: "datum", Type: KeyDate, Required: true,
			Help: "de (eerste) dag"},
		{Name: "tot", Type: KeyDate,
			Help: "de laatste dag, bij een activiteit van meer dagen"},
		{Name: "tijd", Type: KeyTimeRange,
			Help: "van hoe laat tot hoe laat, zoals 09:00-12:00"},
		{Name: "leerjaren", Type: KeyYears, Required: true,
			Help: "voor welke leerjaren"},
		{Name: "sectoren", Type: KeyRefs, Ref: KindSector,
			Help: "de sectoren waar de leerlingen kennis mee maken"},
		{Name: "competenties", Type: KeyRefs, Ref: KindCompetency,
			Help: "de competenties waaraan de activiteit werkt"},
		{Name: "opdrachten", Type: KeyRefs, Ref: KindExercise,
			Help: "opdrachten om voor te bereiden en terug te kijken"},
		{Name: "locatie", Type: KeyText,
			Help: "waar het is"},
	}},
	{Kind: KindSector, Folder: "sectoren", Noun: "sector", Plural: "sectoren", Title: "Sectoren", Keys: []Key{
		{Name: "beroepen", Type: KeyTexts,
			Help: "beroepen in deze uitstroomrichting die bij onze leerlingen passen"},
		{Name: "certificaten", Type: KeyTexts,
			Help: "branchecertificaten en praktijkverklaringen die leerlingen kunnen halen"},
	}},
	{Kind: KindGuide, Folder: "gesprekken", Noun: "gespreksleidraad", Plural: "gespreksleidraden", Title: "Gesprekken", Keys: []Key{
		{Name: "soort", Type: KeyChoice, Required: true, Values: guideTypes,
			Help: "welk gesprek deze leidraad beschrijft"},
		{Name: "kernvragen", Type: KeyRefs, Ref: KindQuestion,
			Help: "de kernvragen die in het gesprek aan bod komen"},
		{Name: "competenties", Type: KeyRefs, Ref: KindCompetency,
			Help: "de competenties waar het gesprek over gaat"},
		{Name: "leerjaren", Type: KeyYears,
			Help: "in welke leerjaren het gesprek gevoerd wordt"},
		{Name: "deelnemers", Type: KeyTexts,
			Help: "wie er aan tafel zitten, als rollen (leerling, mentor, ouders), nooit namen"},
		{Name: "frequentie", Type: KeyText,
			Help: "hoe vaak het gesprek gevoerd wordt"},
	}},
	{Kind: KindModel, Folder: "modellen", Noun: "model", Plural: "modellen", Neuter: true, Title: "Modellen", Keys: []Key{
		{Name: "nummer", Type: KeyNumber, Required: true, Min: 1, Max: 4, Unique: true,
			Help: "het nummer van het LOB-model"},
	}},
}

// Kinds returns the table of page kinds that have a folder, in the order
// of the site's navigation: pagina (folder handboek), competentie,
// kernvraag, opdracht, activiteit (kalender), sector, gespreksleidraad
// (gesprekken), model. The result is a copy; changing it changes nothing.
func Kinds() []KindInfo {
	out := make([]KindInfo, len(kindTable))
	for i, k := range kindTable {
		out[i] = k.clone()
	}
	return out
}

// CommonKeys returns the keys every page takes (titel, samenvatting,
// volgorde, concept), as a copy.
func CommonKeys() []Key { return cloneKeys(commonKeys) }

// SettingsKeys returns the keys of content/site.yaml, as a copy.
func SettingsKeys() []Key { return cloneKeys(settingsTable) }

// KindOf returns the table entry of kind k; ok is false for the kinds
// without a folder of their own (home, lijst, 404).
func KindOf(k Kind) (info KindInfo, ok bool) {
	if i := kindIndex(k); i >= 0 {
		return kindTable[i].clone(), true
	}
	return KindInfo{}, false
}

// KindByFolder returns the table entry of the kind whose folder directly
// under content/ is folder ("opdrachten"); ok is false for other folders.
func KindByFolder(folder string) (info KindInfo, ok bool) {
	if k := folderKind(folder); k != nil {
		return k.clone(), true
	}
	return KindInfo{}, false
}

// Folder returns the folder of kind k directly under content/
// ("opdrachten" for KindExercise, "handboek" for KindPage), or "" for the
// kinds without a folder of their own.
func (k Kind) Folder() string {
	if i := kindIndex(k); i >= 0 {
		return kindTable[i].Folder
	}
	return ""
}

// Key returns the key name of the kind, looking in the kind's own keys
// and then in CommonKeys.
func (ki KindInfo) Key(name string) (Key, bool) {
	for _, list := range [][]Key{ki.Keys, commonKeys} {
		for _, k := range list {
			if k.Name == name {
				return k.clone(), true
			}
		}
	}
	return Key{}, false
}

// KeyNames returns the names of every key a page of the kind takes: the
// common keys, then the kind's own.
func (ki KindInfo) KeyNames() []string {
	out := make([]string, 0, len(commonKeys)+len(ki.Keys))
	for _, list := range [][]Key{commonKeys, ki.Keys} {
		for _, k := range list {
			out = append(out, k.Name)
		}
	}
	return out
}

// Each is the Dutch "every" before the noun: "elke opdracht", "elk model".
func (ki KindInfo) Each() string {
	if ki.Neuter {
		return "elk " + ki.Noun
	}
	return "elke " + ki.Noun
}

func (ki KindInfo) clone() KindInfo {
	ki.Keys = cloneKeys(ki.Keys)
	return ki
}

func (k Key) clone() Key {
	k.Values = slices.Clone(k.Values)
	return k
}

func cloneKeys(keys []Key) []Key {
	if keys == nil {
		return nil
	}
	out := make([]Key, len(keys))
	for i, k := range keys {
		out[i] = k.clone()
	}
	return out
}

func kindIndex(k Kind) int {
	for i := range kindTable {
		if kindTable[i].Kind == k {
			return i
		}
	}
	return -1
}

// folderKind is the table entry of folder, or nil; not a copy.
func folderKind(folder string) *KindInfo {
	for i := range kindTable {
		if kindTable[i].Folder == folder {
			return &kindTable[i]
		}
	}
	return nil
}

// tableKind is the table entry of kind k, which must have one; not a copy.
func tableKind(k Kind) *KindInfo { return &kindTable[kindIndex(k)] }

// commonKey is the common key name; not a copy. It panics when there is
// no such key, a mistake in this package caught by its tests.
func commonKey(name string) *Key {
	for i := range commonKeys {
		if commonKeys[i].Name == name {
			return &commonKeys[i]
		}
	}
	panic("content: no common key " + name)
}

// settingsKey is key name of site.yaml; not a copy. It panics when there
// is no such key, a mistake in this package caught by its tests.
func settingsKey(name string) *Key {
	for i := range settingsTable {
		if settingsTable[i].Name == name {
			return &settingsTable[i]
		}
	}
	panic("content: no settings key " + name)
}

// settingsKeyNames are the names of the keys of site.yaml.
func settingsKeyNames() []string {
	out := make([]string, len(settingsTable))
	for i, k := range settingsTable {
		out[i] = k.Name
	}
	return out
}

// keyNames is KindInfo.KeyNames of kind k: the common keys only for the
// kinds without a table entry.
func keyNames(k Kind) []string {
	if i := kindIndex(k); i >= 0 {
		return kindTable[i].KeyNames()
	}
	return KindInfo{}.KeyNames()
}

// tableKey is key name of kind k in the table; not a copy. It panics when
// the table has no such key, a mistake in this package caught by its tests.
func tableKey(k Kind, name string) *Key {
	ki := tableKind(k)
	for i := range ki.Keys {
		if ki.Keys[i].Name == name {
			return &ki.Keys[i]
		}
	}
	panic("content: no key " + name + " for kind " + string(k))
}
