// Package watch tells the preview server which source files changed, in
// batches, so it can rebuild the site while the coordinator edits.
//
// A Watcher watches one or more root folders (for a site: <site>/content and
// <site>/themes) and every folder below them. Run hands the changes to a
// rebuild function:
//
//   - Changes are collected into a batch. The batch is handed over once no
//     new change arrived for Options.Debounce (the quiet period), or at the
//     latest Options.MaxWait after its first change, so a save that makes a
//     burst of events gives one batch and a long stream of changes (a folder
//     being copied in) still gives batches now and then.
//   - rebuild is called serially: never two calls at once. Changes that arrive
//     while rebuild runs are collected and give exactly one further call after
//     it returns.
//   - A batch is a sorted list of absolute, cleaned paths without duplicates.
//     A path may name a file or a folder; for a folder, anything below it may
//     have changed. A path may no longer exist (it was removed or renamed
//     away).
//
// The Watcher copes with what editors and file managers do:
//
//   - Atomic saves (write a temporary file, then rename it over the target)
//     report the target. A path that did not exist before a batch, was
//     created during it and is gone again when the batch is handed over is
//     left out, so the temporary file is not reported whatever its name.
//   - Swap, backup, lock and temporary files of common editors and systems are
//     ignored: *.swp, *.swx, *.swo, *~, .#*, #*#, 4913, *.tmp, *.bak, ~$*,
//     .DS_Store, Thumbs.db, .goutputstream-*, *.crdownload (suffixes are
//     matched without regard to case), and everything in a .git folder.
//   - Events that only change attributes (chmod) are ignored.
//   - A new folder is watched at once, with all folders below it; files that
//     were already inside it before the watch was added are reported too.
//   - For a removed or renamed file or folder, the old path is reported and
//     the watches on a folder and everything below it are removed. The new
//     name of a renamed folder is reported like a new folder.
//   - If the operating system drops events because its queue overflowed, the
//     Watcher reads all roots again (to watch folders it missed) and the
//     batch holds the roots themselves: everything may have changed.
//
// Symbolic links below a root are reported like files; the folders they
// point to are not watched. A root that is removed while watching is
// reported; so is a root that (re)appears, with everything in it, after
// which it is watched again: the folder that holds each root is watched
// too, for the root's own name only.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default values for the fields of Options.
const (
	// DefaultDebounce: editors write a save within a few milliseconds; a
	// short quiet period keeps edit-to-reload fast.
	DefaultDebounce = 10 * time.Millisecond
	DefaultMaxWait  = 300 * time.Millisecond
)

// Options tune how changes are grouped into batches. The zero value uses the
// defaults.
type Options struct {
	// Debounce is the quiet period: a batch is handed over when no change
	// arrived for this long. Zero or less means DefaultDebounce.
	Debounce time.Duration
	// MaxWait is the longest a batch keeps growing after its first change
	// while changes keep coming. Zero or less means DefaultMaxWait. A
	// value below Debounce makes every batch wait MaxWait.
	MaxWait time.Duration
	// Ignore reports file names whose changes are not reported (an
	// editor's swap and lock files, say); nil reports every name. A .git
	// folder is never watched.
	Ignore func(name string) bool
}

// Watcher watches folder trees for changes. Create one with New, then call Run
// once.
type Watcher struct {
	fsw   *fsnotify.Watcher
	roots []string // absolute, cleaned; whether they exist or not
	opts  Options

	// dirs holds the watched folders; known holds every file and folder
	// below the roots that is not ignored and was seen to exist. Both use
	// absolute, cleaned paths. New fills them; after that only the
	// goroutine running Run touches them.
	dirs  map[string]struct{}
	known map[string]struct{}

	// seen, when not nil, receives every path as it is added to a pending
	// batch. Tests use it to know the Watcher has noticed a change.
	seen chan<- string
}

