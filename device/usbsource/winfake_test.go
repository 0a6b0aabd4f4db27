package usbsource

// This file is a data fake of the Windows system layer (winUSB): interface
// lists and driver keys read from testdata/windows, and a control handle
// that records what it is sent and can fail or block as a phone can.

import (
	"bufio"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// interfaceClasses names the GUIDs in testdata/windows.
var interfaceClasses = map[string]string{
	"kis":     kisGUID,
	"portdfu": "{AF633FF1-1170-4CA6-AE9E-08D001421EAA}",
	"dfu":     "{B8085869-FEB9-404B-8CB1-1E5C14FA8C54}",
	"iboot":   "{ED82A167-D61A-4AF6-9AB6-11E52236C576}",
}

type fakeWinUSB struct {
	mu       sync.Mutex
	paths    map[string][]string // by GUID
	keys     map[string]string   // driver key by path
	listErr  map[string]error    // by GUID
	openErr  error
	keyReads int
	handle   *fakeHandle
}

// loadFakeWinUSB reads a testdata/windows file.
func loadFakeWinUSB(t *testing.T, name string) *fakeWinUSB {
	t.Helper()
	f, err := os.Open("testdata/windows/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &fakeWinUSB{paths: map[string][]string{}, keys: map[string]string{}, listErr: map[string]error{}, handle: &fakeHandle{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		guid, ok := interfaceClasses[fields[0]]
		if len(fields) != 3 || !ok {
			t.Fatalf("%s: bad line %q", name, sc.Text())
		}
		w.add(guid, fields[1], fields[2])
	}
	return w
}

func (w *fakeWinUSB) add(guid, path, key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.paths[guid] = append(w.paths[guid], path)
	if key != "-" {
		w.keys[path] = key
	}
}

func (w *fakeWinUSB) remove(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for g, ps := range w.paths {
		for i, p := range ps {
			if p == path {
				w.paths[g] = append(ps[:i:i], ps[i+1:]...)
			}
		}
	}
}

func (w *fakeWinUSB) InterfacePaths(guid string) ([]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.listErr[guid]; err != nil {
		return nil, err
	}
	return append([]string(nil), w.paths[guid]...), nil
}

func (w *fakeWinUSB) DriverKey(path string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.keyReads++
	if k, ok := w.keys[path]; ok {
		return k, nil
	}
	return "", errors.New("the configuration manager answered CONFIGRET 0x25")
}

func (w *fakeWinUSB) Open(path string) (controlHandle, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.openErr != nil {
		return nil, w.openErr
	}
	w.handle.mu.Lock()
	w.handle.path, w.handle.closed = path, false
	w.handle.mu.Unlock()
	return w.handle, nil
}

// fakeHandle records requests. fail[cmd] is returned for a command (its
// data without the NUL); block makes every request wait out its timeout
// or ctx, as an unanswered one does.
type fakeHandle struct {
	mu       sync.Mutex
	path     string
	sent     []fakeRequest
	fail     map[string]error
	block    bool
	closed   bool
	timeouts []time.Duration
}

type fakeRequest struct {
	setup [8]byte
	data  string
}

func (h *fakeHandle) Control(ctx context.Context, setup [8]byte, data []byte, timeout time.Duration) (int, error) {
	h.mu.Lock()
	h.sent = append(h.sent, fakeRequest{setup, string(data)})
	h.timeouts = append(h.timeouts, timeout)
	err, block := h.fail[strings.TrimSuffix(string(data), "\x00")], h.block
	h.mu.Unlock()
	if block {
		t := time.NewTimer(timeout)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-t.C:
			return 0, errTimedOut
		}
	}
	if err != nil {
		return 0, err
	}
	return len(data), nil
}

func (h *fakeHandle) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	return nil
}
