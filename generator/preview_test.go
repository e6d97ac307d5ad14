package generator

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// startPreview runs Preview on the site folder dir on a free loopback port
// and returns its URL and a function that stops it and reports its error.
func startPreview(tb testing.TB, dir string) (base string, stop func() error) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Preview(ctx, PreviewOptions{Options: Options{Source: dir}, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }})
	}()
	select {
	case base = <-ready:
	case err := <-done:
		cancel()
		tb.Fatal(err)
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			err = <-done
		})
		return err
	}
	tb.Cleanup(func() { stop() }) // also when the test fails half-way
	return base, stop
}

func TestHostCheck(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	loopback := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	tests := []struct {
		addr *net.TCPAddr
		host string
		want int
	}{
		{loopback, "127.0.0.1:1313", http.StatusNoContent},
		{loopback, "localhost:1313", http.StatusNoContent},
		{loopback, "LOCALHOST", http.StatusNoContent},
		{loopback, "[::1]:1313", http.StatusNoContent},
		{loopback, "evil.example.com", http.StatusForbidden},
		{loopback, "127.0.0.1.evil.example.com:1313", http.StatusForbidden},
		{&net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 80}, "192.0.2.7", http.StatusNoContent},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "anything.example.org", http.StatusNoContent},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		hostCheck(tt.addr, ok).ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("listening on %v, Host %q: status %d, want %d", tt.addr, tt.host, w.Code, tt.want)
		}
	}
}

// TestPreviewSeesThemesFolderCreatedLater starts the preview on a site
// without themes/ (the built-in theme needs none), then creates a theme
// override: the preview must pick it up and reload.
func TestPreviewSeesThemesFolderCreatedLater(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	base, stop := startPreview(t, dir)
	events := sseEvents(t, base)
	css := filepath.Join(dir, "themes", "default", "assets", "style.css")
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, []byte("body { color: rebeccapurple }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case <-events:
		case <-deadline:
			t.Fatal("the new theme file was not picked up within 20 s")
		}
		resp, err := http.Get(base + "style.css")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "rebeccapurple") {
			break
		}
	}
	if err := stop(); err != nil {
		t.Errorf("Preview: %v", err)
	}
}
