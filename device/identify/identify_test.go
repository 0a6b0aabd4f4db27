package identify

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"unstuck/device/tr"
)

func TestIdentify(t *testing.T) {
	cases := []struct {
		name, text string
		want       map[string]string // field -> value; "<nil>" = must be unknown
	}{
		{"dfu serial", "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]",
			map[string]string{"mode": "dfu", "product_type": "iPhone10,3", "model": "iPhone X (Global)", "cpid": "0x8015", "bdid": "0x06", "ecid": "0x001c2d3e4f5a6b7c", "udid": "<nil>", "ios_version": "<nil>"}},
		{"recovery serial in a kernel log", "usb 1-2: SerialNumber: SDOM:01 CPID:8101 CPRV:11 CPFM:03 SCEP:01 BDID:0C ECID:000A1B2C3D4E5F60 IBFL:3D SRNM:[F17XK0ABJCLF]",
			map[string]string{"mode": "recovery", "model": "iPhone 12", "ecid": "0x000a1b2c3d4e5f60", "serial_number": "F17XK0ABJCLF"}},
		{"irecovery -q", "CPID: 0x8015\nCPRV: 0x11\nBDID: 0x06\nECID: 0x001c2d3e4f5a6b7c\nCPFM: 0x03\nSCEP: 0x01\nIBFL: 0x3c\nSRTG: iBoot-3332.0.0.1.23\nSRNM: N/A\nIMEI: N/A\nNONC: N/A\nSNON: N/A\nMODE: DFU\nPRODUCT: iPhone10,3\nMODEL: d22ap\nNAME: iPhone X (Global)\n",
			map[string]string{"mode": "dfu", "product_type": "iPhone10,3", "cpid": "0x8015", "bdid": "0x06", "ecid": "0x001c2d3e4f5a6b7c", "serial_number": "<nil>"}},
		{"irecovery -v", "Attempting to connect... \nopening device 05ac:1281 @ 0x1234...\nSetting to configuration 1\nConnected to iPhone8,1, model n71ap, cpid 0x8000, bdid 0x04",
			map[string]string{"mode": "recovery", "product_type": "iPhone8,1", "model": "iPhone 6s", "button_family": "home-side", "cpid": "0x8000", "bdid": "0x04", "ecid": "<nil>"}},
		{"usbmuxd log line", "[17:02:11.123][3] Found new device with v/p 05ac:12a8 at 1-4",
			map[string]string{"mode": "normal", "udid": "<nil>", "ecid": "<nil>", "model": "<nil>"}},
		{"new-style UDID", "00008140-001C396E1E13001C",
			map[string]string{"mode": "normal", "udid": "00008140-001C396E1E13001C", "ecid": "0x001c396e1e13001c", "cpid": "0x8140", "bdid": "<nil>", "model": "<nil>", "button_family": "side"}},
		{"old-style UDID", "my phone is 61b75e9f2e0c9f0c60e7221b6cec287820e7539b thanks",
			map[string]string{"mode": "normal", "udid": "61b75e9f2e0c9f0c60e7221b6cec287820e7539b", "ecid": "<nil>", "cpid": "<nil>"}},
		{"ideviceinfo", "DeviceName: Ana\nProductType: iPhone13,2\nProductVersion: 17.5.1\nUniqueChipID: 2845608346542944\nUniqueDeviceID: 00008101-000A1B2C3D4E5F60\n",
			map[string]string{"mode": "normal", "model": "iPhone 12", "ios_version": "17.5.1", "ecid": "0x000a1b2c3d4e5f60", "udid": "00008101-000A1B2C3D4E5F60"}},
		{"idevicepair", "ERROR: Please accept the trust dialog on the screen of device 00008101-000A1B2C3D4E5F60, then attempt to pair again.",
			map[string]string{"trust": "pair-dialog-pending", "mode": "normal"}},
		{"irecovery -q without BDID", "CPID: 0x8015\nECID: 0x001c2d3e4f5a6b7c\nMODE: Recovery\n",
			map[string]string{"mode": "recovery", "cpid": "0x8015", "bdid": "<nil>", "ecid": "0x001c2d3e4f5a6b7c", "model": "<nil>", "button_family": "side"}},
		{"irecovery -q without CPID", "BDID: 0x06\nMODE: DFU\n",
			map[string]string{"mode": "dfu", "cpid": "<nil>", "bdid": "0x06", "model": "<nil>"}},
		{"serial string without BDID", "CPID:8015 ECID:001C2D3E4F5A6B7C SRTG:[iBoot-3332.0.0.1.23]",
			map[string]string{"mode": "dfu", "cpid": "0x8015", "bdid": "<nil>", "ecid": "0x001c2d3e4f5a6b7c"}},
		{"Windows instance path", `USB\VID_05AC&PID_1281\CPID:8015_CPRV:11_CPFM:03_SCEP:01_BDID:0C_ECID:001A2B3C4D5E6F70_IBFL:3C_SRTG:[IBOOT-3865.0.0.4.7]`,
			map[string]string{"mode": "recovery", "cpid": "0x8015", "bdid": "0x0c", "ecid": "0x001a2b3c4d5e6f70", "product_type": "iPhone10,5", "model": "iPhone 8 Plus (GSM)"}},
		{"Windows interface path", `\\?\usb#vid_05ac&pid_1227#cpid:8015_cprv:11_cpfm:03_scep:01_bdid:0c_ecid:001a2b3c4d5e6f70_ibfl:3c_srtg:[iboot-3865.0.0.4.7]#{b8085869-feb9-404b-8cb1-1e5c14fa8c54}`,
			map[string]string{"mode": "dfu", "cpid": "0x8015", "bdid": "0x0c", "ecid": "0x001a2b3c4d5e6f70", "model": "iPhone 8 Plus (GSM)"}},
		{"Windows path without serial", `USB\VID_05AC&PID_1227`,
			map[string]string{"mode": "dfu", "cpid": "<nil>", "ecid": "<nil>"}},
		{"Windows path of a normal phone", `USB\VID_05AC&PID_12A8\00008101000A1B2C3D4E5F60`,
			map[string]string{"mode": "normal", "udid": "00008101-000A1B2C3D4E5F60", "ecid": "0x000a1b2c3d4e5f60"}},
		{"nothing", "hello, my phone is stuck", map[string]string{"mode": "<nil>", "model": "<nil>", "ecid": "<nil>"}},
		{"garbage", "CPID:zz ECID:[[[ 05ac:zzzz \x00\xff", map[string]string{"mode": "<nil>", "cpid": "<nil>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw, err := json.Marshal(Text(c.text))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			json.Unmarshal(raw, &got)
			for k, want := range c.want {
				v, present := got[k]
				if !present {
					t.Fatalf("field %s missing from JSON %s", k, raw)
				}
				s := "<nil>"
				if v != nil {
					s = v.(string)
				}
				if s != want {
					t.Errorf("%s = %s, want %s (%s)", k, s, want, raw)
				}
			}
		})
	}
}

