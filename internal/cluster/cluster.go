// Package cluster induces word clusters from unlabeled text and looks them
// up, for use as features for rare and unseen words in the tagger and
// parser (after Koo, Carreras & Collins 2008, who used Brown clusters).
//
// Induction (see Induce and docs/clusters.md) runs the exchange algorithm
// of Kneser & Ney (1993) and Martin, Liermann & Ney (1998) on the
// two-sided class-bigram likelihood — the objective of Brown et al. (1992)
// — at the finest granularity, then merges those classes greedily under
// the same objective to get coarser, nested granularities. Each word thus
// has one id per level, coarse to fine, much like prefixes of a Brown bit
// string.
//
// Words are normalised before they are counted and before they are looked
// up: every ASCII digit becomes '0' (so "11,000" and "25,300" are one word,
// "00,000") and curly quotes become straight ones.
package cluster

import (
	"fmt"
	"hash/maphash"
	"unicode"
	"unicode/utf8"
)

// NumLevels is the number of granularities a Clusters holds.
const NumLevels = 4

// maxKeyLen is the longest normalised word, in bytes, that can have a
// cluster. Longer tokens (URLs, junk) are never in the vocabulary.
const maxKeyLen = 64

// maxClasses bounds the number of classes of one level.
const maxClasses = 1 << 16

// Clusters maps words to cluster ids at NumLevels granularities, coarse to
// fine. The levels are nested: two words with the same id at one level
// have the same id at every coarser level. Ids at level l run from 0 to
// Levels()[l]-1 and are numbered depth first, so the fine ids under one
// coarse cluster are contiguous.
//
// A Clusters is immutable and safe for concurrent use.
type Clusters struct {
	levels [NumLevels]uint32 // number of classes per level
	info   string            // provenance note stored in the file

	keys  string  // all keys, concatenated
	ents  []entry // words first (in file order), then lowercase aliases
	words int     // ents[:words] are words; the rest are aliases

	seed  maphash.Seed
	slots []uint32 // open addressing: 0 empty, else index into ents + 1
	mask  uint64
}

type entry struct {
	off   uint32
	n     uint8
	ids   [NumLevels]uint16
	count uint32 // corpus count of the word (aliases: of the word aliased)
}

// Levels returns the number of classes at each level, coarse to fine.
func (c *Clusters) Levels() [NumLevels]uint32 { return c.levels }

// Len returns the number of words with clusters (not counting the
// lowercase aliases that Lookup also finds).
func (c *Clusters) Len() int { return c.words }

// Info returns the provenance note recorded at induction.
func (c *Clusters) Info() string { return c.info }

// Lookup returns the cluster ids of word, coarse to fine. It tries the
// exact (normalised) form first, then the lowercased form; a lowercase
// form that was never seen lowercase in the corpus falls back to its most
// frequent cased variant ("IRAN" → "iran" → "Iran"). It does not allocate.
func (c *Clusters) Lookup(word string) (ids [NumLevels]uint32, ok bool) {
	i, ok := c.find(word)
	if !ok {
		return ids, false
	}
	e := &c.ents[i]
	for l := range ids {
		ids[l] = uint32(e.ids[l])
	}
	return ids, true
}

// Count returns the corpus count of word, under the same matching as
// Lookup, or 0.
func (c *Clusters) Count(word string) int {
	i, ok := c.find(word)
	if !ok {
		return 0
	}
	return int(c.ents[i].count)
}

func (c *Clusters) find(word string) (int, bool) {
	if c == nil || len(c.slots) == 0 || len(word) > 4*maxKeyLen {
		return 0, false
	}
	var buf [maxKeyLen]byte
	n, fits, _ := normalizeInto(&buf, word, false)
	if fits {
		if i, ok := c.probe(buf[:n]); ok {
			return i, true
		}
	}
	n, fits, changed := normalizeInto(&buf, word, true)
	if !fits || !changed {
		return 0, false
	}
	return c.probe(buf[:n])
}

func (c *Clusters) probe(key []byte) (int, bool) {
	h := maphash.Bytes(c.seed, key)
	for j := h & c.mask; ; j = (j + 1) & c.mask {
		s := c.slots[j]
		if s == 0 {
			return 0, false
		}
		e := &c.ents[s-1]
		if int(e.n) == len(key) && c.keys[e.off:e.off+uint32(e.n)] == string(key) {
			return int(s - 1), true
		}
	}
}

