package generator

import (
	"fmt"
	"path/filepath"
	"testing"

	"lobsite/generator/corpus"
)

// benchSizes are the numbers of exercises of the sites the benchmarks
// build, the sizes of issue 5's targets.
var benchSizes = []int{1000, 10000}

// corpusDir writes a generated site of n exercises into a fresh folder.
func corpusDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Write(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkBuild measures a full build (load, cross-link, render, minify,
// write, swap) of generated sites. For the comparison with the goldmark
// floor, CPU time and peak memory as separate processes, use
// go run ./cmd/lobsite-bench.
//
//	go test -run '^$' -bench 'Build/' -benchtime 3x ./generator/
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("opdrachten=%d", n), func(b *testing.B) {
			dir := corpusDir(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// A fresh destination each time: replacing the previous tree
				// would add its removal to the measured time.
				if _, err := Build(Options{Source: dir, Dest: filepath.Join(dir, fmt.Sprintf("public-%d", i))}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/opdracht")
		})
	}
}
