package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFloor(t *testing.T) {
	src, dest := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/site.yaml":            "titel: X\n",
		"content/_index.md":            "---\ntitel: Home\n---\n\nWelkom.\n",
		"content/opdrachten/_index.md": "---\ntitel: Opdrachten\n---\n\nAlle opdrachten.\n",
		"content/opdrachten/netwerkkaart.md": "---\ntitel: Netwerkkaart\nduur: 30\n---\n\n" +
			"## Wie ken ik?\n\nDat is ~~niet~~ **wel** leuk.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"content/vrij.md": "# Zonder front matter\n",
	})
	if err := floor(src, dest); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"index.html":                         {"<main><p>Welkom.</main>"},
		"opdrachten/index.html":              {"<p>Alle opdrachten."},
		"opdrachten/netwerkkaart/index.html": {`<h2 id=wie-ken-ik>Wie ken ik?</h2>`, "<del>niet</del>", "<strong>wel</strong>", "<table>", "<td>2"},
		"vrij/index.html":                    {`<h1 id=zonder-front-matter>Zonder front matter</h1>`},
	}
	for name, parts := range want {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
			continue
		}
		page := string(data)
		if !strings.HasPrefix(page, "<!doctype html><html lang=nl>") {
			t.Errorf("%s begint met %.40q", name, page)
		}
		if strings.Contains(page, "titel:") || strings.Contains(page, "---") {
			t.Errorf("%s bevat nog front matter: %s", name, page)
		}
		for _, p := range parts {
			if !strings.Contains(page, p) {
				t.Errorf("%s mist %q:\n%s", name, p, page)
			}
		}
	}
	var count int
	err := filepath.WalkDir(dest, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			count++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if count != len(want) {
		t.Errorf("%d bestanden geschreven, want %d (site.yaml hoort geen pagina te worden)", count, len(want))
	}
}

func TestFloorMissingContent(t *testing.T) {
	if err := floor(t.TempDir(), t.TempDir()); err == nil {
		t.Error("floor zonder content-map gaf geen fout")
	}
}

