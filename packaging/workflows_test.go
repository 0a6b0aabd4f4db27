package packaging

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type workflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]job `yaml:"jobs"`
}

type job struct {
	RunsOn    string         `yaml:"runs-on"`
	Container string         `yaml:"container"`
	Needs     []string       `yaml:"needs"`
	Strategy  map[string]any `yaml:"strategy"`
	Steps     []struct {
		Name string            `yaml:"name"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		With map[string]string `yaml:"with"`
	} `yaml:"steps"`
}

// text is everything the job runs and uploads, and the runners it names.
func (j job) text() string {
	var b strings.Builder
	b.WriteString(j.RunsOn + "\n" + j.Container + "\n")
	for _, inc := range j.matrixInclude() {
		b.WriteString(inc["runner"] + "\n")
	}
	for _, s := range j.Steps {
		b.WriteString(s.Uses + "\n" + s.Run + "\n")
		for k, v := range s.With {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return b.String()
}

func (j job) matrixInclude() []map[string]string {
	var out []map[string]string
	m, _ := j.Strategy["matrix"].(map[string]any)
	inc, _ := m["include"].([]any)
	for _, e := range inc {
		row := map[string]string{}
		for k, v := range e.(map[string]any) {
			row[k], _ = v.(string)
		}
		out = append(out, row)
	}
	return out
}

func readWorkflow(t *testing.T, name string) workflow {
	t.Helper()
	data, err := os.ReadFile("../.github/workflows/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w
}

func wantJob(t *testing.T, w workflow, file, name string, wants ...string) job {
	t.Helper()
	j, ok := w.Jobs[name]
	if !ok {
		t.Errorf("%s has no %s job", file, name)
		return j
	}
	text := j.text()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s, job %s: nothing runs %q", file, name, want)
		}
	}
	return j
}

func TestTestWorkflow(t *testing.T) {
	w := readWorkflow(t, "test.yml")
	wantJob(t, w, "test.yml", "linux", ".ci/run", "actions/checkout")
	for _, name := range []string{"macos", "windows"} {
		j := wantJob(t, w, "test.yml", name, "go vet ./...", "go test ")
		if !strings.Contains(j.RunsOn, name) {
			t.Errorf("test.yml, job %s runs on %q", name, j.RunsOn)
		}
	}
	wantJob(t, w, "test.yml", "macos", "brew install libusb")
	// Windows builds leave gousb out: a libusb there would be unused, and a
	// test job that installs it hides a build that still needs it.
	if win := wantJob(t, w, "test.yml", "windows"); strings.Contains(win.text(), "libusb") {
		t.Errorf("test.yml, job windows installs libusb, which Windows builds must not need")
	}
}

func TestReleaseWorkflow(t *testing.T) {
	w := readWorkflow(t, "release.yml")
	push, _ := w.On["push"].(map[string]any)
	if tags, _ := push["tags"].([]any); len(tags) == 0 || tags[0] != "v*" {
		t.Errorf("release.yml does not run on version tags: %v", w.On)
	}
	mac := wantJob(t, w, "release.yml", "macos",
		"fyne package --os darwin --release", "dylibbundler", "libusb-COPYING", "THIRD_PARTY_NOTICES",
		"codesign --force --deep --options runtime", "notarytool submit", "stapler staple",
		"codesign --force --deep --sign -", "MACOS_CERTIFICATE", ".zip", "upload-artifact")
	arches := map[string]bool{}
	for _, inc := range mac.matrixInclude() {
		arches[inc["arch"]] = true
		if !strings.HasPrefix(inc["runner"], "macos-") {
			t.Errorf("macOS arch %s runs on %q", inc["arch"], inc["runner"])
		}
	}
	if !arches["arm64"] || !arches["amd64"] {
		t.Errorf("macOS builds for %v, want arm64 and amd64 (Intel)", arches)
	}
	wantJob(t, w, "release.yml", "windows", "make windows", "dist/windows/Unstuck-Setup-*.exe", "fetch-depth", "debian:12")
	wantJob(t, w, "release.yml", "linux", "make deb package", "dist/*.deb", "dist/linux/*.tar.xz", "fetch-depth")
	rel := wantJob(t, w, "release.yml", "release", "download-artifact", "SHA256SUMS", "sha256sum", "gh release create", "--draft")
	for _, need := range []string{"macos", "windows", "linux"} {
		found := false
		for _, n := range rel.Needs {
			found = found || n == need
		}
		if !found {
			t.Errorf("the release job does not wait for %s: needs %v", need, rel.Needs)
		}
	}
}
