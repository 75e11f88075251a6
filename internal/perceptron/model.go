package perceptron

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model is a trained, averaged perceptron: immutable and safe for
// concurrent use.
//
// Scoring is bound by memory latency, so the layout is built for it:
// features live in an open-addressing hash table of 32-byte slots that
// hold the key and, for most features, their weights too (up to inline of
// them, quantized to 16 bits), and Score looks up a batch of features in
// two passes so that the cache misses of one batch overlap. Large tables
// live on huge pages where the system allows (newTable), so that probes
// miss the cache but seldom the TLB.
type Model struct {
	numClass int
	slots    []slot      // power-of-two sized; key 0 marks an empty slot
	small    []smallSlot // instead of slots when numClass ≤ smallClasses
	mask     uint64
	overflow []weight // weights of features with more than inline of them
	rows     []uint64 // packed weight rows of features with weights for many classes (see accum)
	scale    float32  // true weight = quantized weight × scale
	count    int
	nweights int
}

const inline = 5

type slot struct {
	key   uint64
	off   uint32 // first weight in overflow, or first word of a row in rows
	n     uint8
	dense bool // the weights are a full row in Model.rows
	cls   [inline]uint8
	w     [inline]int16
}

// smallSlot is the 16-byte slot of a model of at most smallClasses
// classes (the parser's transition model): a full row inline, four slots
// to a cache line.
type smallSlot struct {
	key uint64
	w   [smallClasses]int16
}

const smallClasses = 4

type weight struct {
	class uint8
	w     int16
}

// NumClass is the number of classes the model scores.
func (m *Model) NumClass() int { return m.numClass }

// Scale is the true weight of one unit of the scores Score adds.
func (m *Model) Scale() float32 { return m.scale }

// NumFeatures is the number of features with weights.
func (m *Model) NumFeatures() int { return m.count }

// NumWeights is the number of stored weights.
func (m *Model) NumWeights() int { return m.nweights }

// Score adds the weights of feats to scores (len NumClass). Scores are in
// the model's quantized units: proportional to the true weights, which is
// all that ranking classes needs.
func (m *Model) Score(feats []uint64, scores []float32) {
	var (
		keys [batch]uint64
		idx  [batch]int
	)
	if m.small != nil {
		var s [smallClasses]int32
		for len(feats) > 0 {
			fs := nonzeros(&keys, feats)
			feats = feats[len(fs):]
			m.find(fs, idx[:len(fs)])
			for _, i := range idx[:len(fs)] {
				if i >= 0 {
					addSmall(&s, &m.small[i].w)
				}
			}
		}
		for c := range scores {
			scores[c] += float32(s[c])
		}
		return
	}
	var (
		sums      [256]int32
		even, odd [64]uint64
	)
	w := rowWords(m.numClass)
	a := accum{sums: sums[:len(scores)], even: even[:w], odd: odd[:w]}
	for len(feats) > 0 {
		fs := nonzeros(&keys, feats)
		feats = feats[len(fs):]
		m.find(fs, idx[:len(fs)])
		for _, i := range idx[:len(fs)] {
			if i >= 0 {
				m.addSlot(&a, &m.slots[i])
			}
		}
	}
	a.flush(scores)
}

// batch is the number of features looked up together.
const batch = 32

// nonzeros copies up to batch keys of feats into buf, as nonzero keys,
// and returns them.
func nonzeros(buf *[batch]uint64, feats []uint64) []uint64 {
	fs := buf[:min(batch, len(feats))]
	for j := range fs {
		fs[j] = nonzero(feats[j])
	}
	return fs
}

