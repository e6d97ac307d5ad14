package generator

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"lobsite/generator/serve"
)

// BenchmarkEditToReload measures the live preview's latency: from writing a
// changed exercise to the reload event reaching a connected browser (an
// SSE client here), on generated sites of 1,000 and 10,000 exercises. It
// reports the median and 90th percentile in milliseconds.
//
//	go test -run '^$' -bench EditToReload -benchtime 20x ./generator/
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("opdrachten=%d", n), func(b *testing.B) {
			dir := corpusDir(b, n)
			base, stop := startPreview(b, dir)
			events := sseEvents(b, base)
			page := filepath.Join(dir, "content", "opdrachten", "opdracht-00001.md")
			orig, err := os.ReadFile(page)
			if err != nil {
				b.Fatal(err)
			}
			var lat []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				data := append([]byte(nil), orig...)
				data = append(data, fmt.Sprintf("\nExtra regel %d.\n", i)...)
				start := time.Now()
				if err := os.WriteFile(page, data, 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case <-events:
				case <-time.After(30 * time.Second):
					b.Fatal("no reload event within 30 s")
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "p90-ms")
			if err := stop(); err != nil {
				b.Error(err)
			}
		})
	}
}

// sseEvents connects to the preview's event stream and sends on the
// returned channel for every reload event.
func sseEvents(tb testing.TB, base string) <-chan struct{} {
	tb.Helper()
	resp, err := http.Get(strings.TrimSuffix(base, "/") + serve.EventsPath)
	if err != nil {
		tb.Fatal(err)
	}
	ch := make(chan struct{}, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				ch <- struct{}{}
			}
		}
	}()
	return ch
}
