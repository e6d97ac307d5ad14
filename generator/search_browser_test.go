package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lobsite/generator/search"
)

// newBrowser starts headless Chromium for a test.
func newBrowser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe := ""
	if tt, ok := t.(*testing.T); ok {
		exe = chromium(tt)
	} else if exe = os.Getenv("LOBSITE_CHROMIUM"); exe == "" {
		exe = "chromium"
	}
	if timeout == 0 {
		timeout = time.Hour
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(t.TempDir()), chromedp.Env("TMPDIR="+t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return bctx
}

// focusPages makes the pages of the browser act as the focused window, as
// a page a person uses is: headless Chromium fires no focus events
// otherwise, and zoek.js loads the index when its box gets focus.
func focusPages(t testing.TB, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// focusSearch focuses the search box of the open page and waits until
// zoek.js has loaded the index that the focus starts loading (it fails
// when the focus loaded nothing) and filled the soort filter from it.
func focusSearch(t testing.TB, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus("#zoek_veld")); err != nil {
		t.Fatal(err)
	}
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("script[src$='zoek/index.js']") !== null &&
	  window.lobsiteZoek.ready().then(() => new Promise((ok) => { const t0 = Date.now();
	    (function wait() { document.querySelector("select[name=soort]").options.length > 1 ? ok(true) : Date.now() - t0 > 5000 ? ok(false) : setTimeout(wait, 5); })(); }))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("focusing the search box did not load the index and fill the soort filter")
	}
}

// searchResult is one result as the search box shows it.
type searchResult struct {
	Href, Kind, Title, Heading, Text, Marked string
}

