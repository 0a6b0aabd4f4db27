package usbmux

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MaxLockdownSize bounds a lockdown message body.
const MaxLockdownSize = 1 << 20

// ErrLockdownTooLarge marks a lockdown length prefix over MaxLockdownSize.
var ErrLockdownTooLarge = errors.New("lockdown message too large")

// lockdownd request names.
const (
	ReqQueryType    = "QueryType"
	ReqGetValue     = "GetValue"
	ReqPair         = "Pair"
	ReqValidatePair = "ValidatePair"
	ReqStartSession = "StartSession"
	ReqStopSession  = "StopSession"
	ReqGoodbye      = "Goodbye"
	// ReqEnterRecovery asks iOS to reboot into recovery mode.
	ReqEnterRecovery = "EnterRecovery"
	// ReqStartService asks lockdownd (in a session) to start a service and
	// say on which device port it listens.
	ReqStartService = "StartService"
)

// QueryType answers.
const (
	TypeLockdown = "com.apple.mobile.lockdown" // iOS runs
	TypeRestored = "com.apple.mobile.restored" // the restore OS runs
)

// Lockdown Error codes that describe trust.
const (
	ErrCodePairingDialogPending = "PairingDialogResponsePending"
	ErrCodeUserDeniedPairing    = "UserDeniedPairing"
	ErrCodePasswordProtected    = "PasswordProtected"
	ErrCodeInvalidHostID        = "InvalidHostID"
	ErrCodeMissingSessionID     = "MissingSessionID"
	ErrCodeSessionInactive      = "SessionInactive"
)

// ReadLockdown reads one length-prefixed lockdown message body.
func ReadLockdown(r io.Reader) ([]byte, error) {
	var lb [4]byte
	if _, err := io.ReadFull(r, lb[:]); err != nil {
		return nil, fmt.Errorf("read lockdown length: %w", err)
	}
	n := binary.BigEndian.Uint32(lb[:])
	if n > MaxLockdownSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrLockdownTooLarge, n, MaxLockdownSize)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("read lockdown body (%d bytes): %w", n, err)
	}
	return body, nil
}

// WriteLockdown encodes v as an XML plist and writes it with its length prefix.
func WriteLockdown(w io.Writer, v any) error {
	body, err := Marshal(v)
	if err != nil {
		return err
	}
	if len(body) > MaxLockdownSize {
		return fmt.Errorf("%w: %d bytes", ErrLockdownTooLarge, len(body))
	}
	b := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(body)), uint32(len(body)))
	if _, err := w.Write(append(b, body...)); err != nil {
		return fmt.Errorf("write lockdown message: %w", err)
	}
	return nil
}

// PairRecord is the public part of a pair record, sent in Pair and ValidatePair.
type PairRecord struct {
	DeviceCertificate []byte
	HostCertificate   []byte
	RootCertificate   []byte
	HostID            string
	SystemBUID        string
}

// PairingOptions go with a Pair request.
type PairingOptions struct {
	ExtendedPairingErrors bool
}

// LockdownRequest is a request to lockdownd: the union of the fields used.
type LockdownRequest struct {
	Label           string          `plist:",omitempty"`
	Request         string          //
	Domain          string          `plist:",omitempty"`
	Key             string          `plist:",omitempty"`
	ProtocolVersion string          `plist:",omitempty"`
	PairRecord      *PairRecord     `plist:",omitempty"`
	PairingOptions  *PairingOptions `plist:",omitempty"`
	HostID          string          `plist:",omitempty"`
	SystemBUID      string          `plist:",omitempty"`
	SessionID       string          `plist:",omitempty"`
	Service         string          `plist:",omitempty"`
}

// QueryTypeRequest asks which service answers: lockdownd or restored.
func QueryTypeRequest() LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqQueryType}
}

// GetValueRequest asks for one key, or for every readable key when key is "".
func GetValueRequest(domain, key string) LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqGetValue, Domain: domain, Key: key}
}

// PairRequest asks the phone to trust the host that owns rec.
func PairRequest(rec PairRecord) LockdownRequest {
	return LockdownRequest{
		Label: ProgName, Request: ReqPair, ProtocolVersion: "2",
		PairRecord: &rec, PairingOptions: &PairingOptions{ExtendedPairingErrors: true},
	}
}

