package iboot

import (
	"strings"
	"testing"
)

func TestFindWindowsPath(t *testing.T) {
	const serial = "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:0C ECID:001A2B3C4D5E6F70 IBFL:3C SRTG:[IBOOT-3865.0.0.4.7]"
	cases := []struct {
		name, text string
		ok         bool
		want       WindowsPath
	}{
		{"interface path", `\\?\usb#vid_05ac&pid_1281#cpid:8015_cprv:11_cpfm:03_scep:01_bdid:0c_ecid:001a2b3c4d5e6f70_ibfl:3c_srtg:[iboot-3865.0.0.4.7]#{ed82a167-d61a-4af6-9ab6-11e52236c576}`,
			true, WindowsPath{0x05AC, 0x1281, serial, "{ed82a167-d61a-4af6-9ab6-11e52236c576}"}},
		{"interface path, upper case", `\\?\USB#VID_05AC&PID_1227#CPID:8015_CPRV:11_CPFM:03_SCEP:01_BDID:0C_ECID:001A2B3C4D5E6F70_IBFL:3C_SRTG:[IBOOT-3865.0.0.4.7]#{B8085869-FEB9-404B-8CB1-1E5C14FA8C54}`,
			true, WindowsPath{0x05AC, 0x1227, serial, "{b8085869-feb9-404b-8cb1-1e5c14fa8c54}"}},
		{"instance path", `USB\VID_05AC&PID_1281\CPID:8015_CPRV:11_CPFM:03_SCEP:01_BDID:0C_ECID:001A2B3C4D5E6F70_IBFL:3C_SRTG:[IBOOT-3865.0.0.4.7]`,
			true, WindowsPath{0x05AC, 0x1281, serial, ""}},
		{"instance path in a sentence", `Device instance path: USB\VID_05AC&PID_1227\CPID:8015_ECID:001A2B3C4D5E6F70 (copied)`,
			true, WindowsPath{0x05AC, 0x1227, "CPID:8015 ECID:001A2B3C4D5E6F70", ""}},
		{"no serial", `\\?\usb#vid_05ac&pid_1281`, true, WindowsPath{0x05AC, 0x1281, "", ""}},
		{"composite interface", `USB\VID_05AC&PID_12A8&MI_00\6&2C5C1F4C&0&0000`, true, WindowsPath{0x05AC, 0x12A8, "", ""}},
		{"other vendor", `\\?\usb#vid_046d&pid_c52b#5&1a2b#{a5dcbf10-6530-11d2-901f-00c04fb951ed}`,
			true, WindowsPath{0x046D, 0xC52B, "", "{a5dcbf10-6530-11d2-901f-00c04fb951ed}"}},
		{"interface path without serial", `\\?\usb#vid_05ac&pid_1227#{b8085869-feb9-404b-8cb1-1e5c14fa8c54}`,
			true, WindowsPath{0x05AC, 0x1227, "", "{b8085869-feb9-404b-8cb1-1e5c14fa8c54}"}},
		{"serial with real spaces", `USB\VID_05AC&PID_1281\CPID:8015 ECID:1`, true, WindowsPath{0x05AC, 0x1281, "CPID:8015", ""}},
		{"a later path after a false start", `usbstor usb#vid_zzzz usb#vid_05ac&pid_f014#x#{y}`, true, WindowsPath{0x05AC, 0xF014, "X", "{y}"}},
		{"bad hex", `\\?\usb#vid_05ag&pid_1281#x#{g}`, false, WindowsPath{}},
		{"cut short", `\\?\usb#vid_05ac&pid_12`, false, WindowsPath{}},
		{"nothing", "my phone is stuck", false, WindowsPath{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := FindWindowsPath(c.text)
			if ok != c.ok || got != c.want {
				t.Fatalf("FindWindowsPath = %+v, %v; want %+v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

// FuzzFindWindowsPath: any text is read without a panic, and a path found
// carries a serial in upper case with no "_" and no line break.
func FuzzFindWindowsPath(f *testing.F) {
	f.Add(`\\?\usb#vid_05ac&pid_1281#cpid:8015_ecid:001a2b3c4d5e6f70#{ed82a167-d61a-4af6-9ab6-11e52236c576}`)
	f.Add(`USB\VID_05AC&PID_1227\CPID:8015_SRTG:[IBOOT]`)
	f.Add("usb#vid_05ac&pid_12")
	f.Add("\xffUSB\\VID_05AC&PID_1281\\\xc4\xb0")
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := FindWindowsPath(s)
		if !ok {
			return
		}
		if strings.ContainsAny(p.Serial, "_\t\r\n") || p.Serial != strings.ToUpper(p.Serial) {
			t.Fatalf("serial %q from %q", p.Serial, s)
		}
		if p.Interface != "" && (p.Interface[0] != '{' || p.Interface[len(p.Interface)-1] != '}') {
			t.Fatalf("interface %q from %q", p.Interface, s)
		}
	})
}
