package dedup

import (
	"slices"
	"sync"
)

// Index finds near-duplicates among the signatures added to it, in
// memory, through the same band keys a store would persist (see Bands).
// K is the caller's article id.
//
// The zero Index is empty and ready to use. An Index is safe for
// concurrent use.
type Index[K comparable] struct {
	mu      sync.RWMutex
	entries []entry[K]
	byID    map[K]int32        // the live entry of each id
	buckets map[uint64][]int32 // band key -> entries, in order of Add
}

// entry is one added signature; an id added again leaves its old entry
// dead.
type entry[K comparable] struct {
	id   K
	sig  Signature
	dead bool
}

// Add indexes sig under id. Adding an id again replaces its signature
// (the old one is no longer found, but keeps its memory).
func (x *Index[K]) Add(id K, sig Signature) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.byID == nil {
		x.byID = make(map[K]int32)
		x.buckets = make(map[uint64][]int32)
	}
	if old, ok := x.byID[id]; ok {
		x.entries[old].dead = true
	}
	n := int32(len(x.entries))
	x.entries = append(x.entries, entry[K]{id: id, sig: sig})
	x.byID[id] = n
	for _, k := range Bands(sig) {
		x.buckets[k] = append(x.buckets[k], n)
	}
}

// Len returns the number of ids in the index.
func (x *Index[K]) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byID)
}

// Candidates returns the ids whose signatures share a band key with sig,
// each once, in the order they were added: the pairs a store would fetch
// to confirm with Similarity. Most have a similarity near Threshold or
// above, but not all (see Bands).
func (x *Index[K]) Candidates(sig Signature) []K {
	x.mu.RLock()
	defer x.mu.RUnlock()
	pos := x.candidates(sig)
	ids := make([]K, len(pos))
	for i, p := range pos {
		ids[i] = x.entries[p].id
	}
	return ids
}

// Near returns the id of the most similar candidate of sig and its
// Similarity, if that reaches Threshold; of equally similar ones the first
// added. ok is false when no indexed signature is a near-duplicate.
func (x *Index[K]) Near(sig Signature) (id K, sim float64, ok bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	for _, p := range x.candidates(sig) {
		e := &x.entries[p]
		if s := Similarity(sig, e.sig); s >= Threshold && s > sim {
			id, sim, ok = e.id, s, true
		}
	}
	return id, sim, ok
}

// candidates returns the positions of the live entries that share a band
// key with sig, ascending; x.mu is held.
func (x *Index[K]) candidates(sig Signature) []int32 {
	var pos []int32
	for _, k := range Bands(sig) {
		pos = append(pos, x.buckets[k]...)
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	live := pos[:0]
	for _, p := range pos {
		if !x.entries[p].dead {
			live = append(live, p)
		}
	}
	return live
}
