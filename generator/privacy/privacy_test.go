package privacy

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var schoolDomains = []string{"dewissel.example.nl"}

// marked turns a text with «…» around every expected finding into the plain
// text and the expected findings, with their byte offsets in the plain text.
// kinds gives the kind of each marked span, in order.
func marked(t *testing.T, src string, kinds ...Kind) (string, []Finding) {
	t.Helper()
	var b strings.Builder
	var want []Finding
	open := -1
	for _, r := range src {
		switch r {
		case '«':
			open = b.Len()
		case '»':
			if open < 0 || len(want) >= len(kinds) {
				t.Fatalf("bad markers or too few kinds in %q", src)
			}
			s := b.String()
			want = append(want, Finding{Offset: open, End: len(s), Kind: kinds[len(want)], Match: s[open:]})
			open = -1
		default:
			b.WriteRune(r)
		}
	}
	if len(want) != len(kinds) {
		t.Fatalf("%q: %d marked spans, %d kinds", src, len(want), len(kinds))
	}
	return b.String(), want
}

type scanCase struct {
	text  string // expected findings between « and »
	kinds []Kind
}

// Valid BSNs used below, checked by hand with the 11-proef:
//
//	123456782: 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−2 = 154 = 14·11
//	111222333: 9+8+7+12+10+8+9+6−3 = 66 = 6·11
//	012345672: 0+8+14+18+20+20+18+14−2 = 110 = 10·11
//	347712782: 27+32+49+42+5+8+21+16−2 = 198 = 18·11
//	976787301: 81+56+42+42+40+28+9+0−1 = 297 = 27·11
//	100000009: 9−9 = 0
//
// 123456789 fails: 154+2−9 = 147 = 13·11+4.
var bsnCases = []scanCase{
	{"BSN: «123456782».", []Kind{BSN}},
	{"«111222333» is het nummer", []Kind{BSN}},
	{"met voorloopnul «012345672»", []Kind{BSN}},
	{"(«347712782»)", []Kind{BSN}},
	{"**«976787301»**", []Kind{BSN}},
	{"nummers «123456782», «100000009» en «111222333»", []Kind{BSN, BSN, BSN}},
	{"4-2-3 met punten «1234.56.782» staat hier", []Kind{BSN}},
	{"4-2-3 met spaties «1234 56 782»", []Kind{BSN}},
	{"3-3-3 met punten «123.456.782»", []Kind{BSN}},
	{"3-3-3 met spaties «123 456 782» ok", []Kind{BSN}},
	{"regel 1\n«123456782»\nregel 3", []Kind{BSN}},
	{"bsn=«123456782»", []Kind{BSN}},
	{"leerlingnummer «123456782» (geen label voor een ander soort nummer)", []Kind{BSN}},

	// Not a BSN.
	{"fout in de 11-proef: 123456789", nil},
	{"allemaal nullen: 000000000", nil},
	{"tien cijfers 1234567820 en acht 12345678", nil},
	{"vast aan letters: a123456782 123456782b NL123456782B01", nil},
	{"deel van een groter getal: 1.123.456.782 en 123456782,50 en 123456782.5 en 12:123456782", nil},
	{"met streepjes: «123-456-782» en «1234-56-782»", []Kind{BSN, BSN}},
	{"met harde afbreekstreepjes: «123\u2011456\u2011782»", []Kind{BSN}},
	{"gemengde scheiding: 1234.56 782 en 123.456 782", nil},
	{"bedrag: € 123.456.782", nil},
	{"Ordernummer: 123456782", nil},
	{"Artikel nr. 123456782 en bestelnr 1234 56 782", nil},
	{"KvK 123456782, factuur #123456782", nil},
	{"zie https://voorbeeld.example/leerling/123456782 en www.voorbeeld.example?id=123456782", nil},
	{"[lees meer](opdrachten/123456782.md) en <https://voorbeeld.example/a/123456782>", nil},
	{"groepen van vier: 1234 5678 9012", nil},
}

