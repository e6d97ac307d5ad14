// Package serve is the HTTP handler of lobsite's preview server: it serves
// the built site from a folder and reloads open browser tabs after each
// build.
//
// # Files
//
// A Server serves the files below its root folder. The build replaces that
// folder as a whole (by renaming a fresh tree over it, or by pointing a
// symbolic link at a new tree), so the Server opens the root anew for every
// request and never caches file contents.
//
//   - Every response carries Cache-Control: no-store.
//   - The Content-Type follows the file extension; HTML is served as
//     text/html; charset=utf-8.
//   - A folder URL ending in a slash serves the folder's index.html; without
//     the slash it redirects (302, relative Location) to the slash form.
//   - A path that does not resolve to a regular file inside the root gives
//     status 404 with the site's own 404.html, or a short Dutch page if the
//     site has none. That covers paths with a ".." segment (also when
//     written as %2e%2e or with %2f), backslashes, NUL bytes, and symbolic
//     links that point outside the root or are absolute. Relative symbolic
//     links that stay inside the root are followed and served.
//   - Only GET and HEAD are allowed.
//
// # Live reload
//
// Every HTML response gets a small script just before its last </body> (or
// at the end when there is none, as in minified HTML). The script listens to
// the Server-Sent Events stream at EventsPath and reloads the page when
// Reload is called. On connecting, the stream first sends a "hello" event
// with the site version; the script reloads when that differs from the
// version its page was served with, so a tab also catches up after a reload
// it missed while disconnected, or after the server restarted.
//
// # Error mode
//
// While SetErrors holds build errors, every request that would be answered
// with an HTML page or a 404 gets status 500 and a Dutch page listing the
// errors ("De site kon niet worden gebouwd"), with the reload script, so the
// tab shows the site again once the build succeeds. Other files (style
// sheets, images) are still served.
//
// After each build call SetErrors (with nil on success) and then Reload.
package serve

import (
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EventsPath is the URL path of the live-reload event stream.
const EventsPath = "/__lobsite/events"

// DefaultHeartbeat is the default for Options.Heartbeat.
const DefaultHeartbeat = 15 * time.Second

// Options tune a Server. The zero value uses the defaults.
type Options struct {
	// Heartbeat is the interval between keep-alive comments on open event
	// streams; they keep proxies from closing an idle stream. Zero or less
	// means DefaultHeartbeat.
	Heartbeat time.Duration
	// Limits are the timeouts and connection limit of the HTTP server
	// that serves this Server; the event stream needs its write timeout.
	Limits Limits
}

// ErrorItem is one build error shown on the error page.
type ErrorItem struct {
	// Message is the error as path:line:col: message.
	Message string
	// Excerpt holds the numbered source lines around the error; it may be
	// empty.
	Excerpt string
}

// MaxShown is how many problems the error page shows at most; the number
// left out follows them ("en nog 12 fouten"). Excerpts are windows of
// diag.ExcerptWidth characters, so the page stays small whatever the build
// reported.
const MaxShown = 50

// Server is an http.Handler that serves a built site with live reload. Create
// one with New. Its methods are safe for concurrent use.
type Server struct {
	root         string // absolute
	heartbeat    time.Duration
	writeTimeout time.Duration
	instance     string // random, so browsers notice a restarted server

	mu      sync.Mutex
	errs    []ErrorItem
	gen     uint64 // counts Reload calls
	clients map[chan struct{}]struct{}
	closed  bool
	done    chan struct{} // closed by Close
}

// New returns a Server for the built site in folder root. The folder need
// not exist yet: until it does, every page is a 404 (or the error page).
func New(root string, opts Options) (*Server, error) {
	if root == "" {
		return nil, errors.New("serve: geen map opgegeven om te serveren")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("serve: map %s: %w", root, err)
	}
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = DefaultHeartbeat
	}
	return &Server{
		root:         abs,
		heartbeat:    opts.Heartbeat,
		writeTimeout: opts.Limits.withDefaults().Write,
		instance:     rand.Text(),
		clients:      make(map[chan struct{}]struct{}),
		done:         make(chan struct{}),
	}, nil
}

// SetErrors switches error mode on (items not empty) or off (items empty or
// nil). It keeps a copy of items. Open tabs are not told; call Reload after
// it.
func (s *Server) SetErrors(items []ErrorItem) {
	var cp []ErrorItem
	if len(items) > 0 {
		cp = append([]ErrorItem(nil), items...)
	}
	s.mu.Lock()
	s.errs = cp
	s.mu.Unlock()
}

