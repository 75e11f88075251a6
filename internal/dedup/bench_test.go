package dedup

import (
	"testing"
)

// BenchmarkSign signs the BBC articles in turn (2,225 texts of 2.3 KB on
// average); one op is one article.
func BenchmarkSign(b *testing.B) {
	arts := loadCorpus(b, "eval/bbc-news-2225", "*/*.txt")
	size := 0
	for _, a := range arts {
		size += len(a.text)
	}
	b.SetBytes(int64(size / len(arts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Sign(arts[i%len(arts)].text)
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkContentHash hashes the BBC articles in turn.
func BenchmarkContentHash(b *testing.B) {
	arts := loadCorpus(b, "eval/bbc-news-2225", "*/*.txt")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ContentHash(arts[i%len(arts)].text)
		i++
	}
}

// BenchmarkNear looks up each BBC article in an Index of the BBC corpus
// and, in the sub-benchmark with100k, of the corpus and 100,000 other
// signatures (random values, as of unrelated texts).
func BenchmarkNear(b *testing.B) {
	arts := loadCorpus(b, "eval/bbc-news-2225", "*/*.txt")
	sigs := make([]Signature, len(arts))
	var x Index[int]
	for i, a := range arts {
		sigs[i] = Sign(a.text)
		x.Add(i, sigs[i])
	}
	lookup := func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			x.Near(sigs[i%len(sigs)])
			i++
		}
	}
	b.Run("bbc", lookup)
	for i := range 100_000 {
		var s Signature
		for j := range s.v {
			s.v[j] = uint32(fmix64(uint64(i)*NumHashes + uint64(j)))
		}
		x.Add(len(arts)+i, s)
	}
	b.Run("with100k", lookup)
}

// BenchmarkAdd adds the BBC signatures to a fresh Index.
func BenchmarkAdd(b *testing.B) {
	arts := loadCorpus(b, "eval/bbc-news-2225", "*/*.txt")
	sigs := make([]Signature, len(arts))
	for i, a := range arts {
		sigs[i] = Sign(a.text)
	}
	b.ReportAllocs()
	var x Index[int]
	i := 0
	for b.Loop() {
		if i%len(sigs) == 0 {
			x = Index[int]{}
		}
		x.Add(i, sigs[i%len(sigs)])
		i++
	}
}

func BenchmarkSimilarity(b *testing.B) {
	s1, s2 := Sign(goldenText), Sign(goldenText+" and more")
	for b.Loop() {
		Similarity(s1, s2)
	}
}
