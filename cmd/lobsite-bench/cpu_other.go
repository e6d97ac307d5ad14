//go:build !linux

package main

import "time"

// processCPU is known only on Linux.
func processCPU(pid int) (time.Duration, bool) { return 0, false }
