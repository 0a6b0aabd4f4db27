# Unstuck: `make run` opens the app, `make test` runs every test. Both install
# what they need first (Debian packages through apt-get, Go modules).

SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin

BIN      := bin
GOFLAGS_ :=
# Every go command builds with Fyne's migrated_fynedo tag: the app reaches
# widgets only through fyne.Do, so Fyne's per-call goroutine checks (a stack
# trace on each widget Refresh) are off. -trimpath too, because release
# builds need it (no local paths in the binaries, the same bytes from any
# folder): development, test and release builds then share one compiled Fyne,
# and a release build differs only in linking. One set of flags everywhere.
#
# no_emoji leaves out Fyne's bundled emoji font: parsed once per text style
# it cost ~14 MB of memory, and a phone or backup name with emoji is drawn
# from the system's own emoji font instead (Windows, macOS and most Linux
# desktops have one; the .deb recommends fonts-noto-color-emoji).
export GOFLAGS := -tags=migrated_fynedo,no_emoji -trimpath
# Release builds: VCS stamping on (the version comes from it; this overrides
# a -buildvcs=false in go env), stripped, no build ID: reproducible bytes.
# The app also gets Fyne's release tag (no debug drawing, no FyneApp.toml
# lookup at run time).
RELEASE_LDFLAGS := -s -w -buildid=
RELEASE_FLAGS := -buildvcs=true -ldflags='$(RELEASE_LDFLAGS)'
# numeric_version: v1.2.3-pre+x is 1.2.3, anything without three numbers
# 0.0.0 (what package version's Numeric says; for Fyne's and Windows'
# version fields, which take numbers only).
numeric_version = $(shell echo '$(1)' | sed -E 's/^v([0-9]+\.[0-9]+\.[0-9]+).*/\1/; t; s/.*/0.0.0/')
DIST     := dist
TOOLS    := $(BIN)/tools
# The commit's time: file dates in the packages, the metainfo's release date.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# Packages that go vet must pass for Windows and macOS without cgo: all but
# the GUI main (GLFW needs cgo). ui/ is left out for macOS only: Fyne's own
# internal/widget has cgo-only scroller code on darwin.
CROSS_PKGS   = $(shell go list ./... | grep -v /cmd/unstuck$$)
CROSS_DARWIN = $(shell go list ./... | grep -v -e /cmd/unstuck$$ -e /ui$$ -e /ui/)

APT_BUILD := gcc libc6-dev pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev libusb-1.0-0-dev xz-utils
APT_PKG   := lintian appstream desktop-file-utils shellcheck imagemagick git
# make run and make demo: Xvfb where there is no display (xvfb-run starts
# the window there), and a CJK font for a person whose locale is Chinese or
# Japanese (Fyne draws those glyphs with a system font; Debian has none by
# default).
APT_RUN   := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,xvfb xauth) $(if $(filter zh% ja%,$(LANG) $(LC_ALL) $(LC_MESSAGES) $(subst :, ,$(LANGUAGE))),fonts-noto-cjk)
APT_TEST  := xvfb xauth x11-utils xdotool alsa-utils chromium sqlite3 libgl1-mesa-dri umockdev libumockdev-dev libimobiledevice-utils irecovery usbmuxd dbus dbus-daemon systemd imagemagick fonts-noto-cjk

# Test runs keep Fyne's and Mesa's caches out of the user's home (HOME itself
# stays, or Go would lose its module cache). GOCACHE is pinned first: Go's
# default build cache lives under XDG_CACHE_HOME, and moving it would mean
# rebuilding Fyne and GLFW from scratch (about five minutes).
TEST_HOME := $(CURDIR)/$(BIN)/testhome
TEST_ENV   = GOCACHE=$$(go env GOCACHE) XDG_CONFIG_HOME=$(TEST_HOME)/config XDG_CACHE_HOME=$(TEST_HOME)/cache MESA_SHADER_CACHE_DIR=$(TEST_HOME)/mesa

# Under Xvfb there is no session bus; Fyne watches theme settings over one.
DBUS := $(shell command -v dbus-run-session >/dev/null 2>&1 && echo dbus-run-session --)

