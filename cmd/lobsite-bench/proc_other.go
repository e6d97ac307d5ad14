//go:build !unix

package main

import (
	"os"
	"time"
)

// usage returns the CPU time (user + system) of a finished child process.
// Peak memory is not measured on this platform and is reported as 0 KiB.
func usage(ps *os.ProcessState) (cpu time.Duration, peakKiB int64) {
	return ps.UserTime() + ps.SystemTime(), 0
}

// flush does nothing on this platform.
func flush() {}
