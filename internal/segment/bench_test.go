package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newsCorpus returns real news text for benchmarks: the BBC articles
// under DATA/eval/bbc-news-2225 (about 5 MB), or skips.
func newsCorpus(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(dataDir(b), "eval", "bbc-news-2225")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no BBC news texts under %s", dir)
	}
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// BenchmarkSegment segments the BBC news corpus one article at a time,
// as the pipeline does, and reports bytes, surface tokens and words per
// second.
func BenchmarkSegment(b *testing.B) {
	text := newsCorpus(b)
	articles := strings.Split(text, "\n\n\n")
	seg, err := New()
	if err != nil {
		b.Fatal(err)
	}
	words, tokens := 0, 0
	for _, a := range articles {
		for _, s := range seg.Segment(a) {
			words += len(s.Words)
			tokens += len(s.Tokens())
		}
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range articles {
			seg.Segment(a)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
