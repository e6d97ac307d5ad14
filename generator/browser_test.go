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
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeScript finds axe-core for the browser test: $LOBSITE_AXE (the path of
// axe.min.js), else the copy .ci/run installs with npm, else one in
// $HOME/.cache/lobsite-axe. Without it the test is skipped, except in CI.
func axeScript(t *testing.T) []byte {
	var paths []string
	if p := os.Getenv("LOBSITE_AXE"); p != "" {
		paths = append(paths, p)
	}
	paths = append(paths, filepath.Join("..", ".ci", "node_modules", "axe-core", "axe.min.js"))
	if home, err := os.UserHomeDir(); err == nil {
		paths = append(paths, filepath.Join(home, ".cache", "lobsite-axe", "node_modules", "axe-core", "axe.min.js"))
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	msg := "no axe-core found (run `npm install --prefix .ci axe-core`, or set LOBSITE_AXE to axe.min.js)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil
}

// screenshotDir is where the browser test writes its screenshots:
// $LOBSITE_SCREENSHOTS, else lobsite-schermafbeeldingen in the temporary
// folder.
func screenshotDir() string {
	if d := os.Getenv("LOBSITE_SCREENSHOTS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "lobsite-schermafbeeldingen")
}

// axeViolation is what the test reports of one axe-core violation.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// runAxe runs axe-core on the open page for the rules of WCAG 2.1 A and AA.
const runAxe = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
.then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.slice(0, 5).map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\s+/g, " ").slice(0, 160) : ""))}))}))`

// TestHandbookInBrowser builds the bundled handbook and opens every page
// in headless Chromium at 1280 and 320 pixels wide, in the light and the
// dark colour scheme: no page may scroll sideways, and axe-core must find
// no violation of WCAG 2.1 A or AA. At 320 pixels the menu button must open
// and close with the keyboard, with and without JavaScript. It writes
// screenshots of six pages at both widths, and of the open menu, to
// screenshotDir.
func TestHandbookInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := chromium(t)
	axe := axeScript(t)

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Dest: dest}); err != nil {
		t.Fatalf("build the bundled handbook: %v", err)
	}
	var pages []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dest+string(filepath.Separator)))
		pages = append(pages, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	if len(pages) < 100 {
		t.Fatalf("only %d pages in the bundled handbook", len(pages))
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR="+t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	// The browser runs once in bctx; each width gets a tab of its own, and
	// the two run side by side.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	shots := map[string]bool{"": true, "opdrachten/netwerkkaart/": true, "kalender/": true, "handboek/gesprekscyclus/": true, "opdrachten/": true, "competenties/": true}
	shotDir := screenshotDir()
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Run("pages", func(t *testing.T) {
		for _, width := range []int64{1280, 320} {
			t.Run(fmt.Sprint(width), func(t *testing.T) {
				t.Parallel()
				tab, cancel := chromedp.NewContext(bctx)
				defer cancel()
				// axe-core comes with every page, before the page's own scripts.
				if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(axe)}); err != nil {
					t.Fatalf("open a tab: %v", err)
				}
				for _, scheme := range []string{"light", "dark"} {
					err := chromedp.Do(tab,
						chromedp.EmulateViewport(width, 900),
						chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
							_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
								Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
							})
							return err
						}),
					)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range pages {
						where := fmt.Sprintf("/%s at %d px, %s", p, width, scheme)
						checkPage(t, tab, srv.URL+"/"+p, where, width, scheme)
						if shots[p] && scheme == "light" || p == "" && scheme == "dark" {
							name := strings.NewReplacer("/", "-").Replace(strings.TrimSuffix(p, "/"))
							if name == "" {
								name = "home"
							}
							png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
							if err != nil {
								t.Fatalf("screenshot of %s: %v", where, err)
							}
							file := filepath.Join(shotDir, fmt.Sprintf("%s-%d-%s.png", name, width, scheme))
							if err := os.WriteFile(file, png, 0o644); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
			})
		}
	})
	t.Logf("%d pages checked at 1280 and 320 px, light and dark; screenshots in %s", len(pages), shotDir)

	checkMenuKeyboard(t, bctx, srv.URL+"/handboek/visie/", true)
	checkThemeToggle(t, bctx, srv.URL+"/handboek/visie/")
	checkFilter(t, bctx, srv.URL+"/opdrachten/")
	checkUpcoming(t, bctx, srv.URL+"/", true)
	if _, err := chromedp.Call(bctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	checkMenuKeyboard(t, bctx, srv.URL+"/opdrachten/", false)
	checkUpcoming(t, bctx, srv.URL+"/", false)
}

// evalJSON evaluates a JavaScript expression that returns JSON and decodes
// it into v.
func evalJSON(t *testing.T, ctx context.Context, js string, v any) {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
}

// checkFilter chooses a competency, then also a leerjaar, in the filter of
// the exercise list: exactly the cards of exercises with those are shown,
// and the count says so.
func checkFilter(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	choose := `((name, value) => { const s = document.querySelector("form[data-filter] select[name=" + name + "]");
	  s.value = value; s.dispatchEvent(new Event("change", {bubbles: true}));
	  const cards = [...document.querySelectorAll(".kaart[data-werkvorm]")];
	  return JSON.stringify({form: !document.querySelector("form[data-filter]").hidden, all: cards.length,
	    shown: cards.filter(c => !c.hidden).map(c => c.dataset.competenties + "|" + c.dataset.leerjaren),
	    count: document.querySelector("[data-telling]").textContent}); })`
	var got struct {
		Form  bool
		All   int
		Shown []string
		Count string
	}
	for _, step := range []struct{ name, value string }{{"competenties", "netwerken"}, {"leerjaren", "4"}} {
		evalJSON(t, ctx, choose+`("`+step.name+`", "`+step.value+`")`, &got)
		if !got.Form || got.All < 20 {
			t.Fatalf("filter on %s: form shown %v, %d cards", url, got.Form, got.All)
		}
		if len(got.Shown) == 0 || len(got.Shown) == got.All {
			t.Errorf("filter %s=%s shows %d of %d cards", step.name, step.value, len(got.Shown), got.All)
		}
		for _, c := range got.Shown {
			comps, years, _ := strings.Cut(c, "|")
			if !slices.Contains(strings.Fields(comps), "netwerken") || step.name == "leerjaren" && !slices.Contains(strings.Fields(years), "4") {
				t.Errorf("filter %s=%s shows a card with %s", step.name, step.value, c)
			}
		}
		if want := fmt.Sprintf("%d van %d opdrachten", len(got.Shown), got.All); got.Count != want {
			t.Errorf("filter %s=%s says %q, want %q", step.name, step.value, got.Count, want)
		}
	}
}

// checkUpcoming opens the home page: with JavaScript it shows the first
// three activities that have not ended by the browser's today, without it
// none, and the link to the calendar either way.
func checkUpcoming(t *testing.T, ctx context.Context, url string, script bool) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Shown, Due []string
		Link       bool
	}
	evalJSON(t, ctx, `(() => { const d = new Date(), today = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
	  const items = [...document.querySelectorAll("[data-binnenkort] li")];
	  return JSON.stringify({shown: items.filter(li => li.checkVisibility()).map(li => li.dataset.tot),
	    due: items.filter(li => li.dataset.tot >= today).slice(0, 3).map(li => li.dataset.tot),
	    link: [...document.querySelectorAll(".binnenkort a")].some(a => a.getAttribute("href") === "kalender/" && a.checkVisibility())}); })()`, &got)
	want := got.Due
	if !script {
		want = nil
	}
	if strings.Join(got.Shown, " ") != strings.Join(want, " ") || !got.Link {
		t.Errorf("home page (script %v): activities shown until %v, want %v; link to the calendar %v", script, got.Shown, want, got.Link)
	}
}

// checkPage opens url and checks that it does not scroll sideways, that
// axe-core finds no WCAG 2.1 A/AA violations, and that the colour scheme
// asked for is the one shown.
func checkPage(t *testing.T, ctx context.Context, url, where string, width int64, scheme string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", where, err)
	}
	var m struct {
		Scroll, Inner int
		Background    string
		Wide          []string
		Current       []string
		MenuRows      int
	}
	js := `(() => {
	  const w = window.innerWidth, wide = [];
	  for (const el of document.body.querySelectorAll("*")) {
	    const r = el.getBoundingClientRect();
	    if (r.right > w + 0.5 && getComputedStyle(el).position !== "absolute" && !el.closest(".tabel")) wide.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + Math.round(r.right));
	  }
	  return JSON.stringify({Scroll: document.documentElement.scrollWidth, Inner: w,
	    Background: getComputedStyle(document.body).backgroundColor, Wide: wide.slice(0, 5),
	    MenuRows: new Set([...document.querySelectorAll(".menu-breed li")].filter(li => li.checkVisibility()).map(li => Math.round(li.getBoundingClientRect().top))).size,
	    Current: [...document.querySelectorAll("a[aria-current]")].filter(a => a.href !== location.href).map(a => a.getAttribute("href"))});
	})()`
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("measure %s: %v", where, err)
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	if m.Inner != int(width) {
		t.Fatalf("%s: window is %d px wide", where, m.Inner)
	}
	if m.Scroll > m.Inner {
		t.Errorf("%s: page scrolls sideways (%d px wide; too wide: %s)", where, m.Scroll, strings.Join(m.Wide, ", "))
	}
	if width >= 1280 && m.MenuRows != 1 {
		t.Errorf("%s: the menu takes %d rows, want 1", where, m.MenuRows)
	}
	if len(m.Current) > 0 {
		t.Errorf("%s: aria-current on links to other pages: %s", where, strings.Join(m.Current, ", "))
	}
	if dark := m.Background == "rgb(17, 22, 29)"; dark != (scheme == "dark") {
		t.Errorf("%s: background %s, not the %s scheme", where, m.Background, scheme)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe-core on %s: %v", where, err)
	}
	var res struct {
		Passes     int
		Violations []axeViolation
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("axe-core on %s: %v", where, err)
	}
	if res.Passes == 0 {
		t.Fatalf("axe-core on %s checked nothing", where)
	}
	for _, v := range res.Violations {
		t.Errorf("%s: axe %s (%s): %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "\n\t"))
	}
}

// checkMenuKeyboard opens url at 320 px and works the menu button with the
// keyboard: Enter opens it and Tab reaches its first link, Enter on the
// button closes it, Space opens it again, and (with JavaScript) Escape
// closes it and leaves the focus on the button.
func checkMenuKeyboard(t *testing.T, ctx context.Context, url string, script bool) {
	t.Helper()
	where := url + " at 320 px"
	if !script {
		where += " without JavaScript"
	}
	state := `JSON.stringify({open: document.querySelector(".menu-smal").open,
	  shown: document.querySelector(".menu-smal .menu a").checkVisibility(),
	  focus: document.activeElement.tagName.toLowerCase() + (document.activeElement.closest(".menu-smal .menu") ? " in menu" : "")})`
	want := func(step, wantState string) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](state))
		if err != nil {
			t.Fatalf("%s: %s: %v", where, step, err)
		}
		if got != wantState {
			t.Errorf("%s: after %s the menu is %s, want %s", where, step, got, wantState)
		}
	}
	err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 700), chromedp.Navigate(url))
	if err != nil {
		t.Fatalf("open %s: %v", where, err)
	}
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector(".menu-breed")).display === "none"`)); err != nil || !wide {
		t.Errorf("%s: the wide menu shows at 320 px (%v)", where, err)
	}
	// Tab from the top of the page to the menu button, as a keyboard user does.
	for i := 0; i < 6; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.matches(".menu-smal summary")`)); ok {
			break
		}
	}
	want("tabbing to the button", `{"open":false,"shown":false,"focus":"summary"}`)
	key := func(step, k, wantState string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
		want(step, wantState)
	}
	key("Enter", kb.Enter, `{"open":true,"shown":true,"focus":"summary"}`)
	if script {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(screenshotDir(), "menu-open-320-light.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	key("Tab", kb.Tab, `{"open":true,"shown":true,"focus":"a in menu"}`)
	if err := chromedp.Do(ctx, chromedp.Focus(".menu-smal summary")); err != nil {
		t.Fatal(err)
	}
	key("Enter on the open button", kb.Enter, `{"open":false,"shown":false,"focus":"summary"}`)
	key("Space", " ", `{"open":true,"shown":true,"focus":"summary"}`)
	if script {
		key("Tab", kb.Tab, `{"open":true,"shown":true,"focus":"a in menu"}`)
		key("Escape", kb.Escape, `{"open":false,"shown":false,"focus":"summary"}`)
	}
}

// checkThemeToggle presses the dark-mode button and reloads: the page
// stays dark, and the button says it is pressed; printed, it is light.
func checkThemeToggle(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url), chromedp.Click(".thema-knop"), chromedp.Reload())
	if err != nil {
		t.Fatalf("toggle on %s: %v", url, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dataset.thema + " " + document.querySelector(".thema-knop").getAttribute("aria-pressed") + " " + getComputedStyle(document.body).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "donker true rgb(17, 22, 29)" {
		t.Errorf("after the dark-mode button and a reload: %s, want donker true rgb(17, 22, 29)", got)
	}
	// Printed, the page is light whatever the screen shows.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media: "print", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor + " " + getComputedStyle(document.body).color`))
	if err != nil {
		t.Fatal(err)
	}
	if printed != "rgb(255, 255, 255) rgb(0, 0, 0)" {
		t.Errorf("printed in dark mode, the page has background and text %s, want white and black", printed)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".thema-knop")); err != nil {
		t.Fatal(err)
	}
}
