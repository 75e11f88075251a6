package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/extract/extracttest"
	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// extractor is the embedded extractor, built once for all tests.
func extractor(tb testing.TB) *extract.Extractor { return extracttest.Embedded(tb) }

func testConfig(tb testing.TB) (Config, store.Store) {
	tb.Helper()
	return testConfigAt(tb, filepath.Join(tb.TempDir(), "dyad.db"))
}

// eachStore runs a test with a store file and with a PostgreSQL store
// (skipped without PostgreSQL's binaries).
func eachStore(t *testing.T, test func(t *testing.T, cfg Config, st store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		cfg, st := testConfig(t)
		test(t, cfg, st)
	})
	t.Run("postgres", func(t *testing.T) {
		cfg, st := testConfigAt(t, pgtest.Start(t).CreateDB(t, "dyad"))
		test(t, cfg, st)
	})
}

func testConfigAt(tb testing.TB, location string) (Config, store.Store) {
	tb.Helper()
	st, err := store.Open(context.Background(), location,
		store.Options{Similar: dedup.SimilarEncoded, Threshold: dedup.Threshold})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return Config{Store: st, Extractor: extractor(tb), Coder: "test", Hash: dedup.ContentHash, Sign: dedup.SignEncoded, Batch: 2}, st
}

// TestOneStoryManySources ingests one wire story as text, as a web page and
// as a syndicated copy with another headline, and another article about
// the same strike: one canonical article with three sources, and the
// strike one event cluster with two articles.
func TestOneStoryManySources(t *testing.T) {
	eachStore(t, func(t *testing.T, cfg Config, st store.Store) {
		ctx := context.Background()
		stats, err := Run(ctx, cfg, []string{"testdata/story"})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Read != 4 {
			t.Fatalf("read %d articles, want 4", stats.Read)
		}
		groups, err := st.Canonical(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 2 {
			t.Fatalf("%d canonical articles, want 2: %+v", len(groups), groups)
		}
		var wire, other store.CanonicalGroup
		for _, g := range groups {
			if len(g.Sources) > 1 {
				wire = g
			} else {
				other = g
			}
		}
		if len(wire.Sources) != 3 || filepath.Base(wire.Sources[0]) != "page.html" && filepath.Base(wire.Sources[0]) != "syndicated.txt" && filepath.Base(wire.Sources[0]) != "wire.txt" {
			t.Errorf("wire story: sources %q, want page.html, syndicated.txt and wire.txt", wire.Sources)
		}
		if len(other.Sources) != 1 || filepath.Base(other.Sources[0]) != "other.txt" {
			t.Errorf("other article: sources %q, want other.txt", other.Sources)
		}
		cls, err := st.Clusters(ctx, store.Filter{Source: "IRN", Target: "PAK", Root: "19"})
		if err != nil {
			t.Fatal(err)
		}
		if len(cls) != 1 {
			t.Fatalf("%d clusters of Iran's strike on Pakistan, want 1: %+v", len(cls), cls)
		}
		if c := cls[0]; c.Articles != 2 || c.Date != "2024-01-16" {
			t.Errorf("the strike: %d articles on %s, want 2 on 2024-01-16 (%+v)", c.Articles, c.Date, c)
		}

		// Again: nothing is added.
		before, _ := st.Counts(ctx)
		again, err := Run(ctx, cfg, []string{"testdata/story"})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := st.Counts(ctx)
		if before != after || again.Known != 4 || again.Coded != 0 {
			t.Errorf("second run: %+v known, %d coded; counts %+v -> %+v", again.Known, again.Coded, before, after)
		}
	})
}

// TestRecode codes the stored articles again with a new coder version:
// their events are replaced, not added to, and each keeps the history of
// its codings; a second recode with the same version does nothing.
func TestRecode(t *testing.T) {
	eachStore(t, func(t *testing.T, cfg Config, st store.Store) {
		ctx := context.Background()
		if _, err := Run(ctx, cfg, []string{"testdata/story"}); err != nil {
			t.Fatal(err)
		}
		before, _ := st.Counts(ctx)
		clusters, _ := st.Clusters(ctx, store.Filter{})
		cfg.Coder = "test-2"
		stats, err := Recode(ctx, cfg, false)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Recoded != before.Articles || stats.Coded != before.Articles {
			t.Errorf("recoded %d (coded %d) of %d articles", stats.Recoded, stats.Coded, before.Articles)
		}
		after, _ := st.Counts(ctx)
		if after != before {
			t.Errorf("recoding with the same rules changed the counts: %+v -> %+v", before, after)
		}
		again, _ := st.Clusters(ctx, store.Filter{})
		for i := range again {
			again[i].ID = clusters[i].ID // ids of recreated clusters may differ
		}
		b1, _ := json.Marshal(clusters)
		b2, _ := json.Marshal(again)
		if string(b1) != string(b2) {
			t.Errorf("clusters changed:\n%s\n%s", b1, b2)
		}
		hist, err := st.Codings(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].Coder != "test" || hist[1].Coder != "test-2" || !hist[1].Current || hist[0].Current {
			t.Errorf("history of article 1: %+v", hist)
		}
		if stats, err := Recode(ctx, cfg, false); err != nil || stats.Read != 0 {
			t.Errorf("second recode read %d articles, %v; want 0", stats.Read, err)
		}
	})
}

// TestArticles ingests articles handed over one by one, as dyad watch
// does with a feed's items: the second time they are all known, and an
// error of the reader is the run's.
func TestArticles(t *testing.T) {
	ctx := context.Background()
	cfg, st := testConfig(t)
	arts := []source.Article{
		{Source: "https://news.example/strike", Title: "Iran strikes Pakistan",
			Text: "Iran fired missiles at Pakistan on Tuesday, Pakistan's foreign ministry said."},
		{Source: "https://news.example/empty", Title: ""},
	}
	read := func(ctx context.Context, emit func(*source.Article) error) error {
		for i := range arts {
			a := arts[i] // a copy: ingest may keep what it is given
			if err := emit(&a); err != nil {
				return err
			}
		}
		return nil
	}
	stats, err := Articles(ctx, cfg, read)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Read != 2 || stats.Known != 0 || stats.Articles != 1 || stats.Report.Skipped != 1 || stats.Report.Events == 0 {
		t.Fatalf("first run: %+v", stats)
	}
	for _, a := range arts {
		if known, err := st.Known(ctx, a.Source); err != nil || !known {
			t.Errorf("%s: known %v, %v", a.Source, known, err)
		}
	}
	again, err := Articles(ctx, cfg, read)
	if err != nil {
		t.Fatal(err)
	}
	if again.Read != 2 || again.Known != 2 || again.Coded != 0 {
		t.Errorf("second run: %+v", again)
	}
	bad := errors.New("feed cut short")
	if _, err := Articles(ctx, cfg, func(context.Context, func(*source.Article) error) error { return bad }); !errors.Is(err, bad) {
		t.Errorf("reader's error: got %v", err)
	}
}
