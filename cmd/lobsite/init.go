package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lobsite/generator/rollover"
	"lobsite/generator/scaffold"
)

// today is the day init and new count from: LOBSITE_VANDAAG (2006-01-02),
// which the CLI tests set, or the clock.
func today() time.Time {
	if s := os.Getenv("LOBSITE_VANDAAG"); s != "" {
		if d, err := time.Parse("2006-01-02", s); err == nil {
			return d
		}
	}
	return time.Now()
}

// subFlags is a flag set for init, new and schooljaar, which take
// arguments besides their options (in any order).
func subFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n", synopsis)
		if hasFlags(fs) {
			fmt.Fprint(fs.Output(), "\nOpties:\n")
			printFlags(fs, fs.Output())
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseArgs parses options and arguments mixed (`new opdracht x --map y`),
// and checks the number of arguments: at least lo, at most hi. Help asked
// for (-h) goes to stdout.
func parseArgs(fs *flag.FlagSet, stdout io.Writer, args []string, lo, hi int) ([]string, int, bool) {
	out := fs.Output()
	var rest []string
	for {
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		fs.SetOutput(out)
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				help(fs, stdout)
				return nil, 0, false
			}
			fmt.Fprintf(out, "lobsite %s: %s\n\n", fs.Name(), dutchFlagError(err))
			fs.Usage()
			return nil, 2, false
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) < lo || len(rest) > hi {
		fmt.Fprintf(out, "lobsite %s: verkeerd aantal argumenten\n", fs.Name())
		if fs.Name() == "new" && len(rest) > hi {
			fmt.Fprintf(out, "Een naam met spaties zet je tussen aanhalingstekens: lobsite new %s %q\n", rest[0], strings.Join(rest[1:], " "))
		}
		fmt.Fprintln(out)
		fs.Usage()
		return nil, 2, false
	}
	return rest, 0, true
}

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := subFlags("init", "lobsite init [MAP] [opties]: maak een nieuw LOB-handboek in MAP (standaard de huidige map).\nDe map moet leeg zijn of nog niet bestaan.", stderr)
	lang := fs.String("taal", "nl", "de `taal` van het handboek: nl of en")
	rest, code, ok := parseArgs(fs, stdout, args, 0, 1)
	if !ok {
		return code
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	files, err := scaffold.Init(dir, *lang, today())
	var ue *scaffold.UsageError
	switch {
	case errors.Is(err, scaffold.ErrNotEmpty):
		fmt.Fprintf(stderr, "lobsite init: %s is niet leeg; kies een nieuwe of lege map, zoals: lobsite init mijn-handboek\n", dir)
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "lobsite init: %s\n", ue.Msg)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "lobsite init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Nieuw handboek in %s (%d bestanden).\n", dir, len(files))
	cd := ""
	if dir != "." {
		cd = fmt.Sprintf("cd %s\n  ", quoteArg(dir))
	}
	fmt.Fprintf(stdout, "Pas eerst content/site.yaml aan (naam van de school, schooljaar, perioden). Bekijk het handboek met:\n  %slobsite serve\n", cd)
	return 0
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := subFlags("new", "lobsite new <soort> <naam> [opties]: maak een nieuwe pagina met alle sleutels van die soort.\nSoorten: "+joinKinds()+".", stderr)
	source := fs.String("source", ".", "de `map` met content/")
	dir := fs.String("map", "", "voor een pagina: de `map` onder content/ (standaard handboek)")
	rest, code, ok := parseArgs(fs, stdout, args, 2, 2)
	if !ok {
		return code
	}
	if _, err := os.Stat(filepath.Join(*source, "content")); err != nil {
		fmt.Fprintf(stderr, "lobsite new: in %s staat geen map content/; geef met --source de map van het handboek (of begin er een met lobsite init)\n", *source)
		return 2
	}
	c, err := scaffold.New(*source, rest[0], rest[1], scaffold.NewOptions{
		Dir:     *dir,
		Today:   today(),
		Holiday: func(d time.Time) bool { _, ok := rollover.Holiday(d); return ok },
	})
	var ue *scaffold.UsageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "lobsite new: %s\n", ue.Msg)
		return 2
	case errors.Is(err, scaffold.ErrExists):
		fmt.Fprintf(stderr, "lobsite new: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "lobsite new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\nadres: %s\n", c.Path, c.URL)
	for _, n := range c.Notes {
		fmt.Fprintf(stdout, "let op: %s\n", n)
	}
	return 0
}

func joinKinds() string {
	s := ""
	for i, k := range scaffold.KindNames() {
		if i > 0 {
			s += ", "
		}
		s += k
	}
	return s
}

// quoteArg quotes a folder name for a shell command when it needs it.
func quoteArg(s string) string {
	for _, r := range s {
		if r == ' ' || r == '\'' || r == '"' {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}
