//go:build !linux

package disk

import (
	"errors"
	"io/fs"
	"os"
)

func readFile(name string) ([]byte, string, error) {
	data, err := os.ReadFile(name)
	return data, opOf(err), unwrap(err)
}

func writeFile(name string, data []byte) (string, error) {
	err := os.WriteFile(name, data, 0o644)
	return opOf(err), unwrap(err)
}

func opOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op
	}
	return "open"
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func exchange(a, b string) error { return errors.ErrUnsupported }
