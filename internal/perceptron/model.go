package perceptron

import (
	"bufio"
	"cmp"
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
// Features live in an open-addressing hash table whose slots hold the key
// and the place of the feature's weights, and the weights of a feature are
// stored together with their classes, so scoring a feature costs about two
// cache misses.
type Model struct {
	numClass int
	slots    []slot // power-of-two sized; key 0 marks an empty slot
	mask     uint64
	weights  []weight
	count    int
}

type slot struct {
	key uint64
	off uint32 // first weight in Model.weights
	n   uint32 // number of weights
}

type weight struct {
	class uint32
	w     float32
}

// NumClass is the number of classes the model scores.
func (m *Model) NumClass() int { return m.numClass }

// NumFeatures is the number of features with weights.
func (m *Model) NumFeatures() int { return m.count }

// NumWeights is the number of stored weights.
func (m *Model) NumWeights() int { return len(m.weights) }

// Score adds the weights of feats to scores (len NumClass).
func (m *Model) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		if f == 0 {
			f = 1
		}
		i := hashSlot(f) & m.mask
		for {
			sl := &m.slots[i]
			if sl.key == f {
				for _, w := range m.weights[sl.off : sl.off+sl.n] {
					scores[w.class] += w.w
				}
				break
			}
			if sl.key == 0 {
				break
			}
			i = (i + 1) & m.mask
		}
	}
}

func hashSlot(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

type builder struct {
	m *Model
}

func newBuilder(numClass, capacity int) *builder {
	size := 1
	for size < capacity*2+2 {
		size <<= 1
	}
	return &builder{m: &Model{
		numClass: numClass,
		slots:    make([]slot, size),
		mask:     uint64(size - 1),
	}}
}

// add inserts feature k with its class weights; an empty list is skipped
// and a repeated key keeps its first weights.
func (b *builder) add(k uint64, cls []uint8, ws []float32) bool {
	if len(cls) == 0 || len(cls) > 255 {
		return len(cls) == 0
	}
	if k == 0 {
		k = 1
	}
	m := b.m
	if (m.count+1)*2 > len(m.slots) {
		b.grow()
	}
	i := hashSlot(k) & m.mask
	for m.slots[i].key != 0 {
		if m.slots[i].key == k {
			return false
		}
		i = (i + 1) & m.mask
	}
	m.slots[i] = slot{key: k, off: uint32(len(m.weights)), n: uint32(len(cls))}
	for j, c := range cls {
		m.weights = append(m.weights, weight{uint32(c), ws[j]})
	}
	m.count++
	return true
}

// grow doubles the table and reinserts every key.
func (b *builder) grow() {
	m := b.m
	size := len(m.slots) * 2
	slots := make([]slot, size)
	mask := uint64(size - 1)
	for _, sl := range m.slots {
		if sl.key == 0 {
			continue
		}
		j := hashSlot(sl.key) & mask
		for slots[j].key != 0 {
			j = (j + 1) & mask
		}
		slots[j] = sl
	}
	m.slots, m.mask = slots, mask
}

func (b *builder) build() *Model { return b.m }

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
	recs := make([]slot, 0, m.count)
	for _, sl := range m.slots {
		if sl.key != 0 {
			recs = append(recs, sl)
		}
	}
	slices.SortFunc(recs, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	var buf [8]byte
	for _, r := range recs {
		binary.LittleEndian.PutUint64(buf[:], r.key)
		bw.Write(buf[:])
		ws := m.weights[r.off : r.off+r.n]
		bw.WriteByte(byte(len(ws)))
		for _, w := range ws {
			bw.WriteByte(byte(w.class))
		}
		for _, w := range ws {
			binary.LittleEndian.PutUint16(buf[:2], toHalf(w.w))
			bw.Write(buf[:2])
		}
	}
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
	// The table grows as records arrive, so a hostile count costs nothing.
	b := newBuilder(numClass, min(count, 1<<16))
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
			return nil, fmt.Errorf("perceptron model feature %d: duplicate key", i)
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

// Prune returns a copy of m without the weights whose magnitude is below
// min; features left without weights are dropped.
func (m *Model) Prune(min float32) *Model {
	b := newBuilder(m.numClass, m.count)
	var cls []uint8
	var ws []float32
	recs := make([]slot, 0, m.count)
	for _, sl := range m.slots {
		if sl.key != 0 {
			recs = append(recs, sl)
		}
	}
	slices.SortFunc(recs, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	for _, sl := range recs {
		cls, ws = cls[:0], ws[:0]
		for _, w := range m.weights[sl.off : sl.off+sl.n] {
			if w.w >= min || w.w <= -min {
				cls = append(cls, uint8(w.class))
				ws = append(ws, w.w)
			}
		}
		b.add(sl.key, cls, ws)
	}
	return b.build()
}
