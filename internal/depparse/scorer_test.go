package depparse

import (
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/treebank"
)

// TestScorerExact decodes EWT dev with the committed parser's beam, with
// and without a guide tree, and checks every configuration's transition
// scores from the scorer (pairs and whole configurations cached, roles
// summed per sentence) against the scores of all its features at once.
func TestScorerExact(t *testing.T) {
	dev, err := treebank.Load(datatest.Dir(t, treebank.EWT), treebank.Dev)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		dev = dev[:300]
	}
	p := embedded(t)
	var sc scratch
	configs := 0
	for _, g := range dev {
		s := doc.Sentence{Words: slices.Clone(g.Words)}
		for _, guided := range []bool{false, true} {
			sc.guide = nil
			if guided { // any tree will do: its features only need keys
				sc.setTree(&s)
			}
			p.prepare(&sc, &s)
			p.memos(&sc)
			sc.tsc.reset(sc.tmemo, sc.toks, sc.guide)
			var feats []uint64
			trans := func(st *state, s4 []float32) {
				sc.tsc.score(st, s4)
				feats = features(feats[:0], st, sc.toks, sc.guide)
				var want [4]float32
				sc.tmemo.Score(feats, want[:])
				if !slices.Equal(s4, want[:]) {
					t.Fatalf("sentence %s, guided %v, stack %v, buffer %d: scorer %v, features %v", g.ID, guided, st.stack, st.b, s4, want)
				}
				configs++
			}
			b := &sc.beam
			b.start(&sc)
			for !b.cur[0].st.done() {
				p.step(b, &sc, 8, trans, sc.lmemo.Score, nil)
			}
		}
	}
	t.Logf("%d configurations", configs)
}
