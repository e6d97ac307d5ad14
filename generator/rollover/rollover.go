// Package rollover moves a handbook to another school year (`lobsite
// schooljaar`): every datum and tot in content/kalender/ and every
// periode's start and eind in content/site.yaml shift by whole weeks, so a
// Monday stays a Monday, and schooljaar changes. Only those values are
// edited, in place: each file keeps every other byte (comments, order,
// quoting). All files are checked and written to temporary files first,
// then renamed; when anything fails, every file stays as it was.
package rollover

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"lobsite/generator/content"
	"lobsite/generator/diag"
)

// Change is one value the rollover edits.
type Change struct {
	Path      string // slash path from the site folder: "content/kalender/x.md"
	Line, Col int    // where the value starts (1-based; columns in characters)
	Key       string // datum, tot, start, eind or schooljaar
	Old, New  string // the value before and after, as written (dates 2006-01-02)
	Weekday   string // the new date's weekday in Dutch; "" for schooljaar
	Check     string // why the coordinator should look at it, in Dutch, or ""
	off, end  int    // byte span of Old in the file
}

// Plan is a rollover that has been worked out and checked but not yet
// written: the changes, per file in path order.
type Plan struct {
	From, To string // school years: "2026-2027", "2027-2028"
	Weeks    int    // how many weeks most dates move (52 for one year)
	Changes  []Change
	dir      string
	files    []*file
}

type file struct {
	path     string // slash path from the site folder
	old, new []byte
	mode     fs.FileMode
}

// UsageError is a school year that is not written as 2027-2028.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// maxYears is how far Prepare moves a handbook at most: further is a typing
// mistake, not a school year to plan.
const maxYears = 100

var yearRE = regexp.MustCompile(`^(\d{4})-(\d{4})$`)