// Reload tells every connected browser tab to reload. It never blocks: a tab
// that has not yet taken an earlier reload gets just one.
func (s *Server) Reload() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default: // a reload is already waiting for this client
		}
	}
}

// Close ends all open event streams, so that http.Server.Shutdown need not
// wait for them, and refuses new ones with status 503. Pages are still
// served. Close is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// state returns the error items and the site version under one lock.
func (s *Server) state() ([]ErrorItem, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errs, s.versionLocked()
}

func (s *Server) versionLocked() string {
	return s.instance + "-" + strconv.FormatUint(s.gen, 10)
}

// ServeHTTP serves the site, the event stream and the error page as
// described in the package documentation.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writePage(w, r, http.StatusMethodNotAllowed, []byte(simplePage("Niet toegestaan",
			"Deze server laat alleen pagina's zien (GET en HEAD).")))
		return
	}
	// Take the version before reading any file: if a build lands in
	// between, the page looks older than it is and reloads once more.
	errs, version := s.state()

	root, err := os.OpenRoot(s.root)
	if err != nil {
		s.notFound(w, r, nil, errs, version)
		return
	}
	defer root.Close()

	name, ok := cleanName(r.URL.Path)
	if !ok {
		s.notFound(w, r, root, errs, version)
		return
	}
	f, err := openRegular(root, name)
	if errors.Is(err, errIsDir) {
		if !strings.HasSuffix(r.URL.Path, "/") {
			redirectToSlash(w, r)
			return
		}
		name = path.Join(name, "index.html")
		f, err = openRegular(root, name)
	} else if err == nil && strings.HasSuffix(r.URL.Path, "/") {
		f.Close()
		err = fs.ErrNotExist // a file is not a folder
	}
	if err != nil {
		s.notFound(w, r, root, errs, version)
		return
	}
	defer f.Close()

	if !isHTML(name) {
		w.Header().Set("Content-Type", contentType(name))
		// A zero modification time leaves out Last-Modified, so browsers
		// never ask for a 304: every answer comes from disk.
		http.ServeContent(w, r, "", time.Time{}, f)
		return
	}
	if len(errs) > 0 {
		s.errorPage(w, r, errs, version)
		return
	}
	body, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "Het bestand kon niet worden gelezen.", http.StatusInternalServerError)
		return
	}
	writePage(w, r, http.StatusOK, injectScript(body, version))
}

// serveEvents streams reload events to one browser tab until it goes away
// or the Server is closed.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "Alleen GET is toegestaan.", http.StatusMethodNotAllowed)
		return
	}
	c := make(chan struct{}, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "De voorbeeldserver stopt.", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = struct{}{}
	version := s.versionLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no") // tell proxies not to buffer the stream
	w.WriteHeader(http.StatusOK)
	send := func(msg string) bool {
		// The stream lasts as long as the tab is open; only each event
		// has the server's write timeout, so a tab that stops reading is
		// let go.
		_ = rc.SetWriteDeadline(time.Now().Add(s.writeTimeout))
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 1000\n\nevent: hello\ndata: " + version + "\n\n") {
		return
	}
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-c:
			s.mu.Lock()
			version = s.versionLocked()
			s.mu.Unlock()
			if !send("event: reload\ndata: " + version + "\n\n") {
				return
			}
		case <-tick.C:
			if !send(": ping\n\n") {
				return
			}
		}
	}
}

// notFound answers 404 with the site's 404.html or a default page, or the
// error page in error mode. root may be nil when the site folder is missing.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, root *os.Root, errs []ErrorItem, version string) {
	if len(errs) > 0 {
		s.errorPage(w, r, errs, version)
		return
	}
	var body []byte
	if root != nil {
		if f, err := openRegular(root, "404.html"); err == nil {
			body, err = io.ReadAll(f)
			f.Close()
			if err != nil {
				body = nil
			}
		}
	}
	if body == nil {
		body = []byte(simplePage("Pagina niet gevonden",
			`Deze pagina bestaat niet. Misschien is het bestand hernoemd of verwijderd. <a href="/">Naar de startpagina</a>`))
	}
	writePage(w, r, http.StatusNotFound, injectScript(body, version))
}

