//go:build race

package main

// raceEnabled reports whether the tests run under the race detector,
// which makes coding several times slower.
const raceEnabled = true