// New starts watching each root folder and all folders below it. Roots that
// do not exist are skipped; a root that exists but is not a folder is an
// error, as is a folder that cannot be watched or read. Nothing is reported
// until Run is called.
func New(roots []string, opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("bestanden bewaken lukt niet: %w", err)
	}
	w := &Watcher{
		fsw:   fsw,
		opts:  opts,
		dirs:  make(map[string]struct{}),
		known: make(map[string]struct{}),
	}
	for _, r := range roots {
		if err := w.addRoot(r); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *Watcher) addRoot(root string) error {
	abs, err := filepath.Abs(root)
	if err != nil {
		return fmt.Errorf("map %s: %w", root, err)
	}
	fi, err := os.Stat(abs)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("map %s: %w", abs, err)
	}
	if err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is geen map; geef een map op om te bewaken", abs)
	}
	for _, r := range w.roots {
		if r == abs {
			return nil
		}
	}
	w.roots = append(w.roots, abs)
	// Watch the folder that holds the root, so that the root is seen
	// when it is removed and made again (or made for the first time).
	// Events there for other names are dropped in handle.
	if parent := filepath.Dir(abs); parent != abs {
		if err := w.fsw.Add(parent); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("map %s: %w", parent, err)
		}
	}
	if err != nil {
		return nil // not there yet
	}
	return w.addTree(abs, nil)
}

// Close stops watching. It is safe to call more than once and from any
// goroutine; a running Run returns nil soon after (once a rebuild in progress
// has returned).
func (w *Watcher) Close() error {
	return w.fsw.Close()
}

// Run calls rebuild with each batch of changed paths until ctx is done or
// Close is called (then it returns nil), or until watching fails (then it
// returns the error). Calls to rebuild never overlap, and Run does not return
// while a call is in progress; changes still pending when Run returns are
// dropped. Run closes the Watcher when it returns. Call Run only once.
func (w *Watcher) Run(ctx context.Context, rebuild func(changed []string)) error {
	defer w.Close()
	return w.loop(ctx, w.fsw.Events, w.fsw.Errors, rebuild)
}

// loop is Run with the event sources as parameters, so tests can feed it.
func (w *Watcher) loop(ctx context.Context, events <-chan fsnotify.Event, errs <-chan error, rebuild func([]string)) error {
	var (
		// pending maps each changed path to whether it was new: unknown
		// until an event in this batch created it.
		pending = make(map[string]bool)
		added   bool      // set by add
		first   time.Time // arrival of the batch's first change; zero if none
		timer   = time.NewTimer(time.Hour)
		timerC  <-chan time.Time // nil while no timer is set
		due     bool             // the batch is ready but rebuild is busy
		running bool
		done    = make(chan struct{}, 1)
	)
	timer.Stop()
	defer timer.Stop()

	add := func(p string, created bool) {
		if _, ok := pending[p]; !ok {
			pending[p] = created
		}
		added = true
		if w.seen != nil {
			w.seen <- p
		}
	}
	// schedule (re)sets the timer if changes were added to pending.
	schedule := func() {
		if !added {
			return
		}
		added = false
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		at := now.Add(w.opts.Debounce)
		if limit := first.Add(w.opts.MaxWait); at.After(limit) {
			at = limit
		}
		timer.Reset(time.Until(at))
		timerC = timer.C
		due = false
	}
	fire := func() {
		batch := finish(pending)
		pending = make(map[string]bool)
		first = time.Time{}
		due = false
		timerC = nil
		if len(batch) == 0 {
			return
		}
		running = true
		go func() {
			defer func() { done <- struct{}{} }()
			rebuild(batch)
		}()
	}
	// stop waits for a rebuild in progress, so none runs after Run returns.
	stop := func(err error) error {
		if running {
			<-done
		}
		return err
	}

	for {
		select {
		case <-ctx.Done():
			return stop(nil)
		case ev, ok := <-events:
			if !ok {
				return stop(nil)
			}
			if err := w.handle(ev, add); err != nil {
				return stop(err)
			}
			schedule()
		case err, ok := <-errs:
			if !ok {
				errs = nil // keep going until events is closed as well
				continue
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				return stop(fmt.Errorf("bestanden bewaken mislukt: %w", err))
			}
			// Events were lost: catch up, and report the roots so
			// everything is rebuilt.
			if err := w.rescan(); err != nil {
				return stop(err)
			}
			for _, r := range w.roots {
				add(r, false)
			}
			schedule()
		case <-timerC:
			timerC = nil
			if running {
				due = true
			} else {
				fire()
			}
		case <-done:
			running = false
			if due {
				fire()
			}
		}
	}
}

