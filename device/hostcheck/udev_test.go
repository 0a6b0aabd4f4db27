package hostcheck

import (
	"testing"
	"testing/fstest"
)

func TestUdevRuleParsing(t *testing.T) {
	for _, tc := range []struct {
		name, rules string
		missing     int // of the 7 recovery/DFU product IDs
	}{
		{"debian irecovery", `ACTION=="add", SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", ATTR{idProduct}=="122[27]|128[0-3]", TAG+="uaccess"`, 1},
		{"upstream group", `ACTION=="add", SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", ATTR{idProduct}=="122[27]|128[0-3]", OWNER="root", GROUP="plugdev", MODE="0660"`, 1},
		{"whole vendor", `SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", MODE:="0666"`, 0},
		{"suggested", suggestedUdevRule, 0},
		{"continued line", "SUBSYSTEM==\"usb\", \\\n  ATTRS{idVendor}==\"05AC\", ATTRS{idProduct}==\"1227\", TAG+=\"uaccess\"", 6},
		{"other vendor", `SUBSYSTEM=="usb", ATTR{idVendor}=="18d1", MODE="0666"`, 7},
		{"no access given", `SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", ATTR{idProduct}=="1227", RUN+="/bin/true"`, 7},
		{"remove action", `ACTION=="remove", ATTR{idVendor}=="05ac", TAG+="uaccess"`, 7},
		{"commented", `# ATTR{idVendor}=="05ac", TAG+="uaccess"`, 7},
		{"garbage", `ATTR{idVendor}=="05ac", MODE="0666`, 7},
		{"normal mode only", `SUBSYSTEM=="usb", ENV{PRODUCT}=="5ac/12[9a][0-9a-f]/*", OWNER="usbmux"`, 7},
	} {
		fsys := fstest.MapFS{"etc/udev/rules.d/50-test.rules": {Data: []byte(tc.rules)}}
		_, missing := udevCoverage(readUdevRules(fsys))
		if len(missing) != tc.missing {
			t.Errorf("%s: missing %v, want %d missing", tc.name, missing, tc.missing)
		}
	}
}

func TestUdevEtcHidesLib(t *testing.T) {
	fsys := fstest.MapFS{
		"usr/lib/udev/rules.d/39-libirecovery.rules": {Data: []byte(`ATTR{idVendor}=="05ac", TAG+="uaccess"`)},
		"etc/udev/rules.d/39-libirecovery.rules":     {Data: []byte("# disabled by the admin\n")},
	}
	if _, missing := udevCoverage(readUdevRules(fsys)); len(missing) != 7 {
		t.Errorf("the /etc file should hide the packaged one; missing %v", missing)
	}
}
