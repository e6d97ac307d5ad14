package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/internal/archive"
)

// outputCase is one archive of testdata/output: a site that builds, the
// warnings it must give, fragments its output must hold and text no output
// file may hold.
type outputCase struct {
	src       fstest.MapFS
	warnings  string              // the "want" file: every warning, one per line
	fragments map[string][]string // output path under public/ → fragments
	forbidden []string            // the "verboden" file: one string per line
}

func readOutputCase(t *testing.T, name string) outputCase {
	t.Helper()
	a := archive.Read(t, name)
	c := outputCase{src: a.Source, warnings: a.Note("want"), fragments: map[string][]string{}}
	for _, l := range strings.Split(a.Note("verboden"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			c.forbidden = append(c.forbidden, l)
		}
	}
	for name, data := range a.Public {
		// Fragments are separated by a line holding only "...".
		for _, frag := range strings.Split(string(data), "\n...\n") {
			if frag = strings.Trim(frag, "\n"); frag != "" {
				c.fragments[name] = append(c.fragments[name], frag)
			}
		}
	}
	return c
}

// TestOutput builds each site in testdata/output. The build must succeed
// with exactly the warnings of the archive's "want" file (none when it is
// absent or empty); every public/<path> file of the archive lists
// fragments, separated by lines "...", that must occur verbatim in the built
// file; no built file may contain a line of the "verboden" file. With
// Strict, a site with warnings must fail with those same warnings.
func TestOutput(t *testing.T) {
	for _, name := range archives(t, "output") {
		t.Run(filepath.Base(name), func(t *testing.T) {
			c := readOutputCase(t, name)
			dest := filepath.Join(t.TempDir(), "public")
			b, err := NewBuilder(Options{FS: c.src, Dest: dest, NoMinify: true})
			if err != nil {
				t.Fatal(err)
			}
			res, err := b.Build(nil)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if got := problemLines(res.Warnings); got != c.warnings {
				t.Errorf("warnings:\n%s\n\nwant:\n%s", got, c.warnings)
			}
			tree := readTree(t, dest)
			for file, frags := range c.fragments {
				got, ok := tree[file]
				if !ok {
					t.Errorf("%s was not built; built: %s", file, strings.Join(sortedKeys(tree), ", "))
					continue
				}
				for _, frag := range frags {
					if !bytes.Contains(got, []byte(frag)) {
						t.Errorf("%s does not contain\n%s\n\nit is:\n%s", file, frag, got)
					}
				}
			}
			for file, data := range tree {
				for _, bad := range c.forbidden {
					if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(bad))) {
						t.Errorf("%s contains %q", file, bad)
					}
				}
			}
			if c.warnings == "" {
				return
			}
			_, err = buildTree(t, c.src, Options{Strict: true})
			var be *diag.BuildError
			if !errors.As(err, &be) {
				t.Fatalf("strict build error = %v, want a BuildError", err)
			}
			if got := problemLines(be.Problems); got != c.warnings {
				t.Errorf("strict build problems:\n%s\n\nwant:\n%s", got, c.warnings)
			}
			if be.Reason == "" {
				t.Errorf("strict build error gives no reason")
			}
		})
	}
}

