// Package datatest gives tests the reference data folder, skipping them
// with a clear message when it is absent.
package datatest

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir"
)

// Dir returns the folder sub of the data folder or skips the test.
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	d, err := datadir.Require("", sub)
	if err != nil {
		tb.Skipf("skipping: %v", err)
	}
	return d
}

// Golden compares got with the golden file path, first rewriting the file
// when update is set (go test -update), and reports a difference as an
// error that says how to accept it.
func Golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (review, then run go test -update and commit the diff):\n%s", path, got)
	}
}

// Scoreboard writes v as indented JSON, compares it with the golden file
// path (see Golden) and fails when a top-level metric named in floors is
// missing or below its floor.
func Scoreboard(tb testing.TB, path string, v any, update bool, floors map[string]float64) {
	tb.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	got = append(got, '\n')
	Golden(tb, path, got, update)
	var m map[string]any
	if err := json.Unmarshal(got, &m); err != nil {
		tb.Fatal(err)
	}
	for name, floor := range floors {
		v, ok := m[name].(float64)
		if !ok {
			tb.Errorf("%s missing from the scoreboard", name)
		} else if v < floor {
			tb.Errorf("%s = %.4f, below the floor %.4f", name, v, floor)
		}
	}
}
