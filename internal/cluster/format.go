package cluster

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// File format.
//
//	magic    8 bytes "dyadclus"
//	version  uint32, little endian
//	payload  one gzip member; its content depends on the version
//
// Version 1 payload, all integers unsigned varints:
//
//	info length, info bytes (UTF-8 provenance note, ≤ 64 KiB)
//	number of levels (= 4), then the number of classes of each level
//	number of words, then per word, most frequent first:
//	    key length (1..64), key bytes (normalised form, valid UTF-8),
//	    corpus count, one class id per level
//
// The order of the words matters: lowercase aliases point at the first
// word with a given lowercase form. Readers must keep accepting every
// version they ever wrote: add a case to Read for a new version, never
// change an old one.
const (
	magic          = "dyadclus"
	CurrentVersion = 1

	maxInfoLen = 64 << 10
	maxWords   = 1 << 19
	maxCount   = 1<<32 - 1
)

// ErrFormat is wrapped by every error Read returns for malformed input.
var ErrFormat = errors.New("cluster: malformed cluster file")

// WriteTo writes c in the current file format.
func (c *Clusters) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	var hdr [12]byte
	copy(hdr[:], magic)
	binary.LittleEndian.PutUint32(hdr[8:], CurrentVersion)
	if _, err := cw.Write(hdr[:]); err != nil {
		return cw.n, err
	}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, err
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	uv(uint64(len(c.info)))
	bw.WriteString(c.info)
	uv(NumLevels)
	for _, k := range c.levels {
		uv(uint64(k))
	}
	uv(uint64(c.words))
	for _, e := range c.ents[:c.words] {
		uv(uint64(e.n))
		bw.WriteString(c.keys[e.off : e.off+uint32(e.n)])
		uv(uint64(e.count))
		for _, id := range e.ids {
			uv(uint64(id))
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

type countWriter struct {
	w io.Writer
	n int64
}

func (cw *countWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}

// Read reads clusters written by WriteTo, in any version so far. Malformed
// or hostile input gives an error wrapping ErrFormat; Read never panics on
// it and its memory use is bounded by what the input really holds (at
// most about 100 MB however the payload decompresses).
func Read(r io.Reader) (*Clusters, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrFormat, err)
	}
	if string(hdr[:8]) != magic {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	switch v := binary.LittleEndian.Uint32(hdr[8:]); v {
	case 1:
		return readV1(r)
	default:
		return nil, fmt.Errorf("%w: unsupported version %d (this build reads up to %d)", ErrFormat, v, CurrentVersion)
	}
}

func readV1(r io.Reader) (*Clusters, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	zr.Multistream(false)
	br := bufio.NewReader(zr)
	fail := func(what string, err error) (*Clusters, error) {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrFormat, what, err)
		}
		return nil, fmt.Errorf("%w: %s", ErrFormat, what)
	}
	uv := func(max uint64) (uint64, error) {
		x, err := binary.ReadUvarint(br)
		if err != nil {
			return 0, err
		}
		if x > max {
			return 0, errors.New("value out of range")
		}
		return x, nil
	}

	n, err := uv(maxInfoLen)
	if err != nil {
		return fail("info length", err)
	}
	info := make([]byte, n)
	if _, err := io.ReadFull(br, info); err != nil {
		return fail("info", err)
	}
	if !utf8.Valid(info) {
		return fail("info is not UTF-8", nil)
	}
	nl, err := uv(16)
	if err != nil {
		return fail("levels", err)
	}
	if nl != NumLevels {
		return fail(fmt.Sprintf("%d levels, want %d", nl, NumLevels), nil)
	}
	var levels [NumLevels]uint32
	for l := range levels {
		k, err := uv(maxClasses)
		if err != nil {
			return fail("classes", err)
		}
		if k == 0 || (l > 0 && uint32(k) < levels[l-1]) {
			return fail("levels must be non-empty and coarse to fine", nil)
		}
		levels[l] = uint32(k)
	}
	nw, err := uv(maxWords)
	if err != nil {
		return fail("word count", err)
	}
	// Grow as the data arrives rather than trusting nw up front.
	ents := make([]entry, 0, min(nw, 1<<14))
	keys := make([]byte, 0, min(8*nw, 1<<17))
	// Nesting: the id at level l of every word in fine class f of level
	// l+1 must be the same; up[l][f] remembers it (+1, 0 = unseen).
	var up [NumLevels - 1][]uint32
	for l := range up {
		up[l] = make([]uint32, levels[l+1])
	}
	var kb [maxKeyLen]byte
	var nb [maxKeyLen]byte
	for range nw {
		kl, err := uv(maxKeyLen)
		if err != nil {
			return fail("key length", err)
		}
		if kl == 0 {
			return fail("empty key", nil)
		}
		key := kb[:kl]
		if _, err := io.ReadFull(br, key); err != nil {
			return fail("key", err)
		}
		if !utf8.Valid(key) {
			return fail("key is not UTF-8", nil)
		}
		// A key must be in normal form, or Lookup could never find it.
		if m, fits, _ := normalizeInto(&nb, string(key), false); !fits || string(nb[:m]) != string(key) {
			return fail(fmt.Sprintf("key %q is not normalised", key), nil)
		}
		cnt, err := uv(maxCount)
		if err != nil {
			return fail("count", err)
		}
		e := entry{off: uint32(len(keys)), n: uint8(kl), count: uint32(cnt)}
		for l := range e.ids {
			id, err := uv(uint64(levels[l]) - 1)
			if err != nil {
				return fail("class id", err)
			}
			e.ids[l] = uint16(id)
		}
		for l := range up {
			f, want := e.ids[l+1], uint32(e.ids[l])+1
			if up[l][f] == 0 {
				up[l][f] = want
			} else if up[l][f] != want {
				return fail("levels are not nested", nil)
			}
		}
		keys = append(keys, key...)
		ents = append(ents, e)
	}
	// Reading past the end makes gzip check its CRC and length.
	if _, err := br.ReadByte(); err != io.EOF {
		if err == nil {
			return fail("trailing data", nil)
		}
		return fail("trailer", err)
	}
	c, err := newClusters(levels, string(info), string(keys), ents)
	if err != nil {
		return fail(err.Error(), nil)
	}
	return c, nil
}
