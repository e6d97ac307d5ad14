package generator

import (
	"slices"
	"strings"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

// The refresh stage, the preview's short way through load and plan: when
// every changed file is a page whose front matter stayed as it was (an
// edit of its body), the site model of the last good build is still
// right. The pages are then not walked, parsed or cross-linked again, and
// only the edited pages (and the generated pages showing their bodies)
// are fingerprinted; the others cannot have changed, since a page's
// output depends on other pages only through their front matter, their
// presence and the collections (see fingerprint), and none of those
// changed. Anything else (a new, removed or renamed file, a front matter
// edit, a file with a problem) takes the long way: load and plan.

// refresh tries the short way for the changed paths. It reports false,
// and leaves the run as it was, when the long way must be taken.
func (r *run) refresh(changed []string) bool {
	b := r.Builder
	if r.full || !b.current || b.site == nil || len(changed) == 0 {
		return false
	}
	dirty := make(map[string]bool, len(changed))
	for _, c := range changed {
		if !strings.HasSuffix(strings.ToLower(c), ".md") || !strings.HasPrefix(c, "content/") {
			return false
		}
		dirty[content.NormalizePath(c)] = true
	}
	for c := range dirty {
		if !b.loader.Refresh(b.site, c) {
			// A page refreshed before this one is what Load reads of
			// it too: the long way starts from the same parses.
			return false
		}
	}
	r.site = b.site
	r.loaded = b.loaded
	r.probs = &diag.List{}
	r.probs.Add(r.loaded...)
	r.probs.Add(r.themeWarn...)
	r.dirty = dirty
	r.checkStatic()
	r.index()
	return true
}

// planDirty is plan for a refreshed run: only the pages whose source is
// in r.dirty, themselves, as a generated page's body or among its parts,
// are fingerprinted.
// r.states is the last build's map, updated in place; the states it
// replaces are kept in r.replaced, so that a build that fails can put
// them back (see cleanup).
func (r *run) planDirty() {
	// The site and the theme are the last build's: so are the hashes of
	// what every page shows and of the collections.
	r.global, r.colls = r.Builder.global, r.Builder.colls
	r.states = r.state
	r.replaced = map[string]*pageState{}
	for _, p := range r.pages {
		src := p
		dirty := false
		if g := r.gen[p]; g != nil {
			src = g.Body
			// A bundle or the print page shows the bodies of its parts.
			for _, q := range g.Parts {
				dirty = dirty || r.dirty[q.Path]
			}
		}
		if !dirty && (src == nil || !r.dirty[src.Path]) {
			continue
		}
		if old := r.state[p.URL]; old != nil && old.fp == r.fingerprint(p, old) {
			continue
		}
		r.replaced[p.URL] = r.state[p.URL]
		r.todo = append(r.todo, p)
	}
}

// restore puts back the states a failed refreshed build replaced.
func (r *run) restore() {
	for u, st := range r.replaced {
		if st == nil {
			delete(r.state, u)
		} else {
			r.state[u] = st
		}
	}
	r.replaced = nil
}

// keepSite makes the run's site model the last good one, for refresh.
func (r *run) keepSite() {
	if r.oneShot {
		return
	}
	r.Builder.site, r.Builder.loaded = r.site, slices.Clip(r.loaded)
	r.Builder.global, r.Builder.colls = r.global, r.colls
}