var phoneCases = []scanCase{
	{"Bel «06-12345678».", []Kind{Phone}},
	{"«06 1234 5678»", []Kind{Phone}},
	{"mobiel: «0612345678»", []Kind{Phone}},
	{"«06 12 34 56 78» of «06-123 456 78»", []Kind{Phone, Phone}},
	{"«06 - 12345678»", []Kind{Phone}},
	{"en-streepje: «06–12345678»", []Kind{Phone}},
	{"«+31 6 12345678»", []Kind{Phone}},
	{"«+31(0)6-12345678»", []Kind{Phone}},
	{"«+31 (0)6 1234 5678»", []Kind{Phone}},
	{"«0031 6 12345678» en «0031612345678»", []Kind{Phone, Phone}},
	{"«+31612345678»", []Kind{Phone}},
	{"«+31 06 12345678» (met overbodige 0)", []Kind{Phone}},
	{"vast: «010-1234567», «0201234567», «0575 123456»", []Kind{Phone, Phone, Phone}},
	{"«010 - 123 45 67» of «010 123 4567» of «0575-12 34 56»", []Kind{Phone, Phone, Phone}},
	{"«+31 20 123 4567» en «+31 575 123456»", []Kind{Phone, Phone}},
	{"«(020) 123 4567» of «(06) 12345678»", []Kind{Phone, Phone}},
	{"[bel ons](tel:«0612345678»)", []Kind{Phone}},
	{"in 2026 «06 12345678» bellen", []Kind{Phone}},
	{"om 10:00 «0612345678» bellen", []Kind{Phone}},
	{"«0612345678» 2 keer", []Kind{Phone}},
	{"tel./fax: «010-1234567» / «010-1234568»", []Kind{Phone, Phone}},
	{"| Jan | «06-12345678» |", []Kind{Phone}},
	{"harde spatie: «06\u00a012345678» en «+31\u00a06\u00a012345678»", []Kind{Phone, Phone}},
	{"«+31 (0) 20 123 45 67»", []Kind{Phone}},

	// Not a phone number.
	{"datum 2026-10-12, 12-10-2026, 06-10-2026 12:00 en 12.10.2026", nil},
	{"tijd 09:00-12:00, 0900-1200, 08.30 - 12.00 uur", nil},
	{"schooljaar 2026-2027, jaren 2024 2025 2026 2027", nil},
	{"duur: 45\nleerjaren: [1, 2]\nbereik 1-2", nil},
	{"ISO 9001:2015 en ISO 27001, NEN-EN-ISO 14001", nil},
	{"ISBN 978-90-1234-567-8 en ISBN 0-306-40615-2", nil},
	{"te kort 06-1234567, te lang 06-123456789 en 061234567890", nil},
	{"geen netnummer: 0012345678, 1012345678", nil},
	{"langer getal: 06-12345678-9 en 06.12345678.9", nil},
	{"Bestelnummer: 0612345678", nil},
	{"https://voorbeeld.example/bel/0612345678 en /pad/010-1234567", nil},
	{"postcode 1234 AB Dorpsveen", nil},
	{"versie v1.2.3 en 1.000.000 bezoekers", nil},
	{"+32 6 12345678 is Belgisch", nil},
}

// moreNotations are the notations a second round of testing found missed:
// a slash, non-breaking hyphens, narrow and thin spaces, a fullwidth at and
// a domain with non-ASCII letters.
var moreNotations = []scanCase{
	{"bel «06/12345678» of «010/1234567»", []Kind{Phone, Phone}},
	{"mobiel «06\u201112345678» en «0575\u2011123456»", []Kind{Phone, Phone}},
	{"«06\u202f1234\u202f5678» en «020\u2009123\u20094567»", []Kind{Phone, Phone}},
	{"mail «ouder＠provider.example»", []Kind{Email}},
	{"mail «ouder@schoöl.example» en «kind＠bücher.example».", []Kind{Email, Email}},
	{"datum 12/10/2026 en schooljaar 2026/2027 en pad /a/0612345678", nil},
	{"decaan＠dewissel.example.nl", nil},
}

