// Package identify finds iPhone identifiers in text a user or support agent
// pastes as is: an iBoot USB serial string, `irecovery -q` or `-v` output, a
// usbmuxd or kernel log line, `ideviceinfo` output, or a bare UDID. It says
// what the identifiers mean (model, button family) and which mode the text
// implies. What the text does not give stays unknown: nothing is guessed.
package identify

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/iboot"
)

// Result is what a text says. Nil fields were not in the text.
type Result struct {
	Mode        *string `json:"mode"`
	ProductType *string `json:"product_type"`
	Model       *string `json:"model"`
	Family      *string `json:"button_family"`
	CPID        *string `json:"cpid"`
	BDID        *string `json:"bdid"`
	ECID        *string `json:"ecid"`
	UDID        *string `json:"udid"`
	IOSVersion  *string `json:"ios_version"`
	Trust       *string `json:"trust"`
	Serial      *string `json:"serial_number"`
	// Found lists, in plain words, what was recognised and why the mode was concluded.
	Found []string `json:"found"`
}

// MaxInput bounds how much text is read.
const MaxInput = 1 << 20

var (
	// irecovery -q: "CPID: 0x8015", "MODE: DFU", "PRODUCT: iPhone10,3".
	reQuery = regexp.MustCompile(`(?m)^\s*(CPID|CPRV|BDID|ECID|CPFM|SCEP|IBFL|SRTG|SRNM|IMEI|MODE|PRODUCT|MODEL|NAME|PWND):[ \t]+(.*?)\s*$`)
	// irecovery -v: "Connected to iPhone10,3, model d22ap, cpid 0x8015, bdid 0x06"
	reConnected = regexp.MustCompile(`Connected to (iPhone\d+,\d+), model (\w+), cpid 0x([0-9a-fA-F]+), bdid 0x([0-9a-fA-F]+)`)
	// "05ac:1227" in lsusb, irecovery -v, usbmuxd and kernel logs; "idVendor=05ac, idProduct=12a8" in dmesg.
	reVIDPID   = regexp.MustCompile(`(?i)\b05ac[:/]([0-9a-f]{4})\b`)
	reDmesgPID = regexp.MustCompile(`(?i)idVendor=05ac,\s*idProduct=([0-9a-f]{4})`)
	reUDID     = regexp.MustCompile(`\b([0-9a-fA-F]{40}|[0-9a-fA-F]{8}-?[0-9a-fA-F]{16})\b`)
	reKV       = regexp.MustCompile(`(?m)^\s*(ProductType|ProductVersion|UniqueChipID|UniqueDeviceID|ChipID|BoardId|SerialNumber):\s*(\S+)\s*$`)
	reProduct  = regexp.MustCompile(`\b(iPhone\d{1,2},\d{1,2})\b`)
)

