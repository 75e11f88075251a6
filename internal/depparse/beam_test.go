package depparse

import (
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// TestBeamLearnsToyTreebank trains greedy and beam parsers on a few
// sentences; both must reproduce them and produce trees.
func TestBeamLearnsToyTreebank(t *testing.T) {
	w := func(form, tag string, head int, rel string) doc.Word {
		return doc.Word{Form: form, UPOS: tag, XPOS: tag, Head: head, Deprel: rel}
	}
	train := []doc.Sentence{
		{Words: []doc.Word{w("Iran", "PROPN", 2, "nsubj"), w("attacked", "VERB", 0, "root"), w("bases", "NOUN", 2, "obj"), w(".", "PUNCT", 2, "punct")}},
		{Words: []doc.Word{w("Pakistan", "PROPN", 2, "nsubj"), w("condemned", "VERB", 0, "root"), w("the", "DET", 4, "det"), w("strikes", "NOUN", 2, "obj"), w(".", "PUNCT", 2, "punct")}},
		{Words: []doc.Word{w("The", "DET", 2, "det"), w("group", "NOUN", 3, "nsubj"), w("claimed", "VERB", 0, "root"), w("responsibility", "NOUN", 3, "obj"), w("for", "ADP", 7, "case"), w("the", "DET", 7, "det"), w("attack", "NOUN", 3, "obl"), w(".", "PUNCT", 3, "punct")}},
	}
	for _, beam := range []int{1, 4} {
		p, err := Train(train, nil, TrainOptions{Epochs: 20, Seed: 1, Beam: beam})
		if err != nil {
			t.Fatal(err)
		}
		if p.Beam() != beam || p.WithBeam(2).Beam() != 2 || p.Beam() != beam {
			t.Fatalf("beam %d: Beam() %d, WithBeam(2).Beam() %d", beam, p.Beam(), p.WithBeam(2).Beam())
		}
		for si, g := range train {
			s := doc.Sentence{Words: slices.Clone(g.Words)}
			for i := range s.Words {
				s.Words[i].Head, s.Words[i].Deprel = -1, ""
			}
			p.Parse(&s)
			for i := range s.Words {
				if s.Words[i].Head != g.Words[i].Head || s.Words[i].Deprel != g.Words[i].Deprel {
					t.Errorf("beam %d sentence %d word %d: %d %s, want %d %s", beam, si, i+1,
						s.Words[i].Head, s.Words[i].Deprel, g.Words[i].Head, g.Words[i].Deprel)
				}
			}
		}
	}
}
