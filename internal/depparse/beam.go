package depparse

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/dyadproject/dyad/internal/doc"
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// Beam search over transition kinds (Zhang & Clark 2008; Zhang & Nivre
// 2011): the k best partial parses by summed transition scores survive
// each step. The arc-eager system with the root at the end takes exactly
// 2n transitions for n words, so all partial parses of a beam stay in
// step. Relations are chosen greedily for each arc, as in greedy parsing.

// maxBeamWords is the longest sentence parsed with the beam: every step
// copies each hypothesis's configuration, O(n), so the beam costs O(k·n²)
// for n words. Longer "sentences" (tables, unpunctuated dumps; none in
// EWT, a handful in a day of news) are parsed greedily.
const maxBeamWords = 200

// memoBits sizes the memos of the models: 2^14 entries, 256 KiB for the
// transition model and 512 KiB for the relation model.
const memoBits = 14

// memos makes sure sc has memos of p's models.
func (p *Parser) memos(sc *scratch) {
	if sc.tmemo == nil || sc.tmemo.Model() != p.trans || sc.lmemo.Model() != p.label {
		sc.tmemo, sc.lmemo = p.trans.NewMemo(memoBits), p.label.NewMemo(memoBits)
	}
}

// hyp is a partial parse in the beam.
type hyp struct {
	st    *state
	score float32
	cost  int   // gold arcs made unreachable so far (training only)
	hist  []int // classes applied
}

// cand is a possible extension of a hypothesis.
type cand struct {
	parent, kind int
	score        float32
	cost         int
}

// beamSearch holds the working memory of one beam search.
type beamSearch struct {
	cur, next []*hyp
	free      []*hyp
	cands     []cand
	history   bool // keep each hypothesis's transitions (training replays them)
}

func (b *beamSearch) get() *hyp {
	if n := len(b.free); n > 0 {
		h := b.free[n-1]
		b.free = b.free[:n-1]
		return h
	}
	return &hyp{st: &state{}}
}

func (b *beamSearch) release(hs []*hyp) {
	for _, h := range hs {
		h.hist = h.hist[:0]
		b.free = append(b.free, h)
	}
}

// start puts the initial configuration of sc (set by prepare) in the beam.
func (b *beamSearch) start(sc *scratch) {
	b.release(b.cur)
	h := b.get()
	h.st.copyFrom(sc.st)
	h.score, h.cost = 0, 0
	b.cur = append(b.cur[:0], h)
}

// step extends every hypothesis by every valid transition kind, keeps the
// k best and applies them; trans sets the scores of a configuration's
// transition kinds, and relations come from label. With gold heads
// (training) it also tracks each hypothesis's cost. It reports whether a
// hypothesis of zero cost survived.
func (p *Parser) step(b *beamSearch, sc *scratch, k int, trans func(*state, []float32), label func([]uint64, []float32), gold []int) bool {
	b.cands = b.cands[:0]
	s4 := sc.scores[:4] // not a local array: trans, a func value, would make it escape
	for hi, h := range b.cur {
		trans(h.st, s4)
		var cost [4]int
		if gold != nil {
			cost = h.st.kindCosts(gold)
		}
		for kind := range 4 {
			if h.st.validKind(kind) {
				b.cands = keepBest(b.cands, k, cand{hi, kind, h.score + s4[kind], h.cost + max(cost[kind], 0)})
			}
		}
	}
	b.next = b.next[:0]
	goldIn := false
	keep := b.cands
	if p.margin > 0 && gold == nil { // decoding: prune (see tuneMargin)
		for i, c := range keep {
			if c.score < keep[0].score-p.margin {
				keep = keep[:i]
				break
			}
		}
	}
	for _, c := range keep {
		parent := b.cur[c.parent]
		h := b.get()
		h.st.copyFrom(parent.st)
		class := p.classOf(sc, h.st, c.kind, label)
		h.st.apply(class)
		if b.history {
			h.hist = append(append(h.hist[:0], parent.hist...), class)
		}
		h.score, h.cost = c.score, c.cost
		goldIn = goldIn || c.cost == 0
		b.next = append(b.next, h)
	}
	b.release(b.cur)
	b.cur, b.next = b.next, b.cur
	return goldIn
}

// keepBest inserts c into best, the k best candidates so far, best first,
// unless it is worse than all k. Candidates arrive in order of parent and
// kind, and one goes after those of equal score, so that ties are broken
// by parent and kind and the search is deterministic.
func keepBest(best []cand, k int, c cand) []cand {
	n := len(best)
	if n == k && c.score <= best[n-1].score {
		return best
	}
	i := n
	for i > 0 && best[i-1].score < c.score {
		i--
	}
	if n < k {
		best = append(best, cand{})
	}
	copy(best[i+1:], best[i:len(best)-1])
	best[i] = c
	return best
}

// parseBeam parses s with a beam of width k.
func (p *Parser) parseBeam(sc *scratch, s *doc.Sentence, k int) {
	p.prepare(sc, s)
	p.memos(sc)
	sc.lcache.reset(!p.nocache)
	sc.tsc.reset(sc.tmemo, sc.toks, sc.guide)
	b := &sc.beam
	b.history = false
	b.start(sc)
	for !b.cur[0].st.done() {
		p.step(b, sc, k, sc.tsc.score, sc.lmemo.Score, nil)
	}
	p.finish(b.cur[0].st, s)
}

