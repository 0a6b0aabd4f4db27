package demo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// sysfsBus is a simulated Linux USB bus as sysfs shows it: one directory
// per device under bus/usb/devices with the attributes the kernel exposes
// (idVendor, idProduct, busnum, devnum, speed, serial). The real USB source
// reads it with DisableLibusb, exactly as it reads /sys on a real machine.
type sysfsBus struct {
	root string
	n    int // names the staging and leaving folders apart
}

type usbPhone struct {
	port      string // e.g. "1-1"
	bus, addr int
	pid       uint16
	speed     int
	serial    string
}

func newSysfsBus(root string) (*sysfsBus, error) {
	if err := os.MkdirAll(filepath.Join(root, "bus", "usb", "devices"), 0o755); err != nil {
		return nil, err
	}
	return &sysfsBus{root: root}, nil
}

func (b *sysfsBus) plug(p usbPhone) error {
	dir := filepath.Join(b.root, "bus", "usb", "devices", p.port)
	// Stage outside the devices folder: a reader listing it must never see a
	// half-written device.
	b.n++
	tmp := filepath.Join(b.root, "staging", fmt.Sprintf("%s.%d", p.port, b.n))
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	attrs := map[string]string{
		"idVendor":  "05ac",
		"idProduct": fmt.Sprintf("%04x", p.pid),
		"busnum":    fmt.Sprint(p.bus),
		"devnum":    fmt.Sprint(p.addr),
		"speed":     fmt.Sprint(p.speed),
		"serial":    p.serial,
	}
	for name, v := range attrs {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(v+"\n"), 0o644); err != nil {
			return err
		}
	}
	// Appear at once, as the kernel's directory does.
	if err := b.unplug(p.port); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// unplug makes the device's folder leave at once (see discard).
func (b *sysfsBus) unplug(port string) error {
	b.n++
	return discard(filepath.Join(b.root, "bus", "usb", "devices", port), filepath.Join(b.root, "gone", fmt.Sprintf("%s.%d", port, b.n)))
}

// discard makes the folder at path leave at once, by moving it to gone
// (outside anything a reader watches), then tidies it away. A move, not
// os.RemoveAll: that works file by file (a reader could see half a device
// or half a backup), and under Wine 8 it fails outright (unlinkat: Invalid
// function). A path already gone is fine.
func discard(path, gone string) error {
	if err := os.MkdirAll(filepath.Dir(gone), 0o755); err != nil {
		return err
	}
	err := os.Rename(path, gone)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	_ = os.RemoveAll(gone) // tidying only
	return nil
}
