//go:build linux && cgo

// The usbdevfs side of the simulator: a UMockdevIoctlBase "handle-ioctl"
// callback that answers libusb's ioctls on /dev/bus/usb/BBB/DDD. Control
// transfers are handed to Go (usbsimControl in control.go); everything else
// is answered here. The callback runs on umockdev's worker thread.

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/usbdevice_fs.h>

#include "usbsim.h"
#include "_cgo_export.h"

#define URB_QUEUE_KEY "usbsim-urbs"

static void free_urb_queue(gpointer p)
{
	g_queue_free_full((GQueue *)p, g_object_unref);
}

// urb_queue returns the per-client (per open fd) queue of completed URBs.
static GQueue *urb_queue(UMockdevIoctlClient *client)
{
	GQueue *q = g_object_get_data(G_OBJECT(client), URB_QUEUE_KEY);
	if (q == NULL) {
		q = g_queue_new();
		g_object_set_data_full(G_OBJECT(client), URB_QUEUE_KEY, q, free_urb_queue);
	}
	return q;
}

static gboolean done(UMockdevIoctlClient *client, long res, int err)
{
	umockdev_ioctl_client_complete(client, res, err);
	return TRUE;
}

// control runs one control request through Go. buf holds the 8-byte setup
// packet followed by room for the data stage (cap bytes). It returns the
// data-stage length or a negative errno (-EPIPE = STALL).
static int control(int slot, unsigned char *buf, int cap)
{
	if (cap < 0)
		cap = 0;
	return usbsimControl(slot, buf, buf + 8, cap);
}

static gboolean submit_urb(UMockdevIoctlClient *client, UMockdevIoctlData *arg, int slot)
{
	UMockdevIoctlData *urbd = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_urb), NULL);
	if (urbd == NULL)
		return done(client, -1, EFAULT);
	struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urbd->data;
	UMockdevIoctlData *bufd = NULL;
	if (urb->buffer_length > 0) {
		bufd = umockdev_ioctl_data_resolve(urbd, offsetof(struct usbdevfs_urb, buffer),
						   (gsize)urb->buffer_length, NULL);
		if (bufd == NULL) {
			g_object_unref(urbd);
			return done(client, -1, EFAULT);
		}
	}
	if (urb->type == USBDEVFS_URB_TYPE_CONTROL && bufd != NULL && bufd->data_len >= 8) {
		int n = control(slot, bufd->data, bufd->data_len - 8);
		if (n == -ENODEV) {
			if (bufd)
				g_object_unref(bufd);
			g_object_unref(urbd);
			return done(client, -1, ENODEV);
		}
		urb->status = n < 0 ? n : 0;
		urb->actual_length = n < 0 ? 0 : n;
	} else {
		// Bulk/interrupt/iso or malformed control: the endpoint stalls.
		urb->status = -EPIPE;
		urb->actual_length = 0;
	}
	if (bufd)
		g_object_unref(bufd);
	// The queue keeps the reference until the URB is reaped.
	g_queue_push_tail(urb_queue(client), urbd);
	return done(client, 0, 0);
}

static gboolean reap_urb(UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *urbd = g_queue_pop_head(urb_queue(client));
	if (urbd == NULL)
		return done(client, -1, EAGAIN);
	// arg holds the address of the caller's "struct usbdevfs_urb *": resolve
	// that pointer slot first, then point it at the submitted URB.
	UMockdevIoctlData *slotd = umockdev_ioctl_data_resolve(arg, 0, sizeof(void *), NULL);
	if (slotd == NULL) {
		g_object_unref(urbd);
		return done(client, -1, EFAULT);
	}
	umockdev_ioctl_data_set_ptr(slotd, 0, urbd);
	g_object_unref(slotd);
	g_object_unref(urbd);
	return done(client, 0, 0);
}

