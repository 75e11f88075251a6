package depparse

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// toyTreebank is three tagged and parsed sentences.
func toyTreebank() []doc.Sentence {
	w := func(form, tag string, head int, rel string) doc.Word {
		return doc.Word{Form: form, UPOS: tag, XPOS: tag, Head: head, Deprel: rel}
	}
	return []doc.Sentence{
		{Words: []doc.Word{w("Iran", "PROPN", 2, "nsubj"), w("attacked", "VERB", 0, "root"), w("bases", "NOUN", 2, "obj"), w(".", "PUNCT", 2, "punct")}},
		{Words: []doc.Word{w("Pakistan", "PROPN", 2, "nsubj"), w("condemned", "VERB", 0, "root"), w("the", "DET", 4, "det"), w("strikes", "NOUN", 2, "obj"), w(".", "PUNCT", 2, "punct")}},
		{Words: []doc.Word{w("The", "DET", 2, "det"), w("group", "NOUN", 3, "nsubj"), w("claimed", "VERB", 0, "root"), w("responsibility", "NOUN", 3, "obj"), w("for", "ADP", 7, "case"), w("the", "DET", 7, "det"), w("attack", "NOUN", 3, "obl"), w(".", "PUNCT", 3, "punct")}},
	}
}

// TestBeamLearnsToyTreebank trains greedy and beam parsers on a few
// sentences; both must reproduce them and produce trees.
func TestBeamLearnsToyTreebank(t *testing.T) {
	train := toyTreebank()
	for _, beam := range []int{1, 4} {
		p, err := Train(train, nil, TrainOptions{Epochs: 20, Seed: 1, Beam: beam})
		if err != nil {
			t.Fatal(err)
		}
		if p.Beam() != beam || p.WithBeam(2).Beam() != 2 || p.Beam() != beam {
			t.Fatalf("beam %d: Beam() %d, WithBeam(2).Beam() %d", beam, p.Beam(), p.WithBeam(2).Beam())
		}
		parsesAll(t, fmt.Sprintf("beam %d", beam), p, train)
	}
}

// TestMarginRoundTrip checks that training tunes a pruning margin on dev,
// that the margin survives writing and reading, that a pruned beam still
// parses the training sentences, and that a file with a bad margin is
// refused.
func TestMarginRoundTrip(t *testing.T) {
	train := toyTreebank()
	p, err := Train(train, train, TrainOptions{Epochs: 20, Seed: 1, Beam: 4})
	if err != nil {
		t.Fatal(err)
	}
	if p.Margin() <= 0 {
		t.Fatalf("margin %v after training with a dev set, want > 0", p.Margin())
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Read(bytes.NewReader(buf.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := q.Margin() - p.Margin(); d > 1e-3*p.Margin() || d < -1e-3*p.Margin() {
		t.Errorf("margin %v after reading, wrote %v", q.Margin(), p.Margin())
	}
	if q.WithBeam(2).Margin() != q.Margin() {
		t.Error("WithBeam dropped the margin")
	}
	uas, las := q.Score(train)
	if uas != 1 || las != 1 {
		t.Errorf("pruned beam on its training sentences: UAS %.2f LAS %.2f, want 1", uas, las)
	}

	for _, bad := range []float32{-1, float32(math.NaN()), float32(math.Inf(1))} {
		var f fileFormat
		if err := gob.NewDecoder(bytes.NewReader(buf.Bytes())).Decode(&f); err != nil {
			t.Fatal(err)
		}
		f.Margin = bad
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(f); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(&b, nil); err == nil {
			t.Errorf("margin %v: read without error", bad)
		}
	}
}

// TestKeepBest checks keepBest against a stable sort of the candidates
// by score, best first, cut to k.
func TestKeepBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		k := 1 + rng.IntN(9)
		var all, best []cand
		for parent := range rng.IntN(9) {
			for kind := range 4 {
				c := cand{parent: parent, kind: kind, score: float32(rng.IntN(6))} // many ties
				all = append(all, c)
				best = keepBest(best, k, c)
			}
		}
		slices.SortStableFunc(all, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
		if want := all[:min(k, len(all))]; !slices.Equal(best, want) {
			t.Fatalf("trial %d, k %d: kept %v, want %v", trial, k, best, want)
		}
	}
}
