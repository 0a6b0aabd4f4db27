package device

import "testing"

func TestParseUDID(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		cpid uint32
	}{
		{"00008140-001C396E1E13001C", true, 0x8140},
		{"00008140001C396E1E13001C", true, 0x8140},
		{"61b75e9f2e0c9f0c60e7221b6cec287820e7539b", true, 0},
		{"61b75e9f2e0c9f0c60e7221b6cec287820e7539", false, 0},
		{"00000000-0000000000000000", false, 0},
		{"not a udid", false, 0},
	} {
		u, ok := ParseUDID(c.in)
		if ok != c.ok || u.CPID != c.cpid {
			t.Errorf("ParseUDID(%q) = %+v, %v", c.in, u, ok)
		}
	}
}

func TestModeOfProductID(t *testing.T) {
	for pid, want := range map[uint16]Mode{0x1227: ModeDFU, 0x1281: ModeRecovery, 0x1283: ModeRecovery, 0x1222: ModeWTF, 0xF014: ModePortDFU, 0x12a8: ModeNormal, 0x1290: ModeNormal} {
		if got, ok := ModeOfProductID(pid); !ok || got != want {
			t.Errorf("pid %04x: %q %v, want %q", pid, got, ok, want)
		}
	}
	for _, pid := range []uint16{0x0250, 0x12b0, 0x1284, 0x1338} {
		if m, ok := ModeOfProductID(pid); ok {
			t.Errorf("pid %04x mapped to %q", pid, m)
		}
	}
}

func TestProductTableNamesOnlyKnownModes(t *testing.T) {
	head := "pid_low\tpid_high\tmode\tusb_name\n"
	if _, err := parseProductTable([]byte(head + "0x1227\t0x1227\tdfu\tApple Mobile Device (DFU Mode)\n")); err != nil {
		t.Errorf("a known mode: %v", err)
	}
	if _, err := parseProductTable([]byte(head + "0x1227\t0x1227\tdfuu\tApple Mobile Device (DFU Mode)\n")); err == nil {
		t.Error("a misspelt mode was accepted")
	}
}
