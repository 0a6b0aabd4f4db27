//go:build !windows

package desktop

// getSaveFileName is Windows's dialog; elsewhere there is none.
func getSaveFileName(Save) (string, error) { return "", ErrNoDialog }
