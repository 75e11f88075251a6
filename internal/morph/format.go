package morph

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// The file format. A model file is
//
//	magic   "DYADMRPH" (8 bytes)
//	version uvarint (formatVersion when written)
//	body    gzip stream
//
// Version 1 body, all integers uvarint, every string an index into the
// string table that comes first:
//
//	strings   count, then (length, bytes) each
//	exact     count × (form, upos, xpos, lemma)
//	lower     count × (form, xpos, lemma)
//	irr       count × (form, xpos, lemma)
//	verbs     count × (form, lemma)
//	suffix    count × (group, ending, rules, rules × (strip, add, n))
//	knownU    count × (lemma, upos)
//	defX      count × (upos, xpos)
//	noLemma   count × (upos, xpos)
//	lemCtx    count × (form, xpos, next, lemma)
//	fLex      count × (form, upos, xpos, k, k × (feats, n))
//	fPOS      count × (upos, xpos, feats)
//	fShape    count × (upos, xpos, shape, feats)
//	fCtx1     count × (form, upos, xpos, kind, a, b, feats)
//	fCtx2     count × (upos, xpos, kind, a, b, k, k × (feats, n))
//
// Entries are sorted so that equal models give equal files. Read accepts
// every version listed in its switch; a change of layout gets a new version
// number and a new reader beside the old ones, so files written earlier keep
// loading.
const (
	magic         = "DYADMRPH"
	formatVersion = 1
)

// Limits that keep Read from allocating much on hostile input. The EWT
// model unpacks to about 1.8 MB with 57k strings and at most 60k entries
// in a table, so the limits leave room for larger treebanks while bounding
// what a small hostile file (a gzip bomb, say) can make Read build.
const (
	maxBody     = 16 << 20 // bytes of unpacked body
	maxString   = 1 << 12  // bytes of one string
	maxCount    = 1 << 20  // entries of one section or strings of the table
	maxPrealloc = 1 << 12  // entries allocated ahead of reading them
)

// WriteTo writes the model in the current format version. It implements
// io.WriterTo.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	e := &encoder{index: map[string]uint64{}}
	m.encode(e)

	cw := &countWriter{w: w}
	hdr := binary.AppendUvarint([]byte(magic), formatVersion)
	if _, err := cw.Write(hdr); err != nil {
		return cw.n, fmt.Errorf("morph: write header: %w", err)
	}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, fmt.Errorf("morph: write: %w", err)
	}
	var tbl []byte
	tbl = binary.AppendUvarint(tbl, uint64(len(e.strs)))
	for _, s := range e.strs {
		tbl = binary.AppendUvarint(tbl, uint64(len(s)))
		tbl = append(tbl, s...)
	}
	if _, err := zw.Write(tbl); err != nil {
		return cw.n, fmt.Errorf("morph: write string table: %w", err)
	}
	if _, err := zw.Write(e.buf.Bytes()); err != nil {
		return cw.n, fmt.Errorf("morph: write tables: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("morph: write: %w", err)
	}
	return cw.n, nil
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

// encoder lays out the tables, interning strings as it goes.
type encoder struct {
	buf   bytes.Buffer
	strs  []string
	index map[string]uint64
	tmp   [binary.MaxVarintLen64]byte
}

func (e *encoder) uint(v uint64) {
	e.buf.Write(e.tmp[:binary.PutUvarint(e.tmp[:], v)])
}

func (e *encoder) str(s ...string) {
	for _, x := range s {
		i, ok := e.index[x]
		if !ok {
			i = uint64(len(e.strs))
			e.index[x] = i
			e.strs = append(e.strs, x)
		}
		e.uint(i)
	}
}

func (e *encoder) counts(fs []fcount) {
	e.uint(uint64(len(fs)))
	for _, f := range fs {
		e.str(f.feats)
		e.uint(uint64(f.n))
	}
}

// sortedKeys returns the keys of m in the order of less.
func sortedKeys[K comparable, V any](m map[K]V, less func(a, b K) int) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, less)
	return ks
}

func cmp2(a, b k2) int { return cmp.Or(cmp.Compare(a.a, b.a), cmp.Compare(a.b, b.b)) }
func cmp3(a, b k3) int {
	return cmp.Or(cmp.Compare(a.a, b.a), cmp.Compare(a.b, b.b), cmp.Compare(a.c, b.c))
}
func cmpSig(a, b sig) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.a, b.a), cmp.Compare(a.b, b.b))
}

