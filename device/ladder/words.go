package ladder

import (
	"unstuck/device/tr"
)

// The ladder's words are in assets/i18n/ladder/<tag>.json. A step's title
// and what it does are ladder.step.<ID>.title and ladder.step.<ID>.what.

// newStep is step id, to do, with its title and what it does.
func newStep(id string, risk Risk) Step {
	return Step{ID: id, Title: tr.Msg("ladder.step." + id + ".title"), What: tr.Msg("ladder.step." + id + ".what"),
		Risk: risk, Status: ToDo}
}

// join is two whole sentences one after the other, as the language puts
// them (a space between them, none in Chinese and Japanese); an empty one
// is left out. Unlike tr.Both, each keeps its own full stop.
func join(a, b tr.Text) tr.Text {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	}
	return tr.Msg("ladder.join", "First", a, "Second", b)
}
