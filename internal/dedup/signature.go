package dedup

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NumHashes is the number of MinHash values in a Signature: 128 hash
// functions of 32 bits each (512 bytes). The standard error of the
// estimated Jaccard similarity J is sqrt(J(1-J)/128): 0.044 at J = 0.5,
// 0.035 at J = 0.8.
const NumHashes = 128

// ShingleWords is the number of consecutive words in a shingle (k). On the
// BBC corpus, k = 3 to 6 find the same syndication edits (a new headline,
// a dateline, a dropped or inserted paragraph, reordered sentences); four
// words still keep copy-edited copies (one word in twenty changed) above
// the Threshold, which five and six do not always, while three words
// raise the similarity of different stories that share stock phrases,
// merging one follow-up story with its first version. docs/dedup.md has
// the measurements.
const ShingleWords = 4

// MinWords is the fewest words a text needs for a shingle signature. A text
// with fewer words (a headline, a caption, a failed extraction) has too few
// shingles for the estimate to mean much: one changed word would move its
// similarity by 0.2 or more. Such a text is signed by its whole normalized
// word sequence instead, so it is a near-duplicate only of a text with
// exactly the same words (case, punctuation and spacing aside); see Sign.
const MinWords = 5 * ShingleWords

// Signature is the MinHash signature of a text: for each of NumHashes
// fixed hash functions, the least hash of the text's word shingles. The
// fraction of equal values of two signatures estimates the Jaccard
// similarity of the two texts' shingle sets (see Similarity).
//
// Signatures are values: comparable with ==, safe to copy and to share
// between goroutines. The zero Signature is not the signature of any text.
type Signature struct {
	v     [NumHashes]uint32
	short bool
}

// Short reports whether the text had fewer than MinWords words, so that
// the signature stands for its exact normalized word sequence rather than
// for a set of shingles.
func (s Signature) Short() bool { return s.short }

// Sign returns the signature of text.
//
// The text is normalized to words first: it is put in Unicode
// compatibility composition (NFKC, so a ligature, a full-width digit or a
// decomposed accent reads like its plain form), lower-cased, and split
// into words, which are the maximal runs of letters, digits and combining
// marks; everything else (punctuation, symbols, spaces, line breaks,
// markup characters) only separates words. A Han, Hiragana or Katakana
// character is a word of its own, as those scripts do not separate words
// with spaces. The words of the whole text, headline included, form one
// sequence; its shingles are the runs of ShingleWords consecutive words.
// Headlines, datelines and line breaks are not treated apart: a new
// headline or an added dateline changes only the few shingles that touch
// it, which the Threshold tolerates (docs/dedup.md).
//
// A text of fewer than MinWords words (an empty one too) is signed as the
// set of one element, its whole word sequence, hashed apart from every
// shingle: its signature equals that of any text with the same words and
// is unlike every other one (Similarity about 0).
//
// The hashing is fixed (FNV-1a 64 for words, the murmur3 64-bit finalizer
// for shingles and for each hash function, with constants written in this
// file), so a text's signature is the same on every run, machine and Go
// version; TestSignatureGolden guards that. A change to it must change
// FormatVersion, since stored signatures would no longer compare.
func Sign(text string) Signature {
	return sign(text, ShingleWords, MinWords)
}

// Seeds and constants of the hashing. Changing any of them changes every
// signature (see Sign).
const (
	fnvOffset   = 0xcbf29ce484222325 // FNV-1a 64 offset basis
	fnvPrime    = 0x100000001b3      // FNV-1a 64 prime
	shingleSeed = 0x5a17c0de5eed0001 // starts each shingle's hash
	wholeSeed   = 0x5a17c0de5eed0002 // starts a short text's hash
	hashStep    = 0x9e3779b97f4a7c15 // 2^64/phi: seed of hash function j is (j+1)*hashStep
)

// fmix64 is the finalizer of MurmurHash3: a bijection of 64-bit words
// whose every output bit depends on every input bit.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb93e53a9f1d6
	h ^= h >> 33
	return h
}

// sign computes the signature with k-word shingles and a short-text limit
// of minWords words; Sign fixes both, tests measure others.
func sign(text string, k, minWords int) Signature {
	words := wordHashes(text)
	var s Signature
	for i := range s.v {
		s.v[i] = ^uint32(0)
	}
	if len(words) < minWords || len(words) < k {
		s.short = true
		h := uint64(wholeSeed)
		for _, w := range words {
			h = fmix64(h ^ w)
		}
		s.add(fmix64(h ^ uint64(len(words))))
		return s
	}
	for i := 0; i+k <= len(words); i++ {
		s.add(shingleHash(words[i : i+k]))
	}
	return s
}

// shingleHash hashes the word hashes of one shingle, in order.
func shingleHash(words []uint64) uint64 {
	h := uint64(shingleSeed)
	for _, w := range words {
		h = fmix64(h ^ w)
	}
	return h
}

// add folds the shingle hash x into the signature. Each 64-bit mix of x
// with a hash function's seed gives two values, its low and its high 32
// bits, which behave as two independent hash functions; this halves the
// cost of a shingle.
func (s *Signature) add(x uint64) {
	for j := 0; j < NumHashes/2; j++ {
		m := fmix64(x ^ uint64(j+1)*hashStep)
		if lo := uint32(m); lo < s.v[2*j] {
			s.v[2*j] = lo
		}
		if hi := uint32(m >> 32); hi < s.v[2*j+1] {
			s.v[2*j+1] = hi
		}
	}
}

// wordHashes returns the FNV-1a 64 hash of each normalized word of text,
// in order (see Sign for what a word is).
func wordHashes(text string) []uint64 {
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	words := make([]uint64, 0, len(text)/6+1)
	h, in := uint64(fnvOffset), false
	var buf [utf8.UTFMax]byte
	for _, r := range text {
		if r < utf8.RuneSelf { // the common case, without table look-ups
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
				h, in = (h^uint64(r))*fnvPrime, true
			case 'A' <= r && r <= 'Z':
				h, in = (h^uint64(r+'a'-'A'))*fnvPrime, true
			case in:
				words = append(words, h)
				h, in = fnvOffset, false
			}
			continue
		}
		switch {
		case isUnspaced(r):
			if in {
				words = append(words, h)
			}
			n := utf8.EncodeRune(buf[:], r)
			words = append(words, fnv(fnvOffset, buf[:n]))
			h, in = fnvOffset, false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			h, in = fnv(h, buf[:n]), true
		case in:
			words = append(words, h)
			h, in = fnvOffset, false
		}
	}
	if in {
		words = append(words, h)
	}
	return words
}

// fnv continues the FNV-1a 64 hash h over b.
func fnv(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words, whose characters are therefore words of their own.
func isUnspaced(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Threshold is the estimated Jaccard similarity (see Similarity) from which
// two texts are near-duplicates: copies of one article. On the BBC corpus
// every synthetic syndicated copy lies above 0.6 but for a few with
// several edits at once, two versions of one story filed twice lie at
// 0.54 to 1, while different stories on one subject, even a follow-up
// that repeats paragraphs of the first, lie below 0.5 (docs/dedup.md).
const Threshold = 0.5

// Similarity estimates the Jaccard similarity of the shingle sets of the
// texts that a and b sign: the fraction of their NumHashes values that are
// equal. It is 1 for texts with the same words and near 0 for unrelated
// texts. A short signature (see Short) compared with a long one gives 0.
func Similarity(a, b Signature) float64 {
	if a.short != b.short {
		return 0
	}
	n := 0
	for i := range a.v {
		if a.v[i] == b.v[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}
