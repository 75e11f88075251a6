package depparse

import (
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// Beam decoding scores transitions in the three parts of features, because
// most of a configuration's features are the same as another's:
//
//   - the pair features read only S0 and N0 (and the words after N0): a
//     beam holds many configurations with the same S0 and N0 (on EWT dev
//     8.9 configurations a word, 2.6 distinct pairs), so their weights are
//     summed once per sentence and pair, and cached;
//   - the role features read one word in a role (S0's head, N0's leftmost
//     child…): a word's weights in a role are summed once per sentence;
//   - the structural features, about a third, are scored afresh.
//
// The model's weights are integers (quantized), so the parts add up to
// exactly the score of all the features together: factoring changes no
// parse (TestScorerExact). On EWT dev the parser alone went from 48,800–
// 50,300 to 58,900–60,800 words/s (BenchmarkParse, beam=8). Greedy
// configurations seldom share S0 and N0, so greedy decoding scores all
// features at once.

// A beam also holds configurations that differ only in what no feature
// reads: deeper in the stack, or further from S0 and N0. Decoding caches
// the whole score of a configuration by everything its features read
// (confKey), for the rest of the sentence: on EWT dev 37% of the
// configurations the committed parser scores hit. With a guide tree
// (stacking), whose features read more, every configuration is scored.

// confKey is everything the transition features (without a guide tree)
// read of a configuration beyond the sentence's words: S0, N0 and the
// words in each role, the relations of S0 and of the words in its and
// N0's roles, the valencies and relation sets of S0 and N0, and the stack
// depth.
type confKey struct {
	ints [25]int32
	sets [3]uint64
}

func confKeyOf(st *state, at *positions) confKey {
	var k confKey
	k.ints[0], k.ints[1] = int32(at.s0), int32(at.n0)
	for r, i := range at.role {
		k.ints[2+r] = int32(i)
		if i != none {
			k.ints[2+numRoles+r] = int32(st.label[i])
		}
	}
	const o = 2 + 2*numRoles
	if s0 := at.s0; s0 != none {
		k.ints[o], k.ints[o+1], k.ints[o+2] = int32(st.label[s0]), int32(st.nl[s0]), int32(st.nr[s0])
		k.sets[0], k.sets[1] = st.ls[s0], st.rs[s0]
	}
	k.ints[o+3], k.sets[2] = int32(st.nl[at.n0]), st.ls[at.n0]
	k.ints[o+4] = int32(min(len(st.stack), 5))
	return k
}

func (k *confKey) slot() uint64 { return slotOf(k.ints[:], k.sets[:], confBits) }

// confBits sizes the cache of configuration scores: 2^10 slots (144 KiB).
const confBits = 10

type confSlot struct {
	key confKey
	gen uint32 // sentence the slot was filled for; 0: never
	w   [4]int32
}

// pairBits sizes the cache of pair weights: 2^10 slots (24 KiB) against
// about 2.6 pairs a word.
const pairBits = 10

// roleSlot holds a word's summed weights in a role, once computed.
type roleSlot struct {
	gen uint32 // sentence the slot was filled for; 0: never
	w   [4]int32
}

type pairSlot struct {
	gen    uint32 // sentence the slot was filled for; 0: never
	s0, n0 int32
	w      [4]int32
}

// scorer sums the transition weights of configurations of one sentence
// for decoding. It is working memory for one goroutine.
type scorer struct {
	memo  *pc.Memo
	toks  []token
	guide []int
	roles [numRoles][]roleSlot // word i's weights in each role at i+1, none at 0
	pairs []pairSlot
	confs []confSlot
	gen   uint32
	feats []uint64
}

// reset prepares s for a sentence described by toks, with the guide tree
// guide (nil without), scored by memo: it forgets the pairs and roles of
// the last sentence.
func (s *scorer) reset(memo *pc.Memo, toks []token, guide []int) {
	s.memo, s.toks, s.guide = memo, toks, guide
	if s.pairs == nil {
		s.pairs, s.confs = make([]pairSlot, 1<<pairBits), make([]confSlot, 1<<confBits)
	}
	s.gen++
	if s.gen == 0 { // wrapped: forget every slot
		clear(s.pairs)
		clear(s.confs)
		for r := range s.roles {
			clear(s.roles[r])
		}
		s.gen = 1
	}
	for r := range s.roles {
		if cap(s.roles[r]) < len(toks)+1 {
			s.roles[r] = make([]roleSlot, len(toks)+1)
		}
		s.roles[r] = s.roles[r][:len(toks)+1]
	}
}

// score sets s4 to the scores of the four transition kinds in st, in the
// units of Memo.Score.
func (s *scorer) score(st *state, s4 []float32) {
	at := positionsOf(st)
	var c *confSlot
	if s.guide == nil { // guide features read more than confKey
		key := confKeyOf(st, &at)
		c = &s.confs[key.slot()]
		if c.gen == s.gen && c.key == key {
			for k := range s4 {
				s4[k] = float32(c.w[k])
			}
			return
		}
		c.key, c.gen = key, s.gen
	}
	sum := s.pair(at.s0, at.n0, st.n)
	for r, i := range at.role {
		w := s.role(r, i)
		sum[0] += w[0]
		sum[1] += w[1]
		sum[2] += w[2]
		sum[3] += w[3]
	}
	s.feats = structFeatures(s.feats[:0], st, s.toks, s.guide, &at)
	s.memo.Add(s.feats, sum[:])
	if c != nil {
		c.w = sum
	}
	for k := range s4 {
		s4[k] = float32(sum[k])
	}
}

// pair returns the summed weights of the pair features of (s0, n0).
func (s *scorer) pair(s0, n0, n int) [4]int32 {
	h := (uint64(uint32(s0))<<32 | uint64(uint32(n0))) * 0x9e3779b97f4a7c15
	e := &s.pairs[h>>(64-pairBits)]
	if e.gen == s.gen && e.s0 == int32(s0) && e.n0 == int32(n0) {
		return e.w
	}
	var sum [4]int32
	s.feats = pairFeatures(s.feats[:0], s.toks, n, s0, n0)
	s.memo.Add(s.feats, sum[:])
	*e = pairSlot{gen: s.gen, s0: int32(s0), n0: int32(n0), w: sum}
	return sum
}

// role returns the summed weights of word i in role r: most words never
// take most roles, so they are summed when first needed.
func (s *scorer) role(r, i int) *[4]int32 {
	e := &s.roles[r][i+1]
	if e.gen != s.gen {
		e.gen, e.w = s.gen, [4]int32{}
		s.feats = roleFeatures(s.feats[:0], r, tokAt(s.toks, i))
		s.memo.Add(s.feats, e.w[:])
	}
	return &e.w
}
