package segment

import (
	"github.com/dyadproject/dyad/internal/doc"
)

// Counts holds the sizes of a gold set, a system set and their
// intersection.
type Counts struct {
	Gold, System, Correct int
}

// Precision is Correct/System, 0 when the system found nothing.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.System) }

// Recall is Correct/Gold, 0 when the gold set is empty.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores compares a segmentation with gold documents, the way the CoNLL
// 2018 shared task scored raw-text input: items match when their byte
// spans are equal.
type Scores struct {
	// Tokens are surface tokens: a multiword token counts once.
	Tokens Counts
	// Words are syntactic words, matched by span and form.
	Words Counts
	// Sentences are spans from a sentence's first word to its last.
	Sentences Counts
}

// Score segments the text of every gold document with seg and compares the
// result with the gold sentences and words (as built by conllu.Join, whose
// spans are offsets into Document.Text).
func Score(gold []doc.Document, seg *Segmenter) Scores {
	var sc Scores
	for i := range gold {
		d := &gold[i]
		sc.add(d.Sentences, seg.Segment(d.Text))
	}
	return sc
}

type wordKey struct {
	span doc.Span
	form string
}

// add compares the sentences of one document.
func (sc *Scores) add(gold, sys []doc.Sentence) {
	gTok, gWord, gSent := spans(gold)
	sTok, sWord, sSent := spans(sys)
	sc.Tokens.Gold += len(gTok)
	sc.Tokens.System += len(sTok)
	sc.Words.Gold += len(gWord)
	sc.Words.System += len(sWord)
	sc.Sentences.Gold += len(gSent)
	sc.Sentences.System += len(sSent)
	for k := range sTok {
		if gTok[k] {
			sc.Tokens.Correct++
		}
	}
	for k := range sWord {
		if gWord[k] {
			sc.Words.Correct++
		}
	}
	for k := range sSent {
		if gSent[k] {
			sc.Sentences.Correct++
		}
	}
}

func spans(sents []doc.Sentence) (toks map[doc.Span]bool, words map[wordKey]bool, ss map[doc.Span]bool) {
	toks, words, ss = map[doc.Span]bool{}, map[wordKey]bool{}, map[doc.Span]bool{}
	for i := range sents {
		s := &sents[i]
		if len(s.Words) == 0 {
			continue
		}
		ss[doc.Span{Start: s.Words[0].Span.Start, End: s.Words[len(s.Words)-1].Span.End}] = true
		for _, w := range s.Words {
			words[wordKey{w.Span, w.Form}] = true
		}
		for _, r := range s.Tokens() {
			toks[doc.Span{Start: s.Words[r[0]].Span.Start, End: s.Words[r[1]-1].Span.End}] = true
		}
	}
	return toks, words, ss
}
