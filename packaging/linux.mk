# Release builds and Linux packages, included by the Makefile.
#
#   make release-build  stripped, reproducible binaries in dist/linux/
#   make deb            dist/unstuck_<version>_amd64.deb (nfpm)
#   make check-deb      lintian, appstreamcli, desktop-file-validate, then
#                       install the .deb, check it, remove it (make test runs it)
#   make package        Fyne's tarball, dist/linux/Unstuck-<version>-linux-amd64.tar.xz
#   make notices        THIRD_PARTY_NOTICES, regenerated into dist/
#
# None of them writes a tracked file. The version is the one the release
# binaries report (unstuckctl --version), so a package cannot name another.

LINUX_DIST := $(DIST)/linux
DEB_STAGE  := $(BIN)/deb-stage
ICON_SIZES := 16 24 32 48 64 128 256 512
# Version of the release binaries; DEB_VERSION its Debian form: v1.2.3 is
# 1.2.3, v0.0.0-2026...-abcdef 0.0.0~2026...~abcdef (a tilde sorts before the
# release, as semver's hyphen does); a build without VCS information (a git
# worktree, where Go does not stamp) is 0.0.0~devel.
APP_VERSION = $(shell $(LINUX_DIST)/unstuckctl --version | cut -d' ' -f2)
DEB_VERSION = $(shell echo '$(APP_VERSION)' | sed -E -e 's/^v//' -e 's/^devel/0.0.0~devel/' -e 's/-/~/g')
DEB_FILE    = $(DIST)/unstuck_$(DEB_VERSION)_amd64.deb
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

release-build: deps-build modules check-go
	@mkdir -p $(LINUX_DIST)
	go build $(RELEASE_FLAGS) -tags=migrated_fynedo,no_emoji,release -o $(LINUX_DIST)/unstuck ./cmd/unstuck
	go build $(RELEASE_FLAGS) -o $(LINUX_DIST)/unstuckctl ./cmd/unstuckctl
	@echo "release binaries: $$($(LINUX_DIST)/unstuck --version), $$($(LINUX_DIST)/unstuckctl --version)"
	@case "$$($(LINUX_DIST)/unstuckctl --version)" in *devel*) echo "note: no VCS version (Go stamps none in a git worktree); a clone gives the real one";; esac

deb: release-build deps-pkg tools
	@rm -rf $(DEB_STAGE) && mkdir -p $(DEB_STAGE)/icons/scalable/apps
	cp $(LINUX_DIST)/unstuck $(LINUX_DIST)/unstuckctl $(DEB_STAGE)/
	@set -e; for n in $(ICON_SIZES); do \
		mkdir -p $(DEB_STAGE)/icons/$${n}x$${n}/apps; \
		convert assets/icon.png -resize $${n}x$${n} -strip -define png:exclude-chunks=date,time PNG32:$(DEB_STAGE)/icons/$${n}x$${n}/apps/app.unstuck.desktop.png; \
	done
	cp assets/icon.svg $(DEB_STAGE)/icons/scalable/apps/app.unstuck.desktop.svg
	sed -e 's/@VERSION@/$(DEB_VERSION)/' -e "s/@DATE@/$$(date -u -d @$(SOURCE_DATE_EPOCH) +%F)/" \
		-e "s/@COMMIT@/$$(git rev-parse --short=12 HEAD)/" \
		packaging/linux/app.unstuck.desktop.metainfo.xml.in > $(DEB_STAGE)/app.unstuck.desktop.metainfo.xml
	{ echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"; \
	  echo "Upstream-Name: unstuck"; echo "Source: https://github.com/unstuck-app/unstuck"; echo; \
	  echo "Files: *"; echo "Copyright: 2026 The Unstuck authors"; echo "License: MIT"; \
	  sed -e 's/^$$/./' -e 's/^/ /' LICENSE; echo; \
	  echo "Comment: the software Unstuck is built with, and its licences, are in"; \
	  echo " /usr/share/doc/unstuck/THIRD_PARTY_NOTICES."; } > $(DEB_STAGE)/copyright
	{ echo "unstuck ($(DEB_VERSION)) unstable; urgency=medium"; echo; \
	  echo "  * Built from commit $$(git rev-parse --short=12 HEAD)."; echo; \
	  echo " -- The Unstuck authors <unstuck@users.noreply.github.com>  $$(date -u -R -d @$(SOURCE_DATE_EPOCH))"; } \
		| gzip -n -9 > $(DEB_STAGE)/changelog.gz
	@chmod -R u=rwX,go=rX $(DEB_STAGE)
	sed -e 's|$${DEB_VERSION}|$(DEB_VERSION)|g' -e 's|$${STAGE}|$(DEB_STAGE)|g' packaging/linux/nfpm.yaml > $(DEB_STAGE)/nfpm.yaml
	$(TOOLS)/nfpm package --config $(DEB_STAGE)/nfpm.yaml --packager deb --target $(DEB_FILE)
	@ls -l $(DEB_FILE)