// find sets idx[j] to the index of the slot of key fs[j] (nonzero) in
// m's table, or -1 if m lacks the feature. It makes every first load
// before any probing, so that the cache misses of a batch overlap.
func (m *Model) find(fs []uint64, idx []int) {
	var keys [batch]uint64
	if m.small != nil {
		for j, f := range fs {
			i := hashSlot(f) & m.mask
			idx[j], keys[j] = int(i), m.small[i].key
		}
		for j, f := range fs {
			i, k := uint64(idx[j]), keys[j]
			for k != f && k != 0 {
				i = (i + 1) & m.mask
				k = m.small[i].key
			}
			idx[j] = found(i, k)
		}
		return
	}
	for j, f := range fs {
		i := hashSlot(f) & m.mask
		idx[j], keys[j] = int(i), m.slots[i].key
	}
	for j, f := range fs {
		i, k := uint64(idx[j]), keys[j]
		for k != f && k != 0 {
			i = (i + 1) & m.mask
			k = m.slots[i].key
		}
		idx[j] = found(i, k)
	}
}

// found is the result of a probe that stopped at slot i holding key k.
func found(i, k uint64) int {
	if k == 0 {
		return -1
	}
	return int(i)
}

// addSmall adds a small slot's weights to s.
func addSmall(s *[smallClasses]int32, w *[smallClasses]int16) {
	s[0] += int32(w[0])
	s[1] += int32(w[1])
	s[2] += int32(w[2])
	s[3] += int32(w[3])
}

// addSlot adds the weights of sl to a.
func (m *Model) addSlot(a *accum, sl *slot) {
	switch {
	case sl.dense:
		a.addRow(m.rows[sl.off : int(sl.off)+len(a.even)])
	case sl.n <= inline:
		for c := range sl.n {
			a.sums[sl.cls[c]] += int32(sl.w[c])
		}
	default:
		for _, w := range m.overflow[sl.off : sl.off+uint32(sl.n)] {
			a.sums[w.class] += int32(w.w)
		}
	}
}

