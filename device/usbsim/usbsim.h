// Declarations shared by usbsim.c and the cgo preamble in testbed.go.
#ifndef UNSTUCK_USBSIM_H
#define UNSTUCK_USBSIM_H

#include <umockdev.h>

UMockdevIoctlBase *usbsim_handler_new(int slot);
int usbsim_attach(UMockdevTestbed *tb, const char *devnode, UMockdevIoctlBase *h, char **errmsg);
int usbsim_add(UMockdevTestbed *tb, const char *desc, char **errmsg);
void usbsim_remove(UMockdevTestbed *tb, const char *syspath);
void usbsim_unref(gpointer p);

#endif
