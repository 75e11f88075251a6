// Package perceptron implements the averaged multiclass perceptron that the
// tagger and the dependency parser learn with, over hashed sparse features.
//
// Training keeps, for every feature, only the classes it was ever updated
// for (a perceptron touches two classes per mistake), so a parser with a
// hundred transitions still trains in little memory. The trained Model is
// averaged (Collins 2002, with lazy averaging) and stored sparse: scoring
// adds a handful of weights per feature and never touches a dense row.
package perceptron

import (
	"math"
	"slices"
)

// entry is one class weight of a feature during training.
type entry struct {
	class uint8
	stamp int32   // update count when total was last brought up to date
	w     float32 // current weight
	total float64 // sum of w over all updates before stamp
}

// Trainer learns weights for NumClass classes. It is not safe for
// concurrent use.
type Trainer struct {
	NumClass int
	index    map[uint64]int32
	rows     [][]entry
	now      int32 // number of instances seen
}

// NewTrainer returns a trainer for up to 256 classes.
func NewTrainer(numClass int) *Trainer {
	if numClass < 1 || numClass > 256 {
		panic("perceptron: class count out of range") // programmer error, not input
	}
	return &Trainer{NumClass: numClass, index: make(map[uint64]int32)}
}

// Score adds the current weights of feats to scores (len NumClass).
func (t *Trainer) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.class] += e.w
		}
	}
}

// Tick marks the start of a new training instance; averaging weighs every
// weight by the number of instances it survived.
func (t *Trainer) Tick() { t.now++ }

// Update moves the weights of feats towards gold and away from guess.
func (t *Trainer) Update(feats []uint64, gold, guess int) {
	if gold == guess {
		return
	}
	t.Add(feats, gold, 1)
	t.Add(feats, guess, -1)
}

func (t *Trainer) bump(r int32, class uint8, delta float32) {
	row := t.rows[r]
	for i := range row {
		if row[i].class == class {
			e := &row[i]
			e.total += float64(e.w) * float64(t.now-e.stamp)
			e.stamp = t.now
			e.w += delta
			return
		}
	}
	t.rows[r] = append(row, entry{class: class, stamp: t.now, w: delta})
}

// NumFeatures is the number of features with weights.
func (t *Trainer) NumFeatures() int { return len(t.rows) }

// Average returns the averaged model. Weights whose magnitude is below
// prune are dropped; features left with no weight are dropped too.
func (t *Trainer) Average(prune float32) *Model {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	weights := 0
	for _, row := range t.rows {
		weights += len(row)
	}
	b := newBuilder(t.NumClass, len(keys), weights)
	now := float64(max(t.now, 1))
	var cls []uint8
	var ws []float32
	for _, k := range keys {
		cls, ws = cls[:0], ws[:0]
		row := slices.Clone(t.rows[t.index[k]])
		slices.SortFunc(row, func(a, b entry) int { return int(a.class) - int(b.class) })
		for _, e := range row {
			avg := (e.total + float64(e.w)*float64(t.now-e.stamp)) / now
			if float32(math.Abs(avg)) < prune || avg == 0 {
				continue
			}
			cls = append(cls, e.class)
			ws = append(ws, float32(avg))
		}
		b.add(k, cls, ws)
	}
	return b.build()
}

// Add adds delta to the weight of class for every feature of feats: the
// update of a structured (global) perceptron, which rewards the features
// of the gold sequence and penalizes those of the predicted one.
func (t *Trainer) Add(feats []uint64, class int, delta float32) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, make([]entry, 0, 2))
		}
		t.bump(r, uint8(class), delta)
	}
}
