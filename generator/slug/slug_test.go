package slug

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Loopbaanoriëntatie Week", "loopbaanorientatie-week"},
		{"Loopbaanoriëntatie & stage", "loopbaanorientatie-stage"},
		{"  Wie ben ik?  ", "wie-ben-ik"},
		{"Zorg_en_Welzijn", "zorg-en-welzijn"},
		{"Café Één", "cafe-een"},
		{"Straße", "strasse"},
		{"IJsselmeer ĳs", "ijsselmeer-ijs"},
		{"**Doel**", "doel"},
		{"2026-2027", "2026-2027"},
		{"ﬁets in Ｇｒｏｅｎ²", "fiets-in-groen2"},
		{"???", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Make(norm.NFD.String(tt.in)); got != tt.want {
			t.Errorf("Make(NFD %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestASCIIPath checks that ASCII text, which skips Unicode decomposition,
// gets the slug the general path gives: a combining accent in front (which
// the slug drops) sends the same text through that path.
func TestASCIIPath(t *testing.T) {
	var all []byte
	for c := byte(0); c < 128; c++ {
		all = append(all, c)
	}
	for _, s := range []string{string(all), "Wat KAN ik? 3 + 4", "A-B_C.D", "--x--", "Z"} {
		if fast, general := Make(s), Make("\u0301"+s); fast != general {
			t.Errorf("Make(%q) = %q, general path %q", s, fast, general)
		}
	}
	if got := Make(string(all)); got != "0123456789-abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz" {
		t.Errorf("Make(all ASCII) = %q", got)
	}
}

func TestAnchors(t *testing.T) {
	a := NewAnchors()
	got := []string{a.Next("Doel"), a.Next("Doel"), a.Next("doel"), a.Next("!!"), a.Next("Doel 1"), a.Next("!!")}
	want := []string{"doel", "doel-1", "doel-2", "kop", "doel-1-1", "kop-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("anchor %d = %q, want %q", i, got[i], want[i])
		}
	}
	if len(a.List()) != 6 {
		t.Errorf("List has %d anchors, want 6", len(a.List()))
	}
}

// TestAnchorsManyDuplicates checks that equal headings keep counting up;
// with 20,000 of them a quadratic search would take seconds.
func TestAnchorsManyDuplicates(t *testing.T) {
	a := NewAnchors()
	var last string
	for i := 0; i < 20000; i++ {
		last = a.Next("Kop")
	}
	if last != "kop-19999" {
		t.Errorf("last anchor = %q, want kop-19999", last)
	}
	if got := a.Next("Kop 5"); got != "kop-5-1" {
		t.Errorf("Next(Kop 5) = %q, want kop-5-1", got)
	}
}
