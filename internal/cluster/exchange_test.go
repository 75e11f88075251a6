package cluster

import (
	"context"
	"math"
	"testing"
)

// toyExchange builds the exchange state for the toy corpus the way Induce
// does, with every token in the vocabulary.
func toyExchange(t *testing.T, K int) *exchange {
	t.Helper()
	idx := map[string]int32{}
	stream := []int32{-1}
	for _, s := range toyCorpus(300) {
		for _, w := range s {
			id, ok := idx[w]
			if !ok {
				id = int32(len(idx))
				idx[w] = id
			}
			stream = append(stream, id)
		}
		stream = append(stream, -1)
	}
	V := len(idx)
	for i, id := range stream {
		if id == -1 {
			stream[i] = int32(V + boundOff)
		}
	}
	x := newExchange(newBigrams(stream, V+2), V, K)
	order := make([]int32, V)
	for i := range order {
		order[i] = int32(i)
	}
	if err := x.pass(context.Background(), order, true); err != nil {
		t.Fatal(err)
	}
	return x
}

// objective computes Σ f(M) − Σ f(row sums) − Σ f(column sums) from
// scratch, checking the cached sums on the way.
func objective(t *testing.T, x *exchange) float64 {
	t.Helper()
	var s float64
	for c := range x.C {
		var row, col int32
		for d := range x.C {
			m := x.M[c*x.C+d]
			if m < 0 || x.MT[d*x.C+c] != m {
				t.Fatalf("M[%d,%d] = %d, MT = %d", c, d, m, x.MT[d*x.C+c])
			}
			s += flog(m)
			row += m
			col += x.M[d*x.C+c]
		}
		if row != x.NL[c] || col != x.NR[c] {
			t.Fatalf("class %d: row sum %d (cached %d), column sum %d (cached %d)", c, row, x.NL[c], col, x.NR[c])
		}
		s -= flog(row) + flog(col)
	}
	return s
}

// The incremental gains must rank moves exactly as the objective does.
func TestExchangeGainIsExact(t *testing.T) {
	x := toyExchange(t, 6)
	for w := 0; w < x.V; w += 3 {
		a := x.cls[w]
		x.gather(w)
		x.remove(a)
		var gains, actual []float64
		for b := range x.K {
			gains = append(gains, x.gain(b))
			x.add(int32(b))
			x.cls[w] = int32(b)
			actual = append(actual, objective(t, x))
			x.remove(int32(b))
		}
		x.add(a)
		x.cls[w] = a
		x.clear()
		for b := 1; b < x.K; b++ {
			if d1, d2 := gains[b]-gains[0], actual[b]-actual[0]; math.Abs(d1-d2) > 1e-6*(1+math.Abs(d2)) {
				t.Fatalf("word %d class %d: gain difference %g, objective difference %g", w, b, d1, d2)
			}
		}
	}
}

// partitionObjective is the objective of the class bigram counts M (C×C)
// after mapping every class c < len(rep) to rep[c].
func partitionObjective(M []int32, C int, rep []int32) float64 {
	m := make([]int64, C*C)
	r := func(c int) int {
		if c < len(rep) {
			return int(rep[c])
		}
		return c
	}
	for c := range C {
		for d := range C {
			m[r(c)*C+r(d)] += int64(M[c*C+d])
		}
	}
	f := func(x int64) float64 {
		if x == 0 {
			return 0
		}
		return float64(x) * math.Log(float64(x))
	}
	var s float64
	row, col := make([]int64, C), make([]int64, C)
	for c := range C {
		for d := range C {
			s += f(m[c*C+d])
			row[c] += m[c*C+d]
			col[d] += m[c*C+d]
		}
	}
	for c := range C {
		s -= f(row[c]) + f(col[c])
	}
	return s
}

// Greedy merging must reach, at every level, the objective that a brute
// force greedy search (trying every pair at every step) reaches.
func TestMergeMatchesBruteForce(t *testing.T) {
	x := toyExchange(t, 16)
	K, C := x.K, x.C
	M0 := append([]int32(nil), x.M...)
	want := [NumLevels]int{3, 5, 8, 16}
	steps := 0
	x.mergeHook = func(act []int, D []float64, root []int32) {
		steps++
		base := partitionObjective(M0, C, root)
		for ai, i := range act {
			for _, j := range act[ai+1:] {
				try := append([]int32(nil), root...)
				for c := range try {
					if try[c] == int32(j) {
						try[c] = int32(i)
					}
				}
				d := partitionObjective(M0, C, try) - base
				if math.Abs(D[i*K+j]-d) > 1e-6*(1+math.Abs(d)) {
					t.Fatalf("step %d: delta of merging %d and %d is %g, want %g", steps, i, j, D[i*K+j], d)
				}
			}
		}
	}
	rep, err := x.merge(context.Background(), want)
	if err != nil {
		t.Fatal(err)
	}
	if steps != K-want[0] {
		t.Errorf("%d merge steps, want %d", steps, K-want[0])
	}
	// Brute force.
	cur := make([]int32, K)
	for c := range cur {
		cur[c] = int32(c)
	}
	best := map[int]float64{K: partitionObjective(M0, C, cur)}
	for n := K; n > want[0]; n-- {
		bo, bi, bj := math.Inf(-1), int32(-1), int32(-1)
		for i := range int32(K) {
			for j := i + 1; j < int32(K); j++ {
				if cur[i] != i || cur[j] != j {
					continue
				}
				try := append([]int32(nil), cur...)
				for c := range try {
					if try[c] == j {
						try[c] = i
					}
				}
				if o := partitionObjective(M0, C, try); o > bo {
					bo, bi, bj = o, i, j
				}
			}
		}
		for c := range cur {
			if cur[c] == bj {
				cur[c] = bi
			}
		}
		best[n-1] = bo
	}
	for l := range NumLevels {
		got := partitionObjective(M0, C, rep[l])
		if w := best[want[l]]; math.Abs(got-w) > 1e-6*(1+math.Abs(w)) {
			t.Errorf("level %d (%d clusters): objective %g, brute force %g", l, want[l], got, w)
		}
	}
}
