// Package disk is lobsite's access to files and processes on the local
// machine, with the fewest system calls each platform allows.
//
// A build of ten thousand pages reads ten thousand sources and writes ten
// thousand pages. On Linux the os package spends five extra system calls
// on every file it opens (four fcntl to make it non-blocking and back, and
// an epoll registration that fails for regular files); the Linux code here
// opens, reads or writes, and closes, nothing else. Other systems use the
// os package.
package disk

import (
	"errors"
	"io/fs"
	"os"
)

// FS is a read-only fs.FS over the folder Dir on disk, like os.DirFS(Dir):
// the same names (slash-separated, as fs.ValidPath), the same errors
// (*fs.PathError wrapping fs.ErrNotExist and the like), symbolic links
// followed. It adds ReadFile with fewer system calls.
type FS struct{ Dir string }

// Open opens name as os.DirFS does.
func (d FS) Open(name string) (fs.File, error) { return os.DirFS(d.Dir).Open(name) }

// Stat returns the file information of name, following links, as
// os.DirFS does.
func (d FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(os.DirFS(d.Dir), name) }

// ReadDir lists the folder name, sorted by file name, as os.DirFS does.
func (d FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(os.DirFS(d.Dir), name) }

// ErrNotRegular is the error (in an *fs.PathError) for reading a named
// pipe, a socket or a device, which FS refuses on Linux rather than wait on.
var ErrNotRegular = errors.New("geen gewoon bestand (een pipe, socket of apparaat)")

// ReadFile returns the whole contents of the file name. Errors are
// *fs.PathError with Op "open" or "read" and Path name; an invalid name
// gives fs.ErrInvalid, a pipe or device ErrNotRegular (on Linux).
func (d FS) ReadFile(name string) ([]byte, error) { return d.ReadFileInto(name, nil) }

// ReadFileInto is ReadFile reading into buf when the file fits in its
// capacity, and into a new slice when it does not. The result shares buf's
// memory in the first case: a caller reading many files one after another
// passes back what the previous call returned, and allocates only for a
// file larger than any before.
func (d FS) ReadFileInto(name string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := d.Dir + "/" + name
	if name == "." {
		full = d.Dir
	}
	data, op, err := readFile(full, buf[:0])
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return data, nil
}

// WriteFile writes data to the file name, creating it with permissions
// 0644 (before the umask) or truncating it. Errors are *fs.PathError.
func WriteFile(name string, data []byte) error {
	if op, err := writeFile(name, data); err != nil {
		return &fs.PathError{Op: op, Path: name, Err: err}
	}
	return nil
}

// Exchange swaps the folders a and b atomically where the system allows it
// (Linux renameat2 with RENAME_EXCHANGE): a reader sees either tree whole,
// never neither. It returns errors.ErrUnsupported where it does not.
func Exchange(a, b string) error { return exchange(a, b) }

// ProcessGone reports whether no process with the given id runs on this
// machine. Where that cannot be known it reports false.
func ProcessGone(pid int) bool { return processGone(pid) }
