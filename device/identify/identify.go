// Package identify finds iPhone identifiers in text a user or support agent
// pastes as is: an iBoot USB serial string, `irecovery -q` or `-v` output, a
// usbmuxd or kernel log line, a Windows device path (Device Manager's
// "Device instance path", or a device interface path), `ideviceinfo`
// output, or a bare UDID. It says what the identifiers mean (model, button
// family) and which mode the text implies. What the text does not give
// stays unknown: nothing is guessed.
package identify

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/iboot"
	"unstuck/device/tr"
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
	// Found lists, in plain words, what was recognised and why the mode
	// was concluded (in English in JSON).
	Found []tr.Text `json:"found"`
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

// Text identifies whatever the text contains. Each kind of text is read in
// turn; an earlier one decides the mode (setMode keeps the first), a later
// one may fill in or replace identifiers.
func Text(text string) Result {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	s := &scan{text: text}
	s.windowsPath()
	s.ibootSerial()
	s.irecoveryQuery()
	s.irecoveryConnected()
	s.usbProductID()
	s.lockdownValues()
	s.udid()
	s.trust()
	if s.r.ProductType == nil {
		if m := reProduct.FindStringSubmatch(s.text); m != nil {
			s.r.ProductType = ptr(m[1])
		}
	}
	s.r.resolveModel(s.chip)
	return s.r
}

// scan is one Text call: the result so far and the text, to which
// lockdownValues adds the UniqueDeviceID for udid to read.
type scan struct {
	r    Result
	text string
	chip chip
}

// chip is the chip and board the text names; each is kept once stated.
type chip struct {
	cpid, bdid       uint32
	hasCPID, hasBDID bool
}

func (c *chip) setCPID(v uint32) { c.cpid, c.hasCPID = v, true }
func (c *chip) setBDID(v uint32) { c.bdid, c.hasBDID = v, true }

// windowsPath reads a Windows device path: its product ID gives the mode,
// its serial string (iBoot's, in recovery and DFU) the chip and ECID.
func (s *scan) windowsPath() {
	p, ok := iboot.FindWindowsPath(s.text)
	if !ok || p.VID != device.AppleVID {
		return
	}
	s.r.note(tr.Msg("cli.found.windows-path"))
	if mode, ok := device.ModeOfProductID(p.PID); ok {
		s.r.setMode(mode, tr.Msg("cli.found.windows-pid", "PID", hex4(uint64(p.PID)), "Mode", modeWords(mode)))
	}
	// A normal-mode phone's serial is its UDID, which udid reads from the
	// text itself.
	if info := iboot.Parse(p.Serial); info.HasCPID || info.HasECID {
		s.applyIBoot(info)
	}
}

// ibootSerial reads an iBoot serial string, alone or inside a log line.
func (s *scan) ibootSerial() {
	info := iboot.Parse(s.text)
	if !info.HasCPID || !(info.HasECID || info.HasBDID) || reQuery.MatchString(s.text) {
		return
	}
	s.r.note(tr.Msg("cli.found.iboot-serial"))
	s.applyIBoot(info)
}

// applyIBoot keeps what an iBoot serial string states.
func (s *scan) applyIBoot(info iboot.Info) {
	if info.HasCPID {
		s.chip.setCPID(info.CPID)
	}
	if info.HasBDID {
		s.chip.setBDID(info.BDID)
	}
	if info.HasECID {
		s.r.ECID = ptr(device.FormatECID(info.ECID))
	}
	if info.SRNM != "" {
		s.r.Serial = ptr(info.SRNM)
	}
	switch info.Stage() {
	case "securerom":
		s.r.setMode(device.ModeDFU, tr.Msg("cli.found.srtg"))
	case "iboot":
		s.r.setMode(device.ModeRecovery, tr.Msg("cli.found.srnm"))
	}
}

// queryModes are irecovery -q's MODE values (lower case) and their modes.
var queryModes = map[string]struct {
	mode device.Mode
	said string
}{
	"dfu":      {device.ModeDFU, "DFU"},
	"recovery": {device.ModeRecovery, "Recovery"},
	"port dfu": {device.ModePortDFU, "Port DFU"},
	"wtf":      {device.ModeWTF, "WTF"},
}

// irecoveryQuery reads irecovery -q output: two "KEY: value" lines or more.
func (s *scan) irecoveryQuery() {
	q := map[string]string{}
	for _, m := range reQuery.FindAllStringSubmatch(s.text, -1) {
		q[m[1]] = m[2]
	}
	if len(q) < 2 {
		return
	}
	s.r.note(tr.Msg("cli.found.irecovery-q"))
	if v, ok := hexField(q["CPID"]); ok {
		s.chip.setCPID(uint32(v))
	}
	if v, ok := hexField(q["BDID"]); ok {
		s.chip.setBDID(uint32(v))
	}
	if v, ok := hexField(q["ECID"]); ok && v != 0 {
		s.r.ECID = ptr(device.FormatECID(v))
	}
	if v := q["SRNM"]; v != "" && v != "N/A" {
		s.r.Serial = ptr(v)
	}
	if v := q["PRODUCT"]; strings.HasPrefix(v, "iPhone") {
		s.r.ProductType = ptr(v)
	}
	if m, ok := queryModes[strings.ToLower(q["MODE"])]; ok {
		s.r.setMode(m.mode, tr.Msg("cli.found.irecovery-mode", "Mode", m.said))
	}
}

