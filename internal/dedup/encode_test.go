package dedup

import (
	"bytes"
	"errors"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	for _, text := range []string{readTestdata(t, "strike-wire.txt"), "a short text", ""} {
		s := Sign(text)
		b := s.Encode()
		if len(b) != encodedLen || b[0] != FormatVersion {
			t.Fatalf("encoding of %d bytes, version %d", len(b), b[0])
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if got != s {
			t.Errorf("%.20q: decoded signature differs", text)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	good := Sign("a short text").Encode()
	edit := func(f func(b []byte) []byte) []byte {
		return f(bytes.Clone(good))
	}
	tests := map[string][]byte{
		"nil":          nil,
		"empty":        {},
		"version 0":    edit(func(b []byte) []byte { b[0] = 0; return b }),
		"version 2":    edit(func(b []byte) []byte { b[0] = 2; return b }),
		"version only": {FormatVersion},
		"one short":    good[:len(good)-1],
		"one long":     append(bytes.Clone(good), 0),
		"flags":        edit(func(b []byte) []byte { b[1] |= 0x80; return b }),
	}
	for name, b := range tests {
		if _, err := Decode(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
}

func TestSimilarEncoded(t *testing.T) {
	text := "Iran struck Pakistan with missiles and drones on Tuesday. The strikes hit two bases of the militant group Jaish al-Adl, Iranian state media said, and Pakistan recalled its ambassador."
	a, bands := SignEncoded(text)
	if len(bands) != NumBands {
		t.Fatalf("%d band keys, want %d", len(bands), NumBands)
	}
	b, _ := SignEncoded("Pakistan recalls envoy\n\n" + text)
	sim, err := SimilarEncoded(a, b)
	if err != nil || sim < Threshold {
		t.Errorf("a new headline: similarity %.2f, %v; want >= %.2f", sim, err, Threshold)
	}
	if _, err := SimilarEncoded(a, []byte{9, 9}); err == nil {
		t.Error("a bad signature compared without error")
	}
}
