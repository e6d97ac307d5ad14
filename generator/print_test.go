package generator

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"lobsite/generator/content"
	"lobsite/generator/disk"
)

// poppler returns the paths of pdfinfo and pdftotext (Debian's
// poppler-utils), or skips the test without them (fails it in CI).
func poppler(t *testing.T) (info, text string) {
	t.Helper()
	info, err1 := exec.LookPath("pdfinfo")
	text, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		msg := "no pdfinfo or pdftotext found (install Debian's poppler-utils)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return info, text
}

// pdf is a PDF printed by the browser, read back with poppler.
type pdf struct {
	t          *testing.T
	path, text string // the file; pdftotext's path
	pages      int
	w, h       float64 // the page size of page 1, in points
}

var pageSizeRE = regexp.MustCompile(`Page size:\s+([0-9.]+) x ([0-9.]+) pts`)

func readPDF(t *testing.T, info, text, path string) *pdf {
	t.Helper()
	out, err := exec.Command(info, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	p := &pdf{t: t, path: path, text: text}
	for _, l := range strings.Split(string(out), "\n") {
		if n, ok := strings.CutPrefix(l, "Pages:"); ok {
			p.pages, _ = strconv.Atoi(strings.TrimSpace(n))
		}
	}
	m := pageSizeRE.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo %s gives no page size:\n%s", path, out)
	}
	p.w, _ = strconv.ParseFloat(m[1], 64)
	p.h, _ = strconv.ParseFloat(m[2], 64)
	return p
}

