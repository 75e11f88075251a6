// Package tag assigns Universal (UPOS) and Penn Treebank (XPOS) parts of
// speech to the words of a sentence.
//
// The tagger is a greedy left-to-right averaged perceptron over one joint
// class per (UPOS, XPOS) pair seen in training, so the two tag sets never
// disagree. Frequent words that are practically unambiguous in training are
// tagged from a dictionary without scoring. Features are the word, its
// affixes and shape, a window of two words each side, the two previous
// tags, the ambiguity classes of the word and its right neighbours, and
// word clusters (internal/cluster).
package tag

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/doc"
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// Pair is one joint tag.
type Pair struct{ UPOS, XPOS string }

// Tagger is a trained tagger: immutable and safe for concurrent use.
type Tagger struct {
	tags  []Pair
	dict  map[string]uint8  // exact form → tag, for unambiguous frequent words
	amb   map[uint64]uint64 // hash of lowercased form → ambiguity class
	cl    *cluster.Clusters // word clusters the features read, or nil
	model *pc.Model
	pool  sync.Pool // of *scratch
}

// prevVal is the feature value of a previous tag; boundary tags use
// values no class maps to.
func prevVal(class int) uint64 { return uint64(class) + 16 }

const noPrev = 1

// Tag sets UPOS and XPOS of every word of s.
func (t *Tagger) Tag(s *doc.Sentence) {
	sc, _ := t.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	t.tagWith(sc, s)
	t.pool.Put(sc)
}

// scratch is the per-call working memory of the tagger.
type scratch struct {
	words  []wordInfo
	feats  []uint64
	scores []float32
}

func (t *Tagger) tagWith(sc *scratch, s *doc.Sentence) {
	sc.words = describeSentence(sc.words, s, t.amb, t.cl)
	if cap(sc.scores) < len(t.tags) {
		sc.scores = make([]float32, len(t.tags))
	}
	scores := sc.scores[:len(t.tags)]
	p1, p2 := uint64(noPrev), uint64(noPrev)
	for i := range s.Words {
		c, ok := t.dict[s.Words[i].Form]
		if !ok {
			sc.feats = features(sc.feats[:0], sc.words, i, p1, p2)
			clear(scores)
			t.model.Score(sc.feats, scores)
			c = uint8(argmax(scores))
		}
		s.Words[i].UPOS, s.Words[i].XPOS = t.tags[c].UPOS, t.tags[c].XPOS
		p2, p1 = p1, prevVal(int(c))
	}
}

func argmax(s []float32) int {
	best := 0
	for i := 1; i < len(s); i++ {
		if s[i] > s[best] {
			best = i
		}
	}
	return best
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs int       // passes over the training data; the best on dev is kept
	Seed   uint64    // seeds the shuffling of sentences
	Log    io.Writer // progress lines, or nil
	// Clusters are word clusters from unlabeled text; the tagger must be
	// loaded with the same clusters.
	Clusters *cluster.Clusters
}

