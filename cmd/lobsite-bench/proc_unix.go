//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage returns the CPU time (user + system) and the peak resident set size
// in KiB of a finished child process.
//
// On Linux the peak is at least the parent's own resident size at the time of
// the fork: Go starts children with vfork, and the kernel carries the shared
// memory's high-water mark into the child's maxrss when it calls exec.
func usage(ps *os.ProcessState) (cpu time.Duration, peakKiB int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return ps.UserTime() + ps.SystemTime(), 0
	}
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	peakKiB = int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		peakKiB /= 1024 // bytes there, KiB elsewhere
	}
	return cpu, peakKiB
}

// flush writes all dirty file data to disk, so a timed run does not pay for
// the write-back of the run before it.
func flush() { syscall.Sync() }
