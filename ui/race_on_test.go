//go:build race

package ui

// raceDetector is on: allocation-heavy tests do less, as each allocation
// costs far more.
const raceDetector = true
