package geo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"

	"github.com/dyadproject/dyad/internal/models"
)

// The compiled gazetteer file (docs/geo.md, "Gazetteer"): the 8-byte magic
// "dyadgazt", the format version as a little-endian uint32, the body, and
// the CRC-32C (Castagnoli) of the body as a little-endian uint32. The body
// is uncompressed (gzip would save 40% of the file but double the load
// time) and is a sequence of uvarints (u), varints and strings (u length +
// bytes):
//
//	u countries, each a string (ISO alpha-3)
//	u regions, each a string (the first is "")
//	u features, each two strings (class, code)
//	string: the display names of the places, concatenated
//	u places, each: varint id, varint lat, varint lon (1e-5 degrees),
//	  u population, u name length, u country, u region, u feature
//	u keys, u bytes of all keys, u postings in all
//	each key, sorted and distinct: u bytes shared with the previous key,
//	  string: the rest, u places, each u place index (in Lookup's order)
//
// Version 1 is the first. A new version gets a new number and Read keeps
// reading the old ones.
const (
	magic = "dyadgazt"
	// CurrentVersion is the format version WriteTo writes.
	CurrentVersion = 1

	maxFileSize = 1 << 30 // decompressed body
)

// ErrFormat is wrapped by every error Read returns for malformed input.
var ErrFormat = errors.New("geo: malformed gazetteer file")

// EmbeddedFile is the name of the compiled gazetteer among the embedded
// models (internal/models).
const EmbeddedFile = "gazetteer.bin"

// Embedded reads the gazetteer compiled into the binary. Each call reads
// it anew (about 50 ms, docs/geo.md): callers keep the result and share it,
// it is safe for concurrent use.
func Embedded() (*Gazetteer, error) {
	data, err := models.FS.ReadFile(EmbeddedFile)
	if err != nil {
		return nil, fmt.Errorf("geo: the embedded gazetteer: %w (rebuild it with dyad train gazetteer)", err)
	}
	g, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("geo: the embedded gazetteer: %w", err)
	}
	return g, nil
}

// WriteTo writes g in the current file format.
func (g *Gazetteer) WriteTo(w io.Writer) (int64, error) {
	// The file is put together in memory (about 10 MB), then written.
	bw := bytes.NewBuffer(make([]byte, 0, len(g.names)+len(g.keys)+16*len(g.recs)+4*len(g.post)))
	bw.WriteString(magic)
	bw.Write(binary.LittleEndian.AppendUint32(nil, CurrentVersion))
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }

	uv(uint64(len(g.countries)))
	for _, s := range g.countries {
		str(s)
	}
	uv(uint64(len(g.admin1)))
	for _, s := range g.admin1 {
		str(s)
	}
	uv(uint64(len(g.feats)))
	for _, f := range g.feats {
		str(f.class)
		str(f.code)
	}
	// Names in record order, so that offsets are implied by lengths.
	var nb strings.Builder
	for _, r := range g.recs {
		nb.WriteString(g.names[r.nameOff : r.nameOff+uint32(r.nameLen)])
	}
	str(nb.String())
	uv(uint64(len(g.recs)))
	for _, r := range g.recs {
		sv(int64(r.id))
		sv(int64(r.lat))
		sv(int64(r.lon))
		uv(uint64(r.pop))
		uv(uint64(r.nameLen))
		uv(uint64(r.country))
		uv(uint64(r.admin1))
		uv(uint64(r.feat))
	}
	uv(uint64(len(g.keyEnd)))
	uv(uint64(len(g.keys)))
	uv(uint64(len(g.post)))
	prev := ""
	for i := range g.keyEnd {
		k := g.key(i)
		n := 0
		for n < len(k) && n < len(prev) && k[n] == prev[n] {
			n++
		}
		uv(uint64(n))
		str(k[n:])
		start := uint32(0)
		if i > 0 {
			start = g.postEnd[i-1]
		}
		uv(uint64(g.postEnd[i] - start))
		for _, p := range g.post[start:g.postEnd[i]] {
			uv(uint64(p))
		}
		prev = k
	}
	bw.Write(binary.LittleEndian.AppendUint32(nil, crc32Sum(bw.Bytes()[12:])))
	n, err := w.Write(bw.Bytes())
	return int64(n), err
}

