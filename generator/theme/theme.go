package theme

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"text/template/parse"

	"go.yaml.in/yaml/v3"
)

// Theme is a loaded theme: parsed templates, assets and UI strings. It is
// safe for concurrent use once loaded.
type Theme struct {
	layouts  map[string]*template.Template // by kind
	shared   *template.Template            // the frame and the partials, which every layout is a clone of
	assets   map[string][]byte             // by name, e.g. "style.css"
	strings  map[string]string
	hash     uint64
	readsAll map[string]bool // by kind: the layout reads what cannot be tracked (see ReadsAll)
	lang     string

	// What the theme was loaded from, to load it again as written when a
	// layout fails (see Execute).
	builtin, override fs.FS
	opts              Options
	asWritten         bool // parsed as written: not minified, no UI strings put in; partials are not cached
	written           struct {
		once sync.Once
		t    *Theme
	}
}

// Options say how a theme is loaded.
type Options struct {
	// Dir is the site's theme folder, "themes/<naam>", named in errors
	// about files of the override; "themes/default" when "".
	Dir string
	// Lang picks the UI strings (i18n/<Lang>.yaml, falling back to
	// i18n/nl.yaml key by key) and the language of datum and jaren;
	// "nl" when "".
	Lang string
	// Minify, when not nil, is applied to every layout's source after the
	// constant UI strings are put in and before it is parsed, so pages
	// come out of the templates already minified.
	Minify func([]byte) ([]byte, error)
}

// Load reads the theme: builtin holds the default theme's files at its root
// (layouts/, assets/, i18n/); override, when not nil, holds the site's
// themes/<naam>/ folder whose files replace those of builtin. A mistake in
// a theme file is a *diag.Problem at the file's line and column as written
// (see Problem), in Dutch; other errors (a file that cannot be read) are
// returned as they are.
func Load(builtin, override fs.FS, o Options) (*Theme, error) {
	if o.Lang == "" {
		o.Lang = "nl"
	}
	if o.Dir == "" {
		o.Dir = "themes/default"
	}
	t, err := load(builtin, override, o, false)
	if err != nil {
		// Load it as written to find the line and column of the mistake:
		// minifying and the UI strings put in move them.
		if _, err2 := load(builtin, override, o, true); err2 != nil {
			err = err2
		}
		return nil, problem(err, builtin, override, o.Dir)
	}
	return t, nil
}

func load(builtin, override fs.FS, o Options, asWritten bool) (*Theme, error) {
	files := map[string][]byte{}
	for _, fsys := range []fs.FS{builtin, override} {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			// Named pipes, sockets and devices are skipped: reading one
			// could wait for ever.
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || d.Type()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice) != 0 {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[p] = b
			return nil
		})
		if err != nil {
			return nil, &readError{fmt.Errorf("thema lezen: %w", err)}
		}
	}
	t := &Theme{
		layouts: map[string]*template.Template{}, assets: map[string][]byte{}, strings: map[string]string{},
		readsAll: map[string]bool{}, lang: o.Lang, builtin: builtin, override: override, opts: o, asWritten: asWritten,
	}
	h := fnv.New64a()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	h.Write([]byte(o.Lang))
	t.hash = h.Sum64()

	if b, ok := files["i18n/nl.yaml"]; ok {
		if err := yaml.Unmarshal(b, &t.strings); err != nil {
			return nil, errorf("i18n/nl.yaml", 1, "de teksten kunnen niet worden gelezen (%v); controleer de YAML", err)
		}
	}
	if o.Lang != "nl" {
		b, ok := files["i18n/"+o.Lang+".yaml"]
		if !ok {
			return nil, errorf("", 0, "het thema heeft geen teksten voor taal %q (i18n/%s.yaml); voeg dat bestand toe of kies taal nl", o.Lang, o.Lang)
		}
		tr := map[string]string{}
		if err := yaml.Unmarshal(b, &tr); err != nil {
			return nil, errorf("i18n/"+o.Lang+".yaml", 1, "de teksten kunnen niet worden gelezen (%v); controleer de YAML", err)
		}
		for k, v := range tr {
			t.strings[k] = v
		}
	}
	fm := t.funcs()
	// UI strings with a constant key are known now: put them into the
	// templates as text, so pages do not look them up one by one.
	for n, b := range files {
		if !strings.HasPrefix(n, "layouts/") {
			continue
		}
		if !asWritten {
			files[n] = constStrings.ReplaceAllFunc(b, func(m []byte) []byte {
				text := t.T(string(constStrings.FindSubmatch(m)[1]))
				if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
					return m // left to {{t}}, which writes it as text
				}
				return []byte(html.EscapeString(text))
			})
			if o.Minify != nil {
				m, err := o.Minify(files[n])
				if err != nil {
					return nil, errorf(n, 1, "kan niet worden verkleind (%v)", err)
				}
				files[n] = m
			}
		}
	}
	base, ok := files["layouts/basis.html"]
	if !ok {
		return nil, errorf("", 0, "het thema mist layouts/basis.html, het raamwerk van elke pagina")
	}
	// The frame and the partials are parsed once; every layout gets a
	// copy to add its own "inhoud" to.
	shared, err := template.New("layouts/basis.html").Funcs(fm).Parse(string(base))
	t.shared = shared
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasPrefix(n, "layouts/_") {
			if _, err := shared.New(n).Parse(string(files[n])); err != nil {
				return nil, err
			}
		}
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "layouts/") || n == "layouts/basis.html" || strings.HasPrefix(n, "layouts/_") {
			if strings.HasPrefix(n, "assets/") {
				t.assets[strings.TrimPrefix(n, "assets/")] = files[n]
			}
			continue
		}
		kind := strings.TrimSuffix(path.Base(n), ".html")
		tmpl, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := tmpl.New(n).Parse(string(files[n])); err != nil {
			return nil, err
		}
		if err := checkLayout(tmpl, n, string(files[n])); err != nil {
			return nil, err
		}
		t.layouts[kind] = tmpl
		t.readsAll[kind] = readsAll(tmpl)
	}
	return t, nil
}