func problemLines(ps []*diag.Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// mapFS is a site folder in memory holding files (slash path → text).
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// miniSite is the smallest valid site the tests below start from, by path.
func miniSite() map[string]string {
	return map[string]string{
		"content/site.yaml":                        "school: Testschool\ntitel: Test\nmodel: 1\nschooljaar: 2026-2027\n",
		"content/competenties/netwerken.md":        "---\ntitel: Netwerken\nnummer: 5\nkernvragen: [wie-kan-mij-helpen]\n---\n## Netwerken\n",
		"content/kernvragen/wie-kan-mij-helpen.md": "---\ntitel: Wie kan mij helpen?\n---\n",
	}
}

// writeSiteFiles writes files (slash path → content) under dir.
func writeSiteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildSiteDir builds the site folder dir into a fresh destination and returns
// the destination, the result and the error.
func buildSiteDir(t *testing.T, dir string, opts Options) (string, *Result, error) {
	t.Helper()
	opts.Source = dir
	if opts.Dest == "" {
		opts.Dest = filepath.Join(t.TempDir(), "public")
	}
	res, err := Build(opts)
	return opts.Dest, res, err
}

// wantProblems checks that err is a BuildError with exactly the problems
// want, one per line.
func wantProblems(t *testing.T, err error, want string) {
	t.Helper()
	var be *diag.BuildError
	if !errors.As(err, &be) {
		t.Fatalf("error = %v, want a BuildError with:\n%s", err, want)
	}
	if got := problemLines(be.Problems); got != want {
		t.Errorf("problems:\n%s\n\nwant:\n%s", got, want)
	}
}

// TestUnreadableFrontMatterNotPublished checks that a page whose front
// matter cannot be read is left out of the site entirely, so it can never
// be published as body text, while the problem names the file.
func TestUnreadableFrontMatterNotPublished(t *testing.T) {
	fsys := mapFS(miniSite())
	bad := map[string]string{
		"content/handboek/open.md":    "---\ntitel: Open\n\nGeheime tekst.\n",
		"content/handboek/colon.md":   "---\ntitel: Stage: week 1\n---\nGeheime tekst.\n",
		"content/handboek/geen.md":    "Geheime tekst.\n",
		"content/handboek/plussen.md": "+++\ntitel: Plus\n+++\nGeheime tekst.\n",
	}
	for name, data := range bad {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	loader := content.NewLoader(fsys, content.Options{})
	site, probs := loader.Load(nil)
	if site == nil {
		t.Fatal("no site")
	}
	for name := range bad {
		if site.ByPath[name] != nil {
			t.Errorf("%s is in the site", name)
		}
		found := false
		for _, p := range probs.Errors() {
			found = found || p.Path == name
		}
		if !found {
			t.Errorf("no error for %s", name)
		}
	}
	for _, p := range site.Pages {
		body, _ := loader.Body(p)
		if bytes.Contains(body, []byte("Geheime")) {
			t.Errorf("page %s holds the body of a broken file", p.URL)
		}
	}
}

// richSite is a small site touching every kind of text lobsite reads:
// settings with periods, front matter in YAML, TOML and JSON, dates, a
// file and folder name with diacritics and spaces, an image beside a page,
// links with anchors and headings with accents.
func richSite() map[string]string {
	files := miniSite()
	files["content/site.yaml"] = "school: Praktijkschool De Wissel\ntitel: LOB-handboek\nmodel: 2\nschooljaar: 2026-2027\n" +
		"perioden:\n  - {naam: Periode 1, start: 2026-08-24, eind: 2026-10-16}\n  - {naam: Periode 2, start: 2026-10-26, eind: 2026-12-18}\n" +
		"toegestane_domeinen: [dewissel.example.nl]\n"
	files["content/opdrachten/netwerkkaart.md"] = "---\ntitel: Netwerkkaart\nsamenvatting: Teken wie jou kan helpen.\n" +
		"competenties: [netwerken]\nleerjaren: [1, 2]\nduur: 45\nwerkvorm: individueel\nmaterialen: [ja, nee, \"Stiften: rood\"]\n---\n" +
		"## Doel\n\nZie [de week](../Loopbaanoriëntatie/Loopbaanoriëntatie Week.md#loopbaanorientatie-stage).\n\n" +
		"## Doel\n\nNog een doel; mail naar lob@dewissel.example.nl.\n"
	files["content/kalender/beroepenmarkt.md"] = "+++\ntitel = \"Beroepenmarkt in de sporthal\"\nsoort = \"beurs\"\n" +
		"datum = 2026-10-25\ntijd = \"09:00-12:00\"\nleerjaren = [2, 3]\nopdrachten = [\"netwerkkaart\"]\n+++\nDe nacht ervoor gaat de klok een uur terug.\n"
	files["content/kalender/open-dag.md"] = "{\n  \"titel\": \"Open dag mbo\",\n  \"soort\": \"open-dag\",\n  \"datum\": \"2027-03-28\",\n  \"leerjaren\": [5]\n}\n\nDe zomertijd begint die nacht.\n"
	files["content/Loopbaanoriëntatie/_index.md"] = "---\ntitel: Loopbaanoriëntatie\n---\nAlles over oriëntatie.\n"
	files["content/Loopbaanoriëntatie/Loopbaanoriëntatie Week.md"] = "---\ntitel: Loopbaanoriëntatie week\nsamenvatting: Eén week vol oriëntatie — café, financiën, coördinatie.\n---\n" +
		"## Loopbaanoriëntatie & stage\n\n![Foto van de week](<Foto Één.png>)\n\n| Dag | Wat |\n|---|---|\n| maandag | Oriëntatie |\n\n" +
		"Terug naar [de opdracht](../opdrachten/netwerkkaart.md#doel-1).\n"
	files["content/Loopbaanoriëntatie/Foto Één.png"] = "\x89PNG\r\n\x1a\nbinair\r\nniet omzetten\n"
	return files
}

// TestEncodingsGiveSameSite builds the same site written in several ways
// an editor may save it (byte-order mark, CRLF, old Mac CR and mixed line
// ends, Unicode NFD text and NFD file and folder names as macOS writes
// them) and checks that every output file is byte for byte that of the
// clean UTF-8, LF, NFC site.
func TestEncodingsGiveSameSite(t *testing.T) {
	text := func(name string) bool { return strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml") }
	variants := map[string]func(name, data string) (string, string){
		"bom": func(name, data string) (string, string) { return name, "\uFEFF" + data },
		"crlf": func(name, data string) (string, string) {
			return name, strings.ReplaceAll(data, "\n", "\r\n")
		},
		"cr": func(name, data string) (string, string) {
			return name, strings.ReplaceAll(data, "\n", "\r")
		},
		"mixed": func(name, data string) (string, string) {
			lines := strings.SplitAfter(data, "\n")
			ends := []string{"\r\n", "\n", "\r"}
			for i, l := range lines {
				if strings.HasSuffix(l, "\n") {
					lines[i] = strings.TrimSuffix(l, "\n") + ends[i%3]
				}
			}
			return name, strings.Join(lines, "")
		},
		"nfd": func(name, data string) (string, string) {
			return norm.NFD.String(name), norm.NFD.String(data)
		},
		"alles": func(name, data string) (string, string) {
			return norm.NFD.String(name), "\uFEFF" + strings.ReplaceAll(norm.NFD.String(data), "\n", "\r\n")
		},
	}
	clean := richSite()
	if norm.NFD.String("Loopbaanoriëntatie") == "Loopbaanoriëntatie" {
		t.Fatal("test text is not NFC")
	}
	dir := t.TempDir()
	writeSiteFiles(t, dir, clean)
	dest, _, err := buildSiteDir(t, dir, Options{})
	if err != nil {
		t.Fatalf("clean site: %v", err)
	}
	want := readAllFiles(t, dest)
	if _, ok := want["loopbaanorientatie/loopbaanorientatie-week/index.html"]; !ok {
		t.Fatalf("clean site lacks loopbaanorientatie/loopbaanorientatie-week/; built %s", strings.Join(sortedKeys(want), ", "))
	}
	for name, variant := range variants {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{}
			for n, d := range clean {
				if text(n) {
					n, d = variant(n, d)
				} else {
					n, _ = variant(n, "")
				}
				files[n] = d
			}
			dir := t.TempDir()
			writeSiteFiles(t, dir, files)
			dest, _, err := buildSiteDir(t, dir, Options{})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			got := readAllFiles(t, dest)
			for n, w := range want {
				if g, ok := got[n]; !ok {
					t.Errorf("%s missing", n)
				} else if !bytes.Equal(g, w) {
					t.Errorf("%s differs from the clean site:\n%s", n, firstDiff(string(w), string(g)))
				}
			}
			for n := range got {
				if _, ok := want[n]; !ok {
					t.Errorf("%s built, but not for the clean site", n)
				}
			}
		})
	}
}

// readAllFiles returns every file under dir, the theme's assets and the
// marker included, by slash path relative to dir.
func readAllFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNotUTF8 checks that text that is not UTF-8 (Windows-1252, as old
// Word or Notepad may save it, or UTF-16) is an error naming the file and
// the position of the first bad byte, in a page, in site.yaml and in a
// file name.
func TestNotUTF8(t *testing.T) {
	files := miniSite()
	files["content/handboek/visie.md"] = "---\ntitel: Visie\n---\nLoopbaanori\xebntatie is belangrijk.\n"
	files["content/handboek/caf\xe9.md"] = "---\ntitel: Café\n---\n"
	files["content/handboek/unicode.md"] = "\xff\xfe-\x00-\x00-\x00\n\x00"
	files["content/site.yaml"] = "school: Praktijkschool De Wissel\ntitel: Handboek co\xf6rdinatie\nmodel: 1\nschooljaar: 2026-2027\n"
	dir := t.TempDir()
	writeSiteFiles(t, dir, files)
	_, _, err := buildSiteDir(t, dir, Options{})
	wantProblems(t, err, `content/handboek/caf?.md: de naam van dit bestand of deze map bevat tekens die geen UTF-8 zijn ("caf\xe9.md"), zoals na uitpakken van een oud zip-bestand; geef het een nieuwe naam
content/handboek/unicode.md:1:1: dit bestand is opgeslagen als UTF-16 (in Kladblok heet dat ‘Unicode’); sla het op als UTF-8
content/handboek/visie.md:4:12: dit bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)
content/site.yaml:2:19: dit bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)`)
}

// TestNormalisationTwins checks that two files, or two folders, whose
// names differ only in Unicode normalisation (one NFC, one NFD, as when
// files from a Mac are copied beside the same files from Windows) are an
// error naming both, instead of one silently replacing the other.
func TestNormalisationTwins(t *testing.T) {
	files := miniSite()
	files["content/handboek/café.md"] = "---\ntitel: Café (NFC)\n---\n"
	files[norm.NFD.String("content/handboek/café.md")] = "---\ntitel: Café (NFD)\n---\n"
	files["content/oriëntatie/a.md"] = "---\ntitel: A\n---\n"
	files[norm.NFD.String("content/oriëntatie/b.md")] = "---\ntitel: B\n---\n"
	dir := t.TempDir()
	writeSiteFiles(t, dir, files)
	_, _, err := buildSiteDir(t, dir, Options{})
	wantProblems(t, err, `content/handboek/café.md: er staan twee bestanden met deze naam ("cafe\u0301.md" en "caf\u00e9.md"): ze zien er hetzelfde uit, maar de letters met accent zijn anders opgeslagen (dat gebeurt bij kopiëren vanaf een Mac); verwijder een van beide
content/oriëntatie: er staan twee mappen met deze naam ("orie\u0308ntatie" en "ori\u00ebntatie"): ze zien er hetzelfde uit, maar de letters met accent zijn anders opgeslagen (dat gebeurt bij kopiëren vanaf een Mac); verwijder een van beide`)
}

// TestSymlinks checks that symbolic links pointing outside the site
// folder are refused, whether to a file or a folder, and that nothing
// they point to ends up in the output; a link to a file inside the site
// works.
func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "buiten")
	writeSiteFiles(t, outside, map[string]string{"geheim.md": "---\ntitel: Geheim\n---\nGEHEIM-WACHTWOORD\n", "map/x.md": "---\ntitel: X\n---\nGEHEIM-MAP\n", "foto.png": "GEHEIM-FOTO"})
	dir := filepath.Join(root, "site")
	files := miniSite()
	files["content/handboek/visie.md"] = "---\ntitel: Visie\n---\nZie [de kopie](kopie.md#gedeelde-tekst).\n"
	files["content/gedeeld/bron.md"] = "---\ntitel: Bron\n---\n## Gedeelde tekst\n"
	writeSiteFiles(t, dir, files)
	links := map[string]string{
		"content/handboek/geheim.md":   filepath.Join(outside, "geheim.md"),
		"content/handboek/relatief.md": "../../../buiten/geheim.md",
		"content/handboek/map":         filepath.Join(outside, "map"),
		"content/handboek/foto.png":    filepath.Join(outside, "foto.png"),
		"content/handboek/kopie.md":    "../gedeeld/bron.md",
		"content/handboek/nergens.md":  "bestaat-niet.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("symbolic links not available: %v", err)
		}
	}
	_, _, err := buildSiteDir(t, dir, Options{})
	msg := ": deze snelkoppeling (symbolische link) wijst naar buiten de site of naar niets; kopieer het bestand zelf naar content/"
	wantProblems(t, err, "content/handboek/foto.png"+msg+"\ncontent/handboek/geheim.md"+msg+"\ncontent/handboek/map"+msg+"\ncontent/handboek/nergens.md"+msg+"\ncontent/handboek/relatief.md"+msg)

	// Without the outside links, the site builds, the inside link works
	// and nothing from outside is read.
	for _, name := range []string{"geheim.md", "relatief.md", "map", "foto.png", "nergens.md"} {
		if err := os.Remove(filepath.Join(dir, "content", "handboek", name)); err != nil {
			t.Fatal(err)
		}
	}
	dest, _, err := buildSiteDir(t, dir, Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	tree := readAllFiles(t, dest)
	if page := tree["handboek/kopie/index.html"]; !bytes.Contains(page, []byte("<h2 id=\"gedeelde-tekst\">Gedeelde tekst</h2>")) {
		t.Errorf("handboek/kopie/index.html does not show the linked file:\n%s", page)
	}
	for n, data := range tree {
		if bytes.Contains(data, []byte("GEHEIM")) {
			t.Errorf("%s holds text from outside the site", n)
		}
	}
}

