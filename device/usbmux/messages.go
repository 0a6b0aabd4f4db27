package usbmux

import (
	"errors"
	"fmt"
	"math/bits"

	"howett.net/plist"

	"unstuck/device/safeplist"
)

// Identity of this client in usbmuxd's logs.
const (
	ProgName                   = "unstuck"
	ClientVersionString        = "unstuck-usbmux-1"
	LibUSBMuxVersion           = 3
	LockdownPort        uint16 = 62078
)

// usbmuxd message types.
const (
	MsgListDevices    = "ListDevices"
	MsgListen         = "Listen"
	MsgConnect        = "Connect"
	MsgReadPairRecord = "ReadPairRecord"
	MsgSavePairRecord = "SavePairRecord"
	MsgReadBUID       = "ReadBUID"
	MsgResult         = "Result"
	MsgAttached       = "Attached"
	MsgDetached       = "Detached"
	MsgPaired         = "Paired"
)

// usbmuxd result numbers.
const (
	ResultOK          = 0
	ResultBadCommand  = 1
	ResultBadDevice   = 2 // also "no such pair record"
	ResultConnRefused = 3
	ResultBadVersion  = 6
)

// Request is a usbmuxd request: the union of the fields clients send.
type Request struct {
	MessageType         string
	ProgName            string `plist:",omitempty"`
	ClientVersionString string `plist:",omitempty"`
	BundleID            string `plist:",omitempty"`
	LibUSBMuxVersion    int    `plist:"kLibUSBMuxVersion,omitempty"`
	ConnType            int    `plist:",omitempty"`
	DeviceID            int    `plist:",omitempty"`
	// PortNumber is in network byte order, as usbmuxd wants it: use Port.
	PortNumber     int    `plist:",omitempty"`
	PairRecordID   string `plist:",omitempty"`
	PairRecordData []byte `plist:",omitempty"`
}

// Port is the device port a Connect request asks for, in host order.
func (r Request) Port() uint16 { return bits.ReverseBytes16(uint16(r.PortNumber)) }

func newRequest(msgType string) Request {
	return Request{
		MessageType:         msgType,
		ProgName:            ProgName,
		ClientVersionString: ClientVersionString,
		LibUSBMuxVersion:    LibUSBMuxVersion,
	}
}

// ListDevicesRequest asks for the attached devices.
func ListDevicesRequest() Request { return newRequest(MsgListDevices) }

// ListenRequest turns the connection into an event stream.
func ListenRequest() Request {
	r := newRequest(MsgListen)
	r.ConnType = 1
	return r
}

// ConnectRequest asks usbmuxd to connect the socket to a TCP port on the device.
func ConnectRequest(deviceID int, port uint16) Request {
	r := newRequest(MsgConnect)
	r.DeviceID = deviceID
	r.PortNumber = int(bits.ReverseBytes16(port))
	return r
}

// ReadPairRecordRequest asks for the stored pair record of a UDID.
func ReadPairRecordRequest(udid string) Request {
	r := newRequest(MsgReadPairRecord)
	r.PairRecordID = udid
	return r
}

// SavePairRecordRequest stores a pair record (an XML plist) for a UDID.
func SavePairRecordRequest(udid string, record []byte) Request {
	r := newRequest(MsgSavePairRecord)
	r.PairRecordID = udid
	r.PairRecordData = record
	return r
}

// ReadBUIDRequest asks for the host's system BUID.
func ReadBUIDRequest() Request { return newRequest(MsgReadBUID) }

// Result is usbmuxd's status reply.
type Result struct {
	MessageType string
	Number      int
}

// ResultReply builds a Result message.
func ResultReply(n int) Result { return Result{MessageType: MsgResult, Number: n} }

// ResultError is a non-zero usbmuxd Result.
type ResultError struct{ Number int }

func (e *ResultError) Error() string {
	what := map[int]string{
		ResultBadCommand:  "bad command",
		ResultBadDevice:   "bad device or no pair record",
		ResultConnRefused: "connection refused by the device",
		ResultBadVersion:  "bad protocol version",
	}[e.Number]
	if what == "" {
		what = "error"
	}
	return fmt.Sprintf("usbmuxd result %d (%s)", e.Number, what)
}

// Err is nil for ResultOK, else a *ResultError.
func (r Result) Err() error {
	if r.Number == ResultOK {
		return nil
	}
	return &ResultError{Number: r.Number}
}

// Properties describe an attached device.
type Properties struct {
	ConnectionSpeed int64  `plist:",omitempty"` // bits per second
	ConnectionType  string `plist:",omitempty"` // "USB" or "Network"
	DeviceID        int
	LocationID      int64  `plist:",omitempty"` // Linux: bus<<16 | address
	ProductID       int64  `plist:",omitempty"`
	SerialNumber    string // the UDID
	USBSerialNumber string `plist:",omitempty"`
}

// Event is an Attached, Detached or Paired message; Properties is set for Attached only.
type Event struct {
	MessageType string
	DeviceID    int
	Properties  *Properties `plist:",omitempty"`
}

// DeviceList is the reply to ListDevices.
type DeviceList struct {
	DeviceList []Event
}

// PairRecordReply is the successful reply to ReadPairRecord.
type PairRecordReply struct {
	PairRecordData []byte
}

// BUIDReply is the reply to ReadBUID.
type BUIDReply struct {
	BUID string
}

var (
	// ErrMalformed marks a message whose plist could not be decoded or lacks required keys.
	ErrMalformed = errors.New("malformed usbmux message")
	// ErrUnknownEvent marks a well-formed message of a type this package does not know.
	ErrUnknownEvent = errors.New("unknown usbmux event")
)