// Prepare works out the rollover of the site folder dir to school year to
// ("2027-2028"): it reads content/site.yaml and every page of
// content/kalender/, computes the new values and checks that the result
// has no new errors. Nothing is written. Errors are a *UsageError for a
// badly written year, a *diag.BuildError when the result would not build
// (or the site's settings cannot be read), or the file error that stopped
// it.
func Prepare(dir, to string) (*Plan, error) {
	m := yearRE.FindStringSubmatch(to)
	y1, _ := strconv.Atoi(m2(m, 1))
	y2, _ := strconv.Atoi(m2(m, 2))
	if m == nil || y2 != y1+1 {
		return nil, &UsageError{fmt.Sprintf("schooljaar %q klopt niet; schrijf twee opeenvolgende jaren, zoals 2027-2028", to)}
	}
	p := &Plan{To: to, dir: dir}
	settingsFile, err := readFile(dir, content.SettingsPath)
	if err != nil {
		return nil, err
	}
	src, prob := content.Normalize(content.SettingsPath, settingsFile.old)
	if prob != nil {
		return nil, &diag.BuildError{Problems: []*diag.Problem{prob}}
	}
	var probs diag.List
	oldSettings := content.ParseSettings(src, &probs)
	if len(probs.Errors()) > 0 {
		return nil, &diag.BuildError{Problems: probs.Errors()}
	}
	p.From = oldSettings.SchoolYear
	years := y1 - oldSettings.YearStart.Year()
	if years == 0 {
		return nil, &UsageError{fmt.Sprintf("het schooljaar is al %s; er valt niets te verschuiven", to)}
	}
	if years > maxYears || years < -maxYears {
		return nil, &UsageError{fmt.Sprintf("schooljaar %s ligt meer dan %d jaar van %s; geef een schooljaar dichterbij, zoals %d-%d", to, maxYears, oldSettings.SchoolYear, oldSettings.YearStart.Year()+1, oldSettings.YearStart.Year()+2)}
	}
	start := time.Date(y1, time.August, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(y2, time.July, 31, 0, 0, 0, 0, time.UTC)
	p.Weeks = weeksFor(oldSettings.YearStart, years)
	shift := func(f *file, key string, line, col int, old string, off, endOff int) error {
		d, ok := parseDate(old)
		if !ok {
			return &diag.BuildError{Problems: []*diag.Problem{{Path: f.path, Line: line, Col: col, Msg: fmt.Sprintf("%s %q is geen datum; schrijf jaar-maand-dag, zoals 2026-10-12, en probeer het opnieuw", key, old)}}}
		}
		w := weeksFor(d, years)
		nd := d.AddDate(0, 0, 7*w)
		c := Change{Path: f.path, Line: line, Col: col, Key: key, Old: old, off: off, end: endOff}
		for nd.Before(start) {
			nd = nd.AddDate(0, 0, 7)
			c.Check = "een week later geschoven dan de rest, anders viel de datum voor 1 augustus"
		}
		for nd.After(end) {
			nd = nd.AddDate(0, 0, -7)
			c.Check = "een week eerder geschoven dan de rest, anders viel de datum na 31 juli"
		}
		c.New = nd.Format("2006-01-02")
		c.Weekday = weekdays[nd.Weekday()]
		if h, ok := Holiday(nd); ok && c.Check == "" {
			c.Check = "valt in de " + h
		}
		p.Changes = append(p.Changes, c)
		return nil
	}

	// site.yaml: schooljaar and the periods.
	root, err := yamlRoot(settingsFile.old, 0, len(settingsFile.old))
	if err != nil {
		return nil, err
	}
	lines := lineStarts(settingsFile.old)
	span := func(data []byte, n *yaml.Node) (int, int, bool) {
		return valueSpan(data, lines, n)
	}
	if n := mapValue(root, "schooljaar"); n != nil {
		if off, e, ok := span(settingsFile.old, n); ok {
			p.Changes = append(p.Changes, Change{Path: content.SettingsPath, Line: n.Line, Col: n.Column, Key: "schooljaar", Old: n.Value, New: to, off: off, end: e})
		}
	}
	if per := mapValue(root, "perioden"); per != nil && per.Kind == yaml.SequenceNode {
		for _, item := range per.Content {
			for _, key := range []string{"start", "eind"} {
				n := mapValue(item, key)
				if n == nil {
					continue
				}
				off, e, ok := span(settingsFile.old, n)
				if !ok {
					return nil, notFound(content.SettingsPath, n, key)
				}
				if err := shift(settingsFile, key, n.Line, n.Column, n.Value, off, e); err != nil {
					return nil, err
				}
			}
		}
	}
	p.files = append(p.files, settingsFile)

	// content/kalender/*.md
	entries, err := os.ReadDir(filepath.Join(dir, "content", "kalender"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if content.Ignored(name) || !strings.HasSuffix(strings.ToLower(name), ".md") || strings.EqualFold(name, "_index.md") || strings.EqualFold(name, "index.md") {
			continue
		}
		f, err := readFile(dir, "content/kalender/"+name)
		if err != nil {
			return nil, err
		}
		if err := pageDates(f, shift); err != nil {
			return nil, err
		}
		p.files = append(p.files, f)
	}

	// Splice the new values in, then check the result.
	for _, f := range p.files {
		f.new = splice(f.old, p.changesOf(f.path))
	}
	if err := p.validate(oldSettings); err != nil {
		return nil, err
	}
	// Files without changes are not written.
	kept := p.files[:0]
	for _, f := range p.files {
		if !bytes.Equal(f.old, f.new) {
			kept = append(kept, f)
		}
	}
	p.files = kept
	sort.SliceStable(p.Changes, func(i, j int) bool {
		a, b := p.Changes[i], p.Changes[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.off < b.off
	})
	return p, nil
}

func m2(m []string, i int) string {
	if m == nil {
		return ""
	}
	return m[i]
}

var weekdays = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}

// weeksFor is the whole number of weeks that brings d nearest to the same
// date years later.
func weeksFor(d time.Time, years int) int {
	days := float64(d.AddDate(years, 0, 0).Unix()-d.Unix()) / 86400
	return int(math.Round(days / 7))
}

var dateRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

func parseDate(s string) (time.Time, bool) {
	m := dateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func readFile(dir, rel string) (*file, error) {
	name := filepath.Join(dir, filepath.FromSlash(rel))
	info, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s kan niet worden gelezen: %w", rel, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is geen gewoon bestand (maar een map of iets anders); haal het weg of geef het een andere naam", rel)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s kan niet worden gelezen: %w", rel, err)
	}
	return &file{path: rel, old: data, mode: info.Mode().Perm()}, nil
}

func notFound(path string, n *yaml.Node, key string) error {
	return &diag.BuildError{Problems: []*diag.Problem{{Path: path, Line: n.Line, Col: n.Column,
		Msg: fmt.Sprintf("de waarde van %s staat hier anders geschreven dan lobsite kan aanpassen; schrijf de datum als 2026-10-12 op één regel", key)}}}
}

// lineStarts is the byte offset of every line's first byte.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset turns a 1-based line and character column into a byte offset.
func offset(data []byte, lines []int, line, col int) (int, bool) {
	if line < 1 || line > len(lines) {
		return 0, false
	}
	off := lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, false
		}
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off, true
}

