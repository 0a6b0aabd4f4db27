package muxsim

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"time"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// handshakeTimeout bounds a session's TLS handshake.
const handshakeTimeout = 5 * time.Second

// simHost is the host identity behind the pair records the simulator makes
// for phones attached with Paired set: made once per process.
var simHost struct {
	once              sync.Once
	rootKey, hostKey  *rsa.PrivateKey
	root              *x509.Certificate
	rootPEM, hostPEM  []byte
	rootKeyPEM, hkPEM []byte
	err               error
}

func certTemplate(pub *rsa.PublicKey, ca bool) *x509.Certificate {
	ski := sha1.Sum(x509.MarshalPKCS1PublicKey(pub))
	return &x509.Certificate{
		SerialNumber: big.NewInt(0), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(10, 0, 0),
		BasicConstraintsValid: true, IsCA: ca, SubjectKeyId: ski[:],
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
	}
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func keyPEM(k *rsa.PrivateKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func loadSimHost() error {
	simHost.once.Do(func() {
		h := &simHost
		var err1, err2 error
		h.rootKey, err1 = rsa.GenerateKey(rand.Reader, 1024)
		h.hostKey, err2 = rsa.GenerateKey(rand.Reader, 1024)
		if h.err = errors.Join(err1, err2); h.err != nil {
			return
		}
		t := certTemplate(&h.rootKey.PublicKey, true)
		rootDER, err := x509.CreateCertificate(rand.Reader, t, t, &h.rootKey.PublicKey, h.rootKey)
		if err != nil {
			h.err = err
			return
		}
		if h.root, h.err = x509.ParseCertificate(rootDER); h.err != nil {
			return
		}
		hostDER, err := x509.CreateCertificate(rand.Reader, certTemplate(&h.hostKey.PublicKey, false), h.root, &h.hostKey.PublicKey, h.rootKey)
		if err != nil {
			h.err = err
			return
		}
		h.rootPEM, h.hostPEM = certPEM(rootDER), certPEM(hostDER)
		h.rootKeyPEM, h.hkPEM = keyPEM(h.rootKey), keyPEM(h.hostKey)
	})
	if simHost.err != nil {
		return fmt.Errorf("simulated host identity: %w", simHost.err)
	}
	return nil
}

// fakeRecord is a stored pair record for a phone paired "before": real
// certificates from a simulated host, the device certificate for the phone's
// own key, so a session with it works like one after pairing.
func (s *Sim) fakeRecord(k *phoneKey) ([]byte, error) {
	if err := loadSimHost(); err != nil {
		return nil, err
	}
	key, err := k.get()
	if err != nil {
		return nil, err
	}
	devDER, err := x509.CreateCertificate(rand.Reader, certTemplate(&key.PublicKey, false), simHost.root, &key.PublicKey, simHost.rootKey)
	if err != nil {
		return nil, fmt.Errorf("simulated device certificate: %w", err)
	}
	return usbmux.Marshal(usbmux.HostPairRecord{
		DeviceCertificate: certPEM(devDER),
		HostCertificate:   simHost.hostPEM, HostPrivateKey: simHost.hkPEM,
		RootCertificate: simHost.rootPEM, RootPrivateKey: simHost.rootKeyPEM,
		HostID: newUUID(), SystemBUID: s.buid,
	})
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// SetBattery changes the battery a session reads.
func (s *Sim) SetBattery(udid string, percent int, charging bool) error {
	if percent < 0 || percent > 100 {
		return fmt.Errorf("battery %d%% is not 0 to 100", percent)
	}
	return s.changePhone(udid, func(ps *phoneState) {
		ps.BatteryPercent, ps.BatteryCharging = percent, charging
	})
}

// ForgetPairing makes the phone forget the host of its stored pair record
// (as after "Reset Location & Privacy"); usbmuxd keeps the record, so a
// StartSession with it gets InvalidHostID until the host pairs again.
func (s *Sim) ForgetPairing(udid string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := normUDID(udid)
	ps := s.phones[k]
	var rec usbmux.HostPairRecord
	if ps == nil || s.records[k] == nil || usbmux.Unmarshal(s.records[k], &rec) != nil {
		return fmt.Errorf("phone %s has no pair record", udid)
	}
	ps.forgot[rec.HostID] = true
	return nil
}

// startSession answers StartSession: the reply, and the TLS configuration
// to switch to after it (nil when the session is refused).
func (s *Sim) startSession(udid string, req usbmux.LockdownRequest) (usbmux.LockdownReply, *tls.Config) {
	r := usbmux.LockdownReply{Request: req.Request, Error: usbmux.ErrCodeInvalidHostID}
	s.mu.Lock()
	ps := s.phones[normUDID(udid)]
	raw := s.records[normUDID(udid)]
	if ps == nil {
		s.mu.Unlock()
		return r, nil
	}
	trusted, key, forgot := ps.Trust == device.TrustTrusted, ps.key, ps.forgot[req.HostID]
	s.mu.Unlock()
	var rec usbmux.HostPairRecord
	if !trusted || forgot || raw == nil || usbmux.Unmarshal(raw, &rec) != nil || rec.HostID == "" || rec.HostID != req.HostID {
		return r, nil
	}
	cfg, err := deviceTLS(rec, key)
	if errors.Is(err, errPhoneKey) {
		r.Error = "InternalError"
		return r, nil
	}
	if err != nil { // the record's device certificate is not for this phone's key
		return r, nil
	}
	r.Error = ""
	var id [8]byte
	_, _ = rand.Read(id[:])
	r.SessionID, r.EnableSessionSSL = fmt.Sprintf("%X", id), true
	return r, cfg
}

// errPhoneKey: the phone's own key could not be made.
var errPhoneKey = errors.New("phone key")

// deviceTLS is the phone's side of a session's or a service's TLS: its own
// key with the DeviceCertificate of the pair record.
func deviceTLS(rec usbmux.HostPairRecord, key *phoneKey) (*tls.Config, error) {
	priv, err := key.get()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errPhoneKey, err)
	}
	cert, err := tls.X509KeyPair(rec.DeviceCertificate, keyPEM(priv))
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAnyClientCert, // a host certificate, not verified
		MinVersion:   tls.VersionTLS10,
	}, nil
}

