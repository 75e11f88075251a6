package perceptron

// Memo holds copies of the slots of the features a model scored last (a
// feature's key and weights, or where its dense row is), in a small
// direct-mapped table that stays in the processor cache. Beam search
// scores the same features again and again (on EWT dev nine lookups in
// ten repeat one made earlier in the same sentence), and a hit in the
// memo costs no probe of the model's large table, whose cache misses are
// most of the time of scoring. Features the model lacks are remembered
// too, as slots without weights.
//
// A Memo is working memory for one goroutine; the Model it reads stays
// immutable and shared. Its entries are never stale: a model's weights
// do not change.
type Memo struct {
	m     *Model
	shift uint
	small []memoSmall // for models with small slots
	slots []slot      // for the others: copies of the model's slots
	acc   accum
}

type memoSmall struct {
	key uint64
	w   [smallClasses]int16
}

// NewMemo returns a memo of 1<<bits entries for m (16 bytes each for a
// model of at most four classes, else 32).
func (m *Model) NewMemo(bits int) *Memo {
	bits = min(max(bits, 4), 24)
	c := &Memo{m: m, shift: uint(64 - bits)}
	if m.small != nil {
		c.small = make([]memoSmall, 1<<bits)
	} else {
		c.slots = make([]slot, 1<<bits)
		w := rowWords(m.numClass)
		c.acc = accum{sums: make([]int32, m.numClass), even: make([]uint64, w), odd: make([]uint64, w)}
	}
	return c
}

// Model returns the model c remembers.
func (c *Memo) Model() *Model { return c.m }

func (c *Memo) index(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> c.shift }

// Score is Model.Score through the memo: it adds the weights of feats to
// scores, in the same units.
func (c *Memo) Score(feats []uint64, scores []float32) {
	if c.small != nil {
		var s [smallClasses]int32
		c.sumSmall(feats, &s)
		for k := range scores {
			scores[k] += float32(s[k])
		}
		return
	}
	c.sum(feats)
	c.acc.flush(scores)
}

// Add adds the weights of feats to sums (len NumClass) as exact integers,
// in the units of Score. Integer partial sums of one configuration's
// features, added up and converted once, give exactly the score Score
// gives for all of them: callers can cache the part of a score that
// several configurations share.
func (c *Memo) Add(feats []uint64, sums []int32) {
	if c.small != nil {
		var s [smallClasses]int32
		c.sumSmall(feats, &s)
		for k := range sums {
			sums[k] += s[k]
		}
		return
	}
	c.sum(feats)
	c.acc.flushInts(sums)
}

// sumSmall adds the weights of feats, for a model of small slots, to s.
func (c *Memo) sumSmall(feats []uint64, s *[smallClasses]int32) {
	var (
		keys [batch]uint64
		miss [batch]uint64 // features not in the memo
		idx  [batch]int
	)
	m := c.m
	for len(feats) > 0 {
		fs := nonzeros(&keys, feats)
		feats = feats[len(fs):]
		nm := 0
		for _, f := range fs {
			if e := &c.small[c.index(f)]; e.key == f {
				addSmall(s, &e.w)
			} else {
				miss[nm] = f
				nm++
			}
		}
		m.find(miss[:nm], idx[:nm])
		for j, f := range miss[:nm] {
			e := &c.small[c.index(f)]
			*e = memoSmall{key: f} // no weights unless found
			if i := idx[j]; i >= 0 {
				e.w = m.small[i].w
				addSmall(s, &e.w)
			}
		}
	}
}

// sum adds the weights of feats, for a model of large slots, to c.acc.
func (c *Memo) sum(feats []uint64) {
	var (
		keys [batch]uint64
		miss [batch]uint64 // features not in the memo
		idx  [batch]int
	)
	m := c.m
	a := &c.acc
	for len(feats) > 0 {
		fs := nonzeros(&keys, feats)
		feats = feats[len(fs):]
		nm := 0
		for _, f := range fs {
			if e := &c.slots[c.index(f)]; e.key == f {
				m.addSlot(a, e)
			} else {
				miss[nm] = f
				nm++
			}
		}
		m.find(miss[:nm], idx[:nm])
		for j, f := range miss[:nm] {
			e := &c.slots[c.index(f)]
			*e = slot{key: f} // no weights unless found
			if i := idx[j]; i >= 0 {
				*e = m.slots[i]
				m.addSlot(a, e)
			}
		}
	}
}