// valueSpan is the byte span of scalar n's text in data, inside its
// quotes if it has them.
func valueSpan(data []byte, lines []int, n *yaml.Node) (int, int, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, 0, false
	}
	off, ok := offset(data, lines, n.Line, n.Column)
	if !ok {
		return 0, 0, false
	}
	if off < len(data) && (data[off] == '"' || data[off] == '\'') {
		off++
	}
	if !bytes.HasPrefix(data[off:], []byte(n.Value)) {
		return 0, 0, false
	}
	return off, off + len(n.Value), true
}

// yamlRoot parses data[from:to] as YAML whose first line is line
// lineOff+1 of the file; node lines are file lines.
func yamlRoot(data []byte, from, to int) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data[from:to], &doc); err != nil || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var tomlDateRE = regexp.MustCompile(`^[ \t]*(datum|tot)[ \t]*=[ \t]*["']?(\d{4}-\d{1,2}-\d{1,2})`)

// pageDates finds datum and tot in the front matter of a calendar page
// (YAML between ---, TOML between +++, or JSON) and passes each to shift.
func pageDates(f *file, shift func(f *file, key string, line, col int, old string, off, end int) error) error {
	data := f.old
	lines := lineStarts(data)
	lineText := func(i int) string {
		end := len(data)
		if i+1 < len(lines) {
			end = lines[i+1] - 1
		}
		return strings.TrimRight(string(data[lines[i]:end]), "\r")
	}
	first := 0
	for first < len(lines) && strings.TrimSpace(strings.TrimPrefix(lineText(first), "\uFEFF")) == "" {
		first++
	}
	if first >= len(lines) {
		return nil
	}
	open := strings.TrimSpace(strings.TrimPrefix(lineText(first), "\uFEFF"))
	closer := map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", "---json": "---", "{": "}"}[open]
	if closer == "" {
		return nil // no front matter: the build reports that
	}
	last := -1
	for i := first + 1; i < len(lines); i++ {
		if strings.TrimSpace(lineText(i)) == closer {
			last = i
			break
		}
	}
	if last < 0 {
		return nil
	}
	if open == "+++" || open == "---toml" {
		var m map[string]any
		body := data[lines[first+1]:lines[last]]
		if _, err := toml.Decode(string(body), &m); err != nil {
			return nil // the build reports it
		}
		for i := first + 1; i < last; i++ {
			text := lineText(i)
			if strings.HasPrefix(strings.TrimSpace(text), "[") {
				break // keys below a [tabel] are not the page's own
			}
			if mm := tomlDateRE.FindStringSubmatchIndex(text); mm != nil {
				key, val := text[mm[2]:mm[3]], text[mm[4]:mm[5]]
				off := lines[i] + mm[4]
				if err := shift(f, key, i+1, utf8.RuneCountInString(text[:mm[4]])+1, val, off, off+len(val)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	from, to := lines[first+1], lines[last]
	lineOff := first + 1
	if open == "{" {
		from, to, lineOff = lines[first], len(data), first
		if last+1 < len(lines) {
			to = lines[last+1]
		}
	}
	root, _ := yamlRoot(data, from, to)
	for _, key := range []string{"datum", "tot"} {
		n := mapValue(root, key)
		if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			continue
		}
		fileNode := *n
		fileNode.Line += lineOff
		off, end, ok := valueSpan(data, lines, &fileNode)
		if !ok {
			return notFound(f.path, &fileNode, key)
		}
		if err := shift(f, key, fileNode.Line, fileNode.Column, n.Value, off, end); err != nil {
			return err
		}
	}
	return nil
}

func (p *Plan) changesOf(path string) []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Path == path {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].off < out[j].off })
	return out
}

