package generator

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkLayout times the theme's layout of one exercise page (frame,
// facts, related activities) with a small body: the per-page template cost
// that a full build pays thousands of times.
func BenchmarkLayout(b *testing.B) {
	dir := corpusDir(b, 200)
	bl, err := NewBuilder(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		b.Fatal(err)
	}
	r := bl.newRun(context.Background(), true)
	if _, err := r.build(nil); err != nil {
		b.Fatal(err)
	}
	p := r.site.ByPath["content/opdrachten/opdracht-00007.md"]
	if p == nil || p.Exercise == nil {
		b.Fatal("exercise 7 is not in the corpus")
	}
	var out bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		v := r.newView(p, "<p>body</p>")
		if err := r.theme.Execute(&out, "opdracht", v); err != nil {
			b.Fatal(err)
		}
	}
}
