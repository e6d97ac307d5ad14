package generator

import (
	"strings"
	"testing"

	"lobsite/generator/content"
)

func testView(p *content.Page) *view {
	return &view{Page: p, Root: rootPrefix(p.URL), t: func(k string) string { return k }}
}

// TestTOC reads the ## headings of bodies as the Markdown renderer writes
// them, minified or not, and makes a table of contents from three on.
func TestTOC(t *testing.T) {
	v := testView(&content.Page{URL: "handboek/visie/"})
	tests := []struct{ body, want string }{
		{`<h2 id="doel">Doel</h2><p>x</p><h3 id="a">A</h3><h2 id="zo-werk-je">Zo <em>werk</em> je</h2><h2 id='na'>Na &amp; voor</h2>`,
			`<nav class="toc" aria-labelledby="toc_kop"><p class="toc-kop" id="toc_kop">op_deze_pagina</p><ol><li><a href="#doel">Doel</a></li><li><a href="#zo-werk-je">Zo werk je</a></li><li><a href="#na">Na &amp; voor</a></li></ol></nav>`},
		{`<h2 id=doel>Doel</h2><h2 id=b class=x>B</h2><h2 data-id=q id=c>C</h2>`,
			`<nav class="toc" aria-labelledby="toc_kop"><p class="toc-kop" id="toc_kop">op_deze_pagina</p><ol><li><a href="#doel">Doel</a></li><li><a href="#b">B</a></li><li><a href="#c">C</a></li></ol></nav>`},
		{`<h2 id=doel>Doel</h2><h2 id=b>B</h2>`, ""},     // too short
		{`<h2 id=doel>Doel</h2><h2 id=b>B</h2><h2>`, ""}, // cut off
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(v.toc(tt.body)); got != tt.want {
			t.Errorf("toc(%s)\n got %s\nwant %s", tt.body, got, tt.want)
		}
	}
}

// TestPrevNextAndSideNav checks previous/next among the free pages of a
// folder in its order, and the side navigation marking only the current
// page.
func TestPrevNextAndSideNav(t *testing.T) {
	list := &content.Page{Kind: content.KindList, Dir: "handboek", URL: "handboek/", Title: "Handboek"}
	a := &content.Page{Kind: content.KindPage, Dir: "handboek", URL: "handboek/a/", Title: "Eerste"}
	b := &content.Page{Kind: content.KindPage, Dir: "handboek", URL: "handboek/b/", Title: "Tweede & meer"}
	c := &content.Page{Kind: content.KindPage, Dir: "handboek", URL: "handboek/c/", Title: "Derde"}
	list.List = &content.List{Pages: []*content.Page{a, b, c}}
	listOf := map[string]*content.Page{"handboek": list}

	v := testView(b)
	lp := folderList(b, listOf)
	if lp != list {
		t.Fatalf("folderList = %v", lp)
	}
	if got, want := string(v.prevNext(lp)), `<nav class="bladeren" aria-label="bladeren"><a class="vorig" href="../../handboek/a/"><span class="stap">vorige</span> Eerste</a><a class="volgend" href="../../handboek/c/"><span class="stap">volgende</span> Derde</a></nav>`; got != want {
		t.Errorf("prevNext of the middle page:\n got %s\nwant %s", got, want)
	}
	if got := string(testView(a).prevNext(lp)); strings.Contains(got, "vorig") || !strings.Contains(got, `href="../../handboek/b/"`) {
		t.Errorf("prevNext of the first page: %s", got)
	}
	if got := string(testView(list).prevNext(list)); got != "" {
		t.Errorf("prevNext of the list page: %s", got)
	}
	got := string(v.sideNav(lp))
	want := `<nav class="zijnav" aria-label="in_dit_onderdeel: Handboek"><p class="zijnav-kop"><a href="../../handboek/">Handboek</a></p><ul><li><a href="../../handboek/a/">Eerste</a></li><li><a aria-current="page" href="../../handboek/b/">Tweede &amp; meer</a></li><li><a href="../../handboek/c/">Derde</a></li></ul></nav>`
	if got != want {
		t.Errorf("sideNav:\n got %s\nwant %s", got, want)
	}
	if n := strings.Count(string(testView(list).sideNav(list)), "aria-current"); n != 1 {
		t.Errorf("side navigation of the list page marks %d links current, want 1", n)
	}
	for i := 0; i < sideNavMax; i++ {
		list.List.Pages = append(list.List.Pages, &content.Page{Kind: content.KindPage, Dir: "handboek", URL: "handboek/x/"})
	}
	if got := string(v.sideNav(lp)); got != "" {
		t.Errorf("side navigation of a folder of %d pages: %s", len(list.List.Pages), got)
	}
	if got := folderList(&content.Page{Kind: content.KindHome}, listOf); got != nil {
		t.Errorf("folderList of the home page = %v", got)
	}
}