// Train learns a tagger from gold-tagged sentences, choosing the epoch
// that tags dev best. Training is deterministic for a given seed.
func Train(train, dev []doc.Sentence, opt TrainOptions) (*Tagger, error) {
	if len(train) == 0 {
		return nil, errors.New("train tagger: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	t := &Tagger{dict: make(map[string]uint8), cl: opt.Clusters}
	index := map[Pair]int{}
	for _, s := range train {
		for _, w := range s.Words {
			p := Pair{w.UPOS, w.XPOS}
			if _, ok := index[p]; !ok {
				index[p] = len(t.tags)
				t.tags = append(t.tags, p)
			}
		}
	}
	if len(t.tags) > 256 {
		return nil, fmt.Errorf("train tagger: %d tag pairs, at most 256", len(t.tags))
	}
	t.buildDict(train, index)
	t.amb = ambiguityClasses(train, index)

	tr := pc.NewTrainer(len(t.tags))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a67))
	var (
		sc       scratch
		best     *pc.Model
		bestAcc  = -1.0
		bestEpoc int
	)
	scores := make([]float32, len(t.tags))
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			s := &train[si]
			sc.words = describeSentence(sc.words, s, t.amb, t.cl)
			p1, p2 := uint64(noPrev), uint64(noPrev)
			for i := range s.Words {
				gold := index[Pair{s.Words[i].UPOS, s.Words[i].XPOS}]
				guess := gold
				if c, ok := t.dict[s.Words[i].Form]; ok {
					guess = int(c)
				} else {
					tr.Tick()
					sc.feats = features(sc.feats[:0], sc.words, i, p1, p2)
					clear(scores)
					tr.Score(sc.feats, scores)
					guess = argmax(scores)
					tr.Update(sc.feats, gold, guess)
				}
				if guess == gold {
					correct++
				}
				total++
				p2, p1 = p1, prevVal(guess)
			}
		}
		t.model = tr.Average(0)
		acc := t.accuracy(dev)
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "tagger epoch %d: train %.2f%%, dev %.2f%% (%d features)\n",
				epoch, 100*float64(correct)/float64(total), 100*acc, t.model.NumFeatures())
		}
		if acc > bestAcc || len(dev) == 0 {
			best, bestAcc, bestEpoc = t.model, acc, epoch
		}
	}
	t.model = best
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "tagger: kept epoch %d (dev %.2f%%)\n", bestEpoc, 100*bestAcc)
	}
	return t, nil
}

// buildDict records words seen at least 20 times with one tag at least
// 99% of the time.
func (t *Tagger) buildDict(train []doc.Sentence, index map[Pair]int) {
	counts := map[string]map[int]int{}
	for _, s := range train {
		for _, w := range s.Words {
			m := counts[w.Form]
			if m == nil {
				m = map[int]int{}
				counts[w.Form] = m
			}
			m[index[Pair{w.UPOS, w.XPOS}]]++
		}
	}
	for form, m := range counts {
		n, bestN, bestC := 0, 0, 0
		for c, k := range m {
			n += k
			if k > bestN || (k == bestN && c < bestC) {
				bestN, bestC = k, c
			}
		}
		if n >= 20 && float64(bestN) >= 0.99*float64(n) {
			t.dict[form] = uint8(bestC)
		}
	}
}

// ambiguityClasses maps every lowercased training form to a hash of the
// set of tags it was seen with: a cheap look at the tags of the words to
// the right, which a left-to-right tagger has not predicted yet.
func ambiguityClasses(train []doc.Sentence, index map[Pair]int) map[uint64]uint64 {
	counts := map[uint64]map[int]int{}
	for _, s := range train {
		for _, w := range s.Words {
			k := pc.HashLower(w.Form)
			m := counts[k]
			if m == nil {
				m = map[int]int{}
				counts[k] = m
			}
			m[index[Pair{w.UPOS, w.XPOS}]]++
		}
	}
	amb := make(map[uint64]uint64, len(counts))
	for k, m := range counts {
		n := 0
		for _, c := range m {
			n += c
		}
		if n < ambMinCount {
			continue
		}
		var cs []int
		for c, k := range m {
			if k*20 >= n {
				cs = append(cs, c)
			}
		}
		slices.Sort(cs)
		h := pc.Hash("amb")
		for _, c := range cs {
			h = pc.Mix(h, uint64(c)+1)
		}
		amb[k] = h
	}
	return amb
}

// ambMinCount is how often a word must occur for its ambiguity class to
// be trusted: rarer words would see their own training tag in it.
const ambMinCount = 10

// accuracy is the share of words of gold whose joint tag t predicts.
func (t *Tagger) accuracy(gold []doc.Sentence) float64 {
	a, _, _ := t.Accuracy(gold)
	return a
}

