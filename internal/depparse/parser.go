// Package depparse is dyad's dependency parser: it gives every word of a
// tagged sentence a head and a Universal Dependencies relation.
//
// It is a greedy transition-based parser: the arc-eager system with the
// root at the end of the buffer; one averaged perceptron over the rich
// feature set of Zhang & Nivre (2011) plus a few more chooses the
// transition, a second one the relation of each arc as it is made. The
// transition model is trained with the dynamic oracle and error
// exploration of Goldberg & Nivre (2012). Parsing is linear in sentence
// length and needs no external process. docs/syntax.md explains the
// choice.
package depparse

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
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
	trans     *pc.Model         // scores the four transition kinds
	label     *pc.Model         // scores the relations of an arc
	joint     *pc.Model         // format 1: one model over labelled transitions
	beam      int               // beam width; 0 or 1 parses greedily
	margin    float32           // beam pruning margin in transition score units; 0: none
	cl        *cluster.Clusters // word clusters the features read, or nil
	pool      sync.Pool         // of *scratch
	nocache   bool              // tests: choose every relation afresh
	reverse   bool              // parses right to left (a guide for stacking)
	guide     *Parser           // parses first; its tree is read as features
}

// Beam returns the beam width the parser decodes with (1: greedy).
func (p *Parser) Beam() int { return max(p.beam, 1) }

// WithBeam returns a parser that shares p's models but decodes with a beam
// of width k (1: greedy): narrower is faster and a little less accurate
// (docs/syntax.md has the measured trade-off).
func (p *Parser) WithBeam(k int) *Parser {
	return &Parser{labels: p.labels, rootLabel: p.rootLabel, trans: p.trans, label: p.label,
		joint: p.joint, beam: max(k, 1), margin: p.margin, cl: p.cl, reverse: p.reverse, guide: p.guide}
}

// Margin returns the beam's pruning margin in units of summed transition
// weights: hypotheses that trail the best by more are dropped (0: none).
func (p *Parser) Margin() float32 {
	if p.trans == nil {
		return 0
	}
	return p.margin * p.trans.Scale()
}

// scratch is per-call working memory.
type scratch struct {
	st      *state
	toks    []token
	feats   []uint64
	lfeats  []uint64
	scores  []float32
	lscores []float32
	// memos of the models, and transition scores in parts, for decoding
	tmemo, lmemo *pc.Memo
	tsc          scorer
	// beam search and its training
	beam               beamSearch
	goldSt, replaySt   state
	goldHist, violPred []int
	// relations chosen for this sentence, when decoding
	lcache labelCache
	// the guide tree of the sentence (stacking), or nil
	guide    []int
	guideLab []uint64
	rev      doc.Sentence // the sentence reversed, for a right-to-left parser
	gsent    doc.Sentence // the sentence as the guide parsed it
}

// Parse sets Head and Deprel of every word of s from its Form, UPOS and
// XPOS.
func (p *Parser) Parse(s *doc.Sentence) {
	sc, _ := p.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	p.decode(sc, s)
	p.pool.Put(sc)
}

// decode parses s with the beam when the parser has one, else greedily;
// a right-to-left parser parses s reversed, a stacked parser reads the
// tree of its guide.
func (p *Parser) decode(sc *scratch, s *doc.Sentence) {
	if p.reverse && len(s.Words) > 0 {
		sc.rev.Words = reverseWords(sc.rev.Words[:0], s.Words)
		p.decodeDir(sc, &sc.rev)
		n := len(s.Words)
		for i, w := range sc.rev.Words {
			h := w.Head
			if h > 0 {
				h = n + 1 - h
			}
			s.Words[n-1-i].Head, s.Words[n-1-i].Deprel = h, w.Deprel
		}
		return
	}
	p.decodeDir(sc, s)
}

// reverseWords appends the words of ws in reverse order, heads renumbered.
func reverseWords(dst, ws []doc.Word) []doc.Word {
	n := len(ws)
	for i := n - 1; i >= 0; i-- {
		w := ws[i]
		if w.Head > 0 {
			w.Head = n + 1 - w.Head
		}
		dst = append(dst, w)
	}
	return dst
}

