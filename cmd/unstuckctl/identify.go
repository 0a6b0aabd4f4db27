package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"unstuck/device/identify"
)

func cmdIdentify(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("identify")
	asText := fs.Bool("text", false, "print plain text instead of JSON")
	if err := parseWithArgs(fs, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if text == "" {
		raw, err := io.ReadAll(io.LimitReader(stdin, identify.MaxInput+1))
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		text = string(raw)
	}
	if len(text) > identify.MaxInput {
		text = text[:identify.MaxInput]
		fmt.Fprintf(stderr, "unstuckctl: only the first %d MiB of the text was read; the rest was not\n", identify.MaxInput>>20)
	}
	r := identify.Text(text)
	if *asText {
		return printIdentity(stdout, r)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func printIdentity(w io.Writer, r identify.Result) error {
	field := func(label string, v *string) {
		if v != nil {
			fmt.Fprintf(w, "%-14s %s\n", label+":", *v)
		}
	}
	if len(r.Found) == 0 {
		_, err := fmt.Fprintln(w, "No iPhone identifiers found in the text.")
		return err
	}
	field("Mode", r.Mode)
	field("Model", r.Model)
	field("Product type", r.ProductType)
	field("Button family", r.Family)
	field("CPID", r.CPID)
	field("BDID", r.BDID)
	field("ECID", r.ECID)
	field("UDID", r.UDID)
	field("Serial", r.Serial)
	field("iOS", r.IOSVersion)
	field("Trust", r.Trust)
	_, err := fmt.Fprintf(w, "Found:         %s\n", strings.Join(r.Found, "; "))
	return err
}
