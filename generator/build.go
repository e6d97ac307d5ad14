package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/disk"
	"lobsite/generator/internal/par"
	"lobsite/generator/markdown"
	"lobsite/generator/privacy"
	"lobsite/generator/theme"
	"lobsite/themes"
)

// Options configure a build. The zero value builds the site in the current
// folder into ./public, minified.
type Options struct {
	Source   string // site folder holding content/ (and optionally themes/); default "."
	Dest     string // output folder; default <Source>/public
	Drafts   bool   // include pages with concept: true
	NoMinify bool   // write HTML, CSS and JS as the templates produce them
	BaseURL  string // overrides basis_url from site.yaml when not ""
	// Strict makes warnings (such as possible pupil data) fail the build.
	Strict bool
	// FS, when set, is read instead of Source (tests use fstest.MapFS).
	// Source is then only used to name paths in messages.
	FS fs.FS
}

// Result tells what a build did.
type Result struct {
	Pages    int             // pages in the site (HTML files, 404 included)
	Rendered int             // pages rendered in this build
	Written  int             // files written (pages, assets, static files, sitemap)
	Removed  int             // stale files removed (incremental builds)
	Warnings []*diag.Problem // problems that did not stop the build
}

// pageState is what the builder remembers of one output page between
// builds: the fingerprint of everything that went into it, and what its
// body said about other pages.
type pageState struct {
	fp          uint64
	targets     []string // source paths the body links to (resolved or not)
	anchorLinks []anchorLink
	anchors     []string
	probs       []*diag.Problem // problems found while rendering it
}

type anchorLink struct {
	from, target string // source paths
	anchor       string
	pos          [2]int // line and column of the link
}

// Builder builds a site, and rebuilds it after changes doing only the work
// the changes need. A Builder is not safe for concurrent use: one build at
// a time.
type Builder struct {
	opts   Options
	fsys   fs.FS
	dest   string
	loader *content.Loader
	md     *markdown.Renderer
	raw    bool // md renders raw HTML
	theme  *theme.Theme
	// themeSrc is what the theme was loaded from, to load it again without
	// minifying when a layout fails (see themeProblem).
	themeSrc struct {
		dir      string // "themes/<naam>"
		override fs.FS  // nil for the built-in theme alone
		lang     string
		funcs    template.FuncMap
	}
	min *minify.M

	site    *content.Site
	listOf  map[string]*content.Page
	global  uint64
	state   map[string]*pageState  // by page URL; replaced only after a good build
	static  map[string]string      // output URL → signature (see staticSig) of the last good build
	assets  map[string][]byte      // the theme's assets by name, minified unless NoMinify
	years   func([]int) string     // leerjaren in words, in the site's language
	date    func(time.Time) string // a date in words, in the site's language
	sitemap []byte
	built   bool            // the destination holds a complete good build
	ctx     context.Context // nil: never cancelled
	oneShot bool            // no later Build will come: skip what only incremental builds use
	baseURL string          // Options.BaseURL, checked and ending in "/"
	// partials caches the theme's shared parts (header, menu, footer) of
	// this build per folder depth and section; see partial.
	partials *sync.Map
}

// partial renders a shared part of the page frame, such as the header with
// the menu, once per build for every combination of folder depth and
// section, since it shows nothing else of a page. Layouts call it as
// {{deel "kop" .}}.
func (b *Builder) partial(name string, v *view) (template.HTML, error) {
	key := partKey{name: name, root: v.Root, section: v.Page.Section}
	if v.Page.Kind == content.KindHome || v.Page.Kind == content.KindNotFound {
		key.kind = v.Page.Kind // the home and 404 pages mark no menu item
	}
	if h, ok := b.partials.Load(key); ok {
		return h.(template.HTML), nil
	}
	h, err := b.theme.Partial(name, v)
	if err != nil {
		return "", err
	}
	b.partials.Store(key, h)
	return h, nil
}

// SetupError is a build that could not start because of its options: a
// source folder that does not exist or holds no content/, a destination
// that lobsite may not replace, a malformed --base-url. Nothing was read or
// written. Err says what to change.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// partKey is what a shared part of the frame may differ by (see partial).
type partKey struct {
	name, root, section string
	kind                content.Kind // set only for the home and 404 pages
}

// NewBuilder prepares a builder. It fails with a *SetupError when the
// source cannot be opened or --base-url is malformed.
func NewBuilder(opts Options) (*Builder, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, &SetupError{err}
	}
	return b, nil
}

// DestDir is the output folder a build with these options writes: Dest,
// or <Source>/public (Source "" being ".").
func (o Options) DestDir() string {
	if o.Dest != "" {
		return o.Dest
	}
	if o.Source == "" {
		return "public"
	}
	return filepath.Join(o.Source, "public")
}

