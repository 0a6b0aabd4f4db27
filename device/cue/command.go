package cue

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// Command is a Backend that runs a player program with the file as its
// last argument, e.g. {"aplay", "-q"}.
type Command []string

// Play runs the program and waits for it; ctx ending kills it.
func (c Command) Play(ctx context.Context, wavPath string) error {
	if len(c) == 0 {
		return fmt.Errorf("no sound player")
	}
	cmd := exec.CommandContext(ctx, c[0], append(c[1:len(c):len(c)], wavPath)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		msg := strings.TrimSpace(out.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:] // the last line says what went wrong
		}
		if msg != "" {
			return fmt.Errorf("%s: %w: %s", c[0], err, msg)
		}
		return fmt.Errorf("%s: %w", c[0], err)
	}
	return nil
}

// firstCommand returns the first of the candidates whose program is on the
// PATH.
func firstCommand(candidates ...Command) (Command, error) {
	var names []string
	for _, c := range candidates {
		if p, err := exec.LookPath(c[0]); err == nil {
			return append(Command{p}, c[1:]...), nil
		}
		names = append(names, c[0])
	}
	return nil, fmt.Errorf("no sound player found (looked for %s)", strings.Join(names, ", "))
}
