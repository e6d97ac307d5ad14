package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// patience limits how long a test waits for something that should happen;
// it is never a measured duration.
const patience = 20 * time.Second

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// site writes a small built site into a new folder and returns the folder
// (inside a parent that also holds a file "geheim.txt").
func site(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	writeFile(t, filepath.Join(parent, "geheim.txt"), "GEHEIM")
	root := filepath.Join(parent, "public")
	files := map[string]string{
		"index.html":                         "<!doctype html><html><body><h1>Start</h1></body></html>",
		"opdrachten/index.html":              "<!doctype html><title>Opdrachten</title><p>lijst",
		"opdrachten/netwerkkaart/index.html": "<html><BODY>kaart</BODY></html>",
		"leeg/.keep":                         "",
		"css/stijl.css":                      "body{color:black}",
		"js/zoek.js":                         "console.log(1)",
		"img/logo.svg":                       `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"img/foto.png":                       "\x89PNG\r\n\x1a\n",
		"sitemap.xml":                        `<?xml version="1.0"?><urlset></urlset>`,
		"werkbladen/blad.pdf":                "%PDF-1.7",
		"data/zoek.json":                     `{"a":1}`,
		"pagina.html":                        "<p>los</p>",
	}
	for name, content := range files {
		writeFile(t, filepath.Join(root, name), content)
	}
	return root
}

// startHTTP serves s on a test HTTP server. At the end of the test it ends
// the event streams first, so closing the HTTP server need not wait for them.
func startHTTP(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return ts
}

func newServer(t *testing.T, root string) *Server {
	t.Helper()
	s, err := New(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// get serves one request with the given raw path and returns the recorded
// response and its body.
func get(t *testing.T, s *Server, method, rawPath string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, "/", nil)
	u, err := req.URL.Parse(rawPath)
	if err != nil {
		t.Fatal(err)
	}
	req.URL = u
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	resp := rec.Result()
	body, _ := io.ReadAll(resp.Body)
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("%s %s: Cache-Control = %q, want no-store", method, rawPath, cc)
	}
	return resp, string(body)
}

func TestContainment(t *testing.T) {
	root := site(t)
	parent := filepath.Dir(root)
	outside := filepath.Join(parent, "geheim.txt")
	// A symbolic link inside the root pointing outside, relative and absolute.
	if err := os.Symlink("../geheim.txt", filepath.Join(root, "rel.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "abs.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(parent, filepath.Join(root, "ouder")); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, root)

	for _, p := range []string{
		"/../geheim.txt",
		"/%2e%2e/geheim.txt",
		"/%2E%2E/geheim.txt",
		"/..%2fgeheim.txt",
		"/..%2f..%2f..%2fetc/passwd",
		"/css/../../geheim.txt",
		"/css/%2e%2e/%2e%2e/geheim.txt",
		"/..%5cgeheim.txt",
		"/css%5c..%5c..%5cgeheim.txt",
		"/" + outside,
		"//" + strings.TrimPrefix(outside, "/"),
		"/rel.txt",
		"/abs.txt",
		"/ouder/geheim.txt",
		"/index.html%00.css",
	} {
		resp, body := get(t, s, "GET", p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, resp.StatusCode)
		}
		if strings.Contains(body, "GEHEIM") {
			t.Errorf("GET %s: served the file outside the root", p)
		}
	}
}

func TestSymlinkInsideRootIsServed(t *testing.T) {
	root := site(t)
	if err := os.Symlink("css/stijl.css", filepath.Join(root, "alias.css")); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, root)
	resp, body := get(t, s, "GET", "/alias.css")
	if resp.StatusCode != http.StatusOK || body != "body{color:black}" {
		t.Errorf("GET /alias.css = %d %q, want 200 with the style sheet", resp.StatusCode, body)
	}
}

func TestContentTypes(t *testing.T) {
	s := newServer(t, site(t))
	for p, want := range map[string]string{
		"/pagina.html":         "text/html; charset=utf-8",
		"/":                    "text/html; charset=utf-8",
		"/css/stijl.css":       "text/css; charset=utf-8",
		"/js/zoek.js":          "text/javascript; charset=utf-8",
		"/img/logo.svg":        "image/svg+xml",
		"/img/foto.png":        "image/png",
		"/sitemap.xml":         "application/xml; charset=utf-8",
		"/werkbladen/blad.pdf": "application/pdf",
		"/data/zoek.json":      "application/json",
		"/bestaat-niet.css":    "text/html; charset=utf-8", // the 404 page
	} {
		resp, _ := get(t, s, "GET", p)
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type = %q, want %q", p, got, want)
		}
	}
}

func TestFilesAndFolders(t *testing.T) {
	s := newServer(t, site(t))
	for _, tc := range []struct {
		path     string
		status   int
		contains string
		location string
	}{
		{"/", 200, "<h1>Start</h1>", ""},
		{"/index.html", 200, "<h1>Start</h1>", ""},
		{"/opdrachten/", 200, "<p>lijst", ""},
		{"/opdrachten/netwerkkaart/", 200, "kaart", ""},
		{"/opdrachten", 302, "", "./opdrachten/"},
		{"/opdrachten/netwerkkaart?x=1", 302, "", "./netwerkkaart/?x=1"},
		{"/leeg/", 404, "Pagina niet gevonden", ""},        // a folder without index.html
		{"/pagina.html/", 404, "Pagina niet gevonden", ""}, // a file is not a folder
		{"/css/stijl.css", 200, "body{color:black}", ""},
		{"/opdrachten/./netwerkkaart/", 200, "kaart", ""},
	} {
		resp, body := get(t, s, "GET", tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if !strings.Contains(body, tc.contains) {
			t.Errorf("GET %s: body %q lacks %q", tc.path, body, tc.contains)
		}
		if got := resp.Header.Get("Location"); got != tc.location {
			t.Errorf("GET %s: Location = %q, want %q", tc.path, got, tc.location)
		}
	}
}

func TestHeadAndMethods(t *testing.T) {
	s := newServer(t, site(t))
	resp, body := get(t, s, "HEAD", "/")
	if resp.StatusCode != 200 || body != "" {
		t.Errorf("HEAD /: %d %q, want 200 without body", resp.StatusCode, body)
	}
	if resp.ContentLength <= 0 {
		t.Errorf("HEAD /: Content-Length = %d, want the page length", resp.ContentLength)
	}
	resp, _ = get(t, s, "POST", "/")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d Allow=%q, want 405 with Allow: GET, HEAD", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestNotFound(t *testing.T) {
	root := site(t)
	s := newServer(t, root)
	resp, body := get(t, s, "GET", "/bestaat/niet")
	if resp.StatusCode != 404 || !strings.Contains(body, "Pagina niet gevonden") || !strings.Contains(body, EventsPath) {
		t.Errorf("default 404: %d %q", resp.StatusCode, body)
	}

	writeFile(t, filepath.Join(root, "404.html"), "<html><body><h1>Eigen 404</h1></body></html>")
	resp, body = get(t, s, "GET", "/bestaat/niet")
	if resp.StatusCode != 404 || !strings.HasPrefix(body, "<html><body><h1>Eigen 404</h1><script>") {
		t.Errorf("site 404: %d %q", resp.StatusCode, body)
	}

	// No site built yet.
	empty := newServer(t, filepath.Join(t.TempDir(), "nog-niet-gebouwd"))
	resp, body = get(t, empty, "GET", "/")
	if resp.StatusCode != 404 || !strings.Contains(body, "Pagina niet gevonden") {
		t.Errorf("missing root: %d %q", resp.StatusCode, body)
	}
}

func TestScriptInjection(t *testing.T) {
	s := newServer(t, site(t))
	script := regexp.MustCompile(`<script>[^<]*` + regexp.QuoteMeta(EventsPath) + `[^<]*</script>`)

	_, body := get(t, s, "GET", "/")
	if !regexp.MustCompile(`<h1>Start</h1><script>.*</script></body></html>$`).MatchString(body) {
		t.Errorf("script not just before </body>: %q", body)
	}
	if n := len(script.FindAllString(body, -1)); n != 1 {
		t.Errorf("%d scripts in page, want 1", n)
	}
	_, body = get(t, s, "GET", "/opdrachten/netwerkkaart/")
	if !regexp.MustCompile(`^<html><BODY>kaart<script>.*</script></BODY></html>$`).MatchString(body) {
		t.Errorf("script not before upper case </BODY>: %q", body)
	}
	// Minified HTML without </body>: at the end.
	_, body = get(t, s, "GET", "/opdrachten/")
	if !regexp.MustCompile(`^<!doctype html><title>Opdrachten</title><p>lijst<script>.*</script>$`).MatchString(body) {
		t.Errorf("script not at the end: %q", body)
	}
	for _, p := range []string{"/css/stijl.css", "/js/zoek.js", "/img/logo.svg", "/sitemap.xml"} {
		if _, body := get(t, s, "GET", p); strings.Contains(body, "<script") {
			t.Errorf("script injected into %s: %q", p, body)
		}
	}
}

func TestInjectScript(t *testing.T) {
	for _, tc := range []struct{ in, before string }{
		{"<body>a</body>", "<body>a"},
		{"<body>a</body></html>", "<body>a"},
		{"<body>a</Body >", "<body>a"},
		{"a</body>b</body>", "a</body>b"}, // the last one
		{"", ""},
		{"zonder body", "zonder body"},
	} {
		got := string(injectScript([]byte(tc.in), "v1"))
		if !strings.HasPrefix(got, tc.before+"<script>") {
			t.Errorf("injectScript(%q) = %q, want the script after %q", tc.in, got, tc.before)
		}
		if strings.Replace(got, reloadScript("v1"), "", 1) != tc.in {
			t.Errorf("injectScript(%q) changed more than adding the script: %q", tc.in, got)
		}
	}
}

func TestErrorMode(t *testing.T) {
	s := newServer(t, site(t))
	s.SetErrors([]ErrorItem{
		{Message: "content/opdrachten/netwerkkaart.md:3:7: onbekende competentie <netwerk>", Excerpt: "  3 | competenties: [netwerk & meer]\n    |       ^"},
		{Message: "content/site.yaml:1:1: titel ontbreekt"},
	})
	for _, p := range []string{"/", "/index.html", "/opdrachten/", "/bestaat-niet", "/../geheim.txt"} {
		resp, body := get(t, s, "GET", p)
		if resp.StatusCode != 500 {
			t.Errorf("GET %s in error mode: status %d, want 500", p, resp.StatusCode)
		}
		for _, want := range []string{
			"De site kon niet worden gebouwd",
			"<code>content/opdrachten/netwerkkaart.md:3:7: onbekende competentie &lt;netwerk&gt;</code>",
			"<pre>  3 | competenties: [netwerk &amp; meer]\n    |       ^</pre>",
			"<code>content/site.yaml:1:1: titel ontbreekt</code>",
			EventsPath,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s error page lacks %q:\n%s", p, want, body)
			}
		}
		if strings.Count(body, "<pre>") != 1 {
			t.Errorf("GET %s: want one <pre> (the second error has no excerpt)", p)
		}
	}
	// Assets and redirects still work.
	if resp, body := get(t, s, "GET", "/css/stijl.css"); resp.StatusCode != 200 || body != "body{color:black}" {
		t.Errorf("style sheet in error mode: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, s, "GET", "/opdrachten"); resp.StatusCode != 302 {
		t.Errorf("redirect in error mode: %d", resp.StatusCode)
	}

	s.SetErrors(nil)
	if resp, body := get(t, s, "GET", "/"); resp.StatusCode != 200 || !strings.Contains(body, "<h1>Start</h1>") {
		t.Errorf("after SetErrors(nil): %d %q", resp.StatusCode, body)
	}
	s.SetErrors([]ErrorItem{})
	if resp, _ := get(t, s, "GET", "/"); resp.StatusCode != 200 {
		t.Errorf("after SetErrors(empty): %d", resp.StatusCode)
	}
}

func TestSetErrorsCopies(t *testing.T) {
	s := newServer(t, site(t))
	items := []ErrorItem{{Message: "a.md:1:1: eerste"}}
	s.SetErrors(items)
	items[0].Message = "gewijzigd"
	if _, body := get(t, s, "GET", "/"); !strings.Contains(body, "eerste") {
		t.Error("SetErrors kept the caller's slice")
	}
}

// swap replaces the folder root by a fresh tree the way a build does.
func swap(t *testing.T, root string, files map[string]string) {
	t.Helper()
	fresh := root + ".nieuw"
	for name, content := range files {
		writeFile(t, filepath.Join(fresh, name), content)
	}
	old := root + ".oud"
	if err := os.Rename(root, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(fresh, root); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(old); err != nil {
		t.Fatal(err)
	}
}

func TestRootSwap(t *testing.T) {
	root := site(t)
	s := newServer(t, root)
	if _, body := get(t, s, "GET", "/"); !strings.Contains(body, "<h1>Start</h1>") {
		t.Fatalf("before swap: %q", body)
	}
	swap(t, root, map[string]string{"index.html": "<body><h1>Nieuw</h1></body>", "nieuw.css": "p{}"})
	if _, body := get(t, s, "GET", "/"); !strings.Contains(body, "<h1>Nieuw</h1>") {
		t.Errorf("after swap: %q", body)
	}
	if resp, body := get(t, s, "GET", "/nieuw.css"); resp.StatusCode != 200 || body != "p{}" {
		t.Errorf("new file after swap: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, s, "GET", "/css/stijl.css"); resp.StatusCode != 404 {
		t.Errorf("old file after swap: %d, want 404", resp.StatusCode)
	}
}

func TestSymlinkSwap(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "build-1", "index.html"), "<h1>Een</h1>")
	writeFile(t, filepath.Join(dir, "build-2", "index.html"), "<h1>Twee</h1>")
	current := filepath.Join(dir, "public")
	if err := os.Symlink("build-1", current); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, current)
	if _, body := get(t, s, "GET", "/"); !strings.Contains(body, "<h1>Een</h1>") {
		t.Fatalf("before swap: %q", body)
	}
	if err := os.Symlink("build-2", current+".tmp"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(current+".tmp", current); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, s, "GET", "/"); !strings.Contains(body, "<h1>Twee</h1>") {
		t.Errorf("after swap: %q", body)
	}
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// readEvents parses the stream r and sends each event on the returned
// channel, which is closed when the stream ends.
func readEvents(r io.Reader) <-chan event {
	ch := make(chan event, 100)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

func nextEvent(t *testing.T, ch <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		return ev
	case <-time.After(patience):
		t.Fatal("no event arrived")
		return event{}
	}
}

// connect opens the event stream on ts and returns its events.
func connect(t *testing.T, ts *httptest.Server) (<-chan event, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" ||
		resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("event stream answered %d %v", resp.StatusCode, resp.Header)
	}
	return readEvents(resp.Body), cancel
}

var pageVersion = regexp.MustCompile(`var v="([^"]+)"`)