func newBuilder(opts Options) (*Builder, error) {
	opts.Dest = opts.DestDir()
	if opts.Source == "" {
		opts.Source = "."
	}
	b := &Builder{opts: opts, dest: opts.Dest, fsys: opts.FS}
	if opts.BaseURL != "" {
		u, ok := content.ParseBaseURL(opts.BaseURL)
		if !ok {
			return nil, fmt.Errorf("--base-url %q is geen volledig webadres, zoals https://intranet.school.nl/lob/", opts.BaseURL)
		}
		b.baseURL = u
	}
	dir := ""
	if b.fsys == nil {
		info, err := os.Stat(opts.Source)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("de bronmap %s bestaat niet (kan niet worden geopend); geef met --source de map die content/ bevat", opts.Source)
		}
		if err != nil {
			return nil, fmt.Errorf("de bronmap %s kan niet worden geopend (%v); controleer de naam en de rechten", opts.Source, unwrap(err))
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("de bronmap %s is een bestand; geef met --source de map die content/ bevat", opts.Source)
		}
		if c, err := os.Stat(filepath.Join(opts.Source, "content")); err != nil || !c.IsDir() {
			return nil, fmt.Errorf("in %s staat geen map content/; geef met --source de map die content/ bevat", opts.Source)
		}
		// The top folders themselves may not lead out of the site.
		for _, top := range []string{"content", "themes"} {
			if l, err := os.Lstat(filepath.Join(opts.Source, top)); err == nil && l.Mode()&fs.ModeSymlink != 0 {
				return nil, fmt.Errorf("%s is een snelkoppeling (symbolische link); lobsite volgt die niet: zet de map zelf in %s", filepath.Join(opts.Source, top), opts.Source)
			}
		}
		b.fsys = disk.FS{Dir: opts.Source}
		dir = opts.Source
	}
	b.min = newMinifier(false)
	b.loader = content.NewLoader(b.fsys, content.Options{Drafts: opts.Drafts, Scan: privacyScan, Dir: dir})
	return b, nil
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

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Build builds the whole site into Options.Dest, writing a fresh tree
// beside it and swapping it in only when there are no errors.
func Build(opts Options) (*Result, error) {
	return BuildContext(context.Background(), opts)
}

// BuildContext is Build that stops when ctx is cancelled (Ctrl-C): it then
// removes the unfinished tree and returns ctx.Err(), leaving the previous
// output as it was.
func BuildContext(ctx context.Context, opts Options) (*Result, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, err
	}
	b.ctx = ctx
	b.oneShot = true
	return b.Build(nil)
}

// Check validates the site as Build does, writing nothing. The error is a
// *diag.BuildError listing every problem.
func Check(opts Options) (*Result, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, err
	}
	b.oneShot = true
	return b.run(nil, false)
}

// Build (re)builds the site. changed lists the source paths (slash-separated,
// relative to the site folder: "content/opdrachten/x.md") that changed since
// the last Build; nil rebuilds everything from scratch. Content problems come
// back as a *diag.BuildError and leave the destination as it was.
func (b *Builder) Build(changed []string) (*Result, error) {
	return b.run(changed, true)
}

