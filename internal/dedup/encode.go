package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// FormatVersion is the first byte of an encoded Signature. Version 1 is
// the format below together with the signing scheme of Sign (its
// normalization, ShingleWords, MinWords, hashes and seeds). A change to
// any of them must take a new version, and Decode must go on reading the
// old ones, so that a store can tell which signatures to compute again.
//
// Version 1 is 2 + 4*NumHashes = 514 bytes: the version, a flags byte
// (bit 0: Short; the other bits are zero), then the NumHashes values as
// little-endian uint32.
const FormatVersion = 1

const (
	flagShort = 1 << 0
	// encodedLen is the length of a version 1 encoding.
	encodedLen = 2 + 4*NumHashes
)

// ErrFormat is wrapped by every error of Decode.
var ErrFormat = errors.New("dedup: bad signature encoding")

// Encode returns the bytes of s in the format FormatVersion, for storage
// (a BLOB column) and Decode.
func (s Signature) Encode() []byte {
	b := make([]byte, 2, encodedLen)
	b[0] = FormatVersion
	if s.short {
		b[1] = flagShort
	}
	for _, v := range s.v {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// Decode returns the signature that Encode wrote as b. It fails, with an
// error wrapping ErrFormat, on an unknown version, a wrong length or
// unknown flags.
func Decode(b []byte) (Signature, error) {
	var s Signature
	if len(b) == 0 {
		return s, fmt.Errorf("%w: empty", ErrFormat)
	}
	if b[0] != FormatVersion {
		return s, fmt.Errorf("%w: unknown version %d", ErrFormat, b[0])
	}
	if len(b) != encodedLen {
		return s, fmt.Errorf("%w: version %d has %d bytes, not %d", ErrFormat, b[0], len(b), encodedLen)
	}
	if b[1]&^flagShort != 0 {
		return s, fmt.Errorf("%w: unknown flags %#x", ErrFormat, b[1])
	}
	s.short = b[1]&flagShort != 0
	for i := range s.v {
		s.v[i] = binary.LittleEndian.Uint32(b[2+4*i:])
	}
	return s, nil
}

// SignEncoded returns the encoded signature of a text and its band keys:
// what a store keeps of an article to find its near-duplicates later.
func SignEncoded(text string) ([]byte, []uint64) {
	s := Sign(text)
	return s.Encode(), Bands(s)
}

// SimilarEncoded is the Similarity of two encoded signatures.
func SimilarEncoded(a, b []byte) (float64, error) {
	sa, err := Decode(a)
	if err != nil {
		return 0, err
	}
	sb, err := Decode(b)
	if err != nil {
		return 0, err
	}
	return Similarity(sa, sb), nil
}
