package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"lobsite/generator/disk"
)

// markerFile is written into every output folder. lobsite only ever
// replaces a folder that holds it (or an empty one), so a mistyped --dest
// cannot wipe someone's documents.
const markerFile = ".lobsite"

// checkDest refuses destinations that would overwrite the sources or
// a folder lobsite did not make.
func checkDest(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	// Compare the folders the paths lead to, through any symbolic link:
	// a --dest that is a link into content/ (or lies below one), or a
	// --source given through a link, must be seen for what it is.
	src, dst = resolvePath(src, 0), resolvePath(dst, 0)
	within := func(child, parent string) bool {
		rel, err := filepath.Rel(parent, child)
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..")
	}
	if within(src, dst) {
		return fmt.Errorf("de doelmap %s bevat de bronmap; kies een andere map met --dest, bijvoorbeeld %s", dest, filepath.Join(source, "public"))
	}
	for _, sub := range []string{"content", "themes"} {
		if within(dst, filepath.Join(src, sub)) || within(dst, resolvePath(filepath.Join(src, sub), 0)) {
			return fmt.Errorf("de doelmap %s ligt in %s/ van de bronmap; kies een map erbuiten, bijvoorbeeld %s", dest, sub, filepath.Join(source, "public"))
		}
	}
	info, err := os.Stat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("de doelmap %s is een bestand; kies een map met --dest", dest)
	}
	if _, err := os.Stat(filepath.Join(dst, markerFile)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("de doelmap %s bestaat al en is niet door lobsite gemaakt; lobsite vervangt de hele map, dus kies een lege of nieuwe map met --dest (of maak deze map leeg)", dest)
	}
	return nil
}

// resolvePath returns the absolute path p with every symbolic link in it
// followed, also where its last parts do not exist yet (a new --dest) or a
// link points at nothing yet. hops counts the links followed, to stop at a
// loop of links.
func resolvePath(p string, hops int) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if hops > 40 {
		return p
	}
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if target, err := os.Readlink(p); err == nil {
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
			return resolvePath(target, hops+1)
		}
	}
	dir := filepath.Dir(p)
	if dir == p {
		return p
	}
	return filepath.Join(resolvePath(dir, hops), filepath.Base(p))
}

// stagingPrefix is the start of the name of the folder a build writes
// into, beside dest: ".public.nieuw-<pid>-<random>".
func stagingPrefix(dst string) string { return "." + filepath.Base(dst) + ".nieuw-" }

// removeStale removes unfinished trees beside dst left by builds whose
// process is gone (killed, or the machine stopped).
func removeStale(dst string) {
	prefix := stagingPrefix(dst)
	entries, _ := os.ReadDir(filepath.Dir(dst))
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() {
			continue
		}
		if disk.ProcessGone(pid) {
			os.RemoveAll(filepath.Join(filepath.Dir(dst), e.Name()))
		}
	}
}

// staging creates a fresh folder beside dest to build into.
func staging(dest string) (string, error) {
	dst, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	removeStale(dst)
	dir, err := os.MkdirTemp(filepath.Dir(dst), fmt.Sprintf("%s%d-", stagingPrefix(dst), os.Getpid()))
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// swapIn replaces dest by the finished tree in dir, atomically where the
// system allows (Linux renameat2 RENAME_EXCHANGE), and removes the old tree.
func swapIn(dir, dest string) error {
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(dir, dst)
	}
	if err := disk.Exchange(dir, dst); err == nil {
		return os.RemoveAll(dir) // dir now holds the old tree
	}
	old := dir + ".oud"
	if err := os.Rename(dst, old); err != nil {
		return err
	}
	if err := os.Rename(dir, dst); err != nil {
		_ = os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}

// writeAtomic writes one file by writing a temporary file beside it and
// renaming it over the target, so a reader never sees half a file.
func writeAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), name)
}

// outFile maps a page URL to its file under root.
func outFile(root, url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return filepath.Join(root, filepath.FromSlash(url), "index.html")
	}
	return filepath.Join(root, filepath.FromSlash(url))
}
