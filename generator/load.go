package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/markdown"
	"lobsite/generator/privacy"
	"lobsite/generator/theme"
	"lobsite/themes"
)

// The load stage: read the content (only the changed files, in an
// incremental build) and, in a full build, the theme; then list the pages
// the build writes.

// load reads the site and the theme into r. It fails with the problems
// found when there is nothing to render: no site, or no theme.
func (r *run) load(changed []string) error {
	site, probs := r.loader.Load(changed)
	r.probs = probs
	r.loaded = slices.Clone(probs.Problems())
	if site == nil {
		return probs.Err()
	}
	if r.baseURL != "" {
		site.Settings.BaseURL = r.baseURL
	}
	r.site = site
	if r.full || r.theme == nil {
		if err := r.loadTheme(); err != nil {
			return err
		}
	}
	r.probs.Add(r.themeWarn...)
	if r.md == nil || r.raw != site.Settings.RawHTML {
		r.md = markdown.New(markdown.Options{RawHTML: site.Settings.RawHTML, ReservedIDs: frameIDs})
		r.raw = site.Settings.RawHTML
	}
	if r.theme == nil {
		return probs.Err()
	}
	r.checkStatic()
	r.index()
	return nil
}

// index lists the pages to write, the site's and the generated ones, and
// the list pages by folder.
func (r *run) index() {
	r.listOf = map[string]*content.Page{}
	for _, p := range r.site.Pages {
		if p.Kind == content.KindList || p.Kind == content.KindHome {
			r.listOf[p.Dir] = p
		}
	}
	r.outs = r.outputs()
	r.pages = append(r.pages[:0], r.site.Pages...)
	r.addGenerated()
}

// activeStatic are the extensions of static files a browser runs scripts
// in when it opens them from the site's own address: published only with
// ruwe_html: true, like raw HTML in Markdown.
var activeStatic = map[string]bool{".html": true, ".htm": true, ".xhtml": true, ".svg": true, ".svgz": true, ".xml": true, ".xsl": true, ".shtml": true}

// checkStatic opens every static file, which must not take the address of
// a theme asset, and takes its signature (see staticSig).
func (r *run) checkStatic() {
	assets := map[string]bool{}
	for _, a := range r.theme.Assets() {
		assets[a] = true
	}
	r.sigs = make(map[string]string, len(r.site.Static))
	for _, sf := range r.site.Static {
		if ext := strings.ToLower(path.Ext(sf.URL)); activeStatic[ext] && !r.site.Settings.RawHTML {
			r.probs.Errorf(sf.Path, 0, 0, "een %s-bestand kan scripts bevatten die in de browser draaien, en wordt daarom niet gepubliceerd; zet de inhoud in een Markdown-pagina, lever het als PDF of afbeelding (PNG, JPG), of zet ruwe_html: true in site.yaml als alle schrijvers te vertrouwen zijn", strings.TrimPrefix(ext, "."))
		}
		if assets[sf.URL] {
			r.probs.Errorf(sf.Path, 0, 0, "dit bestand krijgt hetzelfde adres (/%s) als een bestand van het thema; geef het een andere naam, of pas het thema aan in themes/%s/assets/", sf.URL, r.site.Settings.Theme)
		}
		// Copied only at the end of a build, so check (which copies
		// nothing) would miss a file that cannot be read: open it now,
		// and take its signature while it is open.
		sig, err := r.staticSig(sf)
		if err != nil {
			r.probs.Errorf(sf.Path, 0, 0, "kan niet worden gelezen (%v); controleer de rechten", unwrap(err))
		}
		r.sigs[sf.URL] = sig
	}
}

// loadTheme loads the site's theme (the built-in one, overridden file by
// file by themes/<thema>/) and its minified assets. A mistake in the theme
// is a problem, and leaves r.theme nil.
func (r *run) loadTheme() error {
	r.theme, r.themeWarn = nil, nil
	var override fs.FS
	name := r.site.Settings.Theme
	dir := "themes/" + name
	if info, err := fs.Stat(r.fsys, dir); err == nil && info.IsDir() {
		sub, err := fs.Sub(r.fsys, dir)
		if err != nil {
			return err
		}
		override = sub
	} else if name != "default" {
		line, col := r.site.Settings.KeyPos("thema")
		r.probs.Errorf(content.SettingsPath, line, col, "thema %q bestaat niet: er is geen map themes/%s/; laat thema weg voor het standaardthema", name, name)
		return nil
	}
	r.themeWarn = r.scanTheme(override, dir)
	o := theme.Options{Dir: dir, Lang: r.site.Settings.Lang}
	if !r.opts.NoMinify {
		tm := newMinifier(true)
		o.Minify = func(src []byte) ([]byte, error) { return tm.Bytes("text/html", src) }
	}
	t, err := theme.Load(themes.Default(), override, o)
	if err != nil {
		var prob *diag.Problem
		if errors.As(err, &prob) {
			r.probs.Add(prob)
			return nil
		}
		return err
	}
	assets := map[string][]byte{}
	for _, name := range t.Assets() {
		data, err := r.minifyAsset(t, name)
		if err != nil {
			return err
		}
		assets[name] = data
	}
	r.theme, r.assets = t, assets
	return nil
}

// newMinifier returns the minifier for pages, style sheets, scripts and
// SVG; with templates set, the HTML it reads holds Go template actions
// (a layout's source), which it leaves as they are.
func newMinifier(templates bool) *minify.M {
	m := minify.New()
	h := &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
	if templates {
		h.TemplateDelims = html.GoTemplateDelims
	}
	m.Add("text/html", h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

// minifyAsset returns the theme's asset name, minified unless NoMinify
// when it is a style sheet, script or SVG.
func (b *Builder) minifyAsset(t *theme.Theme, name string) ([]byte, error) {
	data := t.Asset(name)
	if b.opts.NoMinify {
		return data, nil
	}
	var mt string
	switch path.Ext(name) {
	case ".css":
		mt = "text/css"
	case ".js":
		mt = "application/javascript"
	case ".svg":
		mt = "image/svg+xml"
	default:
		return data, nil
	}
	out, err := b.min.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("thema, %s: %w", name, err)
	}
	return out, nil
}

// privacyScan returns the scanner that warns about what looks like pupil
// data in a source file, for the settings' allowed e-mail domains and
// numbers, and the birth years of the school year's pupils.
func privacyScan(s content.Settings) func(path string, src []byte) []*diag.Problem {
	sc := privacy.New(s.Domains, s.Numbers...)
	if y := s.YearStart.Year(); !s.YearStart.IsZero() {
		// Pupils of praktijkonderwijs are 12 to 18, and some stay on:
		// every year a pupil of this school year may be born in, and a
		// few more on each side.
		sc = sc.WithBirthYears(y-25, y-8)
	}
	return func(path string, src []byte) []*diag.Problem {
		var out []*diag.Problem
		lines := diag.NewLines(src)
		for _, f := range sc.Scan(src) {
			line, col := lines.Position(f.Offset)
			out = append(out, &diag.Problem{Path: path, Line: line, Col: col, Msg: f.Message(), Severity: diag.Warning})
		}
		return out
	}
}
