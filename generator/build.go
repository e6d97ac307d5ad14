package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/disk"
	"lobsite/generator/markdown"
	"lobsite/generator/theme"
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
	Written  int             // files written (pages, assets, static files, extra outputs)
	Removed  int             // stale files removed (incremental builds)
	Warnings []*diag.Problem // problems that did not stop the build
}

// SetupError is a build that could not start because of its options: a
// source folder that does not exist or holds no content/, a destination
// that lobsite may not replace, a malformed --base-url. Nothing was read or
// written. Err says what to change.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// Builder builds a site, and rebuilds it after changes doing only the work
// the changes need. It holds only what lives from one build to the next;
// what one build works with is a run (see run). A Builder is not safe for
// concurrent use: one build at a time.
type Builder struct {
	opts    Options // from NewBuilder, Dest and Source filled in
	fsys    fs.FS   // Options.FS, or the Source folder on disk
	baseURL string  // Options.BaseURL, checked and ending in "/"
	// oneShot is set by Build and Check: no later build comes, so the
	// loader keeps no parses and the pages' states keep no fingerprints
	// and no link targets (what only an incremental build reads).
	oneShot bool
	loader  *content.Loader // made by NewBuilder; keeps the parsed files between loads
	min     *minify.M       // made by NewBuilder: minifies bodies, assets and layouts

	// Made by a full build (see loadTheme), kept by incremental ones.
	md     *markdown.Renderer // for the site's ruwe_html (raw)
	raw    bool
	theme  *theme.Theme      // nil when the last theme failed to load
	assets map[string][]byte // the theme's assets by name, minified unless NoMinify
	// themeWarn are the privacy warnings in themes/<thema>/ (see
	// scanTheme), reported by every build while the theme is kept.
	themeWarn []*diag.Problem

	// What the last good build wrote, replaced only after a good build.
	built bool // the destination holds a complete good build
	// current is set when the last build succeeded: then site and state
	// describe the sources as they were when it ran, and a build after an
	// edit of page bodies only can start from them (see refresh).
	current   bool
	site      *content.Site   // the last good build's site model; nil for one-shot builders
	loaded    []*diag.Problem // the problems the loader found in it
	global    uint64          // its run's global and colls (see plan)
	colls     [numColls]uint64
	state     map[string]*pageState // by page URL
	static    map[string]string     // output URL → signature (see staticSig) of the static files
	extraHash map[string]uint64     // extra output files (see outputs): slash path → hash of their bytes
}

