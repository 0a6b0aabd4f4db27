// Package action is the table of mode changes Unstuck asks a phone for,
// only after the user confirms: what each is called, the modes it goes
// from and to, and every sentence said about it. The app's dialogs and the
// CLI's prompts use the same words from here; device/live carries them out.
package action

import (
	"fmt"

	"unstuck/device"
)

// Action is a change of mode Unstuck asks a phone for.
type Action struct {
	ID       string      // the CLI command: "exit-recovery"
	Title    string      // the button and dialog title: "Leave recovery mode"
	From, To device.Mode // the phone must be in From; success is reaching To
	// Question asks for confirmation, saying what happens and that nothing
	// is erased (the CLI adds "Continue? [y/N]").
	Question func(d device.Device) string
	Note     string // the timeline's entry once sent
	Sent     string // said once the commands are sent
	// Arrived is said when the phone shows up in To.
	Arrived func(d device.Device) string
	// CameBack is the error when the phone returns in From instead.
	CameBack string
	// Quitting is asked before the app's window closes while the action
	// runs: the phone restarts anyway, but no one would see how it ends.
	Quitting string
	// NeedsTrust: the phone must trust this computer (lockdown is used).
	NeedsTrust bool
}

// ExitRecovery asks a phone in recovery mode to start normally.
var ExitRecovery = Action{
	ID: "exit-recovery", Title: "Leave recovery mode",
	From: device.ModeRecovery, To: device.ModeNormal,
	Question: func(d device.Device) string {
		return fmt.Sprintf("This asks the %s to leave recovery mode and start normally (it sets auto-boot and reboots).\n"+
			"Nothing is erased. If iOS is damaged it comes back in recovery mode; then an Update from Finder, "+
			"iTunes or the Apple Devices app keeps your data.", d.Name())
	},
	Note: "asked to leave recovery mode (setenv auto-boot true, saveenv, reboot)",
	Sent: "Sent. The phone is restarting: watch for it to come back.",
	Arrived: func(d device.Device) string {
		return fmt.Sprintf("It left recovery mode: the %s is running normally.", d.Name())
	},
	CameBack: "it came back in recovery mode: iOS may need an update. Updating from Finder, iTunes or the Apple Devices app keeps your data",
	Quitting: "Unstuck has asked the phone to leave recovery mode and is waiting to see it start. If you quit now the phone still restarts, " +
		"but you will not see whether it worked: open Unstuck again to check.",
}

// EnterRecovery restarts a running, trusted phone into recovery mode.
var EnterRecovery = Action{
	ID: "enter-recovery", Title: "Restart into recovery mode",
	From: device.ModeNormal, To: device.ModeRecovery,
	Question: func(d device.Device) string {
		return fmt.Sprintf("This restarts the %s into recovery mode: its screen will show a computer and a cable.\n"+
			"Nothing is erased. To leave it again: Leave recovery mode in Unstuck (unstuckctl exit-recovery), "+
			"or a force restart.", d.Name())
	},
	Note:     "asked to enter recovery mode (lockdown EnterRecovery)",
	Sent:     "Sent. The phone is restarting into recovery mode.",
	Arrived:  func(d device.Device) string { return fmt.Sprintf("The %s is in recovery mode.", d.Name()) },
	CameBack: "it restarted normally instead of into recovery mode: try the recovery-mode button sequence (unstuckctl guide --procedure recovery)",
	Quitting: "Unstuck has asked the phone to restart into recovery mode and is waiting to see it arrive. If you quit now the phone still restarts, " +
		"but you will not see whether it got there: open Unstuck again to check.",
	NeedsTrust: true,
}

// Offers says whether the action applies to d now.
func (a Action) Offers(d device.Device) bool {
	return d.Mode == a.From && (!a.NeedsTrust || d.Trust == device.TrustTrusted)
}

// All is every action, in the order the app offers them.
func All() []Action { return []Action{ExitRecovery, EnterRecovery} }
