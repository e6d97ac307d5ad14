package content

import (
	"strings"
	"testing"
)

// TestWindowsProblem checks the names Windows cannot hold, in every case
// and with extensions, and names that look alike but are fine.
func TestWindowsProblem(t *testing.T) {
	bad := map[string]string{
		"CON.md": "CON", "con": "CON", "Nul.md": "NUL", "aux.png": "AUX", "PRN.tar.gz": "PRN",
		"com1.md": "COM1", "COM9": "COM9", "lpt1.txt": "LPT1", "Lpt9.md": "LPT9", "con .md": "CON",
		"a<b.md": "<", "a>b": ">", "tijd 10:00.md": ":", `zeg "hoi".md`: `"`, "a|b.md": "|",
		"vraag?.md": "?", "ster*.png": "*", "a\\b.md": "\\", "tab\there.md": "stuurteken",
		"punt.": "punt of spatie", "spatie.md ": "punt of spatie",
	}
	for name, want := range bad {
		if got := windowsProblem(name); got == "" || !strings.Contains(got, want) {
			t.Errorf("windowsProblem(%q) = %q; want it to name %q", name, got, want)
		}
	}
	for _, name := range []string{"console.md", "connect.md", "nullen.png", "com10.md", "com0.md", "lpt.md", "auxi.txt", "visie.md", "één.md", "a.b.c", ".lobsite"} {
		if got := windowsProblem(name); got != "" {
			t.Errorf("windowsProblem(%q) = %q; want none", name, got)
		}
	}
}