// spelledOut are numbers written digit by digit, and lists of single
// digits that are not numbers.
var spelledOut = []scanCase{
	{"bel «0 6 1 2 3 4 5 6 7 8» of «0-5-7-5-1-2-3-4-5-6»", []Kind{Phone, Phone}},
	{"bsn «1 2 3 4 5 6 7 8 2» staat erop", []Kind{BSN}},
	{"geef een cijfer: 0 1 2 3 4 5 6 7 8 9 10", nil},
	{"de reeks 0 1 2 3 4 5 6 7 8 9", nil},
	{"tel 1 2 3 4 5 6 7 8 9 (geen 11-proef)", nil},
	{"gemengd 0 6 1 2-3 4 5 6 7 8", nil},
}

func TestScanSpelledOut(t *testing.T) { runCases(t, New(schoolDomains), spelledOut) }

// birthDates are dates next to names or labels, and dates that are not
// birth dates; pupils of the school year 2026-2027 are born 2001..2018.
var birthDates = []scanCase{
	{"«Sanne de Vries, 12-03-2012», klas 2B", []Kind{BirthDate}},
	{"«Mo el Amrani (3/7/2011») en «2010-05-14 Lotte Jansen»", []Kind{BirthDate, BirthDate}},
	{"leerling «Fleur van der Berg 14 maart 2013»", []Kind{BirthDate}},
	{"«geboren op 1 januari 1990»: ook buiten de jaren van leerlingen", []Kind{BirthDate}},
	{"«Geb. 04.11.2012»", []Kind{BirthDate}},
	{"«date of birth: 3 Mar 2012»", []Kind{BirthDate}},
	{"Open Dag Techniekhuis op 12-03-2026 om 19:00", nil},
	{"Maandag Vrijdag 12-03-2012", nil},
	{"vanaf 2012 werkt de school met Model Drie", nil},
	{"Jan Jansen belde op 12-03-1980", nil},
	{"versie 1.12-03-2012 van Piet Klaas", nil},
}

func TestScanBirthDates(t *testing.T) {
	runCases(t, New(schoolDomains).WithBirthYears(2001, 2018), birthDates)
}

func TestScanMoreNotations(t *testing.T) { runCases(t, New(schoolDomains), moreNotations) }

// TestAllowedNumbers checks that the school's own numbers (toegestane_nummers)
// are not reported in any notation, and that other numbers still are.
func TestAllowedNumbers(t *testing.T) {
	s := New(schoolDomains, "0575-123456", "+31 6 11112222", "geen nummer")
	runCases(t, s, []scanCase{
		{"bel 0575-123456, (0575) 12 34 56, +31 575 123456 of 0031 (0)575 123456", nil},
		{"of 06-11112222 en 06 1111 2222", nil},
		{"maar niet «0575-123457» en niet «06-11112223»", []Kind{Phone, Phone}},
		{"een BSN blijft: «123456782»", []Kind{BSN}},
	})
}

var emailCases = []scanCase{
	{"mail «ouder@voorbeeld.example».", []Kind{Email}},
	{"«info@example.org» is niet vanzelf toegestaan", []Kind{Email}},
	{"<mailto:«a.b-c+lob@andere-school.example»>", []Kind{Email}},
	{"«Leerling12@Provider.Example.COM»", []Kind{Email}},
	{"lijkt op school: «x@notdewissel.example.nl»", []Kind{Email}},
	{"«piet@dewissel.example.nl.elders.example»", []Kind{Email}},
	{"«a@b.example», «c@d.example»", []Kind{Email, Email}},

	// Allowed or not an address.
	{"decaan@dewissel.example.nl", nil},
	{"Decaan@DeWissel.Example.NL", nil},
	{"mentor@team.dewissel.example.nl", nil},
	{"logo@2x.png en foto@3x.jpeg", nil},
	{"volg @dewissel en naam@localhost en a@b", nil},
	{"x@-fout-.example en y@fout..example en z@.example", nil},
	{"@@ en @ en geen@", nil},
}