// Read reads a gazetteer written by WriteTo, in any format version up to
// CurrentVersion. Malformed input gives an error wrapping ErrFormat, never
// a panic.
func Read(r io.Reader) (*Gazetteer, error) {
	var data []byte
	var err error
	if l, ok := r.(interface{ Len() int }); ok && l.Len() <= maxFileSize {
		data = make([]byte, l.Len())
		_, err = io.ReadFull(r, data)
	} else {
		data, err = io.ReadAll(io.LimitReader(r, maxFileSize+1))
	}
	if err != nil {
		return nil, fmt.Errorf("geo: reading the gazetteer: %w", err)
	}
	return parse(data)
}

// parse reads a gazetteer file held in data, which it does not keep.
func parse(data []byte) (*Gazetteer, error) {
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%w: over %d bytes", ErrFormat, maxFileSize)
	}
	if len(data) < 16 {
		return nil, fmt.Errorf("%w: %d bytes, too short", ErrFormat, len(data))
	}
	if string(data[:8]) != magic {
		return nil, fmt.Errorf("%w: not a gazetteer file (magic %q)", ErrFormat, data[:8])
	}
	v := binary.LittleEndian.Uint32(data[8:])
	if v < 1 || v > CurrentVersion {
		return nil, fmt.Errorf("%w: format version %d, this dyad reads 1 to %d", ErrFormat, v, CurrentVersion)
	}
	body := data[12 : len(data)-4]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: checksum %08x, want %08x (truncated or damaged file)", ErrFormat, got, want)
	}
	d := &decoder{b: body}
	g, err := d.gazetteer()
	if err != nil {
		return nil, fmt.Errorf("%w: byte %d of the body: %v", ErrFormat, d.off, err)
	}
	return g, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type decoder struct {
	b   []byte
	off int
}

var (
	errShort = errors.New("unexpected end")
	space    = []byte{' '}
)

func (d *decoder) uv() (uint64, error) {
	x, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		return 0, errShort
	}
	d.off += n
	return x, nil
}

func (d *decoder) sv() (int64, error) {
	x, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		return 0, errShort
	}
	d.off += n
	return x, nil
}

// count reads a count of items of at least one byte each.
func (d *decoder) count(what string, limit uint64) (int, error) {
	n, err := d.uv()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	if n > uint64(len(d.b)-d.off) || n > limit {
		return 0, fmt.Errorf("%s: count %d too large", what, n)
	}
	return int(n), nil
}

func (d *decoder) bytes() ([]byte, error) {
	n, err := d.uv()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(d.b)-d.off) {
		return nil, errShort
	}
	s := d.b[d.off : d.off+int(n)]
	d.off += int(n)
	return s, nil
}

func (d *decoder) str() (string, error) {
	b, err := d.bytes()
	return string(b), err
}

func (d *decoder) strings(what string) ([]string, error) {
	n, err := d.count(what, math.MaxUint16)
	if err != nil {
		return nil, err
	}
	out := make([]string, n)
	for i := range out {
		if out[i], err = d.str(); err != nil {
			return nil, fmt.Errorf("%s %d: %w", what, i, err)
		}
	}
	return out, nil
}

