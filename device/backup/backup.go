// Package backup finds the computer's iPhone backups (the folders Finder,
// iTunes and Apple Devices write), reads what each one says about itself and
// checks whether it is complete, without ever writing to them.
//
// A backup is a folder named by the phone's UDID (archived copies add
// "-YYYYMMDD-HHMMSS") holding Info.plist, Manifest.plist, Status.plist,
// Manifest.db and two-hex-digit folders of file contents. The formats and
// their sources are listed in assets/data/backup-locations.tsv.
package backup

import (
	"sort"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// Backup is one backup folder and what it says about itself.
type Backup struct {
	Dir          string    `json:"dir"`
	UDID         string    `json:"udid"`
	DeviceName   string    `json:"device_name,omitempty"`
	ProductType  string    `json:"product_type,omitempty"`
	IOSVersion   string    `json:"ios_version,omitempty"`
	IOSBuild     string    `json:"ios_build,omitempty"`
	SerialNumber string    `json:"serial_number,omitempty"`
	Date         time.Time `json:"date,omitzero"` // when the backup was last made; zero when no file says
	// SizeBytes is the total size of the files in the folder. When
	// SizeAtLeast is set the count stopped early (time or file limit, or an
	// unreadable subfolder) and the real size is larger.
	SizeBytes   int64 `json:"size_bytes"`
	SizeAtLeast bool  `json:"size_at_least,omitempty"`
	Encrypted   bool  `json:"encrypted"`
	// Archived is a copy kept under a dated name ("Archive" in Finder or
	// iTunes); the phone's live backup has the bare UDID.
	Archived bool `json:"archived,omitempty"`
	// FullBackup is Status.plist's IsFullBackup, when it says.
	FullBackup *bool `json:"full_backup,omitempty"`
	// Complete means every check below passed: Info.plist, Manifest.plist
	// and Manifest.db present and readable, and Status.plist saying the
	// backup finished. Missing lists what failed, in plain words.
	Complete bool      `json:"complete"`
	Missing  []tr.Text `json:"missing,omitempty"`
	// Database is what the Manifest.db check found, in plain words.
	Database tr.Text `json:"manifest_db"`
}

// Problem is a folder that could not be searched.
type Problem struct {
	Dir     string  `json:"dir"`
	Message tr.Text `json:"message"`
}

// Result is what a scan found.
type Result struct {
	// Searched lists the folders looked in, whether or not they exist.
	Searched []string  `json:"searched"`
	Backups  []Backup  `json:"backups"`
	Problems []Problem `json:"problems,omitempty"`
}

// ForUDID returns the backups of one phone, newest first. UDIDs compare
// without regard to case or dashes (the USB serial lacks the dash).
func (r Result) ForUDID(udid string) []Backup {
	var out []Backup
	for _, b := range r.Backups {
		if device.SameUDID(b.UDID, udid) {
			out = append(out, b)
		}
	}
	SortNewestFirst(out)
	return out
}

// Newest returns the newest backup of one phone, if any.
func (r Result) Newest(udid string) (Backup, bool) {
	bs := r.ForUDID(udid)
	if len(bs) == 0 {
		return Backup{}, false
	}
	return bs[0], true
}

// SortNewestFirst orders backups by date, newest first; among equal dates
// the live backup comes before archived copies, then by folder.
func SortNewestFirst(bs []Backup) {
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i], bs[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if a.Archived != b.Archived {
			return !a.Archived
		}
		return a.Dir < b.Dir
	})
}
