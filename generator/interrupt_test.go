package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestInterruptedBuildLeavesNothing cancels a build before it renders and
// checks that the previous output stays and no unfinished tree is left; a
// tree left by a build whose process is gone is removed by the next build.
func TestInterruptedBuildLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/klein.txtar", dir)
	dest := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BuildContext(ctx, Options{Source: dir, Dest: dest}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: err = %v, want context.Canceled", err)
	}
	sameTrees(t, "after cancel", readTree(t, dest), before)

	// A leftover of a dead process (pid 2^22+1 is above Linux's pid_max
	// default, so no process has it), and one that is not ours to touch.
	stale := filepath.Join(dir, ".public.nieuw-4194305-123")
	other := filepath.Join(dir, ".public.nieuw-notes")
	for _, d := range []string{stale, other} {
		if err := os.MkdirAll(filepath.Join(d, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	names := siblingNames(t, dest)
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale tree of a dead build still there: %v", names)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a folder not named like a build's was removed: %v", names)
	}
}
