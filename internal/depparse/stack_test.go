package depparse

import (
	"bytes"
	"encoding/gob"
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// parsesAll reports the first word of train that p parses differently.
func parsesAll(t *testing.T, name string, p *Parser, train []doc.Sentence) {
	t.Helper()
	for si, g := range train {
		s := doc.Sentence{Words: slices.Clone(g.Words)}
		for i := range s.Words {
			s.Words[i].Head, s.Words[i].Deprel = -1, ""
		}
		p.Parse(&s)
		for i := range s.Words {
			if s.Words[i].Head != g.Words[i].Head || s.Words[i].Deprel != g.Words[i].Deprel {
				t.Errorf("%s: sentence %d word %d: %d %s, want %d %s", name, si, i+1,
					s.Words[i].Head, s.Words[i].Deprel, g.Words[i].Head, g.Words[i].Deprel)
			}
		}
	}
}

// TestReverseWords checks that reversing renumbers heads and is its own
// inverse.
func TestReverseWords(t *testing.T) {
	s := toyTreebank()[2]
	r := reverseWords(nil, s.Words)
	if r[0].Form != "." || r[0].Head != 6 || r[5].Form != "claimed" || r[5].Head != 0 {
		t.Fatalf("reversed: %+v", r)
	}
	if back := reverseWords(nil, r); !slices.Equal(back, s.Words) {
		t.Fatalf("reversing twice: %+v", back)
	}
}

// TestStackedParser trains a right-to-left guide and a left-to-right
// parser stacked on it (greedy and with a beam) on the toy treebank: each
// must reproduce the trees, survive writing and reading, and a stacked
// parser must refuse to train without a guide tree per sentence.
func TestStackedParser(t *testing.T) {
	train := toyTreebank()
	guide, err := Train(train, nil, TrainOptions{Epochs: 20, Seed: 1, Reverse: true})
	if err != nil {
		t.Fatal(err)
	}
	parsesAll(t, "right to left", guide, train)
	trees := make([]doc.Sentence, len(train))
	for i, s := range train {
		trees[i] = doc.Sentence{Words: slices.Clone(s.Words)}
		guide.Parse(&trees[i])
	}
	for _, beam := range []int{1, 4} {
		p, err := Train(train, nil, TrainOptions{Epochs: 20, Seed: 1, Beam: beam, Guide: guide, TrainGuides: trees})
		if err != nil {
			t.Fatal(err)
		}
		parsesAll(t, "stacked", p, train)
		var buf bytes.Buffer
		if _, err := p.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		q, err := Read(&buf, nil)
		if err != nil {
			t.Fatal(err)
		}
		if q.guide == nil || !q.guide.reverse || q.reverse {
			t.Fatalf("read back: guide %v, reverse %v", q.guide != nil, q.reverse)
		}
		parsesAll(t, "stacked, read back", q, train)
	}
	if _, err := Train(train, nil, TrainOptions{Epochs: 1, Guide: guide, TrainGuides: trees[:1]}); err == nil {
		t.Error("a stacked parser trained with too few guide trees")
	}
	if _, err := Train(train, nil, TrainOptions{Epochs: 1, Guide: guide, TrainGuides: trees, Reverse: true}); err == nil {
		t.Error("a stacked right-to-left parser trained")
	}
}

// TestPlainParserKeepsVersion2 checks that a parser that is neither
// stacked nor reversed is written as version 2, as before stacking, so
// that retraining the committed parser gives the same file.
func TestPlainParserKeepsVersion2(t *testing.T) {
	p, err := Train(toyTreebank(), nil, TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	var f fileFormat
	if err := gob.NewDecoder(&buf).Decode(&f); err != nil {
		t.Fatal(err)
	}
	if f.Version != 2 || f.Reverse || len(f.Guide) > 0 {
		t.Fatalf("plain parser written as version %d (reverse %v, guide %d bytes)", f.Version, f.Reverse, len(f.Guide))
	}
}
