package search

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"lobsite/generator/corpus"
	"lobsite/generator/markdown"
)

// BenchmarkExtract reads the rendered bodies of the exercises of a
// 200-exercise corpus (the shape lobsite-bench builds) for the index; its
// MB/s is of body HTML.
func BenchmarkExtract(b *testing.B) {
	files := corpus.Files(200)
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "content/opdrachten/opdracht-") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	md := markdown.New(markdown.Options{})
	var bodies [][]byte
	size := 0
	for _, name := range names {
		src := files[name]
		// Blank out the front matter, as the build hands the renderer.
		if end := bytes.Index(src[3:], []byte("\n---\n")); bytes.HasPrefix(src, []byte("---\n")) && end >= 0 {
			for i := range end + 8 {
				if src[i] != '\n' {
					src[i] = ' '
				}
			}
		}
		res, err := md.Render(src, nil)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, res.HTML)
		size += len(res.HTML)
	}
	if len(bodies) != 200 {
		b.Fatalf("%d exercise bodies, want 200", len(bodies))
	}
	d := Doc{URL: "opdrachten/netwerkkaart/", Title: "Netwerkkaart van de stage", Summary: "Leerlingen tekenen wie ze kennen bij bedrijven.", Kind: "opdracht", Years: []int{2, 3}}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			Extract("nl", d, body)
		}
	}
}
