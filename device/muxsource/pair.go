package muxsource

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

// hostIdentity is this computer's pairing identity: a root CA and a host
// certificate, kept in Options.IdentityFile (as libimobiledevice keeps one
// per host). Making it costs two 2048-bit RSA keys; loading it is cheap.
type hostIdentity struct {
	rootKey, hostKey *rsa.PrivateKey
	root             *x509.Certificate
	rootPEM, hostPEM []byte
	hostID           string
}

func (s *Source) identity() (*hostIdentity, error) {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	s.mu.Lock()
	h := s.host
	s.mu.Unlock()
	if h != nil {
		return h, nil
	}
	h, err := s.loadOrMakeIdentity()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.host = h
	s.mu.Unlock()
	return h, nil
}

func newHostIdentity() (*hostIdentity, error) {
	rootKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("make root key: %w", err)
	}
	hostKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("make host key: %w", err)
	}
	rootTmpl := certTemplate(&rootKey.PublicKey, true)
	rootDER, err := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
	if err != nil {
		return nil, fmt.Errorf("make root certificate: %w", err)
	}
	root, err := x509.ParseCertificate(rootDER)
	if err != nil {
		return nil, fmt.Errorf("parse root certificate: %w", err)
	}
	h := &hostIdentity{rootKey: rootKey, hostKey: hostKey, root: root, rootPEM: certPEM(rootDER), hostID: newUUID()}
	hostDER, err := h.sign(&hostKey.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("make host certificate: %w", err)
	}
	h.hostPEM = certPEM(hostDER)
	return h, nil
}

// certTemplate follows go-ios and libimobiledevice: serial 0, ten years,
// SHA-1 with RSA, the key's SHA-1 as subject key ID.
func certTemplate(pub *rsa.PublicKey, ca bool) *x509.Certificate {
	ski := sha1.Sum(x509.MarshalPKCS1PublicKey(pub))
	t := &x509.Certificate{
		SerialNumber:          big.NewInt(0),
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		SignatureAlgorithm:    x509.SHA1WithRSA,
		BasicConstraintsValid: true,
		IsCA:                  ca,
		SubjectKeyId:          ski[:],
	}
	if !ca {
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
	}
	return t
}

func (h *hostIdentity) sign(pub *rsa.PublicKey) ([]byte, error) {
	return x509.CreateCertificate(rand.Reader, certTemplate(pub, false), h.root, pub, h.rootKey)
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func keyPEM(k *rsa.PrivateKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// devicePublicKey parses lockdown's DevicePublicKey (PEM "RSA PUBLIC KEY").
func devicePublicKey(v any) (*rsa.PublicKey, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, errors.New("DevicePublicKey is not data")
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("DevicePublicKey is not PEM")
	}
	return x509.ParsePKCS1PublicKey(block.Bytes)
}

// pair asks the phone to trust this computer, as idevicepair and go-ios do
// (ReadBUID, DevicePublicKey, WiFiAddress, Pair, SavePairRecord). On a real
// phone a pending answer means the Trust dialog is on its screen now.
func (s *Source) pair(ctx context.Context, id int, udid string) (device.Trust, tr.Text) {
	h, err := s.identity()
	if err != nil {
		return device.TrustUnknown, tr.Msg("cli.note.pair-prepare", "Error", err.Error())
	}
	fail := func(err error) (device.Trust, tr.Text) {
		return device.TrustUnknown, tr.Msg("cli.note.pair-ask", "Error", err.Error())
	}
	c, err := s.dial(ctx)
	if err != nil {
		return fail(err)
	}
	body, err := c.call(usbmux.ReadBUIDRequest())
	c.Close()
	if err != nil {
		return fail(err)
	}
	buid, err := usbmux.DecodeBUID(body)
	if err != nil {
		return fail(err)
	}

	ld, err := s.connectLockdown(ctx, id)
	if err != nil {
		return fail(err)
	}
	defer ld.Close()
	r, err := ld.call(usbmux.GetValueRequest("", "DevicePublicKey"))
	if err == nil {
		err = r.Err()
	}
	if err != nil {
		return fail(err)
	}
	pub, err := devicePublicKey(r.Value)
	if err != nil {
		return fail(err)
	}
	wifi := ""
	if r, err := ld.call(usbmux.GetValueRequest("", "WiFiAddress")); err == nil {
		wifi, _ = r.Value.(string)
	}
	devDER, err := h.sign(pub)
	if err != nil {
		return fail(err)
	}
	rec := usbmux.PairRecord{
		DeviceCertificate: certPEM(devDER), HostCertificate: h.hostPEM, RootCertificate: h.rootPEM,
		HostID: h.hostID, SystemBUID: buid,
	}
	r, err = ld.call(usbmux.PairRequest(rec))
	if err != nil {
		return fail(err)
	}
	switch r.Error {
	case "":
	case usbmux.ErrCodePairingDialogPending:
		return device.TrustPending, tr.Text{}
	case usbmux.ErrCodeUserDeniedPairing:
		return device.TrustDenied, tr.Text{}
	case usbmux.ErrCodePasswordProtected:
		return device.TrustPasscode, tr.Text{}
	default:
		return fail(r.Err())
	}
	return device.TrustTrusted, s.savePairRecord(ctx, udid, usbmux.HostPairRecord{
		DeviceCertificate: rec.DeviceCertificate, HostCertificate: h.hostPEM, HostPrivateKey: keyPEM(h.hostKey),
		RootCertificate: h.rootPEM, RootPrivateKey: keyPEM(h.rootKey), EscrowBag: r.EscrowBag,
		WiFiMACAddress: wifi, HostID: h.hostID, SystemBUID: buid,
	})
}

// savePairRecord hands the new record to usbmuxd; the answer is a Note,
// empty when usbmuxd kept the record.
func (s *Source) savePairRecord(ctx context.Context, udid string, rec usbmux.HostPairRecord) tr.Text {
	data, err := usbmux.Marshal(rec)
	if err != nil {
		return tr.Msg("cli.note.record-encode", "Error", err.Error())
	}
	c, err := s.dial(ctx)
	if err != nil {
		return tr.Msg("cli.note.record-unreachable", "Error", err.Error())
	}
	defer c.Close()
	body, err := c.call(usbmux.SavePairRecordRequest(udid, data))
	if err == nil {
		var res usbmux.Result
		if res, err = usbmux.DecodeResult(body); err == nil {
			err = res.Err()
		}
	}
	if err != nil {
		return tr.Msg("cli.note.record-refused", "Error", err.Error())
	}
	return tr.Text{}
}
