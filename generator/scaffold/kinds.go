package scaffold

import "lobsite/generator/content"

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

// This file is the one place the scaffold and the manual's test learn the
// content model's keys from. The keys of each kind are checked against what
// package content accepts (kinds_test.go), and the allowed values are
// content's own lists, so neither can drift; when content exports a table
// of its kinds, this file is where to switch to it.

// Common are the keys every page has.
var Common = []Key{
	{Name: "titel", Type: "tekst", Required: true, Help: "de titel boven de pagina en in menu's en lijsten"},
	{Name: "samenvatting", Type: "tekst", Help: "één of twee zinnen: wat de lezer op deze pagina vindt; staat in lijsten"},
	{Name: "volgorde", Type: "heel getal", Help: "plaats in lijsten: lager komt eerder; zonder volgorde op titel"},
	{Name: "concept", Type: "true of false", Help: "true: de pagina is nog niet klaar en wordt niet gepubliceerd (wel met --drafts)"},
}

// Kinds are the kinds of page `lobsite new` makes, in the order the manual
// lists them.
var Kinds = []Kind{
	{Name: "opdracht", Folder: "opdrachten", Keys: []Key{
		{Name: "competenties", Type: "lijst van ids (competenties)", Required: true, Help: "de loopbaancompetenties waaraan de opdracht werkt, minstens één"},
		{Name: "kernvragen", Type: "lijst van ids (kernvragen)", Help: "kernvragen die de opdracht behandelt, naast die van de competenties"},
		{Name: "leerjaren", Type: "lijst van hele getallen (1 tot en met leerjaren uit site.yaml)", Required: true, Help: "de leerjaren waarin de opdracht past"},
		{Name: "duur", Type: "heel getal (minuten, 1 tot en met 1440)", Help: "hoe lang de opdracht duurt"},
		{Name: "werkvorm", Type: "één waarde", Allowed: content.Forms, Help: "hoe de leerlingen werken"},
		{Name: "sectoren", Type: "lijst van ids (sectoren)", Help: "uitstroomrichtingen waar de opdracht bij past"},
		{Name: "materialen", Type: "lijst van teksten", Help: "wat de docent klaarlegt"},
	}},
	{Name: "activiteit", Folder: "kalender", Keys: []Key{
		{Name: "soort", Type: "één waarde", Allowed: content.ActivityTypes, Required: true, Help: "wat voor activiteit het is"},
		{Name: "datum", Type: "datum (jjjj-mm-dd), binnen het schooljaar", Required: true, Help: "de (eerste) dag"},
		{Name: "tot", Type: "datum (jjjj-mm-dd), op of na datum", Help: "de laatste dag, bij een activiteit van meer dagen"},
		{Name: "tijd", Type: "begin en eind (uu:mm-uu:mm)", Help: "van hoe laat tot hoe laat, zoals 09:00-12:00"},
		{Name: "leerjaren", Type: "lijst van hele getallen (1 tot en met leerjaren uit site.yaml)", Required: true, Help: "voor welke leerjaren"},
		{Name: "sectoren", Type: "lijst van ids (sectoren)", Help: "de sectoren waar de leerlingen kennis mee maken"},
		{Name: "competenties", Type: "lijst van ids (competenties)", Help: "de competenties waaraan de activiteit werkt"},
		{Name: "opdrachten", Type: "lijst van ids (opdrachten)", Help: "opdrachten om voor te bereiden en terug te kijken"},
		{Name: "locatie", Type: "tekst", Help: "waar het is"},
	}},
	{Name: "gesprek", Folder: "gesprekken", Keys: []Key{
		{Name: "soort", Type: "één waarde", Allowed: content.GuideTypes, Required: true, Help: "welk gesprek deze leidraad beschrijft"},
		{Name: "kernvragen", Type: "lijst van ids (kernvragen)", Help: "de kernvragen die in het gesprek aan bod komen"},
		{Name: "competenties", Type: "lijst van ids (competenties)", Help: "de competenties waar het gesprek over gaat"},
		{Name: "leerjaren", Type: "lijst van hele getallen (1 tot en met leerjaren uit site.yaml)", Help: "in welke leerjaren het gesprek gevoerd wordt"},
		{Name: "deelnemers", Type: "lijst van teksten (rollen, geen namen)", Help: "wie er aan tafel zitten, zoals leerling, mentor, ouders"},
		{Name: "frequentie", Type: "tekst", Help: "hoe vaak het gesprek gevoerd wordt"},
	}},
	{Name: "sector", Folder: "sectoren", Keys: []Key{
		{Name: "beroepen", Type: "lijst van teksten", Help: "beroepen in deze uitstroomrichting die bij onze leerlingen passen"},
		{Name: "certificaten", Type: "lijst van teksten", Help: "branchecertificaten en praktijkverklaringen die leerlingen kunnen halen"},
	}},
	{Name: "competentie", Folder: "competenties", Keys: []Key{
		{Name: "nummer", Type: "heel getal, 1 tot en met 5, elk nummer één keer", Required: true, Help: "het nummer van de loopbaancompetentie"},
		{Name: "kernvragen", Type: "lijst van ids (kernvragen)", Required: true, Help: "de kernvragen van deze competentie, minstens één"},
	}},
	{Name: "kernvraag", Folder: "kernvragen", Keys: []Key{
		{Name: "coachgesprek", Type: "true of false", Help: "true voor de drie vragen van het coachgesprek: Wie ben ik?, Wat wil ik?, Wat kan ik?"},
	}},
	{Name: "model", Folder: "modellen", Keys: []Key{
		{Name: "nummer", Type: "heel getal, 1 tot en met 4, elk nummer één keer", Required: true, Help: "het nummer van het LOB-model"},
	}},
	{Name: "pagina", Folder: "handboek", Keys: nil},
}

