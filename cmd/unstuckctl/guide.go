package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"unstuck/device/catalog"
	"unstuck/device/procedure"
)

// cmdGuide prints a procedure's steps with their seconds and sources.
func cmdGuide(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("guide", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("procedure", "", "force-restart, recovery or dfu")
	model := fs.String("model", "", "product type, e.g. iPhone10,3")
	family := fs.String("family", "", "button family: side, iphone7, home-side, home-top")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	fam := catalog.Family(*family)
	name := ""
	var model0 *catalog.Model
	switch {
	case *model != "" && *family != "":
		return usageError("guide takes --model or --family, not both")
	case *model != "":
		m, ok := catalog.ByProductType(*model)
		if !ok {
			return fmt.Errorf("unknown model %q (expected a product type such as iPhone10,3)", *model)
		}
		fam, name, model0 = m.Family, m.Name, &m
	case *family == "":
		return usageError("guide needs --model or --family")
	}
	p, ok := procedure.For(fam, procedure.Kind(*kind))
	if model0 != nil {
		p, ok = procedure.ForModel(*model0, procedure.Kind(*kind))
	}
	if !ok {
		return usageError(fmt.Sprintf("no procedure %q for family %q", *kind, fam))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	var b strings.Builder
	title := fam.Describe()
	if name != "" {
		title = name + " (" + title + ")"
	}
	fmt.Fprintf(&b, "%s: %s, about %.0f s\n", title, p.Kind, p.Seconds())
	fmt.Fprintf(&b, "Risk: %s\n", p.Risk)
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "! %s\n", w)
	}
	for i, s := range p.Steps {
		until := ""
		if s.Until != "" {
			until = ", until " + s.Until
		}
		fmt.Fprintf(&b, "%d. %s (%s %s, %.1f s%s)\n   Phone: %s. USB: %s. [%s]\n",
			i+1, s.Say, s.Action, strings.Join(buttonNames(s.Buttons), " + "), s.Seconds, until, s.See, s.USB, s.Source)
	}
	_, err := io.WriteString(stdout, b.String())
	return err
}

func buttonNames(bs []procedure.Button) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}