// nonzero maps key 0, which marks empty slots, to 1.
func nonzero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func hashSlot(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// builder collects features and their weights, in increasing key order,
// and builds a Model. It keeps them compactly: a model is built once per
// load, and the garbage of building is the peak memory of a process.
type builder struct {
	numClass int
	keys     []uint64
	n        []uint8
	cls      []uint8
	ws       []float32
}

// newBuilder returns a builder sized for features features of weights
// weights in all; the sizes are hints.
func newBuilder(numClass, features, weights int) *builder {
	return &builder{numClass: numClass, keys: make([]uint64, 0, features), n: make([]uint8, 0, features),
		cls: make([]uint8, 0, weights), ws: make([]float32, 0, weights)}
}

// add records feature k with its class weights; an empty list is skipped.
// Keys must come in increasing order (which also rules out duplicates);
// key 0 is stored as 1 (see nonzero).
func (b *builder) add(k uint64, cls []uint8, ws []float32) bool {
	if len(cls) == 0 || len(cls) > 255 {
		return len(cls) == 0
	}
	k = nonzero(k)
	if len(b.keys) > 0 && k <= b.keys[len(b.keys)-1] {
		return false
	}
	b.keys = append(b.keys, k)
	b.n = append(b.n, uint8(len(cls)))
	b.cls = append(b.cls, cls...)
	b.ws = append(b.ws, ws...)
	return true
}

func (b *builder) build() *Model {
	m := &Model{numClass: b.numClass, count: len(b.keys), nweights: len(b.ws)}
	size := 16
	for size*3 < len(b.keys)*4 { // load factor at most 3/4
		size <<= 1
	}
	m.mask = uint64(size - 1)
	if m.numClass <= smallClasses {
		m.small = newTable[smallSlot](m, size)
	} else {
		m.slots = newTable[slot](m, size)
	}
	maxW := float32(0)
	for _, w := range b.ws {
		maxW = max(maxW, w, -w)
	}
	m.scale = 1
	if maxW > 0 {
		m.scale = maxW / 32767
	}
	q := func(w float32) int16 {
		v := w / m.scale
		if v >= 0 {
			return int16(min(v+0.5, 32767))
		}
		return int16(max(v-0.5, -32767))
	}
	off := 0
	row := make([]int16, m.numClass)
	for j, k := range b.keys {
		cls, ws := b.cls[off:off+int(b.n[j])], b.ws[off:off+int(b.n[j])]
		off += int(b.n[j])
		if m.small != nil {
			i := hashSlot(k) & m.mask
			for m.small[i].key != 0 {
				i = (i + 1) & m.mask
			}
			m.small[i].key = k
			for c := range cls {
				m.small[i].w[cls[c]] = q(ws[c])
			}
			continue
		}
		i := hashSlot(k) & m.mask
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		sl := &m.slots[i]
		sl.key, sl.n = k, uint8(len(cls))
		if len(cls) <= inline {
			for c := range cls {
				sl.cls[c], sl.w[c] = cls[c], q(ws[c])
			}
			continue
		}
		if len(cls)*denseShare >= m.numClass {
			sl.dense, sl.off = true, uint32(len(m.rows))
			clear(row)
			for c := range cls {
				row[cls[c]] = q(ws[c])
			}
			m.rows = packRow(m.rows, row)
			continue
		}
		sl.off = uint32(len(m.overflow))
		for c := range cls {
			m.overflow = append(m.overflow, weight{cls[c], q(ws[c])})
		}
	}
	if len(m.rows) > 0 {
		rows := newTable[uint64](m, len(m.rows))
		copy(rows, m.rows)
		m.rows = rows
	}
	return m
}

// A feature with weights for at least 1/denseShare of the classes keeps
// them in a full row: adding a row without indirection is faster than
// adding the sparse weights one by one.
const denseShare = 4

// Prune returns a model without the features whose every weight is below
// share of the model's largest weight, in magnitude; the weights kept are
// unchanged. Most features of a large model are seen a few times in
// training and end with tiny averaged weights: they barely move a score,
// and dropping them shrinks the table that scoring probes.
func (m *Model) Prune(share float32) *Model {
	limit := share * 32767 * m.scale // largest true weight = 32767 × scale
	b := newBuilder(m.numClass, m.count, m.nweights)
	m.each(func(k uint64, cls []uint8, ws []float32) {
		for _, w := range ws {
			if w >= limit || -w >= limit {
				b.add(k, cls, ws)
				return
			}
		}
	})
	p := b.build()
	if p.count == 0 {
		return m
	}
	return p
}

// each calls f with every feature's key and weights, in key order.
func (m *Model) each(f func(k uint64, cls []uint8, ws []float32)) {
	keys := make([]uint64, 0, m.count)
	pos := make(map[uint64]int, m.count)
	for i, sl := range m.slots {
		if sl.key != 0 {
			keys = append(keys, sl.key)
			pos[sl.key] = i
		}
	}
	for i, sl := range m.small {
		if sl.key != 0 {
			keys = append(keys, sl.key)
			pos[sl.key] = i
		}
	}
	slices.Sort(keys)
	cls := make([]uint8, 0, 256)
	ws := make([]float32, 0, 256)
	for _, k := range keys {
		if m.small != nil {
			cls, ws = cls[:0], ws[:0]
			for c, w := range m.small[pos[k]].w {
				if w != 0 && c < m.numClass {
					cls = append(cls, uint8(c))
					ws = append(ws, float32(w)*m.scale)
				}
			}
			f(k, cls, ws)
			continue
		}
		sl := &m.slots[pos[k]]
		cls, ws = cls[:0], ws[:0]
		if sl.dense {
			row := m.rows[sl.off : int(sl.off)+rowWords(m.numClass)]
			for c := range m.numClass {
				if w := unpackRow(row, c); w != 0 {
					cls = append(cls, uint8(c))
					ws = append(ws, float32(w)*m.scale)
				}
			}
		} else if sl.n <= inline {
			for c := range sl.n {
				cls = append(cls, sl.cls[c])
				ws = append(ws, float32(sl.w[c])*m.scale)
			}
		} else {
			for _, w := range m.overflow[sl.off : sl.off+uint32(sl.n)] {
				cls = append(cls, w.class)
				ws = append(ws, float32(w.w)*m.scale)
			}
		}
		f(k, cls, ws)
	}
}

// Binary format, inside gzip:
//
//	magic "DYPC", version uint32, numClass uint32, count uint32,
//	then count records: key uint64, n uint8, n × class uint8, n × weight.
//
// Version 1 stores weights as float32 bits; version 2 as float16
// (IEEE binary16) bits, which halves the size at no measurable cost.
const (
	magic          = "DYPC"
	version1       = 1
	version2       = 2
	currentVersion = version2
	maxCount       = 1 << 26
)

// WriteTo writes the model in the current format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var hdr [12]byte
	binary.LittleEndian.PutUint32(hdr[0:], currentVersion)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(m.numClass))
	binary.LittleEndian.PutUint32(hdr[8:], uint32(m.count))
	bw.Write(hdr[:])
	// Records in key order make the file deterministic.
	var buf [8]byte
	m.each(func(k uint64, cls []uint8, ws []float32) {
		binary.LittleEndian.PutUint64(buf[:], k)
		bw.Write(buf[:])
		bw.WriteByte(byte(len(cls)))
		bw.Write(cls)
		for _, w := range ws {
			binary.LittleEndian.PutUint16(buf[:2], toHalf(w))
			bw.Write(buf[:2])
		}
	})
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// Read loads a model written by WriteTo in any known version.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	var hdr [16]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("perceptron model header: %w", err)
	}
	if string(hdr[:4]) != magic {
		return nil, errors.New("perceptron model: bad magic")
	}
	ver := binary.LittleEndian.Uint32(hdr[4:])
	numClass := int(binary.LittleEndian.Uint32(hdr[8:]))
	count := int(binary.LittleEndian.Uint32(hdr[12:]))
	if ver != version1 && ver != version2 {
		return nil, fmt.Errorf("perceptron model: unknown version %d", ver)
	}
	if numClass < 1 || numClass > 256 || count < 0 || count > maxCount {
		return nil, fmt.Errorf("perceptron model: bad header (classes %d, features %d)", numClass, count)
	}
	// Sized from the header only up to a bound: a corrupt or hostile count
	// must not make a few bytes of input allocate much (at 2^22 features
	// every failed read cost over 100 MB); larger models grow as they load.
	b := newBuilder(numClass, min(count, 1<<16), min(4*count, 1<<18))
	var buf [8]byte
	cls := make([]uint8, 0, 256)
	ws := make([]float32, 0, 256)
	for i := 0; i < count; i++ {
		if _, err := io.ReadFull(br, buf[:8]); err != nil {
			return nil, fmt.Errorf("perceptron model feature %d: %w", i, err)
		}
		k := binary.LittleEndian.Uint64(buf[:])
		n, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("perceptron model feature %d: %w", i, err)
		}
		cls = cls[:n]
		if _, err := io.ReadFull(br, cls); err != nil {
			return nil, fmt.Errorf("perceptron model feature %d: %w", i, err)
		}
		ws = ws[:0]
		for j := 0; j < int(n); j++ {
			if int(cls[j]) >= numClass {
				return nil, fmt.Errorf("perceptron model feature %d: class %d out of range", i, cls[j])
			}
			switch ver {
			case version1:
				if _, err := io.ReadFull(br, buf[:4]); err != nil {
					return nil, fmt.Errorf("perceptron model feature %d: %w", i, err)
				}
				ws = append(ws, math.Float32frombits(binary.LittleEndian.Uint32(buf[:4])))
			default:
				if _, err := io.ReadFull(br, buf[:2]); err != nil {
					return nil, fmt.Errorf("perceptron model feature %d: %w", i, err)
				}
				ws = append(ws, fromHalf(binary.LittleEndian.Uint16(buf[:2])))
			}
		}
		if !b.add(k, cls, ws) {
			return nil, fmt.Errorf("perceptron model feature %d: key out of order", i)
		}
	}
	return b.build(), nil
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