# lintian: no error (its warnings here: hardening-no-pie, Go's default for
# cgo binaries, and no-manual-page).
check-deb: deb
	@echo "== lintian"; time lintian --fail-on error --tag-display-limit 0 $(DEB_FILE)
	@echo "== appstreamcli"; appstreamcli validate --no-net --pedantic $(DEB_STAGE)/app.unstuck.desktop.metainfo.xml
	@echo "== desktop-file-validate"; desktop-file-validate packaging/linux/app.unstuck.desktop.desktop && echo ok
	@echo "== apt-get install ./$(DEB_FILE)"
	@if dpkg-query -W -f='$${Status}' unstuck 2>/dev/null | grep -q 'ok installed'; then $(SUDO) apt-get remove --purge -y -qq unstuck >/dev/null; fi
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq ./$(DEB_FILE) >/dev/null
	@set -e; a=$$(/usr/bin/unstuck --version); c=$$(/usr/bin/unstuckctl --version); echo "installed: $$a; $$c"; \
		[ "$${a#unstuck }" = "$(APP_VERSION)" ] && [ "$${c#unstuckctl }" = "$(APP_VERSION)" ] || { echo "the installed programs do not both say $(APP_VERSION)"; exit 1; }
	@set -e; for f in /usr/share/applications/app.unstuck.desktop.desktop /usr/share/metainfo/app.unstuck.desktop.metainfo.xml \
		/usr/lib/udev/rules.d/70-unstuck.rules /usr/share/doc/unstuck/THIRD_PARTY_NOTICES $(foreach n,$(ICON_SIZES),/usr/share/icons/hicolor/$(n)x$(n)/apps/app.unstuck.desktop.png) \
		/usr/share/icons/hicolor/scalable/apps/app.unstuck.desktop.svg; do [ -f $$f ] || { echo "not installed: $$f"; exit 1; }; done
	@/usr/bin/unstuckctl host --json --wait 2s | grep -A3 '"id": "linux.udev-rules"' | tee $(BIN)/udev-check.txt | grep -q '"status": "ok"' \
		|| { echo "the installed unstuckctl's udev check is not ok:"; cat $(BIN)/udev-check.txt; exit 1; }
	@echo "installed unstuckctl: udev rules ok"
	@echo "== apt-get remove --purge unstuck"
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get remove --purge -y -qq unstuck >/dev/null
	@set -e; if dpkg-query -W unstuck >/dev/null 2>&1; then echo "dpkg still knows unstuck"; exit 1; fi; \
		for f in /usr/bin/unstuck /usr/bin/unstuckctl /usr/lib/udev/rules.d/70-unstuck.rules /usr/share/doc/unstuck; do \
			[ ! -e $$f ] || { echo "left after removal: $$f"; exit 1; }; done; echo "removed cleanly"

# Fyne's tarball, from the release binary. fyne package runs in a copy of
# FyneApp.toml (it bumps Build in the file it reads); LICENSE, the notices,
# unstuckctl and the udev rule are added to what it makes (its Makefile's
# "make install" installs the app; the README says where the rule goes).
package: release-build
	@set -e; stage=$$(mktemp -d); trap 'rm -rf "$$stage"' EXIT; \
	sed -e 's|^Icon = .*|Icon = "$(CURDIR)/assets/icon.png"|' cmd/unstuck/FyneApp.toml > $$stage/FyneApp.toml; \
	printf 'package main\n\nfunc main() {}\n' > $$stage/main.go; \
	go tool fyne package --os linux --release --src $$stage --exe $(CURDIR)/$(LINUX_DIST)/unstuck \
		--app-version $(call numeric_version,$(APP_VERSION)) --app-build 1; \
	mkdir $$stage/tar && tar -xJf Unstuck.tar.xz -C $$stage/tar && rm Unstuck.tar.xz; \
	top=$$stage/tar/unstuck; test -x $$top/usr/local/bin/unstuck; \
	cp LICENSE THIRD_PARTY_NOTICES packaging/linux/70-unstuck.rules $$top/; \
	install -m755 $(LINUX_DIST)/unstuckctl $$top/usr/local/bin/; \
	tar --sort=name --mtime=@$(SOURCE_DATE_EPOCH) --owner=0 --group=0 --numeric-owner -cJf \
		$(LINUX_DIST)/Unstuck-$(APP_VERSION)-linux-amd64.tar.xz -C $$stage/tar unstuck
	@ls -l $(LINUX_DIST)/*.tar.xz

notices: tools
	@mkdir -p $(DIST)
	packaging/notices.sh $(TOOLS)/go-licenses > $(DIST)/THIRD_PARTY_NOTICES
	@if cmp -s $(DIST)/THIRD_PARTY_NOTICES THIRD_PARTY_NOTICES; then echo "THIRD_PARTY_NOTICES is up to date"; \
	else echo "THIRD_PARTY_NOTICES is stale: cp $(DIST)/THIRD_PARTY_NOTICES ."; fi