func (b *Builder) run(changed []string, write bool) (*Result, error) {
	b.partials = &sync.Map{}
	// A first build, or site.yaml or the theme changed: read and render
	// everything again, into a fresh tree that is swapped in.
	full := changed == nil || !b.built || slices.ContainsFunc(changed, func(c string) bool {
		return c == content.SettingsPath || c == "themes" || strings.HasPrefix(c, "themes/")
	})
	if full {
		changed = nil
	}
	site, probs := b.loader.Load(changed)
	if site == nil {
		return nil, probs.Err()
	}
	if b.baseURL != "" {
		site.Settings.BaseURL = b.baseURL
	}
	if full || b.theme == nil {
		if err := b.loadTheme(site, probs); err != nil {
			return nil, err
		}
	}
	if b.md == nil || b.raw != site.Settings.RawHTML {
		b.md = markdown.New(markdown.Options{RawHTML: site.Settings.RawHTML, ReservedIDs: frameIDs})
		b.raw = site.Settings.RawHTML
	}
	if b.theme == nil {
		return nil, probs.Err()
	}
	assets := map[string]bool{}
	for _, a := range b.theme.Assets() {
		assets[a] = true
	}
	sigs := make(map[string]string, len(site.Static)) // output URL → staticSig
	for _, sf := range site.Static {
		if assets[sf.URL] {
			probs.Errorf(sf.Path, 0, 0, "dit bestand krijgt hetzelfde adres (/%s) als een bestand van het thema; geef het een andere naam, of pas het thema aan in themes/%s/assets/", sf.URL, site.Settings.Theme)
		}
		// Copied only at the end of a build, so check (which copies
		// nothing) would miss a file that cannot be read: open it now,
		// and take its signature while it is open.
		sig, err := b.staticSig(sf)
		if err != nil {
			probs.Errorf(sf.Path, 0, 0, "kan niet worden gelezen (%v); controleer de rechten", unwrap(err))
		}
		sigs[sf.URL] = sig
	}
	b.setSite(site)

	pages := append([]*content.Page(nil), site.Pages...)
	pages = append(pages, &content.Page{Kind: content.KindNotFound, URL: "404.html", Title: b.theme.T("niet_gevonden")})

	// Decide what to render.
	states := make(map[string]*pageState, len(pages))
	var todo []*content.Page
	for _, p := range pages {
		if old := b.state[p.URL]; !full && old != nil && old.fp == b.fingerprint(p, old.targets) {
			states[p.URL] = old
			continue
		}
		todo = append(todo, p)
	}

	var outDir string
	var err error
	if write && !b.built {
		if err := checkDest(b.opts.Source, b.dest); err != nil {
			return nil, &SetupError{err}
		}
	}
	if write && full {
		if outDir, err = staging(b.dest); err != nil {
			return nil, fmt.Errorf("kan de uitvoer niet voorbereiden: %w", err)
		}
	}
	cleanup := func() {
		if outDir != "" {
			os.RemoveAll(outDir)
		}
	}
	rendered, renderErr := b.renderAll(todo, states, outDir, write && !full)
	if renderErr != nil {
		cleanup()
		var le *layoutError
		if errors.As(renderErr, &le) {
			probs.Add(b.layoutProblem(le))
			return nil, probs.Err()
		}
		return nil, renderErr
	}
	// Problems of every page, rendered now or kept from before, and the
	// #anker links checked against the anchors of their targets (indexed
	// only for pages that are linked to that way).
	anchorsOf := map[string]map[string]bool{}
	for _, p := range pages {
		st := states[p.URL]
		probs.Add(st.probs...)
		for _, al := range st.anchorLinks {
			tp := b.site.ByPath[al.target]
			if tp == nil {
				continue // a missing target is reported by the linker
			}
			set, ok := anchorsOf[al.target]
			if !ok {
				set = map[string]bool{}
				for _, id := range frameIDs {
					set[id] = true
				}
				for _, a := range states[tp.URL].anchors {
					set[a] = true
				}
				anchorsOf[al.target] = set
			}
			if !set[al.anchor] {
				probs.Errorf(al.from, al.pos[0], al.pos[1], "de link wijst naar #%s in %s, maar daar staat geen kop met dat anker%s", al.anchor, al.target, anchorHint(al.anchor, states[tp.URL].anchors))
			}
		}
	}
	res := &Result{Pages: len(pages), Rendered: len(todo), Warnings: probs.Warnings()}
	if err := probs.Err(); err != nil {
		cleanup()
		return res, err
	}
	if b.opts.Strict && len(res.Warnings) > 0 {
		cleanup()
		return res, &diag.BuildError{Problems: probs.Problems(), Reason: "De bouw stopt omdat --strict waarschuwingen als fouten telt."}
	}
	if !write {
		return res, nil
	}
	if full {
		n, err := b.finishFull(outDir, sigs)
		if err != nil {
			cleanup()
			return nil, err
		}
		res.Written = len(todo) + n
	} else {
		n, removed, err := b.finishIncremental(states, rendered, sigs)
		if err != nil {
			return nil, err
		}
		res.Written, res.Removed = n, removed
	}
	b.state = states
	b.built = true
	return res, nil
}

// setSite makes site the one pages are rendered from: it indexes the list
// pages by folder and hashes what every page shows.
func (b *Builder) setSite(site *content.Site) {
	b.site = site
	b.listOf = map[string]*content.Page{}
	for _, p := range site.Pages {
		if p.Kind == content.KindList || p.Kind == content.KindHome {
			b.listOf[p.Dir] = p
		}
	}
	b.global = b.globalHash()
}

func anchorHint(anchor string, have []string) string {
	if s := content.Suggest(anchor, have); s != "" {
		return fmt.Sprintf("; bedoelde je #%s?", s)
	}
	if len(have) > 0 && len(have) <= 12 {
		return "; ankers daar: " + strings.Join(have, ", ")
	}
	return "; controleer de kop in dat bestand"
}