// setGuide parses s with the guide parser into sc.guide, or clears it.
func (p *Parser) setGuide(sc *scratch, s *doc.Sentence) {
	if p.guide == nil {
		sc.guide = nil
		return
	}
	sc.gsent.Words = append(sc.gsent.Words[:0], s.Words...)
	p.guide.Parse(&sc.gsent)
	sc.setTree(&sc.gsent)
}

// setTree makes the tree of g the guide of the next sentence.
func (sc *scratch) setTree(g *doc.Sentence) {
	sc.guide = append(sc.guide[:0], none)
	sc.guideLab = append(sc.guideLab[:0], 0)
	for _, w := range g.Words {
		sc.guide = append(sc.guide, w.Head)
		sc.guideLab = append(sc.guideLab, pc.Hash(w.Deprel))
	}
}

func (p *Parser) decodeDir(sc *scratch, s *doc.Sentence) {
	p.setGuide(sc, s)
	switch {
	case len(s.Words) == 0:
	case p.beam > 1 && p.joint == nil && len(s.Words) <= maxBeamWords:
		p.parseBeam(sc, s, p.beam)
	default:
		p.parseWith(sc, s)
	}
}

// prepare describes the words of s and resets the state.
func (p *Parser) prepare(sc *scratch, s *doc.Sentence) {
	n := len(s.Words)
	sc.toks = append(sc.toks[:0], rootTok)
	var nv, np int32
	for i := range s.Words {
		w := &s.Words[i]
		switch w.UPOS {
		case "VERB", "AUX":
			nv++
		case "PUNCT":
			np++
		}
		// The tag features read UPOS refined by the first two letters
		// of XPOS (NOUN|NN, VERB|VB, PRON|WP): coarser than XPOS, whose
		// finer distinctions a tagger gets wrong more often, which
		// measured 0.3 UAS and LAS better on dev with predicted tags.
		t := token{w: pc.HashLower(w.Form), p: pc.Hash(w.UPOS + "|" + w.XPOS[:min(len(w.XPOS), 2)]), u: pc.Hash(w.UPOS), nv: nv, np: np}
		if p.cl != nil {
			if ids, ok := p.cl.Lookup(w.Form); ok {
				t.c, t.cf = uint64(ids[coarseLevel])+1, uint64(ids[fineLevel])+1
			}
		}
		if sc.guide != nil {
			t.gl = sc.guideLab[i+1]
		}
		sc.toks = append(sc.toks, t)
	}
	if sc.st == nil {
		sc.st = newState(n)
	} else {
		sc.st.reset(n)
	}
	nc := max(4, 2+2*len(p.labels))
	if cap(sc.scores) < nc {
		sc.scores = make([]float32, nc)
	}
	if cap(sc.lscores) < len(p.labels) {
		sc.lscores = make([]float32, len(p.labels))
	}
	sc.lcache.reset(false)
}

func (p *Parser) parseWith(sc *scratch, s *doc.Sentence) {
	if len(s.Words) == 0 {
		return
	}
	p.prepare(sc, s)
	if p.joint == nil {
		p.memos(sc)
		sc.lcache.reset(!p.nocache)
	}
	st := sc.st
	for !st.done() {
		// Greedily, configurations seldom share S0 and N0: the scorer's
		// caches would not pay (BenchmarkParse, beam=1: 2-4% slower).
		sc.feats = features(sc.feats[:0], st, sc.toks, sc.guide)
		if p.joint != nil {
			scores := sc.scores[:p.joint.NumClass()]
			clear(scores)
			p.joint.Score(sc.feats, scores)
			st.apply(p.bestJoint(st, scores))
			continue
		}
		scores := sc.scores[:4]
		clear(scores)
		sc.tmemo.Score(sc.feats, scores)
		kind := bestKind(st, scores, nil)
		st.apply(p.classOf(sc, st, kind, sc.lmemo.Score))
	}
	p.finish(st, s)
}

// bestKind returns the highest-scoring valid transition kind; with cost
// given, only among those of the lowest cost.
func bestKind(st *state, scores []float32, cost *[4]int) int {
	best, bestCost := -1, 1<<30
	if cost != nil {
		for _, c := range cost {
			if c >= 0 && c < bestCost {
				bestCost = c
			}
		}
	}
	for k := range 4 {
		if !st.validKind(k) || (cost != nil && cost[k] != bestCost) {
			continue
		}
		if best < 0 || scores[k] > scores[best] {
			best = k
		}
	}
	return best
}

