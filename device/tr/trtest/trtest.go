// Package trtest lets a test speak a language and restores the one it found.
package trtest

import (
	"testing"

	"unstuck/device/tr"
)

// Speak makes tr speak tag until the test ends, then the language it spoke
// before; it fails the test when Unstuck does not speak tag.
func Speak(t testing.TB, tag string) {
	t.Helper()
	old := tr.Current()
	t.Cleanup(func() { tr.Use(old) })
	if got := tr.Use(tag); got != tag {
		t.Fatalf("tr speaks %s, not %s", got, tag)
	}
}
