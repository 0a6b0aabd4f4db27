//go:build darwin

package hostcheck

import (
	"context"
	"os"

	"golang.org/x/sys/unix"
)

// DarwinProbesForThisComputer are the real macOS probes.
func DarwinProbesForThisComputer() DarwinProbes {
	return DarwinProbes{Root: os.DirFS("/"), Uname: thisUname()}
}

func thisUname() Uname {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return Uname{}
	}
	return Uname{Sysname: unix.ByteSliceToString(u.Sysname[:]), Release: unix.ByteSliceToString(u.Release[:]),
		Machine: unix.ByteSliceToString(u.Machine[:])}
}

func runPlatform(ctx context.Context, in Input) []Check {
	return checkDarwin(ctx, DarwinProbesForThisComputer(), in)
}