// replay applies the classes of hist from the initial configuration and
// calls f with the features and transition kind of every step.
func (p *Parser) replay(sc *scratch, st *state, hist []int, f func(feats []uint64, kind int)) {
	for _, class := range hist {
		sc.feats = features(sc.feats[:0], st, sc.toks, sc.guide)
		kind, _ := move(class)
		f(sc.feats, kind)
		st.apply(class)
	}
}

// trainBeam is one training pass over a sentence with the global
// perceptron and max-violation update (Huang, Fayong & Guo 2012): the beam
// runs to the end, and the update is made at the step where the best
// hypothesis outscores the gold sequence by the most — rewarding the gold
// transitions up to there and penalizing those of that hypothesis. The
// gold sequence follows, at each step, the best-scoring transition of zero
// cost (the dynamic oracle's choice), with gold relations, on which the
// relation model learns as in greedy training.
func (p *Parser) trainBeam(sc *scratch, s *doc.Sentence, g goldTree, k int, tt, lt *pc.Trainer) (updated bool) {
	p.prepare(sc, s)
	b := &sc.beam
	b.history = true
	b.start(sc)
	gold := &sc.goldSt
	gold.copyFrom(sc.st)
	goldHist := sc.goldHist[:0]
	var goldScore float32
	trans := func(st *state, s4 []float32) {
		sc.feats = features(sc.feats[:0], st, sc.toks, sc.guide)
		clear(s4)
		tt.Score(sc.feats, s4)
	}
	maxV, vStep := float32(-1), -1
	vPred := sc.violPred[:0]
	for !gold.done() {
		// Advance the gold sequence.
		sc.feats = features(sc.feats[:0], gold, sc.toks, sc.guide)
		var s4 [4]float32
		tt.Score(sc.feats, s4[:])
		cost := gold.kindCosts(g.heads)
		kind := bestKind(gold, s4[:], &cost)
		goldScore += s4[kind]
		class := kind
		if kind == kindLeft || kind == kindRight {
			h, d := gold.arcOf(kind)
			label := p.rootLabel
			if h != 0 {
				label = p.chooseLabel(sc, gold, kind, lt.Score)
				lt.Tick()
				lt.Update(sc.lfeats, g.labels[d], label)
				label = g.labels[d]
			}
			class = leftOf(label)
			if kind == kindRight {
				class = rightOf(label)
			}
		}
		gold.apply(class)
		goldHist = append(goldHist, class)

		p.step(b, sc, k, trans, lt.Score, g.heads)
		if best := b.cur[0]; best.cost > 0 && best.score-goldScore >= maxV {
			maxV, vStep = best.score-goldScore, len(goldHist)
			vPred = append(vPred[:0], best.hist...)
		}
	}
	sc.goldHist, sc.violPred = goldHist, vPred
	if vStep < 0 {
		return false
	}
	p.update(sc, goldHist[:vStep], vPred, tt)
	return true
}

// update rewards the transitions of goldHist and penalizes those of
// predHist, both replayed from the initial configuration.
func (p *Parser) update(sc *scratch, goldHist, predHist []int, tt *pc.Trainer) {
	st := &sc.replaySt
	st.reset(len(sc.toks) - 1)
	p.replay(sc, st, goldHist, func(feats []uint64, kind int) { tt.Add(feats, kind, 1) })
	st.reset(len(sc.toks) - 1)
	p.replay(sc, st, predHist, func(feats []uint64, kind int) { tt.Add(feats, kind, -1) })
}

// tuneMargin sets the beam's pruning margin: the narrowest, on a
// geometric grid, with which the beam still returns the unpruned beam's
// tree for marginFidelity of the dev sentences. Most steps of a trained
// beam parser are confident (one transition outscores the rest by far);
// pruning the hypotheses that trail by more than the margin lets the beam
// spend its width where the model hesitates. The margin is a search
// approximation, so it is tuned for fidelity to the full search, not for
// dev LAS, whose differences between nearby margins are noise.
func (p *Parser) tuneMargin(dev []doc.Sentence, log io.Writer) {
	p.margin = 0
	full := p.parseAll(dev)
	for m := float32(4096); m <= 1<<17; m *= math.Sqrt2 {
		p.margin = m
		got := p.parseAll(dev)
		same := 0
		for i := range got {
			if slices.Equal(got[i], full[i]) {
				same++
			}
		}
		share := float64(same) / float64(max(len(got), 1))
		if log != nil {
			fmt.Fprintf(log, "parser: beam margin %.4g: unpruned tree for %.2f%% of dev\n", p.Margin(), 100*share)
		}
		if share >= marginFidelity {
			return
		}
	}
	p.margin = 0
}

// marginFidelity is the share of dev sentences the pruned beam must parse
// as the full beam does.
const marginFidelity = 0.98

// parseAll returns the heads and relations of each sentence of ss as
// parsed by p, as one slice per sentence (head, label, head, label…).
func (p *Parser) parseAll(ss []doc.Sentence) [][]int {
	var sc scratch
	out := make([][]int, len(ss))
	for i, g := range ss {
		s := doc.Sentence{Words: slices.Clone(g.Words)}
		p.decode(&sc, &s)
		arcs := make([]int, 0, 2*len(s.Words))
		for _, w := range s.Words {
			arcs = append(arcs, w.Head, slices.Index(p.labels, w.Deprel))
		}
		out[i] = arcs
	}
	return out
}
