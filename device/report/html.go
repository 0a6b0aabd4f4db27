package report

import (
	"bytes"
	"fmt"
	"html/template"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// HTML is HTMLIn in the current language.
func (r Report) HTML() ([]byte, error) { return r.HTMLIn(tr.Current()) }

// HTMLIn is the report as one self-contained page in the language tag:
// inline CSS, no scripts, no images, no links it needs to load; it prints
// on A4 or Letter. At its end, folded, is the JSON: the same report in
// English for support staff.
func (r Report) HTMLIn(tag string) ([]byte, error) {
	js, err := r.JSON()
	if err != nil {
		return nil, err
	}
	page, err := pageTemplate.Clone()
	if err != nil {
		return nil, fmt.Errorf("writing the report as HTML: %w", err)
	}
	var b bytes.Buffer
	data := struct {
		Report
		Lang, JSONText string
	}{r, htmlLang(tag), string(js)}
	if err := page.Funcs(pageFuncs(tag)).Execute(&b, data); err != nil {
		return nil, fmt.Errorf("writing the report as HTML: %w", err)
	}
	return b.Bytes(), nil
}

// htmlLang is the page's lang attribute: the pseudo-language's words are English.
func htmlLang(tag string) string {
	if tag = tr.Match(tag); tag == "" || tag == tr.Pseudo {
		return tr.English
	}
	return tag
}

// pageFuncs are the template's words in tag: t a message of the report's
// own, say a device package's text, when and clock a moment.
func pageFuncs(tag string) template.FuncMap {
	return template.FuncMap{
		"t":      func(id string, kv ...any) string { return tr.In(tag, id, kv...) },
		"say":    func(v any) string { return sayAny(tag, v) },
		"when":   func(t time.Time) string { return when(t, true).In(tag) },
		"clock":  clock,
		"pill":   func(m device.Mode) string { return tr.In(tag, m.MessageID("pill")) },
		"status": func(s any) string { return statusWords(tag, fmt.Sprint(s)) },
		"speed":  func(p Phone) string { return p.speedIn(tag) },
		"trust":  func(t device.Trust) string { return say(tag, t.Words()) },
		"event":  func(e device.Event) eventWords { return eventIn(tag, e) },
		"deviceName": func(n string) string {
			if n == NameHidden {
				return tr.In(tag, "report.phone.name-hidden")
			}
			return n
		},
	}
}

// pageTemplate is parsed once; HTMLIn binds its functions to a language.
var pageTemplate = template.Must(template.New("report").Funcs(pageFuncs(tr.English)).Parse(pageSource))

const pageSource = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{t "report.page.title" "When" (when .Generated)}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f;
  background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #d2d2d7; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
pre { white-space: pre-wrap; word-break: break-all; font-size: .8rem; background: #f5f5f7; padding: .4rem .5rem; border-radius: 4px; }
.meta { color: #515154; margin-top: 0; }
.privacy { background: #f2f7ff; border-left: 4px solid #0071e3; padding: .5rem .8rem; }
.privacy.open { background: #fff4e5; border-color: #c93400; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e5e5ea; }
th { background: #f5f5f7; }
table.facts th { width: 12rem; background: none; color: #515154; font-weight: normal; }
.mode { font-weight: bold; }
.ok { color: #1b7f3b; } .warn { color: #a05a00; } .fail { color: #c4001a; font-weight: bold; } .unknown { color: #6e6e73; } .info { color: #44505c; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; border: 1px solid currentColor; font-size: .85rem; }
.empty { color: #6e6e73; font-style: italic; }
footer { margin-top: 2.5rem; color: #6e6e73; font-size: .85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr, .phone { break-inside: avoid; }
  .privacy { border: 1px solid #999; }
}
</style>
</head>
<body>
<h1>{{t "report.page.heading"}}</h1>
<p class="meta">{{t "report.page.meta" "When" (when .Generated) "Version" .AppVersion "Schema" .SchemaVersion}}</p>
{{if .Redacted}}<p class="privacy">{{t "report.page.redacted"}}</p>
{{else}}<p class="privacy open">{{t "report.page.open"}}</p>
{{end}}
<h2>{{t "report.page.phones"}}</h2>
{{range .Devices}}{{template "phone" .}}{{else}}<p class="empty">{{t "report.page.no-phone"}}</p>{{end}}
{{if .Departed}}<h3>{{t "report.page.departed"}}</h3>
{{range .Departed}}{{template "phone" .}}{{end}}{{end}}

<h2>{{t "report.page.tried"}}</h2>
{{if .Attempts}}<table>
<tr><th>{{t "report.col.when"}}</th><th>{{t "report.col.procedure"}}</th><th>{{t "report.col.result"}}</th><th>{{t "report.col.seen"}}</th></tr>
{{range .Attempts}}<tr><td>{{clock .At}}</td><td>{{say .Name}}{{if .Phone}}<br><small>{{.Phone}}</small>{{end}}</td>
<td><span class="{{if .Worked}}ok{{else}}warn{{end}}">{{say .Result}}</span>{{with say .Advice}}<br><small>{{.}}</small>{{end}}</td><td>{{.Seen}}</td></tr>
{{end}}</table>
{{else}}<p class="empty">{{t "report.page.no-attempt"}}</p>{{end}}

<h2>{{t "report.page.computer"}}</h2>
{{range .Conditions}}<p class="{{if .Problem}}fail{{else}}info{{end}}">{{say .Message}}{{with say .Detail}}<br><small>{{t "report.details" "Detail" .}}</small>{{end}}</p>
{{end}}{{if .HostChecked}}{{if .HostChecks}}<table>
<tr><th>{{t "report.col.check"}}</th><th>{{t "report.col.status"}}</th><th>{{t "report.col.found"}}</th><th>{{t "report.col.fix"}}</th></tr>
{{range .HostChecks}}<tr><td>{{say .Title}}</td><td><span class="badge {{.Status}}">{{status .Status}}</span></td><td>{{say .Found}}</td>
<td>{{say .Fix}}{{if .Snippet}}<pre>{{.Snippet}}</pre>{{end}}{{if .Link}}<br><small>{{.Link}}</small>{{end}}</td></tr>
{{end}}</table>{{else}}<p class="empty">{{t "report.page.no-checks"}}</p>{{end}}
{{else}}<p class="empty">{{t "report.page.not-run"}}</p>{{end}}

{{range .Sections}}<h2>{{say .Title}}</h2>
{{with say .Note}}<p>{{.}}</p>{{end}}
{{if .Items}}<table class="facts">
{{range .Items}}<tr><th>{{say .Label}}</th><td{{if .Status}} class="{{.Status}}"{{end}}>{{say .Value}}</td></tr>
{{end}}</table>{{else}}<p class="empty">{{t "report.page.nothing"}}</p>{{end}}
{{end}}
<h2>{{t "report.page.timeline"}}</h2>
{{if .Timeline}}<table>
<tr><th>{{t "report.col.time"}}</th><th>{{t "report.col.what"}}</th><th>{{t "report.col.phone"}}</th><th>{{t "report.col.change"}}</th><th>{{t "report.col.detail"}}</th></tr>
{{range .Timeline}}{{with event .}}<tr><td>{{.Clock}}</td><td>{{.Kind}}</td><td>{{.Device}}</td><td>{{.From}}{{if .To}} &rarr; {{.To}}{{end}}</td><td>{{.Detail}}</td></tr>{{end}}
{{end}}</table>
{{else}}<p class="empty">{{t "report.page.quiet"}}</p>{{end}}

<h2>{{t "report.page.errors"}}</h2>
{{if .Errors}}<ul>
{{range .Errors}}<li>{{.}}</li>
{{end}}</ul>{{else}}<p class="empty">{{t "report.page.no-errors"}}</p>{{end}}

<details class="support"><summary>{{t "report.page.support"}}</summary>
<pre lang="en">{{.JSONText}}</pre>
</details>
<footer>{{t "report.page.footer"}}</footer>
</body>
</html>
{{define "phone"}}<div class="phone">
<h3>{{.Name}} &mdash; <span class="mode">{{pill .Mode}}</span></h3>
<p>{{say .ModeMeaning}}</p>
<table class="facts">
{{if .DeviceName}}<tr><th>{{t "report.phone.name"}}</th><td>{{deviceName .DeviceName}}</td></tr>{{end}}
{{if .ProductType}}<tr><th>{{t "report.phone.product"}}</th><td>{{.ProductType}}{{if .HardwareModel}} ({{.HardwareModel}}){{end}}</td></tr>{{end}}
{{if .IOSVersion}}<tr><th>iOS</th><td>{{.IOSVersion}} {{if .IOSBuild}}({{.IOSBuild}}){{end}}</td></tr>{{end}}
{{if .Trust}}<tr><th>{{t "report.phone.trust"}}</th><td>{{trust .Trust}}</td></tr>{{end}}
{{with .Battery}}<tr><th>{{t "report.phone.battery"}}</th><td>{{if .Charging}}{{t "report.phone.battery-charging" "Percent" .Percent}}{{else}}{{t "report.phone.battery-percent" "Percent" .Percent}}{{end}}</td></tr>{{end}}
{{if .USBSpeed}}<tr><th>USB</th><td>{{if .USBPort}}{{t "report.phone.usb-port" "Speed" (speed .) "Port" .USBPort}}{{else}}{{speed .}}{{end}}</td></tr>{{end}}
<tr><th>{{t "report.phone.drops"}}</th><td{{if .Flaps}} class="warn"{{end}}>{{if .Flaps}}{{t "report.phone.drops-advice" "Count" .Flaps}}{{else}}0{{end}}</td></tr>
{{if not .FirstSeen.IsZero}}<tr><th>{{t "report.phone.seen"}}</th><td>{{t "report.phone.seen-span" "From" (when .FirstSeen) "To" (when .LastSeen)}}</td></tr>{{end}}
{{if .UDID}}<tr><th>UDID</th><td>{{.UDID}}</td></tr>{{end}}
{{if .ECID}}<tr><th>ECID</th><td>{{.ECID}}</td></tr>{{end}}
{{if .SerialNumber}}<tr><th>{{t "report.phone.serial"}}</th><td>{{.SerialNumber}}</td></tr>{{end}}
{{if .CPID}}<tr><th>{{t "report.phone.chip"}}</th><td>CPID {{.CPID}}, BDID {{.BDID}}</td></tr>{{end}}
{{if .BootStage}}<tr><th>{{t "report.phone.boot"}}</th><td>{{.BootStage}}{{if .PWND}} (PWND: {{.PWND}}){{end}}</td></tr>{{end}}
{{if .Note}}<tr><th>{{t "report.phone.note"}}</th><td>{{.Note}}</td></tr>{{end}}
</table>
</div>{{end}}`
