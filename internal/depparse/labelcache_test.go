package depparse

import (
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/treebank"
)

// TestLabelCacheChangesNoParse parses EWT dev with the committed parser,
// greedily and with its beam, with and without the relation cache: every
// head and relation must be the same.
func TestLabelCacheChangesNoParse(t *testing.T) {
	dev, err := treebank.Load(datatest.Dir(t, treebank.EWT), treebank.Dev)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		dev = dev[:300]
	}
	for _, beam := range []int{1, 0} {
		p := embedded(t)
		if beam > 0 {
			p = p.WithBeam(beam)
		}
		fresh := *p.WithBeam(p.Beam())
		fresh.nocache = true
		for i, g := range dev {
			a := doc.Sentence{Words: slices.Clone(g.Words)}
			b := doc.Sentence{Words: slices.Clone(g.Words)}
			p.Parse(&a)
			fresh.Parse(&b)
			if !slices.Equal(a.Words, b.Words) {
				t.Fatalf("beam %d, dev sentence %d (%s): the cache changed the parse", p.Beam(), i, g.ID)
			}
		}
	}
}
