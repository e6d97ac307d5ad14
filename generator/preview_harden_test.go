package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lobsite/generator/diag"
	"lobsite/generator/serve"
)

// TestPreviewRefusesDest checks that the preview refuses the destinations
// build refuses (a folder lobsite did not make, a folder in content/)
// with a setup error before it listens, and serves nothing of them.
func TestPreviewRefusesDest(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	notOurs := t.TempDir()
	if err := os.WriteFile(filepath.Join(notOurs, "geheim.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{notOurs, filepath.Join(dir, "content", "voorbeeld")} {
		listened := false
		err := Preview(context.Background(), PreviewOptions{
			Options: Options{Source: dir, Dest: dest},
			Addr:    "127.0.0.1:0",
			Ready:   func(string) { listened = true },
		})
		var se *SetupError
		if !errors.As(err, &se) || listened {
			t.Errorf("--dest %s: %v (listened: %v); want a setup error before listening", dest, err, listened)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "voorbeeld")); err == nil {
		t.Error("the preview made a folder in content/")
	}
}

// TestErrorPageBounded checks that the preview's error page stays small
// however many problems a build has and however long their lines are: 300
// broken links on one line of 100 KB, and 300 on lines of their own. It
// shows at most serve.MaxShown problems, says how many more there are, and
// shows each source line as a window around the column.
func TestErrorPageBounded(t *testing.T) {
	for _, oneLine := range []bool{true, false} {
		dir := t.TempDir()
		writeSite(t, "testdata/sites/klein.txtar", dir)
		var body strings.Builder
		body.WriteString("---\ntitel: Veel fouten\n---\n")
		for i := range 300 {
			fmt.Fprintf(&body, "%s [link](bestaat-niet-%d.md) ", strings.Repeat("tekst ", 50), i)
			if !oneLine {
				body.WriteString("\n\n")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "handboek", "fouten.md"), []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		base, _ := startPreview(t, dir)
		resp, err := http.Get(base)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("status %d; want the error page", resp.StatusCode)
		}
		if n := strings.Count(string(page), "<li>"); n != serve.MaxShown {
			t.Errorf("one line %v: %d problems shown; want %d", oneLine, n, serve.MaxShown)
		}
		if want := fmt.Sprintf("en nog %d fouten", 300-serve.MaxShown); !strings.Contains(string(page), want) {
			t.Errorf("one line %v: the page does not say %q", oneLine, want)
		}
		for _, l := range strings.Split(string(page), "\n") {
			if _, text, ok := strings.Cut(l, " | "); ok && len([]rune(text)) > diag.ExcerptWidth+2 {
				t.Errorf("one line %v: excerpt line of %d characters", oneLine, len([]rune(text)))
				break
			}
		}
		if len(page) > 60<<10 {
			t.Errorf("one line %v: error page of %d bytes; want under 60 KB", oneLine, len(page))
		}
	}
}

// TestPreviewTimeouts checks the preview server's limits from outside: an
// idle keep-alive connection is closed after Limits.Idle, a connection that
// sends no request after Limits.ReadHeader, and the event stream outlives
// the write timeout and still delivers a reload.
func TestPreviewTimeouts(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Preview(ctx, PreviewOptions{Options: Options{Source: dir}, Addr: "127.0.0.1:0",
			Limits: serve.Limits{Idle: 300 * time.Millisecond, ReadHeader: 300 * time.Millisecond, Write: 300 * time.Millisecond},
			Ready:  func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	for _, request := range []string{"GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", "", "GET / HTTP/1.1\r\n"} {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		io.WriteString(c, request)
		_, err = io.Copy(io.Discard, c) // returns when the server closes
		c.Close()
		if err != nil {
			t.Errorf("request %q: the server kept the connection open: %v", request, err)
		}
	}
	events := sseEvents(t, base)
	time.Sleep(time.Second) // over three write timeouts
	if err := os.WriteFile(filepath.Join(dir, "content", "handboek", "nieuw.md"), []byte("---\ntitel: Nieuw\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-events:
	case <-time.After(20 * time.Second):
		t.Error("no reload on the event stream after the write timeout")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Preview: %v", err)
	}
}

// TestPreviewSurvivesFoldersRemoved checks that the preview recovers when
// content/ or themes/ is removed while it runs and put back: the pages and
// the theme come back, and later saves show.
func TestPreviewSurvivesFoldersRemoved(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	base, stop := startPreview(t, dir)
	events := sseEvents(t, base)
	get := func(p string) (int, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body)
	}
	// until waits, reload by reload, for path to answer with text.
	until := func(p, text string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			if code, body := get(p); code == http.StatusOK && strings.Contains(body, text) {
				return
			}
			select {
			case <-events:
			case <-time.After(time.Second):
			case <-deadline:
				t.Fatalf("%s does not show %q within 20 s", p, text)
			}
		}
	}
	visie := filepath.Join(dir, "content", "handboek", "visie.md")
	for round, word := range []string{"Terug", "Nogmaals"} {
		if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
			t.Fatal(err)
		}
		deadline := time.After(20 * time.Second)
		for code, _ := get(""); code != http.StatusInternalServerError; code, _ = get("") {
			select {
			case <-events:
			case <-time.After(time.Second):
			case <-deadline:
				t.Fatalf("round %d: no error page after content/ was removed", round)
			}
		}
		writeSite(t, "testdata/sites/klein.txtar", dir)
		until("handboek/visie/", "Onze visie")
		if err := os.WriteFile(visie, []byte("---\ntitel: "+word+"\n---\n## Waarom LOB\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		until("handboek/visie/", word)
	}
	css := filepath.Join(dir, "themes", "default", "assets", "style.css")
	for _, color := range []string{"rebeccapurple", "teal"} {
		if err := os.RemoveAll(filepath.Join(dir, "themes")); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(css, []byte("body { color: "+color+" }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		until("style.css", color)
	}
	if err := stop(); err != nil {
		t.Errorf("Preview: %v", err)
	}
}
