package generator

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/markdown"
)

// The link stage: the linker rewrites each body's links while it renders;
// checkAnchors then checks the #anker links against the anchors of their
// targets, for pages rendered now and kept from before.

type anchorLink struct {
	from, target string // source paths
	anchor       string
	pos          [2]int // line and column of the link
}

// frameIDs are the ids of the page frame that links may point to and
// headings may not take: "inhoud" is the layouts' <main>, where the skip
// link ("Naar de inhoud") goes; a heading "Inhoud" gets "inhoud-1". The
// layouts' other ids have an underscore (lijst_opdrachten), which heading
// anchors never have.
var frameIDs = []string{"inhoud"}

// checkAnchors adds the problems of every page, rendered now or kept from
// before, and checks the #anker links against the anchors of their
// targets (indexed only for pages that are linked to that way).
func (r *run) checkAnchors() {
	anchorsOf := map[string]map[string]bool{}
	for _, p := range r.pages {
		st := r.states[p.URL]
		r.probs.Add(st.probs...)
		for _, al := range st.anchorLinks {
			tp := r.site.ByPath[al.target]
			if tp == nil {
				continue // a missing target is reported by the linker
			}
			set, ok := anchorsOf[al.target]
			if !ok {
				set = map[string]bool{}
				for _, id := range frameIDs {
					set[id] = true
				}
				for _, a := range r.states[tp.URL].anchorList() {
					set[a] = true
				}
				anchorsOf[al.target] = set
			}
			if !set[al.anchor] {
				r.probs.Errorf(al.from, al.pos[0], al.pos[1], "de link wijst naar #%s in %s, maar daar staat geen kop met dat anker%s", al.anchor, al.target, anchorHint(al.anchor, r.states[tp.URL].anchorList()))
			}
		}
	}
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
// page is the Markdown page whose body it is; url the URL of the page it
// is written on (another, for a generated page showing page's body).
type linker struct {
	r    *run
	page *content.Page
	url  string
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
	if !l.r.oneShot {
		l.st.targets = append(l.st.targets, target)
	}
	site := l.r.site
	rel := func(u string) string {
		r := rootPrefix(l.url) + u
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
	if lp := l.r.listOf[strings.TrimPrefix(strings.TrimSuffix(target, "/"), "content/")]; lp != nil && !strings.HasSuffix(target, ".md") {
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
	if s := content.Suggest(target, l.r.siblings(target)); s != "" {
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
func (r *run) siblings(target string) []string {
	dir := path.Dir(target)
	var out []string
	for p := range r.site.ByPath {
		if path.Dir(p) == dir {
			out = append(out, p)
		}
	}
	for p := range r.site.StaticByPath {
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
