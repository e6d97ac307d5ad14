// Command lobsite builds a school's LOB handbook, written in Markdown, into
// a static website. See the generator package for what a site folder holds.
//
//	lobsite build [flags]   build the site into public/
//	lobsite check [flags]   check the content, write nothing
//	lobsite serve [flags]   live preview in the browser
//	lobsite init [DIR]      start a new handbook from the built-in skeleton
//	lobsite new KIND NAME   add a page from its template
//	lobsite schooljaar YEAR move every date to another school year
//	lobsite version
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"lobsite/generator"
	"lobsite/generator/diag"
)

const usage = `lobsite maakt van een LOB-handboek in Markdown een website.

Gebruik:
  lobsite <opdracht> [opties]

Opdrachten:
  build       bouw de site in public/ (of --dest)
  check       controleer de inhoud zonder iets te schrijven
  serve       bekijk de site live in de browser terwijl je schrijft
  init        begin een nieuw handboek in een lege map
  new         maak een nieuwe pagina: lobsite new opdracht "Mijn netwerk"
  schooljaar  schuif alle datums door naar een nieuw schooljaar: lobsite schooljaar 2027-2028
  version     toon de versie

Typ 'lobsite <opdracht> -h' voor de opties van een opdracht.
Afsluitcodes: 0 gelukt, 1 fouten in de inhoud (of het thema, of lezen en schrijven
mislukte), 2 verkeerd gebruik (opties, bron- of doelmap), 130 afgebroken (Ctrl-C).
`

func main() {
	// LOBSITE_MEMPROFILE=file writes a heap profile (for go tool pprof)
	// of the collection that found the largest live heap of the run.
	var peak *heapPeak
	if os.Getenv("LOBSITE_MEMPROFILE") != "" {
		peak = &heapPeak{}
	}
	tuneGC(peak)
	os.Exit(profiled(peak))
}

// profiled runs the command line, with a CPU profile when
// LOBSITE_CPUPROFILE=file is set (see docs/performance.md), and returns
// the exit code. The heap profile of peak, when not nil, is written
// before it returns.
func profiled(peak *heapPeak) int {
	code := func() int {
		if name := os.Getenv("LOBSITE_CPUPROFILE"); name != "" {
			if f, err := os.Create(name); err == nil {
				if pprof.StartCPUProfile(f) == nil {
					defer f.Close()
					defer pprof.StopCPUProfile()
				}
			}
		}
		return run(os.Args[1:], os.Stdout, os.Stderr)
	}()
	if peak != nil {
		if err := peak.write(os.Getenv("LOBSITE_MEMPROFILE")); err != nil {
			fmt.Fprintln(os.Stderr, "lobsite: geheugenprofiel:", err)
		}
	}
	return code
}

// heapPeak keeps the heap profile of the collection that found the
// largest live heap so far (the profile reflects the heap as of the last
// collection). Its methods are safe for concurrent use.
type heapPeak struct {
	mu   sync.Mutex
	live int64        // bytes
	prof bytes.Buffer // gzipped pprof protobuf
}

// observe takes a profile when live (bytes, from the collection that just
// ended) is the largest yet.
func (h *heapPeak) observe(live int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if live <= h.live {
		return
	}
	h.live = live
	h.prof.Reset()
	_ = pprof.Lookup("heap").WriteTo(&h.prof, 0)
}

// write writes the kept profile to the file name; an error is the
// file's.
func (h *heapPeak) write(name string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.prof.Len() == 0 {
		return nil
	}
	return os.WriteFile(name, h.prof.Bytes(), 0o644)
}

// tuneGC lets the garbage collector work less often than Go's default: a
// build allocates much (about 80 KB per page) and keeps little (about
// 1.1 KB per page: the site model), so GOGC=400, a heap goal of five
// times the live heap, saves about a tenth of the CPU time against the
// default of 100.
//
// The soft memory limit follows the work: after every collection it is
// set to memLimitFactor times the live heap, and never below
// minMemLimit. A fixed limit (100 MiB until issue 16) costs nothing on a
// small site but makes the cost of a large one grow faster than its pages:
// when the live heap nears the limit the collector runs ever more often,
// and at 30,000 exercises it took half the CPU (100,000: 5.6 times the
// floor's CPU). A limit proportional to the live heap keeps the number of
// collections per page, and so the CPU per page, the same at every size,
// while the peak stays a fixed multiple of what the build must hold.
// Measured (docs/performance.md, issue 16): at 100,000 exercises, with the
// limit at 2, 3 and 5 times the live heap and with none. GOGC and
// GOMEMLIMIT in the environment win.
//
// peak, when not nil, is given the live heap after every collection.
func tuneGC(peak *heapPeak) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	limit := os.Getenv("GOMEMLIMIT") == ""
	if limit {
		debug.SetMemoryLimit(minMemLimit)
	}
	if limit || peak != nil {
		followLiveHeap(limit, peak)
	}
}