// typeQuery types q into the search box of the open page and returns the
// count it announces and the results shown.
func typeQuery(t *testing.T, ctx context.Context, q string) (string, []searchResult) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector("#zoek_veld").value = "") === ""`)); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Focus("#zoek_veld"),
		chromedp.SendKeys("#zoek_veld", q),
	)
	if err != nil {
		t.Fatalf("type %q: %v", q, err)
	}
	var got struct {
		Count   string
		Results []searchResult
	}
	js := `window.lobsiteZoek.run().then(() => JSON.stringify({count: document.querySelector("#zoek_telling").textContent,
	  results: [...document.querySelectorAll(".zoek-uitkomst a")].map(a => ({href: a.href, kind: a.querySelector(".zoek-soort").textContent,
	    title: a.querySelector(".zoek-titel").textContent, heading: (a.querySelector(".zoek-kop") || {}).textContent || "",
	    text: a.querySelector(".zoek-tekst").textContent, marked: [...a.querySelectorAll("mark")].map(m => m.textContent).join(" ")}))}))`
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if err := json.Unmarshal([]byte(s), &got); err != nil {
		t.Fatal(err)
	}
	return got.Count, got.Results
}

// TestSearchInBrowser builds the bundled handbook and searches it in
// headless Chromium, opened from disk (file://) and under the sub-path
// /lob/ over HTTP: the shared word list through zoek.js's own folding,
// terms and matching; every word of the handbook gets the term the index
// gave it; queries typed into the box find the pages they must (accents,
// case, word forms, prefixes, typos), or nothing; the first results link
// to pages and headings that exist; the index loads when the box first
// gets focus, not with the page; the list shows five results, and ten
// more for each press of its button; the filter by soort and the keyboard
// work.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ctx := newBrowser(t, 4*time.Minute)
	focusPages(t, ctx)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Dest: dest}); err != nil {
		t.Fatalf("build the bundled handbook: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/lob/", http.StripPrefix("/lob/", http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Every word of the handbook's Markdown, for the term check.
	seen := map[string]bool{}
	filepath.WalkDir(filepath.Join("..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			for _, w := range search.Words("nl", string(b)) {
				seen[w] = true
			}
		}
		return nil
	})
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	if len(words) < 1000 {
		t.Fatalf("only %d words in the handbook", len(words))
	}
	list := readWordList(t)

	for _, site := range []struct{ name, base, index string }{
		{"file", "file://" + filepath.ToSlash(dest) + "/", "index.html"},
		{"http /lob/", srv.URL + "/lob/", ""},
	} {
		t.Run(site.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(site.base+"handboek/visie/"+site.index)); err != nil {
				t.Fatal(err)
			}
			// The index is loaded when the box first gets focus.
			if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("script[src$='zoek/index.js']") === null`)); !ok {
				t.Errorf("zoek/index.js is loaded before the search box gets focus")
			}
			focusSearch(t, ctx)

			// The word list and the words of the handbook, through zoek.js.
			in, _ := json.Marshal(map[string]any{"list": list, "words": words})
			var got struct {
				Lines []string
				Terms []string
			}
			evalJSONAwait(t, ctx, `((d) => { const z = window.lobsiteZoek;
			  return z.ready().then(() => JSON.stringify({lines: d.list.map(l => l[0] === "vouw" ? z.fold(l[2]) : String(z.match(l[1], z.words(l[2])[0], z.term(l[1], z.words(l[3])[0]), l[0] === "begin" || l[0] === "niet"))),
			    terms: d.words.map(w => z.term("nl", w))})); })(`+string(in)+`)`, &got)
			want := map[string]int{"vindt": search.Exact, "begin": search.Prefix, "typo": search.Typo, "niet": search.NoMatch}
			for i, l := range list {
				w := fmt.Sprint(want[l[0]])
				if l[0] == "vouw" {
					w = l[3]
				}
				if got.Lines[i] != w {
					t.Errorf("zoek.js on woorden.txt %q: %s, want %s", l, got.Lines[i], w)
				}
			}
			bad := 0
			for i, w := range words {
				if g := search.Term("nl", w); got.Terms[i] != g {
					if bad++; bad <= 10 {
						t.Errorf("zoek.js gives %q the term %q, the index %q", w, got.Terms[i], g)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words get another term in zoek.js", bad, len(words))
			}

			for _, c := range []struct {
				q     string
				first string // URL of the first result, "" for none
				title string // the first result's title holds this
				mark  string // a highlighted word of the first result
			}{
				{"orientatie", "handboek/jaarplanning/", "", "oriëntatie"},
				{"ORIËNTATIE", "handboek/jaarplanning/", "", "oriëntatie"},
				{"stages", "", "tage", "tage"},
				{"bedrijfsbezoeken", "", "Bedrijfsbezoek", "Bedrijfsbezoek"},
				{"werkt", "", "", "werk"},
				{"netw", "", "Netwerk", "Netwerk"},
				{"netwerkn", "", "Netwerk", "Netwerk"},
				{"gastspreker", "", "Gastspreker", "Gastspreker"},
				{"stage netwerk", "", "", ""},
				{"xylofoon", "", "", ""},
				{"qqzz", "", "", ""},
				{"de het een", "", "", ""},
			} {
				count, res := typeQuery(t, ctx, c.q)
				none := c.q == "xylofoon" || c.q == "qqzz" || c.q == "de het een"
				if none {
					if len(res) != 0 || !strings.HasPrefix(count, "Niets gevonden") {
						t.Errorf("%q: %q and %d results, want none", c.q, count, len(res))
					}
					continue
				}
				if len(res) == 0 || !strings.HasSuffix(count, "resultaten") && count != "1 resultaat" {
					t.Errorf("%q: %q and %d results", c.q, count, len(res))
					continue
				}
				r := res[0]
				t.Logf("%q: %s; first %s %q %q", c.q, count, r.Href, r.Title, r.Heading)
				if c.first != "" && !strings.HasPrefix(r.Href, site.base+c.first+site.index) {
					t.Errorf("%q: first result %s, want %s", c.q, r.Href, site.base+c.first+site.index)
				}
				if !strings.Contains(r.Title, c.title) || !strings.Contains(r.Marked, c.mark) || r.Kind == "" || r.Text == "" {
					t.Errorf("%q: first result %+v, want a title with %q, %q marked", c.q, r, c.title, c.mark)
				}
				for _, r := range res[:min(3, len(res))] {
					checkResultLink(t, ctx, site.base, r)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(site.base+"handboek/visie/"+site.index)); err != nil {
					t.Fatal(err)
				}
			}

			// Five results at first; the button adds ten more and moves the
			// focus to the first of them.
			count, res := typeQuery(t, ctx, "stage")
			var total int
			fmt.Sscanf(count, "%d", &total)
			if total <= 15 || len(res) != 5 {
				t.Errorf("stage: %q and %d results shown, want more than 15 and 5 shown", count, len(res))
			}
			var more struct {
				Shown   int
				Focused bool
			}
			evalJSONAwait(t, ctx, `(() => { document.querySelector("[data-meer]").click(); const t0 = Date.now();
			  return new Promise((ok) => (function wait() { const n = document.querySelectorAll(".zoek-uitkomst li").length; n > 5 || Date.now() - t0 > 5000 ? ok(n) : setTimeout(wait, 5); })())
			    .then((n) => JSON.stringify({shown: n, focused: document.activeElement === document.querySelectorAll(".zoek-uitkomst a")[5]})); })()`, &more)
			if more.Shown != 15 || !more.Focused {
				t.Errorf("after the button %d results, focus on the sixth %v; want 15, true", more.Shown, more.Focused)
			}

			// Filter by soort: only exercises.
			typeQuery(t, ctx, "stage")
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("select[name=soort]").value = "opdracht"`)); err != nil {
				t.Fatal(err)
			}
			_, res = typeQuery(t, ctx, "stage")
			if len(res) == 0 {
				t.Errorf("no exercises for stage")
			}
			for _, r := range res {
				if r.Kind != "Opdracht" {
					t.Errorf("filtered on opdracht, a result of soort %q: %s", r.Kind, r.Href)
				}
			}
			chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("select[name=soort]").value = ""`))

			// The count: announced outside the panel, shown in it; a hit
			// in the title links the page itself.
			count, res = typeQuery(t, ctx, "netwerk")
			shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector(".zoek-paneel [data-aantal]"), l = document.querySelector("#zoek_telling");
			  return a.textContent + "|" + (a.getBoundingClientRect().height > 5) + "|" + (l.getBoundingClientRect().height <= 1); })()`))
			if want := count + "|true|true"; shown != want {
				t.Errorf("count in the panel, shown, announced hidden: %q, want %q", shown, want)
			}
			for _, r := range res {
				if strings.Contains(strings.ToLower(r.Title), "netwerk") && (strings.Contains(r.Href, "#") || r.Heading != "") {
					t.Errorf("%q found in the title of %q, but the result links %s under heading %q", "netwerk", r.Title, r.Href, r.Heading)
				}
			}
			// Escape on a result closes the panel; focus that leaves the
			// search closes it; an emptied box opens nothing on Enter.
			panelOpen := func() bool {
				open, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector(".zoek-paneel").hidden`))
				return open
			}
			if err := chromedp.Do(ctx, chromedp.Focus("#zoek_veld"), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
			if panelOpen() {
				t.Errorf("Escape on a result leaves the panel open")
			}
			if err := chromedp.Do(ctx, chromedp.Focus("#zoek_veld"), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
				t.Fatal(err)
			}
			if !panelOpen() {
				t.Errorf("arrow down does not open the panel again")
			}
			if err := chromedp.Do(ctx, chromedp.Focus("footer a")); err != nil {
				t.Fatal(err)
			}
			if panelOpen() {
				t.Errorf("focus on the footer leaves the panel open")
			}
			before, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const f = document.querySelector("#zoek_veld");
			  f.focus(); f.value = ""; return f.dispatchEvent(new Event("input")); })()`)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`)); u != before {
				t.Errorf("Enter in the emptied box opens %s", u)
			}

			// The keyboard: / focuses the box, arrow down the first result,
			// Enter follows it.
			_, res = typeQuery(t, ctx, "netwerk")
			err := chromedp.Do(ctx, chromedp.Focus("main"), chromedp.KeyEvent("/"))
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.id === "zoek_veld"`)); !ok {
				t.Errorf("/ does not focus the search box")
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
				t.Fatal(err)
			}
			if h, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.href || ""`)); h != res[0].Href {
				t.Errorf("after arrow keys the focus is on %q, want the first result %s", h, res[0].Href)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`)); u != res[0].Href {
				t.Errorf("Enter on the first result opens %s, want %s", u, res[0].Href)
			}
		})
	}
}

// checkResultLink opens a result's link: the page is there, and so is the
// heading of its anchor, with the heading text the result shows.
func checkResultLink(t *testing.T, ctx context.Context, base string, r searchResult) {
	t.Helper()
	if !strings.HasPrefix(r.Href, base) {
		t.Errorf("result link %s is not under %s", r.Href, base)
		return
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(r.Href)); err != nil {
		t.Fatalf("open result %s: %v", r.Href, err)
	}
	var got struct{ H1, Head string }
	evalJSON(t, ctx, `JSON.stringify({h1: (document.querySelector("h1") || {}).textContent || "",
	  head: location.hash ? (document.getElementById(decodeURIComponent(location.hash.slice(1))) || {textContent: "MISSING"}).textContent : ""})`, &got)
	if got.H1 == "" || strings.Contains(got.H1, "niet gevonden") {
		t.Errorf("result %s opens a page without its heading: %q", r.Href, got.H1)
	}
	if got.Head != r.Heading {
		t.Errorf("result %s: the anchor's heading is %q, the result shows %q", r.Href, got.Head, r.Heading)
	}
}

// readWordList reads the shared word list generator/search/testdata/woorden.txt
// as [kind, lang, query, word] (lang "" for vouw).
func readWordList(t *testing.T) [][4]string {
	b, err := os.ReadFile(filepath.Join("search", "testdata", "woorden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][4]string
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case len(f) == 3:
			out = append(out, [4]string{f[0], "", f[1], f[2]})
		case len(f) == 4:
			out = append(out, [4]string{f[0], f[1], f[2], f[3]})
		}
	}
	return out
}

// evalJSONAwait evaluates a JavaScript expression whose promise gives JSON
// and decodes it into v.
func evalJSONAwait(t *testing.T, ctx context.Context, js string, v any) {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatal(err)
	}
}
