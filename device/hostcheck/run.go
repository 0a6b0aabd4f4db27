package hostcheck

import (
	"context"
	"fmt"
	"time"
)

// runTimeout bounds a whole Run; each probe has its own shorter limit.
const runTimeout = 8 * time.Second

// Run runs every check for the running operating system with the real
// probes. It returns within runTimeout and never panics: a check that
// fails inside says unknown instead.
func Run(ctx context.Context, in Input) []Check {
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	done := make(chan []Check, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- []Check{{ID: "hostcheck", Title: title("hostcheck"), Status: Unknown,
					Found: msg("run.panic", "Error", fmt.Sprint(r))}}
			}
		}()
		done <- runPlatform(ctx, in)
	}()
	select {
	case checks := <-done:
		return checks
	case <-ctx.Done():
		return []Check{{ID: "hostcheck", Title: title("hostcheck"), Status: Unknown, Found: msg("run.timeout")}}
	}
}

// safe runs one check and turns a panic into an unknown result with the
// check's id and its title, so one broken probe does not hide the others.
func safe(id string, f func() Check) (c Check) {
	defer func() {
		if r := recover(); r != nil {
			c = Check{ID: id, Title: title(id), Status: Unknown, Found: msg("check.panic", "Error", fmt.Sprint(r))}
		}
	}()
	return f()
}