// ValidatePairRequest checks that the phone still trusts rec.
func ValidatePairRequest(rec PairRecord) LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqValidatePair, ProtocolVersion: "2", PairRecord: &rec}
}

// StartSessionRequest opens a session for a paired host.
func StartSessionRequest(hostID, systemBUID string) LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqStartSession, HostID: hostID, SystemBUID: systemBUID}
}

// StopSessionRequest ends a session (the reply still comes over TLS).
func StopSessionRequest(sessionID string) LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqStopSession, SessionID: sessionID}
}

// EnterRecoveryRequest asks the phone to reboot into recovery mode.
func EnterRecoveryRequest() LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqEnterRecovery}
}

// BatteryDomain is the lockdown domain of the battery values (session only).
const BatteryDomain = "com.apple.mobile.battery"

// GoodbyeRequest ends the conversation.
func GoodbyeRequest() LockdownRequest {
	return LockdownRequest{Label: ProgName, Request: ReqGoodbye}
}

// LockdownReply is lockdownd's (or restored's) answer. Error is kept: go-ios
// drops it, which makes a refused GetValue look like a missing value.
type LockdownReply struct {
	Request                string `plist:",omitempty"`
	Type                   string `plist:",omitempty"`
	Domain                 string `plist:",omitempty"`
	Key                    string `plist:",omitempty"`
	Value                  any    `plist:",omitempty"`
	Error                  string `plist:",omitempty"`
	Result                 string `plist:",omitempty"`
	EscrowBag              []byte `plist:",omitempty"`
	SessionID              string `plist:",omitempty"`
	EnableSessionSSL       bool   `plist:",omitempty"`
	RestoreProtocolVersion int    `plist:",omitempty"`
	// StartService answers: the service, its device port (host byte
	// order) and whether the connection to it starts with TLS.
	Service          string `plist:",omitempty"`
	Port             int    `plist:",omitempty"`
	EnableServiceSSL bool   `plist:",omitempty"`
}

// LockdownError is a reply's Error key.
type LockdownError struct {
	Request string
	Code    string // e.g. PairingDialogResponsePending
}

func (e *LockdownError) Error() string {
	if e.Request == "" {
		return "lockdown error: " + e.Code
	}
	return fmt.Sprintf("lockdown %s: %s", e.Request, e.Code)
}

// Err is nil when the reply has no Error key, else a *LockdownError.
func (r LockdownReply) Err() error {
	if r.Error == "" {
		return nil
	}
	return &LockdownError{Request: r.Request, Code: r.Error}
}

// DecodeLockdownReply decodes a lockdown reply body.
func DecodeLockdownReply(body []byte) (LockdownReply, error) {
	var r LockdownReply
	if err := Unmarshal(body, &r); err != nil {
		return LockdownReply{}, err
	}
	return r, nil
}

// DecodeLockdownRequest decodes a lockdown request body.
func DecodeLockdownRequest(body []byte) (LockdownRequest, error) {
	var r LockdownRequest
	if err := Unmarshal(body, &r); err != nil {
		return LockdownRequest{}, err
	}
	if r.Request == "" {
		return LockdownRequest{}, fmt.Errorf("%w: lockdown request without Request", ErrMalformed)
	}
	return r, nil
}

// ValueDict returns a GetValue reply's Value as a dictionary, or nil.
func (r LockdownReply) ValueDict() map[string]any {
	m, _ := r.Value.(map[string]any)
	return m
}

// HostPairRecord is the record usbmuxd stores per phone (SavePairRecord's
// PairRecordData, an XML plist): the public PairRecord plus the host's keys.
type HostPairRecord struct {
	DeviceCertificate []byte
	HostCertificate   []byte
	HostPrivateKey    []byte
	RootCertificate   []byte
	RootPrivateKey    []byte
	EscrowBag         []byte `plist:",omitempty"`
	WiFiMACAddress    string `plist:",omitempty"`
	HostID            string
	SystemBUID        string
}
