// Command lobsite-bench measures how fast lobsite builds a large synthetic
// handbook, compared with a "floor": the least work any Markdown-to-HTML site
// build must do. It prints a Markdown table for the README.
//
// Usage:
//
//	go run ./cmd/lobsite-bench [-sizes 1000,10000] [-runs 3] [-work DIR] [-lobsite PATH] [-zoekindex] [-edits N]
//	lobsite-bench floor SRC DEST
//
// See the -h text (usageText) for what is measured and how.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"lobsite/generator/corpus"
)

const usageText = `lobsite-bench meet hoe snel lobsite een groot, kunstmatig handboek bouwt,
vergeleken met een "vloer": het minste werk dat elke Markdown-naar-HTML-bouw moet doen.

Gebruik:
  go run ./cmd/lobsite-bench [-sizes 1000,10000] [-runs 3] [-work MAP] [-lobsite PAD] [-zoekindex] [-edits N]
  lobsite-bench floor BRON DOEL

  Grote sites alleen op verzoek: -sizes 1000,10000,30000,100000 (100.000 opdrachten
  kost minuten per run; 'go test' bouwt nooit meer dan 10.000).

Wat het doet:
  1. Bouwt met 'go build' ./cmd/lobsite in MAP/bin (niet als -lobsite is gegeven).
     Draai het daarom vanuit de module lobsite.
  2. Maakt per grootte n een kunstmatig handboek (pakket generator/corpus):
     n opdrachten, n/10 kalenderactiviteiten, 5 competenties, 7 kernvragen, 4 modellen,
     8 sectoren en de _index.md-bestanden; dezelfde n geeft steeds dezelfde bestanden.
     Een corpus dat al in MAP staat (MAP/corpus-N met MAP/corpus-N.klaar) wordt
     hergebruikt, niet opnieuw geschreven.
  3. Draait per grootte, om en om, -runs keer elk als los proces:
       (a) de vloer:  lobsite-bench floor BRON DOEL
       (b) lobsite:   lobsite build --source BRON --dest DOEL
     Elke run schrijft in een nieuwe doelmap (MAP/uit-*/); vooraf gaat een sync, zodat
     een run niet betaalt voor het wegschrijven van de vorige. Per proces worden gemeten:
     CPU-tijd (user + sys), wandkloktijd en piekgeheugen (maximale RSS). Op Linux telt
     het piekgeheugen van een kindproces dat van lobsite-bench zelf mee (ca. 8 MB): een
     kleinere waarde kan de tabel niet tonen.
  4. Met -edits N (N > 0) daarna per grootte de bewerking-tot-herladen-meting:
     start 'lobsite serve' op het corpus, luistert naar de herlaad-gebeurtenissen
     zoals een browser (Server-Sent Events), en schrijft N keer een opdracht met een
     extra regel tekst (een bewerking van de tekst, niet van de front matter). Gemeten
     per bewerking: de tijd van het schrijven tot de gebeurtenis binnen is, en (op
     Linux) de CPU-tijd die het serve-proces in die tijd gebruikte.
  Met -zoekindex bouwt het ook lobsite met -tags zonderzoek (MAP/bin-zonderzoek),
     dat alles doet behalve de zoekindex schrijven, en draait dat direct na of (om
     en om) direct voor elke lobsite-run: wat de zoekindex kost, per paar gemeten.
  5. Schrijft op stdout een Markdown-tabel met de medianen per grootte (de CPU-
     verhouding is de mediaan van de verhoudingen per paar: een vloer-run en de
     lobsite-run direct erna; zo telt een machine die tijdens de meting sneller of
     trager wordt voor beide kanten mee), de CPU-tijd per pagina (per Markdown-bestand)
     in microseconden, de verhouding van de wandtijd tussen de grootste en de kleinste
     grootte (lineair = verhouding van de groottes) en een regel over de machine; met
     -zoekindex een tabel met en zonder zoekindex, met -edits een tabel met mediaan en
     90e percentiel. Voortgang gaat naar stderr.
  Mislukt een proces, dan toont lobsite-bench de uitvoer ervan en stopt met code 1.

  Een gewone schijf meet ook de schijf mee (terugschrijven, journaal). Voor stabiele
  cijfers die het rekenwerk tonen: -work op een tmpfs, bijvoorbeeld /dev/shm/lobsite-bench.

De vloer (subcommando floor):
  Leest elk *.md-bestand onder BRON/content, laat de front matter weg (alles tot en met
  de tweede '---'-regel), zet de rest om met goldmark (tabellen, doorhalen, automatische
  kop-id's), zet het in een vaste HTML-schil, verkleint het met tdewolff/minify en
  schrijft DOEL/<map>/<naam>/index.html (een _index.md wordt DOEL/<map>/index.html).
  Gebruikt alle kernen (GOMAXPROCS werkers) en houdt niet alle pagina's in het geheugen.
  Geen sjablonen, lijsten, linkcontrole of front-matter-regels: lobsite doet meer werk,
  de vloer laat zien wat dat werk kost.

Opties:
`