// classOf turns a transition kind into a class, choosing the relation of
// an arc with score.
func (p *Parser) classOf(sc *scratch, st *state, kind int, score func([]uint64, []float32)) int {
	switch kind {
	case kindLeft:
		return leftOf(p.chooseLabel(sc, st, kind, score))
	case kindRight:
		return rightOf(p.chooseLabel(sc, st, kind, score))
	}
	return kind
}

// chooseLabel returns the best relation for the arc of kind: "root" for
// the root's dependent, else the best other relation.
func (p *Parser) chooseLabel(sc *scratch, st *state, kind int, score func([]uint64, []float32)) int {
	h, d := st.arcOf(kind)
	if h == 0 {
		return p.rootLabel
	}
	var key labelKey
	if sc.lcache.on {
		key = keyOf(st, h, d, kind)
		if l, ok := sc.lcache.get(&key); ok {
			return l
		}
	}
	sc.lfeats = labelFeatures(sc.lfeats[:0], st, sc.toks, h, d, kind)
	ls := sc.lscores[:len(p.labels)]
	clear(ls)
	score(sc.lfeats, ls)
	best := -1
	for l := range ls {
		if l != p.rootLabel && (best < 0 || ls[l] > ls[best]) {
			best = l
		}
	}
	if sc.lcache.on {
		sc.lcache.put(&key, best)
	}
	return best
}

// bestJoint returns the highest-scoring valid class of a format-1 model.
func (p *Parser) bestJoint(st *state, scores []float32) int {
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
	Beam    int       // beam width; above 1 the transition model is trained globally
	Log     io.Writer // progress, or nil
	// Clusters are word clusters from unlabeled text; the parser must be
	// loaded with the same clusters.
	Clusters *cluster.Clusters
	// Reverse trains a right-to-left parser.
	Reverse bool
	// Guide, when set, trains a stacked parser: Guide parses every
	// sentence first and its tree is read as features. Its trees of the
	// training sentences must come from TrainGuides, made by guides that
	// did not see them (jackknifing), so that the parser learns how far
	// to trust the guide on unseen text.
	Guide       *Parser
	TrainGuides []doc.Sentence
}

