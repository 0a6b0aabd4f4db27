package device

import (
	"encoding/json"
	"fmt"
)

// MarshalJSON writes the device in snake_case with the chip identifiers as
// hex strings (cpid "0x8015", bdid "0x06", ecid "0x001c2d3e4f5a6b7c", the
// forms irecovery prints). Identifiers that were not read are left out.
func (d Device) MarshalJSON() ([]byte, error) {
	type plain Device // drops this method
	out := struct {
		plain
		CPID string `json:"cpid,omitempty"`
		BDID string `json:"bdid,omitempty"`
		ECID string `json:"ecid,omitempty"`
	}{plain: plain(d)}
	if d.ChipKnown {
		out.CPID = fmt.Sprintf("0x%04x", d.CPID)
		out.BDID = fmt.Sprintf("0x%02x", d.BDID)
	}
	if d.ECID != 0 {
		out.ECID = FormatECID(d.ECID)
	}
	return json.Marshal(out)
}

// FormatECID writes an ECID the way irecovery -q does.
func FormatECID(ecid uint64) string { return fmt.Sprintf("0x%016x", ecid) }
