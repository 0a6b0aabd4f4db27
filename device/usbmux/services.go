package usbmux

import "fmt"

// SyslogRelayService is the lockdown service that relays the phone's
// syslog (libimobiledevice syslog_relay.h; go-ios ios/syslog). After
// StartService and a usbmuxd Connect to its port (TLS only when the reply
// sets EnableServiceSSL), the phone sends text: one log line after another,
// each ended by a NUL byte; the host sends nothing.
const SyslogRelayService = "com.apple.syslog_relay"

// NotificationProxyService is the lockdown service that relays the phone's
// Darwin notifications (libimobiledevice notification_proxy.h; go-ios
// ios/notificationproxy). Its messages use the lockdown framing.
const NotificationProxyService = "com.apple.mobile.notification_proxy"

// Notification proxy commands (libimobiledevice notification_proxy.c).
const (
	NPObserve  = "ObserveNotification" // host: tell me when Name is posted
	NPPost     = "PostNotification"    // host: post Name on the phone (Unstuck never sends it)
	NPShutdown = "Shutdown"            // host: end; the phone answers ProxyDeath
	NPRelay    = "RelayNotification"   // phone: Name was posted
	NPDeath    = "ProxyDeath"          // phone: the proxy ends
)

// The notifications the phone posts while a backup waits for its passcode
// (idevicebackup2 notify_cb; pymobiledevice3 BACKUP_OBSERVED_NOTIFICATIONS).
const (
	PasscodePromptPresented = "com.apple.LocalAuthentication.ui.presented"
	PasscodePromptDismissed = "com.apple.LocalAuthentication.ui.dismissed"
)

// NPMessage is a notification proxy message either way.
type NPMessage struct {
	Command string
	Name    string `plist:",omitempty"`
}

// ObserveRequest asks the proxy to relay one notification name.
func ObserveRequest(name string) NPMessage { return NPMessage{Command: NPObserve, Name: name} }

// ShutdownRequest ends a notification proxy conversation.
func ShutdownRequest() NPMessage { return NPMessage{Command: NPShutdown} }

// DecodeNPMessage decodes a notification proxy message.
func DecodeNPMessage(body []byte) (NPMessage, error) {
	var m NPMessage
	if err := Unmarshal(body, &m); err != nil {
		return NPMessage{}, err
	}
	if m.Command == "" {
		return NPMessage{}, fmt.Errorf("%w: notification proxy message without Command", ErrMalformed)
	}
	return m, nil
}
