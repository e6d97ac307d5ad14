package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"lobsite/generator/content"
)

// patience is how long a test waits for something that should happen. It is
// a limit against hanging, never a measured duration.
const patience = 20 * time.Second

// testOpts groups generously, so a single save is never split in two even on
// a slow, busy machine.
var testOpts = Options{Debounce: 250 * time.Millisecond, MaxWait: 10 * time.Second, Ignore: content.EditorLeftover}

// startWatcher runs a Watcher on roots whose batches arrive on the returned
// channel. It stops the Watcher when the test ends and checks that Run
// returned nil.
func startWatcher(t *testing.T, roots []string, opts Options) (*Watcher, <-chan []string) {
	t.Helper()
	w, err := New(roots, opts)
	if err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string, 100)
	runWatcher(t, w, func(changed []string) { batches <- changed })
	return w, batches
}

func runWatcher(t *testing.T, w *Watcher, rebuild func([]string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() { result <- w.Run(ctx, rebuild) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-result:
			if err != nil {
				t.Errorf("Run = %v, want nil", err)
			}
		case <-time.After(patience):
			t.Error("Run did not return after the context was cancelled")
		}
	})
}

// next returns the next batch.
func next(t *testing.T, batches <-chan []string) []string {
	t.Helper()
	select {
	case b := <-batches:
		return b
	case <-time.After(patience):
		t.Fatal("no batch arrived")
		return nil
	}
}

// waitFor reads batches until all of want have been reported and returns
// every path reported so far.
func waitFor(t *testing.T, batches <-chan []string, want ...string) map[string]bool {
	t.Helper()
	got := make(map[string]bool)
	missing := func() []string {
		var m []string
		for _, p := range want {
			if !got[p] {
				m = append(m, p)
			}
		}
		return m
	}
	for len(missing()) > 0 {
		select {
		case b := <-batches:
			checkBatch(t, b)
			for _, p := range b {
				got[p] = true
			}
		case <-time.After(patience):
			t.Fatalf("not reported: %v; reported: %v", missing(), keys(got))
		}
	}
	return got
}

// checkBatch checks the promises every batch keeps: sorted, no duplicates,
// absolute and clean paths, never empty.
func checkBatch(t *testing.T, b []string) {
	t.Helper()
	if len(b) == 0 {
		t.Error("empty batch")
	}
	for i, p := range b {
		if !filepath.IsAbs(p) || filepath.Clean(p) != p {
			t.Errorf("path %q is not absolute and clean", p)
		}
		if i > 0 && b[i-1] >= p {
			t.Errorf("batch not sorted or has duplicates: %q", b)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestAtomicSave(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "pagina.md")
	vimPage := filepath.Join(root, "vim.md")
	writeFile(t, page, "oud")
	writeFile(t, vimPage, "oud")
	_, batches := startWatcher(t, []string{root}, testOpts)

	// Write a temporary file with a name no ignore rule knows, then rename
	// it over the target.
	tmp := filepath.Join(root, ".pagina.md.48213")
	writeFile(t, tmp, "nieuw")
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	// Vim with backupcopy=no: rename to a backup, write anew, remove backup.
	backup := vimPage + "~"
	if err := os.Rename(vimPage, backup); err != nil {
		t.Fatal(err)
	}
	writeFile(t, vimPage, "nieuw")
	if err := os.Remove(backup); err != nil {
		t.Fatal(err)
	}

	got := waitFor(t, batches, page, vimPage)
	for _, p := range []string{tmp, backup} {
		if got[p] {
			t.Errorf("temporary file %s reported: %v", p, keys(got))
		}
	}
}

func TestShortLivedFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "pagina.md")
	writeFile(t, page, "oud")
	_, batches := startWatcher(t, []string{root}, testOpts)

	// A file that comes and goes within one batch never mattered.
	brief := filepath.Join(root, "kort.md")
	writeFile(t, brief, "even")
	if err := os.Remove(brief); err != nil {
		t.Fatal(err)
	}
	// An existing file saved atomically and then removed did matter: the
	// Create event of the save must not make it look new.
	tmp := filepath.Join(root, "pagina.md.tmp.123")
	writeFile(t, tmp, "nieuw")
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	sentinel := filepath.Join(root, "echt.md")
	writeFile(t, sentinel, "inhoud")
	got := waitFor(t, batches, page, sentinel)
	for _, p := range []string{brief, tmp} {
		if got[p] {
			t.Errorf("short-lived %s reported: %v", p, keys(got))
		}
	}
}

