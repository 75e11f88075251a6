// Package depparse is dyad's dependency parser: it gives every word of a
// tagged sentence a head and a Universal Dependencies relation.
//
// It is a greedy transition-based parser: the arc-eager system with the
// root at the end of the buffer, labelled transitions scored by an averaged
// perceptron over the rich feature set of Zhang & Nivre (2011) plus a few
// more, trained with the dynamic oracle and error exploration of Goldberg
// & Nivre (2012). Parsing is linear in sentence length and needs no
// external process. docs/syntax.md explains the choice.
package depparse

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/doc"
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// Parser is a trained parser: immutable and safe for concurrent use.
type Parser struct {
	labels    []string
	rootLabel int
	model     *pc.Model
	cl        *cluster.Clusters // word clusters the features read, or nil
	pool      sync.Pool         // of *scratch
}

// Labels returns the dependency relations the parser assigns.
func (p *Parser) Labels() []string { return slices.Clone(p.labels) }

// scratch is per-call working memory.
type scratch struct {
	st     *state
	toks   []token
	feats  []uint64
	scores []float32
}

// Parse sets Head and Deprel of every word of s from its Form, UPOS and
// XPOS.
func (p *Parser) Parse(s *doc.Sentence) {
	sc, _ := p.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	p.parseWith(sc, s)
	p.pool.Put(sc)
}

// prepare describes the words of s and resets the state for nc classes.
func (p *Parser) prepare(sc *scratch, s *doc.Sentence, nc int) {
	n := len(s.Words)
	sc.toks = append(sc.toks[:0], rootTok)
	for i := range s.Words {
		w := &s.Words[i]
		t := token{w: pc.HashLower(w.Form), p: pc.Hash(w.XPOS), u: pc.Hash(w.UPOS)}
		if p.cl != nil {
			if ids, ok := p.cl.Lookup(w.Form); ok {
				t.c, t.cf = uint64(ids[coarseLevel])+1, uint64(ids[fineLevel])+1
			}
		}
		sc.toks = append(sc.toks, t)
	}
	if sc.st == nil {
		sc.st = newState(n)
	} else {
		sc.st.reset(n)
	}
	if cap(sc.scores) < nc {
		sc.scores = make([]float32, nc)
	}
}

func (p *Parser) parseWith(sc *scratch, s *doc.Sentence) {
	if len(s.Words) == 0 {
		return
	}
	p.prepare(sc, s, p.model.NumClass())
	st := sc.st
	scores := sc.scores[:p.model.NumClass()]
	for !st.done() {
		sc.feats = features(sc.feats[:0], st, sc.toks)
		clear(scores)
		p.model.Score(sc.feats, scores)
		st.apply(p.best(st, scores))
	}
	p.finish(st, s)
}

// best returns the highest-scoring valid class.
func (p *Parser) best(st *state, scores []float32) int {
	best := -1
	for c := range scores {
		if (best < 0 || scores[c] > scores[best]) && st.valid(c, p.rootLabel) {
			best = c
		}
	}
	return best
}

// finish copies the parse into s, keeping a single root: further root
// children are attached to the first as parataxis.
func (p *Parser) finish(st *state, s *doc.Sentence) {
	root := none
	for i := 1; i <= st.n; i++ {
		h, l := st.head[i], st.label[i]
		if h == 0 {
			if root == none {
				root = i
			} else {
				h, l = root, p.parataxis()
			}
		}
		s.Words[i-1].Head = h
		s.Words[i-1].Deprel = p.labels[l]
	}
}

func (p *Parser) parataxis() int {
	if i := slices.Index(p.labels, "parataxis"); i >= 0 {
		return i
	}
	return p.rootLabel
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs  int       // passes over the data; the epoch best on dev is kept
	Seed    uint64    // seeds shuffling and exploration
	Explore float64   // probability of following a wrong prediction from epoch 2 on
	Log     io.Writer // progress, or nil
	// Clusters are word clusters from unlabeled text; the parser must be
	// loaded with the same clusters.
	Clusters *cluster.Clusters
}

