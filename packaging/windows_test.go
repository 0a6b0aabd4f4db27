package packaging

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// Resource types in a PE file's resource directory.
const (
	rtIcon     = 3
	rtVersion  = 16
	rtManifest = 24
)

// TestWindowsArtifacts checks what `make windows` wrote (make check-windows
// points UNSTUCK_WINDOWS_DIST at it): the GUI is a 64-bit Windows GUI
// program with its icon, manifest and version; the CLI a console program
// built without cgo; the installer carries the version in its name. Nothing
// from the build machine may be linked in (no libusb, no Linux library).
func TestWindowsArtifacts(t *testing.T) {
	dist, version := os.Getenv("UNSTUCK_WINDOWS_DIST"), os.Getenv("UNSTUCK_WINDOWS_VERSION")
	if dist == "" {
		t.Skip("run by make check-windows, after make windows")
	}
	gui := readPE(t, filepath.Join(dist, "unstuck.exe"))
	if gui.subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("unstuck.exe: subsystem %d, want the Windows GUI subsystem (no console window)", gui.subsystem)
	}
	cli := readPE(t, filepath.Join(dist, "unstuckctl.exe"))
	if cli.subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Errorf("unstuckctl.exe: subsystem %d, want a console program", cli.subsystem)
	}
	for _, f := range []*peFacts{gui, cli} {
		if f.resources[rtIcon] == nil {
			t.Errorf("%s: no icon", f.name)
		}
		m := string(bytes.Join(f.resources[rtManifest], nil))
		for _, want := range []string{"PerMonitorV2", "Microsoft.Windows.Common-Controls", `level="asInvoker"`} {
			if !strings.Contains(m, want) {
				t.Errorf("%s: manifest lacks %s:\n%s", f.name, want, m)
			}
		}
		v := bytes.Join(f.resources[rtVersion], nil)
		if !bytes.Contains(v, utf16LE("ProductVersion\x00"+version)) {
			t.Errorf("%s: version information does not say ProductVersion %q", f.name, version)
		}
		for _, lib := range f.imports {
			if strings.Contains(strings.ToLower(lib), "usb") || strings.HasSuffix(lib, ".so") {
				t.Errorf("%s links %s: a host library leaked into the Windows build", f.name, lib)
			}
		}
	}
	for _, lib := range cli.imports {
		if strings.EqualFold(lib, "msvcrt.dll") {
			t.Errorf("unstuckctl.exe imports msvcrt.dll: it was built with cgo")
		}
	}
	setup := filepath.Join(dist, "Unstuck-Setup-"+version+".exe")
	if f, err := pe.Open(setup); err != nil {
		t.Errorf("the installer: %v", err)
	} else {
		f.Close()
	}
}

type peFacts struct {
	name      string
	subsystem uint16
	imports   []string
	resources map[uint32][][]byte // type -> data of each entry
}

func readPE(t *testing.T, path string) *peFacts {
	t.Helper()
	f, err := pe.Open(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Fatalf("%s: not a 64-bit x86 program", path)
	}
	facts := &peFacts{name: filepath.Base(path), subsystem: oh.Subsystem}
	if facts.imports, err = f.ImportedLibraries(); err != nil {
		t.Fatalf("%s: imports: %v", path, err)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatalf("%s: no resources (.rsrc section)", path)
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatalf("%s: .rsrc: %v", path, err)
	}
	if facts.resources, err = parseResources(data, rsrc.VirtualAddress); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return facts
}

// parseResources walks a resource directory's three levels (type, name,
// language) and returns each type's data entries. base is the section's
// RVA: data entries point at RVAs.
func parseResources(sec []byte, base uint32) (map[uint32][][]byte, error) {
	out := map[uint32][][]byte{}
	u32 := func(off uint32) (uint32, error) {
		if uint64(off)+4 > uint64(len(sec)) {
			return 0, fmt.Errorf("resource directory cut at %d", off)
		}
		return binary.LittleEndian.Uint32(sec[off:]), nil
	}
	var walk func(off uint32, depth int, typ uint32) error
	walk = func(off uint32, depth int, typ uint32) error {
		if depth > 3 || uint64(off)+16 > uint64(len(sec)) {
			return fmt.Errorf("bad resource directory at %d", off)
		}
		n := uint32(binary.LittleEndian.Uint16(sec[off+12:])) + uint32(binary.LittleEndian.Uint16(sec[off+14:]))
		for i := uint32(0); i < n; i++ {
			e := off + 16 + 8*i
			id, err := u32(e)
			if err != nil {
				return err
			}
			ptr, err := u32(e + 4)
			if err != nil {
				return err
			}
			if depth == 0 {
				typ = id
			}
			if ptr&0x80000000 != 0 {
				if err := walk(ptr&0x7fffffff, depth+1, typ); err != nil {
					return err
				}
				continue
			}
			rva, err1 := u32(ptr)
			size, err2 := u32(ptr + 4)
			if err1 != nil || err2 != nil || rva < base || uint64(rva-base)+uint64(size) > uint64(len(sec)) {
				return fmt.Errorf("bad resource data entry at %d", ptr)
			}
			out[typ] = append(out[typ], sec[rva-base:rva-base+size])
		}
		return nil
	}
	return out, walk(0, 0, 0)
}

func utf16LE(s string) []byte {
	var b bytes.Buffer
	for _, r := range utf16.Encode([]rune(s)) {
		_ = binary.Write(&b, binary.LittleEndian, r)
	}
	return b.Bytes()
}