const (
	// minMemLimit is the soft memory limit of a small site.
	minMemLimit = 100 << 20
	// memLimitFactor times the live heap is the soft limit of a large one.
	memLimitFactor = 3
)

// followLiveHeap sets the soft memory limit after every garbage
// collection from the live heap it found (see tuneGC). The hook is a
// finalizer on an object nothing points to, which the collector runs once
// the object is found unreachable, that is, after each cycle; it then arms
// itself again. It sets the limit only when limit is true; peak, when not
// nil, observes every live heap.
func followLiveHeap(limit bool, peak *heapPeak) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				if limit {
					debug.SetMemoryLimit(max(minMemLimit, memLimitFactor*live))
				}
				if peak != nil {
					peak.observe(live)
				}
			}
			arm()
		})
	}
	arm()
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr, true)
	case "check":
		return cmdBuild(args[1:], stdout, stderr, false)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "init":
		return cmdInit(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "schooljaar":
		return cmdSchoolYear(args[1:], os.Stdin, stdout, stderr)
	case "version", "--version", "-version":
		if len(args) > 1 {
			if args[1] == "-h" || args[1] == "--help" || args[1] == "-help" {
				fmt.Fprintln(stdout, "lobsite version: toont de versie van lobsite.")
				return 0
			}
			fmt.Fprintf(stderr, "lobsite version: onverwacht argument %q\n", args[1])
			return 2
		}
		fmt.Fprintln(stdout, "lobsite", versionString())
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "lobsite: onbekende opdracht %q\n\n%s", args[0], usage)
	return 2
}

// version is stamped by the release build (.ci/release):
// go build -ldflags "-X main.version=v1.2.0".
var version string

// versionString is the stamped version; without one, the module version
// (go install lobsite@v1.2.0), or else the commit the binary was built
// from as the build info records it (with +wijzigingen when the work tree
// had changes), or "dev".
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+wijzigingen"
	}
	return "dev (" + rev + ")"
}

// siteFlags are the options build, check and serve share.
type siteFlags struct {
	source, dest, baseURL string
	drafts, minify        bool
	strict                bool
}

func newFlagSet(name, synopsis string, stderr io.Writer, f *siteFlags, withDest bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.source, "source", ".", "de `map` met content/ (en eventueel themes/)")
	f.minify = true // check and serve minify as build does; only build has the option
	if withDest {
		fs.StringVar(&f.dest, "dest", "", "de `map` voor de gebouwde site (standaard <source>/public)")
		fs.BoolVar(&f.minify, "minify", true, "HTML, CSS en JS verkleinen; --minify=false voor leesbare uitvoer")
	}
	fs.BoolVar(&f.drafts, "drafts", false, "ook pagina's met concept: true opnemen")
	fs.StringVar(&f.baseURL, "base-url", "", "volledig `webadres` van de site; vervangt basis_url uit site.yaml")
	fs.BoolVar(&f.strict, "strict", false, "waarschuwingen (zoals mogelijke leerlinggegevens) tellen als fouten")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nOpties:\n", synopsis)
		printFlags(fs, fs.Output())
	}
	return fs
}

// help prints fs's usage to w, as asked for with -h.
func help(fs *flag.FlagSet, w io.Writer) {
	out := fs.Output()
	fs.SetOutput(w)
	fs.Usage()
	fs.SetOutput(out)
}

// printFlags lists the options in Dutch, as --naam, with their defaults.
func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if name != "" {
			if name == "string" {
				name = "tekst"
			}
			arg += " " + name
		}
		fmt.Fprintf(w, "  %s\n      %s", arg, usage)
		switch f.DefValue {
		case "", "false":
		case "true":
			fmt.Fprintf(w, " (standaard aan)")
		default:
			fmt.Fprintf(w, " (standaard %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

func (f *siteFlags) options() generator.Options {
	return generator.Options{Source: f.source, Dest: f.dest, Drafts: f.drafts, NoMinify: !f.minify, BaseURL: f.baseURL, Strict: f.strict}
}

// parse parses args into fs; help that was asked for (-h) goes to stdout,
// the usage after a mistake to fs's output (stderr).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package's own messages are English
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help(fs, stdout)
			return 0, false
		}
		fmt.Fprintf(out, "lobsite %s: %s\n\n", fs.Name(), dutchFlagError(err))
		fs.Usage()
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(out, "lobsite %s: onverwacht argument %q; geef de bronmap met --source\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

var flagErrors = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "onbekende optie --%s"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -+([^:]*):`), "ongeldige waarde %q voor --%s; gebruik true of false"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*):`), "ongeldige waarde %q voor --%s"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "--%s heeft een waarde nodig"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "onbegrijpelijke optie %s"},
}

