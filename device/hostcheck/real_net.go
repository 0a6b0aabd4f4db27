//go:build linux || windows

package hostcheck

import (
	"context"
	"net"
)

// netDialer opens a real connection and closes it at once.
type netDialer struct{}

func (netDialer) Dial(ctx context.Context, network, address string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, address)
	if err != nil {
		return err
	}
	return conn.Close()
}
