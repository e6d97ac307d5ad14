package disk

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFileNamedPipe checks that a named pipe is refused at once,
// instead of waiting for a writer.
func TestReadFileNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pijp.md"), 0o644); err != nil {
		t.Skip(err)
	}
	_, err := FS{Dir: dir}.ReadFile("pijp.md")
	if !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(pipe) = %v, want ErrNotRegular", err)
	}
}
