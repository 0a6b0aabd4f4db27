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

// readRegular reads a regular file of root, at most max bytes. A named
// pipe, device or folder where the file should be is refused, not opened:
// opening a pipe would wait for a writer that never comes.
func readRegular(root fs.FS, path string, max int64) ([]byte, error) {
	st, err := fs.Stat(root, path)
	if err != nil {
		return nil, err
	}
	if err := filekind.Check(st.Mode()); err != nil {
		return nil, fmt.Errorf("/%s: %w", path, err)
	}
	f, err := root.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(raw)) > max {
		return nil, fmt.Errorf("/%s is over %d bytes", path, max)
	}
	return raw, err
}
