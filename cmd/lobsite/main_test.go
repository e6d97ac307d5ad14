package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes a small site under a fresh folder, with extra files
// (slash path → content) added or replacing the defaults, and returns the
// folder.
func writeSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/site.yaml":                        "school: Testschool\ntitel: Test\nmodel: 1\nschooljaar: 2026-2027\ntoegestane_domeinen: [school.example]\n",
		"content/competenties/netwerken.md":        "---\ntitel: Netwerken\nnummer: 5\nkernvragen: [wie-kan-mij-helpen]\n---\n",
		"content/kernvragen/wie-kan-mij-helpen.md": "---\ntitel: Wie kan mij helpen?\n---\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lobsite runs the command line with args and returns the exit code,
// standard output and standard error.
func lobsite(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

var summaryRE = regexp.MustCompile(`^(\d+) pagina's (gebouwd|gecontroleerd) in [0-9.]+[µmn]?s \((.*)\)\.\n$`)

func TestBuildAndCheckSucceed(t *testing.T) {
	dir := writeSite(t, nil)
	dest := filepath.Join(t.TempDir(), "public")
	for _, cmd := range []string{"check", "build"} {
		args := []string{cmd, "--source", dir}
		if cmd == "build" {
			args = append(args, "--dest", dest)
		}
		code, stdout, stderr := lobsite(args...)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr:\n%s", cmd, code, stderr)
		}
		m := summaryRE.FindStringSubmatch(stdout)
		if m == nil || m[3] != "0 fouten, 0 waarschuwingen" {
			t.Errorf("%s: stdout = %q", cmd, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("build wrote no index.html: %v", err)
	}
}

// TestContentErrorsExitOne checks the report of a broken site: every
// problem as path:line:col: message, the count at the end, a line saying
// nothing was published (build only), exit code 1, and no output folder.
func TestContentErrorsExitOne(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/handboek/stage.md":     "---\ntitel: Stage: week 1\n---\n",
		"content/kalender/markt.md":     "---\ntitel: Markt\nsoort: beurs\ndatum: 2026-10-12\ntijd: 25:00-26:00\nleerjaren: [1]\n---\n",
		"content/opdrachten/zonder.md":  "---\ntitel: Zonder\nleerjaren: [1]\n---\nMail piet@gmail.com.\n",
		"content/handboek/_index.md":    "---\ntitel: Handboek\n---\n",
		"content/handboek/index.md":     "---\ntitel: Handboek 2\n---\n",
		"content/handboek/onbekend.md":  "---\ntitel: Onbekend\ntitle: Unknown\n---\n",
		"content/handboek/links.md":     "---\ntitel: Links\n---\n[x](stage.md#bestaat-niet)\n",
		"content/competenties/extra.md": "---\ntitel: Extra\nnummer: 5\nkernvragen: [wie-kan-mij-helpn]\n---\n",
	})
	problems := `content/competenties/extra.md:4:14: kernvragen noemt "wie-kan-mij-helpn", maar er is geen kernvraag met die id (content/kernvragen/wie-kan-mij-helpn.md); bedoelde je "wie-kan-mij-helpen"?
content/competenties/netwerken.md:3:1: nummer 5 is al gebruikt door content/competenties/extra.md; elke competentie heeft een eigen nummer
content/handboek/index.md:1:1: deze map heeft al een inleiding in content/handboek/_index.md; voeg de twee samen en houd alleen _index.md over
content/handboek/onbekend.md:3:1: onbekende sleutel "title"; bedoelde je "titel"?
content/handboek/stage.md:2:13: de waarde van titel bevat een dubbele punt met een spatie erna, en dat leest YAML als een nieuwe sleutel; zet de hele waarde tussen aanhalingstekens: titel: "Stage: week 1"
content/kalender/markt.md:5:7: tijd "25:00-26:00" bevat een tijd die niet bestaat (25:00); uren gaan van 00 tot 23, minuten van 00 tot 59
content/opdrachten/zonder.md:2:1: een opdracht hoort bij minstens één competentie; voeg ` + "`competenties: [werkexploratie]`" + ` toe
content/opdrachten/zonder.md:5:6: waarschuwing: dit lijkt op een e-mailadres buiten de toegestane domeinen (piet@gmail.com); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar (is het een adres van school, zet het domein dan bij toegestane_domeinen in content/site.yaml)
7 fouten, 1 waarschuwing
`
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := lobsite("build", "--source", dir, "--dest", dest)
	if code != 1 || stdout != "" {
		t.Errorf("build: exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	if want := problems + "Er is niets gepubliceerd.\n"; stderr != want {
		t.Errorf("build stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a failed first build created the destination")
	}
	code, stdout, stderr = lobsite("check", "--source", dir)
	if code != 1 || stdout != "" || stderr != problems {
		t.Errorf("check: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and:\n%s", code, stdout, stderr, problems)
	}
}

// TestWarningsAndStrict checks that warnings (possible pupil data) are
// printed with their position without failing the build, and that
// --strict turns them into a failed build, for build and check alike.
func TestWarningsAndStrict(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/handboek/contact.md": "---\ntitel: Contact\n---\nBel 06-12345678 of mail mentor@school.example.\n\nBSN: 111222333\n",
	})
	warnings := `content/handboek/contact.md:4:5: waarschuwing: dit lijkt op een telefoonnummer (06-12345678); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar
content/handboek/contact.md:6:6: waarschuwing: dit lijkt op een BSN (111222333); een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar
`
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := lobsite("build", "--source", dir, "--dest", dest)
	if code != 0 || stderr != warnings {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 0 and:\n%s", code, stderr, warnings)
	}
	if m := summaryRE.FindStringSubmatch(stdout); m == nil || m[3] != "0 fouten, 2 waarschuwingen" {
		t.Errorf("build stdout = %q", stdout)
	}
	strict := warnings + "0 fouten, 2 waarschuwingen\nDe bouw stopt omdat --strict waarschuwingen als fouten telt.\n"
	for _, cmd := range []string{"build", "check"} {
		args := []string{cmd, "--strict", "--source", dir}
		want := strict
		if cmd == "build" {
			args = append(args, "--dest", dest)
			want += "Er is niets gepubliceerd; de vorige versie van de site staat er nog.\n"
		}
		code, stdout, stderr := lobsite(args...)
		if code != 1 || stdout != "" || stderr != want {
			t.Errorf("%s --strict: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and:\n%s", cmd, code, stdout, stderr, want)
		}
	}
}

