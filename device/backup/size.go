package backup

import (
	"context"
	"io/fs"
	"path/filepath"
	"time"
)

// folderSize adds up the sizes of the plain files under dir without
// following symbolic links. It stops at the deadline, after maxFiles
// entries, or when ctx ends; atLeast then says the total is a lower bound.
// Subfolders it cannot read also make the total a lower bound.
func folderSize(ctx context.Context, dir string, deadline time.Time, maxFiles int) (total int64, atLeast bool) {
	// A backup folder may itself be a link (to another disk); walk its
	// target, but follow no link inside it.
	if target, err := filepath.EvalSymlinks(dir); err == nil {
		dir = target
	}
	entries := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			atLeast = true
			if d != nil && d.IsDir() && path != dir {
				return fs.SkipDir
			}
			return nil
		}
		entries++
		if entries > maxFiles {
			atLeast = true
			return fs.SkipAll
		}
		if entries%256 == 1 && (ctx.Err() != nil || time.Now().After(deadline)) {
			atLeast = true
			return fs.SkipAll
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			} else {
				atLeast = true
			}
		}
		return nil
	})
	return total, atLeast
}