func TestLiveReload(t *testing.T) {
	s := newServer(t, site(t))
	ts := startHTTP(t, s)

	_, page := get(t, s, "GET", "/")
	m := pageVersion.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no version in page script: %q", page)
	}
	served := m[1]

	events1, _ := connect(t, ts)
	events2, _ := connect(t, ts)
	// The hello event tells the version; it matches the page just served.
	for _, ch := range []<-chan event{events1, events2} {
		if ev := nextEvent(t, ch); ev != (event{"hello", served}) {
			t.Fatalf("first event = %+v, want hello %s", ev, served)
		}
	}
	if n := s.clientCount(); n != 2 {
		t.Errorf("clientCount = %d, want 2", n)
	}

	s.Reload()
	var newVersion string
	for _, ch := range []<-chan event{events1, events2} {
		ev := nextEvent(t, ch)
		if ev.name != "reload" || ev.data == served {
			t.Fatalf("after Reload: %+v, want reload with a new version", ev)
		}
		newVersion = ev.data
	}
	// A page served now carries the new version; a tab that missed the
	// reload learns of it from hello.
	_, page = get(t, s, "GET", "/")
	if m := pageVersion.FindStringSubmatch(page); m == nil || m[1] != newVersion {
		t.Errorf("page version after Reload = %v, want %s", m, newVersion)
	}
	events3, _ := connect(t, ts)
	if ev := nextEvent(t, events3); ev != (event{"hello", newVersion}) {
		t.Errorf("hello after Reload = %+v, want %s", ev, newVersion)
	}

	// A second server (a restart) has another version.
	s2 := newServer(t, site(t))
	_, page2 := get(t, s2, "GET", "/")
	if m := pageVersion.FindStringSubmatch(page2); m == nil || m[1] == served {
		t.Errorf("restarted server reuses version %s", served)
	}
}

