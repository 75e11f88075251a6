package extract

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
)

// newsArticles returns every fifth BBC News article of the data folder
// (all five sections), up to n.
func newsArticles(tb testing.TB, n int) []string {
	dir := datatest.Dir(tb, "eval/bbc-news-2225")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("skipping: no BBC articles in %s", dir)
	}
	sort.Strings(files)
	var out []string
	for i := 0; i < len(files) && len(out) < n; i += 5 {
		b, err := os.ReadFile(files[i])
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// BenchmarkExtract runs the whole path, raw text to events, on one
// goroutine over real news, and reports sentences and events per second.
func BenchmarkExtract(b *testing.B) {
	benchExtract(b, newTestExtractor(b))
}

// BenchmarkExtractWithoutTimePlace is BenchmarkExtract with no time
// expressions, event dating, places or borders: the difference is what
// time and place cost (issue 4 allows them 25% of the whole path).
func BenchmarkExtractWithoutTimePlace(b *testing.B) {
	y := *newTestExtractor(b)
	y.timex, y.geo, y.borders = nil, nil, nil
	benchExtract(b, &y)
}

func benchExtract(b *testing.B, x *Extractor) {
	arts := newsArticles(b, 200)
	date := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	var sents, parsed, events, bytes int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		res, err := x.Extract(ctx, Article{ID: "b", Text: a, Date: date})
		if err != nil {
			b.Fatal(err)
		}
		sents += len(res.Doc.Sentences)
		for _, st := range res.Doc.Sentences {
			if len(st.Words) > 0 && st.Words[0].Head >= 0 {
				parsed++
			}
		}
		events += len(res.Events)
		bytes += len(a)
	}
	b.SetBytes(int64(bytes / max(b.N, 1)))
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(sents)/sec, "sentences/s")
	b.ReportMetric(float64(events)/sec, "events/s")
	b.ReportMetric(float64(parsed)/float64(max(sents, 1)), "parsed/sentence")
}
