package report

import (
	"bytes"
	"fmt"
	"html/template"
	"time"
)

// HTML is the report as one self-contained page: inline CSS, no scripts,
// no images, no links it needs to load; it prints on A4 or Letter.
func (r Report) HTML() ([]byte, error) {
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("writing the report as HTML: %w", err)
	}
	return b.Bytes(), nil
}

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04:05 MST")
	},
	"clock": func(t time.Time) string { return t.Format("15:04:05") },
}).Parse(pageSource))

const pageSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Unstuck report, {{when .Generated}}</title>
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
<h1>Unstuck diagnostic report</h1>
<p class="meta">Made {{when .Generated}} by Unstuck {{.AppVersion}} &middot; schema {{.SchemaVersion}}</p>
{{if .Redacted}}<p class="privacy">Identifiers (UDID, ECID, serial number, IMEI, the phone's name) are shortened to their last characters, enough to tell phones apart.</p>
{{else}}<p class="privacy open">This report shows the phones' full identifiers (UDID, ECID, serial number, name). Share it only with people you trust.</p>
{{end}}
<h2>Phones</h2>
{{range .Devices}}{{template "phone" .}}{{else}}<p class="empty">No iPhone was connected.</p>{{end}}
{{if .Departed}}<h3>Left in the last minute</h3>
{{range .Departed}}{{template "phone" .}}{{end}}{{end}}

<h2>What was tried</h2>
{{if .Attempts}}<table>
<tr><th>When</th><th>Procedure</th><th>Result</th><th>What the phone did</th></tr>
{{range .Attempts}}<tr><td>{{clock .At}}</td><td>{{.Name}}{{if .Phone}}<br><small>{{.Phone}}</small>{{end}}</td>
<td><span class="{{if .Worked}}ok{{else}}warn{{end}}">{{.Result}}</span>{{if .Advice}}<br><small>{{.Advice}}</small>{{end}}</td><td>{{.Seen}}</td></tr>
{{end}}</table>
{{else}}<p class="empty">No guided procedure was finished.</p>{{end}}

<h2>This computer</h2>
{{range .Conditions}}<p class="{{if .Problem}}fail{{else}}info{{end}}">{{.Message.In "en"}}{{if .Detail}}<br><small>Details: {{.Detail}}</small>{{end}}</p>
{{end}}{{if .HostChecked}}{{if .HostChecks}}<table>
<tr><th>Check</th><th>Result</th><th>Found</th><th>What to do</th></tr>
{{range .HostChecks}}<tr><td>{{.Title.In "en"}}</td><td><span class="badge {{.Status}}">{{.Status}}</span></td><td>{{.Found.In "en"}}</td>
<td>{{.Fix.In "en"}}{{if .Snippet}}<pre>{{.Snippet}}</pre>{{end}}{{if .Link}}<br><small>{{.Link}}</small>{{end}}</td></tr>
{{end}}</table>{{else}}<p class="empty">No checks apply to this computer.</p>{{end}}
{{else}}<p class="empty">The computer's checks were not run for this report.</p>{{end}}

{{range .Sections}}<h2>{{.Title}}</h2>
{{if .Note}}<p>{{.Note}}</p>{{end}}
{{if .Items}}<table class="facts">
{{range .Items}}<tr><th>{{.Label}}</th><td{{if .Status}} class="{{.Status}}"{{end}}>{{.Value}}</td></tr>
{{end}}</table>{{else}}<p class="empty">Nothing to show.</p>{{end}}
{{end}}
<h2>Timeline</h2>
{{if .Timeline}}<table>
<tr><th>Time</th><th>What</th><th>Phone</th><th>Change</th><th>Detail</th></tr>
{{range .Timeline}}<tr><td>{{clock .At}}</td><td>{{.Kind}}</td><td>{{.Device}}</td><td>{{.From}}{{if .To}} &rarr; {{.To}}{{end}}</td><td>{{.Detail}}</td></tr>
{{end}}</table>
{{else}}<p class="empty">Nothing happened while Unstuck was watching.</p>{{end}}

<h2>Recent errors</h2>
{{if .Errors}}<ul>
{{range .Errors}}<li>{{.}}</li>
{{end}}</ul>{{else}}<p class="empty">None.</p>{{end}}

<footer>Unstuck made this file on this computer and sent nothing anywhere.</footer>
</body>
</html>
{{define "phone"}}<div class="phone">
<h3>{{.Name}} &mdash; <span class="mode">{{.Mode}}</span></h3>
<p>{{.ModeMeaning}}</p>
<table class="facts">
{{if .DeviceName}}<tr><th>Name</th><td>{{.DeviceName}}</td></tr>{{end}}
{{if .ProductType}}<tr><th>Product type</th><td>{{.ProductType}}{{if .HardwareModel}} ({{.HardwareModel}}){{end}}</td></tr>{{end}}
{{if .IOSVersion}}<tr><th>iOS</th><td>{{.IOSVersion}} {{if .IOSBuild}}({{.IOSBuild}}){{end}}</td></tr>{{end}}
{{if .Trust}}<tr><th>Trust</th><td>{{.Trust}}</td></tr>{{end}}
{{with .Battery}}<tr><th>Battery</th><td>{{.Percent}}%{{if .Charging}}, charging{{end}}</td></tr>{{end}}
{{if .USBSpeed}}<tr><th>USB</th><td>{{.USBSpeed}}{{if .USBPort}}, port {{.USBPort}}{{end}}</td></tr>{{end}}
<tr><th>Drops in the last minute</th><td{{if .Flaps}} class="warn"{{end}}>{{.Flaps}}{{if .Flaps}}: try another cable or port{{end}}</td></tr>
{{if not .FirstSeen.IsZero}}<tr><th>Seen</th><td>{{when .FirstSeen}} to {{when .LastSeen}}</td></tr>{{end}}
{{if .UDID}}<tr><th>UDID</th><td>{{.UDID}}</td></tr>{{end}}
{{if .ECID}}<tr><th>ECID</th><td>{{.ECID}}</td></tr>{{end}}
{{if .SerialNumber}}<tr><th>Serial number</th><td>{{.SerialNumber}}</td></tr>{{end}}
{{if .CPID}}<tr><th>Chip</th><td>CPID {{.CPID}}, BDID {{.BDID}}</td></tr>{{end}}
{{if .BootStage}}<tr><th>Boot stage</th><td>{{.BootStage}}{{if .PWND}} (PWND: {{.PWND}}){{end}}</td></tr>{{end}}
{{if .Note}}<tr><th>Note</th><td>{{.Note}}</td></tr>{{end}}
</table>
</div>{{end}}`
