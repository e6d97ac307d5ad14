package main

import (
	"fmt"
	"io"

	"lobsite/generator"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("serve", "lobsite serve [opties]: bouw de site, toon haar op http://127.0.0.1:1313/ en bouw\nopnieuw zodra je een bestand in content/ of themes/ opslaat; open tabbladen laden vanzelf opnieuw.\nFouten verschijnen in de browser. Stoppen: Ctrl-C.", stderr, &f, false)
	addr := fs.String("addr", "127.0.0.1:1313", "`adres` en poort van de voorbeeldserver (alleen deze computer: 127.0.0.1)")
	fs.StringVar(&f.dest, "dest", "", "bouw in deze `map` (standaard een tijdelijke map; public/ blijft onaangeroerd)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	opts := f.options()
	ctx, stop := signalContext()
	defer stop()
	err := generator.Preview(ctx, generator.PreviewOptions{
		Options: opts,
		Addr:    *addr,
		Log:     stderr,
		Ready: func(url string) {
			fmt.Fprintf(stdout, "Voorbeeld op %s (stoppen: Ctrl-C)\n", url)
		},
	})
	if err != nil {
		fmt.Fprintln(stderr, "lobsite serve:", err)
		return 2
	}
	fmt.Fprintln(stdout, "Gestopt.")
	return 0
}
