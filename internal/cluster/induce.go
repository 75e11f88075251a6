package cluster

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Options control Induce. The zero value gives the defaults.
type Options struct {
	// Classes is the number of classes per level, coarse to fine and
	// non-decreasing; default {16, 64, 256, 1024}. The finest level is what
	// the exchange algorithm optimises; each coarser one is got by merging.
	// A level cannot have more classes than there are vocabulary words.
	Classes [NumLevels]int
	// MinCount is the least count a (normalised) word needs to get a
	// cluster; default 3.
	MinCount int
	// MaxVocab caps the vocabulary, keeping the most frequent words;
	// default 100,000.
	MaxVocab int
	// MaxPasses bounds the exchange passes after the initial greedy
	// placement; default 20.
	MaxPasses int
	// MinMoved stops the exchange once a pass moves fewer than this
	// fraction of the vocabulary; default 0.01.
	MinMoved float64
	// Seed fixes the order in which words are visited. Induce is
	// deterministic given its input and Options (on one architecture: the
	// floating-point comparisons are not guaranteed to round alike on
	// machines that fuse multiply-adds).
	Seed uint64
	// Note is appended to the provenance note the clusters carry.
	Note string
	// Logf, if set, receives progress messages.
	Logf func(format string, args ...any)
}

// DefaultClasses is the default number of classes per level.
var DefaultClasses = [NumLevels]int{16, 64, 256, 1024}

