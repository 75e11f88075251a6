package perceptron

import (
	"unicode"
	"unicode/utf8"
)

// Feature keys are 64-bit hashes of a template number and the values the
// template reads. The hashes are fixed (FNV-1a and a splitmix finaliser) so
// that a model trained on one machine scores the same features on another.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hash returns the FNV-1a hash of s.
func Hash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// HashLower returns Hash(strings.ToLower(s)) without allocating.
func HashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h ^= uint64(c)
			h *= fnvPrime
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var buf [utf8.UTFMax]byte
		m := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:m] {
			h ^= uint64(b)
			h *= fnvPrime
		}
		i += n
	}
	return h
}

// Mix combines two hashes.
func Mix(a, b uint64) uint64 {
	h := a ^ (b + 0x9e3779b97f4a7c15 + (a << 6) + (a >> 2))
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	return h
}

// F1, F2 and F3 make the key of template t over one, two or three values.
func F1(t, a uint64) uint64       { return Mix(Mix(t, a), 1) }
func F2(t, a, b uint64) uint64    { return Mix(Mix(Mix(t, a), b), 2) }
func F3(t, a, b, c uint64) uint64 { return Mix(Mix(Mix(Mix(t, a), b), c), 3) }
