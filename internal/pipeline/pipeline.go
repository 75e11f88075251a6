// Package pipeline runs the stages over text: it is the one place where
// dyad works concurrently. Text is cut at paragraph breaks into chunks,
// chunks are segmented and analyzed by a pool of workers, and sentences
// come back in text order with offsets into the whole text, so memory
// stays bounded however long the input is.
package pipeline

import (
	"context"
	"runtime"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
)

// Pipeline segments and analyzes text. It is immutable and safe for
// concurrent use.
type Pipeline struct {
	seg     *segment.Segmenter
	syn     *syntax.Analyzer
	workers int
}

// New returns a pipeline running up to workers chunks at once (0 means
// one per CPU).
func New(seg *segment.Segmenter, syn *syntax.Analyzer, workers int) *Pipeline {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Pipeline{seg: seg, syn: syn, workers: workers}
}

// Document segments and analyzes one text, on the calling goroutine.
func (p *Pipeline) Document(id, text string) *doc.Document {
	d := &doc.Document{ID: id, Text: text, Sentences: p.seg.Segment(text)}
	if p.syn != nil {
		p.syn.AnalyzeDocument(d)
	}
	return d
}

// chunkSize is the size chunks are cut at (at a paragraph break after it).
const chunkSize = 64 << 10

// Stream segments and analyzes text in parallel chunks and calls emit with
// the sentences of each chunk, in text order; spans are offsets into text.
// It stops at the first error emit returns or when ctx is done.
func (p *Pipeline) Stream(ctx context.Context, text string, emit func([]doc.Sentence) error) error {
	type span struct{ start, end int }
	start := 0
	next := func() (span, bool, error) {
		if start >= len(text) {
			return span{}, false, nil
		}
		end := cut(text, start, chunkSize)
		c := span{start, end}
		start = end
		return c, true, nil
	}
	analyze := func(_ context.Context, c span) ([]doc.Sentence, error) { return p.chunk(text, c.start, c.end), nil }
	return Ordered(ctx, p.workers, next, analyze, emit)
}

// chunk segments and analyzes text[start:end] and shifts its spans.
func (p *Pipeline) chunk(text string, start, end int) []doc.Sentence {
	sents := p.seg.Segment(text[start:end])
	for i := range sents {
		s := &sents[i]
		s.Span.Start += start
		s.Span.End += start
		for j := range s.Words {
			s.Words[j].Span.Start += start
			s.Words[j].Span.End += start
		}
		for j := range s.Multi {
			s.Multi[j].Span.Start += start
			s.Multi[j].Span.End += start
		}
		if p.syn != nil {
			p.syn.Analyze(s)
		}
	}
	return sents
}

// cut returns the end of the chunk starting at start: the first paragraph
// break (a blank line) after size bytes, else a line break after 4×size,
// else a space after 16×size, else the end of the text. Sentences never
// cross blank lines, so cutting there changes no sentence.
func cut(text string, start, size int) int {
	if len(text)-start <= size {
		return len(text)
	}
	for _, c := range []struct {
		sep   string
		after int
	}{{"\n\n", size}, {"\r\n\r\n", size}, {"\n", 4 * size}, {" ", 16 * size}} {
		from := start + c.after
		if from >= len(text) {
			return len(text)
		}
		if i := strings.Index(text[from:], c.sep); i >= 0 {
			return from + i + len(c.sep)
		}
	}
	return len(text)
}