func (b *Builder) loadTheme(site *content.Site, probs *diag.List) error {
	var override fs.FS
	name := site.Settings.Theme
	dir := "themes/" + name
	if info, err := fs.Stat(b.fsys, dir); err == nil && info.IsDir() {
		sub, err := fs.Sub(b.fsys, dir)
		if err != nil {
			return err
		}
		override = sub
	} else if name != "default" {
		line, col := site.Settings.KeyPos("thema")
		probs.Errorf(content.SettingsPath, line, col, "thema %q bestaat niet: er is geen map themes/%s/; laat thema weg voor het standaardthema", name, name)
		b.theme = nil
		return nil
	}
	and := "en"
	if site.Settings.Lang == "en" {
		and = "and"
	}
	b.years, b.date = listYears(and), formatDate(site.Settings.Lang)
	funcs := template.FuncMap{
		"datum": b.date,
		"jaren": b.years,
		"join":  strings.Join,
		"deel":  b.partial,
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m
		},
	}
	var pre func([]byte) ([]byte, error)
	if !b.opts.NoMinify {
		tm := newMinifier(true)
		pre = func(src []byte) ([]byte, error) { return tm.Bytes("text/html", src) }
	}
	b.themeSrc.dir, b.themeSrc.override, b.themeSrc.lang, b.themeSrc.funcs = dir, override, site.Settings.Lang, funcs
	t, err := theme.Load(themes.Default(), override, site.Settings.Lang, funcs, pre)
	if err != nil {
		// Load it as written to find the line and column of the mistake:
		// minifying and the UI strings put in move them.
		if _, err2 := theme.LoadAsWritten(themes.Default(), override, site.Settings.Lang, funcs); err2 != nil {
			err = err2
		}
		probs.Add(b.themeProblem(err, nil))
		b.theme = nil
		return nil
	}
	b.theme = t
	b.assets = map[string][]byte{}
	for _, name := range t.Assets() {
		data, err := b.minifyAsset(name)
		if err != nil {
			return err
		}
		b.assets[name] = data
	}
	return nil
}

// frameIDs are the ids of the page frame that links may point to and
// headings may not take: "inhoud" is the layouts' <main>, where the skip
// link ("Naar de inhoud") goes; a heading "Inhoud" gets "inhoud-1". The
// layouts' other ids have an underscore (lijst_opdrachten), which heading
// anchors never have.
var frameIDs = []string{"inhoud"}

// layoutError is a layout that failed on a page.
type layoutError struct {
	page *content.Page
	kind string
	err  error
}

func (e *layoutError) Error() string { return fmt.Sprintf("thema, pagina /%s: %v", e.page.URL, e.err) }
func (e *layoutError) Unwrap() error { return e.err }

// templateErrRE finds html/template's positions in an error:
// "template: layouts/x.html:3:7: " (the column is left out for some parse
// errors). An error in a partial called with deel holds two: the caller's
// and, last, the partial's own.
var templateErrRE = regexp.MustCompile(`(?:html/)?template: ([^:\s]+):(\d+)(?::(\d+))?: `)

// themeProblem turns an error of the theme's templates into a problem at
// the template file's line and column (1-based, in characters, as all
// problems), in Dutch where the error is a common one. The error must come
// from templates loaded as written (theme.LoadAsWritten) for the position
// to be that of the file. page, when not nil, is the page being laid out.
func (b *Builder) themeProblem(err error, page *content.Page) *diag.Problem {
	msg := err.Error()
	prob := &diag.Problem{Path: b.themeSrc.dir}
	if all := templateErrRE.FindAllStringSubmatchIndex(msg, -1); all != nil {
		m := all[len(all)-1]
		file := msg[m[2]:m[3]]
		prob.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		prob.Path = "themes/default/" + file
		src, rerr := fs.ReadFile(themes.Default(), file)
		if b.themeSrc.override != nil {
			if over, err := fs.ReadFile(b.themeSrc.override, file); err == nil {
				prob.Path, src, rerr = b.themeSrc.dir+"/"+file, over, nil
			}
		}
		if m[6] >= 0 && rerr == nil {
			// html/template counts columns from 0, in bytes.
			col, _ := strconv.Atoi(msg[m[6]:m[7]])
			lines := strings.Split(string(src), "\n")
			if prob.Line >= 1 && prob.Line <= len(lines) && col <= len(lines[prob.Line-1]) {
				prob.Col = utf8.RuneCountInString(lines[prob.Line-1][:col]) + 1
			}
		}
		msg = msg[m[1]:]
	}
	// "executing "inhoud" at <.Page.Titel>: " says where; the rest what.
	if i := strings.Index(msg, ">: "); strings.HasPrefix(msg, "executing ") && i > 0 {
		msg = msg[i+3:]
	}
	prob.Msg = dutchTemplateError(msg)
	if page != nil {
		prob.Msg += fmt.Sprintf(" (bij pagina /%s)", page.URL)
	}
	return prob
}

// dutchTemplateError says the template errors a theme writer makes most in
// Dutch, and the others with a Dutch start.
func dutchTemplateError(msg string) string {
	m := themeMsgRE.FindStringSubmatch(msg)
	switch {
	case m == nil:
		return "fout in het sjabloon: " + msg
	case m[1] != "":
		return fmt.Sprintf("het veld %s bestaat niet in %s; controleer de naam, hoofdletters tellen mee", m[1], m[2])
	case m[3] != "":
		return fmt.Sprintf("de functie %s bestaat niet; controleer de naam", m[3])
	case m[4] != "":
		return "een losse }: een actie sluit met }}"
	case m[5] != "":
		return "het sjabloon houdt op midden in een actie of blok; ontbreekt er een }} of een {{end}}?"
	case m[6] != "":
		return "er staat een {{end}} zonder {{if}}, {{range}}, {{with}}, {{block}} of {{define}} ervoor"
	case m[7] != "":
		return "een {{define}} begint voordat het blok ervoor met {{end}} is afgesloten"
	default: // m[8]
		return "een actie wordt niet afgesloten met }} (hier staat " + m[8] + ")"
	}
}

