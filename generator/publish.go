package generator

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

// The publish stage: the pages are written (a full build wrote them into
// its fresh tree while rendering); what is left are the theme's assets,
// the static files, the extra output files, and swapping the tree in.

// output is a feature that writes files besides the pages: the sitemap,
// a search index, agenda files. outputs lists them; each build (full or
// incremental, and check, which writes nothing) asks every output for its
// files after all pages are rendered.
type output struct {
	// Page, when not nil, is called for every page as it is rendered,
	// concurrently from the render workers: body is the page's body as
	// HTML (minified unless NoMinify; nil for pages without one), anchors
	// the ids of its headings. What it returns is kept with the page's
	// state, so pages that an incremental build does not render keep what
	// it made of them last time. It must not keep body, whose memory is
	// reused.
	Page func(p *content.Page, body []byte, anchors []string) any
	// Files returns the files to write, by slash path under the output
	// folder ("zoek/index-1.js"), made from the site and, for every page
	// in URL order (404 and generated pages included), what Page made of
	// it (nil without Page). A *diag.Problem error is reported as a
	// problem of the build; other errors stop it. A full build writes
	// every file; an incremental one writes those whose bytes changed and
	// removes those no longer returned.
	Files func(s *content.Site, pages []pageOut) (map[string][]byte, error)
}

// pageOut is one page and what an output's Page hook made of it.
type pageOut struct {
	Page *content.Page
	Out  any
}

// outputs lists the extra outputs of a build, in a fixed order: a
// feature that writes files adds its output here.
func (r *run) outputs() []output {
	outs := []output{
		{Files: sitemap},
		r.agendaOutput(),
	}
	if withSearch {
		outs = append(outs, r.searchOutput())
	}
	return outs
}

// pageOutputs runs the outputs' Page hooks for p into st; anchors are
// the ids of the body's headings.
func (r *run) pageOutputs(p *content.Page, st *pageState, body []byte, anchors []string) {
	for i, o := range r.outs {
		if o.Page == nil {
			continue
		}
		// A page of which no output keeps anything keeps no outs: a
		// one-shot build then need not keep its state (pageState.empty).
		if v := o.Page(p, body, anchors); v != nil {
			if st.outs == nil {
				st.outs = make([]any, len(r.outs))
			}
			st.outs[i] = v
		}
	}
}

// makeOutputs asks every output for its files, into r.extra.
func (r *run) makeOutputs() error {
	r.extra = map[string][]byte{}
	for i, o := range r.outs {
		pages := make([]pageOut, len(r.pages))
		for j, p := range r.pages {
			pages[j].Page = p
			if st := r.states[p.URL]; st != nil && st.outs != nil {
				pages[j].Out = st.outs[i]
			}
		}
		files, err := o.Files(r.site, pages)
		if err != nil {
			var prob *diag.Problem
			if errors.As(err, &prob) {
				r.probs.Add(prob)
				continue
			}
			return err
		}
		for name, data := range files {
			if _, ok := r.extra[name]; ok || r.taken(name) {
				return fmt.Errorf("het extra bestand %s valt samen met een pagina, een bestand van het thema, een bestand uit content/ of een ander extra bestand", name)
			}
			r.extra[name] = data
		}
	}
	return nil
}

// taken reports whether a page, a theme asset or a static file is written
// at the slash path name.
func (r *run) taken(name string) bool {
	if _, ok := r.assets[name]; ok {
		return true
	}
	for _, sf := range r.site.Static {
		if sf.URL == name {
			return true
		}
	}
	u := name
	if path.Base(name) == "index.html" {
		u = strings.TrimSuffix(name, "index.html")
	}
	if r.urls == nil {
		// Asked for every extra file (thousands at 100,000 pages): a
		// set, not a walk of the pages each time.
		r.urls = make(map[string]bool, len(r.pages))
		for _, p := range r.pages {
			r.urls[p.URL] = true
		}
	}
	return r.urls[u]
}

// publish writes what is left and makes this build the last good one.
func (r *run) publish(res *Result) error {
	if r.full {
		n, err := r.finishFull()
		if err != nil {
			return err
		}
		res.Written = len(r.todo) + n
	} else {
		n, removed, err := r.finishIncremental()
		if err != nil {
			return err
		}
		res.Written, res.Removed = n, removed
	}
	r.state = r.states
	r.built = true
	r.replaced = nil
	r.keepSite()
	r.current = true
	return nil
}