func FuzzText(f *testing.F) {
	f.Add("CPID:8015 BDID:06 ECID:001C2D3E4F5A6B7C SRTG:[x]")
	f.Add("CPID: 0x8015\nMODE: DFU\n")
	f.Add("05ac:1227 00008140-001C396E1E13001C")
	f.Fuzz(func(t *testing.T, s string) {
		r := Text(s)
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

// TestIrecoveryModes: every MODE irecovery -q prints, in any case, gives
// its mode and says so; an unknown one gives none.
func TestIrecoveryModes(t *testing.T) {
	cases := []struct{ said, mode, found string }{
		{"DFU", "dfu", "irecovery says MODE: DFU"},
		{"Recovery", "recovery", "irecovery says MODE: Recovery"},
		{"recovery", "recovery", "irecovery says MODE: Recovery"},
		{"Port DFU", "port-dfu", "irecovery says MODE: Port DFU"},
		{"WTF", "wtf", "irecovery says MODE: WTF"},
		{"Restore", "", ""},
	}
	for _, c := range cases {
		t.Run(c.said, func(t *testing.T) {
			r := Text("CPID: 0x8015\nMODE: " + c.said + "\n")
			got := ""
			if r.Mode != nil {
				got = *r.Mode
			}
			if got != c.mode {
				t.Fatalf("mode %q, want %q (found %q)", got, c.mode, r.Found)
			}
			if c.found != "" && !slices.Contains(tr.Strings(r.Found), c.found) {
				t.Errorf("found %q, want it to contain %q", r.Found, c.found)
			}
		})
	}
}

// What was found reads in German through the catalogue, the mode's words
// included; JSON stays English. A message missing from the German
// catalogue (or from all) shows as its ID or in English and fails.
func TestFoundInGerman(t *testing.T) {
	defer tr.Use(tr.Use("de"))
	r := Text(`USB\VID_05AC&PID_1281\CPID:8015_BDID:0C_ECID:001A2B3C4D5E6F70_SRTG:[IBOOT-3865.0.0.4.7]`)
	got := strings.Join(tr.Strings(r.Found), " | ")
	want := "ein Windows-Gerätepfad | Windows nennt die Produkt-ID 1281, also Wiederherstellungsmodus"
	if got != want {
		t.Errorf("German: %q, want %q", got, want)
	}
	raw, _ := json.Marshal(r.Found)
	if string(raw) != `["a Windows device path","Windows names product ID 1281, which means recovery mode"]` {
		t.Errorf("JSON %s", raw)
	}
}
