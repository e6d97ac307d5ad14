package generator

import (
	"fmt"
	"io"
	"io/fs"
	"syscall"
)

// fileIdentity returns what tells two versions of an open file apart when
// their size and modification time agree (cp -p and unzip keep the time):
// here the inode and the change time, which no copy can set back. It never
// reads the file.
func fileIdentity(_ io.Reader, info fs.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("|%d|%d.%d", st.Ino, st.Ctim.Sec, st.Ctim.Nsec)
	}
	return ""
}
