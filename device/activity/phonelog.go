package activity

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// The phone's own word on a backup: its log (the syslog relay's lines of
// BackupAgent2 and backupd) and the passcode prompt's notifications
// (com.apple.LocalAuthentication.ui.presented and .dismissed). Readers in
// device/live feed a Signals; the Tracker reads it beside the backup folder.

// Phases the phone's log tells (BackupAgent2's engine: _scan, _preflight,
// _uploadInBatches, _moveInBatches, _removeInBatches; research file §4).
const (
	LogStarting  = "starting"
	LogScanning  = "scanning"
	LogPreflight = "preflight"
	LogUploading = "uploading"
	LogMoving    = "moving"
	LogRemoving  = "removing"
	LogFinishing = "finishing"
	LogFinished  = "finished"
)

// Problems the phone's log or prompt tell.
const (
	ProblemDiskFull        = "disk-full"        // "Insufficient free disk space" (#1193)
	ProblemPasscodeTimeout = "passcode-timeout" // the prompt went unanswered past backup_passcode (#1380)
)

// logPattern is one kind of BackupAgent2 or backupd line: the text it
// starts with or contains, and the phase or problem it tells. The shapes
// are reported in libimobiledevice's issues (numbers below), except
// "Starting backup", which is invented but shaped like them.
type logPattern struct {
	text    string
	prefix  bool
	phase   string
	problem string
	files   bool // the message starts "<verb> N files": N counts
}

var logPatterns = []logPattern{
	{text: "Insufficient free disk space", problem: ProblemDiskFull},               // #1193
	{text: "Starting backup", prefix: true, phase: LogStarting},                    // invented, shaped
	{text: "Finished scanning domain", prefix: true, phase: LogScanning},           // #881
	{text: "Starting to prepare for preflight", prefix: true, phase: LogPreflight}, // #853
	{text: "uploadSize:", prefix: true, phase: LogPreflight},                       // #853
	{text: "Free disk space on drive", prefix: true, phase: LogPreflight},          // #853
	{text: "Uploaded ", prefix: true, phase: LogUploading, files: true},            // #853 "Uploaded N files of X B in t s at R B/s"
	{text: "Finished uploading", prefix: true, phase: LogUploading},                // #1135
	{text: "Moved ", prefix: true, phase: LogMoving, files: true},                  // #853 "Moved N files"
	{text: "Removed ", prefix: true, phase: LogRemoving},                           // #853 "Removed N items"
	{text: "ManifestDB: ", prefix: true, phase: LogFinishing},                      // #853 closing/opening/removing
	{text: "Unmounting APFS snapshot", prefix: true, phase: LogFinishing},          // #1361
	{text: "snapshotState=finished", phase: LogFinished},                           // #125 "Backup status: <MBStatus: ...>"
}

// LogProcesses are the processes whose lines the readers keep.
var LogProcesses = []string{"BackupAgent2", "backupd"}

// maxPhones bounds how many phones a Signals remembers.
const maxPhones = 64

// Signals holds what each phone's log and prompt said last. It keeps one
// small record a phone (at most maxPhones) and nothing of the lines
// themselves. Safe for concurrent use.
type Signals struct {
	mu      sync.Mutex
	phones  map[string]*phoneSignals
	changed chan struct{}
}

type phoneSignals struct {
	lastLine  time.Time // the last BackupAgent2 or backupd line
	began     time.Time // the first line of this backup
	phase     string
	phaseAt   time.Time
	files     int // files uploaded so far, as the log counts them
	moved     int
	problem   string
	problemAt time.Time
	prompt    time.Time // the passcode prompt appeared (zero: not showing)
	answered  time.Time // it went away
}

// PhoneLog is a copy of one phone's record.
type PhoneLog struct {
	LastLine, Began, PhaseAt    time.Time
	Phase                       string
	Files, Moved                int
	Problem                     string
	ProblemAt                   time.Time
	PromptShown, PromptAnswered time.Time
}

// NewSignals is an empty record.
func NewSignals() *Signals {
	return &Signals{phones: map[string]*phoneSignals{}, changed: make(chan struct{}, 1)}
}

// Changed receives after a phone said something new (at most one waits):
// the answer may have changed before the next backup_poll.
func (s *Signals) Changed() <-chan struct{} {
	if s == nil {
		return nil
	}
	return s.changed
}

func (s *Signals) pokeLocked() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Signals) phoneLocked(udid string) *phoneSignals {
	p := s.phones[udid]
	if p == nil {
		if len(s.phones) >= maxPhones {
			clear(s.phones) // a computer with 64 phones attached in turn: start again
		}
		p = &phoneSignals{}
		s.phones[udid] = p
	}
	return p
}

// Line records one log line of the phone: process is the name before
// "[pid]", message the text after "<Level>: ". Lines of other processes,
// or that tell nothing known, change nothing but the time of life.
func (s *Signals) Line(udid, process, message string, at time.Time) {
	if s == nil || !isLogProcess(process) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.phoneLocked(udid)
	if p.began.IsZero() || at.Sub(p.lastLine) > Default.BackupAbandoned || p.phase == LogFinished {
		*p = phoneSignals{began: at, prompt: p.prompt, answered: p.answered}
	}
	p.lastLine = at
	s.pokeLocked()
	for _, pat := range logPatterns {
		if pat.prefix && !strings.HasPrefix(message, pat.text) || !pat.prefix && !strings.Contains(message, pat.text) {
			continue
		}
		if pat.problem != "" {
			p.problem, p.problemAt = pat.problem, at
		}
		if pat.phase != "" {
			p.phase, p.phaseAt = pat.phase, at
		}
		if pat.files {
			n := leadingCount(strings.TrimPrefix(message, pat.text))
			if pat.phase == LogMoving {
				p.moved += n
			} else {
				p.files += n
			}
		}
		return
	}
}

// Prompt records the passcode prompt appearing (shown) or going away.
func (s *Signals) Prompt(udid string, shown bool, at time.Time) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.phoneLocked(udid)
	if shown {
		p.prompt, p.answered = at, time.Time{}
	} else if !p.prompt.IsZero() {
		p.answered = at
	}
	s.pokeLocked()
}

// Forget drops what the phone said (it left).
func (s *Signals) Forget(udid string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	delete(s.phones, udid)
	s.pokeLocked()
	s.mu.Unlock()
}

// For returns the phone's record; ok is false when it said nothing.
func (s *Signals) For(udid string) (PhoneLog, bool) {
	if s == nil {
		return PhoneLog{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.phones[udid]
	if p == nil {
		return PhoneLog{}, false
	}
	return PhoneLog{
		LastLine: p.lastLine, Began: p.began, Phase: p.phase, PhaseAt: p.phaseAt, Files: p.files, Moved: p.moved,
		Problem: p.problem, ProblemAt: p.problemAt, PromptShown: p.prompt, PromptAnswered: p.answered,
	}, true
}

func isLogProcess(p string) bool {
	for _, want := range LogProcesses {
		if p == want {
			return true
		}
	}
	return false
}

// leadingCount reads "312 files ..." as 312 (0 when it is no count; at
// most a million a line).
func leadingCount(s string) int {
	num, _, _ := strings.Cut(s, " ")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0
	}
	return n
}
