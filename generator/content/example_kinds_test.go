package content_test

import (
	"fmt"
	"strings"

	"lobsite/generator/content"
)

// ExampleKinds lists every kind of page with its folder and nouns, and
// every key with its type, whether it is required, and what it allows.
func ExampleKinds() {
	for _, ki := range content.Kinds() {
		fmt.Printf("content/%s/: %s (%s)\n", ki.Folder, ki.Noun, ki.Plural)
		for _, k := range ki.Keys {
			line := fmt.Sprintf("  %s: %s", k.Name, k.Type)
			switch k.Type {
			case content.KeyChoice:
				line += " " + strings.Join(k.Values, "|")
			case content.KeyNumber:
				line += fmt.Sprintf(" %d–%d", k.Min, k.Max)
			case content.KeyRefs:
				line += " van " + string(k.Ref)
			}
			if k.Required {
				line += ", verplicht"
			}
			fmt.Println(line)
		}
	}
	// Output:
	// content/handboek/: pagina (pagina's)
	// content/competenties/: competentie (competenties)
	//   nummer: getal 1–5, verplicht
	//   kernvragen: lijst van ids van kernvraag, verplicht
	// content/kernvragen/: kernvraag (kernvragen)
	//   coachgesprek: ja/nee
	// content/opdrachten/: opdracht (opdrachten)
	//   competenties: lijst van ids van competentie, verplicht
	//   kernvragen: lijst van ids van kernvraag
	//   leerjaren: lijst van leerjaren, verplicht
	//   duur: getal 1–1440
	//   werkvorm: keuze individueel|duo|groep|klassikaal
	//   sectoren: lijst van ids van sector
	//   materialen: lijst van teksten
	//   werkblad: ja/nee
	//   werkblad_secties: lijst van teksten
	// content/kalender/: activiteit (activiteiten)
	//   soort: keuze bedrijfsbezoek|gastspreker|meeloopdag|beurs|open-dag|stage|workshop|gesprek|overig, verplicht
	//   datum: datum, verplicht
	//   tot: datum
	//   tijd: tijd
	//   leerjaren: lijst van leerjaren, verplicht
	//   sectoren: lijst van ids van sector
	//   competenties: lijst van ids van competentie
	//   opdrachten: lijst van ids van opdracht
	//   locatie: tekst
	// content/sectoren/: sector (sectoren)
	//   beroepen: lijst van teksten
	//   certificaten: lijst van teksten
	// content/gesprekken/: gespreksleidraad (gespreksleidraden)
	//   soort: keuze coachgesprek|loopbaangesprek|iop-gesprek|opp-evaluatie|stage-evaluatie, verplicht
	//   kernvragen: lijst van ids van kernvraag
	//   competenties: lijst van ids van competentie
	//   leerjaren: lijst van leerjaren
	//   deelnemers: lijst van teksten
	//   frequentie: tekst
	// content/modellen/: model (modellen)
	//   nummer: getal 1–4, verplicht
}

// ExampleSettingsKeys lists the keys of content/site.yaml.
func ExampleSettingsKeys() {
	for _, k := range content.SettingsKeys() {
		line := fmt.Sprintf("%s: %s", k.Name, k.Type)
		if len(k.Values) > 0 {
			line += " " + strings.Join(k.Values, "|")
		}
		if k.Max > 0 {
			line += fmt.Sprintf(" %d–%d", k.Min, k.Max)
		}
		if k.Required {
			line += ", verplicht"
		}
		fmt.Println(line)
	}
	// Output:
	// school: tekst, verplicht
	// titel: tekst, verplicht
	// taal: keuze nl|en
	// model: getal 1–4, verplicht
	// groeipad: lijst van getallen 1–4
	// schooljaar: schooljaar, verplicht
	// leerjaren: getal 1–8
	// perioden: lijst van perioden
	// basis_url: webadres
	// thema: tekst
	// toegestane_domeinen: lijst van teksten
	// toegestane_nummers: lijst van teksten
	// ruwe_html: ja/nee
	// werkblad_secties: lijst van teksten
}
