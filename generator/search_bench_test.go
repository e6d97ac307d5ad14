package generator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"lobsite/generator/corpus"
)

// BenchmarkSearchBrowser10000 builds the 10,000-exercise corpus and types
// 20 queries into its search box in headless Chromium, each in a freshly
// opened page, so every query loads the term and page files it needs. In
// each page it first focuses the search box, as a person does before
// typing, which starts loading zoek/index.js, and waits until the index has
// loaded; then it puts the query in the box and starts the clock. It
// reports the median time from the query to its first results rendered
// (ms/query: the term files and the page files of the first five results
// loaded, ranking and rendering included; the index not, which zoek.js
// loaded with the page before it waited for the focus) and the median of
// index bytes a query loads after the index (bytes/query). Run it with
// -bench SearchBrowser -benchtime 1x.
func BenchmarkSearchBrowser10000(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 10000); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
		b.Fatal(err)
	}
	var loaded atomic.Int64
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/zoek/") {
			if n, err := fileSize(filepath.Join(dest, filepath.FromSlash(r.URL.Path))); err == nil {
				loaded.Add(n)
			}
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx := newBrowser(b, 0)
	focusPages(b, ctx)
	queries := []string{"stage netwerk", "leerling coach", "werkplek klant", "bedrijf sector", "reflectie doel",
		"motivatie toekomst", "horeca logistiek", "netw", "presenteren", "samenwerken plannen", "opleiding keuze",
		"groen bouw", "techniek zorg", "vaardigheid", "netwerkn", "luisteren vragen", "mentor gesprek", "praktijk", "interesse", "opdracht 1234"}
	for range b.N {
		var ms, sizes []float64
		for _, q := range queries {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/opdrachten/opdracht-00001/")); err != nil {
				b.Fatal(err)
			}
			focusSearch(b, ctx)
			loaded.Store(0)
			t, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const f = document.querySelector("#zoek_veld"); f.value = `+fmt.Sprintf("%q", q)+`;
			  const t0 = performance.now(); return window.lobsiteZoek.run().then(() => performance.now() - t0); })()`, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatal(err)
			}
			n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".zoek-uitkomst li").length`))
			if n == 0 {
				b.Fatalf("%q found nothing", q)
			}
			ms = append(ms, t)
			sizes = append(sizes, float64(loaded.Load()))
		}
		slices.Sort(ms)
		slices.Sort(sizes)
		b.ReportMetric((ms[9]+ms[10])/2, "ms/query")
		b.ReportMetric((sizes[9]+sizes[10])/2, "bytes/query")
		b.ReportMetric(sizes[len(sizes)-1], "maxbytes/query")
	}
}

func fileSize(name string) (int64, error) {
	info, err := os.Stat(name)
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}
