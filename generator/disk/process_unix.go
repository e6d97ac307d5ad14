//go:build unix && !linux

package disk

import (
	"errors"
	"syscall"
)

func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
