package depparse

// Relation choices are cached within a sentence. A beam holds several
// hypotheses that share most of their structure, and each surviving
// extension that adds an arc chooses its relation: on news text the same
// arc in the same surroundings is labelled again and again, and choosing
// costs some 44 features scored over 51 relations. labelFeatures reads
// only the configuration values in labelKey (and the sentence's words,
// fixed for the sentence), so a choice made once holds for every
// hypothesis with the same key: caching changes no parse.

// labelKey is everything labelFeatures reads of a configuration for the
// arc h → d added by a transition of kind.
type labelKey struct {
	ints [13]int32 // h, d, kind, lm[d], rm[d], their labels, label[h], head[h], b, s1, nl[d], nr[d]
	sets [4]uint64 // ls[d], rs[d], ls[h], rs[h]
}

// labelCacheBits sizes the cache: 2^9 slots (48 KiB) hold the distinct
// arcs of a sentence's beam (about 150 for 25 words).
const labelCacheBits = 9

type labelSlot struct {
	key   labelKey
	gen   uint32 // sentence the slot was filled for; 0: never
	label int32
}

// labelCache is a direct-mapped table of relation choices, valid for one
// sentence (gen) of one parser's decoding.
type labelCache struct {
	on    bool // decoding with fixed weights; training must not cache
	gen   uint32
	slots []labelSlot
}

// reset empties the cache for a new sentence and turns it on or off.
func (c *labelCache) reset(on bool) {
	c.on = on
	if !on {
		return
	}
	if c.slots == nil {
		c.slots = make([]labelSlot, 1<<labelCacheBits)
	}
	c.gen++
	if c.gen == 0 { // wrapped: forget every slot
		clear(c.slots)
		c.gen = 1
	}
}

func keyOf(st *state, h, d, kind int) labelKey {
	lab := func(i int) int32 {
		if i == none {
			return none
		}
		return int32(st.label[i])
	}
	s1 := none
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	dl, dr := st.lm[d], st.rm[d]
	return labelKey{
		ints: [13]int32{int32(h), int32(d), int32(kind), int32(dl), int32(dr), lab(dl), lab(dr), lab(h),
			int32(st.head[h]), int32(st.b), int32(s1), int32(st.nl[d]), int32(st.nr[d])},
		sets: [4]uint64{st.ls[d], st.rs[d], st.ls[h], st.rs[h]},
	}
}

func (k *labelKey) slot() uint64 { return slotOf(k.ints[:], k.sets[:], labelCacheBits) }

// slotOf hashes the values of a cache key to a slot of a table of 2^bits.
func slotOf(ints []int32, sets []uint64, bits int) uint64 {
	var x uint64
	for _, v := range ints {
		x = (x ^ uint64(uint32(v))) * 0x9e3779b97f4a7c15
	}
	for _, v := range sets {
		x = (x ^ v) * 0x9e3779b97f4a7c15
	}
	return x >> (64 - bits)
}

// get returns the cached relation for k, if any.
func (c *labelCache) get(k *labelKey) (int, bool) {
	s := &c.slots[k.slot()]
	if s.gen == c.gen && s.key == *k {
		return int(s.label), true
	}
	return 0, false
}

func (c *labelCache) put(k *labelKey, label int) {
	c.slots[k.slot()] = labelSlot{key: *k, gen: c.gen, label: int32(label)}
}
