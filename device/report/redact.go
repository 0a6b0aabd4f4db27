package report

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"unstuck/device"
	"unstuck/device/tr"
)

// NameHidden replaces a phone's own name (e.g. "Anna's iPhone") in a
// redacted report.
const NameHidden = "(name hidden)"

// suffixLen is how many characters of an identifier a redacted report keeps,
// so support can tell two phones apart without learning the identifier.
const suffixLen = 4

// Redacted writes an identifier the way a redacted report shows it: an
// ellipsis and its last four characters ("…3F2A").
func Redacted(id string) string {
	id = strings.TrimSpace(id)
	if len(id) <= suffixLen {
		return "…"
	}
	return "…" + strings.ToUpper(id[len(id)-suffixLen:])
}

// Shapes of identifiers of phones the report does not know about (a UDID in
// a pair-record path, an iBoot serial string pasted into an error).
var (
	reUDIDNew   = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-?[0-9a-f]{16}\b`)
	reUDIDOld   = regexp.MustCompile(`(?i)\b[0-9a-f]{40}\b`)
	reTagged    = regexp.MustCompile(`(?i)\b(ECID|SRNM|IMEI|SERIAL ?NUMBER|UDID)(\s*[:=]\s*\[?)([0-9a-z]{4,})`)
	reLongHex   = regexp.MustCompile(`(?i)\b0x[0-9a-f]{12,16}\b`)
	reIMEILike  = regexp.MustCompile(`\b[0-9]{15}\b`)
	genericName = map[string]bool{"iphone": true, "ipad": true, "ipod": true, "ipod touch": true}
)

// redactor replaces every form of the known phones' identifiers, then
// anything shaped like an identifier.
type redactor struct {
	known   *regexp.Regexp // nil when no phone has an identifier
	replace map[string]string
}

func newRedactor(devices []device.Device) *redactor {
	rd := &redactor{replace: map[string]string{}}
	add := func(value, shown string) {
		value = strings.TrimSpace(value)
		if len(value) < 6 { // too short to be an identifier; would hit ordinary words
			return
		}
		rd.replace[strings.ToLower(value)] = shown
	}
	for _, d := range devices {
		if d.UDID != "" {
			shown := Redacted(d.UDID)
			add(d.UDID, shown)
			add(strings.ReplaceAll(d.UDID, "-", ""), shown)
		}
		if d.ECID != 0 {
			shown := Redacted(fmt.Sprintf("%016x", d.ECID))
			for _, form := range []string{"0x%016x", "%016x", "0x%x", "%x", "%d"} {
				add(fmt.Sprintf(form, d.ECID), shown)
			}
		}
		if d.SerialNumber != "" {
			add(d.SerialNumber, Redacted(d.SerialNumber))
		}
		if n := strings.TrimSpace(d.DeviceName); n != "" {
			if !genericName[strings.ToLower(n)] && !strings.EqualFold(n, d.Name()) {
				rd.replace[strings.ToLower(n)] = NameHidden
			}
		}
	}
	if len(rd.replace) == 0 {
		return rd
	}
	needles := make([]string, 0, len(rd.replace))
	for k := range rd.replace {
		needles = append(needles, k)
	}
	// Longest first: the ECID without leading zeros is inside the UDID.
	sort.Slice(needles, func(i, j int) bool {
		if len(needles[i]) != len(needles[j]) {
			return len(needles[i]) > len(needles[j])
		}
		return needles[i] < needles[j]
	})
	for i, n := range needles {
		needles[i] = regexp.QuoteMeta(n)
	}
	rd.known = regexp.MustCompile(`(?i)` + strings.Join(needles, "|"))
	return rd
}

// text redacts one string.
func (rd *redactor) text(s string) string {
	if s == "" {
		return s
	}
	if rd.known != nil {
		s = rd.known.ReplaceAllStringFunc(s, func(m string) string { return rd.replace[strings.ToLower(m)] })
	}
	s = reTagged.ReplaceAllStringFunc(s, func(m string) string {
		g := reTagged.FindStringSubmatch(m)
		if !strings.ContainsAny(g[3], "0123456789") { // "Serial number: unknown"
			return m
		}
		return g[1] + g[2] + Redacted(g[3])
	})
	for _, re := range []*regexp.Regexp{reUDIDOld, reUDIDNew, reLongHex, reIMEILike} {
		s = re.ReplaceAllStringFunc(s, Redacted)
	}
	return s
}

// report redacts the identifier fields of the phones, then every string in
// the report (free text included), so fields added later are covered too.
func (rd *redactor) report(r *Report) {
	for _, list := range [][]Phone{r.Devices, r.Departed} {
		for i := range list {
			p := &list[i]
			if p.DeviceName != "" {
				p.DeviceName = NameHidden
			}
			p.UDID = redactedOrEmpty(p.UDID)
			p.ECID = redactedOrEmpty(strings.TrimPrefix(p.ECID, "0x"))
			p.SerialNumber = redactedOrEmpty(p.SerialNumber)
		}
	}
	rd.walk(reflect.ValueOf(r).Elem())
}

func redactedOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return Redacted(s)
}

// walk redacts every settable string reachable from v, and the words and
// values of every Text.
func (rd *redactor) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(rd.text(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			rd.walk(v.Elem())
		}
	case reflect.Struct:
		if t, ok := v.Interface().(tr.Text); ok {
			if v.CanSet() {
				v.Set(reflect.ValueOf(t.Map(rd.text)))
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				rd.walk(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			rd.walk(v.Index(i))
		}
	}
}
