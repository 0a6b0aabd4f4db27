// Package action is the table of mode changes Unstuck asks a phone for,
// only after the user confirms: what each is called, the modes it goes
// from and to, and every sentence said about it. The app's dialogs and the
// CLI's prompts use the same words from here; device/live carries them out.
package action

import (
	"unstuck/device"
	"unstuck/device/tr"
)

// Action is a change of mode Unstuck asks a phone for. Its words are in
// assets/i18n/ladder/<tag>.json: ladder.action.<ID>.<part>.
type Action struct {
	ID       string      // the CLI command: "exit-recovery"
	Title    tr.Text     // the button and dialog title: "Leave recovery mode"
	From, To device.Mode // the phone must be in From; success is reaching To
	// Question asks for confirmation, saying what happens and that nothing
	// is erased (the CLI adds "Continue? [y/N]").
	Question func(d device.Device) tr.Text
	Note     tr.Text // the timeline's entry once sent, with the commands
	Sent     tr.Text // said once the commands are sent
	// Arrived is said when the phone shows up in To.
	Arrived func(d device.Device) tr.Text
	// CameBack is the error when the phone returns in From instead.
	CameBack tr.Text
	// Quitting is asked before the app's window closes while the action
	// runs: the phone restarts anyway, but no one would see how it ends.
	Quitting tr.Text
	// NeedsTrust: the phone must trust this computer (lockdown is used).
	NeedsTrust bool
}

// words is the action id's message part, about the phone d when d is given.
func words(id, part string, d ...device.Device) tr.Text {
	if len(d) > 0 {
		return tr.Msg("ladder.action."+id+"."+part, "Name", d[0].Name())
	}
	return tr.Msg("ladder.action." + id + "." + part)
}

// newAction is the action id with its words from the catalogue; commands
// are what it sends, for the timeline's entry (report.action.<id>).
func newAction(id string, from, to device.Mode, commands string) Action {
	return Action{ID: id, Title: words(id, "title"), From: from, To: to,
		Question: func(d device.Device) tr.Text { return words(id, "question", d) },
		Note:     tr.Msg("report.action."+id, "Commands", commands), Sent: words(id, "sent"),
		Arrived:  func(d device.Device) tr.Text { return words(id, "arrived", d) },
		CameBack: words(id, "came-back"), Quitting: words(id, "quitting")}
}

// ExitRecovery asks a phone in recovery mode to start normally.
var ExitRecovery = newAction("exit-recovery", device.ModeRecovery, device.ModeNormal,
	"setenv auto-boot true, saveenv, reboot")

// EnterRecovery restarts a running, trusted phone into recovery mode.
var EnterRecovery = func() Action {
	a := newAction("enter-recovery", device.ModeNormal, device.ModeRecovery, "lockdown EnterRecovery")
	a.NeedsTrust = true
	return a
}()

// Offers says whether the action applies to d now.
func (a Action) Offers(d device.Device) bool {
	return d.Mode == a.From && (!a.NeedsTrust || d.Trust == device.TrustTrusted)
}

// All is every action, in the order the app offers them.
func All() []Action { return []Action{ExitRecovery, EnterRecovery} }
