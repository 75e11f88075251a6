package syntax

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/depparse"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/morph"
	"github.com/dyadproject/dyad/internal/tag"
	"github.com/dyadproject/dyad/internal/treebank"
)

// TrainOptions control `dyad train syntax`.
type TrainOptions struct {
	Treebank      string            // a UD treebank folder laid out like ud-english-ewt
	Out           string            // folder the model files are written to
	Clusters      *cluster.Clusters // word clusters for the features, or nil
	Seed          uint64
	Folds         int // jackknife folds for the parser's training tags (default 10)
	TaggerEpochs  int
	ParserEpochs  int
	ParserExplore float64
	ParserBeam    int // beam width of the parser; above 1 it is trained globally
	// Stack trains a right-to-left greedy parser first and stacks the
	// parser on it: the guide's tree is read as features (docs/syntax.md).
	Stack       bool
	GuideEpochs int // epochs of the right-to-left guide (default 15)
	Log         io.Writer
}

// Train trains every syntax model from the treebank's train split, using
// dev to pick epochs, and writes them to opt.Out. The test split is never
// read. The parser learns from tags predicted by taggers trained on the
// other folds (jackknifing), so it sees the tagging errors it will meet.
func Train(ctx context.Context, opt TrainOptions) error {
	if opt.Folds < 2 {
		opt.Folds = 10
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	start := time.Now()
	train, err := treebank.Load(opt.Treebank, treebank.Train)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	dev, err := treebank.Load(opt.Treebank, treebank.Dev)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	logf("treebank: %d train and %d dev sentences", len(train), len(dev))
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}

	tagOpt := tag.TrainOptions{Epochs: opt.TaggerEpochs, Seed: opt.Seed, Log: opt.Log, Clusters: opt.Clusters}
	tagger, err := tag.Train(train, dev, tagOpt)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	if err := save(filepath.Join(opt.Out, TaggerFile), tagger); err != nil {
		return err
	}
	logf("tagger done after %s", time.Since(start).Round(time.Second))

	lem, err := morph.Train(train)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	if err := save(filepath.Join(opt.Out, MorphFile), lem); err != nil {
		return err
	}

	// Jackknifed tags for the parser's training data.
	foldOpt := tagOpt
	foldOpt.Log = nil
	jack, err := jackknife(ctx, train, opt.Folds, "tagged", opt.Log, func(rest []doc.Sentence) (func(*doc.Sentence), error) {
		t, err := tag.Train(rest, dev, foldOpt)
		if err != nil {
			return nil, err
		}
		return t.Tag, nil
	})
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	devTagged := cloneSentences(dev)
	for i := range devTagged {
		tagger.Tag(&devTagged[i])
	}
	popt := depparse.TrainOptions{
		Epochs: opt.ParserEpochs, Seed: opt.Seed, Explore: opt.ParserExplore, Log: opt.Log, Beam: opt.ParserBeam,
		Clusters: opt.Clusters,
	}
	if opt.Stack {
		popt.Guide, popt.TrainGuides, err = trainGuide(ctx, jack, devTagged, opt)
		if err != nil {
			return err
		}
		logf("right-to-left guide done after %s", time.Since(start).Round(time.Second))
	}
	parser, err := depparse.Train(jack, devTagged, popt)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	if err := save(filepath.Join(opt.Out, ParserFile), parser); err != nil {
		return err
	}
	logf("syntax models written to %s in %s", opt.Out, time.Since(start).Round(time.Second))
	return nil
}

// trainGuide trains the right-to-left greedy parser a stacked parser reads
// on all of train, and returns it with its trees of the training
// sentences, each made by a guide trained on the other folds
// (jackknifing), so that the stacked parser learns from trees as good as
// the guide's on unseen text.
func trainGuide(ctx context.Context, train, dev []doc.Sentence, opt TrainOptions) (*depparse.Parser, []doc.Sentence, error) {
	if opt.GuideEpochs <= 0 {
		opt.GuideEpochs = 15
	}
	gopt := depparse.TrainOptions{Epochs: opt.GuideEpochs, Seed: opt.Seed, Explore: opt.ParserExplore, Beam: 1,
		Clusters: opt.Clusters, Reverse: true}
	trees, err := jackknife(ctx, train, opt.Folds, "parsed by the guide", opt.Log, func(rest []doc.Sentence) (func(*doc.Sentence), error) {
		g, err := depparse.Train(rest, dev, gopt)
		if err != nil {
			return nil, err
		}
		return g.Parse, nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("train syntax: guide: %w", err)
	}
	gopt.Log = opt.Log
	g, err := depparse.Train(train, dev, gopt)
	if err != nil {
		return nil, nil, fmt.Errorf("train syntax: guide: %w", err)
	}
	return g, trees, nil
}

// jackknife returns a copy of train in which every sentence of fold k (the
// sentences i with i%folds == k) is annotated by the annotator that fit
// learns from the other folds, so that it is annotated as unseen text is.
func jackknife(ctx context.Context, train []doc.Sentence, folds int, what string, log io.Writer,
	fit func(rest []doc.Sentence) (func(*doc.Sentence), error)) ([]doc.Sentence, error) {
	out := cloneSentences(train)
	for k := 0; k < folds; k++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var rest []doc.Sentence
		for i := range train {
			if i%folds != k {
				rest = append(rest, train[i])
			}
		}
		annotate, err := fit(rest)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", k, err)
		}
		for i := k; i < len(out); i += folds {
			annotate(&out[i])
		}
		if log != nil {
			fmt.Fprintf(log, "jackknife fold %d/%d %s\n", k+1, folds, what)
		}
	}
	return out, nil
}

func cloneSentences(in []doc.Sentence) []doc.Sentence {
	out := make([]doc.Sentence, len(in))
	for i, s := range in {
		out[i] = s
		out[i].Words = slices.Clone(s.Words)
	}
	return out
}

// save writes a model file atomically: a crash leaves the old file.
func save(path string, m io.WriterTo) error {
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
