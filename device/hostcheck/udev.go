package hostcheck

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"unstuck/device/tr"
)

// Recovery/DFU product IDs whose device nodes the user must be able to open
// (usb-products.tsv; peers.md 3.4).
var bootloaderPIDs = []string{"1222", "1227", "1280", "1281", "1282", "1283", "f014"}

// udevRuleDirs are searched in precedence order: a file in an earlier
// directory hides a file of the same name in a later one (udev(7)).
var udevRuleDirs = []string{"etc/udev/rules.d", "run/udev/rules.d", "usr/lib/udev/rules.d", "lib/udev/rules.d"}

// suggestedUdevRule gives the logged-in user access to every recovery/DFU
// product ID, as Debian's irecovery rule does (TAG+="uaccess"), plus port
// DFU which that rule leaves out (dfu-anchors.md 1.5).
const (
	suggestedUdevFile = "/etc/udev/rules.d/39-unstuck.rules"
	suggestedUdevRule = `ACTION=="add", SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", ATTR{idProduct}=="1222|1227|128[0-3]|f014", MODE="0660", TAG+="uaccess"`
)

// udevGrant is one rule line that gives access to some Apple product IDs.
type udevGrant struct {
	file     string
	products []string // glob alternatives; empty means every product
	how      tr.Text  // TAG+="uaccess" (the logged-in user), MODE="0666" (every user), …
}

// readUdevRules finds the rule lines that grant access to Apple USB devices.
func readUdevRules(root fs.FS) []udevGrant {
	seen := map[string]bool{}
	var grants []udevGrant
	for _, dir := range udevRuleDirs {
		entries, err := fs.ReadDir(root, dir)
		if err != nil {
			continue
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".rules") && !seen[e.Name()] {
				seen[e.Name()] = true
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, name := range names {
			raw, err := readRegular(root, dir+"/"+name, maxTextFile)
			if err != nil {
				continue
			}
			for _, line := range joinContinuations(string(raw)) {
				if g, ok := parseUdevLine(line); ok {
					g.file = "/" + dir + "/" + name
					grants = append(grants, g)
				}
			}
		}
	}
	return grants
}

// joinContinuations splits a rules file into logical lines.
func joinContinuations(text string) []string {
	var out []string
	var cur strings.Builder
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.HasSuffix(l, "\\") {
			cur.WriteString(strings.TrimSuffix(l, "\\"))
			continue
		}
		cur.WriteString(l)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

// parseUdevLine reads one rule: it counts when it matches Apple's vendor
// ID on add (or any action), and sets uaccess, a world-writable mode or a group.
func parseUdevLine(line string) (udevGrant, bool) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return udevGrant{}, false
	}
	var g udevGrant
	vendor := false
	for _, kv := range splitUdevPairs(line) {
		key, op, val := kv[0], kv[1], kv[2]
		switch {
		case (key == "ATTR{idVendor}" || key == "ATTRS{idVendor}") && op == "==":
			vendor = globAny(val, "05ac")
		case (key == "ATTR{idProduct}" || key == "ATTRS{idProduct}") && op == "==":
			g.products = strings.Split(strings.ToLower(val), "|")
		case key == "ACTION" && op == "==" && val != "add":
			return udevGrant{}, false
		case key == "ACTION" && op == "!=" && val == "add":
			return udevGrant{}, false
		case key == "TAG" && (op == "+=" || op == "=") && val == "uaccess":
			g.how = msg("udev.how.uaccess")
		case key == "MODE" && (op == "=" || op == ":=") && strings.HasSuffix(val, "66") && g.how.IsZero():
			g.how = msg("udev.how.mode", "Mode", val)
		case key == "GROUP" && (op == "=" || op == ":=") && g.how.IsZero():
			g.how = msg("udev.how.group", "Group", val)
		}
	}
	if !vendor || g.how.IsZero() {
		return udevGrant{}, false
	}
	return g, true
}

// splitUdevPairs splits `A=="x", B+="y"` into [key op value] triples.
func splitUdevPairs(line string) [][3]string {
	var out [][3]string
	for len(line) > 0 {
		line = strings.TrimLeft(line, " \t,")
		opAt := strings.IndexAny(line, "=!+:-")
		if opAt <= 0 {
			break
		}
		key := strings.TrimSpace(line[:opAt])
		rest := line[opAt:]
		op := ""
		for _, candidate := range []string{"==", "!=", "+=", "-=", ":=", "="} {
			if strings.HasPrefix(rest, candidate) {
				op = candidate
				break
			}
		}
		if op == "" {
			break
		}
		rest = strings.TrimLeft(rest[len(op):], " ")
		if !strings.HasPrefix(rest, `"`) {
			break
		}
		end := strings.Index(rest[1:], `"`)
		if end < 0 {
			break
		}
		out = append(out, [3]string{key, op, rest[1 : 1+end]})
		line = rest[end+2:]
	}
	return out
}

// globAny matches value against udev's "|"-separated shell globs.
func globAny(patterns, value string) bool {
	for _, p := range strings.Split(strings.ToLower(patterns), "|") {
		p = strings.ReplaceAll(p, "[!", "[^")
		if ok, err := path.Match(p, value); err == nil && ok {
			return true
		}
	}
	return false
}

// udevCoverage says, for each recovery/DFU product ID, which rule grants it.
func udevCoverage(grants []udevGrant) (covered map[string]udevGrant, missing []string) {
	covered = map[string]udevGrant{}
	for _, pid := range bootloaderPIDs {
		for _, g := range grants {
			if len(g.products) == 0 || globAny(strings.Join(g.products, "|"), pid) {
				covered[pid] = g
				break
			}
		}
		if _, ok := covered[pid]; !ok {
			missing = append(missing, pid)
		}
	}
	return covered, missing
}

// udevCheck is the Linux check for recovery/DFU permissions by rule.
func udevCheck(root fs.FS) Check {
	c := Check{ID: "linux.udev-rules", Title: title("linux.udev-rules")}
	covered, missing := udevCoverage(readUdevRules(root))
	var files []tr.Text
	seen := map[string]bool{}
	for _, pid := range bootloaderPIDs {
		if g, ok := covered[pid]; ok && !seen[g.file] {
			seen[g.file] = true
			files = append(files, msg("udev.file", "File", g.file, "How", g.how))
		}
	}
	switch {
	case len(missing) == 0:
		c.Status = OK
		c.Found = msg("udev.all", "Files", join(files))
		return c
	case len(covered) == 0:
		c.Status = Fail
		c.Found = msg("udev.none")
	default:
		c.Status = Warn
		c.Found = msg("udev.some", "Files", join(files), "Missing", "05ac:"+strings.Join(missing, ", 05ac:"))
	}
	c.Fix = msg("udev.fix", "File", suggestedUdevFile)
	c.Snippet = suggestedUdevRule
	c.Link = linkLibirecovery
	return c
}
