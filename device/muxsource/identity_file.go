package muxsource

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
)

// DefaultIdentityFile is where the pairing identity is kept between runs:
// <user config dir>/unstuck/pairing-identity.pem. A stable identity means a
// phone that trusted this computer once keeps trusting it, and no run pays
// for two fresh RSA keys.
func DefaultIdentityFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "unstuck", "pairing-identity.pem")
}

// loadIdentity reads an identity written by saveIdentity.
func loadIdentity(path string) (*hostIdentity, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var blocks []*pem.Block
	for len(raw) > 0 {
		var b *pem.Block
		b, raw = pem.Decode(raw)
		if b == nil {
			break
		}
		blocks = append(blocks, b)
	}
	if len(blocks) != 4 || blocks[0].Headers["Host-ID"] == "" {
		return nil, errors.New("not a pairing identity file")
	}
	rootKey, err1 := x509.ParsePKCS1PrivateKey(blocks[0].Bytes)
	hostKey, err2 := x509.ParsePKCS1PrivateKey(blocks[1].Bytes)
	root, err3 := x509.ParseCertificate(blocks[2].Bytes)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, err
	}
	if _, err := x509.ParseCertificate(blocks[3].Bytes); err != nil {
		return nil, err
	}
	return &hostIdentity{
		rootKey: rootKey, hostKey: hostKey, root: root,
		rootPEM: certPEM(blocks[2].Bytes), hostPEM: certPEM(blocks[3].Bytes),
		hostID: blocks[0].Headers["Host-ID"],
	}, nil
}

// saveIdentity writes the identity readable by this user only, atomically:
// a full disk or a read-only home leaves the old file (or none), never half a file.
func saveIdentity(path string, h *hostIdentity) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	hostDER, _ := pem.Decode(h.hostPEM)
	if hostDER == nil {
		return errors.New("host certificate is not PEM")
	}
	var out []byte
	out = append(out, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Headers: map[string]string{"Host-ID": h.hostID}, Bytes: x509.MarshalPKCS1PrivateKey(h.rootKey)})...)
	out = append(out, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(h.hostKey)})...)
	out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: h.root.Raw})...)
	out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hostDER.Bytes})...)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".identity-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// loadOrMakeIdentity returns the saved identity, or makes and saves a new
// one. A file that cannot be read or written only costs the persistence.
func (s *Source) loadOrMakeIdentity() (*hostIdentity, error) {
	path := s.opt.IdentityFile
	if path != "-" && path != "" {
		if h, err := loadIdentity(path); err == nil {
			return h, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			s.log().Warn("pairing identity unreadable; making a new one", "file", path, "err", err)
		}
	}
	h, err := newHostIdentity()
	if err != nil {
		return nil, err
	}
	if path != "-" && path != "" {
		if err := saveIdentity(path, h); err != nil {
			s.log().Warn("cannot save the pairing identity; it lasts until Unstuck quits", "file", path, "err", err)
		}
	}
	return h, nil
}
