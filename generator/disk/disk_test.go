package disk

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":                   "titel: Test\n",
		"opdrachten/leeg.md":          "",
		"opdrachten/groot.md":         strings.Repeat("Wie ben ik? ", 10000),
		"competenties/motieven/a.md":  "---\ntitel: A\n---\n",
		"competenties/motieven/b.txt": "b",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := FS{Dir: dir}
	for name, text := range files {
		got, err := fsys.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != text {
			t.Errorf("ReadFile(%q) = %d bytes, want %d", name, len(got), len(text))
		}
	}
	if err := fstest.TestFS(fsys, "site.yaml", "opdrachten/groot.md", "competenties/motieven/a.md"); err != nil {
		t.Fatal(err)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "map"), 0o755); err != nil {
		t.Fatal(err)
	}
	fsys := FS{Dir: dir}
	for _, tc := range []struct {
		name, op string
		is       error
	}{
		{"weg.md", "open", fs.ErrNotExist},
		{"map/weg.md", "open", fs.ErrNotExist},
		{"../buiten.md", "open", fs.ErrInvalid},
		{"/abs.md", "open", fs.ErrInvalid},
	} {
		_, err := fsys.ReadFile(tc.name)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Op != tc.op || pe.Path != tc.name || !errors.Is(err, tc.is) {
			t.Errorf("ReadFile(%q) = %v, want *fs.PathError{%s %s} wrapping %v", tc.name, err, tc.op, tc.name, tc.is)
		}
	}
	// A folder opens but cannot be read, as with os.ReadFile.
	_, err := fsys.ReadFile("map")
	_, oserr := os.ReadFile(filepath.Join(dir, "map"))
	if err == nil || oserr == nil || !strings.HasSuffix(err.Error(), strings.TrimPrefix(oserr.Error(), "read "+filepath.Join(dir, "map"))) {
		t.Errorf("ReadFile(map) = %v, os.ReadFile gives %v", err, oserr)
	}
}

// TestReadFileNoSize reads files that report size 0 but have contents.
func TestReadFileNoSize(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /proc")
	}
	want, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip(err)
	}
	got, err := FS{Dir: "/proc/self"}.ReadFile("maps")
	if err != nil {
		t.Fatal(err)
	}
	// The maps differ between two reads (the buffers are mappings too);
	// both start with the program's own mapping and are larger than one
	// read's first 512 bytes.
	first := func(b []byte) string { l, _, _ := bytes.Cut(b, []byte("\n")); return string(l) }
	if len(got) <= 512 || first(got) != first(want) {
		t.Errorf("read %d bytes starting %q; os.ReadFile read %d starting %q", len(got), first(got), len(want), first(want))
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	if err := WriteFile(name, []byte("<p>een lange eerste versie</p>")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("<p>kort</p>")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "<p>kort</p>" {
		t.Errorf("after two writes: %q, %v; want the second only", got, err)
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&^0o022 != 0o644&^0o022 {
		t.Errorf("mode %v, want rw-r--r-- (less the umask)", info.Mode().Perm())
	}
	missing := filepath.Join(dir, "geen-map", "index.html")
	err = WriteFile(missing, nil)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile in a missing folder = %v, want *fs.PathError for %s wrapping fs.ErrNotExist", err, missing)
	}
}

func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "naam"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := Exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no atomic exchange here")
	}
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		if got, err := os.ReadFile(filepath.Join(d, "naam")); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", d, got, err, want)
		}
	}
}

func TestProcessGone(t *testing.T) {
	if ProcessGone(os.Getpid()) {
		t.Error("ProcessGone(own pid) = true")
	}
	if runtime.GOOS == "windows" {
		return
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	// The child has been waited for, so its id is free (reuse within
	// this test is very unlikely).
	if !ProcessGone(cmd.Process.Pid) {
		t.Errorf("ProcessGone(%d) = false for a finished child", cmd.Process.Pid)
	}
}

func TestReadFileInto(t *testing.T) {
	dir := t.TempDir()
	small, large := "Wat kan ik?\n", strings.Repeat("Wat wil ik? ", 100)
	for name, text := range map[string]string{"klein.md": small, "groot.md": large} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := FS{Dir: dir}
	buf := make([]byte, 5, 64)
	got, err := fsys.ReadFileInto("klein.md", buf)
	if err != nil || string(got) != small {
		t.Fatalf("ReadFileInto(klein.md) = %q, %v", got, err)
	}
	if &got[0] != &buf[:1][0] {
		t.Error("a file that fits was not read into the buffer")
	}
	got, err = fsys.ReadFileInto("groot.md", got)
	if err != nil || string(got) != large {
		t.Fatalf("ReadFileInto(groot.md) = %d bytes, %v; want %d", len(got), err, len(large))
	}
	if _, err := fsys.ReadFileInto("weg.md", buf); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFileInto(weg.md) = %v, want fs.ErrNotExist", err)
	}
}