// normRune maps one rune to its normalised form: ASCII digits to '0',
// curly single and double quotes to straight ones and, if lower, letters
// to lower case.
func normRune(r rune, lower bool) rune {
	switch {
	case '0' <= r && r <= '9':
		return '0'
	case r < utf8.RuneSelf:
		if lower && 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u2032':
		return '\''
	case r == '\u201C' || r == '\u201D' || r == '\u201E' || r == '\u2033':
		return '"'
	}
	if lower {
		return unicode.ToLower(r)
	}
	return r
}

// normalizeInto writes the normalised form of s into buf. fits is false if
// it does not fit (the word then has no cluster). With lower set, changed
// reports whether lowercasing changed any rune (if not, the lowercase
// lookup would repeat the exact one).
func normalizeInto(buf *[maxKeyLen]byte, s string, lower bool) (n int, fits, changed bool) {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			// ASCII fast path, as normRune.
			switch {
			case '0' <= b && b <= '9':
				b = '0'
			case lower && 'A' <= b && b <= 'Z':
				b += 'a' - 'A'
				changed = true
			}
			if n >= maxKeyLen {
				return n, false, changed
			}
			buf[n] = b
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = normRune(r, false)
		if lower {
			if lr := unicode.ToLower(r); lr != r {
				r, changed = lr, true
			}
		}
		if n+utf8.RuneLen(r) > maxKeyLen {
			return n, false, changed
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	return n, true, changed
}

// Normalize returns the form under which word is counted and looked up:
// ASCII digits become '0' and curly quotes straight ones. Invalid UTF-8
// becomes U+FFFD.
func Normalize(word string) string {
	return string(appendNorm(nil, word, false))
}

func appendNorm(dst []byte, s string, lower bool) []byte {
	for _, r := range s {
		dst = utf8.AppendRune(dst, normRune(r, lower))
	}
	return dst
}

// newClusters builds the lookup table. ents holds the words in file order
// (most frequent first), with off/n pointing into keys; lowercase aliases
// are added here for every lowercase form that is not itself a word,
// pointing at the first (most frequent) word with that lowercase form.
func newClusters(levels [NumLevels]uint32, info, keys string, ents []entry) (*Clusters, error) {
	c := &Clusters{levels: levels, info: info, words: len(ents), seed: maphash.MakeSeed()}
	size := 16
	for size < 2*len(ents)+2 {
		size *= 2
	}
	c.slots = make([]uint32, size)
	c.mask = uint64(size - 1)
	c.keys = keys
	c.ents = ents
	for i := range ents {
		if !c.insert(i) {
			e := ents[i]
			return nil, fmt.Errorf("duplicate key %q", keys[e.off:e.off+uint32(e.n)])
		}
	}
	// Lowercase aliases, found after all words are in so that a word
	// always wins over an alias.
	var extra []byte
	var aliases []entry
	pending := map[string]bool{}
	var buf [maxKeyLen]byte
	for i := range c.words {
		e := ents[i]
		n, fits, changed := normalizeInto(&buf, keys[e.off:e.off+uint32(e.n)], true)
		if !fits || !changed {
			continue
		}
		if _, ok := c.probe(buf[:n]); ok {
			continue
		}
		if pending[string(buf[:n])] {
			continue
		}
		pending[string(buf[:n])] = true
		a := e
		a.off = uint32(len(keys) + len(extra))
		a.n = uint8(n)
		extra = append(extra, buf[:n]...)
		aliases = append(aliases, a)
	}
	if len(aliases) > 0 {
		c.keys = keys + string(extra)
		c.ents = append(ents[:len(ents):len(ents)], aliases...)
		for size < 2*len(c.ents)+2 {
			size *= 2
		}
		c.slots = make([]uint32, size)
		c.mask = uint64(size - 1)
		for i := range c.ents {
			c.insert(i)
		}
	}
	return c, nil
}

// insert adds ents[i] to the table; false if its key is already there.
func (c *Clusters) insert(i int) bool {
	e := &c.ents[i]
	key := c.keys[e.off : e.off+uint32(e.n)]
	h := maphash.String(c.seed, key)
	for j := h & c.mask; ; j = (j + 1) & c.mask {
		s := c.slots[j]
		if s == 0 {
			c.slots[j] = uint32(i + 1)
			return true
		}
		o := &c.ents[s-1]
		if c.keys[o.off:o.off+uint32(o.n)] == key {
			return false
		}
	}
}
