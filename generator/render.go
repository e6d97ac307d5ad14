package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"unsafe"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/disk"
	"lobsite/generator/internal/par"
)

// The render stage: every page of r.todo on all cores, its body through
// Markdown and the linker, then its layout.

// renderedPage is one page's output, kept in memory for incremental builds.
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

// maxScratch is the most memory a scratch buffer keeps for the next page.
// A list page of a large site (every exercise as a card) is tens of
// megabytes; a worker that kept buffers of that size for the rest of the
// build would hold them as live heap, which the collector scans and the
// heap goal multiplies (see tuneGC in cmd/lobsite). Typical pages are
// far smaller.
const maxScratch = 1 << 20

// shrink lets go of the buffers a page made larger than maxScratch.
func (s *scratch) shrink() {
	if cap(s.src) > maxScratch {
		s.src = nil
	}
	for _, b := range []*bytes.Buffer{&s.md, &s.min, &s.out} {
		if b.Cap() > maxScratch {
			*b = bytes.Buffer{}
		}
	}
}

// layout is the theme's layout for p: its kind, or lijst-<map> for the
// list page of a folder when the theme has that.
func (r *run) layout(p *content.Page) string {
	if p.Kind == content.KindList && r.theme.Has("lijst-"+p.Dir) {
		return "lijst-" + p.Dir
	}
	return string(p.Kind)
}

// render renders r.todo and puts the pages' states into r.states. A full
// build that writes writes each page into r.outDir at once; an incremental
// one keeps the pages' bytes in r.kept, for finishIncremental; check drops
// them. A mistake of the theme is a problem in r.probs; other errors
// (writing, cancelling) are returned.
func (r *run) render() error {
	// One out per page, as small as it can be: a site of 100,000 pages
	// holds 100,000 of them until the last page is written. The pages'
	// bytes (kept only by incremental builds) are beside them.
	type out struct {
		st  *pageState // nil for a one-shot build's page whose state is empty
		err error
	}
	keep := r.write && !r.full
	results := make([]out, len(r.todo))
	var kept [][]byte
	if keep {
		kept = make([][]byte, len(r.todo))
	}
	var failed atomic.Bool // a theme mistake: the other pages need not be tried
	par.Each(len(r.todo), func() func(int) {
		s := new(scratch)
		return func(i int) {
			if r.ctx.Err() != nil {
				results[i] = out{err: r.ctx.Err()}
				return
			}
			if failed.Load() {
				results[i] = out{err: errSkipped}
				return
			}
			p := r.todo[i]
			st, err := r.renderTo(s, p)
			var prob *diag.Problem
			if errors.As(err, &prob) {
				failed.Store(true)
			}
			if err == nil && !r.oneShot {
				// The fingerprint covers what the render read and the
				// link targets the body turned out to have.
				st.fp = r.fingerprint(p, st)
			}
			switch {
			case err != nil:
			case r.outDir != "":
				err = writeFile(outFile(r.outDir, p.URL), s.out.Bytes())
			case keep:
				kept[i] = bytes.Clone(s.out.Bytes())
			}
			if err == nil && r.oneShot && st.empty() {
				st = nil // nothing later stages read (see pageState)
			}
			results[i] = out{st, err}
			s.shrink()
		}
	})
	if err := r.ctx.Err(); err != nil {
		return err
	}
	var theme error
	for i, res := range results {
		var prob *diag.Problem
		switch {
		case res.err == nil && res.st == nil:
		case res.err == nil:
			r.states[r.todo[i].URL] = res.st
			if keep {
				r.kept = append(r.kept, renderedPage{r.todo[i].URL, kept[i]})
			}
		case res.err == errSkipped:
		case errors.As(res.err, &prob):
			// One theme mistake fails most pages: report it once.
			if theme == nil {
				theme = prob
				r.probs.Add(prob)
			}
		default:
			return res.err
		}
	}
	if theme != nil {
		return r.probs.Err()
	}
	return nil
}

// errSkipped is a page not rendered because another failed on the theme.
var errSkipped = errors.New("niet gemaakt: het thema heeft een fout")

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
// NoMinify), then the layout, which was minified at theme load. A mistake
// of the theme is a *diag.Problem naming the page.
func (r *run) renderTo(s *scratch, p *content.Page) (*pageState, error) {
	out := &s.out
	out.Reset()
	st := &pageState{}
	g := r.gen[p]
	src := p
	if g != nil {
		src = g.Body
	}
	var body string
	var anchors []string
	if src != nil && src.Path != "" {
		text, err := r.loader.ReadBody(src, s.src)
		s.src = text[:0]
		if err != nil {
			var prob *diag.Problem
			if errors.As(err, &prob) {
				if g == nil {
					st.probs = append(st.probs, prob)
				}
				return st, nil
			}
			return nil, err
		}
		if g != nil && g.Pupil {
			pupilOnly(text, src)
		}
		l := &linker{r: r, page: src, url: p.URL, st: st}
		s.md.Reset()
		anchors, err = r.md.RenderTo(&s.md, text, l)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Path, err)
		}
		if !r.oneShot {
			// A one-shot build finds the anchors of the few pages that
			// #anker links point to when it checks them (see anchorsOf).
			st.anchors = joinAnchors(anchors)
		}
		if g != nil {
			st.probs, st.anchorLinks = nil, nil // reported for the source page
		}
		html := &s.md
		if !r.opts.NoMinify {
			// The layouts were minified when the theme was loaded; only
			// the body is left.
			s.min.Reset()
			if err := r.min.Minify("text/html", &s.min, &s.md); err != nil {
				return nil, fmt.Errorf("verkleinen van %s: %w", src.Path, err)
			}
			html = &s.min
		}
		// The body's bytes stay in s, untouched, until the layout below has
		// been executed and the view is dropped: the layout can read them
		// as a string without a copy.
		if html.Len() > 0 {
			body = unsafe.String(&html.Bytes()[0], html.Len())
		}
		r.pageOutputs(p, st, html.Bytes(), anchors)
	} else {
		r.pageOutputs(p, st, nil, nil)
	}
	v := r.newView(p, body)
	if g != nil && g.Parts != nil {
		var err error
		if v.Parts, err = r.renderParts(p, g, st); err != nil {
			return nil, err
		}
	}
	if err := r.theme.Execute(out, r.layout(p), v); err != nil {
		var prob *diag.Problem
		if errors.As(err, &prob) {
			with := *prob
			with.Msg += fmt.Sprintf(" (bij pagina /%s)", p.URL)
			return nil, &with
		}
		return nil, err
	}
	st.reads |= v.rec.reads // the body's overviews (see linker.Overview) read too
	return st, nil
}
