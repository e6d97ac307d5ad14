package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"
)

// funcs are the template functions every layout and partial may call; the
// package doc lists them.
func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		"t":     t.T,
		"datum": t.Date,
		"jaren": t.Years,
		"join":  strings.Join,
		"deel":  t.part,
		"dict":  dict,
	}
}

// dict makes a map of its arguments, taken as key, value pairs: the way to
// hand a named template more than one value ({{template "x" (dict "V" $ "List" .Page.List.Pages)}}).
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}

// A Caller is the value a layout is executed with (the page's view), as
// the function deel receives it: it gives what the shared parts are
// executed with instead of the page.
type Caller interface {
	// PartKey returns what the frame of this page may differ by from that
	// of other pages, and the cache of the current build the parts are
	// kept in under it (nil: not cached).
	PartKey() (PartKey, *Parts)
	// Frame returns the value a shared part is executed with; for equal
	// keys, equal values.
	Frame() any
}

// PartKey is what a shared part's output may differ by: the relative path
// to the site root, the section whose menu item is current, and a mark
// for pages that mark no menu item (the home and 404 pages).
type PartKey struct {
	Root, Section, Mark string
}

// Parts caches the output of the shared parts of one build, by part name
// and PartKey. The zero value is empty and ready; it is safe for
// concurrent use.
type Parts struct {
	mu sync.RWMutex
	m  map[partID]template.HTML
}

type partID struct {
	name string
	key  PartKey
}

// part is the function deel: it executes the partial name with the
// frame of data, once per build and PartKey.
func (t *Theme) part(name string, data any) (template.HTML, error) {
	c, ok := data.(Caller)
	if !ok {
		return "", errorf("", 0, "deel %q krijgt %T mee in plaats van de pagina; schrijf {{deel %q .}} in basis.html of een layout, niet binnen {{range}} of {{with}}", name, data, name)
	}
	p := t.shared.Lookup(name)
	if p == nil {
		return "", errorf("", 0, "het thema heeft geen deel %q; definieer het met {{define %q}} in een layouts/_*.html", name, name)
	}
	key, cache := c.PartKey()
	id := partID{name, key}
	if cache != nil && !t.asWritten {
		cache.mu.RLock()
		h, ok := cache.m[id]
		cache.mu.RUnlock()
		if ok {
			return h, nil
		}
	}
	frame := c.Frame()
	var buf bytes.Buffer
	if err := p.Execute(&buf, frame); err != nil {
		return "", &partError{name: name, frame: fmt.Sprintf("%T", frame), err: err}
	}
	h := template.HTML(buf.String())
	if cache != nil && !t.asWritten {
		cache.mu.Lock()
		if cache.m == nil {
			cache.m = map[partID]template.HTML{}
		}
		cache.m[id] = h
		cache.mu.Unlock()
	}
	return h, nil
}

// partError is a shared part that failed; frame is the Go type of the
// value it was executed with, to tell a field the frame lacks from a
// misspelt field of a page.
type partError struct {
	name, frame string
	err         error
}

func (e *partError) Error() string { return e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

var (
	monthsNL = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	daysNL   = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
)

// Date writes a date in words in the theme's language: "maandag 12
// oktober 2026" (nl) or "Monday 12 October 2026" (en); "" for the zero
// time. It is the function datum.
func (t *Theme) Date(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	if t.lang == "en" {
		return d.Format("Monday 2 January 2006")
	}
	return fmt.Sprintf("%s %d %s %d", daysNL[d.Weekday()], d.Day(), monthsNL[d.Month()-1], d.Year())
}

// Month writes the month of a date and its year: "oktober 2026" (nl),
// "October 2026" (en).
func (t *Theme) Month(d time.Time) string {
	if t.lang == "en" {
		return d.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsNL[d.Month()-1], d.Year())
}

// Years writes leerjaren as a list in words: [1 2 3] as "1, 2 en 3" (nl)
// or "1, 2 and 3" (en). It is the function jaren.
func (t *Theme) Years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	and := "en"
	if t.lang == "en" {
		and = "and"
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + and + " " + s[len(s)-1]
}
