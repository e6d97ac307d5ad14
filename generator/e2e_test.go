package generator

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser for the end-to-end test: $LOBSITE_CHROMIUM, or
// chromium on the PATH. CI sets LOBSITE_CHROMIUM, so there a missing browser
// fails the test instead of skipping it.
func chromium(t *testing.T) string {
	if p := os.Getenv("LOBSITE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (install Debian's chromium, or set LOBSITE_CHROMIUM)")
	return ""
}

// TestPreviewInBrowser opens a page of the live preview in headless
// Chromium, edits its Markdown and sees the new text appear without a manual
// reload; breaks the front matter and sees the error page; fixes it and sees
// the page again.
func TestPreviewInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := chromium(t)
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	page := filepath.Join(dir, "content", "opdrachten", "netwerkkaart.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}

	base, stop := startPreview(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
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
		// Chromium keeps a singleton folder in the temporary folder and,
		// stopped by the test, leaves it behind: give it the test's own.
		chromedp.Env("TMPDIR="+t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	url := base + "opdrachten/netwerkkaart/"
	if _, err := chromedp.Run(bctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	h1, err := chromedp.Run(bctx, chromedp.Text("h1"))
	if err != nil {
		t.Fatalf("read h1: %v", err)
	}
	if h1 != "Netwerkkaart" {
		t.Fatalf("h1 = %q, want Netwerkkaart", h1)
	}
	// No need to wait for the page's event stream: a tab that connects
	// after a rebuild is told the new site version and reloads.
	edited := strings.Replace(string(orig), "Je weet wie je kunt vragen.", "Je weet nu precies wie je kunt vragen.", 1)
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `document.body.innerText.includes("Je weet nu precies wie je kunt vragen.")`)

	broken := strings.Replace(edited, "competenties: [netwerken]", "competenties: [netwerken", 1)
	if err := os.WriteFile(page, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `document.body.innerText.includes("De site kon niet worden gebouwd") && document.body.innerText.includes("content/opdrachten/netwerkkaart.md:")`)

	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `document.querySelector("h1") && document.querySelector("h1").innerText === "Netwerkkaart" && document.body.innerText.includes("Je weet nu precies")`)

	if err := stop(); err != nil {
		t.Errorf("Preview: %v", err)
	}
}

// waitFor polls a JavaScript condition in the page until it is true. The
// page reloads under it, so evaluation errors while it loads are retried.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 500) : ""`))
	t.Fatalf("timed out waiting for %s; page shows:\n%s", cond, text)
}
