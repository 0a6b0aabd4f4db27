# The Windows build, made here on Debian with mingw-w64 and NSIS; included by
# the Makefile.
#
#   make windows        dist/windows/unstuck.exe (GUI, no console window),
#                       dist/windows/unstuckctl.exe (CLI, built without cgo)
#                       and dist/windows/Unstuck-Setup-<version>.exe (NSIS)
#   make check-windows  the three files' PE facts (subsystem, icon, manifest,
#                       version information), then the installer under Wine:
#                       silent install, the installed programs start, the
#                       uninstaller removes what was installed (make test runs it)
#
# The GUI needs cgo (GLFW); gousb is left out of Windows builds by build
# constraints (recovery and DFU phones go through Apple's driver there), and
# pkg-config looks in an empty folder, so no Linux header or library can leak
# in. The first mingw build of go-gl takes 5-15 minutes on two cores; Go's
# build cache keeps it, and the flags here match every later build.

WIN_DIST    := $(DIST)/windows
WIN_STAGE   := $(BIN)/windows-stage
APT_WINDOWS := gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis imagemagick
WIN_CC      := x86_64-w64-mingw32-gcc
WIN_ENV     := GOOS=windows GOARCH=amd64 PKG_CONFIG_LIBDIR=$(CURDIR)/$(WIN_STAGE)/no-pkg-config PKG_CONFIG_PATH=
WIN_GUI_ENV := $(WIN_ENV) CGO_ENABLED=1 CC=$(WIN_CC) CXX=x86_64-w64-mingw32-g++
# The version the Windows programs report: a host unstuckctl built with the
# same VCS stamping says it (package unstuck/device/version decides it).
WIN_VERSION  = $(shell $(WIN_STAGE)/unstuckctl-host --version | cut -d' ' -f2)
WIN_SETUP    = $(WIN_DIST)/Unstuck-Setup-$(WIN_VERSION).exe

.PHONY: windows deps-windows check-windows windows-version

# Built before the windows recipe is expanded (make expands a recipe's
# lines all at once), so WIN_VERSION there reads this build's version.
windows-version: check-go
	@mkdir -p $(WIN_STAGE)
	go build $(RELEASE_FLAGS) -o $(WIN_STAGE)/unstuckctl-host ./cmd/unstuckctl

deps-windows:
	$(call apt_install,$(APT_WINDOWS))

windows: deps-windows modules windows-version
	@mkdir -p $(WIN_DIST) $(WIN_STAGE)/no-pkg-config
	@$(MAKE) --no-print-directory windows-resources WIN_V='$(WIN_VERSION)'
	$(WIN_ENV) CGO_ENABLED=0 go build $(RELEASE_FLAGS) -o $(WIN_DIST)/unstuckctl.exe ./cmd/unstuckctl
	$(WIN_GUI_ENV) go build -buildvcs=true -ldflags='$(RELEASE_LDFLAGS) -H=windowsgui' \
		-tags=migrated_fynedo,no_emoji,release -o $(WIN_DIST)/unstuck.exe ./cmd/unstuck
	cp $(WIN_DIST)/unstuck.exe $(WIN_DIST)/unstuckctl.exe $(WIN_STAGE)/
	sed 's/$$/\r/' LICENSE > $(WIN_STAGE)/LICENSE.txt
	sed 's/$$/\r/' THIRD_PARTY_NOTICES > $(WIN_STAGE)/THIRD_PARTY_NOTICES.txt
	rm -f $(WIN_DIST)/Unstuck-Setup-*.exe
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) makensis -V2 -DVERSION='$(WIN_VERSION)' -DFILEVERSION='$(call numeric_version,$(WIN_VERSION))' \
		-DSTAGE='$(CURDIR)/$(WIN_STAGE)' -DOUTFILE='$(CURDIR)/$(WIN_SETUP)' packaging/windows/installer.nsi
	@ls -l $(WIN_DIST)

# The icon, manifest and version information of both programs, as .syso
# files that go build links (ignored by git; rewritten on every build, so a
# stale version never ships).
.PHONY: windows-resources
windows-resources:
	convert assets/icon.png -define icon:auto-resize=256,128,64,48,32,24,16 $(WIN_STAGE)/unstuck.ico
	@set -e; num='$(call numeric_version,$(WIN_V))'; \
	sed "s/@FILEVERSION@/$$num.0/" packaging/windows/unstuck.manifest > $(WIN_STAGE)/unstuck.manifest; \
	for p in unstuck:"Unstuck: see what a stuck iPhone is doing" unstuckctl:"Unstuck command line"; do \
		name=$${p%%:*}; desc=$${p#*:}; \
		sed -e "s|@ICON@|$(CURDIR)/$(WIN_STAGE)/unstuck.ico|" -e "s|@MANIFEST@|$(CURDIR)/$(WIN_STAGE)/unstuck.manifest|" \
			-e "s/@FILEVERSION_COMMAS@/$$(echo $$num | tr . ,),0/" -e "s/@VERSION@/$(WIN_V)/" \
			-e "s/@NAME@/$$name/" -e "s/@DESCRIPTION@/$$desc/" packaging/windows/resources.rc > $(WIN_STAGE)/$$name.rc; \
		x86_64-w64-mingw32-windres -O coff -i $(WIN_STAGE)/$$name.rc -o cmd/$$name/rsrc_windows_amd64.syso; \
	done

# The installer test runs in its own fresh prefix (made again each time, ~6 s),
# so an earlier install cannot make it pass. A screenshot of the installed
# app's demo window is left in bin/wine/installed-demo.png.
WIN_INSTALL_PREFIX = $(CURDIR)/$(WINE_OUT)/installer-prefix
check-windows: windows deps-wine $(WINE_DLL)
	UNSTUCK_WINDOWS_DIST=$(CURDIR)/$(WIN_DIST) UNSTUCK_WINDOWS_VERSION='$(WIN_VERSION)' \
		go test -count=1 -run '^TestWindowsArtifacts$$' ./packaging/
	rm -rf $(WIN_INSTALL_PREFIX)
	$(WINE_ENV) packaging/wine/prefix.sh $(WIN_INSTALL_PREFIX) $(CURDIR)/$(WINE_DLL)
	$(WINE_ENV) WINEPREFIX=$(WIN_INSTALL_PREFIX) xvfb-run -a -s '-screen 0 1280x800x24' \
		packaging/wine/installer.sh $(CURDIR)/$(WIN_SETUP) '$(WIN_VERSION)' $(CURDIR)/$(WINE_OUT)/installed-demo.png