// dutchFlagError says in Dutch what the flag package said in English.
func dutchFlagError(err error) string {
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return fmt.Sprintf(fe.format, args...)
		}
	}
	return err.Error()
}

func cmdBuild(args []string, stdout, stderr io.Writer, write bool) int {
	var f siteFlags
	name, synopsis := "build", "lobsite build [opties]: bouw de site uit <source>/content in <dest>.\nBij fouten blijft de vorige site in <dest> ongewijzigd."
	if !write {
		name, synopsis = "check", "lobsite check [opties]: controleer alles wat build controleert, zonder iets te schrijven."
	}
	fs := newFlagSet(name, synopsis, stderr, &f, write)
	var coverage bool
	if !write {
		fs.BoolVar(&coverage, "dekking", false, "ook de dekking tonen: per competentie en leerjaar het aantal opdrachten en activiteiten, en de lege vakken")
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	start := time.Now()
	opts := f.options()
	var res *generator.Result
	var err error
	if write {
		// Ctrl-C during a build stops it; the unfinished tree is removed
		// and the previous site stays.
		ctx, stop := signalContext()
		defer stop()
		res, err = generator.BuildContext(ctx, opts)
		// Interrupted only if the build stopped for it: once the new site
		// is swapped in, a late Ctrl-C changes nothing.
		if err != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "Afgebroken; de vorige versie van de site staat er nog.")
			return 130
		}
	} else if coverage {
		var cv *generator.Coverage
		res, cv, err = generator.CheckCoverage(opts)
		code := report(res, err, start, write, opts.DestDir(), stdout, stderr)
		if code == 0 && cv != nil {
			printCoverage(stdout, cv)
		}
		return code
	} else {
		res, err = generator.Check(opts)
	}
	return report(res, err, start, write, opts.DestDir(), stdout, stderr)
}

// report prints the outcome of a build or check and returns the exit code.
func report(res *generator.Result, err error, start time.Time, write bool, dest string, stdout, stderr io.Writer) int {
	var be *diag.BuildError
	if errors.As(err, &be) {
		fmt.Fprint(stderr, be.Error())
		fmt.Fprintln(stderr)
		if write {
			if _, err := os.Stat(dest); err == nil {
				fmt.Fprintln(stderr, "Er is niets gepubliceerd; de vorige versie van de site staat er nog.")
			} else {
				fmt.Fprintln(stderr, "Er is niets gepubliceerd.")
			}
		}
		return 1
	}
	var se *generator.SetupError
	if errors.As(err, &se) {
		fmt.Fprintln(stderr, "lobsite:", err)
		return 2
	}
	if err != nil {
		// The build started and failed for another reason than the
		// content: the theme, or reading and writing files.
		fmt.Fprintln(stderr, "lobsite:", err)
		if write {
			fmt.Fprintln(stderr, "Er is niets gepubliceerd; de vorige versie van de site staat er nog (als die er was).")
		}
		return 1
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	verb := "gecontroleerd"
	if write {
		verb = "gebouwd"
	}
	fmt.Fprintf(stdout, "%d pagina's %s in %s (%s).\n", res.Pages, verb, time.Since(start).Round(time.Millisecond), diag.Count(0, len(res.Warnings)))
	return 0
}

// signalContext is cancelled on Ctrl-C or SIGTERM. A second one exits at
// once with 130, also while one long page is being parsed and the build
// has not looked at the context yet (the unfinished output folder is
// removed by the next build).
func signalContext() (context.Context, context.CancelFunc) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	ctx, stop := watchSignals(ch, func() {
		fmt.Fprintln(os.Stderr, "lobsite: afgebroken")
		os.Exit(130)
	})
	return ctx, func() { signal.Stop(ch); stop() }
}

// watchSignals cancels the returned context at the first value on ch and
// calls exit at the second; stop ends the watching.
func watchSignals(ch <-chan os.Signal, exit func()) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	// A signal that comes after stop does nothing, also when select picks
	// it over the closed stopped: after a receive, stopped is looked at
	// first.
	isStopped := func() bool {
		select {
		case <-stopped:
			return true
		default:
			return false
		}
	}
	go func() {
		select {
		case <-ch:
			if isStopped() {
				return
			}
			cancel()
		case <-stopped:
			return
		}
		select {
		case <-ch:
			if !isStopped() {
				exit()
			}
		case <-stopped:
		}
	}()
	var once sync.Once
	return ctx, func() { once.Do(func() { close(stopped); cancel() }) }
}