// NewBuilder prepares a builder. It fails with a *SetupError when the
// source cannot be opened or --base-url is malformed.
func NewBuilder(opts Options) (*Builder, error) {
	b, err := newBuilder(opts, false)
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

// newBuilder is NewBuilder; oneShot makes a builder for a single build
// (see Builder.oneShot).
func newBuilder(opts Options, oneShot bool) (*Builder, error) {
	opts.Dest = opts.DestDir()
	if opts.Source == "" {
		opts.Source = "."
	}
	b := &Builder{opts: opts, fsys: opts.FS, oneShot: oneShot}
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
	b.loader = content.NewLoader(b.fsys, content.Options{Drafts: opts.Drafts, Scan: privacyScan, Dir: dir, Once: oneShot})
	return b, nil
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
	b, err := newBuilder(opts, true)
	if err != nil {
		return nil, &SetupError{err}
	}
	return b.run(ctx, nil, true)
}

// Check validates the site as Build does, writing nothing. The error is a
// *diag.BuildError listing every problem.
func Check(opts Options) (*Result, error) {
	b, err := newBuilder(opts, true)
	if err != nil {
		return nil, &SetupError{err}
	}
	return b.run(context.Background(), nil, false)
}

// Build (re)builds the site. changed lists the source paths (slash-separated,
// relative to the site folder: "content/opdrachten/x.md") that changed since
// the last Build; nil rebuilds everything from scratch. Content problems come
// back as a *diag.BuildError and leave the destination as it was.
func (b *Builder) Build(changed []string) (*Result, error) {
	return b.run(context.Background(), changed, true)
}

// run is one build: what it read, decided and made. It lives from the
// start of Builder.Build to its end; what must outlive it is copied into
// the Builder by publish.
type run struct {
	*Builder
	ctx   context.Context // stops the render stage when cancelled
	full  bool            // everything is rendered, into a fresh tree (outDir)
	write bool            // false for Check: nothing is written
	probs *diag.List      // every problem found, in the order found

	// Made by load.
	site   *content.Site
	listOf map[string]*content.Page     // list pages (and home) by Dir
	sigs   map[string]string            // static files: output URL → staticSig
	pages  []*content.Page              // every page to write: the site's and the generated ones (404 too)
	gen    map[*content.Page]*generated // the generated pages (see addGenerated)
	outs   []output                     // the extra outputs (see outputs)

	// Made by load or refresh.
	loaded []*diag.Problem // the problems the loader found
	dirty  map[string]bool // refreshed: the source paths of the edited pages
	// Made by plan.
	global uint64                // hash of what every page shows (see globalHash)
	colls  [numColls]uint64      // hash of each collection's front matter, by bit (see coll)
	states map[string]*pageState // by URL: kept from the last build, or made by render
	// replaced holds, in a refreshed build, the last build's states that
	// render replaces in states (which is then Builder.state itself).
	replaced map[string]*pageState
	todo     []*content.Page // pages to render

	// Made by prepare, render and makeOutputs.
	outDir string            // the fresh tree of a full build that writes, until swapped in
	parts  theme.Parts       // the shared parts of the frame, rendered once per key
	kept   []renderedPage    // pages rendered, kept for finishIncremental
	extra  map[string][]byte // the extra outputs' files by slash path
	urls   map[string]bool   // the pages' URLs, made by taken when first asked
}

func (b *Builder) run(ctx context.Context, changed []string, write bool) (*Result, error) {
	return b.newRun(ctx, write).build(changed)
}

func (b *Builder) newRun(ctx context.Context, write bool) *run {
	return &run{Builder: b, ctx: ctx, write: write}
}

// build runs the stages: load, plan, render, check links, make the extra
// outputs, publish.
func (r *run) build(changed []string) (*Result, error) {
	b := r.Builder
	// A first build, or site.yaml or the theme changed: read and render
	// everything again, into a fresh tree that is swapped in.
	r.full = changed == nil || !b.built || slices.ContainsFunc(changed, func(c string) bool {
		return c == content.SettingsPath || c == "themes" || strings.HasPrefix(c, "themes/")
	})
	if r.full {
		changed = nil
	}
	defer r.cleanup() // of a build that fails
	refreshed := r.refresh(changed)
	b.current = false
	if refreshed {
		r.planDirty()
	} else {
		b.site, b.loaded = nil, nil // (memory: the loader makes the site anew)
		if err := r.load(changed); err != nil {
			return nil, err
		}
		r.plan()
	}
	if err := r.prepare(); err != nil {
		return nil, err
	}
	if err := r.render(); err != nil {
		return nil, err
	}
	r.checkAnchors()
	if err := r.makeOutputs(); err != nil {
		return nil, err
	}
	res := &Result{Pages: len(r.pages), Rendered: len(r.todo), Warnings: r.probs.Warnings()}
	if err := r.probs.Err(); err != nil {
		return res, err
	}
	if b.opts.Strict && len(res.Warnings) > 0 {
		return res, &diag.BuildError{Problems: r.probs.Problems(), Reason: "De bouw stopt omdat --strict waarschuwingen als fouten telt."}
	}
	if !r.write {
		return res, nil
	}
	if err := r.publish(res); err != nil {
		return nil, err
	}
	return res, nil
}

// prepare checks the destination before the first write and makes the
// fresh tree of a full build.
func (r *run) prepare() error {
	if !r.write {
		return nil
	}
	if !r.built {
		if err := checkDest(r.opts.Source, r.opts.Dest); err != nil {
			return &SetupError{err}
		}
	}
	if r.full {
		dir, err := staging(r.opts.Dest)
		if err != nil {
			return fmt.Errorf("kan de uitvoer niet voorbereiden: %w", err)
		}
		r.outDir = dir
	}
	return nil
}

// cleanup removes the fresh tree of a build that failed (finishFull
// clears outDir once the tree is swapped in), and puts back the states a
// refreshed build replaced (publish clears replaced).
func (r *run) cleanup() {
	if r.replaced != nil {
		r.restore()
	}
	if r.outDir != "" {
		os.RemoveAll(r.outDir)
		r.outDir = ""
	}
}
