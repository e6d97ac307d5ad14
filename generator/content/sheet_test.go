package content

import (
	"strings"
	"testing"

	"lobsite/generator/diag"
	"lobsite/generator/slug"
)

func TestSlugIs(t *testing.T) {
	for _, title := range []string{"Zo werk je", "zo  werk je!", "Zo-werk-je", " Werkblad ", "Wérkblad", "Werkbladen", "Werk", "", "--", "Zo werk je 2", "Stap 1: wat doe je?"} {
		for _, want := range []string{"zo-werk-je", "werkblad", "stap-1-wat-doe-je", "werk"} {
			if got, exact := slugIs(title, want), slug.Make(title) == want; got != exact {
				t.Errorf("slugIs(%q, %q) = %v, slug.Make gives %q", title, want, got, slug.Make(title))
			}
		}
	}
}

func TestScanSections(t *testing.T) {
	body := "Inleiding.\n\n## Doel\n\nTekst.\n\n```\n## geen kop\n```\n\n# Zo werk je #\n\n### Stap\n\n##Geen kop\n   ## Werkblad\n\n| a | |\n"
	got := scanSections([]byte(body), 5)
	want := []Section{{Title: "Doel", Line: 7, End: 14}, {Title: "Zo werk je", Line: 15, End: 19}, {Title: "Werkblad", Line: 20, End: 22}}
	if len(got) != len(want) {
		t.Fatalf("sections %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("section %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestPupilPart reads which sections are the pupil's, from site.yaml's
// werkblad_secties or the page's, and the warning where an exercise asks
// for a worksheet it has no pupil part for.
func TestPupilPart(t *testing.T) {
	s := DefaultSettings()
	s.SchoolYear = "2026-2027"
	parse := func(fm, body string) (*Page, []*diag.Problem) {
		var probs diag.List
		src := "---\ntitel: Oefening\ncompetenties: [netwerken]\nleerjaren: [1]\n" + fm + "---\n" + body
		pg := ParsePage("content/opdrachten/oefening.md", []byte(src), s, &probs)
		return pg, probs.Problems()
	}
	pupil := func(pg *Page) string {
		var out []string
		for _, sec := range pg.Exercise.Sections {
			if sec.Pupil {
				out = append(out, sec.Title)
			}
		}
		return strings.Join(out, ", ")
	}
	body := "## Doel\n\nx\n\n## Zo werk je\n\n1. a\n\n## Werkblad\n\n- \n\n## Nabespreken\n\ny\n"
	pg, probs := parse("", body)
	if got := pupil(pg); got != "Zo werk je, Werkblad" || !pg.Exercise.HasSheet() || len(probs) > 0 {
		t.Errorf("default: pupil %q, sheet %v, problems %v", got, pg.Exercise.HasSheet(), probs)
	}
	pg, _ = parse("werkblad_secties: [Nabespreken]\n", body)
	if got := pupil(pg); got != "Nabespreken" {
		t.Errorf("werkblad_secties of the page: pupil %q", got)
	}
	pg, _ = parse("werkblad: false\n", body)
	if pg.Exercise.HasSheet() {
		t.Error("werkblad: false has a worksheet")
	}
	// Asked for, not there: a warning at the key or the materialen item.
	for _, c := range []struct{ fm, want string }{
		{"werkblad: true\n", "content/opdrachten/oefening.md:5:1: waarschuwing: werkblad: true, maar de opdracht heeft geen deel voor de leerling"},
		{"materialen:\n  - stiften\n  - \"werkblad per leerling\"\n", "content/opdrachten/oefening.md:7:5: waarschuwing: materialen noemt een werkblad, maar"},
		{"werkblad_secties: [Opdracht]\n", "content/opdrachten/oefening.md:5:1: waarschuwing: werkblad_secties staat er, maar de opdracht heeft geen deel voor de leerling: geen kop ## Opdracht"},
	} {
		pg, probs := parse(c.fm, "## Doel\n\nx\n")
		if pg.Exercise.HasSheet() || len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), c.want) {
			t.Errorf("%q: problems %v, want one starting %q", c.fm, probs, c.want)
		}
	}
	// Not asked for: no warning.
	if _, probs := parse("", "## Doel\n\nx\n"); len(probs) > 0 {
		t.Errorf("no worksheet asked for: %v", probs)
	}
}
