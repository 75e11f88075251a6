package source

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
)

// sharedNews is the news text of the data folder, as docs/sources.md
// tells dyad ingest to read it: a folder, and within it a glob ("" for
// the whole folder), the articles it holds, and how many of them have
// no text (Reuters' NEWID 12793 is an empty UNPROC record).
var sharedNews = []struct {
	dir, glob       string
	articles, empty int
}{
	{"news", "", 89, 0},
	{"eval/bbc-news-2225", "", 2225, 0},
	{"eval/reuters-21578", "reut2-*.sgm", 21578, 1},
	{"eval/tempeval3-silver", "", 2452, 0},
	{"eval/worldwide-newswire/original_articles", "*.txt", 1095, 0},
	{"eval/guardian-sdf-sample", "", 249, 0},
	{"eval/semeval2015-timeline", "corpus_*/corpus_trackA_TimeML", 90, 0},
}

// sharedFiles returns the files of one entry of sharedNews, skipping the
// test when the data folder lacks it.
func sharedFiles(tb testing.TB, dir, glob string) []string {
	tb.Helper()
	d := datatest.Dir(tb, dir)
	names := []string{d}
	if glob != "" {
		var err error
		if names, err = filepath.Glob(filepath.Join(d, glob)); err != nil || len(names) == 0 {
			tb.Skipf("skipping: no %s in %s (%v)", glob, d, err)
		}
	}
	var files []string
	for _, n := range names {
		fs, err := Files(n)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, fs...)
	}
	return files
}

// TestCountShared reads the news of the data folder and counts its
// articles (docs/sources.md has the table): each folder holds as many as
// its SOURCES.md says, every article but the known empty ones has text,
// and no key repeats.
func TestCountShared(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: reads about 28,000 articles")
	}
	keys := map[string]bool{}
	for _, src := range sharedNews {
		t.Run(filepath.Base(src.dir), func(t *testing.T) {
			files := sharedFiles(t, src.dir, src.glob)
			start := time.Now()
			var n, dated, linked, empty, warned int
			for _, f := range files {
				err := Read(context.Background(), f, Options{}, func(a *Article) error {
					n++
					if keys[a.Source] {
						t.Errorf("key %s repeats", a.Source)
					}
					keys[a.Source] = true
					if !a.Published.IsZero() {
						dated++
					}
					if a.URL != "" {
						linked++
					}
					if strings.TrimSpace(a.Text) == "" {
						empty++
					}
					if len(a.Warnings) > 0 {
						warned++
						t.Logf("%s: %q", a.Source, a.Warnings)
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
			took := time.Since(start)
			t.Logf("| %s%s | %d files | %d articles | %d dated | %d with a URL | %d with warnings | %.2f s | %.0f articles/s |",
				src.dir, map[bool]string{true: "/" + src.glob}[src.glob != ""], len(files), n, dated, linked, warned, took.Seconds(), float64(n)/took.Seconds())
			if n != src.articles || empty != src.empty {
				t.Errorf("%d articles, %d without text; want %d, %d", n, empty, src.articles, src.empty)
			}
		})
	}
}

// TestReadSharedTwice: the same Reuters file read twice gives the same
// keys.
func TestReadSharedTwice(t *testing.T) {
	files := sharedFiles(t, "eval/reuters-21578", "reut2-017.sgm")
	var runs [2][]string
	for i := range runs {
		Read(context.Background(), files[0], Options{}, func(a *Article) error {
			runs[i] = append(runs[i], a.Source)
			return nil
		})
	}
	if len(runs[0]) == 0 || strings.Join(runs[0], " ") != strings.Join(runs[1], " ") {
		t.Errorf("keys differ between runs, or none: %d and %d", len(runs[0]), len(runs[1]))
	}
}

// BenchmarkReadReuters reads the 22 files of Reuters-21578.
func BenchmarkReadReuters(b *testing.B) {
	files := sharedFiles(b, "eval/reuters-21578", "reut2-*.sgm")
	n := 0
	for b.Loop() {
		for _, f := range files {
			if err := Read(context.Background(), f, Options{}, func(*Article) error { n++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(0, "ns/op")
}
