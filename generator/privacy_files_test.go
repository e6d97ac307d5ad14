package generator

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lobsite/generator/diag"
)

// zipOf returns a zip archive holding files, as an office document is.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "xl/sharedStrings.xml", "docProps/thumbnail.jpeg"} {
		if text, ok := files[name]; ok {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(text))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPrivacyLintStaticFiles checks that the privacy lint reads more than
// Markdown: text-like static files (CSV, TXT, ICS) with line and column,
// the XML text of .docx and .xlsx files, site.yaml and file names; that
// the school's own numbers in toegestane_nummers are allowed; and that
// --strict (Options.Strict) then fails the build.
func TestPrivacyLintStaticFiles(t *testing.T) {
	dir := kleinWith(t, "toegestane_nummers: [\"0575-123456\"]\n# contact: 06-87654321\n", map[string][]byte{
		"content/handboek/klaslijst.csv":      []byte("naam;bsn;mobiel\nLeerling A;123456782;06-12345678\n"),
		"content/handboek/notities.txt":       []byte("Bel school: 0575 12 34 56.\nOuder: ouder＠provider.example\n"),
		"content/handboek/afspraken.ics":      []byte("BEGIN:VCALENDAR\r\nDESCRIPTION:bel 06/11223344\r\nEND:VCALENDAR\r\n"),
		"content/handboek/lijst.docx":         zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:t>BSN</w:t><w:t>123-456-782</w:t></w:document>"}),
		"content/handboek/cijfers.xlsx":       zipOf(t, map[string]string{"xl/sharedStrings.xml": "<sst><si><t>kind@thuis.example</t></si></sst>"}),
		"content/handboek/bel 0612345678.pdf": []byte("%PDF-1.4"),
		"content/handboek/jarigen.txt":        []byte("Klas 1A\nSanne de Vries 14-05-2013\nbel 0 6 1 2 3 4 5 6 7 8\n"),
	})
	_, res, err := buildSiteDir(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := warningHeads(res.Warnings)
	want := []string{
		"content/handboek/afspraken.ics:2:17: waarschuwing: dit lijkt op een telefoonnummer",
		"content/handboek/bel 0612345678.pdf: waarschuwing: de bestandsnaam: dit lijkt op een telefoonnummer",
		"content/handboek/cijfers.xlsx: waarschuwing: in xl/sharedStrings.xml: dit lijkt op een e-mailadres buiten de toegestane domeinen",
		"content/handboek/jarigen.txt:2:1: waarschuwing: dit lijkt op een naam met een geboortedatum",
		"content/handboek/jarigen.txt:3:5: waarschuwing: dit lijkt op een telefoonnummer",
		"content/handboek/klaslijst.csv:2:12: waarschuwing: dit lijkt op een BSN",
		"content/handboek/klaslijst.csv:2:22: waarschuwing: dit lijkt op een telefoonnummer",
		"content/handboek/lijst.docx: waarschuwing: in word/document.xml: dit lijkt op een BSN",
		"content/handboek/notities.txt:2:8: waarschuwing: dit lijkt op een e-mailadres buiten de toegestane domeinen",
		"content/site.yaml:12:12: waarschuwing: dit lijkt op een telefoonnummer",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, _, err = buildSiteDir(t, dir, Options{Strict: true})
	var be *diag.BuildError
	if !errors.As(err, &be) {
		t.Errorf("--strict: %v; want the build to fail", err)
	}
}

// TestPrivacyLintThemeFiles: a site's own theme is published as much as its
// pages, so what looks like pupil data in themes/<thema>/ is a warning at
// its position; an incremental build that keeps the theme reports it
// again.
func TestPrivacyLintThemeFiles(t *testing.T) {
	dir := kleinWith(t, "thema: school\n", map[string][]byte{
		"themes/school/assets/style.css": []byte("body { color: #222; }\n/* beheer: 06-12345678 */\n"),
		"themes/school/LEESMIJ.txt":      []byte("Vragen? Mail naar\njan.ouder@thuis.example\n"),
		"themes/school/assets/logo.png":  []byte("\x89PNG 123456782"),
	})
	want := []string{
		"themes/school/LEESMIJ.txt:2:1: waarschuwing: dit lijkt op een e-mailadres buiten de toegestane domeinen",
		"themes/school/assets/style.css:2:12: waarschuwing: dit lijkt op een telefoonnummer",
	}
	b, err := NewBuilder(Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	for i, changed := range [][]string{nil, {"content/_index.md"}} {
		res, err := b.Build(changed)
		if err != nil {
			t.Fatal(err)
		}
		got := warningHeads(res.Warnings)
		if !slices.Equal(got, want) {
			t.Errorf("build %d: warnings:\n%s\nwant:\n%s", i+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// kleinWith writes the site of testdata/sites/klein.txtar into a fresh
// folder, with settings appended to its site.yaml and files (slash path →
// bytes) added, and returns the folder.
func kleinWith(t *testing.T, settings string, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	site := filepath.Join(dir, "content", "site.yaml")
	old, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	files["content/site.yaml"] = append(old, settings...)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// warningHeads returns each warning as "path:line:col: waarschuwing: "
// and its message up to the first "(" (where the matched text starts),
// sorted.
func warningHeads(ws []*diag.Problem) []string {
	var got []string
	for _, w := range ws {
		msg := w.Msg
		if i := strings.Index(msg, "("); i >= 0 {
			msg = msg[:i]
		}
		got = append(got, strings.TrimSpace(w.Error()[:len(w.Error())-len(w.Msg)]+msg))
	}
	slices.Sort(got)
	return got
}