func (m *Model) encode(e *encoder) {
	e.uint(uint64(len(m.exact)))
	for _, k := range sortedKeys(m.exact, cmp3) {
		e.str(k.a, k.b, k.c, m.exact[k])
	}
	for _, t := range []map[k2]string{m.lower, m.irr} {
		e.uint(uint64(len(t)))
		for _, k := range sortedKeys(t, cmp2) {
			e.str(k.a, k.b, t[k])
		}
	}
	e.uint(uint64(len(m.verbs)))
	for _, k := range sortedKeys(m.verbs, cmp.Compare[string]) {
		e.str(k, m.verbs[k])
	}
	e.uint(uint64(len(m.suffix)))
	for _, k := range sortedKeys(m.suffix, cmp2) {
		e.str(k.a, k.b)
		rs := m.suffix[k]
		e.uint(uint64(len(rs)))
		for _, r := range rs {
			e.uint(uint64(r.strip))
			e.str(r.add)
			e.uint(uint64(r.n))
		}
	}
	e.uint(uint64(len(m.knownU)))
	for _, k := range sortedKeys(m.knownU, cmp2) {
		e.str(k.a, k.b)
	}
	e.uint(uint64(len(m.defX)))
	for _, k := range sortedKeys(m.defX, cmp.Compare[string]) {
		e.str(k, m.defX[k])
	}
	e.uint(uint64(len(m.noLem)))
	for _, k := range sortedKeys(m.noLem, cmp2) {
		e.str(k.a, k.b)
	}
	e.uint(uint64(len(m.lemCtx)))
	for _, k := range sortedKeys(m.lemCtx, cmp3) {
		e.str(k.a, k.b, k.c, m.lemCtx[k])
	}
	e.uint(uint64(len(m.fLex)))
	for _, k := range sortedKeys(m.fLex, cmp3) {
		e.str(k.a, k.b, k.c)
		e.counts(m.fLex[k])
	}
	e.uint(uint64(len(m.fPOS)))
	for _, k := range sortedKeys(m.fPOS, cmp2) {
		e.str(k.a, k.b, m.fPOS[k])
	}
	e.uint(uint64(len(m.fShape)))
	for _, k := range sortedKeys(m.fShape, cmp3) {
		e.str(k.a, k.b, k.c, m.fShape[k])
	}
	e.uint(uint64(len(m.fCtx1)))
	for _, k := range sortedKeys(m.fCtx1, func(a, b ctx1Key) int {
		return cmp.Or(cmp3(k3{a.low, a.upos, a.xpos}, k3{b.low, b.upos, b.xpos}), cmpSig(a.s, b.s))
	}) {
		e.str(k.low, k.upos, k.xpos)
		e.uint(uint64(k.s.kind))
		e.str(k.s.a, k.s.b, m.fCtx1[k])
	}
	e.uint(uint64(len(m.fCtx2)))
	for _, k := range sortedKeys(m.fCtx2, func(a, b ctx2Key) int {
		return cmp.Or(cmp2(k2{a.upos, a.xpos}, k2{b.upos, b.xpos}), cmpSig(a.s, b.s))
	}) {
		e.str(k.upos, k.xpos)
		e.uint(uint64(k.s.kind))
		e.str(k.s.a, k.s.b)
		e.counts(m.fCtx2[k])
	}
}

// Read reads a model written by WriteTo of this or an earlier format
// version. Malformed input gives an error, never a panic, and hostile
// length fields cannot make it allocate much more than the input holds.
func Read(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	var hdr [len(magic)]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("morph: read header: %w", err)
	}
	if string(hdr[:]) != magic {
		return nil, errors.New("morph: read: not a morph model file")
	}
	v, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, fmt.Errorf("morph: read version: %w", err)
	}
	switch v {
	case 1:
		m, err := readV1(br)
		if err != nil {
			return nil, fmt.Errorf("morph: read version 1: %w", err)
		}
		return m, nil
	}
	return nil, fmt.Errorf("morph: read: unsupported format version %d (this build reads 1 to %d)", v, formatVersion)
}

// decoder reads the body of a model; the first error sticks and later
// reads return zero values, so callers check d.err once per section.
type decoder struct {
	r    *bufio.Reader
	strs []string
	err  error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) uint(limit uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		d.fail(err)
		return 0
	}
	if v > limit {
		d.fail(fmt.Errorf("value %d over limit %d", v, limit))
		return 0
	}
	return v
}

func (d *decoder) count() int { return int(d.uint(maxCount)) }

func (d *decoder) str() string {
	i := d.uint(uint64(len(d.strs)))
	if d.err != nil {
		return ""
	}
	if i >= uint64(len(d.strs)) {
		d.fail(fmt.Errorf("string index %d out of range", i))
		return ""
	}
	return d.strs[i]
}