// TestTimeZoneIndependent builds the same site in child processes whose
// local time zone differs (UTC+14, UTC−8/−7, UTC) and checks that every
// output file is identical: dates are read and shown in Europe/Amsterdam,
// also around the nights the clocks change.
func TestTimeZoneIndependent(t *testing.T) {
	if dest := os.Getenv("LOBSITE_TZ_DEST"); dest != "" {
		// The child: build, and say which offset the machine had.
		if _, err := Build(Options{Source: os.Getenv("LOBSITE_TZ_SRC"), Dest: dest}); err != nil {
			t.Fatal(err)
		}
		_, off := time.Date(2026, 10, 25, 12, 0, 0, 0, time.Local).Zone()
		if err := os.WriteFile(dest+".offset", []byte(strconv.Itoa(off)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	src := t.TempDir()
	writeSiteFiles(t, src, richSite())
	var want map[string][]byte
	offsets := map[string]bool{}
	for _, tz := range []string{"UTC", "Pacific/Kiritimati", "America/Los_Angeles"} {
		dest := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(os.Args[0], "-test.run=^TestTimeZoneIndependent$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TZ="+tz, "LOBSITE_TZ_SRC="+src, "LOBSITE_TZ_DEST="+dest)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s: %v\n%s", tz, err, out)
		}
		off, err := os.ReadFile(dest + ".offset")
		if err != nil {
			t.Fatal(err)
		}
		offsets[string(off)] = true
		got := readAllFiles(t, dest)
		if want == nil {
			want = got
			continue
		}
		for n, w := range want {
			if !bytes.Equal(got[n], w) {
				t.Errorf("TZ=%s: %s differs from TZ=UTC:\n%s", tz, n, firstDiff(string(w), string(got[n])))
			}
		}
		if len(got) != len(want) {
			t.Errorf("TZ=%s: %d files, TZ=UTC: %d", tz, len(got), len(want))
		}
	}
	if len(offsets) < 3 {
		t.Skipf("the children did not get three different time zones (offsets %v); no zone database?", sortedKeys(offsets))
	}
	if page := want["kalender/beroepenmarkt/index.html"]; !bytes.Contains(page, []byte("zondag 25 oktober 2026")) {
		t.Errorf("kalender/beroepenmarkt/index.html does not show zondag 25 oktober 2026:\n%s", page)
	}
}

// TestScheme checks the scheme test that decides which links are left
// as they are, which are dropped and which are files.
func TestScheme(t *testing.T) {
	for dest, want := range map[string]string{
		"https://www.example.nl/": "https:",
		"MAILTO:a@b.nl":           "MAILTO:",
		"javascript:alert(1)":     "javascript:",
		"web+cal:x":               "web+cal:",
		"x-y.z:1":                 "x-y.z:",
		"opdrachten/a.md":         "",
		"../a.md#kop:1":           "",
		"1http:x":                 "",
		":x":                      "",
		"c":                       "",
		"":                        "",
		"tijd 10:00":              "",
	} {
		if got := scheme(dest); got != want {
			t.Errorf("scheme(%q) = %q, want %q", dest, got, want)
		}
	}
}

// deniedFS is a site folder in which one file cannot be opened, as a file
// without read permission (which root, running the tests, would still read).
type deniedFS struct {
	fs.FS
	name string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

// TestUnreadableStaticFile checks that an image that cannot be read is a
// problem at its path for check as for build, not a failure at the end of
// the build only.
func TestUnreadableStaticFile(t *testing.T) {
	files := miniSite()
	files["content/handboek/visie.md"] = "---\ntitel: Visie\n---\n![Schema](plaatje.png)\n"
	files["content/handboek/plaatje.png"] = "PNG"
	fsys := deniedFS{mapFS(files), "content/handboek/plaatje.png"}
	want := "content/handboek/plaatje.png: kan niet worden gelezen (permission denied); controleer de rechten"
	_, err := Check(Options{FS: fsys, Dest: filepath.Join(t.TempDir(), "public")})
	wantProblems(t, err, want)
	_, err = buildTree(t, fsys, Options{})
	wantProblems(t, err, want)
}

// TestFactsMinified checks that the facts list, written in Go after the
// layouts were minified, is as compact as the rest of a minified page.
func TestFactsMinified(t *testing.T) {
	files := miniSite()
	files["content/opdrachten/kaart.md"] = "---\ntitel: Kaart\ncompetenties: [netwerken]\nleerjaren: [1, 2]\nduur: 45\nmaterialen: [papier]\n---\nTekst.\n"
	tree, err := buildTree(t, mapFS(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(tree["public/opdrachten/kaart/index.html"])
	start, end := strings.Index(page, `<dl class="feiten">`), strings.Index(page, "</dl>")
	if start < 0 || end < start {
		t.Fatalf("no facts list in:\n%s", page)
	}
	want := `<dl class="feiten"><dt>Leerjaren</dt><dd><a href="../../leerjaren/1/">1</a> en <a href="../../leerjaren/2/">2</a></dd><dt>Duur</dt><dd>45 minuten</dd><dt>Competenties</dt><dd><a href="../../competenties/netwerken/">Netwerken</a></dd><dt>Kernvragen</dt><dd><a href="../../kernvragen/wie-kan-mij-helpen/">Wie kan mij helpen?</a></dd><dt>Materialen</dt><dd><ul><li>papier</li></ul></dd></dl>`
	if got := page[start : end+len("</dl>")]; got != want {
		t.Errorf("facts:\n%s\nwant:\n%s", got, want)
	}
}
