//go:build !unix

package disk

func processGone(pid int) bool { return false }
