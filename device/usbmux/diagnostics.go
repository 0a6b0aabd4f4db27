package usbmux

import "fmt"

// DiagnosticsRelayService is the lockdown service that answers IORegistry
// queries (iOS 5 and later), started with StartServiceRequest inside a
// session. Its messages use the lockdown framing: ReadLockdown, WriteLockdown.
const DiagnosticsRelayService = "com.apple.mobile.diagnostics_relay"

// PowerSourceClass is the IORegistry class of the battery entry (go-ios and
// pymobiledevice3 query it for the battery's health).
const PowerSourceClass = "IOPMPowerSource"

// Diagnostics relay request names and answer statuses (libimobiledevice
// diagnostics_relay.c).
const (
	RelayIORegistry     = "IORegistry"
	RelayGoodbye        = "Goodbye"
	RelaySuccess        = "Success"
	RelayFailure        = "Failure"
	RelayUnknownRequest = "UnknownRequest"
)

// StartServiceRequest asks lockdownd to start a service (session only).
func StartServiceRequest(service string) LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqStartService, Service: service}
}

// RelayRequest is a request to the diagnostics relay.
type RelayRequest struct {
	Request      string
	EntryName    string `plist:",omitempty"`
	EntryClass   string `plist:",omitempty"`
	CurrentPlane string `plist:",omitempty"`
}

// IORegistryRequest asks for the properties of the IORegistry entry of a class.
func IORegistryRequest(class string) RelayRequest {
	return RelayRequest{Request: RelayIORegistry, EntryClass: class}
}

// RelayGoodbyeRequest ends a diagnostics relay conversation.
func RelayGoodbyeRequest() RelayRequest { return RelayRequest{Request: RelayGoodbye} }

// RelayReply is the diagnostics relay's answer; an IORegistry answer keeps
// the entry's properties in Diagnostics["IORegistry"].
type RelayReply struct {
	Status      string
	Diagnostics map[string]any `plist:",omitempty"`
}

// Err is nil for a Success status.
func (r RelayReply) Err() error {
	if r.Status == RelaySuccess {
		return nil
	}
	if r.Status == "" {
		return fmt.Errorf("%w: diagnostics relay answer without Status", ErrMalformed)
	}
	return fmt.Errorf("diagnostics relay: %s", r.Status)
}

// IORegistry returns an IORegistry answer's entry properties, or nil.
func (r RelayReply) IORegistry() map[string]any {
	m, _ := r.Diagnostics[RelayIORegistry].(map[string]any)
	return m
}

// DecodeRelayReply decodes a diagnostics relay answer.
func DecodeRelayReply(body []byte) (RelayReply, error) {
	var r RelayReply
	if err := Unmarshal(body, &r); err != nil {
		return RelayReply{}, err
	}
	return r, nil
}

// DecodeRelayRequest decodes a request to the diagnostics relay.
func DecodeRelayRequest(body []byte) (RelayRequest, error) {
	var r RelayRequest
	if err := Unmarshal(body, &r); err != nil {
		return RelayRequest{}, err
	}
	if r.Request == "" {
		return RelayRequest{}, fmt.Errorf("%w: diagnostics relay request without Request", ErrMalformed)
	}
	return r, nil
}
