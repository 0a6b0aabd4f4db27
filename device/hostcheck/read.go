package hostcheck

import (
	"fmt"
	"io"
	"io/fs"

	"unstuck/device/filekind"
)

// maxTextFile bounds a system text file read for a check (dpkg's status
// file on a full desktop is a few MB).
const maxTextFile = 64 << 20

// readRegular reads a regular file of root, at most maxTextFile bytes. A
// named pipe, device or folder where the file should be is refused, not
// read: reading a pipe would wait for a writer that never comes.
func readRegular(root fs.FS, path string) ([]byte, error) {
	st, err := fs.Stat(root, path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("/%s is %s, not a regular file", path, filekind.Describe(st.Mode()))
	}
	f, err := root.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxTextFile+1))
	if err == nil && len(raw) > maxTextFile {
		return nil, fmt.Errorf("/%s is over %d MiB", path, maxTextFile>>20)
	}
	return raw, err
}
