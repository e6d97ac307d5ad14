package main

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// TestSecondSignalExits checks the Ctrl-C handling the README promises:
// the first signal cancels the build's context (it stops at the next page,
// exit 130), the second exits at once even when the build is busy with one
// long page; after stop, signals do nothing.
func TestSecondSignalExits(t *testing.T) {
	for _, second := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		ch := make(chan os.Signal, 2)
		exited := make(chan struct{})
		ctx, stop := watchSignals(ch, func() { close(exited) })
		ch <- os.Interrupt
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatal("the first signal did not cancel the context")
		}
		select {
		case <-exited:
			t.Fatal("exited on the first signal")
		case <-time.After(50 * time.Millisecond):
		}
		ch <- second
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			t.Fatalf("the second signal (%v) did not exit", second)
		}
		stop()
	}
	ch := make(chan os.Signal, 2)
	ctx, stop := watchSignals(ch, func() { t.Error("exit after stop") })
	stop()
	ch <- os.Interrupt
	ch <- os.Interrupt
	time.Sleep(50 * time.Millisecond)
	if ctx.Err() == nil {
		t.Error("stop did not cancel the context")
	}
}