// config holds the parsed command line of a benchmark run.
type config struct {
	sizes   []int  // corpus sizes: number of exercises
	runs    int    // runs per size and per program
	work    string // folder for corpora, outputs and the lobsite binary; "" means a temporary one
	lobsite string // prebuilt lobsite binary; "" means go build ./cmd/lobsite
	edits   int    // edits per size for the edit-to-reload measurement; 0: none
	search  bool   // also measure lobsite built without the search index, paired
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "floor" {
		if len(args) != 3 {
			fmt.Fprintln(stderr, "gebruik: lobsite-bench floor BRON DOEL")
			return 2
		}
		if err := floor(args[1], args[2]); err != nil {
			fmt.Fprintln(stderr, "floor:", err)
			return 1
		}
		return 0
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "lobsite-bench:", err)
		return 2
	}
	if err := bench(cfg, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "lobsite-bench:", err)
		return 1
	}
	return 0
}

// parseFlags parses the benchmark flags. It returns flag.ErrHelp after
// printing the usage text for -h.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fset := flag.NewFlagSet("lobsite-bench", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fset.PrintDefaults()
	}
	sizes := fset.String("sizes", "1000,10000", "corpusgroottes: aantallen opdrachten, gescheiden door komma's")
	var cfg config
	fset.IntVar(&cfg.runs, "runs", 3, "aantal runs per grootte en per programma (de tabel toont de mediaan)")
	fset.StringVar(&cfg.work, "work", "", "werkmap voor corpora (MAP/corpus-N), uitvoer (MAP/uit-*) en programma's (MAP/bin); blijft staan en een volgende run hergebruikt de corpora (standaard: een tijdelijke map die na afloop wordt verwijderd)")
	fset.StringVar(&cfg.lobsite, "lobsite", "", "pad naar een al gebouwd lobsite-programma, in plaats van 'go build ./cmd/lobsite'")
	fset.BoolVar(&cfg.search, "zoekindex", false, "meet ook wat de zoekindex kost: bouwt lobsite een tweede keer met -tags zonderzoek (zonder index) en draait dat om en om direct na en direct voor een lobsite-run; een extra tabel geeft de verhouding per paar")
	fset.IntVar(&cfg.edits, "edits", 0, "aantal bewerkingen per grootte voor de meting bewerking-tot-herladen met 'lobsite serve' (0: niet meten)")
	if err := fset.Parse(args); err != nil {
		return config{}, err
	}
	if fset.NArg() > 0 {
		return config{}, fmt.Errorf("onverwacht argument %q; zie -h", fset.Arg(0))
	}
	var err error
	if cfg.sizes, err = parseSizes(*sizes); err != nil {
		return config{}, err
	}
	if cfg.runs < 1 {
		return config{}, fmt.Errorf("-runs moet minstens 1 zijn, niet %d", cfg.runs)
	}
	if cfg.edits < 0 {
		return config{}, fmt.Errorf("-edits mag niet negatief zijn, niet %d", cfg.edits)
	}
	return cfg, nil
}