// themeMsgRE matches those errors: a misspelt field, an unknown function,
// a lone }, a template that ends inside an action or block, an {{end}} too
// many, a missing {{end}} before a define, an action not closed.
var themeMsgRE = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$|^function "([^"]+)" not defined$|^(bad character U\+007D '\}')$|(unexpected EOF)$|^(unexpected \{\{end\}\})|^(unexpected <define>)|^bad character U\+[0-9A-F]+ ('.+')$`)

// layoutProblem is themeProblem for a layout that failed on a page. The
// layouts are minified and have the UI strings put in when the theme
// loads, which moves lines and columns: the page is laid out again with
// the layouts as written (and the partials rendered afresh from those) for
// the position to point at the mistake.
func (b *Builder) layoutProblem(le *layoutError) *diag.Problem {
	err := le.err
	funcs := template.FuncMap{}
	for k, v := range b.themeSrc.funcs {
		funcs[k] = v
	}
	var t *theme.Theme
	funcs["deel"] = func(name string, v *view) (template.HTML, error) { return t.Partial(name, v) }
	t, lerr := theme.LoadAsWritten(themes.Default(), b.themeSrc.override, b.themeSrc.lang, funcs)
	if lerr == nil {
		if err2 := t.Execute(io.Discard, le.kind, b.newView(le.page, "")); err2 != nil {
			err = err2
		}
	}
	return b.themeProblem(err, le.page)
}

// globalHash covers everything every page shows: settings, theme, options,
// the menu and the chosen model.
func (b *Builder) globalHash() uint64 {
	h := fnv.New64a()
	s := b.site
	fmt.Fprintf(h, "%#v|%d|%v|%v|", s.Settings, b.theme.Hash(), b.opts.Drafts, b.opts.NoMinify)
	for _, sec := range s.Sections {
		fmt.Fprintf(h, "%s|%s|%d|", sec.URL, sec.Title, sec.MetaHash)
	}
	if s.ChosenModel != nil {
		fmt.Fprintf(h, "%d|", s.ChosenModel.MetaHash)
	}
	fmt.Fprintf(h, "%d|", s.Home.MetaHash)
	return h.Sum64()
}

// deps lists the pages whose front matter shows on p: a change to one of
// them re-renders p.
func (b *Builder) deps(p *content.Page) [][]*content.Page {
	s := b.site
	out := [][]*content.Page{}
	for dir := p.Dir; ; {
		if lp := b.listOf[dir]; lp != nil && lp != p {
			out = append(out, []*content.Page{lp})
		}
		if dir == "" {
			break
		}
		if i := strings.LastIndex(dir, "/"); i >= 0 {
			dir = dir[:i]
		} else {
			dir = ""
		}
	}
	switch {
	case p.Competency != nil:
		r := p.Competency.Rel
		out = append(out, r.Questions, r.Exercises, r.Activities, r.Guides)
	case p.Question != nil:
		r := p.Question.Rel
		out = append(out, r.Competencies, r.Exercises, r.Guides)
	case p.Exercise != nil:
		r := p.Exercise.Rel
		out = append(out, r.Competencies, r.Questions, r.Sectors, r.Activities)
	case p.Activity != nil:
		r := p.Activity.Rel
		out = append(out, r.Sectors, r.Competencies, r.Exercises)
	case p.Sector != nil:
		r := p.Sector.Rel
		out = append(out, r.Activities, r.Exercises)
	case p.Model != nil:
		out = append(out, s.Models)
	case p.Guide != nil:
		r := p.Guide.Rel
		out = append(out, r.Questions, r.Competencies)
	}
	if p.List != nil {
		out = append(out, p.List.Pages, p.List.Sub)
		switch {
		case p.Kind == content.KindHome:
			out = append(out, s.Competencies, s.Questions, s.Models)
		case p.Dir == "competenties":
			out = append(out, s.Questions)
			for _, c := range s.Competencies {
				out = append(out, c.Competency.Rel.Questions)
			}
		case p.Dir == "kalender":
			out = append(out, s.Activities)
		case p.Dir == "modellen":
			out = append(out, s.Models)
		case p.Dir == "gesprekken":
			out = append(out, s.Guides)
		}
	}
	return out
}

