package ud

import (
	"context"
	"fmt"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/treebank"
)

// Result is the outcome of the ud suite: the analysis of the test split
// from gold tokenization and from raw text.
type Result struct {
	Sentences, Words int
	GoldTok, RawText Scores
}

// Run scores seg and syn on the split of the treebank in dir. From gold
// tokenization, the analyzer sees the gold words; from raw text, the
// segmenter sees the text the CoNLL 2018 shared task would give (see
// conllu.Join) and the analyzer its output.
func Run(ctx context.Context, dir string, split treebank.Split, seg *segment.Segmenter, syn *syntax.Analyzer) (*Result, error) {
	sents, err := treebank.Load(dir, split)
	if err != nil {
		return nil, fmt.Errorf("ud suite: %w", err)
	}
	gold := conllu.Join(sents)
	r := &Result{Sentences: len(sents)}
	for _, s := range sents {
		r.Words += len(s.Words)
	}

	sys := StripAnnotations(gold)
	for i := range sys {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		syn.AnalyzeDocument(&sys[i])
	}
	if r.GoldTok, err = EvaluateGoldTokens(gold, sys); err != nil {
		return nil, fmt.Errorf("ud suite, gold tokenization: %w", err)
	}

	raw := make([]doc.Document, len(gold))
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		raw[i] = doc.Document{ID: g.ID, Text: g.Text, Sentences: seg.Segment(g.Text)}
		syn.AnalyzeDocument(&raw[i])
	}
	if r.RawText, err = Evaluate(gold, raw); err != nil {
		return nil, fmt.Errorf("ud suite, raw text: %w", err)
	}
	return r, nil
}

// JSON is the machine-readable form of a Result: metrics are F1 scores as
// fractions between 0 and 1.
func (r *Result) JSON() map[string]any {
	f := func(m Metric) float64 { return round4(m.F1()) }
	return map[string]any{
		"suite":     "ud",
		"sentences": r.Sentences,
		"words":     r.Words,
		"gold_tok": map[string]float64{
			"upos": f(r.GoldTok.UPOS), "xpos": f(r.GoldTok.XPOS), "ufeats": f(r.GoldTok.UFeats),
			"alltags": f(r.GoldTok.AllTags), "lemma": f(r.GoldTok.Lemmas),
			"uas": f(r.GoldTok.UAS), "las": f(r.GoldTok.LAS), "clas": f(r.GoldTok.CLAS),
		},
		"raw_text": map[string]float64{
			"tokens_f1": f(r.RawText.Tokens), "sentences_f1": f(r.RawText.Sentences),
			"words_f1": f(r.RawText.Words), "upos": f(r.RawText.UPOS), "xpos": f(r.RawText.XPOS),
			"lemma": f(r.RawText.Lemmas), "uas": f(r.RawText.UAS), "las": f(r.RawText.LAS),
		},
	}
}

func round4(x float64) float64 {
	return float64(int64(x*1e6+0.5)) / 1e6
}
