package disk

import (
	"errors"

	"golang.org/x/sys/unix"
)

// readFile is open, fstat, read, close. A regular file is read up to the
// size fstat gave: a snapshot of the file as it was when opened. Other
// files (a pipe, something in /proc reporting size 0) are read to the end.
func readFile(name string, buf []byte) ([]byte, string, error) {
	// O_NONBLOCK: opening a named pipe would wait for a writer. It does
	// not change reading a regular file.
	fd, err := retry(func() (int, error) { return unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0) })
	if err != nil {
		return nil, "open", err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, "stat", err
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFIFO, unix.S_IFSOCK, unix.S_IFCHR, unix.S_IFBLK:
		return nil, "read", ErrNotRegular
	}
	regular := st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size > 0
	size := 512
	if regular {
		size = int(st.Size)
	}
	data := buf
	if cap(data) < size {
		data = make([]byte, 0, size)
	}
	for !regular || len(data) < size {
		if len(data) == cap(data) { // only for a file that reports no size
			data = append(data, 0)[:len(data)]
		}
		n, err := retry(func() (int, error) { return unix.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, "read", err
		}
		if n == 0 {
			break
		}
		data = data[:len(data)+n]
	}
	return data, "", nil
}

// writeFile is open (create or truncate), write until done, close.
func writeFile(name string, data []byte) (string, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return "open", err
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, data) })
		if err != nil {
			unix.Close(fd)
			return "write", err
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return "close", err
	}
	return "", nil
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}

func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

func processGone(pid int) bool {
	return errors.Is(unix.Kill(pid, 0), unix.ESRCH)
}
