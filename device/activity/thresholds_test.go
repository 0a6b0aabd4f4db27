package activity

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"unstuck/assets"
)

func TestTheEmbeddedTableReads(t *testing.T) {
	raw, err := assets.Data("activity.tsv")
	if err != nil {
		t.Fatal(err)
	}
	th, err := ParseThresholds(raw)
	if err != nil {
		t.Fatal(err)
	}
	// The two numbers with a primary source (idevicerestore, libimobiledevice#1380).
	if th.RestoreArrival != 300*time.Second || th.BackupPasscode != 180*time.Second {
		t.Fatalf("restore_arrival %v, backup_passcode %v", th.RestoreArrival, th.BackupPasscode)
	}
	if th.BackupWindow != 5*time.Minute {
		t.Fatalf("backup_window %v, want the research proposal's 5 minutes", th.BackupWindow)
	}
}

func TestBrokenTablesAreRefused(t *testing.T) {
	raw, _ := assets.Data("activity.tsv")
	good := string(raw)
	for name, c := range map[string]struct{ table, err string }{
		"a row missing":   {strings.Replace(good, "backup_slow\t300\t", "#", 1), "no backup_slow"},
		"a row twice":     {good + "backup_slow\t300\tagain\n", "given twice"},
		"an unknown row":  {good + "backup_fast\t1\tx\n", "unknown threshold"},
		"not a number":    {strings.Replace(good, "backup_poll\t10\t", "backup_poll\tten\t", 1), "not a positive number"},
		"zero":            {strings.Replace(good, "backup_poll\t10\t", "backup_poll\t0\t", 1), "not a positive number"},
		"out of order":    {strings.Replace(good, "backup_stalled\t1800\t", "backup_stalled\t600\t", 1), "must grow"},
		"restore reverse": {strings.Replace(good, "restore_long\t3600\t", "restore_long\t60\t", 1), "restore_normal"},
	} {
		if _, err := ParseThresholds([]byte(c.table)); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want %q", name, err, c.err)
		}
	}
}

func TestWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		7 * time.Second: "7 seconds", time.Minute: "1 minute", 25 * time.Minute: "25 minutes",
		time.Hour: "1 hour", 65 * time.Minute: "1 hour 5 minutes", 119 * time.Minute: "1 hour 59 minutes",
	} {
		if got := words(d).In("en"); got != want {
			t.Errorf("words(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestScaledScalesEveryTime(t *testing.T) {
	half := Default.Scaled(2)
	d, h := reflect.ValueOf(Default), reflect.ValueOf(half)
	for i := range d.NumField() {
		if got, want := h.Field(i).Interface().(time.Duration), d.Field(i).Interface().(time.Duration)/2; got != want {
			t.Errorf("%s scaled by 2: %v, want %v", d.Type().Field(i).Name, got, want)
		}
	}
}
