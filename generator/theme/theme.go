// Package theme loads a lobsite theme and executes its templates.
//
// A theme is a folder with
//
//	layouts/basis.html      the page frame; defines the blocks below
//	layouts/<soort>.html    one per page kind (home, lijst, competentie, ...), defining "inhoud"
//	assets/*                style sheets, scripts and images, copied to the site root
//	i18n/<taal>.yaml        UI strings: key: text
//
// The default theme is built into the binary; a site's themes/<naam>/
// folder overrides it file by file, so a school can change one template or
// only the CSS. Templates are html/template: every value is escaped.
//
// Ids in layouts have an underscore (id="lijst_opdrachten"): the anchors of
// headings in a page's text are made of a–z, 0–9 and hyphens only, so the
// two never clash. The one id without is inhoud, the page's <main> and the
// skip link's target, which headings skip (a heading "Inhoud" gets
// inhoud-1).
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
	"text/template/parse"

	"go.yaml.in/yaml/v3"
)

// Theme is a loaded theme: parsed templates, assets and UI strings. It is
// safe for concurrent use once loaded.
type Theme struct {
	layouts map[string]*template.Template // by kind
	shared  *template.Template            // the frame and the partials, which every layout is a clone of
	assets  map[string][]byte             // by name, e.g. "style.css"
	strings map[string]string
	hash    uint64
}

// Load reads the theme: builtin holds the default theme's files at its root
// (layouts/, assets/, i18n/); override, when not nil, holds the site's
// themes/<naam>/ folder whose files replace those of builtin. lang picks the
// UI strings. funcs are added to the templates' functions. Errors name the
// template file and line (html/template's own messages).
//
// minify, when not nil, is applied to every layout's source after the
// constant UI strings are put in and before it is parsed, so pages come out
// of the templates already minified.
func Load(builtin, override fs.FS, lang string, funcs template.FuncMap, minify func([]byte) ([]byte, error)) (*Theme, error) {
	return load(builtin, override, lang, funcs, minify, true)
}

// LoadAsWritten is Load with every layout parsed exactly as its file is
// written: not minified, and with no UI strings put in. Pages come out the
// same, a little slower; what it is for is errors, whose lines and columns
// then are those of the files.
func LoadAsWritten(builtin, override fs.FS, lang string, funcs template.FuncMap) (*Theme, error) {
	return load(builtin, override, lang, funcs, nil, false)
}

func load(builtin, override fs.FS, lang string, funcs template.FuncMap, minify func([]byte) ([]byte, error), inline bool) (*Theme, error) {
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
			return nil, fmt.Errorf("thema lezen: %w", err)
		}
	}
	t := &Theme{layouts: map[string]*template.Template{}, assets: map[string][]byte{}, strings: map[string]string{}}
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
	h.Write([]byte(lang))
	t.hash = h.Sum64()

	if b, ok := files["i18n/nl.yaml"]; ok {
		if err := yaml.Unmarshal(b, &t.strings); err != nil {
			return nil, fmt.Errorf("i18n/nl.yaml: %w", err)
		}
	}
	if lang != "nl" {
		b, ok := files["i18n/"+lang+".yaml"]
		if !ok {
			return nil, fmt.Errorf("het thema heeft geen teksten voor taal %q (i18n/%s.yaml)", lang, lang)
		}
		tr := map[string]string{}
		if err := yaml.Unmarshal(b, &tr); err != nil {
			return nil, fmt.Errorf("i18n/%s.yaml: %w", lang, err)
		}
		for k, v := range tr {
			t.strings[k] = v
		}
	}
	fm := template.FuncMap{"t": t.T}
	for k, v := range funcs {
		fm[k] = v
	}
	// UI strings with a constant key are known now: put them into the
	// templates as text, so pages do not look them up one by one.
	for n, b := range files {
		if !strings.HasPrefix(n, "layouts/") {
			continue
		}
		if inline {
			files[n] = constStrings.ReplaceAllFunc(b, func(m []byte) []byte {
				text := t.T(string(constStrings.FindSubmatch(m)[1]))
				if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
					return m // left to {{t}}, which writes it as text
				}
				return []byte(html.EscapeString(text))
			})
		}
		if minify != nil {
			m, err := minify(files[n])
			if err != nil {
				return nil, fmt.Errorf("%s verkleinen: %w", n, err)
			}
			files[n] = m
		}
	}
	base, ok := files["layouts/basis.html"]
	if !ok {
		return nil, fmt.Errorf("het thema mist layouts/basis.html")
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
	}
	return t, nil
}

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
			return fmt.Errorf("template: %s:%d: dit staat buiten {{define \"inhoud\"}} en wordt niet getoond; zet het tussen {{define \"inhoud\"}} en {{end}}", n, line)
		}
	}
	if body := tmpl.Lookup("inhoud"); body == nil || body.Tree == nil || body.Tree.ParseName != n {
		return fmt.Errorf("template: %s:1: deze layout heeft geen {{define \"inhoud\"}}, dus de pagina's blijven leeg; zet de inhoud tussen {{define \"inhoud\"}} en {{end}}", n)
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

// Execute renders the layout of kind with data into w.
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	tmpl := t.layouts[kind]
	if tmpl == nil {
		return fmt.Errorf("het thema heeft geen layout voor %q (layouts/%s.html)", kind, kind)
	}
	return tmpl.ExecuteTemplate(w, "layouts/basis.html", data)
}

// Partial executes the partial template name (defined in a layouts/_*.html
// file) with data and returns its HTML.
func (t *Theme) Partial(name string, data any) (template.HTML, error) {
	if p := t.shared.Lookup(name); p != nil {
		var buf bytes.Buffer
		if err := p.Execute(&buf, data); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	}
	return "", fmt.Errorf("het thema heeft geen deel %q (definieer het in een layouts/_*.html)", name)
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