// parseSizes parses a comma-separated list of positive ints, such as "1000,10000".
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes: %q is geen positief geheel getal", f)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// sample is what one child process cost.
type sample struct {
	cpu     time.Duration // user + system
	wall    time.Duration
	peakKiB int64 // maximum resident set size
}

// row is one table row: the medians for one corpus size.
type row struct {
	n              int
	pages          int // Markdown files in the corpus: the pages both programs make
	floor, lobsite sample
	// cpuRatio is the median over the runs of lobsite's CPU time divided
	// by that of the floor run just before it; 0 when there is none.
	cpuRatio float64
	// With -zoekindex: lobsite built without the search index, and the
	// median over the runs of lobsite's CPU time divided by that of the
	// run without the index just after it.
	plain       sample
	searchRatio float64
}

// bench runs the whole benchmark described by cfg and prints the table.
func bench(cfg config, stdout, stderr io.Writer) error {
	work := cfg.work
	if work == "" {
		tmp, err := os.MkdirTemp("", "lobsite-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		work = tmp
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("eigen programma niet gevonden: %w", err)
	}
	lobsite := cfg.lobsite
	if lobsite == "" {
		bin := filepath.Join(work, "bin")
		fmt.Fprintln(stderr, "lobsite bouwen…")
		if err := goBuild(bin); err != nil {
			return err
		}
		lobsite = filepath.Join(bin, "lobsite")
	}
	plain := ""
	if cfg.search {
		bin := filepath.Join(work, "bin-zonderzoek")
		fmt.Fprintln(stderr, "lobsite zonder zoekindex bouwen (-tags zonderzoek)…")
		if err := goBuild(bin, "-tags", "zonderzoek"); err != nil {
			return err
		}
		plain = filepath.Join(bin, "lobsite")
	}

	// Every run writes to a folder that never existed before: on ext4,
	// creating thousands of files right after deleting thousands makes inode
	// allocation many times slower (it skips recently deleted inodes), which
	// would be measured as build time.
	out, err := os.MkdirTemp(work, "uit-")
	if err != nil {
		return err
	}
	// The outputs are removed when the run ends, not in between: the
	// measured runs never pay for removing a tree, and repeated runs do
	// not fill the disk (or, on tmpfs, the memory).
	defer os.RemoveAll(out)
	var rows []row
	var edits []editRow
	for _, n := range cfg.sizes {
		src, err := writeCorpus(work, n, stderr)
		if err != nil {
			return err
		}
		pages, err := countPages(src)
		if err != nil {
			return err
		}
		var floors, lobsites, plains []sample
		for i := range cfg.runs {
			dest := filepath.Join(out, fmt.Sprintf("%d-vloer-%d", n, i+1))
			f, err := measure(self, "floor", src, dest)
			if err != nil {
				return fmt.Errorf("vloer, n=%d, run %d: %w", n, i+1, err)
			}
			// With -zoekindex, every other run builds without the index
			// before lobsite instead of after it: the program that runs
			// right after the floor pays a little for the floor's
			// writes, and so each side does half the time.
			var p sample
			plainRun := func() error {
				dest := filepath.Join(out, fmt.Sprintf("%d-zonderzoek-%d", n, i+1))
				var err error
				if p, err = measure(plain, "build", "--source", src, "--dest", dest); err != nil {
					return fmt.Errorf("lobsite zonder zoekindex, n=%d, run %d: %w", n, i+1, err)
				}
				plains = append(plains, p)
				return nil
			}
			if plain != "" && i%2 == 1 {
				if err := plainRun(); err != nil {
					return err
				}
			}
			dest = filepath.Join(out, fmt.Sprintf("%d-lobsite-%d", n, i+1))
			l, err := measure(lobsite, "build", "--source", src, "--dest", dest)
			if err != nil {
				return fmt.Errorf("lobsite, n=%d, run %d: %w", n, i+1, err)
			}
			fmt.Fprintf(stderr, "n=%d run %d/%d: vloer %.2f s, lobsite %.2f s (wandtijd)\n",
				n, i+1, cfg.runs, f.wall.Seconds(), l.wall.Seconds())
			floors = append(floors, f)
			lobsites = append(lobsites, l)
			if plain != "" && i%2 == 0 {
				if err := plainRun(); err != nil {
					return err
				}
			}
		}
		r := row{n: n, pages: pages, floor: medianSample(floors), lobsite: medianSample(lobsites), cpuRatio: pairedRatio(floors, lobsites)}
		if plain != "" {
			r.plain, r.searchRatio = medianSample(plains), pairedRatio(plains, lobsites)
		}
		rows = append(rows, r)
		if cfg.edits > 0 {
			fmt.Fprintf(stderr, "n=%d: %d bewerkingen in lobsite serve\n", n, cfg.edits)
			e, err := editBench(lobsite, src, filepath.Join(out, fmt.Sprintf("%d-serve", n)), cfg.edits)
			if err != nil {
				return fmt.Errorf("bewerking tot herladen, n=%d: %w", n, err)
			}
			e.n = n
			edits = append(edits, e)
		}
	}
	writeTable(stdout, rows, cfg.runs, machine())
	if cfg.search {
		fmt.Fprintln(stdout)
		writeSearchTable(stdout, rows)
	}
	if len(edits) > 0 {
		fmt.Fprintln(stdout)
		writeEditTable(stdout, edits)
	}
	return nil
}

// writeCorpus writes the corpus of n exercises into work/corpus-<n>, unless
// an earlier run finished writing it there (work/corpus-<n>.klaar), and
// returns its folder.
func writeCorpus(work string, n int, stderr io.Writer) (string, error) {
	src := filepath.Join(work, fmt.Sprintf("corpus-%d", n))
	done := src + ".klaar"
	if _, err := os.Stat(done); err == nil {
		fmt.Fprintf(stderr, "n=%d: corpus in %s hergebruikt\n", n, src)
		return src, nil
	}
	// Rewriting an existing corpus in place gives the same files (same n,
	// same bytes) without deleting any.
	fmt.Fprintf(stderr, "n=%d: corpus schrijven naar %s\n", n, src)
	if err := corpus.Write(src, n); err != nil {
		return "", fmt.Errorf("corpus schrijven: %w", err)
	}
	if err := os.WriteFile(done, []byte("lobsite-bench schreef dit corpus helemaal\n"), 0o644); err != nil {
		return "", err
	}
	return src, nil
}

// countPages counts the Markdown files under src/content.
func countPages(src string) (int, error) {
	n := 0
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return err
	})
	return n, err
}

