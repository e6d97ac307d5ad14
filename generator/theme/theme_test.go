package theme

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"lobsite/themes"
)

func builtin() fstest.MapFS {
	return fstest.MapFS{
		"layouts/basis.html":     {Data: []byte(`<html lang="{{.Lang}}"><body>{{deel "kopje" .}}{{block "inhoud" .}}{{end}}</body></html>`)},
		"layouts/_delen.html":    {Data: []byte(`{{define "kopje"}}<h1>{{t "titel"}}</h1>{{end}}`)},
		"layouts/pagina.html":    {Data: []byte(`{{define "inhoud"}}<p>{{.Tekst}} · {{t "meer"}} · {{t .Soort}}</p>{{end}}`)},
		"assets/style.css":       {Data: []byte("body{}")},
		"i18n/nl.yaml":           {Data: []byte("titel: Handboek & meer\nmeer: Meer\nstage: Stage\n")},
		"i18n/en.yaml":           {Data: []byte("titel: Handbook\nstage: Internship\n")},
		"layouts/.verborgen":     {Data: []byte("niet laden")},
		"assets/logo.svg":        {Data: []byte("<svg/>")},
		"layouts/_leeg.html":     {Data: []byte(``)},
		"layouts/kernvraag.html": {Data: []byte(`{{define "inhoud"}}<p>vraag</p>{{end}}`)},
	}
}

type data struct{ Lang, Tekst, Soort string }

// The test data is a Caller whose partials see the data itself, uncached.
func (d data) PartKey() (PartKey, *Parts) { return PartKey{}, nil }
func (d data) Frame() any                 { return d }

