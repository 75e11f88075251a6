package depparse

import (
	"math/rand/v2"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/treebank"
)

// followOracle parses with the dynamic oracle alone: at every step it takes
// a zero-cost transition (the lowest kind number, or a random one with rng)
// and sets gold labels. It returns the heads found and whether a zero-cost
// transition was always available.
func followOracle(gold []int, rng *rand.Rand) ([]int, bool) {
	n := len(gold) - 1
	st := newState(n)
	for !st.done() {
		cost := st.kindCosts(gold)
		var zero []int
		for k, c := range cost {
			if c == 0 {
				zero = append(zero, k)
			}
		}
		if len(zero) == 0 {
			return st.head, false
		}
		k := zero[0]
		if rng != nil {
			k = zero[rng.IntN(len(zero))]
		}
		switch k {
		case kindLeft:
			st.apply(leftOf(0))
		case kindRight:
			st.apply(rightOf(0))
		default:
			st.apply(k)
		}
	}
	return st.head, true
}

func TestOracleFindsGoldTree(t *testing.T) {
	trees := [][]int{
		{-1, 0},                // one word
		{-1, 2, 0, 2},          // subject, verb, object
		{-1, 2, 0, 4, 2, 2},    // "He saw the dog ."
		{-1, 3, 3, 0, 5, 3, 3}, // two left dependents
	}
	// With the data, every projectivized tree of EWT dev too.
	if dir, err := datadir.Require("", treebank.EWT); err == nil {
		train, err := treebank.Load(dir, treebank.Dev)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range train {
			h := make([]int, len(s.Words)+1)
			h[0] = none
			for i, w := range s.Words {
				h[i+1] = w.Head
			}
			projectivize(h)
			trees = append(trees, h)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for ti, gold := range trees {
		for _, r := range []*rand.Rand{nil, rng} {
			heads, ok := followOracle(gold, r)
			if !ok {
				t.Fatalf("tree %d %v: no zero-cost transition at some step", ti, gold)
			}
			for i := 1; i < len(gold); i++ {
				if heads[i] != gold[i] {
					t.Fatalf("tree %d %v: oracle parse %v", ti, gold, heads)
				}
			}
		}
	}
}

func TestProjectivizeLeavesProjectiveTrees(t *testing.T) {
	heads := []int{-1, 2, 0, 4, 2, 2}
	want := append([]int(nil), heads...)
	projectivize(heads)
	for i := range heads {
		if heads[i] != want[i] {
			t.Fatalf("projective tree changed: %v → %v", want, heads)
		}
	}
}
