package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"unstuck/device"
	"unstuck/device/identify"
	"unstuck/device/tr"
)

func cmdIdentify(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("identify")
	asText := fs.Bool("text", false, tr.T("cli.flag.text"))
	if err := parseWithArgs(fs, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if text == "" {
		raw, err := io.ReadAll(io.LimitReader(stdin, identify.MaxInput+1))
		if err != nil {
			return errors.New(tr.T("cli.identify.stdin", "Error", err.Error()))
		}
		text = string(raw)
	}
	if len(text) > identify.MaxInput {
		text = text[:identify.MaxInput]
		fmt.Fprintln(stderr, "unstuckctl:", tr.T("cli.identify.cut", "MiB", identify.MaxInput>>20))
	}
	r := identify.Text(text)
	if *asText {
		return printIdentity(stdout, r)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// identityWidth is the width printIdentity pads its labels to.
const identityWidth = 15

// printIdentity writes what identify found for a person: one label a line,
// then what was recognised. Modes and trust are said in words; the rest is
// data.
func printIdentity(w io.Writer, r identify.Result) error {
	if len(r.Found) == 0 {
		_, err := fmt.Fprintln(w, tr.T("cli.identify.none"))
		return err
	}
	field := func(id string, v *string, words func(string) string) {
		if v != nil {
			fmt.Fprintf(w, "%s%s\n", padTo(tr.T(id), identityWidth), words(*v))
		}
	}
	same := func(s string) string { return s }
	field("field.mode", r.Mode, func(m string) string { return device.Mode(m).Words().String() })
	field("cli.field.model", r.Model, same)
	field("field.product", r.ProductType, same)
	field("cli.field.family", r.Family, same)
	field("cli.field.cpid", r.CPID, same)
	field("cli.field.bdid", r.BDID, same)
	field("field.ecid", r.ECID, same)
	field("field.udid", r.UDID, same)
	field("field.serial", r.Serial, same)
	field("field.ios", r.IOSVersion, same)
	field("field.trust", r.Trust, func(t string) string { return device.Trust(t).Words().String() })
	_, err := fmt.Fprintf(w, "%s%s\n", padTo(tr.T("cli.field.found"), identityWidth), strings.Join(tr.Strings(r.Found), tr.T("cli.list.separator")))
	return err
}
