//go:build !linux

package perceptron

// newTable returns a zeroed slice of n elements for a lookup table.
func newTable[T any](owner *Model, n int) []T { return make([]T, n) }
