// Package metric holds the arithmetic the evaluation suites share.
package metric

// Ratio is n/d, 0 when d is 0 (a suite with nothing to count scores 0).
func Ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// F1 is the harmonic mean of precision p and recall r, 0 when both are 0.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
