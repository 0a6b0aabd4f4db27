package packaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// makeVar is the value of NAME := VALUE in the Makefile.
func makeVar(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^(?:export )?` + name + ` := (.*)$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("the Makefile sets no %s", name)
	}
	// Other variables it names, such as $(RELEASE_LDFLAGS), expanded.
	return regexp.MustCompile(`\$\(([A-Z_]+)\)`).ReplaceAllStringFunc(string(m[1]), func(ref string) string {
		return makeVar(t, ref[2:len(ref)-1])
	})
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s", name, strings.Join(args, " "), dir, err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// cloneAt clones this repository into dir at its HEAD commit.
func cloneAt(t *testing.T, head, dir string) {
	t.Helper()
	run(t, "..", nil, "git", "clone", "-q", "--no-checkout", ".", dir)
	run(t, dir, nil, "git", "-c", "advice.detachedHead=false", "checkout", "-q", head)
}

// releaseCLI builds unstuckctl in src the way "make release-build" does:
// the Makefile's GOFLAGS and RELEASE_FLAGS.
func releaseCLI(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(src, "dist", "unstuckctl")
	env := []string{"GOFLAGS=" + makeVar(t, "GOFLAGS"), "CGO_ENABLED=1"}
	run(t, src, env, "bash", "-c", "go build "+makeVar(t, "RELEASE_FLAGS")+" -o dist/unstuckctl ./cmd/unstuckctl")
	return out
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestReleaseBuildIsReproducibleAndVersioned builds the release CLI from
// two clones of HEAD in different folders: the same bytes, and the version
// is the commit's pseudo-version; after a tag, the tag, in --version and in
// the report alike.
func TestReleaseBuildIsReproducibleAndVersioned(t *testing.T) {
	if testing.Short() {
		t.Skip("builds unstuckctl twice")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed (make test installs it)")
	}
	if err := exec.Command("git", "-C", "..", "rev-parse", "--git-dir").Run(); err != nil {
		t.Skip("not a git checkout: no VCS version to test")
	}
	head := run(t, "..", nil, "git", "rev-parse", "HEAD")
	when := run(t, "..", nil, "git", "log", "-1", "--format=%cd", "--date=format-local:%Y%m%d%H%M%S")
	a := filepath.Join(t.TempDir(), "unstuck")
	b := filepath.Join(t.TempDir(), "somewhere", "else")
	cloneAt(t, head, a)
	cloneAt(t, head, b)

	binA, binB := releaseCLI(t, a), releaseCLI(t, b)
	if sum(t, binA) != sum(t, binB) {
		t.Errorf("two clones of %s built different unstuckctl binaries", head[:12])
	}
	got := run(t, a, nil, binA, "--version")
	want := regexp.MustCompile(`^unstuckctl v\d+\.\d+\.\d+-(?:0\.)?` + when[:14] + `-` + head[:12] + `$`)
	if !want.MatchString(got) {
		t.Errorf("untagged: --version says %q, want a pseudo-version of %s at %s", got, head[:12], when)
	}
	info := run(t, a, nil, "go", "version", "-m", binA)
	if _, info, _ = strings.Cut(info, "\n"); strings.Contains(info, a) || !strings.Contains(info, "-trimpath=true") {
		t.Errorf("the binary names its build folder, or was built without -trimpath:\n%s", info)
	}

	run(t, b, nil, "git", "tag", "v1.2.3")
	binB = releaseCLI(t, b)
	if got := run(t, b, nil, binB, "--version"); got != "unstuckctl v1.2.3" {
		t.Errorf("tagged v1.2.3: --version says %q", got)
	}
	report := run(t, b, []string{"USBMUXD_SOCKET_ADDRESS=UNIX://" + filepath.Join(b, "no-usbmuxd")}, binB, "report", "--format", "json", "--wait", "1s")
	var r struct {
		AppVersion string `json:"app_version"`
	}
	if err := json.Unmarshal([]byte(report), &r); err != nil || r.AppVersion != "v1.2.3" {
		t.Errorf("the report names version %q (%v)", r.AppVersion, err)
	}
}
