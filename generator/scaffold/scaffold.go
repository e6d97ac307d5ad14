// Package scaffold makes new handbooks and new pages: `lobsite init`
// writes a site folder from the skeleton embedded in the binary (Dutch or
// English), and `lobsite new` writes one page from a template that names
// every key of its kind with the values it allows (see Kinds).
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"lobsite/generator/content"
)

//go:embed all:skeleton
var skeleton embed.FS

// ErrNotEmpty is returned by Init for a folder that already holds files.
var ErrNotEmpty = errors.New("de map is niet leeg")

// ErrExists is returned by New when the page's file is already there.
var ErrExists = errors.New("het bestand bestaat al")

// UsageError is a mistake in what was asked (an unknown kind, a name
// without letters, a folder outside content/): the command line's fault,
// not the site's.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Languages are the languages Init has a skeleton for.
var Languages = []string{"nl", "en"}

// Init writes a new handbook into dir (made when missing): content/ with
// site.yaml, the five competencies, seven kernvragen, four models, a few
// sectors, one page of every kind and the handbook's chapters as
// skeletons, in lang ("nl" or "en"). The school year is the one under
// way on day now, or the next one from June on. It refuses a folder that
// holds anything (ErrNotEmpty) and returns the files written, as slash
// paths relative to dir.
func Init(dir, lang string, now time.Time) ([]string, error) {
	if lang != "nl" && lang != "en" {
		return nil, &UsageError{fmt.Sprintf("taal %q bestaat niet; kies nl of en", lang)}
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, &UsageError{fmt.Sprintf("%s is een bestand, geen map; geef een nieuwe of lege map, zoals: lobsite init mijn-handboek", dir)}
	}
	if entries, err := os.ReadDir(dir); err == nil && !onlyLitter(entries) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	data := yearData(now, lang)
	root := "skeleton/" + lang
	var written []string
	err := fs.WalkDir(skeleton, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		if strings.HasSuffix(rel, ".tmpl") {
			rel = strings.TrimSuffix(rel, ".tmpl")
			t, err := template.New(rel).Delims("[[", "]]").Option("missingkey=error").Parse(string(src))
			if err != nil {
				return err
			}
			var b strings.Builder
			if err := t.Execute(&b, data); err != nil {
				return err
			}
			src = []byte(b.String())
		}
		out := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, src, 0o644); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	return written, err
}

// litter are the files an operating system leaves in a folder by itself
// (Finder's .DS_Store, Explorer's Thumbs.db and desktop.ini): a folder
// with only these counts as empty for Init.
var litter = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

func onlyLitter(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if !litter[e.Name()] {
			return false
		}
	}
	return true
}

// period is one periode of the skeleton's site.yaml.
type period struct{ Name, Start, End string }

// yearData is what the skeleton's templates fill in: the school year, its
// five periods (Monday to Friday, around the usual holidays) and the date
// of the example activity.
func yearData(now time.Time, lang string) map[string]any {
	y := now.Year()
	if now.Month() < time.June {
		y--
	}
	name := "Periode"
	if lang == "en" {
		name = "Term"
	}
	// Monday of ISO week w of year y.
	monday := func(y, w int) time.Time {
		jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
		off := (int(jan4.Weekday()) + 6) % 7
		return jan4.AddDate(0, 0, -off+7*(w-1))
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	weeks := [][4]int{{y, 35, y, 42}, {y, 44, y, 51}, {y + 1, 2, y + 1, 7}, {y + 1, 10, y + 1, 17}, {y + 1, 19, y + 1, 28}}
	var ps []period
	// The example visit is on a Wednesday inside a period, at least a week
	// after today, so the new home page shows it as coming up (in October
	// when the school year has not begun; the last Wednesday of the year
	// when it is nearly over).
	visit := monday(y, 40).AddDate(0, 0, 2)
	soon := now.AddDate(0, 0, 7)
	found := !visit.Before(soon)
	for i, w := range weeks {
		start, end := monday(w[0], w[1]), monday(w[2], w[3]).AddDate(0, 0, 4)
		ps = append(ps, period{fmt.Sprintf("%s %d", name, i+1), day(start), day(end)})
		for d := start.AddDate(0, 0, 2); !found && !d.After(end); d = d.AddDate(0, 0, 7) {
			visit = d
			found = !d.Before(soon)
		}
	}
	return map[string]any{
		"Lang":    lang,
		"Year":    fmt.Sprintf("%d-%d", y, y+1),
		"Periods": ps,
		"Visit":   day(visit),
	}
}

// SchoolDay returns the first day after today, Monday to Friday and not in
// a holiday by the rough rules of holiday, that falls inside the school
// year of s; or the last such day of the school year when that has passed.
// Without a school year in s it is the next weekday.
func SchoolDay(today time.Time, s content.Settings, holiday func(time.Time) bool) time.Time {
	d := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, content.Amsterdam).AddDate(0, 0, 1)
	ok := func(d time.Time) bool {
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !holiday(d)
	}
	if s.YearStart.IsZero() {
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, 1)
		}
		return d
	}
	if d.Before(s.YearStart) {
		d = s.YearStart
	}
	for i := 0; i < 366 && !d.After(s.YearEnd); i++ {
		if ok(d) {
			return d
		}
		d = d.AddDate(0, 0, 1)
	}
	for d = s.YearEnd; !ok(d); d = d.AddDate(0, 0, -1) {
	}
	return d
}

// Title makes a page title from the name given to `lobsite new`:
// "mijn-netwerk" becomes "Mijn netwerk"; a name with spaces or capitals
// is kept as it is.
func Title(name string) string {
	name = strings.TrimSpace(name)
	if strings.ContainsAny(name, " ") || strings.ToLower(name) != name {
		return name
	}
	t := strings.ReplaceAll(strings.ReplaceAll(name, "-", " "), "_", " ")
	if t == "" {
		return t
	}
	r := []rune(t)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// pageURL is the address a page at source path p ("content/x/y.md") gets,
// site-relative with a trailing slash.
func pageURL(p string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
	parts := strings.Split(rel, "/")
	for i, s := range parts {
		parts[i] = slugOf(s)
	}
	return path.Join(parts...) + "/"
}