func (o Options) withDefaults() Options {
	if o.Classes == ([NumLevels]int{}) {
		o.Classes = DefaultClasses
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.MaxVocab <= 0 {
		o.MaxVocab = 100_000
	}
	if o.MaxPasses <= 0 {
		o.MaxPasses = 20
	}
	if o.MinMoved <= 0 {
		o.MinMoved = 0.01
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

func (o Options) validate() error {
	for l, k := range o.Classes {
		if k < 1 || k >= maxClasses {
			return fmt.Errorf("cluster: level %d has %d classes; want 1..%d", l, k, maxClasses-1)
		}
		if l > 0 && k < o.Classes[l-1] {
			return fmt.Errorf("cluster: classes %v must not decrease from coarse to fine", o.Classes)
		}
	}
	if o.MaxVocab > maxWords {
		return fmt.Errorf("cluster: MaxVocab %d exceeds %d", o.MaxVocab, maxWords)
	}
	return nil
}

// Special word ids, relative to the vocabulary size V: the sentence
// boundary and the stand-in for every word outside the vocabulary. Each
// has a class of its own that never changes and is not reported.
const (
	boundOff = 0
	unkOff   = 1
)

// Induce clusters the words of sentences. Tokens are normalised (see
// Normalize) and counted; words seen at least MinCount times (at most
// MaxVocab of them) are clustered, the others all stand for one unknown
// word that provides context but gets no cluster. sentences is iterated
// once.
func Induce(ctx context.Context, sentences func(yield func([]string) bool), opt Options) (*Clusters, error) {
	opt = opt.withDefaults()
	if err := opt.validate(); err != nil {
		return nil, err
	}
	start := time.Now()

	// 1. Intern the normalised tokens into one stream; -1 marks a
	// sentence boundary and -2 a token too long to be a word.
	index := map[string]int32{}
	var types []string
	var counts []int64
	stream := []int32{-1}
	var buf []byte
	var err error
	nsent := 0
	sentences(func(s []string) bool {
		if nsent%1024 == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		nsent++
		added := false
		for _, w := range s {
			if w == "" {
				continue
			}
			buf = appendNorm(buf[:0], w, false)
			id := int32(-2)
			if len(buf) <= maxKeyLen {
				var ok bool
				if id, ok = index[string(buf)]; !ok {
					id = int32(len(types))
					types = append(types, string(buf))
					counts = append(counts, 0)
					index[types[id]] = id
				}
				counts[id]++
			}
			stream = append(stream, id)
			added = true
		}
		if added {
			stream = append(stream, -1)
		}
		if len(stream) >= math.MaxInt32-1<<20 || len(types) >= math.MaxInt32-1 {
			err = errors.New("cluster: corpus too large (over 2^31 tokens)")
			return false
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	index = nil
	ntok := 0
	for _, id := range stream {
		if id != -1 {
			ntok++
		}
	}

	// 2. The vocabulary: frequent words, most frequent first.
	var vocab []int32
	for id, n := range counts {
		if n >= int64(opt.MinCount) {
			vocab = append(vocab, int32(id))
		}
	}
	slices.SortFunc(vocab, func(a, b int32) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(types[a], types[b])
	})
	if len(vocab) > opt.MaxVocab {
		vocab = vocab[:opt.MaxVocab]
	}
	V := len(vocab)
	if V == 0 {
		return nil, fmt.Errorf("cluster: no word occurs %d times in %d tokens", opt.MinCount, ntok)
	}
	covered := int64(0)
	remap := make([]int32, len(types))
	for i := range remap {
		remap[i] = int32(V + unkOff)
	}
	for w, id := range vocab {
		remap[id] = int32(w)
		covered += counts[id]
	}
	for i, id := range stream {
		switch {
		case id == -1:
			stream[i] = int32(V + boundOff)
		case id == -2:
			stream[i] = int32(V + unkOff)
		default:
			stream[i] = remap[id]
		}
	}
	remap = nil
	opt.Logf("cluster: %d sentences, %d tokens, %d types; vocabulary %d words (count >= %d) covers %.1f%% of tokens (%s)",
		nsent, ntok, len(types), V, opt.MinCount, 100*float64(covered)/float64(max(ntok, 1)), time.Since(start).Round(time.Millisecond))

	// 3. Word bigram counts, both ways.
	g := newBigrams(stream, V+2)
	stream = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// 4. Exchange at the finest level.
	K := min(opt.Classes[NumLevels-1], V)
	x := newExchange(g, V, K)
	order := make([]int32, V)
	for i := range order {
		order[i] = int32(i)
	}
	t := time.Now()
	if err := x.pass(ctx, order, true); err != nil {
		return nil, err
	}
	opt.Logf("cluster: greedy placement into %d classes: perplexity %.2f (%s)", K, x.perplexity(), time.Since(t).Round(time.Millisecond))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	passes := 0
	for passes < opt.MaxPasses {
		t := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if err := x.pass(ctx, order, false); err != nil {
			return nil, err
		}
		passes++
		opt.Logf("cluster: exchange pass %d: moved %d words, perplexity %.2f (%s)", passes, x.moved, x.perplexity(), time.Since(t).Round(time.Millisecond))
		if float64(x.moved) < opt.MinMoved*float64(V) {
			break
		}
	}
	ppl := x.perplexity()

	// 5. Coarser levels by greedy merging, 6. ids.
	t = time.Now()
	var want [NumLevels]int
	for l := range want {
		want[l] = min(opt.Classes[l], K)
	}
	sizes := slices.Clone(x.NR[:K]) // merge changes x.NR
	rep, err := x.merge(ctx, want)
	if err != nil {
		return nil, err
	}
	opt.Logf("cluster: merged to %v classes (%s)", want, time.Since(t).Round(time.Millisecond))
	ids, levels := number(rep, sizes)

	var kb strings.Builder
	ents := make([]entry, V)
	for w, id := range vocab {
		k := types[id]
		ents[w] = entry{off: uint32(kb.Len()), n: uint8(len(k)), count: uint32(min(counts[id], maxCount))}
		kb.WriteString(k)
		for l := range NumLevels {
			ents[w].ids[l] = uint16(ids[l][x.cls[w]])
		}
	}
	info := fmt.Sprintf("dyad word clusters: exchange algorithm on the class-bigram likelihood, %d passes, seed %d; %d/%d/%d/%d nested classes by greedy merging; %d words with count >= %d from %d tokens in %d sentences; class-bigram perplexity %.1f",
		passes, opt.Seed, levels[0], levels[1], levels[2], levels[3], V, opt.MinCount, ntok, nsent, ppl)
	if opt.Note != "" {
		info += "; " + opt.Note
	}
	if len(info) > maxInfoLen {
		info = info[:maxInfoLen]
		for !utf8.ValidString(info) {
			info = info[:len(info)-1]
		}
	}
	opt.Logf("cluster: done in %s", time.Since(start).Round(time.Millisecond))
	return newClusters(levels, info, kb.String(), ents)
}

// bigrams holds word bigram counts as two compressed sparse rows:
// successors and predecessors of each word.
type bigrams struct {
	succStart, predStart []int32
	succ, pred           []int32 // partner word
	succN, predN         []int32 // count
}

func newBigrams(stream []int32, nw int) *bigrams {
	pairs := make([]uint64, 0, len(stream))
	for i := 1; i < len(stream); i++ {
		pairs = append(pairs, uint64(stream[i-1])<<32|uint64(stream[i]))
	}
	slices.Sort(pairs)
	g := &bigrams{succStart: make([]int32, nw+1), predStart: make([]int32, nw+1)}
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		a, b := int32(pairs[i]>>32), int32(uint32(pairs[i]))
		g.succ = append(g.succ, b)
		g.succN = append(g.succN, int32(j-i))
		g.succStart[a+1]++
		g.predStart[b+1]++
		i = j
	}
	for i := range nw {
		g.succStart[i+1] += g.succStart[i]
		g.predStart[i+1] += g.predStart[i]
	}
	g.pred = make([]int32, len(g.succ))
	g.predN = make([]int32, len(g.succ))
	fill := slices.Clone(g.predStart[:nw])
	for a := range nw {
		for k := g.succStart[a]; k < g.succStart[a+1]; k++ {
			b := g.succ[k]
			g.pred[fill[b]] = int32(a)
			g.predN[fill[b]] = g.succN[k]
			fill[b]++
		}
	}
	return g
}

const flogTabSize = 1 << 16

// flogTab[x] = x log x for small x.
var flogTab = func() *[flogTabSize]float64 {
	var t [flogTabSize]float64
	for i := 1; i < len(t); i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return &t
}()

// flog returns x log x (0 for 0). Small enough to be inlined.
func flog(x int32) float64 {
	if uint32(x) < flogTabSize {
		return flogTab[x]
	}
	return flogBig(x)
}

//go:noinline
func flogBig(x int32) float64 {
	f := float64(x)
	return f * math.Log(f)
}

// exchange holds the state of the exchange algorithm: the class of every
// word and the class bigram counts M (and its transpose MT, for row-wise
// access to columns), with C = K+2 classes: K movable ones, then the
// boundary class and the unknown-word class.
type exchange struct {
	g      *bigrams
	V, K   int
	C      int
	cls    []int32 // class of each word id (V+2 of them); -1 unplaced
	M, MT  []int32
	NL, NR []int32 // row and column sums of M
	moved  int

	// mergeHook, if set (by tests), sees the merge deltas of all active
	// pairs before each merge, with the current representatives.
	mergeHook func(act []int, D []float64, root []int32)

	// scratch for one word: its bigram counts with each class
	rAcc, lAcc   []int32
	rCls, lCls   []int32
	rCnt, lCnt   []int32
	self, nl, nr int32
	gains        []float64
}

func newExchange(g *bigrams, V, K int) *exchange {
	C := K + 2
	x := &exchange{g: g, V: V, K: K, C: C,
		cls: make([]int32, V+2),
		M:   make([]int32, C*C), MT: make([]int32, C*C),
		NL: make([]int32, C), NR: make([]int32, C),
		rAcc: make([]int32, C), lAcc: make([]int32, C),
		gains: make([]float64, K),
	}
	for i := range x.cls {
		x.cls[i] = -1
	}
	for _, w := range []int{V + boundOff, V + unkOff} {
		x.gather(w)
		b := int32(K + w - V)
		x.add(b)
		x.cls[w] = b
		x.clear()
	}
	return x
}

// gather collects the bigram counts of word w with the classes of its
// placed neighbours.
func (x *exchange) gather(w int) {
	g := x.g
	x.self, x.nl, x.nr = 0, 0, 0
	for k := g.succStart[w]; k < g.succStart[w+1]; k++ {
		v, n := g.succ[k], g.succN[k]
		if int(v) == w {
			x.self += n
			continue
		}
		c := x.cls[v]
		if c < 0 {
			continue
		}
		if x.rAcc[c] == 0 {
			x.rCls = append(x.rCls, c)
		}
		x.rAcc[c] += n
		x.nl += n
	}
	for k := g.predStart[w]; k < g.predStart[w+1]; k++ {
		u, n := g.pred[k], g.predN[k]
		if int(u) == w {
			continue
		}
		c := x.cls[u]
		if c < 0 {
			continue
		}
		if x.lAcc[c] == 0 {
			x.lCls = append(x.lCls, c)
		}
		x.lAcc[c] += n
		x.nr += n
	}
	x.nl += x.self
	x.nr += x.self
	for _, c := range x.rCls {
		x.rCnt = append(x.rCnt, x.rAcc[c])
	}
	for _, c := range x.lCls {
		x.lCnt = append(x.lCnt, x.lAcc[c])
	}
}

func (x *exchange) clear() {
	for _, c := range x.rCls {
		x.rAcc[c] = 0
	}
	for _, c := range x.lCls {
		x.lAcc[c] = 0
	}
	x.rCls, x.lCls = x.rCls[:0], x.lCls[:0]
	x.rCnt, x.lCnt = x.rCnt[:0], x.lCnt[:0]
}

// update adds (sign 1) or removes (sign -1) the gathered word to class a.
func (x *exchange) update(a int32, sign int32) {
	C := int32(x.C)
	for i, d := range x.rCls {
		n := sign * x.rCnt[i]
		x.M[a*C+d] += n
		x.MT[d*C+a] += n
		x.NR[d] += n
	}
	for i, c := range x.lCls {
		n := sign * x.lCnt[i]
		x.M[c*C+a] += n
		x.MT[a*C+c] += n
		x.NL[c] += n
	}
	x.M[a*C+a] += sign * x.self
	x.MT[a*C+a] += sign * x.self
	x.NL[a] += sign * x.nl
	x.NR[a] += sign * x.nr
}

func (x *exchange) add(a int32)    { x.update(a, 1) }
func (x *exchange) remove(a int32) { x.update(a, -1) }

// gain is the change of the objective if the gathered word (currently in
// no class) joins class b, up to a constant that does not depend on b.
func (x *exchange) gain(b int) float64 {
	C := x.C
	row := x.M[b*C : b*C+C]
	col := x.MT[b*C : b*C+C]
	var s float64
	rc := x.rCnt[:len(x.rCls)]
	for i, d := range x.rCls {
		m := row[d]
		s += flog(m+rc[i]) - flog(m)
	}
	lc := x.lCnt[:len(x.lCls)]
	for i, c := range x.lCls {
		m := col[c]
		s += flog(m+lc[i]) - flog(m)
	}
	m, rb, lb := row[b], x.rAcc[b], x.lAcc[b]
	s += flog(m+rb+lb+x.self) - flog(m+rb) - flog(m+lb) + flog(m)
	// Row and column sums: row b gains w's pairs (nl) and the pairs into w
	// from b itself (lb); every other row c gains lCnt[c] whatever b is,
	// so only its b-dependent part is counted here. Likewise for columns.
	s -= flog(x.NL[b]+x.nl+lb) - flog(x.NL[b]+lb)
	s -= flog(x.NR[b]+x.nr+rb) - flog(x.NR[b]+rb)
	return s
}

// pass visits the words in order and moves each to its best class. In the
// initial pass words are unplaced; the first K words each open a class.
func (x *exchange) pass(ctx context.Context, order []int32, initial bool) error {
	x.moved = 0
	for n, w32 := range order {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		w := int(w32)
		a := x.cls[w]
		x.gather(w)
		if a >= 0 {
			x.remove(a)
		}
		var best int32
		if initial && w < x.K {
			best = int32(w)
		} else {
			bg := math.Inf(-1)
			for b := range x.K {
				gb := x.gain(b)
				if gb > bg {
					bg, best = gb, int32(b)
				}
			}
			if a >= 0 && best != a {
				// Move only for a real improvement, so rounding cannot
				// make words oscillate.
				if ga := x.gain(int(a)); bg <= ga+1e-9*math.Abs(ga)+1e-9 {
					best = a
				}
			}
		}
		x.add(best)
		if a != best {
			x.moved++
		}
		x.cls[w] = best
		x.clear()
	}
	return nil
}

// perplexity is exp(-LL/N) of the class bigram model p(c|c') p(w|c) over
// the corpus, boundaries and unknown words included.
func (x *exchange) perplexity() float64 {
	var ll float64
	var total int64
	for _, m := range x.M {
		ll += flog(m)
		total += int64(m)
	}
	for c := range x.C {
		ll -= flog(x.NL[c]) + flog(x.NR[c])
	}
	g := x.g
	for w := 0; w < x.V+2; w++ {
		var nr int32
		for k := g.predStart[w]; k < g.predStart[w+1]; k++ {
			nr += g.predN[k]
		}
		ll += flog(nr)
	}
	return math.Exp(-ll / float64(max(total, 1)))
}

// merge merges the non-empty classes greedily, each time the pair whose
// merge loses the least likelihood (as Brown et al. do, but starting from
// the exchange classes), and returns for each level l the representative
// class of every class once want[l] clusters remain. The finest level is
// the exchange classes themselves.
func (x *exchange) merge(ctx context.Context, want [NumLevels]int) ([NumLevels][]int32, error) {
	K, C := x.K, x.C
	M, MT := x.M, x.MT
	var rep [NumLevels][]int32
	root := make([]int32, K)
	var act []int
	for c := range K {
		root[c] = int32(c)
		if x.NL[c] > 0 || x.NR[c] > 0 {
			act = append(act, c)
		}
	}
	save := func() []int32 { return slices.Clone(root) }
	rep[NumLevels-1] = save()
	// contexts: every class that can have counts.
	ctxs := func() []int {
		return append(slices.Clone(act), K+boundOff, K+unkOff)
	}
	D := make([]float64, K*K) // D[i*K+j], i < j: change of objective if i and j merge
	// F and FT cache flog of M and MT.
	F, FT := make([]float64, C*C), make([]float64, C*C)
	for i, m := range M {
		F[i] = flog(m)
	}
	for i, m := range MT {
		FT[i] = flog(m)
	}
	full := func(i, j int, ks []int) float64 {
		var s float64
		ri, rj := M[i*C:i*C+C], M[j*C:j*C+C]
		ci, cj := MT[i*C:i*C+C], MT[j*C:j*C+C]
		fri, frj := F[i*C:i*C+C], F[j*C:j*C+C]
		fci, fcj := FT[i*C:i*C+C], FT[j*C:j*C+C]
		for _, k := range ks {
			if k == i || k == j {
				continue
			}
			s += flog(ri[k]+rj[k]) - fri[k] - frj[k]
			s += flog(ci[k]+cj[k]) - fci[k] - fcj[k]
		}
		s += flog(ri[i]+ri[j]+rj[i]+rj[j]) - flog(ri[i]) - flog(ri[j]) - flog(rj[i]) - flog(rj[j])
		s -= flog(x.NL[i]+x.NL[j]) - flog(x.NL[i]) - flog(x.NL[j])
		s -= flog(x.NR[i]+x.NR[j]) - flog(x.NR[i]) - flog(x.NR[j])
		return s
	}
	ks := ctxs()
	for ai, i := range act {
		if ai%64 == 0 {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
		}
		for _, j := range act[ai+1:] {
			D[i*K+j] = full(i, j, ks)
		}
	}
	// gk adds sign * (the k-terms of D) to every pair not involving skip.
	fr := make([]float64, K)
	fc := make([]float64, K)
	gk := func(k int, sign float64, a, b int) {
		row, col := MT[k*C:k*C+C], M[k*C:k*C+C] // row[i] = M[i,k], col[i] = M[k,i]
		for _, i := range act {
			fr[i], fc[i] = flog(row[i]), flog(col[i])
		}
		for ai, i := range act {
			if i == a || i == b {
				continue
			}
			for _, j := range act[ai+1:] {
				if j == a || j == b {
					continue
				}
				D[i*K+j] += sign * (flog(row[i]+row[j]) - fr[i] - fr[j] + flog(col[i]+col[j]) - fc[i] - fc[j])
			}
		}
	}
	level := NumLevels - 2
	for level >= 0 && len(act) <= want[level] {
		rep[level] = save()
		level--
	}
	for level >= 0 {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if x.mergeHook != nil {
			x.mergeHook(act, D, root)
		}
		// The best pair.
		bi, bj, bd := -1, -1, math.Inf(-1)
		for ai, i := range act {
			for _, j := range act[ai+1:] {
				if d := D[i*K+j]; d > bd {
					bi, bj, bd = i, j, d
				}
			}
		}
		a, b := bi, bj
		gk(a, -1, a, b)
		gk(b, -1, a, b)
		// Merge b into a.
		for k := range C {
			M[a*C+k] += M[b*C+k]
			M[b*C+k] = 0
		}
		for k := range C {
			M[k*C+a] += M[k*C+b]
			M[k*C+b] = 0
		}
		for k := range C {
			MT[k*C+a] = M[a*C+k]
			MT[a*C+k] = M[k*C+a]
			MT[k*C+b] = 0
			MT[b*C+k] = 0
		}
		for k := range C {
			for _, i := range [...]int{a*C + k, k*C + a, b*C + k, k*C + b} {
				F[i] = flog(M[i])
				FT[i] = flog(MT[i])
			}
		}
		x.NL[a] += x.NL[b]
		x.NR[a] += x.NR[b]
		x.NL[b], x.NR[b] = 0, 0
		act = slices.DeleteFunc(act, func(c int) bool { return c == b })
		for c := range root {
			if root[c] == int32(b) {
				root[c] = int32(a)
			}
		}
		gk(a, +1, a, b)
		ks = ctxs()
		for _, j := range act {
			if j < a {
				D[j*K+a] = full(j, a, ks)
			} else if j > a {
				D[a*K+j] = full(a, j, ks)
			}
		}
		for level >= 0 && len(act) <= want[level] {
			rep[level] = save()
			level--
		}
	}
	return rep, nil
}

// number turns representatives into ids, numbered depth first with the
// larger clusters first, and returns the number of clusters per level.
// sizes are the token counts of the finest classes; empty ones get no id.
func number(rep [NumLevels][]int32, sizes []int32) (ids [NumLevels][]int32, levels [NumLevels]uint32) {
	K := len(sizes)
	size := make([]int64, K)
	var fine []int
	for c := range K {
		size[c] = int64(sizes[c])
		if sizes[c] > 0 {
			fine = append(fine, c)
		}
	}
	for l := range NumLevels {
		ids[l] = make([]int32, K)
		for c := range ids[l] {
			ids[l][c] = -1
		}
	}
	// clusterSize[l][r] = total size of the cluster with representative r.
	var csize [NumLevels][]int64
	for l := range NumLevels {
		csize[l] = make([]int64, K)
		for _, c := range fine {
			csize[l][rep[l][c]] += size[c]
		}
	}
	sorted := slices.Clone(fine)
	slices.SortStableFunc(sorted, func(a, b int) int {
		for l := range NumLevels {
			ra, rb := rep[l][a], rep[l][b]
			if ra == rb {
				continue
			}
			if c := cmp.Compare(csize[l][rb], csize[l][ra]); c != 0 {
				return c
			}
			return cmp.Compare(ra, rb)
		}
		return 0
	})
	for l := range NumLevels {
		next := int32(0)
		byRep := map[int32]int32{}
		for _, c := range sorted {
			r := rep[l][c]
			id, ok := byRep[r]
			if !ok {
				id = next
				next++
				byRep[r] = id
			}
			ids[l][c] = id
		}
		levels[l] = uint32(next)
	}
	return ids, levels
}