// Text returns the text of pages from to last (1-based, inclusive), or of
// every page when from is 0.
func (p *pdf) Text(from, last int) string {
	args := []string{}
	if from > 0 {
		args = append(args, "-f", strconv.Itoa(from), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command(p.text, append(args, p.path, "-")...).Output()
	if err != nil {
		p.t.Fatalf("pdftotext %s: %v", p.path, err)
	}
	return string(out)
}

// checkA4 fails unless the page is A4 portrait, 595.28 x 841.89 points
// (Chromium rounds to whole device pixels: within a point).
func (p *pdf) checkA4(name string) {
	if abs(p.w-595.28) > 1 || abs(p.h-841.89) > 1 {
		p.t.Errorf("%s: page size %.2f x %.2f pts, want A4 595.28 x 841.89", name, p.w, p.h)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// flat joins the words of s with single spaces, so phrases can be found
// across the line breaks of pdftotext.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPrintToPDF builds the bundled handbook and prints, in headless
// Chromium (Page.printToPDF, the browser's own "print to PDF", with the
// page's @page size), every worksheet, the bundle of leerjaar 2 and the
// handbook in print, and reads the PDFs back with poppler-utils: A4
// pages; a worksheet has its title, the Naam/Klas/Datum line and the
// pupil's sections, none of the teacher's, of the menu or of the footer,
// on one page; each worksheet of the bundle starts a page of its own,
// one page each; the handbook has its contents, every chapter, and its
// links print their target. One worksheet is also printed with
// JavaScript off. The PDFs and PNGs of them (with pdftoppm, if there)
// go to screenshotDir.
func TestPrintToPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := chromium(t)
	info, text := poppler(t)

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Dest: dest}); err != nil {
		t.Fatalf("build the bundled handbook: %v", err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	outDir := filepath.Join(screenshotDir(), "pdf")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR="+t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	print := func(url, name string, js bool) *pdf {
		t.Helper()
		tab, cancel := chromedp.NewContext(bctx)
		defer cancel()
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"+url)); err != nil {
			t.Fatalf("open %s: %v", url, err)
		}
		css := true
		res, err := chromedp.Call(tab, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &css})
		buf := res.Data
		if err != nil {
			t.Fatalf("print %s: %v", url, err)
		}
		path := filepath.Join(outDir, name+".pdf")
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		return readPDF(t, info, text, path)
	}

	// Every worksheet: one A4 page each, title and pupil part only.
	site := loadTestSite(t)
	var sheets int
	for _, e := range site.Exercises {
		if !e.Exercise.HasSheet() {
			continue
		}
		sheets++
		p := print(e.URL+"werkblad/", "werkblad-"+e.ID, true)
		p.checkA4(e.ID)
		if p.pages != 1 {
			t.Errorf("worksheet %s: %d pages, want 1 (every bundled worksheet fits one A4)", e.ID, p.pages)
		}
		got := p.Text(0, 0)
		lines := map[string]bool{}
		for _, l := range strings.Split(got, "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		if !strings.Contains(flat(got), flat(e.Title)) {
			t.Errorf("worksheet %s: its title is not in its PDF:\n%s", e.ID, got)
		}
		for _, want := range []string{"Zo werk je", "Werkblad"} {
			if !lines[want] {
				t.Errorf("worksheet %s: no line %q in its PDF:\n%s", e.ID, want, got)
			}
		}
		for _, want := range []string{"Naam:", "Klas:", "Datum:"} {
			if !strings.Contains(got, want) {
				t.Errorf("worksheet %s: no %q in its PDF", e.ID, want)
			}
		}
		// The teacher's sections, the menu, breadcrumbs and footer: not
		// one of their headings or texts.
		for _, not := range []string{"Doel", "Voorbereiding", "Nabespreken", "Hoofdmenu", "Kalender", "Sectoren", "Gesprekken", "Naar de inhoud", "Terug naar de opdracht", "Schooljaar 2026-2027", "Praktijkschool De Wissel"} {
			if lines[not] || (len(not) > 12 && strings.Contains(got, not)) {
				t.Errorf("worksheet %s: %q is in its PDF", e.ID, not)
			}
		}
	}
	if sheets < 30 {
		t.Errorf("%d worksheets in the bundled handbook, want every exercise's (31 or more)", sheets)
	}

	// The teacher's text of one exercise, word for word.
	p := print("opdrachten/netwerkkaart/werkblad/", "werkblad-zonder-js", false)
	p.checkA4("werkblad zonder JavaScript")
	got := flat(p.Text(0, 0))
	for _, want := range []string{"Mijn netwerkkaart", "Schrijf ik in het midden.", "Teken je drie cirkels op de achterkant van dit blad.", "Wat ga ik aan die persoon vragen?"} {
		if !strings.Contains(got, want) {
			t.Errorf("netwerkkaart without JavaScript: no %q in:\n%s", want, got)
		}
	}
	for _, not := range []string{"Leerlingen kennen meer mensen dan ze denken", "Afspraak: schrijf geen achternamen", "Herhaal de kaart elk jaar", "stiften in drie kleuren", "Leerjaren", "werkvorm"} {
		if strings.Contains(got, not) {
			t.Errorf("netwerkkaart without JavaScript: the teacher's %q is in its worksheet", not)
		}
	}

	// The bundle of leerjaar 2: every worksheet of the year, one page
	// each (none needs more), each starting a page, in order.
	var year []string
	for _, e := range bundleOrder(site, 2) {
		year = append(year, e.Title)
	}
	b := print("werkbladen/leerjaar-2/", "werkbladen-leerjaar-2", true)
	b.checkA4("werkbladen leerjaar 2")
	if b.pages != len(year) {
		t.Errorf("bundle of leerjaar 2: %d pages for %d worksheets, want one page each", b.pages, len(year))
	}
	for i, title := range year {
		if i >= b.pages {
			break
		}
		page := strings.Fields(b.Text(i+1, i+1))
		head := strings.Join(page[:min(len(page), 12)], " ")
		if !strings.HasPrefix(head, "WERKBLAD "+flat(title)) {
			t.Errorf("bundle of leerjaar 2, page %d starts with %q, want the worksheet %q", i+1, head, title)
		}
	}

	// The handbook on paper.
	h := print("afdrukken/", "afdrukken", true)
	h.checkA4("afdrukken")
	all := flat(h.Text(0, 0))
	toc := flat(h.Text(1, 2))
	if !strings.Contains(toc, "Inhoudsopgave") {
		t.Errorf("handbook in print: no contents on its first pages:\n%s", toc)
	}
	var parts int
	for _, p := range site.Pages {
		if p.Section == "handboek" || p.Model != nil || p.Competency != nil || p.Question != nil {
			parts++
			if !strings.Contains(toc, flat(p.Title)) || strings.Count(all, flat(p.Title)) < 2 {
				t.Errorf("handbook in print: %q not in the contents and the text", p.Title)
			}
		}
	}
	if h.pages < parts {
		t.Errorf("handbook in print: %d pages for %d parts, each starting a page", h.pages, parts)
	}
	// basis_url is set: links print their absolute address.
	if want := "(https://intranet.dewissel.example.nl/lob/handboek/visie/)"; !strings.Contains(strings.ReplaceAll(all, " ", ""), want) {
		t.Errorf("handbook in print: no link printed as %s", want)
	}
	for _, not := range []string{"Hoofdmenu", "Naar de inhoud"} {
		if strings.Contains(all, not) {
			t.Errorf("handbook in print: %q is in it", not)
		}
	}
	if pngs, err := exec.LookPath("pdftoppm"); err == nil {
		for _, name := range []string{"werkblad-netwerkkaart", "werkbladen-leerjaar-2", "afdrukken"} {
			_ = exec.Command(pngs, "-png", "-r", "50", "-l", "4", filepath.Join(outDir, name+".pdf"), filepath.Join(outDir, name)).Run()
		}
	}
	t.Logf("%d worksheets, a bundle of %d and the handbook (%d pages) printed; PDFs in %s", sheets, len(year), h.pages, outDir)
}

// loadTestSite loads the bundled handbook's content.
func loadTestSite(t *testing.T) *content.Site {
	t.Helper()
	site, probs := content.NewLoader(disk.FS{Dir: ".."}, content.Options{}).Load(nil)
	if site == nil || len(probs.Errors()) > 0 {
		t.Fatalf("load the bundled handbook: %v", probs.Errors())
	}
	return site
}

// bundleOrder returns the exercises with a worksheet of leerjaar y in the
// order of a bundle, worked out here apart from the generator: by the
// lowest nummer of their competencies, then volgorde, then title.
func bundleOrder(site *content.Site, y int) []*content.Page {
	var out []*content.Page
	for _, e := range site.Exercises {
		if e.Exercise.HasSheet() && slices.Contains(e.Exercise.Years, y) {
			out = append(out, e)
		}
	}
	first := func(e *content.Page) int {
		n := 99
		for _, r := range e.Exercise.Competencies {
			for _, c := range site.Competencies {
				if c.ID == r.ID {
					n = min(n, c.Competency.Number)
				}
			}
		}
		return n
	}
	slices.SortStableFunc(out, func(a, b *content.Page) int {
		return cmp.Or(cmp.Compare(first(a), first(b)), cmp.Compare(a.Order, b.Order), strings.Compare(a.Title, b.Title))
	})
	return out
}
