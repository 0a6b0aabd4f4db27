package device

import "testing"

func TestFocus(t *testing.T) {
	a := Device{Key: "ecid:a", Mode: ModeNormal}
	b := Device{Key: "ecid:b", Mode: ModeRecovery}
	two := State{Devices: []Device{a, b}}
	for _, c := range []struct {
		name string
		s    State
		key  string
		want string // "" when none
	}{
		{"no phone", State{}, "", ""},
		{"no phone, a stale choice", State{Departed: []Device{a}}, "ecid:a", ""},
		{"no choice", two, "", "ecid:a"},
		{"the chosen phone", two, "ecid:b", "ecid:b"},
		{"the chosen phone left", State{Devices: []Device{b}, Departed: []Device{a}}, "ecid:a", "ecid:b"},
	} {
		d, ok := c.s.Focus(c.key)
		if ok != (c.want != "") || d.Key != c.want {
			t.Errorf("%s: Focus(%q) = %q, %v; want %q", c.name, c.key, d.Key, ok, c.want)
		}
	}
}

func TestEveryTrustInWords(t *testing.T) {
	for _, tr := range []Trust{TrustTrusted, TrustPending, TrustDenied, TrustPasscode, TrustUnknown} {
		if w := tr.Words().In("en"); w == "" || (tr != TrustUnknown && w == string(tr)) {
			t.Errorf("trust %q has no words: %q", tr, w)
		}
	}
}