// fingerprint hashes everything that goes into the output of p; equal
// fingerprints give equal bytes.
func (b *Builder) fingerprint(p *content.Page, targets []string) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	put(b.global)
	h.Write([]byte(p.URL))
	put(p.MetaHash)
	put(p.BodyHash)
	for _, list := range b.deps(p) {
		put(uint64(len(list)))
		for _, d := range list {
			put(d.MetaHash)
		}
	}
	for _, t := range targets {
		h.Write([]byte(t))
		if tp := b.site.ByPath[t]; tp != nil {
			h.Write([]byte(tp.URL))
		} else if sf, ok := b.site.StaticByPath[t]; ok {
			h.Write([]byte(sf.URL))
		} else {
			h.Write([]byte{0})
		}
	}
	return h.Sum64()
}

// rendered is one page's output, kept in memory for incremental builds.
type renderedPage struct {
	url  string
	html []byte
}

// scratch is the memory one page's rendering works in: its source, the
// body's HTML, minified, and the whole page. A render worker keeps one for
// all its pages, so a build of thousands of pages does not allocate every
// page four times over.
type scratch struct {
	src          []byte
	md, min, out bytes.Buffer
}

// renderAll renders todo on all cores and puts the pages' states into
// states. With dir set, each page is written under dir at once; with keep
// set, the pages' bytes are returned, for finishIncremental; otherwise
// (check) they are dropped.
func (b *Builder) renderAll(todo []*content.Page, states map[string]*pageState, dir string, keep bool) ([]renderedPage, error) {
	type out struct {
		st   *pageState
		html []byte
		err  error
	}
	results := make([]out, len(todo))
	par.Each(len(todo), func() func(int) {
		s := new(scratch)
		return func(i int) {
			if b.ctx != nil && b.ctx.Err() != nil {
				results[i] = out{err: b.ctx.Err()}
				return
			}
			st, err := b.renderTo(s, todo[i])
			if err == nil && !b.oneShot {
				// The fingerprint covers the link targets the body
				// turned out to have.
				st.fp = b.fingerprint(todo[i], st.targets)
			}
			var page []byte
			switch {
			case err != nil:
			case dir != "":
				err = writeFile(outFile(dir, todo[i].URL), s.out.Bytes())
			case keep:
				page = bytes.Clone(s.out.Bytes())
			}
			results[i] = out{st, page, err}
		}
	})
	var first error
	failed := 0
	var pages []renderedPage
	for i, r := range results {
		if r.err != nil {
			if first == nil {
				first = r.err
			}
			failed++
			continue
		}
		states[todo[i].URL] = r.st
		if keep {
			pages = append(pages, renderedPage{todo[i].URL, r.html})
		}
	}
	if b.ctx != nil && b.ctx.Err() != nil {
		return nil, b.ctx.Err()
	}
	if failed > 1 {
		return nil, fmt.Errorf("%w (en nog %d pagina's met een fout)", first, failed-1)
	}
	return pages, first
}

// writeFile writes a new file, making its folder. Every page has a folder
// of its own whose parent usually exists already, so one Mkdir is tried
// before the walk up that MkdirAll does.
func writeFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return disk.WriteFile(name, data)
}

// renderTo renders one page into s.out: the body (minified unless
// NoMinify), then the layout, which was minified at theme load.
func (b *Builder) renderTo(s *scratch, p *content.Page) (*pageState, error) {
	out := &s.out
	out.Reset()
	st := &pageState{}
	var body string
	if p.Path != "" {
		src, err := b.loader.ReadBody(p, s.src)
		s.src = src[:0]
		if err != nil {
			var prob *diag.Problem
			if errors.As(err, &prob) {
				st.probs = append(st.probs, prob)
				return st, nil
			}
			return nil, err
		}
		l := &linker{b: b, page: p, st: st}
		s.md.Reset()
		if st.anchors, err = b.md.RenderTo(&s.md, src, l); err != nil {
			return nil, fmt.Errorf("%s: %w", p.Path, err)
		}
		html := &s.md
		if !b.opts.NoMinify {
			// The layouts were minified when the theme was loaded; only
			// the body is left.
			s.min.Reset()
			if err := b.min.Minify("text/html", &s.min, &s.md); err != nil {
				return nil, fmt.Errorf("verkleinen van %s: %w", p.Path, err)
			}
			html = &s.min
		}
		// The body's bytes stay in s, untouched, until the layout below has
		// been executed and the view is dropped: the layout can read them
		// as a string without a copy.
		if html.Len() > 0 {
			body = unsafe.String(&html.Bytes()[0], html.Len())
		}
	}
	v := b.newView(p, body)
	kind := string(p.Kind)
	if p.Kind == content.KindList && b.theme.Has("lijst-"+p.Dir) {
		kind = "lijst-" + p.Dir
	}
	if err := b.theme.Execute(out, kind, v); err != nil {
		return nil, &layoutError{page: p, kind: kind, err: err}
	}
	return st, nil
}

