package depparse

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/models"
	"github.com/dyadproject/dyad/internal/tag"
	"github.com/dyadproject/dyad/internal/treebank"
)

// embeddedClusters loads the committed word clusters, nil if there are none.
func embeddedClusters(tb testing.TB) *cluster.Clusters {
	tb.Helper()
	b, err := models.FS.ReadFile("clusters.bin")
	if err != nil {
		return nil
	}
	cl, err := cluster.Read(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	return cl
}

// embedded loads the committed parser.
func embedded(tb testing.TB) *Parser {
	tb.Helper()
	b, err := models.FS.ReadFile("parser.bin")
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Read(bytes.NewReader(b), embeddedClusters(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkParse parses EWT dev with gold tags: the parser alone, with
// its beam and greedily.
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
	for _, q := range []*Parser{p, p.WithBeam(1)} {
		b.Run(fmt.Sprintf("beam=%d", q.Beam()), func(b *testing.B) {
			for b.Loop() {
				for i := range work {
					q.Parse(&work[i])
				}
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// TestBeamWidths reports accuracy and speed of the embedded parser decoded
// with several beam widths, with and without its pruning margin, on EWT
// dev with predicted tags (DYAD_SLOW=1).
func TestBeamWidths(t *testing.T) {
	if os.Getenv("DYAD_SLOW") == "" {
		t.Skip("set DYAD_SLOW=1 to compare beam widths")
	}
	dev, err := treebank.Load(datatest.Dir(t, treebank.EWT), treebank.Dev)
	if err != nil {
		t.Fatal(err)
	}
	p := embedded(t)
	tg := embeddedTagger(t)
	for i := range dev {
		tg.Tag(&dev[i])
	}
	trained := p.beam
	las := map[int]float64{}
	widths := []int{1, 2, 4, 8, 16}
	if !slices.Contains(widths, trained) {
		widths = append(widths, trained)
	}
	for _, k := range widths {
		for _, pruned := range []bool{false, true} {
			q := p.WithBeam(k)
			if !pruned {
				q.margin = 0
			} else if k == 1 || p.margin == 0 {
				continue
			}
			start := time.Now()
			u, l := q.Score(dev)
			las[k] = l // the pruned run, when there is one, comes last
			t.Logf("trained with beam %d, decoded with %d, margin %.4g: dev UAS %.2f LAS %.2f, %.0f words/s",
				trained, k, q.Margin(), 100*u, 100*l, 25147/time.Since(start).Seconds())
		}
	}
	if trained > 1 && las[trained] < las[1] {
		t.Errorf("decoding with the trained beam (%d) is worse than greedy: LAS %.4f < %.4f", trained, las[trained], las[1])
	}
}

func embeddedTagger(tb testing.TB) *tag.Tagger {
	tb.Helper()
	b, err := models.FS.ReadFile("tagger.bin")
	if err != nil {
		tb.Fatal(err)
	}
	tg, err := tag.Read(bytes.NewReader(b), embeddedClusters(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return tg
}
