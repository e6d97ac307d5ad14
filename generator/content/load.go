package content

import (
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"lobsite/generator/diag"
	"lobsite/generator/internal/par"
	"lobsite/generator/slug"
)

// Site is the whole content model of one build: settings, every page with
// its cross-links resolved, and the static files to copy.
type Site struct {
	Settings Settings
	Home     *Page
	Pages    []*Page          // every page, generated lists included, sorted by URL
	ByPath   map[string]*Page // by source path ("content/opdrachten/x.md")
	ByURL    map[string]*Page
	Sections []*Page // list pages of the top-level folders, in menu order
	Static   []StaticFile
	// StaticByPath maps a source path to its static file.
	StaticByPath map[string]StaticFile

	Competencies []*Page // by nummer
	Questions    []*Page // by volgorde, title
	Exercises    []*Page // by volgorde, title
	Activities   []*Page // by date, time, title
	Sectors      []*Page
	Models       []*Page // by nummer
	Guides       []*Page
	ChosenModel  *Page // the model page whose nummer is Settings.Model, or nil
	// LeftOut tells, by source path, why a Markdown file is not in this
	// build: a draft, or a file that could not be read (whose own error is
	// reported). References to such pages are not reported as unknown.
	LeftOut map[string]LeftReason
	leftIDs map[string]LeftReason // by "section/id"
}

// LeftReason says why a page is not in the build.
type LeftReason int

// Reasons a page is left out.
const (
	Present    LeftReason = iota
	LeftDraft             // concept: true, built without --drafts
	LeftBroken            // the file has an error that stops it being read
)

// Left reports why the page with id in section is not in the build, or
// Present.
func (s *Site) Left(section, id string) LeftReason { return s.leftIDs[section+"/"+id] }

func (s *Site) leave(p string, why LeftReason) {
	s.LeftOut[p] = why
	_, section, _ := PageKind(p)
	s.leftIDs[section+"/"+pageID(p)] = why
}

// Options control loading.
type Options struct {
	Drafts bool // include pages with concept: true
	// Scan, when set, makes a checker for the given settings that is run on
	// every Markdown source (normalised); its problems are added to the
	// file's. The checker must be safe for concurrent use.
	Scan func(Settings) func(path string, src []byte) []*diag.Problem
	// Dir, when the FS is a folder on disk (os.DirFS), is that folder. Symbolic
	// links are then resolved on disk and refused when they point outside it.
	Dir string
	// Once says the Loader loads one time only (a build, a check): it then
	// keeps no parse between loads, and the Site holds the parsed pages
	// themselves instead of copies, so a large site is in memory once.
	Once bool
}

// Loader reads a site folder through an fs.FS. It keeps the parse of every
// file between loads, so a later Load with a list of changed paths re-reads
// only those. A Loader is not safe for concurrent use.
type Loader struct {
	fsys  fs.FS
	opts  Options
	cache map[string]*parsed // by source path
	real  map[string]string  // NFC source path → the path as stored on disk, where the two differ
	// settings and settingsHash are those the cache was parsed with: a
	// change of site.yaml re-reads every page.
	settings     Settings
	settingsHash uint64
	scan         func(path string, src []byte) []*diag.Problem
}

// parsed is the result of reading one Markdown file, before cross-linking.
type parsed struct {
	page  *Page // nil when the file could not be read at all
	probs []*diag.Problem
}

// NewLoader returns a Loader reading the site folder fsys (which holds
// content/ and, optionally, themes/).
func NewLoader(fsys fs.FS, opts Options) *Loader {
	return &Loader{fsys: fsys, opts: opts, cache: map[string]*parsed{}, real: map[string]string{}}
}