// readError is a theme file that could not be read: no mistake of the
// theme's writer, returned as it is.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// checkLayout makes sure that the layout file n (text, parsed into tmpl)
// shows something: pages show its "inhoud", and nothing of the file outside
// its {{define}}s. Errors read as html/template's, at the file's line.
func checkLayout(tmpl *template.Template, n, text string) error {
	if top := tmpl.Lookup(n); top != nil && top.Tree != nil {
		for _, node := range top.Tree.Root.Nodes {
			pos := int(node.Position())
			if tn, ok := node.(*parse.TextNode); ok {
				rest := bytes.TrimLeft(tn.Text, " \t\r\n")
				if len(rest) == 0 {
					continue
				}
				pos += len(tn.Text) - len(rest)
			}
			line := 1 + strings.Count(text[:min(pos, len(text))], "\n")
			return errorf(n, line, "dit staat buiten {{define \"inhoud\"}} en wordt niet getoond; zet het tussen {{define \"inhoud\"}} en {{end}}")
		}
	}
	if body := tmpl.Lookup("inhoud"); body == nil || body.Tree == nil || body.Tree.ParseName != n {
		return errorf(n, 1, "deze layout heeft geen {{define \"inhoud\"}}, dus de pagina's blijven leeg; zet de inhoud tussen {{define \"inhoud\"}} en {{end}}")
	}
	return nil
}

// constStrings matches {{t "key"}}: a UI string with a constant key.
var constStrings = regexp.MustCompile(`\{\{-?\s*t\s+"([A-Za-z0-9_.-]+)"\s*-?\}\}`)

// T returns the UI string for key in the theme's language, or the key
// itself when the theme has no such string.
func (t *Theme) T(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	return key
}

// Has reports whether the theme has a layout for kind.
func (t *Theme) Has(kind string) bool { return t.layouts[kind] != nil }

// ReadsAll reports whether the layout of kind (with the frame and the
// partials it uses) reads something of other pages that a build cannot
// record: a field chain through Rel or List that does not start at .Page
// (see the package doc, "Dependencies"). Its pages are then rendered again
// whenever the front matter of any page changes.
func (t *Theme) ReadsAll(kind string) bool { return t.readsAll[kind] }

// Execute renders the layout of kind with data into w. data is the page's
// view; for the partials called with deel it must be a Caller. A mistake
// of the theme is a *diag.Problem at the template file's line and column
// as written (the page is laid out again, with the layouts as written, to
// find them).
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	tmpl := t.layouts[kind]
	if tmpl == nil {
		f := "layouts/" + kind + ".html"
		return problem(errorf("", 0, "het thema heeft geen layout voor pagina's van soort %s; maak %s/%s", kind, t.opts.Dir, f), nil, nil, t.opts.Dir)
	}
	err := tmpl.ExecuteTemplate(w, "layouts/basis.html", data)
	if err == nil || t.asWritten {
		return err
	}
	if aw := t.writtenTheme(); aw != nil {
		if err2 := aw.layouts[kind].ExecuteTemplate(io.Discard, "layouts/basis.html", data); err2 != nil {
			err = err2
		}
	}
	return problem(err, t.builtin, t.override, t.opts.Dir)
}

// writtenTheme is the theme loaded as written, once, or nil when that
// fails (it cannot, having loaded minified).
func (t *Theme) writtenTheme() *Theme {
	t.written.once.Do(func() {
		t.written.t, _ = load(t.builtin, t.override, t.opts, true)
	})
	return t.written.t
}

// Assets returns the theme's asset files by name ("style.css"), sorted.
func (t *Theme) Assets() []string {
	out := make([]string, 0, len(t.assets))
	for n := range t.assets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Asset returns the bytes of one asset.
func (t *Theme) Asset(name string) []byte { return bytes.Clone(t.assets[name]) }

// Hash identifies the theme's files and language: equal hashes render equal pages.
func (t *Theme) Hash() uint64 { return t.hash }
