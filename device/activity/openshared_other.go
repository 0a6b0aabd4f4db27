//go:build !windows

package activity

import "os"

// openShared opens a file for reading. On Unix an open file never stops
// another program from renaming or deleting it.
func openShared(path string) (*os.File, error) { return os.Open(path) }