// finishFull writes assets, static files, the sitemap and the marker into
// dir and swaps it in. sigs are the static files' signatures by URL.
func (b *Builder) finishFull(dir string, sigs map[string]string) (int, error) {
	n := 0
	for _, name := range b.theme.Assets() {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), b.assets[name]); err != nil {
			return 0, err
		}
		n++
	}
	for _, sf := range b.site.Static {
		data, err := fs.ReadFile(b.fsys, sf.Source)
		if err != nil {
			return 0, fmt.Errorf("%s: kan niet worden gelezen: %w", sf.Path, unwrap(err))
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(sf.URL)), data); err != nil {
			return 0, err
		}
		n++
	}
	b.sitemap = b.makeSitemap()
	if b.sitemap != nil {
		if err := writeFile(filepath.Join(dir, "sitemap.xml"), b.sitemap); err != nil {
			return 0, err
		}
		n++
	}
	if err := writeFile(filepath.Join(dir, markerFile), []byte("Deze map is gemaakt door lobsite en wordt bij elke bouw vervangen.\n")); err != nil {
		return 0, err
	}
	if err := swapIn(dir, b.dest); err != nil {
		return 0, fmt.Errorf("kan de nieuwe site niet op %s zetten: %w", b.dest, err)
	}
	b.static = sigs
	return n, nil
}

// finishIncremental writes the pages rendered in this build over the
// destination (each file atomically), removes pages and files that are
// gone, and updates static files (sigs: their signatures by URL) and the
// sitemap.
func (b *Builder) finishIncremental(states map[string]*pageState, pages []renderedPage, sigs map[string]string) (written, removed int, err error) {
	for _, r := range pages {
		if err := writeAtomic(outFile(b.dest, r.url), r.html); err != nil {
			return written, removed, err
		}
		written++
	}
	for u := range b.state {
		if _, ok := states[u]; !ok {
			if err := removeOutput(b.dest, outFile(b.dest, u)); err == nil {
				removed++
			}
		}
	}
	for _, sf := range b.site.Static {
		// Copy only what changed since the last good build: a site with
		// many images must not copy them all on every save.
		if old, ok := b.static[sf.URL]; ok && sigs[sf.URL] != "" && old == sigs[sf.URL] {
			continue
		}
		data, err := fs.ReadFile(b.fsys, sf.Source)
		if err != nil {
			return written, removed, fmt.Errorf("%s: kan niet worden gelezen: %w", sf.Path, unwrap(err))
		}
		target := filepath.Join(b.dest, filepath.FromSlash(sf.URL))
		if err := writeAtomic(target, data); err != nil {
			return written, removed, err
		}
		written++
	}
	for u := range b.static {
		if _, ok := sigs[u]; !ok {
			if err := removeOutput(b.dest, filepath.Join(b.dest, filepath.FromSlash(u))); err == nil {
				removed++
			}
		}
	}
	b.static = sigs
	if sm := b.makeSitemap(); !bytes.Equal(sm, b.sitemap) {
		b.sitemap = sm
		if sm == nil {
			os.Remove(filepath.Join(b.dest, "sitemap.xml"))
		} else if err := writeAtomic(filepath.Join(b.dest, "sitemap.xml"), sm); err != nil {
			return written, removed, err
		}
		written++
	}
	return written, removed, nil
}

// staticSig opens a static file, which fails when it cannot be read, and
// returns what identifies its version: its path, size and modification
// time ("" when these cannot be had, a signature that never matches).
func (b *Builder) staticSig(sf content.StaticFile) (string, error) {
	f, err := b.fsys.Open(sf.Source)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", nil
	}
	return fmt.Sprintf("%s|%d|%d", sf.Path, info.Size(), info.ModTime().UnixNano()), nil
}

// removeOutput removes a file and then every folder above it that became
// empty, up to root.
func removeOutput(root, name string) error {
	if err := os.Remove(name); err != nil {
		return err
	}
	for dir := filepath.Dir(name); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}