// Settings are the keys of content/site.yaml.
var Settings = []Key{
	{Name: "school", Type: "tekst", Required: true, Help: "de naam van de school"},
	{Name: "titel", Type: "tekst", Required: true, Help: "de titel van de site"},
	{Name: "taal", Type: "één waarde", Allowed: []string{"nl", "en"}, Help: "de taal van menu's en knoppen (standaard nl)"},
	{Name: "model", Type: "heel getal, 1 tot en met 4", Required: true, Help: "het LOB-model waarmee de school nu werkt"},
	{Name: "groeipad", Type: "lijst van hele getallen 1 tot en met 4, oplopend", Help: "de modellen waarlangs de school wil groeien, zoals [2, 3]; eindigt bij model of hoger"},
	{Name: "schooljaar", Type: "jjjj-jjjj, twee opeenvolgende jaren", Required: true, Help: "het schooljaar, van 1 augustus tot en met 31 juli"},
	{Name: "leerjaren", Type: "heel getal, 1 tot en met 8", Help: "hoeveel leerjaren de school heeft (standaard 6)"},
	{Name: "perioden", Type: "lijst van {naam, start, eind}", Help: "de perioden van het schooljaar, in volgorde, zonder overlap; start en eind zijn datums (jjjj-mm-dd)"},
	{Name: "basis_url", Type: "webadres (https://...)", Help: "het volledige adres van de site; geeft een sitemap en vaste links"},
	{Name: "thema", Type: "tekst (mapnaam onder themes/)", Help: "het thema (standaard default, ingebouwd)"},
	{Name: "toegestane_domeinen", Type: "lijst van teksten", Help: "e-maildomeinen van school die in de tekst mogen staan"},
	{Name: "ruwe_html", Type: "true of false", Help: "true: HTML in Markdown wordt overgenomen (alleen bij auteurs die je vertrouwt)"},
}

// PeriodKeys are the keys of one periode in site.yaml.
var PeriodKeys = []string{"naam", "start", "eind"}

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
