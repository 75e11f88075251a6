package tag

import (
	"bytes"
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/models"
	"github.com/dyadproject/dyad/internal/treebank"
)

// committedClusters loads the committed word clusters.
func committedClusters(tb testing.TB) *cluster.Clusters {
	tb.Helper()
	b, err := models.FS.ReadFile("clusters.bin")
	if err != nil {
		tb.Fatal(err)
	}
	cl, err := cluster.Read(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	return cl
}

// BenchmarkTag tags EWT dev with the committed tagger: the tagger alone,
// one goroutine.
func BenchmarkTag(b *testing.B) {
	dev, err := treebank.Load(datatest.Dir(b, treebank.EWT), treebank.Dev)
	if err != nil {
		b.Fatal(err)
	}
	tb, err := models.FS.ReadFile("tagger.bin")
	if err != nil {
		b.Fatal(err)
	}
	t, err := Read(bytes.NewReader(tb), committedClusters(b))
	if err != nil {
		b.Fatal(err)
	}
	words := 0
	work := make([]doc.Sentence, len(dev))
	for i := range dev {
		work[i].Words = slices.Clone(dev[i].Words)
		words += len(dev[i].Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range work {
			t.Tag(&work[i])
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
