package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/models"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
)

func newTestPipeline(tb testing.TB, workers int) *Pipeline {
	tb.Helper()
	seg, syn := newTestStages(tb)
	return New(seg, syn, workers)
}

// newTestStages loads the segmenter and the embedded syntax models.
func newTestStages(tb testing.TB) (*segment.Segmenter, *syntax.Analyzer) {
	tb.Helper()
	seg, err := segment.New()
	if err != nil {
		tb.Fatal(err)
	}
	syn, err := syntax.Load(models.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return seg, syn
}

// newsText returns up to limit bytes of BBC news articles from the data
// folder, articles separated by blank lines.
func newsText(tb testing.TB, limit int) string {
	dir := datatest.Dir(tb, "eval/bbc-news-2225")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("skipping: no BBC articles in %s", dir)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(t)
		b.WriteString("\n\n")
		if b.Len() >= limit {
			break
		}
	}
	return b.String()
}

// TestStreamMatchesDocument checks that chunked, parallel analysis gives
// the same sentences, in order and at the same offsets, as analyzing the
// whole text at once.
func TestStreamMatchesDocument(t *testing.T) {
	text := newsText(t, 80<<10)
	p := newTestPipeline(t, 3)
	whole := p.Document("", text).Sentences
	var streamed []doc.Sentence
	err := p.Stream(context.Background(), text, func(s []doc.Sentence) error {
		streamed = append(streamed, s...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(streamed) != len(whole) {
		t.Fatalf("streamed %d sentences, whole text %d", len(streamed), len(whole))
	}
	for i := range whole {
		a, b := whole[i], streamed[i]
		if a.Span != b.Span || len(a.Words) != len(b.Words) {
			t.Fatalf("sentence %d: %v (%d words) vs %v (%d words)", i, a.Span, len(a.Words), b.Span, len(b.Words))
		}
		for j := range a.Words {
			if a.Words[j] != b.Words[j] {
				t.Fatalf("sentence %d word %d: %+v vs %+v", i, j, a.Words[j], b.Words[j])
			}
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		text  string
		start int
		want  int
	}{
		{"abc", 0, 3},
		{"aaaa\n\nbbbb\n\ncc", 0, 6},
		{"aaaa\nbbbb\ncccc", 0, 10}, // a single newline only after 4×size bytes
		{"aaaaaaaaaaaaaaaa\nbbbb", 0, 17},
	} {
		if got := cut(tc.text, tc.start, 2); got != tc.want {
			t.Errorf("cut(%q, %d) = %d, want %d", tc.text, tc.start, got, tc.want)
		}
	}
}

func TestStreamStopsOnError(t *testing.T) {
	text := newsText(t, 400<<10)
	p := newTestPipeline(t, 2)
	calls := 0
	err := p.Stream(context.Background(), text, func([]doc.Sentence) error {
		calls++
		return context.Canceled
	})
	if err != context.Canceled || calls != 1 {
		t.Errorf("err %v after %d calls, want context.Canceled after 1", err, calls)
	}
}

// BenchmarkPipeline measures segmentation, tagging, lemmatization and
// parsing of real news on one goroutine, with the parser's default beam and
// greedily (beam=1).
func BenchmarkPipeline(b *testing.B) {
	text := newsText(b, 1<<20)
	seg, syn := newTestStages(b)
	for _, beam := range []int{0, 1} {
		name, a := "beam=default", syn
		if beam > 0 {
			name, a = fmt.Sprintf("beam=%d", beam), syn.WithBeam(beam)
		}
		b.Run(name, func(b *testing.B) {
			p := New(seg, a, 1)
			words := 0
			for _, s := range p.Document("", text).Sentences {
				words += len(s.Words)
			}
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for b.Loop() {
				p.Document("", text)
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