// TestUsageErrorsExitTwo checks that mistakes in the command line itself
// exit with 2 and say what to do.
func TestUsageErrorsExitTwo(t *testing.T) {
	dir := writeSite(t, nil)
	notOurs := t.TempDir()
	if err := os.WriteFile(filepath.Join(notOurs, "brief.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"serve", "--source", dir, "--addr", busy.Addr().String()}, "is al in gebruik (draait lobsite serve al in een ander venster?); sluit dat af of kies een andere poort"},
		{nil, "Gebruik:"},
		{[]string{"bouw"}, `onbekende opdracht "bouw"`},
		{[]string{"build", "--source", dir, "extra"}, `onverwacht argument "extra"`},
		{[]string{"build", "--bron", dir}, "onbekende optie --bron"},
		{[]string{"build", "--source", filepath.Join(dir, "bestaat-niet")}, "kan niet worden geopend"},
		{[]string{"build", "--source", filepath.Join(dir, "content")}, "staat geen map content/"},
		{[]string{"build", "--source", dir, "--dest", notOurs}, "is niet door lobsite gemaakt"},
		{[]string{"build", "--source", dir, "--dest", filepath.Join(dir, "content", "public")}, "ligt in content/ van de bronmap"},
		{[]string{"build", "--source", dir, "--base-url", "intranet"}, "is geen volledig webadres"},
		{[]string{"build", "--source", dir, "--base-url", "https://school.example/lob?x=1"}, "is geen volledig webadres"},
		{[]string{"build", "--minify=nee", "--source", dir}, `ongeldige waarde "nee" voor --minify`},
		{[]string{"serve", "--source", dir, "--addr", "nonsense"}, `--addr "nonsense" is geen host:poort`},
		{[]string{"serve", "--source", dir, "--addr", "127.0.0.1:0", "--dest", notOurs}, "is niet door lobsite gemaakt"},
		{[]string{"serve", "--source", dir, "--addr", "127.0.0.1:0", "--dest", filepath.Join(dir, "themes", "x")}, "ligt in themes/ van de bronmap"},
		{[]string{"version", "extra"}, `onverwacht argument "extra"`},
		{[]string{"init", filepath.Join(notOurs, "brief.docx")}, "is een bestand, geen map"},
		{[]string{"schooljaar", "2027-2028", "--source", filepath.Join(dir, "bestaat-niet")}, "staat geen content/site.yaml"},
		{[]string{"schooljaar", "2400-2401", "--source", dir}, "ligt meer dan 100 jaar van 2026-2027"},
		{[]string{"schooljaar", "1900-1901", "--source", dir}, "geef een schooljaar dichterbij, zoals 2027-2028"},
		{[]string{"new", "pagina", "Uitje", "--map", "Kalender", "--source", dir}, "in content/kalender/ staan pagina's van de soort activiteit"},
		{[]string{"new", "opdracht", "Mijn", "netwerk", "--source", dir}, `Een naam met spaties zet je tussen aanhalingstekens: lobsite new opdracht "Mijn netwerk"`},
	}
	for _, tt := range tests {
		code, _, stderr := lobsite(tt.args...)
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("lobsite %s: stderr %q does not say %q", strings.Join(tt.args, " "), stderr, tt.want)
		}
		if code != 2 {
			t.Errorf("lobsite %s: exit %d, want 2", strings.Join(tt.args, " "), code)
		}
	}
	if _, err := os.Stat(filepath.Join(notOurs, "brief.docx")); err != nil {
		t.Errorf("a folder lobsite did not make was touched: %v", err)
	}
}

// TestHeapPeak checks LOBSITE_MEMPROFILE's keeper: it takes a profile only
// for a live heap larger than any before, and writes it as gzip.
func TestHeapPeak(t *testing.T) {
	var h heapPeak
	name := filepath.Join(t.TempDir(), "mem.pb.gz")
	if err := h.write(name); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Fatalf("a profile was written before any was taken: %v", err)
	}
	h.observe(10 << 20)
	first := h.prof.Len()
	if h.live != 10<<20 || first == 0 {
		t.Fatalf("after a first collection: live %d, profile %d bytes", h.live, first)
	}
	h.observe(5 << 20)
	if h.live != 10<<20 {
		t.Errorf("a smaller live heap replaced the peak: %d", h.live)
	}
	if err := h.write(name); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != first || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Errorf("profile file: %d bytes (kept %d), starting % x; want the kept gzip", len(data), first, data[:min(2, len(data))])
	}
}