// The cluster levels the features read.
const (
	coarseLevel = 1
	fineLevel   = cluster.NumLevels - 1
)

// Train learns a parser from sentences with gold heads and relations. The
// tags the parser will see at run time (UPOS, XPOS) should be predicted
// ones (jackknifed) for the best accuracy. Non-projective trees are
// projectivized by lifting for training.
func Train(train, dev []doc.Sentence, opt TrainOptions) (*Parser, error) {
	if len(train) == 0 {
		return nil, errors.New("train parser: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	p := &Parser{cl: opt.Clusters}
	index := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			if _, ok := index[w.Deprel]; !ok {
				index[w.Deprel] = len(p.labels)
				p.labels = append(p.labels, w.Deprel)
			}
		}
	}
	root, ok := index["root"]
	if !ok {
		return nil, errors.New("train parser: no root relation in training data")
	}
	p.rootLabel = root
	if 2+2*len(p.labels) > 256 {
		return nil, fmt.Errorf("train parser: %d relations, at most 127", len(p.labels))
	}
	type goldTree struct {
		heads, labels []int
	}
	trees := make([]goldTree, len(train))
	for i, s := range train {
		n := len(s.Words)
		g := goldTree{heads: make([]int, n+1), labels: make([]int, n+1)}
		for j, w := range s.Words {
			if w.Head < 0 || w.Head > n {
				return nil, fmt.Errorf("train parser: sentence %s word %d has head %d", s.ID, j+1, w.Head)
			}
			g.heads[j+1], g.labels[j+1] = w.Head, index[w.Deprel]
		}
		g.heads[0] = none
		projectivize(g.heads)
		trees[i] = g
	}

	nc := 2 + 2*len(p.labels)
	tr := pc.NewTrainer(nc)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a45))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var (
		sc       scratch
		bestM    *pc.Model
		bestLAS  = -1.0
		bestEpoc int
	)
	cost := make([]int, nc)
	scores := make([]float32, nc)
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes, steps := 0, 0
		for _, si := range order {
			s, g := &train[si], trees[si]
			if len(s.Words) == 0 {
				continue
			}
			p.prepare(&sc, s, nc)
			st := sc.st
			for !st.done() {
				sc.feats = features(sc.feats[:0], st, sc.toks)
				clear(scores)
				tr.Score(sc.feats, scores)
				st.costs(cost, g.heads, g.labels, p.rootLabel)
				guess, gold := -1, -1
				minCost := 1 << 30
				for c := range cost {
					if cost[c] >= 0 && cost[c] < minCost {
						minCost = cost[c]
					}
				}
				for c := range cost {
					if cost[c] < 0 {
						continue
					}
					if guess < 0 || scores[c] > scores[guess] {
						guess = c
					}
					if cost[c] == minCost && (gold < 0 || scores[c] > scores[gold]) {
						gold = c
					}
				}
				tr.Tick()
				steps++
				next := guess
				if cost[guess] > minCost {
					mistakes++
					tr.Update(sc.feats, gold, guess)
					if epoch == 1 || rng.Float64() >= opt.Explore {
						next = gold
					}
				}
				st.apply(next)
			}
		}
		p.model = tr.Average(0)
		uas, las := p.score(dev)
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "parser epoch %d: %.2f%% steps wrong; dev UAS %.2f LAS %.2f (%d features)\n",
				epoch, 100*float64(mistakes)/float64(max(steps, 1)), 100*uas, 100*las, p.model.NumFeatures())
		}
		if las > bestLAS || len(dev) == 0 {
			bestM, bestLAS, bestEpoc = p.model, las, epoch
		}
	}
	p.model = bestM
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "parser: kept epoch %d (dev LAS %.2f)\n", bestEpoc, 100*bestLAS)
	}
	return p, nil
}