func TestIgnoredFilesAreNotReported(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(root, "sub", "bestaand.md"), "x")
	_, batches := startWatcher(t, []string{root}, testOpts)

	for _, name := range []string{
		".pagina.md.swp", "pagina.md.swx", "pagina.md.swo", "pagina.md~", ".#pagina.md",
		"#pagina.md#", "4913", "pagina.TMP", "pagina.md.bak", "~$verslag.docx", ".DS_Store",
		"Thumbs.db", ".goutputstream-X1Y2Z3", "werkblad.pdf.crdownload",
		filepath.Join("sub", ".pagina.md.swp"),
	} {
		writeFile(t, filepath.Join(root, name), "rommel")
	}
	writeFile(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/ander\n")
	writeFile(t, filepath.Join(root, ".git", "objects", "ab", "cdef"), "blob")
	writeFile(t, filepath.Join(root, "sub", ".git", "config"), "[core]")

	sentinel := filepath.Join(root, "echt.md")
	writeFile(t, sentinel, "inhoud")
	// Events arrive in order, so anything reported for the files above
	// would show up no later than the sentinel.
	got := waitFor(t, batches, sentinel)
	if want := []string{sentinel}; !slices.Equal(keys(got), want) {
		t.Errorf("reported %q, want only %q", keys(got), want)
	}
}

func TestChmodOnlyIsIgnored(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "pagina.md")
	writeFile(t, page, "inhoud")
	_, batches := startWatcher(t, []string{root}, testOpts)

	if err := os.Chmod(page, 0o600); err != nil {
		t.Fatal(err)
	}
	sentinel := filepath.Join(root, "echt.md")
	writeFile(t, sentinel, "inhoud")
	got := waitFor(t, batches, sentinel)
	if got[page] {
		t.Errorf("chmod of %s reported: %v", page, keys(got))
	}
}

func TestNewFolderIsWatchedAndItsFilesReported(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	_, batches := startWatcher(t, []string{root}, testOpts)

	// A folder moved in from elsewhere gives one event for the folder
	// only: its files can only be found by reading it.
	elsewhere := t.TempDir()
	writeFile(t, filepath.Join(elsewhere, "map", "a.md"), "a")
	writeFile(t, filepath.Join(elsewhere, "map", "sub", "b.md"), "b")
	writeFile(t, filepath.Join(elsewhere, "map", "sub", "diep", "c.md"), "c")
	writeFile(t, filepath.Join(elsewhere, "map", "sub", "diep", "c.md.swp"), "swap")
	if err := os.Rename(filepath.Join(elsewhere, "map"), filepath.Join(root, "map")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "map")
	got := waitFor(t, batches,
		dir,
		filepath.Join(dir, "a.md"),
		filepath.Join(dir, "sub"),
		filepath.Join(dir, "sub", "b.md"),
		filepath.Join(dir, "sub", "diep"),
		filepath.Join(dir, "sub", "diep", "c.md"),
	)
	if swp := filepath.Join(dir, "sub", "diep", "c.md.swp"); got[swp] {
		t.Errorf("swap file %s reported", swp)
	}

	// The deepest folder is watched now.
	later := filepath.Join(dir, "sub", "diep", "d.md")
	writeFile(t, later, "d")
	waitFor(t, batches, later)

	// A folder tree made in one go, with a file right away.
	quick := filepath.Join(root, "x", "y", "z", "e.md")
	writeFile(t, quick, "e")
	waitFor(t, batches, quick, filepath.Join(root, "x"))
}