func TestDisconnectedClientsAreRemoved(t *testing.T) {
	s := newServer(t, site(t))
	ts := startHTTP(t, s)

	events, cancel := connect(t, ts)
	nextEvent(t, events) // hello: the client is registered
	cancel()
	deadline := time.Now().Add(patience)
	for s.clientCount() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("clientCount = %d after the client went away, want 0", s.clientCount())
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Reload() // nobody to tell; must not block or panic
}

func TestSlowClientDoesNotBlockReload(t *testing.T) {
	s := newServer(t, site(t))
	ts := startHTTP(t, s)

	// A client that sends its request and never reads a byte.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET "+EventsPath+" HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(patience)
	for s.clientCount() != 1 {
		if time.Now().After(deadline) {
			t.Fatal("slow client never registered")
		}
		time.Sleep(10 * time.Millisecond)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 100000 {
			s.Reload()
		}
	}()
	select {
	case <-done:
	case <-time.After(patience):
		t.Fatal("Reload blocked on a client that does not read")
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s, err := New(site(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startHTTP(t, s)
	events, _ := connect(t, ts)
	nextEvent(t, events)
	s.Close()
	s.Close()
	select {
	case _, ok := <-events:
		if ok {
			t.Error("got an event after Close, want the stream to end")
		}
	case <-time.After(patience):
		t.Fatal("stream still open after Close")
	}
	resp, err := ts.Client().Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("event stream after Close: %d, want 503", resp.StatusCode)
	}
	if resp, _ := get(t, s, "GET", "/"); resp.StatusCode != 200 {
		t.Errorf("page after Close: %d, want 200", resp.StatusCode)
	}
}

func TestHeartbeat(t *testing.T) {
	s, err := New(site(t), Options{Heartbeat: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ts := startHTTP(t, s)
	resp, err := ts.Client().Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if sc.Text() == ": ping" {
			return
		}
	}
	t.Fatalf("stream ended without a heartbeat: %v", sc.Err())
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"/":            ".",
		"":             ".",
		"/a/b.html":    "a/b.html",
		"/a//b/./c":    "a/b/c",
		"//etc/passwd": "etc/passwd",
		"/a/b/":        "a/b",
		"/a/..":        "",
		"/../x":        "",
		"/a\\b":        "",
		"/a\x00":       "",
		"/..":          "",
		"/...":         "...",
		"/..a":         "..a",
	} {
		got, ok := cleanName(in)
		if want == "" {
			if ok {
				t.Errorf("cleanName(%q) = %q, want refused", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("cleanName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestNewRejectsEmptyRoot(t *testing.T) {
	if _, err := New("", Options{}); err == nil {
		t.Error("New accepted an empty root")
	}
}

// clientCount returns the number of open event streams.
func (s *Server) clientCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}
