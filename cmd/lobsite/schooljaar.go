package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lobsite/generator/diag"
	"lobsite/generator/rollover"
)

func cmdSchoolYear(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := subFlags("schooljaar", "lobsite schooljaar <jjjj-jjjj> [opties]: schuif het handboek door naar een ander schooljaar.\nElke datum en tot in content/kalender/ en elke periode in content/site.yaml gaat een\naantal hele weken op (een maandag blijft een maandag), en schooljaar verandert. Alleen die\nwaarden veranderen; de rest van elk bestand blijft precies zoals het was.\nlobsite laat eerst zien wat er verandert en vraagt of het door moet gaan.", stderr)
	source := fs.String("source", ".", "de `map` met content/")
	yes := fs.Bool("ja", false, "doorvoeren zonder te vragen")
	rest, code, ok := parseArgs(fs, stdout, args, 1, 1)
	if !ok {
		return code
	}
	if _, err := os.Stat(filepath.Join(*source, "content", "site.yaml")); err != nil {
		fmt.Fprintf(stderr, "lobsite schooljaar: in %s staat geen content/site.yaml; geef met --source de map van het handboek\nEr is niets veranderd.\n", *source)
		return 2
	}
	plan, err := rollover.Prepare(*source, rest[0])
	var ue *rollover.UsageError
	var be *diag.BuildError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "lobsite schooljaar: %s\n", ue.Msg)
		return 2
	case errors.As(err, &be):
		fmt.Fprint(stderr, be.Error())
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Er is niets veranderd.")
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "lobsite schooljaar: %v\nEr is niets veranderd.\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Van schooljaar %s naar %s: de datums gaan %d weken op, dus elke datum blijft op dezelfde weekdag.\n", plan.From, plan.To, plan.Weeks)
	var check []rollover.Change
	for _, c := range plan.Changes {
		day := ""
		if c.Weekday != "" {
			day = " (" + c.Weekday + ")"
		}
		fmt.Fprintf(stdout, "%s:%d:%d: %s %s → %s%s\n", c.Path, c.Line, c.Col, c.Key, c.Old, c.New, day)
		if c.Check != "" {
			check = append(check, c)
		}
	}
	if len(check) > 0 {
		fmt.Fprintln(stdout, "\nControleer (de vakanties zijn bij benadering en verschillen per regio; kijk het na in de schoolkalender):")
		for _, c := range check {
			fmt.Fprintf(stdout, "%s:%d:%d: %s %s (%s) %s\n", c.Path, c.Line, c.Col, c.Key, c.New, c.Weekday, c.Check)
		}
	}
	fmt.Fprintf(stdout, "\n%s in %s.\n", count(len(plan.Changes), "waarde", "waarden"), count(plan.Files(), "bestand", "bestanden"))
	if !*yes {
		fmt.Fprint(stdout, "Doorvoeren? [j/n] ")
		answer, err := bufio.NewReader(stdin).ReadString('\n')
		answer = strings.ToLower(strings.TrimSpace(answer))
		if answer == "" && err != nil {
			fmt.Fprintln(stdout)
			fmt.Fprintln(stderr, "lobsite schooljaar: geen antwoord gekregen; er is niets veranderd. Gebruik --ja om zonder vragen door te voeren.")
			return 1
		}
		switch answer {
		case "j", "ja", "y", "yes":
		default:
			fmt.Fprintln(stdout, "Er is niets veranderd.")
			return 0
		}
	}
	if err := plan.Apply(); err != nil {
		fmt.Fprintf(stderr, "lobsite schooljaar: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Klaar: %s aangepast. Controleer met: lobsite check\n", count(plan.Files(), "bestand", "bestanden"))
	return 0
}

// count writes n with the singular or the plural noun: "1 bestand", "3 bestanden".
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, more)
}
