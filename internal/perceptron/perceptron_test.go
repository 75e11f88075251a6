package perceptron

import (
	"bytes"
	"math"
	"testing"
)

// TestLearnsSeparable trains on a linearly separable toy problem and checks
// that the averaged model classifies every instance and survives a
// write/read round trip.
func TestLearnsSeparable(t *testing.T) {
	type inst struct {
		feats []uint64
		class int
	}
	data := []inst{
		{[]uint64{1, 10}, 0}, {[]uint64{2, 10}, 0}, {[]uint64{3, 11}, 1},
		{[]uint64{4, 11}, 1}, {[]uint64{5, 12}, 2}, {[]uint64{1, 12}, 2},
	}
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for epoch := 0; epoch < 10; epoch++ {
		for _, d := range data {
			tr.Tick()
			clear(scores)
			tr.Score(d.feats, scores)
			tr.Update(d.feats, d.class, argmax(scores))
		}
	}
	m := tr.Average(0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*Model{m, m2} {
		for _, d := range data {
			clear(scores)
			mm.Score(d.feats, scores)
			if got := argmax(scores); got != d.class {
				t.Errorf("features %v: class %d, want %d (scores %v)", d.feats, got, d.class, scores)
			}
		}
	}
	if m2.NumFeatures() != m.NumFeatures() || m2.NumWeights() != m.NumWeights() {
		t.Errorf("round trip: %d/%d features, %d/%d weights", m2.NumFeatures(), m.NumFeatures(), m2.NumWeights(), m.NumWeights())
	}
}

func argmax(s []float32) int {
	best := 0
	for i := range s {
		if s[i] > s[best] {
			best = i
		}
	}
	return best
}

func TestHalf(t *testing.T) {
	for _, f := range []float32{0, 1, -1, 0.5, 3.14159, -2.71828, 65504, 1e-5, -1e-6, 123.456, 1e-8} {
		got := fromHalf(toHalf(f))
		if f == 0 || math.Abs(float64(f)) < 6e-8 {
			if got != 0 {
				t.Errorf("%g → %g, want 0", f, got)
			}
			continue
		}
		if rel := math.Abs(float64(got-f) / float64(f)); rel > 1e-3 && math.Abs(float64(got-f)) > 6e-8 {
			t.Errorf("%g → %g (relative error %g)", f, got, rel)
		}
	}
	if !math.IsInf(float64(fromHalf(toHalf(1e6))), 1) {
		t.Error("1e6 should saturate to +Inf")
	}
}

func FuzzRead(f *testing.F) {
	tr := NewTrainer(2)
	tr.Tick()
	tr.Update([]uint64{7, 8}, 0, 1)
	var buf bytes.Buffer
	tr.Average(0).WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("DYPC"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		scores := make([]float32, m.NumClass())
		m.Score([]uint64{0, 1, 7, 8, 1 << 63}, scores)
	})
}
