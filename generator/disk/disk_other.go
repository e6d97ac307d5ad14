//go:build !linux

package disk

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
)

func readFile(name string, buf []byte) ([]byte, string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, opOf(err), unwrap(err)
	}
	defer f.Close()
	w := bytes.NewBuffer(buf)
	if _, err := w.ReadFrom(f); err != nil {
		return nil, opOf(err), unwrap(err)
	}
	return w.Bytes(), "", nil
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