// handle adds the paths that ev changed to the pending batch through add.
func (w *Watcher) handle(ev fsnotify.Event, add func(p string, created bool)) error {
	if ev.Op&^fsnotify.Chmod == 0 {
		return nil // attributes only
	}
	p := filepath.Clean(ev.Name)
	if w.ignored(p) || !w.underRoot(p) {
		return nil // ignored, or another name beside a root
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(p)
		add(p, false)
	}
	if ev.Has(fsnotify.Create) {
		_, existed := w.known[p] // e.g. the target of an atomic save
		w.known[p] = struct{}{}
		add(p, !existed)
		fi, err := os.Lstat(p)
		if err == nil && fi.IsDir() {
			if err := w.addTree(p, add); err != nil {
				return err
			}
		}
	}
	if ev.Has(fsnotify.Write) {
		// Some systems report a folder as written when its entries change;
		// the entries themselves are reported, so skip the folder.
		if _, isDir := w.dirs[p]; !isDir {
			add(p, false)
		}
	}
	return nil
}

// addTree watches dir and every folder below it that is not watched yet,
// records everything inside as known, and passes what was not known before
// to found (when not nil). The watch is added before the folder is read, so
// a file created meanwhile is either read or reported by an event. A folder
// that disappears meanwhile is skipped.
func (w *Watcher) addTree(dir string, found func(p string, created bool)) error {
	if _, ok := w.dirs[dir]; !ok {
		if err := w.fsw.Add(dir); err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fsnotify.ErrClosed) {
				return nil
			}
			return fmt.Errorf("map %s bewaken lukt niet: %w (is het maximum aantal bewaakte mappen bereikt?)", dir, err)
		}
		w.dirs[dir] = struct{}{}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("map %s lezen lukt niet: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && name == ".git" || w.ignoredName(name) {
			continue
		}
		p := filepath.Join(dir, name)
		if _, ok := w.known[p]; !ok {
			w.known[p] = struct{}{}
			if found != nil {
				found(p, true)
			}
		}
		if e.IsDir() {
			if err := w.addTree(p, found); err != nil {
				return err
			}
		}
	}
	return nil
}

// forget drops p, and if it is a folder everything below it, from the
// known paths, and removes the watches on it.
func (w *Watcher) forget(p string) {
	delete(w.known, p)
	if _, isDir := w.dirs[p]; !isDir {
		return
	}
	for k := range w.known {
		if within(k, p) {
			delete(w.known, k)
		}
	}
	for d := range w.dirs {
		if within(d, p) {
			w.unwatch(d)
		}
	}
}

// unwatch removes the watch on folder d.
func (w *Watcher) unwatch(d string) {
	delete(w.dirs, d)
	// The system may have removed the watch already; fsnotify then answers
	// ErrNonExistentWatch, which is fine.
	_ = w.fsw.Remove(d)
}

// rescan brings the watches and known paths up to date after events were
// lost: folders that are gone are no longer watched, new ones are.
func (w *Watcher) rescan() error {
	for d := range w.dirs {
		if fi, err := os.Lstat(d); err != nil || !fi.IsDir() {
			w.unwatch(d)
		}
	}
	w.known = make(map[string]struct{})
	for _, r := range w.roots {
		if err := w.addTree(r, nil); err != nil {
			return err
		}
	}
	return nil
}

// underRoot reports whether p is a root or lies below one.
func (w *Watcher) underRoot(p string) bool {
	for _, r := range w.roots {
		if within(p, r) {
			return true
		}
	}
	return false
}

// ignored reports whether changes to p are not worth a rebuild: names
// Options.Ignore leaves out, and a .git folder (nothing inside one is
// watched, so only the folder itself can send an event).
func (w *Watcher) ignored(p string) bool {
	name := filepath.Base(p)
	return name == ".git" || w.ignoredName(name)
}

func (w *Watcher) ignoredName(name string) bool {
	return w.opts.Ignore != nil && w.opts.Ignore(name)
}

// within reports whether p is dir or lies below it. Both must be cleaned.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasPrefix(p, dir) {
		return false
	}
	if strings.HasSuffix(dir, string(filepath.Separator)) { // dir is "/"
		return true
	}
	return p[len(dir)] == filepath.Separator
}

// finish turns a pending batch into the sorted list handed to rebuild. New
// paths that are gone again (temporary files) are left out.
func finish(pending map[string]bool) []string {
	out := make([]string, 0, len(pending))
	for p, created := range pending {
		if created {
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				continue
			}
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
