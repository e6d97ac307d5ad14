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
	"sync"
	"syscall"
	"time"

	"lobsite/generator/content"
	"lobsite/generator/diag"
	"lobsite/generator/serve"
	"lobsite/generator/watch"
)

// PreviewOptions configure Preview.
type PreviewOptions struct {
	Options
	// Addr is the host:port to listen on; default "127.0.0.1:1313" (loopback
	// only: the preview is for the person at this computer).
	Addr string
	// Log receives one line per build; nil discards them.
	Log io.Writer
	// Ready, when set, is called with the preview's URL once it listens.
	Ready func(url string)
	// Limits are the server's timeouts and connection limit; the zero
	// value gives the defaults of serve.Limits.
	Limits serve.Limits
	// Watch tunes the batching of file changes; the zero value is fine.
	Watch watch.Options
}

// Preview builds the site, serves it over HTTP and rebuilds it whenever a
// file under content/ or themes/ changes, reloading every open browser tab.
// When a build fails, every page shows the errors with their source lines
// until a build succeeds again. Unless Options.Dest is set, the site is
// built into a temporary folder that is removed afterwards, so the preview
// never touches public/. Preview returns when ctx is cancelled (nil) or the
// server or watcher fails.
func Preview(ctx context.Context, opts PreviewOptions) error {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Watch.Ignore == nil {
		opts.Watch.Ignore = content.EditorLeftover
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	if opts.Dest != "" {
		// Refuse a folder lobsite did not make, or one in the sources, as
		// build does: serving its files would publish what is not ours.
		if err := checkDest(opts.Source, opts.Dest); err != nil {
			return &SetupError{err}
		}
	} else {
		tmp, err := os.MkdirTemp("", "lobsite-voorbeeld-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		opts.Dest = filepath.Join(tmp, "site")
	}
	b, err := NewBuilder(opts.Options)
	if err != nil {
		return err
	}
	srv, err := serve.New(opts.Dest, serve.Options{Limits: opts.Limits})
	if err != nil {
		return err
	}
	defer srv.Close()

	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return err
	}
	var building sync.Mutex // rebuilds never overlap, whichever watcher asks
	rebuild := func(changed []string) {
		building.Lock()
		defer building.Unlock()
		start := time.Now()
		res, err := b.Build(changed)
		var be *diag.BuildError
		switch {
		case errors.As(err, &be):
			srv.SetErrors(errorItems(src, be))
			fmt.Fprintf(logw, "%s de site kon niet worden gebouwd:\n%s\n", time.Now().Format("15:04:05"), be.Error())
		case err != nil:
			srv.SetErrors([]serve.ErrorItem{{Message: err.Error()}})
			fmt.Fprintf(logw, "%s fout: %v\n", time.Now().Format("15:04:05"), err)
		default:
			srv.SetErrors(nil)
			for _, w := range res.Warnings {
				fmt.Fprintln(logw, w.Error())
			}
			took := time.Since(start).Round(time.Millisecond)
			if res.Rendered == 0 {
				fmt.Fprintf(logw, "%s klaar in %s: geen pagina veranderd (%d pagina's)\n", time.Now().Format("15:04:05"), took, res.Pages)
			} else {
				fmt.Fprintf(logw, "%s klaar in %s: %d van %d pagina's opnieuw gebouwd\n", time.Now().Format("15:04:05"), took, res.Rendered, res.Pages)
			}
		}
		srv.Reload()
	}
	// Listen first: a wrong --addr should not wait for a whole build.
	if _, _, err := net.SplitHostPort(opts.Addr); err != nil {
		return fmt.Errorf("--addr %q is geen host:poort; schrijf het zoals 127.0.0.1:1313", opts.Addr)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("poort %s is al in gebruik (draait lobsite serve al in een ander venster?); sluit dat af of kies een andere poort, zoals --addr 127.0.0.1:1314", opts.Addr)
		}
		return fmt.Errorf("kan niet luisteren op %s (%v); geef --addr als host:poort, zoals 127.0.0.1:1313", opts.Addr, unwrapNetError(err))
	}
	defer ln.Close()
	rebuild(nil)

	// The watcher also sees content/ or themes/ appear (again) after they
	// were removed, or themes/ made for the first time.
	w, err := watch.New([]string{filepath.Join(src, "content"), filepath.Join(src, "themes")}, opts.Watch)
	if err != nil {
		return err
	}
	defer w.Close()

	hs := opts.Limits.HTTPServer(hostCheck(ln.Addr(), srv))
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(opts.Limits.Listener(ln)) }()
	if opts.Ready != nil {
		opts.Ready("http://" + ln.Addr().String() + "/")
	}

	watchErr := make(chan error, 2)
	go func() {
		watchErr <- w.Run(ctx, func(abs []string) { rebuild(relPaths(src, abs)) })
	}()
	var result error
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		result = err
	case err := <-watchErr:
		result = err
	}
	srv.Close() // ends open event streams so Shutdown need not wait for them
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdownCtx)
	if result != nil && !errors.Is(result, http.ErrServerClosed) && !errors.Is(result, context.Canceled) {
		return result
	}
	return nil
}

// relPaths turns the watcher's absolute paths into slash paths relative to
// the site folder, as Builder.Build expects.
func relPaths(src string, abs []string) []string {
	out := make([]string, 0, len(abs))
	for _, p := range abs {
		rel, err := filepath.Rel(src, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// errorItems pairs every problem with the source lines around it.
func errorItems(src string, be *diag.BuildError) []serve.ErrorItem {
	items := make([]serve.ErrorItem, 0, len(be.Problems))
	cache := map[string][]byte{}
	for _, p := range be.Problems {
		item := serve.ErrorItem{Message: p.Error()}
		if p.Line > 0 && len(items) < serve.MaxShown {
			data, ok := cache[p.Path]
			if !ok {
				data, _ = os.ReadFile(filepath.Join(src, filepath.FromSlash(p.Path)))
				cache[p.Path] = data
			}
			item.Excerpt = diag.Excerpt(data, p.Line, p.Col, 2)
		}
		items = append(items, item)
	}
	return items
}

func unwrapNetError(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// hostCheck refuses requests whose Host header names another machine than
// the one listened on, so a web page elsewhere cannot reach the preview
// through a DNS name that points at 127.0.0.1 (DNS rebinding). Listening on
// all interfaces (0.0.0.0) turns the check off: then the user asked for it.
func hostCheck(addr net.Addr, next http.Handler) http.Handler {
	tcp, _ := addr.(*net.TCPAddr)
	if tcp == nil || tcp.IP.IsUnspecified() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(host, "[]")
		if ip := net.ParseIP(host); (ip != nil && (ip.IsLoopback() || ip.Equal(tcp.IP))) || strings.EqualFold(host, "localhost") {
			next.ServeHTTP(w, r)
			return
		}
		http.Error(w, "Deze voorbeeldserver is alleen bereikbaar via 127.0.0.1 of localhost.", http.StatusForbidden)
	})
}
