package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"lobsite/generator/content"
)

// kleinRun builds the klein test site and returns the run, for views of
// its pages.
func kleinRun(t *testing.T) *run {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	b, err := NewBuilder(Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	r := b.newRun(context.Background(), false)
	if _, err := r.build(nil); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTOC reads the ## headings of bodies as the Markdown renderer writes
// them, minified or not, and makes a table of contents from three on.
func TestTOC(t *testing.T) {
	r := kleinRun(t)
	v := r.newView(r.site.ByURL["handboek/visie/"], "")
	head := `<nav class="toc" aria-labelledby="toc_kop"><p class="toc-kop" id="toc_kop">Op deze pagina</p><ol>`
	tests := []struct{ body, want string }{
		{`<h2 id="doel">Doel</h2><p>x</p><h3 id="a">A</h3><h2 id="zo-werk-je">Zo <em>werk</em> je</h2><h2 id='na'>Na &amp; voor</h2>`,
			head + `<li><a href="#doel">Doel</a></li><li><a href="#zo-werk-je">Zo werk je</a></li><li><a href="#na">Na &amp; voor</a></li></ol></nav>`},
		{`<h2 id=doel>Doel</h2><h2 id=b class=x>B</h2><h2 data-id=q id=c>C</h2>`,
			head + `<li><a href="#doel">Doel</a></li><li><a href="#b">B</a></li><li><a href="#c">C</a></li></ol></nav>`},
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
// folder in its order, the side navigation marking only the current page,
// and what the side navigation records as read.
func TestPrevNextAndSideNav(t *testing.T) {
	r := kleinRun(t)
	list := &content.Page{Kind: content.KindList, Section: "handboek", Dir: "handboek", URL: "handboek/", Title: "Handboek"}
	a := &content.Page{Kind: content.KindPage, Section: "handboek", Dir: "handboek", URL: "handboek/a/", Title: "Eerste"}
	b := &content.Page{Kind: content.KindPage, Section: "handboek", Dir: "handboek", URL: "handboek/b/", Title: "Tweede & meer"}
	c := &content.Page{Kind: content.KindPage, Section: "handboek", Dir: "handboek", URL: "handboek/c/", Title: "Derde"}
	list.List = &content.List{Pages: []*content.Page{a, b, c}}
	r.listOf["handboek"] = list
	view := func(p *content.Page) *view { return r.newView(p, "") }

	v := view(b)
	if got, want := string(v.PrevNext), `<nav class="bladeren" aria-label="Vorige en volgende"><a class="vorig" href="../../handboek/a/"><span class="stap">Vorige</span> Eerste</a><a class="volgend" href="../../handboek/c/"><span class="stap">Volgende</span> Derde</a></nav>`; got != want {
		t.Errorf("previous/next of the middle page:\n got %s\nwant %s", got, want)
	}
	if v.rec.reads&collAll == 0 {
		t.Errorf("a chapter's side navigation records %b, want every page", v.rec.reads)
	}
	if got := string(view(a).PrevNext); strings.Contains(got, "vorig") || !strings.Contains(got, `href="../../handboek/b/"`) {
		t.Errorf("previous/next of the first page: %s", got)
	}
	if got := string(view(list).PrevNext); got != "" {
		t.Errorf("previous/next of the list page: %s", got)
	}
	want := `<nav class="zijnav" aria-label="In dit onderdeel: Handboek"><p class="zijnav-kop"><a href="../../handboek/">Handboek</a></p><ul><li><a href="../../handboek/a/">Eerste</a></li><li><a aria-current="page" href="../../handboek/b/">Tweede &amp; meer</a></li><li><a href="../../handboek/c/">Derde</a></li></ul></nav>`
	if got := string(v.SideNav); got != want {
		t.Errorf("side navigation:\n got %s\nwant %s", got, want)
	}
	lv := view(list)
	if n := strings.Count(string(lv.SideNav), "aria-current"); n != 1 || lv.rec.reads != 0 {
		t.Errorf("side navigation of the list page marks %d links current and records %b, want 1 and nothing", n, lv.rec.reads)
	}
	for i := 0; i < sideNavMax; i++ {
		list.List.Pages = append(list.List.Pages, &content.Page{Kind: content.KindPage, Dir: "handboek", URL: "handboek/x/"})
	}
	if got := string(view(b).SideNav); got != "" {
		t.Errorf("side navigation of a folder of %d pages: %s", len(list.List.Pages), got)
	}

	// A competency shows its section, recorded as the competencies; an
	// exercise none, and records nothing for it.
	cv := view(r.site.ByURL["competenties/netwerken/"])
	if !strings.Contains(string(cv.SideNav), `<a aria-current="page" href="../../competenties/netwerken/">Netwerken</a>`) || cv.rec.reads&collCompetencies == 0 {
		t.Errorf("competency: side navigation %s, records %b", cv.SideNav, cv.rec.reads)
	}
	if ev := view(r.site.ByURL["opdrachten/netwerkkaart/"]); ev.SideNav != "" || ev.rec.reads != 0 {
		t.Errorf("exercise: side navigation %q, records %b", ev.SideNav, ev.rec.reads)
	}
	if hv := view(r.site.Home); hv.SideNav != "" || hv.PrevNext != "" || hv.rec.reads&collActivities == 0 {
		t.Errorf("home: side navigation %q, previous/next %q, records %b (want the activities)", hv.SideNav, hv.PrevNext, hv.rec.reads)
	}
}