// score returns unlabelled and labelled attachment accuracy on gold
// (punctuation included, as in the CoNLL 2018 evaluation).
func (p *Parser) score(gold []doc.Sentence) (uas, las float64) {
	var sc scratch
	total, u, l := 0, 0, 0
	for _, g := range gold {
		s := doc.Sentence{Words: slices.Clone(g.Words)}
		p.parseWith(&sc, &s)
		for i := range s.Words {
			total++
			if s.Words[i].Head == g.Words[i].Head {
				u++
				if s.Words[i].Deprel == g.Words[i].Deprel {
					l++
				}
			}
		}
	}
	if total == 0 {
		return 0, 0
	}
	return float64(u) / float64(total), float64(l) / float64(total)
}

// Score returns UAS and LAS of the parser on gold sentences, parsed from
// the tags they carry.
func (p *Parser) Score(gold []doc.Sentence) (uas, las float64) { return p.score(gold) }

// projectivize lifts non-projective arcs until the tree is projective:
// the shortest non-projective arc is reattached to its head's head
// (Nivre & Nilsson 2005, without encoding the lift in the label).
func projectivize(heads []int) {
	n := len(heads) - 1
	for {
		best, bestLen := none, 1<<30
		for d := 1; d <= n; d++ {
			h := heads[d]
			if h <= 0 {
				continue
			}
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best == none {
			return
		}
		heads[best] = heads[heads[best]]
	}
}

// dominates reports whether h is an ancestor of k.
func dominates(heads []int, h, k int) bool {
	for steps := 0; k > 0 && steps < len(heads); steps++ {
		k = heads[k]
		if k == h {
			return true
		}
	}
	return false
}

// fileFormat is the persisted parser. Version 1 is the only one so far.
type fileFormat struct {
	Format    string
	Version   int
	Labels    []string
	RootLabel int
	Weights   []byte
	Clusters  string // fingerprint of the clusters trained with, "" for none
}

const (
	formatName     = "dyad-depparse"
	currentVersion = 1
)

// WriteTo writes the parser in its versioned format.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	var wb bytes.Buffer
	if _, err := p.model.WriteTo(&wb); err != nil {
		return 0, fmt.Errorf("write parser: %w", err)
	}
	cw := &countWriter{w: w}
	if err := gob.NewEncoder(cw).Encode(fileFormat{formatName, currentVersion, p.labels, p.rootLabel, wb.Bytes(), cluster.Fingerprint(p.cl)}); err != nil {
		return cw.n, fmt.Errorf("write parser: %w", err)
	}
	return cw.n, nil
}

// Read loads a parser written by WriteTo; cl must be the clusters it was
// trained with (nil for none).
func Read(r io.Reader, cl *cluster.Clusters) (*Parser, error) {
	var f fileFormat
	if err := gob.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	if f.Format != formatName {
		return nil, fmt.Errorf("read parser: format %q, want %q", f.Format, formatName)
	}
	if f.Version < 1 || f.Version > currentVersion {
		return nil, fmt.Errorf("read parser: unsupported version %d", f.Version)
	}
	if len(f.Labels) == 0 || f.RootLabel < 0 || f.RootLabel >= len(f.Labels) {
		return nil, errors.New("read parser: bad label set")
	}
	if fp := cluster.Fingerprint(cl); fp != f.Clusters {
		return nil, fmt.Errorf("read parser: trained with clusters %q, given %q", f.Clusters, fp)
	}
	m, err := pc.Read(bytes.NewReader(f.Weights))
	if err != nil {
		return nil, fmt.Errorf("read parser: %w", err)
	}
	if m.NumClass() != 2+2*len(f.Labels) {
		return nil, fmt.Errorf("read parser: %d classes for %d labels", m.NumClass(), len(f.Labels))
	}
	return &Parser{labels: f.Labels, rootLabel: f.RootLabel, model: m, cl: cl}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