func TestStripFrontMatter(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"---\ntitel: A\n---\n\nTekst\n", "\nTekst\n"},
		{"---\r\ntitel: A\r\n---\r\nTekst\r\n", "Tekst\r\n"},
		{"---\ntitel: A\n---", ""},
		{"Tekst\n---\nmeer\n---\n", "Tekst\n---\nmeer\n---\n"},
		{"---\ntitel: A\nnooit dicht\n", "---\ntitel: A\nnooit dicht\n"},
		{"", ""},
	} {
		if got := string(stripFrontMatter([]byte(tc.in))); got != tc.want {
			t.Errorf("stripFrontMatter(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{
		"_index.md":               "index.html",
		"opdrachten/_index.md":    "opdrachten/index.html",
		"opdrachten/a.md":         "opdrachten/a/index.html",
		"handboek/visie.md":       "handboek/visie/index.html",
		"vrij.md":                 "vrij/index.html",
		"a/b/c/opdracht-00001.md": "a/b/c/opdracht-00001/index.html",
	} {
		if got := outputPath(in); got != want {
			t.Errorf("outputPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("1000, 10000,5")
	if err != nil || len(got) != 3 || got[0] != 1000 || got[1] != 10000 || got[2] != 5 {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "1000,", "0", "-3", "tien"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) gaf geen fout", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	if got := median([]int64{5, 1, 3}); got != 3 {
		t.Errorf("median oneven = %d, want 3", got)
	}
	if got := median([]time.Duration{4, 1, 2, 10}); got != 3 {
		t.Errorf("median even = %d, want 3", got)
	}
	xs := []int64{3, 1, 2}
	median(xs)
	if xs[0] != 3 {
		t.Errorf("median veranderde zijn invoer: %v", xs)
	}
}

func TestWriteTable(t *testing.T) {
	s := time.Second
	rows := []row{
		{n: 10000, pages: 11000, floor: sample{cpu: 8 * s, wall: 5 * s, peakKiB: 40 * 1024}, lobsite: sample{cpu: 12 * s, wall: 6 * s, peakKiB: 100 * 1024}, cpuRatio: 1.5},
		{n: 1000, floor: sample{cpu: s, wall: s / 2, peakKiB: 20 * 1024}, lobsite: sample{cpu: 3 * s / 2, wall: s / 2, peakKiB: 30 * 1024}, cpuRatio: 1.456},
	}
	var b bytes.Buffer
	writeTable(&b, rows, 3, "2 CPU's (X), linux/amd64, go1.26.8")
	want := `| opdrachten | CPU s vloer | CPU s lobsite | CPU lobsite/vloer | wandtijd s vloer | wandtijd s lobsite | piek MB vloer | piek MB lobsite | µs CPU/pagina vloer | µs CPU/pagina lobsite |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 10000 | 8.00 | 12.00 | 1.50× | 5.00 | 6.00 | 40 | 100 | 727 | 1091 |
| 1000 | 1.00 | 1.50 | 1.46× | 0.50 | 0.50 | 20 | 30 | – | – |

Wandtijd 10000 t.o.v. 1000 opdrachten: vloer 10.00×, lobsite 12.00× (lineair: 10.00×).
Mediaan van 3 runs; CPU lobsite/vloer is de mediaan van de verhoudingen per paar (vloer en lobsite direct na elkaar). Machine: 2 CPU's (X), linux/amd64, go1.26.8.
`
	if b.String() != want {
		t.Errorf("tabel:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestPairedRatio checks that the CPU ratio is taken per pair of runs: on
// a machine that slows down halfway, the ratio of the medians would mix
// fast floor runs with slow lobsite runs.
func TestPairedRatio(t *testing.T) {
	ms := time.Millisecond
	floors := []sample{{cpu: 100 * ms}, {cpu: 100 * ms}, {cpu: 200 * ms}, {cpu: 200 * ms}, {cpu: 0}}
	lobsites := []sample{{cpu: 140 * ms}, {cpu: 150 * ms}, {cpu: 280 * ms}, {cpu: 300 * ms}, {cpu: 500 * ms}}
	// Pairs: 1.40, 1.50, 1.40, 1.50 (the run whose floor took no time is
	// left out): median 1.45. The two medians alone give 280/100 = 2.80.
	if got := pairedRatio(floors, lobsites); math.Abs(got-1.45) > 1e-9 {
		t.Errorf("pairedRatio = %v, want 1.45", got)
	}
	if got := pairedRatio([]sample{{}}, []sample{{cpu: ms}}); got != 0 {
		t.Errorf("pairedRatio without floor time = %v, want 0", got)
	}
}

func TestWriteTableZeroTime(t *testing.T) {
	var b bytes.Buffer
	writeTable(&b, []row{{n: 5}}, 1, "m")
	if !strings.Contains(b.String(), "| 5 | 0.00 | 0.00 | – |") {
		t.Errorf("deling door nul niet als – getoond:\n%s", b.String())
	}
	if strings.Contains(b.String(), "Wandtijd") {
		t.Errorf("verhoudingsregel bij één grootte:\n%s", b.String())
	}
}

func TestCPUModel(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cpuinfo")
	writeFiles(t, filepath.Dir(p), map[string]string{
		"cpuinfo": "processor\t: 0\nvendor_id\t: X\nmodel name\t: Voorbeeld CPU 3000\nflags\t: a b\n\nprocessor\t: 1\nmodel name\t: Ander\n",
	})
	if got := cpuModel(p); got != "Voorbeeld CPU 3000" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(filepath.Join(t.TempDir(), "geen")); got != "model onbekend" {
		t.Errorf("cpuModel zonder bestand = %q", got)
	}
}

func TestRunArgs(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"-h"}, 0, "De vloer (subcommando floor)"},
		{[]string{"floor", "alleen-bron"}, 2, "gebruik: lobsite-bench floor BRON DOEL"},
		{[]string{"-runs", "0"}, 2, "-runs moet minstens 1 zijn"},
		{[]string{"-sizes", "10,x"}, 2, `"x" is geen positief geheel getal`},
		{[]string{"extra"}, 2, `onverwacht argument "extra"`},
	} {
		var out, errOut bytes.Buffer
		if code := run(tc.args, &out, &errOut); code != tc.code {
			t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tc.args, code, tc.code, errOut.String())
		}
		if !strings.Contains(errOut.String(), tc.inStderr) {
			t.Errorf("run(%q): stderr mist %q:\n%s", tc.args, tc.inStderr, errOut.String())
		}
		if out.Len() != 0 {
			t.Errorf("run(%q) schreef op stdout: %q", tc.args, out.String())
		}
	}
}

func TestWriteEditTable(t *testing.T) {
	ms := time.Millisecond
	var lat []time.Duration
	for i := 1; i <= 10; i++ {
		lat = append(lat, time.Duration(i)*ms)
	}
	var b bytes.Buffer
	writeEditTable(&b, []editRow{
		{n: 1000, latency: lat, cpu: []time.Duration{3 * ms, 5 * ms, 4 * ms}},
		{n: 10000, latency: []time.Duration{20 * ms}},
	})
	want := `| opdrachten | bewerkingen | bewerking tot herladen, mediaan ms | 90e percentiel ms | CPU ms per bewerking (mediaan) |
|---:|---:|---:|---:|---:|
| 1000 | 10 | 5.5 | 9.0 | 4.0 |
| 10000 | 1 | 20.0 | 20.0 | – |
`
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("tabel:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestServeURL(t *testing.T) {
	u, err := serveURL(strings.NewReader("iets\nVoorbeeld op http://127.0.0.1:4321/ (stoppen: Ctrl-C)\n"))
	if err != nil || u != "http://127.0.0.1:4321/" {
		t.Errorf("serveURL = %q, %v", u, err)
	}
	if _, err := serveURL(strings.NewReader("fout\n")); err == nil {
		t.Error("serveURL without the line: no error")
	}
}

func TestWriteCorpusReused(t *testing.T) {
	work := t.TempDir()
	var log bytes.Buffer
	src, err := writeCorpus(work, 3, &log)
	if err != nil {
		t.Fatal(err)
	}
	n, err := countPages(src)
	if err != nil || n < 3 {
		t.Fatalf("countPages = %d, %v", n, err)
	}
	if _, err := writeCorpus(work, 3, &log); err != nil || !strings.Contains(log.String(), "hergebruikt") {
		t.Errorf("second writeCorpus: %v, log %q", err, log.String())
	}
}
