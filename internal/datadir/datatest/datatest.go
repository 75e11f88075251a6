// Package datatest gives tests the reference data folder, skipping them
// with a clear message when it is absent.
package datatest

import (
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
