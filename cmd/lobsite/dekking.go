package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"lobsite/generator"
)

// printCoverage writes the coverage matrix (dekking) of lobsite check
// --dekking: a row per competency, a column per leerjaar, in each cell the
// number of exercises · activities, "–" for an empty cell; then the empty
// cells by name.
func printCoverage(w io.Writer, cv *generator.Coverage) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Dekking: opdrachten · activiteiten per competentie en leerjaar")
	fmt.Fprintln(w)
	if len(cv.Rows) == 0 {
		fmt.Fprintln(w, "Er zijn geen competenties; voeg ze toe in content/competenties/.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"Competentie"}
	for _, y := range cv.Years {
		head = append(head, "Leerjaar "+strconv.Itoa(y))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	var empty []string
	for _, row := range cv.Rows {
		cells := []string{fmt.Sprintf("%d. %s", row.Number, row.Title)}
		for _, c := range row.Cells {
			if c.Empty() {
				cells = append(cells, "–")
				empty = append(empty, fmt.Sprintf("%s in leerjaar %d", row.Title, c.Year))
				continue
			}
			cells = append(cells, fmt.Sprintf("%d · %d", c.Exercises, c.Activities))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "In elk vak: het aantal opdrachten · het aantal activiteiten; – is een leeg vak.")
	if len(empty) == 0 {
		fmt.Fprintln(w, "Geen lege vakken: elke competentie heeft in elk leerjaar een opdracht of activiteit.")
		return
	}
	fmt.Fprintf(w, "Lege vakken (geen opdracht en geen activiteit): %d\n", len(empty))
	for _, e := range empty {
		fmt.Fprintln(w, "  "+e)
	}
}
