# The Windows test run under Wine, included by the Makefile; `make test`
# runs it after the Linux tests.
#
#   make test-wine   every package's Windows test binary (GOOS=windows,
#                    CGO_ENABLED=0) under Wine 8, then unstuckctl.exe's host
#                    checks in a bare and an iTunes-like Wine prefix
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go 1.24+ calls at
# start: a test-only stub DLL built here with mingw (packaging/wine/prng.c)
# goes into the private prefix under bin/wine. It is never shipped. What
# else Wine lacks is listed, with the reason, in packaging/wine/known-gaps.txt.

APT_WINE    := gcc-mingw-w64-x86-64 wine wine64 xvfb xauth jq xdotool imagemagick
WINE_OUT    := $(BIN)/wine
WINE_DLL    := $(WINE_OUT)/bcryptprimitives.dll
WINE_ENV     = GOCACHE=$$(go env GOCACHE) WINEDEBUG=-all

.PHONY: test-wine deps-wine

deps-wine:
	$(call apt_install,$(APT_WINE))

$(WINE_DLL): packaging/wine/prng.c packaging/wine/prng.def
	@mkdir -p $(WINE_OUT)
	x86_64-w64-mingw32-gcc -shared -O2 -s -o $@ $^ -lbcrypt

test-wine: deps-wine modules check-go $(WINE_DLL)
	@start=$$(date +%s); \
	$(WINE_ENV) WINEPREFIX=$(CURDIR)/$(WINE_OUT)/prefix packaging/wine/prefix.sh $(CURDIR)/$(WINE_OUT)/prefix $(CURDIR)/$(WINE_DLL) && \
	$(WINE_ENV) WINEPREFIX=$(CURDIR)/$(WINE_OUT)/prefix packaging/wine/run-tests.sh $(CURDIR)/$(WINE_OUT) packaging/wine/known-gaps.txt; rc=$$?; \
	$(WINE_ENV) packaging/wine/host-check.sh $(CURDIR)/$(WINE_OUT) $(CURDIR)/$(WINE_DLL) || rc=1; \
	echo "wine: test-wine took $$(( $$(date +%s) - start )) s"; exit $$rc