FUZZTIME ?= 60s
# Every Fuzz function in a test file is a target: ./pkg:FuzzName.
FUZZ_TARGETS := $(shell grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' device cmd ui | sed -E 's|^(.*)/[^/]+_test.go:func |./\1:|' | sort -u)

.PHONY: run demo build test bench fuzz package release-build deb check-deb notices tools lint deps-build deps-test deps-pkg deps-run modules check-go clean

run: deps-build deps-run modules build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "No display found: starting Unstuck inside Xvfb (install a desktop to see the window)."; \
		xvfb-run -a -s '-screen 0 1280x800x24' $(DBUS) $(BIN)/unstuck; \
	else $(BIN)/unstuck; fi

demo: deps-build deps-run modules build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		xvfb-run -a -s '-screen 0 1280x800x24' $(DBUS) $(BIN)/unstuck --demo; \
	else $(BIN)/unstuck --demo; fi

build: check-go
	go build $(GOFLAGS_) -o $(BIN)/unstuck ./cmd/unstuck
	go build $(GOFLAGS_) -o $(BIN)/unstuckctl ./cmd/unstuckctl

test: deps-build deps-test deps-pkg modules check-go
	@mkdir -p $(TEST_HOME)
	go vet ./...
	@echo "== cross-platform vet (CGO_ENABLED=0): windows, darwin"
	CGO_ENABLED=0 GOOS=windows go vet $(CROSS_PKGS)
	CGO_ENABLED=0 GOOS=darwin go vet $(CROSS_DARWIN)
	@echo "== tests, all under the race detector"
	$(TEST_ENV) go test -count=1 -race ./...
	@echo "== the screens again without the race detector, golden images compared (ui/fixtures_test.go says why)"
	$(TEST_ENV) go test -count=1 ./ui/
	@echo "== the Windows test binaries under Wine"
	@$(MAKE) --no-print-directory test-wine
	@echo "== the Windows build: make windows, its PE facts, the installer under Wine"
	@$(MAKE) --no-print-directory check-windows
	@echo "== fuzz targets, briefly"
	@$(MAKE) --no-print-directory fuzz FUZZTIME=20000x
	@echo "== the .deb: lintian, AppStream, desktop entry, install, udev check, removal"
	@$(MAKE) --no-print-directory check-deb

fuzz: check-go
	@mkdir -p $(BIN)
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "fuzz $$fn in $$pkg (-fuzztime=$(FUZZTIME))"; \
		go test -run='^$$' -fuzz="^$$fn$$" -fuzztime=$(FUZZTIME) $$pkg > $(BIN)/fuzz.log 2>&1 || { cat $(BIN)/fuzz.log; exit 1; }; \
	done

bench: deps-build deps-test modules check-go
	@mkdir -p $(TEST_HOME) $(BIN)
	$(TEST_ENV) go test -run='^$$' -bench=. -benchmem -count=1 ./... | tee $(BIN)/bench.txt
	@echo
	@awk 'BEGIN { printf "%-52s %14s %s\n", "benchmark", "ns/op", "other metrics"; } \
		/^Benchmark/ { name=$$1; sub(/-[0-9]+$$/, "", name); ns=""; rest=""; \
			for (i = 3; i < NF; i += 2) { if ($$(i+1) == "ns/op") ns=$$i; else rest = rest sprintf("%s %s  ", $$i, $$(i+1)); } \
			printf "%-52s %14s %s\n", name, ns, rest; }' $(BIN)/bench.txt

include packaging/linux.mk
# wine.mk first: windows.mk's check-windows needs its test-only DLL.
include packaging/wine.mk
include packaging/windows.mk

lint: deps-pkg modules check-go tools
	@bad=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$bad" ]; then echo "gofmt wants to rewrite:"; echo "$$bad"; exit 1; fi
	go vet ./...
	go tool staticcheck ./...
	$(TOOLS)/actionlint .github/workflows/*.yml
	shellcheck .ci/run packaging/*.sh packaging/wine/*.sh packaging/linux/postinst packaging/linux/postrm

# The packaging tools, pinned in tools/go.mod and tools/licenses/go.mod (their
# own module graphs: nfpm's dependencies would otherwise move the app's, and
# go-licenses v1.6.0 works only with its own). Built without -trimpath:
# go-licenses then finds the standard library.
tools: check-go
	@mkdir -p $(TOOLS)
	cd tools && GOFLAGS= GOBIN=$(CURDIR)/$(TOOLS) go install tool
	cd tools/licenses && GOFLAGS= GOBIN=$(CURDIR)/$(TOOLS) go install tool

modules: check-go
	@go mod download

check-go:
	@command -v go >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/"; exit 1; }
	@go version | awk '{ split($$3, v, "."); sub("go", "", v[1]); if (v[1] < 1 || (v[1] == 1 && v[2] < 26)) { print "Go 1.26 or newer is needed, found " $$3; exit 1 } }'

# apt_install installs the Debian packages that are not there yet, as root or
# through sudo; elsewhere it says what to install by hand.
define apt_install
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
		for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "Installing Debian packages:$$missing"; \
			if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
			$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		fi; \
	else case "$$(uname -s)" in \
		Darwin) echo "macOS: install the Xcode command line tools (xcode-select --install) and libusb (brew install libusb pkg-config).";; \
		MINGW*|MSYS*) echo "Windows: use an MSYS2 MinGW64 shell with mingw-w64-x86_64-toolchain (no libusb: Windows builds use Apple's driver).";; \
		*) echo "Not a Debian system: install a C compiler, pkg-config, OpenGL/X11 headers and libusb-1.0 headers by hand.";; \
	esac; fi
endef

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-test:
	$(call apt_install,$(APT_TEST))

deps-run:
	$(call apt_install,$(APT_RUN))

deps-pkg:
	$(call apt_install,$(APT_PKG))

clean:
	rm -rf $(BIN) $(DIST) *.tar.xz cmd/*/rsrc_windows_*.syso
