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
				done <- []Check{{ID: "hostcheck", Title: "Computer checks", Status: Unknown,
					Found: fmt.Sprintf("The checks stopped on an internal error: %v", r)}}
			}
		}()
		done <- runPlatform(ctx, in)
	}()
	select {
	case checks := <-done:
		return checks
	case <-ctx.Done():
		return []Check{{ID: "hostcheck", Title: "Computer checks", Status: Unknown,
			Found: "The checks took too long and were stopped."}}
	}
}

// safe runs one check and turns a panic into an unknown result with the
// check's id and title, so one broken probe does not hide the others.
func safe(id, title string, f func() Check) (c Check) {
	defer func() {
		if r := recover(); r != nil {
			c = Check{ID: id, Title: title, Status: Unknown, Found: fmt.Sprintf("This check stopped on an internal error: %v", r)}
		}
	}()
	return f()
}