// minifyAsset returns the theme's asset name, minified unless NoMinify
// when it is a style sheet, script or SVG.
func (b *Builder) minifyAsset(name string) ([]byte, error) {
	data := b.theme.Asset(name)
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

// makeSitemap lists every page's absolute URL when basis_url is set.
func (b *Builder) makeSitemap() []byte {
	base := b.site.Settings.BaseURL
	if base == "" {
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	urls := make([]string, 0, len(b.site.Pages))
	for _, p := range b.site.Pages {
		urls = append(urls, p.URL)
	}
	sort.Strings(urls)
	for _, u := range urls {
		buf.WriteString("<url><loc>")
		template.HTMLEscape(&buf, []byte(base+u))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// scheme returns the URL scheme dest starts with, colon included
// ("https:", "javascript:"), or "" when it has none.
func scheme(dest string) string {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return dest[:i+1]
		default:
			return ""
		}
	}
	return ""
}

// linker rewrites the links of one page's body: links to source files
// become relative URLs of their pages, unsafe schemes are dropped, and every
// target that does not exist is a problem at the link's position.
type linker struct {
	b    *Builder
	page *content.Page
	st   *pageState
}

func (l *linker) errorf(at markdown.Pos, format string, args ...any) {
	line, col := at.LineCol()
	l.st.probs = append(l.st.probs, &diag.Problem{Path: l.page.Path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (l *linker) warnf(at markdown.Pos, format string, args ...any) {
	line, col := at.LineCol()
	l.st.probs = append(l.st.probs, &diag.Problem{Path: l.page.Path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Severity: diag.Warning})
}

// Warn passes on the Markdown renderer's warnings about the body.
func (l *linker) Warn(line, col int, msg string) {
	l.st.probs = append(l.st.probs, &diag.Problem{Path: l.page.Path, Line: line, Col: col, Msg: msg, Severity: diag.Warning})
}

// pos is the line and column of at, to keep after the page's source is gone.
func pos(at markdown.Pos) [2]int {
	line, col := at.LineCol()
	return [2]int{line, col}
}

func (l *linker) Link(dest string, image bool, at markdown.Pos) (string, bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		return dest, true
	}
	if strings.HasPrefix(dest, "#") {
		l.st.anchorLinks = append(l.st.anchorLinks, anchorLink{from: l.page.Path, target: l.page.Path, anchor: dest[1:], pos: pos(at)})
		return dest, true
	}
	if strings.HasPrefix(dest, "//") {
		return dest, true
	}
	if m := scheme(dest); m != "" {
		switch strings.ToLower(m) {
		case "http:", "https:", "mailto:", "tel:":
			return dest, true
		}
		what := "deze link begint"
		if image {
			what = "het adres van deze afbeelding begint"
		}
		l.warnf(at, "%s met %s en is weggehaald: zulke adressen kunnen onveilig zijn; gebruik een gewoon webadres (https://...)", what, m)
		return "", false
	}
	ref, frag, _ := strings.Cut(dest, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if u, err := url.PathUnescape(ref); err == nil {
		ref = u
	}
	var target string
	if strings.HasPrefix(ref, "/") {
		target = path.Clean("content" + ref)
	} else {
		target = path.Join(path.Dir(l.page.Path), ref)
	}
	if target != "content" && !strings.HasPrefix(target, "content/") {
		l.errorf(at, "de link %q wijst naar buiten de map content/; link alleen naar bestanden in content/", dest)
		return dest, true
	}
	target = content.NormalizePath(target)
	l.st.targets = append(l.st.targets, target)
	site := l.b.site
	rel := func(u string) string {
		r := rootPrefix(l.page.URL) + u
		if r == "" {
			r = "./"
		}
		if frag != "" {
			r += "#" + frag
		}
		return r
	}
	if tp := site.ByPath[target]; tp != nil {
		if frag != "" {
			l.st.anchorLinks = append(l.st.anchorLinks, anchorLink{from: l.page.Path, target: target, anchor: frag, pos: pos(at)})
		}
		return rel(tp.URL), true
	}
	if sf, ok := site.StaticByPath[target]; ok {
		return rel(sf.URL), true
	}
	if lp := l.b.listOf[strings.TrimPrefix(strings.TrimSuffix(target, "/"), "content/")]; lp != nil && !strings.HasSuffix(target, ".md") {
		return rel(lp.URL), true
	}
	switch site.LeftOut[target] {
	case content.LeftBroken:
		return dest, true // the target's own error says what is wrong
	case content.LeftDraft:
		l.warnf(at, "de link wijst naar %s, een concept (concept: true); de link wordt gewone tekst tot die pagina klaar is (of bouw met --drafts)", target)
		return "", false
	}
	msg := fmt.Sprintf("de link wijst naar %s, maar dat bestand bestaat niet", target)
	if image {
		msg = fmt.Sprintf("de afbeelding %s bestaat niet", target)
	}
	if s := content.Suggest(target, l.b.siblings(target)); s != "" {
		msg += fmt.Sprintf("; bedoelde je %s?", relTo(path.Dir(l.page.Path), s))
	} else if !strings.HasSuffix(strings.ToLower(target), ".md") && path.Ext(target) == "" {
		msg += "; link naar het .md-bestand van de pagina, zoals ../competenties/netwerken.md"
	} else {
		msg += "; controleer de naam en de map"
	}
	l.errorf(at, "%s", msg)
	return dest, true
}

// siblings lists the source paths in the folder of target.
func (b *Builder) siblings(target string) []string {
	dir := path.Dir(target)
	var out []string
	for p := range b.site.ByPath {
		if path.Dir(p) == dir {
			out = append(out, p)
		}
	}
	for p := range b.site.StaticByPath {
		if path.Dir(p) == dir {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// relTo writes target relative to folder dir, as an author would link it.
func relTo(dir, target string) string {
	r, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(target))
	if err != nil {
		return target
	}
	return filepath.ToSlash(r)
}

// privacyScan returns the scanner that warns about what looks like pupil
// data in a source file, for the settings' allowed e-mail domains.
func privacyScan(s content.Settings) func(path string, src []byte) []*diag.Problem {
	sc := privacy.New(s.Domains)
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