// splice replaces the spans of changes (sorted, not overlapping) in data.
func splice(data []byte, changes []Change) []byte {
	var b bytes.Buffer
	b.Grow(len(data))
	at := 0
	for _, c := range changes {
		b.Write(data[at:c.off])
		b.WriteString(c.New)
		at = c.end
	}
	b.Write(data[at:])
	return b.Bytes()
}

// validate reads the new site.yaml and calendar pages as a build would and
// fails when they have errors the old ones did not.
func (p *Plan) validate(oldSettings content.Settings) error {
	var probs diag.List
	var newSettings content.Settings
	for _, f := range p.files {
		if f.path == content.SettingsPath {
			src, prob := content.Normalize(f.path, f.new)
			if prob != nil {
				return &diag.BuildError{Problems: []*diag.Problem{prob}}
			}
			newSettings = content.ParseSettings(src, &probs)
		}
	}
	if len(probs.Errors()) > 0 {
		return &diag.BuildError{Problems: probs.Errors()}
	}
	for _, f := range p.files {
		if f.path == content.SettingsPath {
			continue
		}
		var before, after diag.List
		content.ParsePage(f.path, f.old, oldSettings, &before)
		if errs := before.Errors(); len(errs) > 0 {
			// A page the build cannot read may hold dates the rollover
			// cannot see: moving the others would leave it behind.
			probs.Add(errs...)
			continue
		}
		content.ParsePage(f.path, f.new, newSettings, &after)
		if len(after.Errors()) > len(before.Errors()) {
			probs.Add(after.Errors()...)
		}
	}
	if len(probs.Errors()) > 0 {
		return &diag.BuildError{Problems: probs.Errors()}
	}
	return nil
}

// Files is how many files Apply will write.
func (p *Plan) Files() int { return len(p.files) }

// Apply writes the plan: every file to a temporary file beside it first
// (hidden, so a running preview ignores it), then each renamed over its
// original. When a write fails nothing has changed; when a rename fails,
// the files already renamed get their old bytes back. Apply checks that no
// file changed since Prepare read it.
func (p *Plan) Apply() error {
	type temp struct {
		f    *file
		name string
	}
	var temps []temp
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t.name)
		}
	}
	// A read-only file is one the coordinator (or a sync program) does not
	// want changed: the rename below would replace it all the same, so it
	// is refused first, by its mode bits (root may write anything).
	for _, f := range p.files {
		if f.mode&0o200 == 0 {
			return fmt.Errorf("%s is alleen-lezen; er is niets aangepast. Maak het bestand schrijfbaar (Eigenschappen, of chmod u+w) en probeer het opnieuw", f.path)
		}
	}
	for _, f := range p.files {
		target := filepath.Join(p.dir, filepath.FromSlash(f.path))
		now, err := os.ReadFile(target)
		if err != nil || !bytes.Equal(now, f.old) {
			cleanup()
			return fmt.Errorf("%s is veranderd sinds lobsite het las; er is niets aangepast, probeer het opnieuw", f.path)
		}
		name, err := writeTemp(target, f.new, f.mode)
		if err != nil {
			cleanup()
			return fmt.Errorf("%s kan niet worden geschreven (%w); er is niets aangepast", f.path, unwrap(err))
		}
		temps = append(temps, temp{f, name})
	}
	for i, t := range temps {
		target := filepath.Join(p.dir, filepath.FromSlash(t.f.path))
		if err := os.Rename(t.name, target); err != nil {
			cleanup()
			// Put back what was already renamed.
			var lost []string
			for _, done := range temps[:i] {
				tgt := filepath.Join(p.dir, filepath.FromSlash(done.f.path))
				name, werr := writeTemp(tgt, done.f.old, done.f.mode)
				if werr == nil {
					werr = os.Rename(name, tgt)
				}
				if werr != nil {
					os.Remove(name)
					lost = append(lost, done.f.path)
				}
			}
			if len(lost) > 0 {
				return fmt.Errorf("%s kan niet worden vervangen (%w), en %s konden niet worden teruggezet: controleer ze", t.f.path, unwrap(err), strings.Join(lost, ", "))
			}
			return fmt.Errorf("%s kan niet worden vervangen (%w); alle bestanden staan er weer zoals ze waren", t.f.path, unwrap(err))
		}
	}
	return nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeTemp writes data to a new hidden file beside target, synced to
// disk, with mode, and returns its name.
func writeTemp(target string, data []byte, mode fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".lobsite-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}