func runCases(t *testing.T, s *Scanner, cases []scanCase) {
	t.Helper()
	for _, c := range cases {
		text, want := marked(t, c.text, c.kinds...)
		got := s.Scan([]byte(text))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Scan(%q)\n got %+v\nwant %+v", text, got, want)
		}
	}
}

func TestScanBSN(t *testing.T)   { runCases(t, New(schoolDomains), bsnCases) }
func TestScanPhone(t *testing.T) { runCases(t, New(schoolDomains), phoneCases) }
func TestScanEmail(t *testing.T) { runCases(t, New(schoolDomains), emailCases) }

func TestScanMixedOrderAndOffsets(t *testing.T) {
	// "Één" is 5 bytes, so offsets are byte offsets, not runes.
	text := "Één leerling: 123456782\nTel: 06-12345678, mail ouder@voorbeeld.example"
	want := []Finding{
		{Offset: 16, End: 25, Kind: BSN, Match: "123456782"},
		{Offset: 31, End: 42, Kind: Phone, Match: "06-12345678"},
		{Offset: 49, End: 72, Kind: Email, Match: "ouder@voorbeeld.example"},
	}
	got := New(schoolDomains).Scan([]byte(text))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestScanOverlapSorted(t *testing.T) {
	text := "mail ouder@voorbeeld.example of 0612345678@voorbeeld.example"
	want := []Finding{
		{Offset: 5, End: 28, Kind: Email, Match: "ouder@voorbeeld.example"},
		{Offset: 32, End: 42, Kind: Phone, Match: "0612345678"},
		{Offset: 32, End: 60, Kind: Email, Match: "0612345678@voorbeeld.example"},
	}
	got := New(nil).Scan([]byte(text))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestScanNothing(t *testing.T) {
	s := New(schoolDomains)
	for _, text := range []string{"", "geen cijfers", "2026", "123 456 78", strings.Repeat("1 ", 100)} {
		if got := s.Scan([]byte(text)); got != nil {
			t.Errorf("Scan(%q) = %+v, want nil", text, got)
		}
	}
}

func TestNewNormalisesDomains(t *testing.T) {
	s := New([]string{" @DeWissel.Example.NL ", "*.andere.example", ".derde.example.", "", "  "})
	want := []string{"dewissel.example.nl", "andere.example", "derde.example"}
	if !reflect.DeepEqual(s.allowed, want) {
		t.Fatalf("allowed = %q, want %q", s.allowed, want)
	}
	text := "a@dewissel.example.nl b@x.andere.example c@derde.example d@vierde.example"
	got := s.Scan([]byte(text))
	if len(got) != 1 || got[0].Match != "d@vierde.example" {
		t.Errorf("Scan = %+v, want only d@vierde.example", got)
	}
}

func TestZeroScannerAllowsNoDomain(t *testing.T) {
	var s Scanner
	got := s.Scan([]byte("decaan@dewissel.example.nl"))
	if len(got) != 1 || got[0].Kind != Email {
		t.Errorf("Scan = %+v, want one e-mail finding", got)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{BSN: "BSN", Phone: "telefoonnummer", Email: "e-mailadres", Kind(0): "Kind(0)", Kind(9): "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func TestMessage(t *testing.T) {
	for _, c := range []struct {
		f    Finding
		want string
	}{
		{Finding{Kind: BSN, Match: "123456782"},
			"dit lijkt op een BSN (123456782); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar"},
		{Finding{Kind: Phone, Match: "06-12345678"},
			"dit lijkt op een telefoonnummer (06-12345678); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar"},
		{Finding{Kind: Email, Match: "ouder@voorbeeld.example"},
			"dit lijkt op een e-mailadres buiten de toegestane domeinen (ouder@voorbeeld.example); een handboek mag geen leerlinggegevens bevatten: " +
				"haal het weg of maak het onherkenbaar (is het een adres van school, zet het domein dan bij toegestane_domeinen in content/site.yaml)"},
		{Finding{Kind: Kind(0), Match: "x"},
			"dit lijkt op leerlinggegevens (x); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar"},
	} {
		if got := c.f.Message(); got != c.want {
			t.Errorf("Message() = %q\nwant %q", got, c.want)
		}
	}
}

func TestElfproef(t *testing.T) {
	for d, want := range map[string]bool{
		"123456782": true, "111222333": true, "012345672": true, "100000009": true,
		"123456789": false, "000000000": false, "000000009": false, "12345678": false, "1234567820": false,
	} {
		if got := elfproef([]byte(d)); got != want {
			t.Errorf("elfproef(%s) = %v, want %v", d, got, want)
		}
	}
}

func TestScanConcurrent(t *testing.T) {
	s := New(schoolDomains)
	text := []byte(samplePage(true))
	want := s.Scan(text)
	if len(want) != 3 {
		t.Fatalf("sample page: %d findings, want 3: %+v", len(want), want)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := s.Scan(text); !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprintf("got %+v", got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// checkFindings asserts the invariants every result of Scan must hold.
func checkFindings(t *testing.T, text []byte, got []Finding) {
	t.Helper()
	for i, f := range got {
		if f.Offset < 0 || f.Offset >= f.End || f.End > len(text) {
			t.Fatalf("finding %d %+v out of range for %d bytes", i, f, len(text))
		}
		if string(text[f.Offset:f.End]) != f.Match {
			t.Fatalf("finding %d: Match %q, text %q", i, f.Match, text[f.Offset:f.End])
		}
		if i > 0 && (got[i-1].Offset > f.Offset || got[i-1].Offset == f.Offset && got[i-1].End > f.End) {
			t.Fatalf("findings %d and %d out of order: %+v", i-1, i, got)
		}
		var digits []byte
		for j := 0; j < len(f.Match); j++ {
			if isDigit(f.Match[j]) {
				digits = append(digits, f.Match[j])
			}
		}
		switch f.Kind {
		case BSN:
			if !elfproef(digits) {
				t.Fatalf("BSN %q fails the 11-proef", f.Match)
			}
		case Phone:
			d := string(digits)
			if strings.HasPrefix(f.Match, "+31") || strings.HasPrefix(f.Match, "0031") {
				d = strings.TrimPrefix(strings.TrimPrefix(d, "00"), "31")
				if !strings.HasPrefix(d, "0") {
					d = "0" + d
				} else if strings.HasPrefix(d, "00") {
					d = d[1:] // "+31 (0)6"
				}
			}
			if len(d) != 10 || d[0] != '0' || d[1] == '0' {
				t.Fatalf("phone %q normalises to %q", f.Match, d)
			}
		case Email:
			if strings.Count(f.Match, "@") != 1 {
				t.Fatalf("e-mail %q", f.Match)
			}
		default:
			t.Fatalf("finding %d has kind %d", i, f.Kind)
		}
	}
}

func TestInvariantsOnCases(t *testing.T) {
	s := New(schoolDomains)
	for _, cs := range [][]scanCase{bsnCases, phoneCases, emailCases} {
		for _, c := range cs {
			text := []byte(strings.NewReplacer("«", "", "»", "").Replace(c.text))
			checkFindings(t, text, s.Scan(text))
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, cs := range [][]scanCase{bsnCases, phoneCases, emailCases} {
		for _, c := range cs {
			f.Add(strings.NewReplacer("«", "", "»", "").Replace(c.text))
		}
	}
	f.Add(samplePage(true))
	f.Add("+31 (0")
	f.Add("(06")
	f.Add("0031")
	f.Add("1 – 2")
	f.Add("a@" + "\xe2\x80")
	s := New(schoolDomains)
	f.Fuzz(func(t *testing.T, in string) {
		text := []byte(in)
		got := s.Scan(text)
		checkFindings(t, text, got)
		if !utf8.ValidString(in) {
			return
		}
		// Findings depend only on the text: scanning again gives the same.
		if again := s.Scan(text); !reflect.DeepEqual(got, again) {
			t.Fatalf("second scan differs: %+v vs %+v", got, again)
		}
	})
}

// samplePage returns a handbook page of about 3 KB. With data set it holds
// a BSN, a phone number and an e-mail address outside the school's domain.
func samplePage(data bool) string {
	var b strings.Builder
	b.WriteString(`---
titel: Bedrijfsbezoek bij de bakkerij
samenvatting: Leerlingen van leerjaar 2 bezoeken een bakkerij en vullen een observatieblad in.
competenties: [werkexploratie, netwerken]
kernvragen: [wat-kan-ik]
leerjaren: [2, 3]
duur: 90
werkvorm: groep
sectoren: [horeca-voeding]
materialen:
  - observatieblad
  - pen
---

# Bedrijfsbezoek bij de bakkerij

Op dinsdag 2026-10-13 gaat groep 2B van 09:00-12:00 op bezoek. We vertrekken om 8.45 uur
bij de fietsenstalling. De rit duurt 15 minuten. Neem je observatieblad mee (zie bijlage 1-2).

## Voorbereiding

1. Lees het observatieblad samen met je mentor.
2. Bedenk drie vragen voor de bakker. Denk aan: Wie ben ik? Wat kan ik? Wat wil ik?
3. Oefen je vraag met een klasgenoot. Je hebt 5 minuten per vraag.

Vragen over het bezoek? Mail de stagebegeleider via stage@dewissel.example.nl of kijk op
https://intranet.dewissel.example.nl/kalender/2026/10/13 voor de planning.

## Tijdens het bezoek

| tijd        | wat                              |
|-------------|----------------------------------|
| 09:15-09:45 | rondleiding door de bakkerij     |
| 09:45-10:30 | meehelpen bij het deeg kneden    |
| 10:30-11:00 | pauze en vragen stellen          |
| 11:00-11:45 | opruimen en bedanken             |

Let op veiligheid: haarnetje op, handen wassen, sieraden af. De bakkerij werkt volgens
HACCP en ISO 22000:2018. Het ovenprogramma staat op 220 graden.

## Na het bezoek

Vul in de les van 2026-10-15 het terugblikblad in. Schrijf op:

- wat je goed ging (kwaliteitenreflectie);
- wat je leuk vond en waarom (motievenreflectie);
- of dit werk bij je past (werkexploratie).

`)
	if data {
		b.WriteString("Leerling met BSN 123456782 mag niet mee; bel zijn moeder op 06-12345678 of mail ouder@voorbeeld.example.\n\n")
	}
	b.WriteString(`De mentor bespreekt het terugblikblad in het coachgesprek van periode 1 (2026-08-24 tot 2026-10-16).
Het resultaat gaat naar het IOP. Bewaar het blad in je portfolio.

## Voor de docent

Plan het bezoek minstens 4 weken vooraf. Reserveer het busje bij de conciërge (toestel 214).
Groepen groter dan 12 leerlingen splitsen we in twee. Begeleiding: 1 docent op 6 leerlingen.
Kosten: € 2,50 per leerling voor de proeverij, te betalen uit het LOB-budget (post 4.3.2).
`)
	for b.Len() < 3000 {
		b.WriteString("Tip: laat leerlingen na afloop een foto kiezen voor het portfolio en er één zin bij schrijven.\n")
	}
	return b.String()
}

func BenchmarkScanClean(b *testing.B)    { benchScan(b, samplePage(false)) }
func BenchmarkScanWithData(b *testing.B) { benchScan(b, samplePage(true)) }

func benchScan(b *testing.B, page string) {
	s := New(schoolDomains)
	text := []byte(page)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Scan(text)
	}
}
