package geoeval

import (
	"math"
	"slices"
)

// EarthRadiusKm is the mean radius of the Earth (IUGG), the one geopy's
// great_circle uses, with which the corpora's reference scorers measured
// errors.
const EarthRadiusKm = 6371.0088

// MaxKm is the largest possible error, half the Earth's circumference,
// as Gritta et al. normalize the AUC; an unresolved toponym counts with
// it.
const MaxKm = 20039.0

// AccuracyKm is the radius of accuracy@161: 100 miles.
const AccuracyKm = 161.0

// Haversine returns the great-circle distance in km between two points
// given in degrees.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	a = math.Min(1, math.Max(0, a))
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(a))
}

// Median returns the median of errs (the mean of the two middle values
// for an even count), 0 for none. errs is not changed.
func Median(errs []float64) float64 {
	n := len(errs)
	if n == 0 {
		return 0
	}
	s := slices.Clone(errs)
	slices.Sort(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Mean returns the mean of errs, 0 for none.
func Mean(errs []float64) float64 {
	if len(errs) == 0 {
		return 0
	}
	var sum float64
	for _, e := range errs {
		sum += e
	}
	return sum / float64(len(errs))
}

// Accuracy returns the share of errs within km (error ≤ km), 0 for none.
func Accuracy(errs []float64, km float64) float64 {
	if len(errs) == 0 {
		return 0
	}
	n := 0
	for _, e := range errs {
		if e <= km {
			n++
		}
	}
	return float64(n) / float64(len(errs))
}

// AUC is the area under the curve of the sorted errors on a log scale,
// normalized to [0, 1] (0 is perfect), as Gritta et al. define it: each
// error becomes ln(e+1), ascending, the area under that curve is taken
// by the trapezoidal rule with unit steps and divided by the area of the
// worst curve, ln(MaxKm) × (n−1). Errors above MaxKm are taken as MaxKm.
// One error gives ln(e+1)/ln(MaxKm); none gives 0.
func AUC(errs []float64) float64 {
	n := len(errs)
	if n == 0 {
		return 0
	}
	y := make([]float64, n)
	for i, e := range errs {
		y[i] = math.Log(math.Min(math.Max(e, 0), MaxKm) + 1)
	}
	if n == 1 {
		return math.Min(1, y[0]/math.Log(MaxKm))
	}
	slices.Sort(y)
	var area float64
	for i := 1; i < n; i++ {
		area += (y[i-1] + y[i]) / 2
	}
	// ln(MaxKm+1) slightly exceeds ln(MaxKm): clamp, as an all-wrong
	// system is 1.
	return math.Min(1, area/(math.Log(MaxKm)*float64(n-1)))
}