// finishFull writes assets, static files, the extra outputs and the marker
// into r.outDir and swaps it in.
func (r *run) finishFull() (int, error) {
	dir := r.outDir
	n := 0
	for _, name := range r.theme.Assets() {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), r.assets[name]); err != nil {
			return 0, err
		}
		n++
	}
	for _, sf := range r.site.Static {
		data, err := fs.ReadFile(r.fsys, sf.Source)
		if err != nil {
			return 0, fmt.Errorf("%s: kan niet worden gelezen: %w", sf.Path, unwrap(err))
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(sf.URL)), data); err != nil {
			return 0, err
		}
		n++
	}
	outputs := map[string]uint64{}
	for _, name := range sortedNames(r.extra) {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), r.extra[name]); err != nil {
			return 0, err
		}
		outputs[name] = hashBytes(r.extra[name])
		n++
	}
	if err := writeFile(filepath.Join(dir, markerFile), []byte("Deze map is gemaakt door lobsite en wordt bij elke bouw vervangen.\n")); err != nil {
		return 0, err
	}
	if err := swapIn(dir, r.opts.Dest); err != nil {
		return 0, fmt.Errorf("kan de nieuwe site niet op %s zetten: %w", r.opts.Dest, err)
	}
	r.outDir = ""
	r.static, r.extraHash = r.sigs, outputs
	return n, nil
}

// finishIncremental writes the pages rendered in this build over the
// destination (each file atomically), removes pages and files that are
// gone, and updates static files and the extra outputs.
func (r *run) finishIncremental() (written, removed int, err error) {
	dest := r.opts.Dest
	for _, p := range r.kept {
		if err := writeAtomic(outFile(dest, p.url), p.html); err != nil {
			return written, removed, err
		}
		written++
	}
	for u := range r.state {
		if r.replaced != nil {
			break // refreshed: the same pages, the same map
		}
		if _, ok := r.states[u]; !ok {
			if err := removeOutput(dest, outFile(dest, u)); err == nil {
				removed++
			}
		}
	}
	for _, sf := range r.site.Static {
		// Copy only what changed since the last good build: a site with
		// many images must not copy them all on every save.
		if old, ok := r.static[sf.URL]; ok && r.sigs[sf.URL] != "" && old == r.sigs[sf.URL] {
			continue
		}
		data, err := fs.ReadFile(r.fsys, sf.Source)
		if err != nil {
			return written, removed, fmt.Errorf("%s: kan niet worden gelezen: %w", sf.Path, unwrap(err))
		}
		if err := writeAtomic(filepath.Join(dest, filepath.FromSlash(sf.URL)), data); err != nil {
			return written, removed, err
		}
		written++
	}
	for u := range r.static {
		if _, ok := r.sigs[u]; !ok {
			if err := removeOutput(dest, filepath.Join(dest, filepath.FromSlash(u))); err == nil {
				removed++
			}
		}
	}
	r.static = r.sigs
	outputs := map[string]uint64{}
	for _, name := range sortedNames(r.extra) {
		h := hashBytes(r.extra[name])
		outputs[name] = h
		if old, ok := r.extraHash[name]; ok && old == h {
			continue
		}
		if err := writeAtomic(filepath.Join(dest, filepath.FromSlash(name)), r.extra[name]); err != nil {
			return written, removed, err
		}
		written++
	}
	for name := range r.extraHash {
		if _, ok := outputs[name]; !ok {
			if err := removeOutput(dest, filepath.Join(dest, filepath.FromSlash(name))); err == nil {
				removed++
			}
		}
	}
	r.extraHash = outputs
	return written, removed, nil
}

func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64() ^ uint64(len(b))
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// staticSig opens a static file, which fails when it cannot be read, and
// returns what identifies its version: its path, size, modification time
// and what fileIdentity adds, so a replacement of the same size that keeps
// the time is still seen ("" when these cannot be had, a signature that
// never matches).
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
	return fmt.Sprintf("%s|%d|%d", sf.Path, info.Size(), info.ModTime().UnixNano()) + fileIdentity(f, info), nil
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

// sitemap is the output sitemap.xml: every page's absolute URL, when
// basis_url is set.
func sitemap(s *content.Site, _ []pageOut) (map[string][]byte, error) {
	base := s.Settings.BaseURL
	if base == "" {
		return nil, nil
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	urls := make([]string, 0, len(s.Pages))
	for _, p := range s.Pages {
		urls = append(urls, p.URL)
	}
	sort.Strings(urls)
	for _, u := range urls {
		buf.WriteString("<url><loc>")
		template.HTMLEscape(&buf, []byte(base+u))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return map[string][]byte{"sitemap.xml": buf.Bytes()}, nil
}
