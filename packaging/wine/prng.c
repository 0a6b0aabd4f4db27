/* Test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8
 * lacks: Go 1.24 and later call ProcessPrng from it at start, so without it
 * every Go program dies under Wine before main. It forwards to
 * BCryptGenRandom, which Wine has. Built and used by packaging/wine.mk for
 * the Wine test run only; it is never shipped. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
