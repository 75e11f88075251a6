// Package extracttest gives tests the extractor of the embedded data,
// built once per test binary: building it loads every model and takes a
// second or two.
package extracttest

import (
	"sync"
	"testing"

	"github.com/dyadproject/dyad/internal/extract"
)

var (
	once sync.Once
	x    *extract.Extractor
	err  error
)

// Embedded returns the extractor extract.Build gives with no options,
// failing the test when it cannot be built.
func Embedded(tb testing.TB) *extract.Extractor {
	tb.Helper()
	once.Do(func() { x, err = extract.Build(extract.Options{}) })
	if err != nil {
		tb.Fatal(err)
	}
	return x
}