func render(t *testing.T, th *Theme, kind string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := th.Execute(&buf, kind, data{Lang: "nl", Tekst: "<b>", Soort: "stage"}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestLoadAndExecute(t *testing.T) {
	th, err := Load(builtin(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := render(t, th, "pagina")
	want := `<html lang="nl"><body><h1>Handboek &amp; meer</h1><p>&lt;b&gt; · Meer · Stage</p></body></html>`
	if got != want {
		t.Errorf("page:\n%s\nwant:\n%s", got, want)
	}
	if a := strings.Join(th.Assets(), ","); a != "logo.svg,style.css" {
		t.Errorf("assets = %s", a)
	}
	if !th.Has("kernvraag") || th.Has("opdracht") {
		t.Errorf("Has: kernvraag %v, opdracht %v", th.Has("kernvraag"), th.Has("opdracht"))
	}
}

func TestOverrideFileByFile(t *testing.T) {
	override := fstest.MapFS{
		"layouts/pagina.html": {Data: []byte(`{{define "inhoud"}}<main>eigen {{t "meer"}}</main>{{end}}`)},
		"assets/style.css":    {Data: []byte("main{}")},
	}
	th, err := Load(builtin(), override, Options{Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, th, "pagina"); !strings.Contains(got, "<main>eigen Meer</main>") {
		t.Errorf("override layout not used: %s", got)
	}
	if string(th.Asset("style.css")) != "main{}" || string(th.Asset("logo.svg")) != "<svg/>" {
		t.Errorf("assets: style.css %q, logo.svg %q", th.Asset("style.css"), th.Asset("logo.svg"))
	}
	base, _ := Load(builtin(), nil, Options{Lang: "nl"})
	if base.Hash() == th.Hash() {
		t.Errorf("an override does not change the theme hash")
	}
}

func TestEnglishFallsBackToDutch(t *testing.T) {
	th, err := Load(builtin(), nil, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if th.T("titel") != "Handbook" || th.T("meer") != "Meer" || th.T("onbekend") != "onbekend" {
		t.Errorf("T: %q %q %q", th.T("titel"), th.T("meer"), th.T("onbekend"))
	}
	if _, err := Load(builtin(), nil, Options{Lang: "de"}); err == nil {
		t.Errorf("a language without strings loaded")
	}
}

func TestErrors(t *testing.T) {
	noBase := builtin()
	delete(noBase, "layouts/basis.html")
	if _, err := Load(noBase, nil, Options{Lang: "nl"}); err == nil || !strings.Contains(err.Error(), "basis.html") {
		t.Errorf("missing basis.html: %v", err)
	}
	broken := fstest.MapFS{"layouts/pagina.html": {Data: []byte(`{{define "inhoud"}}{{.Tekst}{{end}}`)}}
	if _, err := Load(builtin(), broken, Options{Lang: "nl"}); err == nil || !strings.Contains(err.Error(), "layouts/pagina.html:1") {
		t.Errorf("template error does not name file and line: %v", err)
	}
	th, _ := Load(builtin(), nil, Options{Lang: "nl"})
	if err := th.Execute(&bytes.Buffer{}, "opdracht", nil); err == nil || !strings.Contains(err.Error(), "layouts/opdracht.html") {
		t.Errorf("missing layout: %v", err)
	}
}

// TestUIStringsAreText checks that a UI string that looks like template
// code is shown as it is written, never run.
func TestUIStringsAreText(t *testing.T) {
	override := fstest.MapFS{"i18n/nl.yaml": {Data: []byte("titel: \"Naar {{.Lang}} en {{ en }}\"\nmeer: Meer\n")}}
	th, err := Load(builtin(), override, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, th, "pagina"); !strings.Contains(got, "<h1>Naar {{.Lang}} en {{ en }}</h1>") {
		t.Errorf("the UI string was not written as text:\n%s", got)
	}
}

// TestLoadAsWritten checks that errors of a theme loaded as written point
// at the line in the file, where the UI strings put in by Load (here one
// spanning two lines) would move them.
func TestLoadAsWritten(t *testing.T) {
	override := fstest.MapFS{
		"i18n/nl.yaml":        {Data: []byte("meer: \"Meer\\nen meer\"\n")},
		"layouts/pagina.html": {Data: []byte("{{define \"inhoud\"}}{{t \"meer\"}}\n<p>{{if .Tekst}</p>{{end}}\n{{end}}")},
	}
	_, err := Load(builtin(), override, Options{Lang: "nl"})
	if err == nil || !strings.Contains(err.Error(), "themes/default/layouts/pagina.html:2:") {
		t.Errorf("Load: %v; want the error at line 2, as written (the UI string put in moves it to line 3)", err)
	}

}

// TestReadsAll checks which layouts are marked as reading what a build
// cannot record: another page's Rel or List.
func TestReadsAll(t *testing.T) {
	tests := []struct {
		inhoud string
		all    bool
	}{
		{`{{.Page.Title}}{{range .Page.Competency.Rel.Exercises}}{{.Title}}{{end}}`, false},
		{`{{with .Page.Competency.Rel.Questions}}{{$.InlineLinks .}}{{end}}`, false},
		{`{{range .Site.Exercises}}{{.Title}} {{.Exercise.Years}}{{end}}`, false},
		{`{{template "lijstje" (dict "V" $ "L" .Page.List.Pages)}}`, false},
		{`{{range $.Page.Sector.Rel.Exercises}}{{range .Exercise.Rel.Activities}}{{.Title}}{{end}}{{end}}`, true},
		{`{{range .Site.Competencies}}{{.Competency.Rel.Questions}}{{end}}`, true},
		{`{{with .Page.Competency}}{{.Rel.Exercises}}{{end}}`, false},
		{`{{$p := .Page}}{{$p.Competency.Rel.Exercises}}`, false},
		{`{{range $c := .Site.Competencies}}{{$c.Competency.Rel.Questions}}{{end}}`, true},
		{`{{with .Page.Competency.Rel.Exercises}}{{range .}}{{.Exercise.Rel.Sectors}}{{end}}{{end}}`, true},
		{`{{(index .Page.List.Pages 0).List.Sub}}`, true},
		{`{{.Site.Home.List.Pages}}`, true},
		{`{{template "lijstje" (dict "V" $ "L" .Site.Home.List.Pages)}}`, true},
		{`{{template "rel" .Page.Competency}}`, false},
		{`{{template "rel" (index .Site.Competencies 0).Competency}}`, true},
	}
	for _, tt := range tests {
		override := fstest.MapFS{
			"layouts/pagina.html": {Data: []byte(`{{define "inhoud"}}` + tt.inhoud + `{{end}}`)},
			"layouts/_x.html":     {Data: []byte(`{{define "lijstje"}}{{.V.Links .L}}{{end}}{{define "rel"}}{{.Rel.Exercises}}{{end}}`)},
		}
		th, err := Load(builtin(), override, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.inhoud, err)
		}
		if got := th.ReadsAll("pagina"); got != tt.all {
			t.Errorf("%s: ReadsAll = %v, want %v", tt.inhoud, got, tt.all)
		}
		if th.ReadsAll("kernvraag") {
			t.Errorf("%s: another layout was marked", tt.inhoud)
		}
	}
}

// TestDefaultThemeRecordsItsPages checks that the default theme's layouts
// of the many pages (exercises above all) read nothing that cannot be
// recorded, so an edit re-renders only the pages that show it.
func TestDefaultThemeRecordsItsPages(t *testing.T) {
	th, err := Load(themes.Default(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"opdracht", "kernvraag", "competentie", "activiteit", "sector", "model", "gesprek", "pagina", "lijst", "lijst-kalender", "404"} {
		if !th.Has(kind) {
			t.Errorf("the default theme has no layout %s", kind)
		} else if th.ReadsAll(kind) {
			t.Errorf("layout %s reads another page's Rel or List: its pages are rendered again on every edit", kind)
		}
	}
}
