package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// The fixed page shell of the floor: no template, no navigation, no lists.
const (
	floorHead = `<!doctype html><html lang=nl><head><meta charset=utf-8><title>T</title></head><body><main>`
	floorTail = `</main></body></html>`
)

// floor is the baseline build that lobsite is measured against: every
// Markdown file under src/content loses its front matter, is rendered by
// goldmark, wrapped in a fixed HTML shell, minified, and written to
// dest/<dir>/<name>/index.html (an _index.md to dest/<dir>/index.html).
// It does nothing else: no front matter parsing, no link checks, no list
// pages, no templates. Pages stream through a pool of GOMAXPROCS workers; no
// more than a few pages are in memory at once. The error joins every failed
// page and a failed walk.
func floor(src, dest string) error {
	root := filepath.Join(src, "content")
	if _, err := os.Stat(root); err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	paths := make(chan string, 4*workers)
	errs := make([][]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := newFloorRenderer()
			for rel := range paths {
				if err := r.page(root, dest, rel); err != nil {
					errs[w] = append(errs[w], err)
				}
			}
		})
	}
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(p) != ".md" {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		paths <- filepath.ToSlash(rel)
		return nil
	})
	close(paths)
	wg.Wait()
	all := []error{walkErr}
	for _, e := range errs {
		all = append(all, e...)
	}
	return errors.Join(all...)
}

// floorRenderer is one worker's converter and buffers; not safe for
// concurrent use.
type floorRenderer struct {
	md  goldmark.Markdown
	min *minify.M
	doc bytes.Buffer
	out bytes.Buffer
}

func newFloorRenderer() *floorRenderer {
	m := minify.New()
	m.Add("text/html", &html.Minifier{})
	return &floorRenderer{
		md: goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		),
		min: m,
	}
}

// page renders root/rel (rel slash-separated) to its place under dest.
func (r *floorRenderer) page(root, dest, rel string) error {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	r.doc.Reset()
	r.doc.WriteString(floorHead)
	if err := r.md.Convert(stripFrontMatter(src), &r.doc); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	r.doc.WriteString(floorTail)
	r.out.Reset()
	if err := r.min.Minify("text/html", &r.out, &r.doc); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	target := filepath.Join(dest, filepath.FromSlash(outputPath(rel)))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	return os.WriteFile(target, r.out.Bytes(), 0o644)
}

// outputPath maps a slash-separated source path relative to content/ to its
// pretty-URL output path: a/b.md → a/b/index.html, a/_index.md → a/index.html.
func outputPath(rel string) string {
	dir, name := path.Split(rel)
	name = strings.TrimSuffix(name, ".md")
	if name == "_index" {
		return dir + "index.html"
	}
	return dir + name + "/index.html"
}

// stripFrontMatter returns src without the front matter: when the first line
// is "---", everything up to and including the next "---" line is dropped. A
// file without front matter, or with an unclosed one, is returned whole.
func stripFrontMatter(src []byte) []byte {
	line, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || string(bytes.TrimRight(line, "\r")) != "---" {
		return src
	}
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, "\r")) == "---" {
			return after
		}
		rest = after
	}
	return src
}
