package depparse

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

// embedded loads the committed parser and clusters.
func embedded(tb testing.TB) *Parser {
	tb.Helper()
	var cl *cluster.Clusters
	if b, err := models.FS.ReadFile("clusters.bin"); err == nil {
		if cl, err = cluster.Read(bytes.NewReader(b)); err != nil {
			tb.Fatal(err)
		}
	}
	b, err := models.FS.ReadFile("parser.bin")
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Read(bytes.NewReader(b), cl)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkParse parses EWT dev with gold tags: the parser alone.
func BenchmarkParse(b *testing.B) {
	dev, err := treebank.Load(datatest.Dir(b, treebank.EWT), treebank.Dev)
	if err != nil {
		b.Fatal(err)
	}
	p := embedded(b)
	words := 0
	for _, s := range dev {
		words += len(s.Words)
	}
	work := make([]doc.Sentence, len(dev))
	for i := range dev {
		work[i] = dev[i]
		work[i].Words = slices.Clone(dev[i].Words)
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range work {
			p.Parse(&work[i])
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
