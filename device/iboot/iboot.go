// Package iboot reads the USB serial-number string that an iPhone's SecureROM
// (DFU) or iBoot (recovery) reports, e.g.
//
//	SDOM:01 CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]
//
// Fields are space-separated TAG:value pairs; SRTG, SRNM, IMEI and PWND carry
// their value in brackets. The parser is tolerant: unknown tags are kept,
// malformed values are reported, nothing panics.
package iboot

import (
	"fmt"
	"strconv"
	"strings"
)

// Info is what a serial string says about the phone. Numeric fields are
// valid only when the matching Has* flag is set.
type Info struct {
	CPID, CPRV, CPFM, SCEP, BDID, IBFL, SDOM uint32
	ECID                                     uint64
	HasCPID, HasBDID, HasECID                bool
	HasCPRV, HasCPFM, HasSCEP, HasIBFL       bool
	HasSDOM                                  bool
	SRTG                                     string // SecureROM tag: present only in DFU (SecureROM)
	SRNM                                     string // device serial number: present in recovery (iBoot)
	IMEI                                     string
	PWND                                     string // set by exploits, e.g. checkm8
	NONC, SNON                               string // nonces, from string descriptor 1
	Other                                    map[string]string
	Problems                                 []string // malformed fields, in order
}

// Stage says which boot stage the string comes from, judged by its fields:
// "securerom" (SRTG present), "iboot" (SRNM present), or "" when unclear.
// The USB product ID stays the primary signal for the mode.
func (i Info) Stage() string {
	switch {
	case i.SRTG != "":
		return "securerom"
	case i.SRNM != "":
		return "iboot"
	}
	return ""
}

// Empty reports whether nothing useful was found.
func (i Info) Empty() bool {
	return !i.HasCPID && !i.HasECID && !i.HasBDID && i.SRTG == "" && i.SRNM == ""
}

// maxLen bounds the input: a USB string descriptor holds at most 126 UTF-16
// code units, and the nonce descriptor is shorter still; anything longer is
// not from a phone.
const maxLen = 4096

// Parse reads a serial string (and, optionally appended, the nonce string).
func Parse(s string) Info {
	var info Info
	if len(s) > maxLen {
		s = s[:maxLen]
		info.Problems = append(info.Problems, "string truncated: too long for a USB serial string")
	}
	for _, tok := range tokens(s) {
		tag, val, ok := strings.Cut(tok, ":")
		if !ok || tag == "" || !isTag(tag) {
			continue
		}
		val = unbracket(val)
		switch tag {
		case "CPID":
			info.CPID, info.HasCPID = info.hex32(tag, val, 0xFFFF)
		case "CPRV":
			info.CPRV, info.HasCPRV = info.hex32(tag, val, 0xFF)
		case "CPFM":
			info.CPFM, info.HasCPFM = info.hex32(tag, val, 0xFF)
		case "SCEP":
			info.SCEP, info.HasSCEP = info.hex32(tag, val, 0xFF)
		case "BDID":
			info.BDID, info.HasBDID = info.hex32(tag, val, 0xFFFFFFFF)
		case "IBFL":
			info.IBFL, info.HasIBFL = info.hex32(tag, val, 0xFF)
		case "SDOM":
			info.SDOM, info.HasSDOM = info.hex32(tag, val, 0xFF)
		case "ECID":
			v, err := strconv.ParseUint(val, 16, 64)
			if err != nil || val == "" {
				info.Problems = append(info.Problems, fmt.Sprintf("ECID %q is not a hex number", val))
				continue
			}
			info.ECID, info.HasECID = v, true
		case "SRTG":
			info.SRTG = val
		case "SRNM":
			info.SRNM = val
		case "IMEI":
			info.IMEI = val
		case "PWND":
			info.PWND = val
		case "NONC":
			info.NONC = val
		case "SNON":
			info.SNON = val
		default:
			if info.Other == nil {
				info.Other = map[string]string{}
			}
			info.Other[tag] = val
		}
	}
	return info
}

func (i *Info) hex32(tag, val string, max uint64) (uint32, bool) {
	v, err := strconv.ParseUint(val, 16, 64)
	if err != nil || val == "" || v > max {
		i.Problems = append(i.Problems, fmt.Sprintf("%s %q is not a valid hex value", tag, val))
		return 0, false
	}
	return uint32(v), true
}

// tokens splits on whitespace but keeps bracketed values (which may, in
// theory, contain spaces) together.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		}
		if depth == 0 && (r == ' ' || r == '\t' || r == '\n' || r == '\r') {
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func isTag(t string) bool {
	if len(t) < 3 || len(t) > 8 {
		return false
	}
	for _, r := range t {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func unbracket(v string) string {
	if strings.HasPrefix(v, "[") {
		v = v[1:]
		if i := strings.LastIndex(v, "]"); i >= 0 {
			v = v[:i]
		}
	}
	return v
}
