// Package syntax is the syntax stage of the pipeline: it tags, lemmatizes
// and parses the sentences the segmenter found, with models trained by
// `dyad train syntax` on UD English-EWT and embedded in the binary.
package syntax

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/depparse"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/morph"
	"github.com/dyadproject/dyad/internal/tag"
)

// File names of the models inside a model folder.
const (
	TaggerFile   = "tagger.bin"
	MorphFile    = "morph.bin"
	ParserFile   = "parser.bin"
	ClustersFile = "clusters.bin"
)

// Models are the trained components of the stage.
type Models struct {
	Tagger   *tag.Tagger
	Morph    *morph.Model
	Parser   *depparse.Parser
	Clusters *cluster.Clusters // optional
}

// Analyzer tags, lemmatizes and parses sentences. It is immutable and safe
// for concurrent use.
type Analyzer struct {
	m       Models
	noFeats bool // Tag and Analyze leave Feats empty
}

// New returns an analyzer over m.
func New(m Models) (*Analyzer, error) {
	var errs []error
	if m.Tagger == nil {
		errs = append(errs, errors.New("no tagger"))
	}
	if m.Morph == nil {
		errs = append(errs, errors.New("no lemmatizer"))
	}
	if m.Parser == nil {
		errs = append(errs, errors.New("no parser"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	return &Analyzer{m: m}, nil
}

// Load reads the models from a folder (such as models.FS) and returns an
// analyzer over them.
func Load(fsys fs.FS) (*Analyzer, error) {
	var (
		m    Models
		errs []error
		err  error
	)
	open := func(name string, read func(f fs.File) error) {
		f, e := fsys.Open(name)
		if e != nil {
			errs = append(errs, fmt.Errorf("load %s: %w", name, e))
			return
		}
		defer f.Close()
		if e := read(f); e != nil {
			errs = append(errs, fmt.Errorf("load %s: %w", name, e))
		}
	}
	if _, e := fs.Stat(fsys, ClustersFile); e == nil {
		open(ClustersFile, func(f fs.File) error { m.Clusters, err = cluster.Read(f); return err })
	}
	open(TaggerFile, func(f fs.File) error { m.Tagger, err = tag.Read(f, m.Clusters); return err })
	open(MorphFile, func(f fs.File) error { m.Morph, err = morph.Read(f); return err })
	open(ParserFile, func(f fs.File) error { m.Parser, err = depparse.Read(f, m.Clusters); return err })
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	return New(m)
}

// WithBeam returns an analyzer whose parser decodes with a beam of width k
// (1: greedy), sharing a's models; k ≤ 0 keeps the trained width.
func (a *Analyzer) WithBeam(k int) *Analyzer {
	if k <= 0 {
		return a
	}
	b := *a
	b.m.Parser = b.m.Parser.WithBeam(k)
	return &b
}

// WithoutFeatures returns an analyzer, sharing a's models, whose Tag and
// Analyze fill lemmas but leave Feats empty: the event coder reads no
// morphological features, and computing them costs about a tenth of
// tagging.
func (a *Analyzer) WithoutFeatures() *Analyzer {
	b := *a
	b.noFeats = true
	return &b
}

// annotate fills the lemmas and, unless the analyzer leaves them out, the
// features of a tagged sentence.
func (a *Analyzer) annotate(s *doc.Sentence) {
	if a.noFeats {
		a.m.Morph.Lemmatize(s)
		return
	}
	a.m.Morph.Annotate(s)
}

// Analyze fills UPOS, XPOS, Lemma, Feats, Head and Deprel of every word
// of s.
func (a *Analyzer) Analyze(s *doc.Sentence) {
	if len(s.Words) == 0 {
		return
	}
	a.m.Tagger.Tag(s)
	a.annotate(s)
	a.m.Parser.Parse(s)
	repair(s)
}

// Tag fills UPOS, XPOS, Lemma and Feats of every word of s, leaving the
// parse for Parse, so that callers can parse only the sentences they need.
func (a *Analyzer) Tag(s *doc.Sentence) {
	if len(s.Words) == 0 {
		return
	}
	a.m.Tagger.Tag(s)
	a.annotate(s)
}

// Parse fills Head and Deprel of every word of a tagged sentence.
func (a *Analyzer) Parse(s *doc.Sentence) {
	if len(s.Words) == 0 {
		return
	}
	a.m.Parser.Parse(s)
	repair(s)
}

// AnalyzeDocument analyzes every sentence of d.
func (a *Analyzer) AnalyzeDocument(d *doc.Document) {
	for i := range d.Sentences {
		a.Analyze(&d.Sentences[i])
	}
}
