package markdown

import (
	"slices"
	"strings"
	"testing"
)

// TestNumericReferencesLeadingZeros checks that decimal character
// references with leading zeros are read as decimal, as browsers do, in
// link targets, image targets and heading text (its anchor), and that
// malformed or out-of-range references follow CommonMark.
func TestNumericReferencesLeadingZeros(t *testing.T) {
	for raw, want := range map[string]string{
		"visie&#046;md":        "visie.md",
		"caf&#0233;.md":        "café.md",
		"&#0000106;avascript:": "javascript:",
		"&#x0006A;s":           "js",
		"&#X6a;":               "j",
		"a&#0;b":               "a\uFFFDb",
		"&#xD800;":             "\uFFFD",
		"&#1114112;":           "\uFFFD",
		"&#12345678;":          "&#12345678;", // eight digits: no reference
		"&#x1234567;":          "&#x1234567;",
		"&#;&#x;&#12":          "&#;&#x;&#12",
		"a &amp;#046; b":       "a &#046; b",
		"&#0389;":              "ƅ", // 389 decimal; not a failed octal
	} {
		if got := Destination([]byte(raw)); got != want {
			t.Errorf("Destination(%q) = %q; want %q", raw, got, want)
		}
	}
	src := "## Caf&#0233; en &#0046;net\n\n[v](visie&#046;md) ![f](foto&#00046;png) [j](&#0106;avascript:x)\n"
	var rec recorder
	res, err := New(Options{}).Render([]byte(src), &rec)
	if err != nil {
		t.Fatal(err)
	}
	wantCalls := []string{"3:1 false visie.md", "3:20 true foto.png", "3:42 false javascript:x"}
	if !slices.Equal(rec.calls, wantCalls) {
		t.Errorf("links %q; want %q", rec.calls, wantCalls)
	}
	if len(res.Anchors) != 1 || !strings.Contains(string(res.HTML), `id="`+res.Anchors[0]+`"`) || res.Anchors[0] != "cafe-en-net" {
		t.Errorf("anchors %q; want [cafe-en-net]\n%s", res.Anchors, res.HTML)
	}
}