static gboolean sync_control(UMockdevIoctlClient *client, UMockdevIoctlData *arg, int slot)
{
	UMockdevIoctlData *ctd = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_ctrltransfer), NULL);
	if (ctd == NULL)
		return done(client, -1, EFAULT);
	struct usbdevfs_ctrltransfer *ct = (struct usbdevfs_ctrltransfer *)ctd->data;
	unsigned char buf[8 + 0xFFFF];
	buf[0] = ct->bRequestType;
	buf[1] = ct->bRequest;
	buf[2] = ct->wValue & 0xFF;
	buf[3] = ct->wValue >> 8;
	buf[4] = ct->wIndex & 0xFF;
	buf[5] = ct->wIndex >> 8;
	buf[6] = ct->wLength & 0xFF;
	buf[7] = ct->wLength >> 8;
	UMockdevIoctlData *dd = NULL;
	if (ct->wLength > 0) {
		dd = umockdev_ioctl_data_resolve(ctd, offsetof(struct usbdevfs_ctrltransfer, data), ct->wLength, NULL);
		if (dd == NULL) {
			g_object_unref(ctd);
			return done(client, -1, EFAULT);
		}
		memcpy(buf + 8, dd->data, ct->wLength);
	}
	int n = control(slot, buf, ct->wLength);
	if (n > 0 && dd != NULL && (ct->bRequestType & 0x80))
		memcpy(dd->data, buf + 8, (size_t)n);
	if (dd)
		g_object_unref(dd);
	g_object_unref(ctd);
	if (n < 0)
		return done(client, -1, -n);
	return done(client, n, 0);
}

static gboolean on_ioctl(UMockdevIoctlBase *base, UMockdevIoctlClient *client, gpointer user_data)
{
	(void)base;
	int slot = GPOINTER_TO_INT(user_data);
	gulong req = umockdev_ioctl_client_get_request(client);
	UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);

	switch (req) {
	case USBDEVFS_GET_CAPABILITIES: {
		UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), NULL);
		if (d == NULL)
			return done(client, -1, EFAULT);
		*(guint32 *)d->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM;
		g_object_unref(d);
		usbsimEvent(slot, (unsigned long)req); // libusb asks this right after open()
		return done(client, 0, 0);
	}
	case USBDEVFS_CLAIMINTERFACE:
	case USBDEVFS_RELEASEINTERFACE:
	case USBDEVFS_SETINTERFACE:
	case USBDEVFS_SETCONFIGURATION:
	case USBDEVFS_CLEAR_HALT:
	case USBDEVFS_RESETEP:
	case USBDEVFS_RESET:
		usbsimEvent(slot, (unsigned long)req);
		return done(client, 0, 0);
	case USBDEVFS_GETDRIVER:
		return done(client, -1, ENODATA);
	case USBDEVFS_CONTROL:
		return sync_control(client, arg, slot);
	case USBDEVFS_SUBMITURB:
		return submit_urb(client, arg, slot);
	case USBDEVFS_REAPURB:
	case USBDEVFS_REAPURBNDELAY:
		return reap_urb(client, arg);
	case USBDEVFS_DISCARDURB:
		// Every URB completes at once, so there is never one in flight:
		// the kernel answers EINVAL and libusb then reaps it normally.
		return done(client, -1, EINVAL);
	default:
		return done(client, -1, ENOTTY);
	}
}

UMockdevIoctlBase *usbsim_handler_new(int slot)
{
	UMockdevIoctlBase *h = umockdev_ioctl_base_new();
	g_signal_connect(h, "handle-ioctl", G_CALLBACK(on_ioctl), GINT_TO_POINTER(slot));
	return h;
}

int usbsim_attach(UMockdevTestbed *tb, const char *devnode, UMockdevIoctlBase *h, char **errmsg)
{
	GError *err = NULL;
	if (!umockdev_testbed_attach_ioctl(tb, devnode, h, &err)) {
		*errmsg = g_strdup(err ? err->message : "attach_ioctl failed");
		g_clear_error(&err);
		return 0;
	}
	return 1;
}

int usbsim_add(UMockdevTestbed *tb, const char *desc, char **errmsg)
{
	GError *err = NULL;
	if (!umockdev_testbed_add_from_string(tb, desc, &err)) {
		*errmsg = g_strdup(err ? err->message : "add_from_string failed");
		g_clear_error(&err);
		return 0;
	}
	return 1;
}

void usbsim_remove(UMockdevTestbed *tb, const char *syspath)
{
	umockdev_testbed_uevent(tb, syspath, "remove");
	umockdev_testbed_remove_device(tb, syspath);
}

void usbsim_unref(gpointer p)
{
	g_object_unref(p);
}