// sessionValue answers GetValue inside a session.
func sessionValue(p Phone, r *usbmux.LockdownReply, domain, key string) {
	var values map[string]any
	switch domain {
	case "":
		values = p.publicValues()
		values["SerialNumber"] = p.SerialNumber
		values["ActivationState"] = "Activated"
	case usbmux.BatteryDomain:
		values = map[string]any{
			"BatteryCurrentCapacity": uint64(p.BatteryPercent),
			"BatteryIsCharging":      p.BatteryCharging,
			"ExternalChargeCapable":  p.externalPower(),
			"ExternalConnected":      p.externalPower(),
			"FullyCharged":           p.BatteryPercent == 100,
			"GasGaugeCapability":     true,
			"HasBattery":             true,
		}
	}
	switch {
	case values == nil:
		r.Error = "MissingValue"
	case key == "":
		r.Value = values
	case values[key] != nil:
		r.Value = values[key]
	default:
		r.Error = "MissingValue"
	}
}

// tlsAlert is the start of a TLS alert record (a close_notify a client
// sends when it leaves TLS after StopSession): no lockdown length starts so.
var tlsAlert = []byte{0x15, 0x03}

// readPlain reads a lockdown message after a session, skipping the TLS
// alert records a client may send as it drops TLS.
func readPlain(c io.Reader, afterSession bool) ([]byte, error) {
	if !afterSession {
		return usbmux.ReadLockdown(c)
	}
	for {
		var hdr [5]byte
		if _, err := io.ReadFull(c, hdr[:2]); err != nil {
			return nil, err
		}
		if !bytes.Equal(hdr[:2], tlsAlert) {
			return usbmux.ReadLockdown(io.MultiReader(bytes.NewReader(hdr[:2]), c))
		}
		if _, err := io.ReadFull(c, hdr[2:]); err != nil {
			return nil, err
		}
		n := int(hdr[3])<<8 | int(hdr[4])
		if _, err := io.ReadFull(c, make([]byte, n)); err != nil {
			return nil, err
		}
	}
}