// transPrune is the share of the largest weight below which a feature of
// the trained transition model is dropped (perceptron.Model.Prune): on
// EWT dev it removes about half of the features of the beam-8 parser at
// no loss of accuracy (UAS and LAS +0.02), and parsing probes a table
// half the size.
const transPrune = 0.01

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
	if opt.Guide != nil && len(opt.TrainGuides) != len(train) {
		return nil, fmt.Errorf("train parser: %d guide trees for %d sentences", len(opt.TrainGuides), len(train))
	}
	if opt.Guide != nil && opt.Reverse {
		return nil, errors.New("train parser: a right-to-left parser cannot be stacked")
	}
	p := &Parser{cl: opt.Clusters, beam: opt.Beam, reverse: opt.Reverse, guide: opt.Guide}
	if opt.Reverse {
		rev := make([]doc.Sentence, len(train))
		for i, s := range train {
			rev[i] = s
			rev[i].Words = reverseWords(nil, s.Words)
		}
		train = rev
	}
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
	if len(p.labels) > 127 {
		return nil, fmt.Errorf("train parser: %d relations, at most 127", len(p.labels))
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

	tt := pc.NewTrainer(4)
	lt := pc.NewTrainer(len(p.labels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a45))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var (
		sc       scratch
		bestT    *pc.Model
		bestL    *pc.Model
		bestLAS  = -1.0
		bestEpoc int
	)
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes, steps := 0, 0
		for _, si := range order {
			s, g := &train[si], trees[si]
			if len(s.Words) == 0 {
				continue
			}
			sc.guide = nil
			if opt.Guide != nil {
				sc.setTree(&opt.TrainGuides[si])
			}
			if p.beam > 1 {
				tt.Tick()
				steps++
				if p.trainBeam(&sc, s, g, p.beam, tt, lt) {
					mistakes++
				}
				continue
			}
			p.prepare(&sc, s)
			st := sc.st
			for !st.done() {
				sc.feats = features(sc.feats[:0], st, sc.toks, sc.guide)
				scores := sc.scores[:4]
				clear(scores)
				tt.Score(sc.feats, scores)
				cost := st.kindCosts(g.heads)
				guess := bestKind(st, scores, nil)
				gold := bestKind(st, scores, &cost)
				tt.Tick()
				steps++
				next := guess
				if cost[guess] > cost[gold] {
					mistakes++
					tt.Update(sc.feats, gold, guess)
					if epoch == 1 || rng.Float64() >= opt.Explore {
						next = gold
					}
				}
				// The relation of a gold arc is taught, then set to the
				// gold one, so that later features see correct labels.
				class := next
				if next == kindLeft || next == kindRight {
					h, d := st.arcOf(next)
					label := p.chooseLabel(&sc, st, next, lt.Score)
					if h != 0 && g.heads[d] == h {
						lt.Tick()
						lt.Update(sc.lfeats, g.labels[d], label)
						label = g.labels[d]
					}
					if next == kindLeft {
						class = leftOf(label)
					} else {
						class = rightOf(label)
					}
				}
				st.apply(class)
			}
		}
		p.trans, p.label = tt.Average(0), lt.Average(0)
		uas, las := p.score(dev)
		if opt.Log != nil {
			what := "transitions"
			if p.beam > 1 {
				what = "sentences" // updated by the global perceptron
			}
			fmt.Fprintf(opt.Log, "parser epoch %d: %.2f%% %s wrong; dev UAS %.2f LAS %.2f (%d+%d features)\n",
				epoch, 100*float64(mistakes)/float64(max(steps, 1)), what,
				100*uas, 100*las, p.trans.NumFeatures(), p.label.NumFeatures())
		}
		if las > bestLAS || len(dev) == 0 {
			bestT, bestL, bestLAS, bestEpoc = p.trans, p.label, las, epoch
		}
	}
	p.trans, p.label = bestT, bestL
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "parser: kept epoch %d (dev LAS %.2f)\n", bestEpoc, 100*bestLAS)
	}
	n := p.trans.NumFeatures()
	p.trans = p.trans.Prune(transPrune)
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "parser: pruned the transition model from %d to %d features\n", n, p.trans.NumFeatures())
	}
	if p.beam > 1 && len(dev) > 0 {
		p.tuneMargin(dev, opt.Log)
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
		p.decode(&sc, &s)
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

// goldTree is a training tree: heads and relation ids of words 1..n.
type goldTree struct {
	heads, labels []int
}

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

// fileFormat is the persisted parser. Version 1 held one model over
// labelled transitions (Weights); version 2 holds a transition model and a
// relation model (Trans, Label).
type fileFormat struct {
	Format    string
	Version   int
	Labels    []string
	RootLabel int
	Weights   []byte `json:",omitempty"`
	Clusters  string // fingerprint of the clusters trained with, "" for none
	Trans     []byte
	Label     []byte
	Beam      int // beam width the transition model was trained for (0: greedy)
	// Margin (version 2, optional) prunes the beam: hypotheses that trail
	// the best by more, in summed transition weights, are dropped.
	Margin float32
	// Reverse (version 3) marks a right-to-left parser.
	Reverse bool
	// Guide (version 3, optional) is the file of the parser whose tree a
	// stacked parser reads as features; it uses the same clusters.
	Guide []byte
}

const (
	formatName     = "dyad-depparse"
	currentVersion = 3
)

// asVersion2 returns f as the struct version 2 files were written from:
// gob writes a struct's fields into the file, so a plain parser written
// with this type has the same bytes as before version 3.
func asVersion2(f fileFormat) any {
	type fileFormat struct { // the name gob records must stay fileFormat
		Format    string
		Version   int
		Labels    []string
		RootLabel int
		Weights   []byte `json:",omitempty"`
		Clusters  string
		Trans     []byte
		Label     []byte
		Beam      int
		Margin    float32
	}
	return fileFormat{Format: f.Format, Version: f.Version, Labels: f.Labels, RootLabel: f.RootLabel, Weights: f.Weights,
		Clusters: f.Clusters, Trans: f.Trans, Label: f.Label, Beam: f.Beam, Margin: f.Margin}
}

// WriteTo writes the parser in its versioned format.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	if p.trans == nil || p.label == nil {
		return 0, errors.New("write parser: only trained parsers can be written")
	}
	var tb, lb bytes.Buffer
	if _, err := p.trans.WriteTo(&tb); err != nil {
		return 0, fmt.Errorf("write parser: %w", err)
	}
	if _, err := p.label.WriteTo(&lb); err != nil {
		return 0, fmt.Errorf("write parser: %w", err)
	}
	// The oldest version that holds the parser, so that a parser without
	// the newer parts is written as before, byte for byte.
	version := 2
	if p.reverse || p.guide != nil {
		version = currentVersion
	}
	f := fileFormat{Format: formatName, Version: version, Labels: p.labels, RootLabel: p.rootLabel,
		Clusters: cluster.Fingerprint(p.cl), Trans: tb.Bytes(), Label: lb.Bytes(), Beam: p.beam, Margin: p.Margin(),
		Reverse: p.reverse}
	if p.guide != nil {
		var gb bytes.Buffer
		if _, err := p.guide.WriteTo(&gb); err != nil {
			return 0, fmt.Errorf("write parser: guide: %w", err)
		}
		f.Guide = gb.Bytes()
	}
	var out bytes.Buffer
	var v any = f
	if version == 2 {
		v = asVersion2(f)
	}
	if err := gob.NewEncoder(&out).Encode(v); err != nil {
		return 0, fmt.Errorf("write parser: %w", err)
	}
	n, err := w.Write(out.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("write parser: %w", err)
	}
	return int64(n), nil
}