// irecoveryConnected reads irecovery -v's "Connected to ..." line.
func (s *scan) irecoveryConnected() {
	m := reConnected.FindStringSubmatch(s.text)
	if m == nil {
		return
	}
	s.r.note(tr.Msg("cli.found.irecovery-v"))
	s.r.ProductType = ptr(m[1])
	c, _ := strconv.ParseUint(m[3], 16, 32)
	b, _ := strconv.ParseUint(m[4], 16, 32)
	s.chip.setCPID(uint32(c))
	s.chip.setBDID(uint32(b))
}

// usbProductID reads a USB product ID (lsusb, usbmuxd, kernel log) when
// nothing before it gave the mode.
func (s *scan) usbProductID() {
	for _, re := range []*regexp.Regexp{reVIDPID, reDmesgPID} {
		m := re.FindStringSubmatch(s.text)
		if m == nil || s.r.Mode != nil {
			continue
		}
		pid, _ := strconv.ParseUint(m[1], 16, 16)
		mode, ok := device.ModeOfProductID(uint16(pid))
		if !ok {
			continue
		}
		s.r.note(tr.Msg("cli.found.usb-pid", "PID", "05ac:"+hex4(pid)))
		if mode == device.ModeNormal {
			s.r.setMode(mode, tr.Msg("cli.found.pid-normal", "PID", hex4(pid)))
		} else {
			s.r.setMode(mode, tr.Msg("cli.found.pid-mode", "PID", hex4(pid), "Mode", modeWords(mode)))
		}
	}
}

// lockdownValues reads ideviceinfo-style "Key: value" lines.
func (s *scan) lockdownValues() {
	kv := map[string]string{}
	for _, m := range reKV.FindAllStringSubmatch(s.text, -1) {
		kv[m[1]] = m[2]
	}
	if len(kv) == 0 {
		return
	}
	s.r.note(tr.Msg("cli.found.lockdown"))
	if v := kv["ProductType"]; v != "" {
		s.r.ProductType = ptr(v)
	}
	if v := kv["ProductVersion"]; v != "" {
		s.r.IOSVersion = ptr(v)
	}
	if v, err := strconv.ParseUint(kv["UniqueChipID"], 10, 64); err == nil && v != 0 {
		s.r.ECID = ptr(device.FormatECID(v))
	}
	if v := kv["SerialNumber"]; v != "" {
		s.r.Serial = ptr(v)
	}
	if v := kv["UniqueDeviceID"]; v != "" {
		s.text += "\n" + v // handled as a UDID by udid
	}
	s.r.setMode(device.ModeNormal, tr.Msg("cli.found.lockdown-normal"))
}

// udid reads the first UDID that is not the ECID already found: only iOS
// in normal mode reports one.
func (s *scan) udid() {
	for _, m := range reUDID.FindAllString(s.text, -1) {
		u, ok := device.ParseUDID(m)
		if !ok || (s.r.ECID != nil && u.ECID == 0 && strings.Contains(strings.ToLower(*s.r.ECID), strings.ToLower(m))) {
			continue
		}
		s.r.note(tr.Msg("cli.found.udid"))
		s.r.UDID = ptr(u.UDID)
		if u.ECID != 0 {
			s.r.ECID = ptr(device.FormatECID(u.ECID))
			if !s.chip.hasCPID {
				s.chip.setCPID(u.CPID)
			}
		}
		s.r.setMode(device.ModeNormal, tr.Msg("cli.found.udid-normal"))
		return
	}
}

// trust reads the first pairing answer in the text.
func (s *scan) trust() {
	for _, t := range trustPhrases {
		if strings.Contains(s.text, t.phrase) {
			s.r.Trust = ptr(string(t.trust))
			s.r.note(tr.Msg("cli.found.pairing", "Answer", t.phrase))
			return
		}
	}
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

func (r *Result) resolveModel(c chip) {
	if c.hasCPID {
		r.CPID = ptr(fmt.Sprintf("0x%04x", c.cpid))
	}
	if c.hasBDID {
		r.BDID = ptr(fmt.Sprintf("0x%02x", c.bdid))
	}
	both := c.hasCPID && c.hasBDID
	var m catalog.Model
	ok := false
	if r.ProductType != nil {
		m, ok = catalog.ByProductType(*r.ProductType)
	}
	if !ok && both {
		m, ok = catalog.ByChip(c.cpid, c.bdid)
		if ok {
			r.ProductType = ptr(m.ProductType)
		}
	}
	if ok {
		r.Model = ptr(m.Name)
		r.Family = ptr(string(m.Family))
		return
	}
	if c.hasCPID {
		if f, ok := catalog.FamilyOfChip(c.cpid); ok {
			r.Family = ptr(string(f))
			r.note(tr.Msg("cli.found.chip-family"))
		}
	}
}

// setMode keeps the first mode the text implies and why.
func (r *Result) setMode(m device.Mode, why tr.Text) {
	if r.Mode != nil {
		return
	}
	r.Mode = ptr(string(m))
	r.note(why)
}

// note adds what was recognised, once.
func (r *Result) note(s tr.Text) {
	for _, f := range r.Found {
		if f == s {
			return
		}
	}
	r.Found = append(r.Found, s)
}

// hex4 is a USB product ID as lsusb writes it: four hex digits.
func hex4(v uint64) string { return fmt.Sprintf("%04x", v) }

// modeWords names the mode inside a sentence ("recovery mode"), in the
// reader's language.
func modeWords(m device.Mode) tr.Text { return tr.Msg(m.MessageID("words")) }

func hexField(s string) (uint64, bool) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
	if s == "" || s == "N/A" {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 16, 64)
	return v, err == nil
}

func ptr[T any](v T) *T { return &v }