func (d *decoder) gazetteer() (*Gazetteer, error) {
	g := &Gazetteer{}
	var err error
	if g.countries, err = d.strings("countries"); err != nil {
		return nil, err
	}
	if g.admin1, err = d.strings("regions"); err != nil {
		return nil, err
	}
	if len(g.admin1) == 0 || g.admin1[0] != "" {
		return nil, errors.New("regions: the first is not empty")
	}
	nf, err := d.count("features", math.MaxUint16)
	if err != nil {
		return nil, err
	}
	g.feats = make([]feature, nf)
	for i := range g.feats {
		if g.feats[i].class, err = d.str(); err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, err)
		}
		if g.feats[i].code, err = d.str(); err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, err)
		}
	}
	if g.names, err = d.str(); err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	np, err := d.count("places", math.MaxInt32)
	if err != nil {
		return nil, err
	}
	g.recs = make([]record, np)
	off := uint64(0)
	for i := range g.recs {
		var f [8]int64
		for j := range f {
			if j < 3 {
				f[j], err = d.sv()
			} else {
				var u uint64
				u, err = d.uv()
				f[j] = int64(min(u, math.MaxInt64))
			}
			if err != nil {
				return nil, fmt.Errorf("place %d: %w", i, err)
			}
		}
		id, lat, lon, pop, nameLen, c, a, ft := f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
		switch {
		case id < math.MinInt32 || id > math.MaxInt32:
			return nil, fmt.Errorf("place %d: id %d out of range", i, id)
		case lat < -90*coordScale || lat > 90*coordScale || lon < -180*coordScale || lon > 180*coordScale:
			return nil, fmt.Errorf("place %d: coordinates out of range", i)
		case pop > math.MaxUint32:
			return nil, fmt.Errorf("place %d: population out of range", i)
		case nameLen > math.MaxUint16 || off+uint64(nameLen) > uint64(len(g.names)):
			return nil, fmt.Errorf("place %d: name beyond the names", i)
		case c >= int64(len(g.countries)) || a >= int64(len(g.admin1)) || ft >= int64(len(g.feats)):
			return nil, fmt.Errorf("place %d: country, region or feature out of range", i)
		}
		g.recs[i] = record{id: int32(id), lat: int32(lat), lon: int32(lon), pop: uint32(pop),
			nameOff: uint32(off), nameLen: uint16(nameLen), country: uint16(c), admin1: uint16(a), feat: uint16(ft)}
		off += uint64(nameLen)
	}
	if off != uint64(len(g.names)) {
		return nil, errors.New("names: bytes left over")
	}
	nk, err := d.count("keys", math.MaxInt32)
	if err != nil {
		return nil, err
	}
	keyBytes, err := d.count("key bytes", math.MaxUint32)
	if err != nil {
		return nil, err
	}
	npost, err := d.count("postings", math.MaxUint32)
	if err != nil {
		return nil, err
	}
	g.keyEnd = make([]uint32, nk)
	g.postEnd = make([]uint32, nk)
	kb := make([]byte, 0, keyBytes)
	post := make([]int32, 0, npost)
	prevStart := 0
	for i := 0; i < nk; i++ {
		shared, err := d.uv()
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		rest, err := d.bytes()
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		if shared > uint64(len(kb)-prevStart) {
			return nil, fmt.Errorf("key %d: shares more than the previous key", i)
		}
		start := len(kb)
		kb = append(kb, kb[prevStart:prevStart+int(shared)]...)
		kb = append(kb, rest...)
		if len(kb) == start || len(kb) > math.MaxUint32 {
			return nil, fmt.Errorf("key %d: empty or too long", i)
		}
		if i > 0 && string(kb[prevStart:start]) >= string(kb[start:]) {
			return nil, fmt.Errorf("key %d: keys not sorted", i)
		}
		g.maxWords = max(g.maxWords, bytes.Count(kb[start:], space)+1)
		n, err := d.count("postings", math.MaxInt32)
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("key %d: no places", i)
		}
		for j := 0; j < n; j++ {
			p, err := d.uv()
			if err != nil {
				return nil, fmt.Errorf("key %d: %w", i, err)
			}
			if p >= uint64(np) {
				return nil, fmt.Errorf("key %d: place %d out of range", i, p)
			}
			post = append(post, int32(p))
		}
		if len(post) > math.MaxUint32 {
			return nil, errors.New("too many postings")
		}
		g.keyEnd[i] = uint32(len(kb))
		g.postEnd[i] = uint32(len(post))
		prevStart = start
	}
	if d.off != len(d.b) {
		return nil, fmt.Errorf("%d bytes left over", len(d.b)-d.off)
	}
	g.keys = string(kb)
	g.post = post
	g.indexCountries()
	return g, nil
}

func crc32Sum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