// Read loads a parser written by WriteTo, of any version; cl must be the
// clusters it was trained with (nil for none).
func Read(r io.Reader, cl *cluster.Clusters) (*Parser, error) { return read(r, cl, false) }

// read reads a parser; asGuide is set for the guide inside a stacked
// parser's file, which may not have a guide of its own.
func read(r io.Reader, cl *cluster.Clusters, asGuide bool) (*Parser, error) {
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
	if len(f.Labels) == 0 || len(f.Labels) > 127 || f.RootLabel < 0 || f.RootLabel >= len(f.Labels) {
		return nil, errors.New("read parser: bad label set")
	}
	if fp := cluster.Fingerprint(cl); fp != f.Clusters {
		return nil, fmt.Errorf("read parser: trained with clusters %q, given %q", f.Clusters, fp)
	}
	if f.Beam < 0 || f.Beam > 64 {
		return nil, fmt.Errorf("read parser: beam width %d", f.Beam)
	}
	if !(f.Margin >= 0) || math.IsInf(float64(f.Margin), 0) {
		return nil, fmt.Errorf("read parser: beam margin %v", f.Margin)
	}
	p := &Parser{labels: f.Labels, rootLabel: f.RootLabel, cl: cl, beam: f.Beam, reverse: f.Reverse}
	if len(f.Guide) > 0 {
		if asGuide || f.Reverse {
			return nil, errors.New("read parser: a guide of a guide, or a stacked right-to-left parser")
		}
		g, err := read(bytes.NewReader(f.Guide), cl, true)
		if err != nil {
			return nil, fmt.Errorf("read parser: guide: %w", err)
		}
		p.guide = g
	}
	load := func(b []byte, classes int) (*pc.Model, error) {
		m, err := pc.Read(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("read parser: %w", err)
		}
		if m.NumClass() != classes {
			return nil, fmt.Errorf("read parser: model of %d classes, want %d", m.NumClass(), classes)
		}
		return m, nil
	}
	var err error
	if f.Version == 1 {
		p.joint, err = load(f.Weights, 2+2*len(f.Labels))
		return p, err
	}
	if p.trans, err = load(f.Trans, 4); err != nil {
		return nil, err
	}
	if p.label, err = load(f.Label, len(f.Labels)); err != nil {
		return nil, err
	}
	if f.Margin > 0 && p.trans.Scale() > 0 {
		p.margin = f.Margin / p.trans.Scale()
	}
	return p, nil
}