// goBuild builds lobsite into the folder bin, with the extra go build
// flags. It must run inside the module lobsite.
func goBuild(bin string, flags ...string) error {
	args := append([]string{"build"}, flags...)
	args = append(args, "-o", bin+string(filepath.Separator), "lobsite/cmd/lobsite")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v (draai lobsite-bench vanuit de module lobsite)\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// measure flushes file data to disk, runs the program with args as a child
// process and returns its cost. When the child fails, the error holds its
// output.
func measure(program string, args ...string) (sample, error) {
	flush()
	var out bytes.Buffer
	cmd := exec.Command(program, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %v\n%s", program, strings.Join(args, " "), err, out.Bytes())
	}
	cpu, peak := usage(cmd.ProcessState)
	return sample{cpu: cpu, wall: wall, peakKiB: peak}, nil
}

// median returns the median of xs (the mean of the middle two for an even
// count); xs must not be empty. It does not change xs.
func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// pairedRatio returns the median of lobsites[i].cpu / floors[i].cpu over
// the runs whose floor took any time, or 0 when none did. Each pair ran
// back to back, so a machine that speeds up or slows down during the
// benchmark moves both sides of a pair alike: the median of the pairs' ratios
// varies less between benchmark runs than the ratio of the two medians.
func pairedRatio(floors, lobsites []sample) float64 {
	var rs []float64
	for i := range min(len(floors), len(lobsites)) {
		if floors[i].cpu > 0 {
			rs = append(rs, float64(lobsites[i].cpu)/float64(floors[i].cpu))
		}
	}
	if len(rs) == 0 {
		return 0
	}
	return median(rs)
}

// medianSample returns the median of each measure separately.
func medianSample(ss []sample) sample {
	var cpu, wall []time.Duration
	var peak []int64
	for _, s := range ss {
		cpu = append(cpu, s.cpu)
		wall = append(wall, s.wall)
		peak = append(peak, s.peakKiB)
	}
	return sample{cpu: median(cpu), wall: median(wall), peakKiB: median(peak)}
}

// ratio formats a/b as "1.23×", or "–" when b is zero.
func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// writeTable prints the Markdown table of rows, the wall-time ratio between
// the largest and the smallest size, and the machine line.
func writeTable(w io.Writer, rows []row, runs int, machine string) {
	fmt.Fprintln(w, "| opdrachten | CPU s vloer | CPU s lobsite | CPU lobsite/vloer | wandtijd s vloer | wandtijd s lobsite | piek MB vloer | piek MB lobsite | µs CPU/pagina vloer | µs CPU/pagina lobsite |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	perPage := func(r row, s sample) string {
		if r.pages == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f", float64(s.cpu.Microseconds())/float64(r.pages))
	}
	for _, r := range rows {
		pairs := "–"
		if r.cpuRatio > 0 {
			pairs = fmt.Sprintf("%.2f×", r.cpuRatio)
		}
		fmt.Fprintf(w, "| %d | %.2f | %.2f | %s | %.2f | %.2f | %.0f | %.0f | %s | %s |\n",
			r.n, r.floor.cpu.Seconds(), r.lobsite.cpu.Seconds(),
			pairs,
			r.floor.wall.Seconds(), r.lobsite.wall.Seconds(),
			float64(r.floor.peakKiB)/1024, float64(r.lobsite.peakKiB)/1024,
			perPage(r, r.floor), perPage(r, r.lobsite))
	}
	fmt.Fprintln(w)
	if len(rows) >= 2 {
		small := slices.MinFunc(rows, func(a, b row) int { return a.n - b.n })
		large := slices.MaxFunc(rows, func(a, b row) int { return a.n - b.n })
		if large.n > small.n {
			fmt.Fprintf(w, "Wandtijd %d t.o.v. %d opdrachten: vloer %s, lobsite %s (lineair: %s).\n",
				large.n, small.n,
				ratio(large.floor.wall.Seconds(), small.floor.wall.Seconds()),
				ratio(large.lobsite.wall.Seconds(), small.lobsite.wall.Seconds()),
				ratio(float64(large.n), float64(small.n)))
		}
	}
	fmt.Fprintf(w, "Mediaan van %d runs; CPU lobsite/vloer is de mediaan van de verhoudingen per paar (vloer en lobsite direct na elkaar). Machine: %s.\n", runs, machine)
}

// writeSearchTable prints the Markdown table of what the search index
// costs: lobsite against lobsite built without it (-zoekindex).
func writeSearchTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| opdrachten | CPU s met zoekindex | CPU s zonder | CPU met/zonder | piek MB met | piek MB zonder |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		pairs := "–"
		if r.searchRatio > 0 {
			pairs = fmt.Sprintf("%.2f×", r.searchRatio)
		}
		fmt.Fprintf(w, "| %d | %.2f | %.2f | %s | %.0f | %.0f |\n", r.n, r.lobsite.cpu.Seconds(), r.plain.cpu.Seconds(), pairs,
			float64(r.lobsite.peakKiB)/1024, float64(r.plain.peakKiB)/1024)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "CPU met/zonder is de mediaan van de verhoudingen per paar: lobsite en direct daarvoor of daarna (om en om) lobsite gebouwd met -tags zonderzoek, dat geen zoekindex schrijft.")
}

// machine describes this computer and toolchain in one line, for example
// "2 CPU's (AMD EPYC), linux/amd64, go1.26.8".
func machine() string {
	return fmt.Sprintf("%d CPU's (%s), %s/%s, %s",
		runtime.NumCPU(), cpuModel("/proc/cpuinfo"), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// cpuModel returns the first "model name" in a /proc/cpuinfo-style file, or
// "model onbekend" when the file or the field is missing.
func cpuModel(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "model onbekend"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(val)
		}
	}
	return "model onbekend"
}