// Load reads the site. changed lists source paths (slash-separated, relative
// to the site folder) known to have changed since the previous Load; nil
// means "anything may have changed" and re-reads every file. Files and
// folders that disappeared are dropped whatever changed says. Problems of
// every file are returned together; the Site is nil only when content/ or
// content/site.yaml cannot be read at all.
func (l *Loader) Load(changed []string) (*Site, *diag.List) {
	probs := &diag.List{}
	if changed == nil {
		l.cache = map[string]*parsed{}
	}
	for _, c := range changed {
		c = NormalizePath(c)
		delete(l.cache, c)
		prefix := c + "/"
		for p := range l.cache {
			if strings.HasPrefix(p, prefix) {
				delete(l.cache, p)
			}
		}
	}
	settingsSrc, err := fs.ReadFile(l.fsys, SettingsPath)
	if err != nil {
		if _, serr := fs.Stat(l.fsys, "content"); serr != nil {
			probs.Errorf("content", 0, 0, "de map content/ ontbreekt; geef met --source de map die content/ bevat")
			return nil, probs
		}
		probs.Errorf(SettingsPath, 0, 0, "het bestand met de instellingen ontbreekt; maak content/site.yaml met minstens school, titel, model en schooljaar")
		return nil, probs
	}
	site := &Site{ByPath: map[string]*Page{}, ByURL: map[string]*Page{}, StaticByPath: map[string]StaticFile{}, LeftOut: map[string]LeftReason{}, leftIDs: map[string]LeftReason{}}
	settingsOK := false
	if src, prob := Normalize(SettingsPath, settingsSrc); prob != nil {
		probs.Add(prob)
		site.Settings = DefaultSettings()
	} else {
		before := len(probs.Errors())
		site.Settings = ParseSettings(src, probs)
		settingsOK = len(probs.Errors()) == before
	}
	if h := hash64(settingsSrc); h != l.settingsHash {
		l.cache = map[string]*parsed{}
		l.settings, l.settingsHash = site.Settings, h
		l.scan = nil
		// Without good settings the allowed e-mail domains are unknown, and
		// every school address would be reported: scan only with good ones.
		if l.opts.Scan != nil && settingsOK {
			l.scan = l.opts.Scan(site.Settings)
		}
	}
	if l.scan != nil {
		probs.Add(l.scan(SettingsPath, settingsSrc)...)
	}

	var mdFiles []string
	var dirs []string
	seen := map[string]string{} // NFC path → the path as stored
	walkErr := fs.WalkDir(l.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.Add(&diag.Problem{Path: p, Msg: fmt.Sprintf("kan niet worden gelezen (%v); controleer de rechten", unwrapPathError(err)), Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "content" && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(name) {
			probs.Errorf(strings.ToValidUTF8(p, "?"), 0, 0, "de naam van dit bestand of deze map bevat tekens die geen UTF-8 zijn (%+q), zoals na uitpakken van een oud zip-bestand; geef het een nieuwe naam", name)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "content" {
			if why := windowsProblem(name); why != "" {
				probs.Warnf(p, 0, 0, "%s; zo'n bestand of map kan niet naar een Windows-server of schoolschijf worden gekopieerd. Geef het een andere naam", why)
			}
		}
		nfc := NormalizePath(p)
		if p != "content" {
			if prev, dup := seen[nfc]; dup {
				what := "bestanden"
				if d.IsDir() {
					what = "mappen"
				}
				probs.Errorf(nfc, 0, 0, "er staan twee %s met deze naam (%+q en %+q): ze zien er hetzelfde uit, maar de letters met accent zijn anders opgeslagen (dat gebeurt bij kopiëren vanaf een Mac); verwijder een van beide", what, path.Base(prev), path.Base(p))
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			seen[nfc] = p
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, serr := fs.Stat(l.fsys, p)
			if serr == nil && !l.inside(p) {
				serr = fs.ErrPermission
			}
			if serr != nil {
				probs.Errorf(p, 0, 0, "deze snelkoppeling (symbolische link) wijst naar buiten de site of naar niets; kopieer het bestand zelf naar content/")
				return nil
			}
			if info.IsDir() {
				probs.Warnf(p, 0, 0, "deze snelkoppeling naar een map wordt niet gevolgd; kopieer de map zelf naar content/")
				return nil
			}
			if !info.Mode().IsRegular() {
				probs.Warnf(p, 0, 0, "deze snelkoppeling wijst niet naar een gewoon bestand (maar naar een pipe, socket of apparaat) en wordt overgeslagen; kopieer het bestand zelf naar content/")
				return nil
			}
		} else if d.IsDir() {
			if p != "content" {
				dirs = append(dirs, nfc)
			}
			return nil
		} else if !d.Type().IsRegular() {
			// Reading a named pipe waits for a writer that never comes.
			probs.Warnf(p, 0, 0, "dit is geen gewoon bestand (maar een pipe, socket of apparaat) en wordt overgeslagen; haal het weg uit content/")
			return nil
		}
		real := p
		p = nfc
		if l.scan != nil {
			probs.Add(scanName(l.scan, p)...)
		}
		switch {
		case p == SettingsPath:
		case strings.HasSuffix(strings.ToLower(name), ".md"):
			mdFiles = append(mdFiles, p)
			if real != p {
				l.real[p] = real
			} else {
				delete(l.real, p)
			}
		default:
			dir, file := path.Split(strings.TrimPrefix(p, "content/"))
			ext := path.Ext(file)
			u := slugDir(dir) + slugName(strings.TrimSuffix(file, ext), file) + strings.ToLower(ext)
			sf := StaticFile{Path: p, URL: u, Source: real}
			if l.scan != nil {
				probs.Add(scanStatic(l.fsys, l.scan, p, real)...)
			}
			site.Static = append(site.Static, sf)
			site.StaticByPath[p] = sf
		}
		return nil
	})
	if walkErr != nil {
		probs.Add(&diag.Problem{Path: "content", Msg: fmt.Sprintf("de map kan niet worden gelezen: %v", walkErr), Err: walkErr})
		return nil, probs
	}

	l.parseAll(mdFiles)
	var pages []*Page
	for _, p := range mdFiles {
		r := l.cache[p]
		probs.Add(r.probs...)
		if r.page == nil {
			site.leave(p, LeftBroken)
			continue
		}
		pg := r.page
		if !l.opts.Once {
			// resolve fills the copy's cross-links; the parse stays
			// as it was for the next Load.
			pg = pg.clone()
		}
		if pg.Draft && !l.opts.Drafts {
			site.leave(p, LeftDraft)
			continue
		}
		pages = append(pages, pg)
	}
	if l.opts.Once {
		l.cache = map[string]*parsed{}
	}
	site.addPages(pages, dirs, probs)
	site.resolve(probs)
	return site, probs
}

// Refresh re-reads the Markdown file at source path p (slash-separated,
// relative to the site folder), which the last Load put into site, after
// an edit that may have changed only its body: a preview's most common
// rebuild, which need not walk the folders or cross-link the pages again.
// When the file's front matter is byte for byte what it was and neither
// its last parse nor this one has a problem, Refresh updates the page in
// site (the body's hash and offset) and the Loader's parse, and reports
// true: the site is then what Load would make of the same files. Otherwise
// it changes nothing and reports false, and the caller must Load with p
// among the changed paths. A Loader made with Options.Once cannot refresh.
func (l *Loader) Refresh(site *Site, p string) bool {
	p = NormalizePath(p)
	old := l.cache[p]
	sp := site.ByPath[p]
	if l.opts.Once || old == nil || old.page == nil || len(old.probs) > 0 || sp == nil || sp.Path != p {
		return false
	}
	if l.opts.Dir != "" {
		// Still a plain file: a symbolic link or anything else is Load's
		// to judge.
		info, err := os.Lstat(filepath.Join(l.opts.Dir, filepath.FromSlash(l.realPath(p))))
		if err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	now, _ := l.parseFile(p, nil)
	if now.page == nil || len(now.probs) > 0 || now.page.MetaHash != old.page.MetaHash || now.page.Draft != old.page.Draft {
		return false
	}
	if ne, se := now.page.Exercise, sp.Exercise; ne != nil && se != nil {
		// The body's sections make the worksheet: whether there is one
		// decides which pages the site has, so that is the long way.
		if ne.HasSheet() != se.HasSheet() {
			return false
		}
		se.Sections = ne.Sections
	}
	l.cache[p] = now
	sp.BodyStart, sp.BodyHash, sp.FrontLine = now.page.BodyStart, now.page.BodyHash, now.page.FrontLine
	return true
}

// realPath returns the path of the page file p (in NFC) as stored on disk.
func (l *Loader) realPath(p string) string {
	if r, ok := l.real[p]; ok {
		return r
	}
	return p
}

// inside reports whether the symbolic link at p resolves to a path inside
// the site folder (always true when the FS is not a folder on disk).
func (l *Loader) inside(p string) bool {
	if l.opts.Dir == "" {
		return true
	}
	// Absolute, so that a link given as an absolute path compares with
	// a site folder given as a relative one (--source ., the default).
	abs, err := filepath.Abs(l.opts.Dir)
	if err != nil {
		return false
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return false
	}
	target, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// NormalizePath composes a slash-separated source path to Unicode NFC, the
// form the Loader indexes pages by.
func NormalizePath(p string) string { return norm.NFC.String(p) }

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Ignored reports whether a file or folder name is left out of the site:
// hidden names, names starting with # or (but for pages) _, and editor
// leftovers (see EditorLeftover).
func Ignored(name string) bool {
	switch {
	case name == "" || name[0] == '.' || name[0] == '#' || name[0] == '_' && !strings.HasSuffix(name, ".md"):
		return true
	}
	return EditorLeftover(name)
}

// EditorLeftover reports whether a file named name is a swap, backup,
// lock or temporary file that an editor, an office program, a browser or
// the operating system leaves beside the files it works on. The preview
// does not rebuild for changes to them either.
func EditorLeftover(name string) bool {
	lower := strings.ToLower(name)
	switch lower {
	case "4913", ".ds_store", "thumbs.db", "desktop.ini":
		return true
	}
	for _, suffix := range [...]string{".swp", ".swx", ".swo", "~", ".tmp", ".bak", ".crdownload", ".part"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	for _, prefix := range [...]string{".#", "~$", ".goutputstream-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#'
}

// parseAll (re)parses the files missing from the cache, in parallel.
func (l *Loader) parseAll(files []string) {
	var todo []string
	for _, p := range files {
		if _, ok := l.cache[p]; !ok {
			todo = append(todo, p)
		}
	}
	results := make([]*parsed, len(todo))
	par.Each(len(todo), func() func(int) {
		var buf []byte
		return func(i int) { results[i], buf = l.parseFile(todo[i], buf) }
	})
	for i, p := range todo {
		l.cache[p] = results[i]
	}
}

// parseFile reads and parses the source p, reading it into buf (a
// worker's, kept for its next file: nothing parsed points into it).
func (l *Loader) parseFile(p string, buf []byte) (*parsed, []byte) {
	raw, err := readInto(l.fsys, l.realPath(p), buf)
	if err != nil {
		return &parsed{probs: []*diag.Problem{{Path: p, Msg: fmt.Sprintf("kan niet worden gelezen (%v)", unwrapPathError(err)), Err: err}}}, buf
	}
	var list diag.List
	src, prob := Normalize(p, raw)
	if prob != nil {
		return &parsed{probs: []*diag.Problem{prob}}, raw[:0]
	}
	page := parsePage(p, src, l.settings, &list)
	if page != nil && l.scan != nil {
		list.Add(l.scan(p, src)...)
	}
	return &parsed{page: page, probs: list.Problems()}, raw[:0]
}

// readInto reads the file name into buf when fsys can (disk.FS), growing
// it as needed, and into a new slice otherwise.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	if r, ok := fsys.(interface {
		ReadFileInto(name string, buf []byte) ([]byte, error)
	}); ok {
		return r.ReadFileInto(name, buf)
	}
	return fs.ReadFile(fsys, name)
}

// Body returns the Markdown body of p, read again from its file: the
// normalised source with the front matter blanked out (its characters
// replaced by spaces, its line ends kept), so offsets in it are file
// offsets. Generated pages have no body (nil). Errors are *diag.Problem.
func (l *Loader) Body(p *Page) ([]byte, error) { return l.ReadBody(p, nil) }

// ReadBody is Body reading the file into buf, grown if too small, where
// the FS allows it (disk.FS); the result may share buf's memory.
func (l *Loader) ReadBody(p *Page, buf []byte) ([]byte, error) {
	if p.Path == "" {
		return nil, nil
	}
	raw, err := readInto(l.fsys, l.realPath(p.Path), buf)
	if err != nil {
		return nil, &diag.Problem{Path: p.Path, Msg: fmt.Sprintf("kan niet worden gelezen (%v)", unwrapPathError(err)), Err: err}
	}
	src, prob := Normalize(p.Path, raw)
	if prob != nil {
		return nil, prob
	}
	// The file is read twice (see Body): if it was saved in between, the
	// head parsed first does not fit the body read now.
	if p.BodyStart > len(src) || quickHash(src[p.BodyStart:]) != p.BodyHash {
		return nil, &diag.Problem{Path: p.Path, Msg: "het bestand veranderde tijdens het bouwen; bouw opnieuw"}
	}
	// Blank the head in place (src is ours): spaces for its characters,
	// its line ends kept, so offsets stay file offsets.
	for i, c := range src[:p.BodyStart] {
		if c != '\n' {
			src[i] = ' '
		}
	}
	return src, nil
}

// slugDir slugs every segment of a slash-separated folder path ending in "/".
func slugDir(dir string) string {
	if dir == "" {
		return ""
	}
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	for i, s := range parts {
		parts[i] = slugName(s, s)
	}
	return strings.Join(parts, "/") + "/"
}

// slugName slugs a file or folder name, falling back to a hash for names
// with no letter or digit at all.
func slugName(name, full string) string {
	if s := slug.Make(name); s != "" {
		return s
	}
	return fmt.Sprintf("x%x", hash64([]byte(norm.NFC.String(full))))
}

// hashSeed is set once at start and never changes: quickHash values are
// compared only within one process (between builds of a preview).
var hashSeed = maphash.MakeSeed()

// quickHash hashes page sources for change detection, about ten times
// faster than FNV; its values differ between processes, so it never
// reaches the output (hash64 does, in generated names).
func quickHash(parts ...[]byte) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for _, p := range parts {
		h.Write(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}

func hash64(parts ...[]byte) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return h.Sum64()
}

func (p *Page) clone() *Page {
	c := *p
	if p.Competency != nil {
		x := *p.Competency
		x.Rel = CompetencyRel{}
		c.Competency = &x
	}
	if p.Question != nil {
		x := *p.Question
		x.Rel = QuestionRel{}
		c.Question = &x
	}
	if p.Exercise != nil {
		x := *p.Exercise
		x.Rel = ExerciseRel{}
		c.Exercise = &x
	}
	if p.Activity != nil {
		x := *p.Activity
		x.Rel = ActivityRel{}
		c.Activity = &x
	}
	if p.Sector != nil {
		x := *p.Sector
		x.Rel = SectorRel{}
		c.Sector = &x
	}
	if p.Model != nil {
		x := *p.Model
		c.Model = &x
	}
	if p.Guide != nil {
		x := *p.Guide
		x.Rel = GuideRel{}
		c.Guide = &x
	}
	c.List = nil
	return &c
}

// sortPages orders pages by volgorde, then title, then URL.
func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
}
