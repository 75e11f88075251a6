package perceptron

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomModel builds a model of numClass classes whose features cover every
// layout: a few inline weights, overflow lists and dense rows.
func randomModel(t testing.TB, numClass, features int, rng *rand.Rand) *Model {
	t.Helper()
	b := newBuilder(numClass, features, 0)
	for k := uint64(1); k <= uint64(features); k++ {
		n := 1 + rng.IntN(numClass)
		if rng.IntN(2) == 0 {
			n = 1 + rng.IntN(min(numClass, inline+2))
		}
		perm := rng.Perm(numClass)[:n]
		cls := make([]uint8, n)
		ws := make([]float32, n)
		for i, c := range perm {
			cls[i] = uint8(c)
			ws[i] = float32(rng.NormFloat64())
		}
		// keys in increasing order, spread over the hash space
		if !b.add(k<<40|uint64(rng.IntN(1<<20)), cls, ws) {
			t.Fatal("builder refused a key")
		}
	}
	return b.build()
}

// TestScoreLayouts checks Score, Memo.Score and Memo.Add against the weights listed
// by each, for models of every slot layout, with hits, misses, unknown
// features and memo collisions.
func TestScoreLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, numClass := range []int{2, 4, 5, 7, 51, 111, 255} {
		m := randomModel(t, numClass, 3000, rng)
		want := map[uint64][]int64{}
		m.each(func(k uint64, cls []uint8, ws []float32) {
			row := make([]int64, numClass)
			for i, c := range cls {
				row[c] = int64(math.Round(float64(ws[i] / m.scale)))
			}
			want[k] = row
		})
		keys := make([]uint64, 0, len(want))
		for k := range want {
			keys = append(keys, k)
		}
		memo := m.NewMemo(4) // tiny: collisions on every call
		big := m.NewMemo(16)
		for trial := range 200 {
			feats := make([]uint64, rng.IntN(80))
			exp := make([]int64, numClass)
			for i := range feats {
				if rng.IntN(5) == 0 {
					feats[i] = rng.Uint64() | 1<<63 // unknown
					continue
				}
				feats[i] = keys[rng.IntN(len(keys))]
				for c, w := range want[feats[i]] {
					exp[c] += w
				}
			}
			for name, score := range map[string]func([]uint64, []float32){
				"model": m.Score, "memo": memo.Score, "big memo": big.Score,
			} {
				for range 2 { // the second time from the memo
					got := make([]float32, numClass)
					score(feats, got)
					for c := range got {
						if int64(got[c]) != exp[c] {
							t.Fatalf("%d classes, trial %d, %s: class %d scores %v, want %d", numClass, trial, name, c, got[c], exp[c])
						}
					}
				}
			}
			// Add, in two parts that share the integer sums.
			cut := len(feats) / 3
			for name, memo := range map[string]*Memo{"memo": memo, "big memo": big} {
				sums := make([]int32, numClass)
				memo.Add(feats[:cut], sums)
				memo.Add(feats[cut:], sums)
				for c := range sums {
					if int64(sums[c]) != exp[c] {
						t.Fatalf("%d classes, trial %d, %s Add: class %d sums to %d, want %d", numClass, trial, name, c, sums[c], exp[c])
					}
				}
			}
		}
	}
}

func TestPackRow(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 51} {
		w := make([]int16, n)
		for i := range w {
			w[i] = int16(i*2731 - 32767)
		}
		w[0] = 32767
		row := packRow(nil, w)
		if len(row) != rowWords(n) {
			t.Fatalf("%d classes: %d words", n, len(row))
		}
		for c := range w {
			if got := unpackRow(row, c); got != w[c] {
				t.Errorf("%d classes: weight %d is %d, want %d", n, c, got, w[c])
			}
		}
	}
}

// BenchmarkScore scores 44 features of a 51-class model, most of them
// dense rows, as the relation model of the parser does per arc.
func BenchmarkScore(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	m := randomModel(b, 51, 20000, rng)
	var keys []uint64
	m.each(func(k uint64, _ []uint8, _ []float32) { keys = append(keys, k) })
	feats := make([]uint64, 44)
	for i := range feats {
		feats[i] = keys[rng.IntN(len(keys))]
	}
	scores := make([]float32, 51)
	memo := m.NewMemo(14)
	for _, bc := range []struct {
		name  string
		score func([]uint64, []float32)
	}{{"model", m.Score}, {"memo", memo.Score}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				bc.score(feats, scores)
			}
		})
	}
}

// TestPrune checks that Prune keeps exactly the features with a weight of
// at least the share, with their weights unchanged.
func TestPrune(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, numClass := range []int{4, 51} {
		m := randomModel(t, numClass, 2000, rng)
		const share = 0.5
		p := m.Prune(share)
		kept := map[uint64][]float32{}
		p.each(func(k uint64, _ []uint8, ws []float32) { kept[k] = slices.Clone(ws) })
		limit := share * 32767 * m.scale
		m.each(func(k uint64, _ []uint8, ws []float32) {
			big := false
			for _, w := range ws {
				big = big || w >= limit || -w >= limit
			}
			got, ok := kept[k]
			switch {
			case big && !ok:
				t.Errorf("%d classes: feature %x dropped, weights %v (limit %v)", numClass, k, ws, limit)
			case !big && ok:
				t.Errorf("%d classes: feature %x kept, weights %v (limit %v)", numClass, k, ws, limit)
			case ok && !slices.Equal(got, ws):
				t.Errorf("%d classes: feature %x weights %v, were %v", numClass, k, got, ws)
			}
		})
		if p.NumFeatures() == 0 || p.NumFeatures() >= m.NumFeatures() {
			t.Errorf("%d classes: %d of %d features kept", numClass, p.NumFeatures(), m.NumFeatures())
		}
	}
}

// TestAccumRows adds more dense rows than a 32-bit lane holds before a
// fold, a few at a time and one by one, and checks the sums.
func TestAccumRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 51
	rows := make([][]uint64, 97)
	ws := make([][]int16, len(rows))
	for i := range rows {
		ws[i] = make([]int16, n)
		for c := range ws[i] {
			ws[i][c] = int16(rng.IntN(65535) - 32767)
		}
		rows[i] = packRow(nil, ws[i])
	}
	w := rowWords(n)
	a := accum{sums: make([]int32, n), even: make([]uint64, w), odd: make([]uint64, w)}
	want := make([]int32, n)
	for k := range maxRows + 12345 {
		i := k % len(rows)
		a.addRow(rows[i])
		for c, v := range ws[i] {
			want[c] += int32(v)
		}
		if k == 3 { // a flush between rows waiting to be added
			got := make([]int32, n)
			a.flushInts(got)
			a.sums = make([]int32, n)
			for c := range got {
				if got[c] != want[c] {
					t.Fatalf("after %d rows: class %d sums to %d, want %d", k+1, c, got[c], want[c])
				}
			}
			clear(want)
		}
	}
	got := make([]int32, n)
	a.flushInts(got)
	for c := range got {
		if got[c] != want[c] {
			t.Fatalf("class %d sums to %d, want %d", c, got[c], want[c])
		}
	}
}