func (d *decoder) counts() []fcount {
	n := d.count()
	if n == 0 && d.err == nil {
		d.fail(errors.New("empty FEATS list"))
	}
	out := make([]fcount, 0, min(n, maxPrealloc))
	for range n {
		f := d.str()
		c := int(d.uint(maxCount))
		if d.err != nil {
			return nil
		}
		out = append(out, fcount{f, c})
	}
	return out
}

// table reads a section of count entries with read, stopping at the first
// error.
func (d *decoder) table(name string, read func()) error {
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		read()
	}
	if d.err != nil {
		return fmt.Errorf("%s: %w", name, d.err)
	}
	return nil
}

func readV1(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return readBodyV1(io.LimitReader(zr, maxBody))
}

// readBodyV1 decodes the unpacked body of a version 1 file.
func readBodyV1(r io.Reader) (*Model, error) {
	d := &decoder{r: bufio.NewReader(r)}

	n := d.count()
	d.strs = make([]string, 0, min(n, maxPrealloc))
	buf := make([]byte, 0, 64)
	for i := 0; i < n && d.err == nil; i++ {
		l := int(d.uint(maxString))
		if d.err != nil {
			break
		}
		if l > cap(buf) {
			buf = make([]byte, l)
		}
		buf = buf[:l]
		if _, err := io.ReadFull(d.r, buf); err != nil {
			d.fail(fmt.Errorf("string %d: %w", i, err))
			break
		}
		d.strs = append(d.strs, string(buf))
	}
	if d.err != nil {
		return nil, fmt.Errorf("string table: %w", d.err)
	}

	m := &Model{
		exact: map[k3]string{}, lower: map[k2]string{}, irr: map[k2]string{},
		verbs: map[string]string{}, suffix: map[k2][]rule{}, knownU: map[k2]bool{},
		defX: map[string]string{}, noLem: map[k2]bool{}, lemCtx: map[k3]string{},
		fLex: map[k3][]fcount{}, fPOS: map[k2]string{}, fShape: map[k3]string{},
		fCtx1: map[ctx1Key]string{}, fCtx2: map[ctx2Key][]fcount{},
	}
	sections := []struct {
		name string
		read func()
	}{
		{"exact", func() { k := k3{d.str(), d.str(), d.str()}; m.exact[k] = d.str() }},
		{"lower", func() { k := k2{d.str(), d.str()}; m.lower[k] = d.str() }},
		{"irregular", func() { k := k2{d.str(), d.str()}; m.irr[k] = d.str() }},
		{"verbs", func() { k := d.str(); m.verbs[k] = d.str() }},
		{"suffix", func() {
			k := k2{d.str(), d.str()}
			n := d.count()
			if n == 0 && d.err == nil {
				d.fail(errors.New("empty rule list"))
			}
			rs := make([]rule, 0, min(n, maxPrealloc))
			for range n {
				strip := int(d.uint(maxString))
				add := d.str()
				c := int(d.uint(maxCount))
				if d.err != nil {
					return
				}
				rs = append(rs, rule{strip, add, c})
			}
			m.suffix[k] = rs
		}},
		{"known lemmas", func() { m.knownU[k2{d.str(), d.str()}] = true }},
		{"default XPOS", func() { k := d.str(); m.defX[k] = d.str() }},
		{"no-lemma tags", func() { m.noLem[k2{d.str(), d.str()}] = true }},
		{"lemma contexts", func() { k := k3{d.str(), d.str(), d.str()}; m.lemCtx[k] = d.str() }},
		{"lexical feats", func() {
			k := k3{d.str(), d.str(), d.str()}
			if fs := d.counts(); d.err == nil {
				m.fLex[k] = fs
			}
		}},
		{"tag feats", func() { k := k2{d.str(), d.str()}; m.fPOS[k] = d.str() }},
		{"shape feats", func() { k := k3{d.str(), d.str(), d.str()}; m.fShape[k] = d.str() }},
		{"form context feats", func() {
			k := ctx1Key{low: d.str(), upos: d.str(), xpos: d.str()}
			k.s.kind = uint8(d.uint(255))
			k.s.a, k.s.b = d.str(), d.str()
			m.fCtx1[k] = d.str()
		}},
		{"tag context feats", func() {
			k := ctx2Key{upos: d.str(), xpos: d.str()}
			k.s.kind = uint8(d.uint(255))
			k.s.a, k.s.b = d.str(), d.str()
			if fs := d.counts(); d.err == nil {
				m.fCtx2[k] = fs
			}
		}},
	}
	for _, s := range sections {
		if err := d.table(s.name, s.read); err != nil {
			return nil, err
		}
	}
	if _, err := d.r.ReadByte(); err != io.EOF {
		if err == nil {
			return nil, errors.New("trailing data after the last table")
		}
		return nil, err
	}
	m.derive()
	return m, nil
}
