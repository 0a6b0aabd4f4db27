package iboot

import (
	"strings"
	"testing"
)

func TestParseDFUAndRecoveryStrings(t *testing.T) {
	// The same iPhone X in DFU and in recovery (Black Hat USA 2023, Dubois & Hyde, slides 38-39).
	dfu := Parse("CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]")
	if !dfu.HasCPID || dfu.CPID != 0x8015 || dfu.BDID != 0x06 || dfu.ECID != 0x001C2D3E4F5A6B7C || dfu.IBFL != 0x3C {
		t.Errorf("dfu %+v", dfu)
	}
	if dfu.SRTG != "iBoot-3332.0.0.1.23" || dfu.Stage() != "securerom" || len(dfu.Problems) != 0 {
		t.Errorf("dfu %+v", dfu)
	}
	rec := Parse("SDOM:01 CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3D SRNM:[FK1WT6BPJCLH] IMEI:[356741082954417] PWND:[checkm8]")
	if rec.SRNM != "FK1WT6BPJCLH" || rec.IMEI != "356741082954417" || rec.Stage() != "iboot" || !rec.HasSDOM || rec.PWND != "checkm8" {
		t.Errorf("recovery %+v", rec)
	}
	nonce := Parse("NONC:5C80FEFA733C35D4F339911A20E6FBDCFFE7E809 SNON:0123456789abcdef0123456789abcdef01234567")
	if nonce.NONC != "5C80FEFA733C35D4F339911A20E6FBDCFFE7E809" || nonce.SNON == "" {
		t.Errorf("nonce %+v", nonce)
	}
}

func TestParseUnknownAndMalformed(t *testing.T) {
	i := Parse("CPID:zz8015 BDID:1FFFFFFFFF ECID: SIKA:00 junk :: [ SRTG:[open")
	if i.HasCPID || i.HasBDID || i.HasECID {
		t.Errorf("malformed values accepted: %+v", i)
	}
	if len(i.Problems) != 3 {
		t.Errorf("problems %q, want 3", i.Problems)
	}
	if i.Other["SIKA"] != "00" {
		t.Errorf("unknown tag not kept: %+v", i.Other)
	}
	if !Parse("Apple Mobile Device (DFU Mode)").Empty() {
		t.Error("a product string must not look like a serial string")
	}
	long := Parse(strings.Repeat("CPID:8015 ", 2000))
	if !long.HasCPID || len(long.Problems) == 0 {
		t.Errorf("long input: %+v", long.Problems)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]")
	f.Add("SDOM:01 CPID:8110 SRNM:[X] IMEI:[1] NONC:ab SNON:cd PWND:[checkm8]")
	f.Add("[[[[ ]]]] ECID:ffffffffffffffffff")
	f.Fuzz(func(t *testing.T, s string) {
		i := Parse(s)
		if i.HasECID && i.ECID == 0 && !strings.Contains(s, "ECID:") {
			t.Fatalf("ECID invented from %q", s)
		}
		_ = i.Stage()
	})
}
