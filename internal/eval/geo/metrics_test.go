package geoeval

import (
	"math"
	"testing"
)

func TestHaversine(t *testing.T) {
	for _, c := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		km                     float64
	}{
		{"London-Paris", 51.5074, -0.1278, 48.8566, 2.3522, 343.6},
		{"New York-Los Angeles", 40.7128, -74.0060, 34.0522, -118.2437, 3935.8},
		{"Tehran-Damascus", 35.6892, 51.3890, 33.5138, 36.2765, 1402.7},
		{"same point", 31.3113, -92.4451, 31.3113, -92.4451, 0},
		{"antipodes on the equator", 0, 0, 0, 180, math.Pi * EarthRadiusKm},
		{"pole to pole", 90, 0, -90, 0, math.Pi * EarthRadiusKm},
		{"across the date line", 0, 179.5, 0, -179.5, 111.2},
	} {
		if got := Haversine(c.lat1, c.lon1, c.lat2, c.lon2); math.Abs(got-c.km) > 0.1 {
			t.Errorf("%s: %.2f km, want %.1f", c.name, got, c.km)
		}
	}
}

func TestMedianMeanAccuracy(t *testing.T) {
	for _, c := range []struct {
		errs                 []float64
		median, mean, acc161 float64
	}{
		{nil, 0, 0, 0},
		{[]float64{5}, 5, 5, 1},
		{[]float64{300, 1, 20}, 20, 107, 2.0 / 3},
		{[]float64{400, 0, 161, 10}, 85.5, 142.75, 0.75}, // 161 km is within
		{[]float64{161.01, 20039}, 10100.005, 10100.005, 0},
	} {
		in := append([]float64(nil), c.errs...)
		if got := Median(c.errs); math.Abs(got-c.median) > 1e-9 {
			t.Errorf("Median(%v) = %v, want %v", c.errs, got, c.median)
		}
		if got := Mean(c.errs); math.Abs(got-c.mean) > 1e-9 {
			t.Errorf("Mean(%v) = %v, want %v", c.errs, got, c.mean)
		}
		if got := Accuracy(c.errs, AccuracyKm); math.Abs(got-c.acc161) > 1e-9 {
			t.Errorf("Accuracy(%v) = %v, want %v", c.errs, got, c.acc161)
		}
		for i := range in {
			if in[i] != c.errs[i] {
				t.Fatalf("Median sorted its input: %v", c.errs)
			}
		}
	}
}

func TestAUC(t *testing.T) {
	for _, c := range []struct {
		name string
		errs []float64
		auc  float64
	}{
		{"none", nil, 0},
		{"all perfect", []float64{0, 0, 0}, 0},
		{"all wrong", []float64{MaxKm, MaxKm}, 1},
		{"beyond the maximum", []float64{30000, 50000}, 1},
		{"one error", []float64{160}, math.Log(161) / math.Log(MaxKm)},
		// ln(e+1) sorted: 0, ln 11, ln 101, ln 1001, ln 20040; trapezoids
		// with unit steps over ln(20039) × 4 (computed by hand in Python)
		{"by hand", []float64{1000, 0, 20039, 10, 100}, 0.4763675724701932},
		// two points: the mean of the ends
		{"two", []float64{0, 20039}, math.Log(20040) / 2 / math.Log(MaxKm)},
	} {
		if got := AUC(c.errs); math.Abs(got-c.auc) > 1e-9 {
			t.Errorf("%s: AUC(%v) = %.10f, want %.10f", c.name, c.errs, got, c.auc)
		}
	}
}