func TestDeleteFile(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "sub", "weg.md")
	writeFile(t, page, "inhoud")
	_, batches := startWatcher(t, []string{root}, testOpts)

	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	waitFor(t, batches, page)
}

func TestDeleteFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "map")
	writeFile(t, filepath.Join(dir, "a.md"), "a")
	writeFile(t, filepath.Join(dir, "sub", "b.md"), "b")
	w, batches := startWatcher(t, []string{root}, testOpts)
	if !slices.Contains(w.fsw.WatchList(), filepath.Join(dir, "sub")) {
		t.Fatalf("WatchList %q lacks %s", w.fsw.WatchList(), filepath.Join(dir, "sub"))
	}

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, batches, dir, filepath.Join(dir, "a.md"), filepath.Join(dir, "sub"), filepath.Join(dir, "sub", "b.md"))
	for _, p := range w.fsw.WatchList() {
		if within(p, dir) {
			t.Errorf("still watching %s after its folder was removed", p)
		}
	}
}

func TestRename(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.md"), "a")
	oldDir := filepath.Join(root, "oud")
	writeFile(t, filepath.Join(oldDir, "x.md"), "x")
	writeFile(t, filepath.Join(oldDir, "sub", "y.md"), "y")
	w, batches := startWatcher(t, []string{root}, testOpts)

	if err := os.Rename(filepath.Join(root, "a.md"), filepath.Join(root, "b.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, batches, filepath.Join(root, "a.md"), filepath.Join(root, "b.md"))

	newDir := filepath.Join(root, "nieuw")
	if err := os.Rename(oldDir, newDir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, batches, oldDir, newDir, filepath.Join(newDir, "x.md"), filepath.Join(newDir, "sub", "y.md"))

	// A file written in the renamed folder is reported under its new path.
	z := filepath.Join(newDir, "sub", "z.md")
	writeFile(t, z, "z")
	got := waitFor(t, batches, z)
	if stale := filepath.Join(oldDir, "sub", "z.md"); got[stale] {
		t.Errorf("reported under the old folder name: %s", stale)
	}
	list := w.fsw.WatchList()
	if !slices.Contains(list, filepath.Join(newDir, "sub")) {
		t.Errorf("WatchList %q lacks the renamed folder", list)
	}
	for _, p := range list {
		if within(p, oldDir) {
			t.Errorf("still watching %s under the old folder name", p)
		}
	}
}

func TestBurstGivesOneBatch(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "pagina.md")
	writeFile(t, page, "begin")
	_, batches := startWatcher(t, []string{root}, testOpts)

	for i := range 50 {
		writeFile(t, page, strings.Repeat("x", i))
	}
	if b := next(t, batches); !slices.Equal(b, []string{page}) {
		t.Fatalf("first batch = %q, want %q", b, []string{page})
	}
	// Had the burst been split, the next batch would hold the page again.
	sentinel := filepath.Join(root, "echt.md")
	writeFile(t, sentinel, "inhoud")
	if b := next(t, batches); !slices.Equal(b, []string{sentinel}) {
		t.Fatalf("second batch = %q, want %q", b, []string{sentinel})
	}
}

func TestContinuousChangesStillGiveABatch(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	page := filepath.Join(root, "pagina.md")
	// The quiet period never comes: only MaxWait can end the batch.
	_, batches := startWatcher(t, []string{root}, Options{Debounce: time.Hour, MaxWait: 50 * time.Millisecond, Ignore: content.EditorLeftover})

	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := os.WriteFile(page, []byte(strings.Repeat("x", i%100)), 0o644); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	b := next(t, batches)
	close(stop)
	<-stopped
	if !slices.Equal(b, []string{page}) {
		t.Errorf("batch = %q, want %q", b, []string{page})
	}
}

func TestEditDuringRebuildGivesExactlyOneMoreCall(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w, err := New([]string{root}, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(chan string, 10000)
	w.seen = seen
	var (
		inFlight, maxInFlight atomic.Int32
		callNo                atomic.Int32
		release               = make(chan struct{})
		calls                 = make(chan []string, 10)
	)
	runWatcher(t, w, func(changed []string) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		calls <- changed
		if callNo.Add(1) == 1 {
			<-release
		}
	})
	noticed := func(p string) {
		t.Helper()
		for {
			select {
			case s := <-seen:
				if s == p {
					return
				}
			case <-time.After(patience):
				t.Fatalf("change to %s not noticed", p)
			}
		}
	}

	a := filepath.Join(root, "a.md")
	writeFile(t, a, "a")
	if b := next(t, calls); !slices.Equal(b, []string{a}) {
		t.Fatalf("call 1 = %q, want %q", b, []string{a})
	}
	// The first rebuild is blocked now; save twice meanwhile.
	b1 := filepath.Join(root, "b.md")
	writeFile(t, b1, "b")
	noticed(b1)
	c := filepath.Join(root, "c.md")
	writeFile(t, c, "c")
	noticed(c)
	close(release)

	if b := next(t, calls); !slices.Equal(b, []string{b1, c}) {
		t.Fatalf("call 2 = %q, want %q", b, []string{b1, c})
	}
	d := filepath.Join(root, "d.md")
	writeFile(t, d, "d")
	if b := next(t, calls); !slices.Equal(b, []string{d}) {
		t.Fatalf("call 3 = %q, want %q (an extra call came first?)", b, []string{d})
	}
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("%d rebuilds ran at once, want 1", m)
	}
}

