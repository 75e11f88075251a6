package morph

import (
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// BenchmarkAnnotate annotates EWT dev sentences (gold tags) with the model
// trained on EWT train and reports the cost per word.
func BenchmarkAnnotate(b *testing.B) {
	m, dev, _ := ewtModel(b)
	sents := make([]doc.Sentence, len(dev))
	words := 0
	for i, s := range dev {
		sents[i] = clearCopy(s)
		words += len(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		m.Annotate(&sents[n%len(sents)])
		n++
	}
	b.StopTimer()
	perSent := float64(words) / float64(len(sents))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(n)*perSent), "ns/word")
}

// BenchmarkLemmaUnseen measures the suffix-rule path, the slowest one.
func BenchmarkLemmaUnseen(b *testing.B) {
	m, _, _ := ewtModel(b)
	b.ReportAllocs()
	for b.Loop() {
		m.Lemma("underscoring", "VERB", "VBG")
	}
}