// reply is every key a usbmuxd reply may carry; pointers record presence.
type reply struct {
	MessageType    string
	Number         *int
	DeviceID       *int
	Properties     *Properties
	DeviceList     *[]Event
	PairRecordData []byte
	BUID           *string
}

func decodeReply(body []byte) (reply, error) {
	var r reply
	if err := Unmarshal(body, &r); err != nil {
		return r, err
	}
	return r, nil
}

// DecodeRequest decodes a client's request.
func DecodeRequest(body []byte) (Request, error) {
	var r Request
	if err := Unmarshal(body, &r); err != nil {
		return r, err
	}
	if r.MessageType == "" {
		return r, fmt.Errorf("%w: request without MessageType", ErrMalformed)
	}
	return r, nil
}

// DecodeResult decodes a Result reply; a non-zero Number is returned as the
// Result with a nil error (use Result.Err).
func DecodeResult(body []byte) (Result, error) {
	r, err := decodeReply(body)
	if err != nil {
		return Result{}, err
	}
	if r.Number == nil {
		return Result{}, fmt.Errorf("%w: %q reply where a Result was expected", ErrMalformed, r.MessageType)
	}
	return Result{MessageType: r.MessageType, Number: *r.Number}, nil
}

// DecodeDeviceList decodes the reply to ListDevices. A Result reply becomes
// its *ResultError.
func DecodeDeviceList(body []byte) (DeviceList, error) {
	r, err := decodeReply(body)
	if err != nil {
		return DeviceList{}, err
	}
	if r.DeviceList == nil {
		if r.Number != nil && *r.Number != ResultOK {
			return DeviceList{}, &ResultError{Number: *r.Number}
		}
		return DeviceList{}, fmt.Errorf("%w: reply has no DeviceList", ErrMalformed)
	}
	if n := len(*r.DeviceList); n > MaxDevices {
		return DeviceList{}, fmt.Errorf("%w: a list of %d devices (at most %d are believable)", ErrMalformed, n, MaxDevices)
	}
	for i, e := range *r.DeviceList {
		if e.Properties == nil {
			return DeviceList{}, fmt.Errorf("%w: device %d has no Properties", ErrMalformed, i)
		}
	}
	return DeviceList{DeviceList: *r.DeviceList}, nil
}

// DecodeEvent decodes a Listen event: Attached (with Properties), Detached or Paired.
func DecodeEvent(body []byte) (Event, error) {
	r, err := decodeReply(body)
	if err != nil {
		return Event{}, err
	}
	switch r.MessageType {
	case MsgAttached, MsgDetached, MsgPaired:
	default:
		return Event{}, fmt.Errorf("%w %q", ErrUnknownEvent, r.MessageType)
	}
	if r.DeviceID == nil {
		return Event{}, fmt.Errorf("%w: %q event without DeviceID", ErrMalformed, r.MessageType)
	}
	e := Event{MessageType: r.MessageType, DeviceID: *r.DeviceID, Properties: r.Properties}
	if e.MessageType == MsgAttached && e.Properties == nil {
		return Event{}, fmt.Errorf("%w: Attached event without Properties", ErrMalformed)
	}
	return e, nil
}

// DecodePairRecord decodes the reply to ReadPairRecord. When there is no
// record usbmuxd answers Result 2: that is a *ResultError with Number 2.
func DecodePairRecord(body []byte) ([]byte, error) {
	r, err := decodeReply(body)
	if err != nil {
		return nil, err
	}
	if r.PairRecordData == nil {
		if r.Number != nil && *r.Number != ResultOK {
			return nil, &ResultError{Number: *r.Number}
		}
		return nil, fmt.Errorf("%w: reply has no PairRecordData", ErrMalformed)
	}
	return r.PairRecordData, nil
}

// DecodeBUID decodes the reply to ReadBUID.
func DecodeBUID(body []byte) (string, error) {
	r, err := decodeReply(body)
	if err != nil {
		return "", err
	}
	if r.BUID == nil {
		if r.Number != nil && *r.Number != ResultOK {
			return "", &ResultError{Number: *r.Number}
		}
		return "", fmt.Errorf("%w: reply has no BUID", ErrMalformed)
	}
	return *r.BUID, nil
}

// Marshal encodes v as an XML plist.
func Marshal(v any) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("encode plist: %v", p)
		}
	}()
	b, err = plist.MarshalIndent(v, plist.XMLFormat, "\t")
	if err != nil {
		return nil, fmt.Errorf("encode plist: %w", err)
	}
	return b, nil
}

// limits bound every plist this package decodes: usbmuxd replies and
// requests, lockdown and diagnostics relay messages, pair records.
//
//   - MaxBytes is the frame and lockdown message limit (1 MiB): the largest
//     real message, a pair record, is about 10 KiB; an IORegistry battery
//     answer some 20 KiB.
//   - MaxDepth 32: the deepest real message, the diagnostics relay's
//     battery entry, nests about 6 levels (in XML, with <plist>).
//   - MaxValues 65,536: a device list of MaxDevices phones is about 21
//     elements a phone (21,000); lockdown's GetValue of every key about 100
//     keys and a few nested dictionaries (some 500); the battery's
//     IORegistry entry with its data arrays a few thousand. The decoder
//     allocates up to about 530 bytes a value (an empty <array/>), so the
//     cap keeps a decode under about 35 MB (measured).
var limits = safeplist.Limits{MaxBytes: MaxFrameSize, MaxDepth: 32, MaxValues: 1 << 16}

// Unmarshal decodes a plist (XML or binary) into v within limits. It never
// panics; every error wraps ErrMalformed (and safeplist's ErrInvalid or
// ErrLimit).
func Unmarshal(b []byte, v any) error {
	if err := safeplist.Decode(b, v, limits); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return nil
}

// MaxDevices bounds a device list: no computer has 1,000 phones attached.
const MaxDevices = 1000