func TestRunWaitsForRebuildAndStopsOnCancel(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w, err := New([]string{root}, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var finished atomic.Bool
	started := make(chan struct{})
	release := make(chan struct{})
	result := make(chan error, 1)
	go func() {
		result <- w.Run(ctx, func([]string) {
			close(started)
			<-release
			finished.Store(true)
		})
	}()
	writeFile(t, filepath.Join(root, "a.md"), "a")
	select {
	case <-started:
	case <-time.After(patience):
		t.Fatal("rebuild not called")
	}
	cancel()
	close(release)
	select {
	case err := <-result:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
		if !finished.Load() {
			t.Error("Run returned while rebuild was still running")
		}
	case <-time.After(patience):
		t.Fatal("Run did not return")
	}
	// Run closed the Watcher; closing again is harmless.
	if err := w.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestCloseEndsRun(t *testing.T) {
	t.Parallel()
	w, err := New([]string{t.TempDir()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	result := make(chan error, 1)
	go func() { result <- w.Run(context.Background(), func([]string) {}) }()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-result:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
	case <-time.After(patience):
		t.Fatal("Run did not return after Close")
	}
}

func TestNewSkipsMissingRootsAndRejectsFiles(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	content := filepath.Join(base, "content")
	writeFile(t, filepath.Join(content, "a.md"), "a")
	w, batches := startWatcher(t, []string{filepath.Join(base, "themes"), content, content}, testOpts)
	// The missing root is kept, to be watched once it appears; it is not
	// watched yet, but the folder that holds it is.
	if want := []string{filepath.Join(base, "themes"), content}; !slices.Equal(w.roots, want) {
		t.Errorf("roots = %q, want %q", w.roots, want)
	}
	if list := w.fsw.WatchList(); slices.Contains(list, filepath.Join(base, "themes")) || !slices.Contains(list, base) {
		t.Errorf("watching %q; want %s, not its missing themes/", list, base)
	}
	page := filepath.Join(content, "b.md")
	writeFile(t, page, "b")
	waitFor(t, batches, page)

	if _, err := New([]string{filepath.Join(content, "a.md")}, Options{}); err == nil {
		t.Error("New accepted a file as root")
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want Options
	}{
		{Options{}, Options{Debounce: DefaultDebounce, MaxWait: DefaultMaxWait}},
		{Options{Debounce: time.Second}, Options{Debounce: time.Second, MaxWait: DefaultMaxWait}},
		{Options{Debounce: time.Millisecond, MaxWait: time.Minute}, Options{Debounce: time.Millisecond, MaxWait: time.Minute}},
	} {
		w, err := New(nil, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if w.opts.Debounce != tc.want.Debounce || w.opts.MaxWait != tc.want.MaxWait {
			t.Errorf("New(%+v) options = %+v, want %+v", tc.in, w.opts, tc.want)
		}
		w.Close()
	}
}

// feed runs the event loop on channels the test controls.
func feed(t *testing.T, root string) (w *Watcher, events chan fsnotify.Event, errs chan error, batches chan []string, result chan error) {
	t.Helper()
	w, err := New([]string{root}, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	events = make(chan fsnotify.Event)
	errs = make(chan error)
	batches = make(chan []string, 10)
	result = make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { result <- w.loop(ctx, events, errs, func(b []string) { batches <- b }) }()
	return w, events, errs, batches, result
}

func TestLoopOverflowReportsRoots(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "oud", "a.md"), "a")
	w, _, errs, batches, _ := feed(t, root)
	// Changes whose events were lost: a folder removed, one made.
	if err := os.RemoveAll(filepath.Join(root, "oud")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "nieuw", "sub", "b.md"), "b")

	errs <- fsnotify.ErrEventOverflow
	if b := next(t, batches); !slices.Equal(b, []string{root}) {
		t.Errorf("batch after overflow = %q, want %q", b, []string{root})
	}
	list := w.fsw.WatchList()
	slices.Sort(list)
	if want := []string{filepath.Dir(root), root, filepath.Join(root, "nieuw"), filepath.Join(root, "nieuw", "sub")}; !slices.Equal(list, want) {
		t.Errorf("watching %q after overflow, want %q", list, want)
	}
}

func TestLoopFatalError(t *testing.T) {
	t.Parallel()
	_, _, errs, _, result := feed(t, t.TempDir())
	broken := errors.New("kapot")
	errs <- broken
	select {
	case err := <-result:
		if !errors.Is(err, broken) {
			t.Errorf("loop = %v, want it to wrap %v", err, broken)
		}
	case <-time.After(patience):
		t.Fatal("loop did not return after a fatal error")
	}
}

func TestLoopFiltersAndMerges(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	_, events, _, batches, _ := feed(t, root)
	page := filepath.Join(root, "pagina.md")
	gone := filepath.Join(root, "weg.md")
	for i := range 1000 {
		events <- fsnotify.Event{Name: page, Op: fsnotify.Write}
		events <- fsnotify.Event{Name: filepath.Join(root, "x", "..", "pagina.md.swp"), Op: fsnotify.Write}
		events <- fsnotify.Event{Name: filepath.Join(root, "chmod.md"), Op: fsnotify.Chmod}
		if i == 500 {
			events <- fsnotify.Event{Name: gone, Op: fsnotify.Remove | fsnotify.Chmod}
			// Created and gone again within the batch: not reported.
			events <- fsnotify.Event{Name: filepath.Join(root, "kort.md"), Op: fsnotify.Create}
		}
	}
	if b, want := next(t, batches), []string{page, gone}; !slices.Equal(b, want) {
		t.Errorf("batch = %q, want %q", b, want)
	}
}

func TestWithin(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p, dir string
		want   bool
	}{
		{"/a/b", "/a", true},
		{"/a", "/a", true},
		{"/ab", "/a", false},
		{"/a/b/c", "/a/b", true},
		{"/x", "/", true},
		{"/a", "/a/b", false},
	} {
		if got := within(tc.p, tc.dir); got != tc.want {
			t.Errorf("within(%q, %q) = %v, want %v", tc.p, tc.dir, got, tc.want)
		}
	}
}
