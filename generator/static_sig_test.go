package generator

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStaticReplacedSameSizeAndTime checks that an incremental build
// copies a static file replaced by one of the same size whose modification
// time is set back (as cp -p and unzip do): to the time it had, and to an
// older one that another file of the same size had, renamed over it or
// written in place.
func TestStaticReplacedSameSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	src := filepath.Join(dir, "content", "handboek", "schema.png")
	dest := filepath.Join(t.TempDir(), "public")
	b, err := NewBuilder(Options{Source: dir, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	old := info.ModTime()
	size := int(info.Size())
	for i, mtime := range []time.Time{old, old.Add(-48 * time.Hour), old.Add(-48 * time.Hour)} {
		data := make([]byte, size)
		for j := range data {
			data[j] = byte('a' + i)
		}
		// Replace it as unzip does (a new file renamed over the old one)
		// or as cp -p does (written in place, the last time).
		tmp := src + ".tmp"
		if i == 2 {
			tmp = src
		}
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(tmp, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, src); err != nil && tmp != src {
			t.Fatal(err)
		}
		if _, err := b.Build([]string{"content/handboek/schema.png"}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dest, "handboek", "schema.png"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(data) {
			t.Errorf("replacement %d (mtime %v): public/ has %.10q...; want %.10q...", i, mtime, got, data)
		}
	}
}