// Text identifies whatever the text contains.
func Text(text string) Result {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	var r Result
	var cpid, bdid uint32
	chip := false

	// 1. An iBoot serial string, alone or inside a log line.
	if info := iboot.Parse(text); info.HasCPID && (info.HasECID || info.HasBDID) && !reQuery.MatchString(text) {
		r.note("an iBoot USB serial string")
		if info.HasBDID {
			cpid, bdid, chip = info.CPID, info.BDID, true
		}
		if info.HasECID {
			r.ECID = ptr(device.FormatECID(info.ECID))
		}
		if info.SRNM != "" {
			r.Serial = ptr(info.SRNM)
		}
		switch info.Stage() {
		case "securerom":
			r.setMode(device.ModeDFU, "SRTG is present: the SecureROM is talking, so DFU mode")
		case "iboot":
			r.setMode(device.ModeRecovery, "SRNM is present: iBoot is talking, so recovery mode")
		}
	}

	// 2. irecovery -q output.
	q := map[string]string{}
	for _, m := range reQuery.FindAllStringSubmatch(text, -1) {
		q[m[1]] = m[2]
	}
	if len(q) >= 2 {
		r.note("irecovery -q output")
		if v, ok := hexField(q["CPID"]); ok {
			cpid = uint32(v)
			if b, ok := hexField(q["BDID"]); ok {
				bdid, chip = uint32(b), true
			}
		}
		if v, ok := hexField(q["ECID"]); ok && v != 0 {
			r.ECID = ptr(device.FormatECID(v))
		}
		if v := q["SRNM"]; v != "" && v != "N/A" {
			r.Serial = ptr(v)
		}
		if v := q["PRODUCT"]; strings.HasPrefix(v, "iPhone") {
			r.ProductType = ptr(v)
		}
		switch strings.ToLower(q["MODE"]) {
		case "dfu":
			r.setMode(device.ModeDFU, "irecovery says MODE: DFU")
		case "recovery":
			r.setMode(device.ModeRecovery, "irecovery says MODE: Recovery")
		case "port dfu":
			r.setMode(device.ModePortDFU, "irecovery says MODE: Port DFU")
		case "wtf":
			r.setMode(device.ModeWTF, "irecovery says MODE: WTF")
		}
	}

	// 3. irecovery -v "Connected to ..." line.
	if m := reConnected.FindStringSubmatch(text); m != nil {
		r.note("irecovery -v connection line")
		r.ProductType = ptr(m[1])
		c, _ := strconv.ParseUint(m[3], 16, 32)
		b, _ := strconv.ParseUint(m[4], 16, 32)
		cpid, bdid, chip = uint32(c), uint32(b), true
	}

	// 4. A USB product ID (lsusb, usbmuxd, kernel log).
	for _, re := range []*regexp.Regexp{reVIDPID, reDmesgPID} {
		if m := re.FindStringSubmatch(text); m != nil && r.Mode == nil {
			pid, _ := strconv.ParseUint(m[1], 16, 16)
			if mode, ok := device.ModeOfProductID(uint16(pid)); ok {
				r.note(fmt.Sprintf("USB product ID 05ac:%04x", pid))
				if mode == device.ModeNormal {
					r.setMode(mode, fmt.Sprintf("product ID %04x is an iPhone in normal (or restore) mode", pid))
				} else {
					r.setMode(mode, fmt.Sprintf("product ID %04x means %s mode", pid, mode))
				}
			}
		}
	}

	// 5. ideviceinfo-style key: value lines.
	kv := map[string]string{}
	for _, m := range reKV.FindAllStringSubmatch(text, -1) {
		kv[m[1]] = m[2]
	}
	if len(kv) > 0 {
		r.note("lockdown values (ideviceinfo output)")
		if v := kv["ProductType"]; v != "" {
			r.ProductType = ptr(v)
		}
		if v := kv["ProductVersion"]; v != "" {
			r.IOSVersion = ptr(v)
		}
		if v, err := strconv.ParseUint(kv["UniqueChipID"], 10, 64); err == nil && v != 0 {
			r.ECID = ptr(device.FormatECID(v))
		}
		if v := kv["SerialNumber"]; v != "" {
			r.Serial = ptr(v)
		}
		if v := kv["UniqueDeviceID"]; v != "" {
			text += "\n" + v // handled as a UDID below
		}
		r.setMode(device.ModeNormal, "lockdownd answered, which it does only in normal mode")
	}

	// 6. A UDID: only iOS in normal mode reports one.
	for _, m := range reUDID.FindAllString(text, -1) {
		u, ok := device.ParseUDID(m)
		if !ok || (r.ECID != nil && u.ECID == 0 && strings.Contains(strings.ToLower(*r.ECID), strings.ToLower(m))) {
			continue
		}
		r.note("a UDID")
		r.UDID = ptr(u.UDID)
		if u.ECID != 0 {
			r.ECID = ptr(device.FormatECID(u.ECID))
			if !chip && cpid == 0 {
				cpid = u.CPID
				r.CPID = ptr(fmt.Sprintf("0x%04x", cpid))
			}
		}
		r.setMode(device.ModeNormal, "a UDID is reported only by a phone running iOS (normal mode)")
		break
	}

	for _, t := range trustPhrases {
		if strings.Contains(text, t.phrase) {
			r.Trust = ptr(string(t.trust))
			r.note("a pairing answer: " + t.phrase)
			break
		}
	}

	if r.ProductType == nil {
		if m := reProduct.FindStringSubmatch(text); m != nil {
			r.ProductType = ptr(m[1])
		}
	}
	r.resolveModel(cpid, bdid, chip)
	return r
}

// trustPhrases are lockdownd's pairing errors and what Debian's
// idevicepair and ideviceinfo print for them (shared/research/simulation.md).
var trustPhrases = []struct {
	phrase string
	trust  device.Trust
}{
	{"PairingDialogResponsePending", device.TrustPending},
	{"accept the trust dialog", device.TrustPending},
	{"Pairing dialog response pending", device.TrustPending},
	{"UserDeniedPairing", device.TrustDenied},
	{"denied the trust dialog", device.TrustDenied},
	{"User denied pairing", device.TrustDenied},
	{"PasswordProtected", device.TrustPasscode},
	{"a passcode is set", device.TrustPasscode},
	{"Password protected", device.TrustPasscode},
	{"SUCCESS: Paired with device", device.TrustTrusted},
}

func (r *Result) resolveModel(cpid, bdid uint32, chip bool) {
	if chip {
		r.CPID = ptr(fmt.Sprintf("0x%04x", cpid))
		r.BDID = ptr(fmt.Sprintf("0x%02x", bdid))
	}
	var m catalog.Model
	ok := false
	if r.ProductType != nil {
		m, ok = catalog.ByProductType(*r.ProductType)
	}
	if !ok && chip {
		m, ok = catalog.ByChip(cpid, bdid)
		if ok {
			r.ProductType = ptr(m.ProductType)
		}
	}
	if ok {
		r.Model = ptr(m.Name)
		r.Family = ptr(string(m.Family))
		return
	}
	if cpid != 0 {
		if f, ok := catalog.FamilyOfChip(cpid); ok {
			r.Family = ptr(string(f))
			r.note("the chip is not in the catalogue; the button family follows from the chip")
		}
	}
}

func (r *Result) setMode(m device.Mode, why string) {
	if r.Mode != nil {
		return
	}
	r.Mode = ptr(string(m))
	r.note(why)
}

func (r *Result) note(s string) {
	for _, f := range r.Found {
		if f == s {
			return
		}
	}
	r.Found = append(r.Found, s)
}

func hexField(s string) (uint64, bool) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
	if s == "" || s == "N/A" {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 16, 64)
	return v, err == nil
}

func ptr[T any](v T) *T { return &v }