// Accuracy returns the joint, UPOS and XPOS accuracy of t on gold.
func (t *Tagger) Accuracy(gold []doc.Sentence) (joint, upos, xpos float64) {
	var sc scratch
	correct, total, cu, cx := 0, 0, 0, 0
	for _, g := range gold {
		s := doc.Sentence{Words: slices.Clone(g.Words)}
		t.tagWith(&sc, &s)
		for i := range s.Words {
			u, x := s.Words[i].UPOS == g.Words[i].UPOS, s.Words[i].XPOS == g.Words[i].XPOS
			if u && x {
				correct++
			}
			if u {
				cu++
			}
			if x {
				cx++
			}
			total++
		}
	}
	if total == 0 {
		return 0, 0, 0
	}
	n := float64(total)
	return float64(correct) / n, float64(cu) / n, float64(cx) / n
}

// fileFormat is the persisted tagger. Version 1 is the only one so far.
type fileFormat struct {
	Format  string
	Version int
	Tags    []Pair
	Dict    []DictEntry // sorted by form, so files are byte-for-byte reproducible
	Amb     []AmbEntry  // sorted by key
	Weights []byte      // a perceptron model
	// Clusters identifies the word clusters the tagger was trained with
	// ("" for none); Read refuses others.
	Clusters string
}

// AmbEntry is the ambiguity class of a word (by hash of its lowercased form).
type AmbEntry struct{ Word, Class uint64 }

// DictEntry is a word of the tag dictionary.
type DictEntry struct {
	Form string
	Tag  uint8
}

const (
	formatName     = "dyad-tagger"
	currentVersion = 1
)

// WriteTo writes the tagger in its versioned format.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	var wb bytes.Buffer
	if _, err := t.model.WriteTo(&wb); err != nil {
		return 0, fmt.Errorf("write tagger: %w", err)
	}
	dict := make([]DictEntry, 0, len(t.dict))
	for f, c := range t.dict {
		dict = append(dict, DictEntry{f, c})
	}
	slices.SortFunc(dict, func(a, b DictEntry) int { return strings.Compare(a.Form, b.Form) })
	amb := make([]AmbEntry, 0, len(t.amb))
	for k, v := range t.amb {
		amb = append(amb, AmbEntry{k, v})
	}
	slices.SortFunc(amb, func(a, b AmbEntry) int { return cmp.Compare(a.Word, b.Word) })
	var out bytes.Buffer
	err := gob.NewEncoder(&out).Encode(fileFormat{formatName, currentVersion, t.tags, dict, amb, wb.Bytes(), cluster.Fingerprint(t.cl)})
	if err != nil {
		return 0, fmt.Errorf("write tagger: %w", err)
	}
	n, err := w.Write(out.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("write tagger: %w", err)
	}
	return int64(n), nil
}

// Read loads a tagger written by WriteTo; cl must be the clusters it was
// trained with (nil for none).
func Read(r io.Reader, cl *cluster.Clusters) (*Tagger, error) {
	var f fileFormat
	if err := gob.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("read tagger: %w", err)
	}
	if f.Format != formatName {
		return nil, fmt.Errorf("read tagger: format %q, want %q", f.Format, formatName)
	}
	if f.Version < 1 || f.Version > currentVersion {
		return nil, fmt.Errorf("read tagger: unsupported version %d", f.Version)
	}
	if fp := cluster.Fingerprint(cl); fp != f.Clusters {
		return nil, fmt.Errorf("read tagger: trained with clusters %q, given %q", f.Clusters, fp)
	}
	m, err := pc.Read(bytes.NewReader(f.Weights))
	if err != nil {
		return nil, fmt.Errorf("read tagger: %w", err)
	}
	if m.NumClass() != len(f.Tags) || len(f.Tags) == 0 {
		return nil, fmt.Errorf("read tagger: %d classes for %d tags", m.NumClass(), len(f.Tags))
	}
	dict := make(map[string]uint8, len(f.Dict))
	for _, e := range f.Dict {
		if int(e.Tag) >= len(f.Tags) {
			return nil, fmt.Errorf("read tagger: dictionary word %q has tag %d of %d", e.Form, e.Tag, len(f.Tags))
		}
		dict[e.Form] = e.Tag
	}
	amb := make(map[uint64]uint64, len(f.Amb))
	for _, e := range f.Amb {
		amb[e.Word] = e.Class
	}
	return &Tagger{tags: f.Tags, dict: dict, amb: amb, cl: cl, model: m}, nil
}