// errorPage answers 500 with the list of build errors.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, errs []ErrorItem, version string) {
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>De site kon niet worden gebouwd</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
h1{color:#a40000}
li{margin-bottom:1.5rem}
code{font-size:1rem;font-weight:bold}
pre{background:#f4f4f4;border-left:4px solid #a40000;padding:.75rem;overflow-x:auto}
</style>
</head>
<body>
<h1>De site kon niet worden gebouwd</h1>
<p>Herstel de fouten hieronder en sla het bestand op. Deze pagina ververst dan vanzelf.</p>
<ol>
`)
	shown := errs[:min(len(errs), MaxShown)]
	for _, e := range shown {
		b.WriteString("<li><code>")
		b.WriteString(html.EscapeString(e.Message))
		b.WriteString("</code>")
		if e.Excerpt != "" {
			b.WriteString("\n<pre>")
			b.WriteString(html.EscapeString(e.Excerpt))
			b.WriteString("</pre>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n")
	if rest := len(errs) - len(shown); rest > 0 {
		fmt.Fprintf(&b, "<p>… en nog %d %s. Herstel eerst deze; het venster waarin lobsite serve draait toont ze allemaal.</p>\n", rest, map[bool]string{true: "fout", false: "fouten"}[rest == 1])
	}
	b.WriteString("</body>\n</html>\n")
	writePage(w, r, http.StatusInternalServerError, injectScript([]byte(b.String()), version))
}

// simplePage returns a small Dutch HTML page; text is HTML.
func simplePage(title, text string) string {
	return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>` + title + `</title>
</head>
<body>
<h1>` + title + `</h1>
<p>` + text + `</p>
</body>
</html>
`
}

// writePage writes an HTML answer (headers only for HEAD).
func writePage(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// redirectToSlash sends a folder URL without trailing slash to the slash
// form, with a Location relative to the request, so it also works when the
// preview sits behind a proxy under a sub-path.
func redirectToSlash(w http.ResponseWriter, r *http.Request) {
	p := r.URL.EscapedPath()
	loc := "./"
	if seg := p[strings.LastIndex(p, "/")+1:]; seg != "" {
		loc += seg + "/"
	}
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	writePage(w, r, http.StatusFound, []byte(simplePage("Verplaatst",
		`Deze pagina staat op <a href="`+html.EscapeString(loc)+`">`+html.EscapeString(loc)+`</a>.`)))
}

// cleanName turns a decoded URL path into a name for os.Root, or reports
// false for a path that must not be served.
func cleanName(urlPath string) (string, bool) {
	if strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" {
		name = "."
	}
	return name, true
}

var errIsDir = errors.New("is a folder")

// openRegular opens name in root. It returns errIsDir for a folder and
// fs.ErrNotExist for anything else that is not a regular file.
func openRegular(root *os.Root, name string) (*os.File, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
	case fi.IsDir():
		err = errIsDir
	case !fi.Mode().IsRegular():
		err = fs.ErrNotExist
	default:
		return f, nil
	}
	f.Close()
	return nil, err
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentType returns the media type for a file name. Common web types are
// fixed here, so the answer does not depend on the system's mime tables.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".pdf":
		return "application/pdf"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// reloadScript returns the live-reload script for a page served at version.
func reloadScript(version string) string {
	return `<script>/* lobsite live reload */(function(){var v="` + version + `";` +
		`function c(){var s=new EventSource("` + EventsPath + `");` +
		`s.addEventListener("hello",function(e){if(e.data!==v)location.reload()});` +
		`s.addEventListener("reload",function(){location.reload()});` +
		// The browser retries by itself after a network error, but gives up
		// for good (readyState 2) on an error status: then try again later.
		`s.onerror=function(){if(s.readyState===2){s.close();setTimeout(c,2000)}}}` +
		`c()})();</script>`
}

// injectScript inserts the reload script before the last </body> in page,
// or appends it when there is none.
func injectScript(page []byte, version string) []byte {
	script := reloadScript(version)
	i := lastIndexFoldASCII(page, "</body")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// lastIndexFoldASCII is bytes.LastIndex ignoring ASCII case; sub must be
// lower case ASCII.
func lastIndexFoldASCII(s []byte, sub string) int {
outer:
	for i := len(s) - len(sub); i >= 0; i-- {
		for j := 0; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}
