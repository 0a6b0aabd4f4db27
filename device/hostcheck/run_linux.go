//go:build linux

package hostcheck

import (
	"context"
	"os"

	"golang.org/x/sys/unix"
)

// LinuxProbesForThisComputer are the real Linux probes.
func LinuxProbesForThisComputer() LinuxProbes {
	return LinuxProbes{
		Root:      os.DirFS("/"),
		Cmd:       execRunner{},
		Net:       netDialer{},
		Devices:   nodeOpener{},
		Uname:     thisUname(),
		UID:       os.Geteuid(),
		MuxSocket: muxSocketPath(),
	}
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
	return checkLinux(ctx, LinuxProbesForThisComputer(), in)
}
