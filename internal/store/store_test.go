package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

func openTest(tb testing.TB, opt Options) *DB {
	tb.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(tb.TempDir(), "sub", "dyad.db"), opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// oneByteSimilar compares the one-byte signatures of tests: similar
// (0.9) when equal.
func oneByteSimilar(a, b []byte) (float64, error) {
	if a[0] == b[0] {
		return 0.9, nil
	}
	return 0.1, nil
}

func country(code string) *event.Actor {
	return &event.Actor{Entity: code, Name: code, Country: code, Code: code, Kind: "country"}
}

// strike is an event of src against tgt on a date, placed at lat, lon
// when they are not both 0.
func strike(id, src, tgt, date string, lat, lon float64) event.Event {
	e := event.Event{ID: id, Source: country(src), Target: country(tgt), CAMEO: "195", Root: "19",
		Quad: 4, Goldstein: -10, Date: date, DateGranularity: "day"}
	if lat != 0 || lon != 0 {
		e.Location = &event.Location{Name: "somewhere", Lat: lat, Lon: lon}
	}
	return e
}

func TestWriteIdempotent(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		batch := []Article{
			{Key: "a.txt", Hash: "h1", Text: "Iran struck Pakistan.", Coder: "v1",
				Events: []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 0, 0)}},
			{Key: "b.txt", Hash: "h2", Text: "Pakistan struck Iran.", Coder: "v1",
				Events: []event.Event{strike("b-1", "PAK", "IRN", "2024-01-18", 0, 0)}},
			{Key: "empty.txt", Skip: "empty article"},
		}
		rep, err := s.Write(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Articles != 2 || rep.Events != 2 || rep.Skipped != 1 || rep.Clusters != 2 {
			t.Fatalf("first write: %+v", rep)
		}
		before, _ := s.Counts(ctx)
		rep, err = s.Write(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		if rep != (Report{Known: 3}) {
			t.Fatalf("second write: %+v, want only 3 known", rep)
		}
		after, _ := s.Counts(ctx)
		if before != after {
			t.Fatalf("re-ingest changed the counts: %+v -> %+v", before, after)
		}
		for key, want := range map[string]bool{"a.txt": true, "empty.txt": true, "c.txt": false} {
			if got, err := s.Known(ctx, key); err != nil || got != want {
				t.Errorf("Known(%q) = %v, %v; want %v", key, got, err, want)
			}
		}
	})
}

func TestWriteDuplicatesAndClusters(t *testing.T) {
	eachStore(t, Options{Similar: oneByteSimilar, Threshold: 0.5}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		ev := func(id, date string, lat, lon float64) []event.Event {
			return []event.Event{strike(id, "IRN", "PAK", date, lat, lon)}
		}
		batch := []Article{
			// One story from three outlets: a text, the same text from a
			// page, and a syndicated copy with a new headline.
			{Key: "https://wire.example/story", Hash: "h1", Text: "t1", Signature: []byte{1}, Bands: []uint64{11, 12},
				Events: ev("w-1", "2024-01-16", 26.4, 62.6)},
			{Key: "https://paper.example/copy.html", Hash: "h1", Text: "t1"},
			{Key: "https://daily.example/syndicated", Hash: "h2", Text: "t1 new headline", Signature: []byte{1}, Bands: []uint64{11, 99},
				Events: ev("d-1", "2024-01-16", 26.4, 62.6)},
			// Another article about the same strike, the next day's report.
			{Key: "https://other.example/report", Hash: "h3", Text: "t3", Signature: []byte{2}, Bands: []uint64{21, 22},
				Events: ev("o-1", "2024-01-17", 0, 0)},
			// A strike of the same dyad a week later: another event.
			{Key: "https://other.example/later", Hash: "h4", Text: "t4", Signature: []byte{3}, Bands: []uint64{31, 32},
				Events: ev("o-2", "2024-01-23", 0, 0)},
			// Same dyad and day, but 1,000 km away: another event.
			{Key: "https://other.example/far", Hash: "h5", Text: "t5", Signature: []byte{4}, Bands: []uint64{41, 42},
				Events: ev("o-3", "2024-01-16", 35.7, 51.4)},
		}
		rep, err := s.Write(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		want := Report{Articles: 5, Near: 1, Duplicates: 1, Events: 5, Clusters: 3}
		if rep != want {
			t.Fatalf("report %+v, want %+v", rep, want)
		}
		var canon, n int
		if err := s.db.QueryRow(`SELECT canonical, (SELECT count(*) FROM sources WHERE article IN
		(SELECT id FROM articles WHERE canonical = a.canonical)) FROM articles a WHERE hash = 'h2'`).Scan(&canon, &n); err != nil {
			t.Fatal(err)
		}
		if canon != 1 || n != 3 {
			t.Errorf("syndicated copy: canonical %d with %d sources, want 1 with 3", canon, n)
		}
		rows, err := s.db.Query(`SELECT date, mentions, articles, sources FROM clusters ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var date string
			var m, a, src int
			rows.Scan(&date, &m, &a, &src)
			got = append(got, fmt.Sprintf("%s %d/%d/%d", date, m, a, src))
		}
		wantC := []string{"2024-01-16 3/2/4", "2024-01-23 1/1/1", "2024-01-16 1/1/1"}
		if fmt.Sprint(got) != fmt.Sprint(wantC) {
			t.Errorf("clusters (date mentions/articles/outlets) %v, want %v", got, wantC)
		}
	})
}

func TestOpenNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := OpenSQLite(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v != SchemaVersion {
		t.Fatalf("version %d, want %d", v, SchemaVersion)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenSQLite(ctx, path, Options{}); err == nil {
		t.Fatal("a file of a newer schema opened without error")
	}
}

func TestOutlet(t *testing.T) {
	for _, c := range []struct{ key, url, want string }{
		{"https://www.bbc.co.uk/news/1", "", "bbc.co.uk"},
		{"data/bbc-news-2225/politics/001.txt", "", "bbc-news-2225/politics"},
		{"data/reuters/reut2-000.sgm#12", "", "data/reuters"},
		{"x.jsonl#3", "https://voanews.com/a", "voanews.com"},
		{"-", "", "stdin"},
		{"a.txt", "", "."},
	} {
		if got := Outlet(c.key, c.url); got != c.want {
			t.Errorf("Outlet(%q, %q) = %q, want %q", c.key, c.url, got, c.want)
		}
	}
}

// BenchmarkWrite stores batches of 100 articles of 10 events each, over
// 2,500 country dyads and 336 days: the events/s of the write path,
// clustering included. The same dyad and day come back every 52,500
// events: a run of 60 batches opens a cluster for nearly every event, a
// longer one adds more and more of them to clusters already stored.
// "encoded" hands Write the events encoded, as ingest does (its workers
// encode them on every core); "raw" leaves the encoding to Write.
func BenchmarkWrite(b *testing.B) {
	b.Run("encoded", func(b *testing.B) { benchmarkWrite(b, openTest(b, Options{}), true) })
	b.Run("raw", func(b *testing.B) { benchmarkWrite(b, openTest(b, Options{}), false) })
	// The same into PostgreSQL (a pgtest server on this machine): what
	// the merger of dyad worker writes at most (docs/scale.md).
	b.Run("postgres", func(b *testing.B) { benchmarkWrite(b, openPostgresTest(b, Options{}), true) })
}

const benchBatch = 100

func benchmarkWrite(b *testing.B, s *DB, encode bool) {
	ctx := context.Background()
	codes := make([]string, 0, 50)
	for i := range 50 {
		codes = append(codes, fmt.Sprintf("C%02d", i))
	}
	b.ReportAllocs()
	events, art := 0, 0
	for b.Loop() {
		b.StopTimer() // making the batch is not storing it
		batch := make([]Article, benchBatch)
		for i := range batch {
			art++
			a := &batch[i]
			a.Key, a.Hash, a.Text, a.Coder = fmt.Sprint("k", art), fmt.Sprint("h", art), "some text of an article", "v"
			for j := range 10 {
				n := art*10 + j
				day := fmt.Sprintf("2024-%02d-%02d", 1+n%12, 1+n%28)
				a.Events = append(a.Events, strike(fmt.Sprint(n), codes[n%50], codes[(n/50)%50], day, 0, 0))
			}
			if encode {
				if err := a.Encode(); err != nil {
					b.Fatal(err)
				}
			}
			events += 10
		}
		b.StartTimer()
		if _, err := s.Write(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	// Closing checkpoints the write-ahead log into the file: work the
	// writes left, timed with them.
	b.StartTimer()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// TestRecodeCounts recodes an article read from two outlets: the cluster
// its event opens again counts both.
func TestRecodeCounts(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		ev := []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 0, 0)}
		if _, err := s.Write(ctx, []Article{
			{Key: "https://one.example/a", Hash: "h1", Text: "t", Coder: "v1", Events: ev},
			{Key: "https://two.example/a", Hash: "h1", Text: "t"},
		}); err != nil {
			t.Fatal(err)
		}
		moved := []event.Event{strike("a-1", "IRN", "PAK", "2024-02-20", 0, 0)} // the new coder dates it otherwise
		rep, err := s.Write(ctx, []Article{{ID: 1, Coder: "v2", Events: moved}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Recoded != 1 || rep.Clusters != 1 {
			t.Errorf("recode report %+v, want 1 recoded, 1 new cluster", rep)
		}
		cls, err := s.Clusters(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(cls) != 1 || cls[0].Date != "2024-02-20" || cls[0].Sources != 2 || cls[0].Mentions != 1 {
			t.Errorf("clusters after recode: %+v, want the one of 2024-02-20 with 2 outlets (the old one dropped)", cls)
		}
		hist, _ := s.Codings(ctx, 1)
		if len(hist) != 2 || !hist[1].Current {
			t.Errorf("codings: %+v", hist)
		}
	})
}

func TestSeries(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		month := strike("m", "PAK", "IRN", "2024-01", 0, 0)
		month.DateGranularity, month.Quad, month.Goldstein = "month", 1, 3
		if _, err := s.Write(ctx, []Article{{Key: "a", Hash: "h1", Text: "t", Events: []event.Event{
			strike("1", "IRN", "PAK", "2024-01-16", 0, 0),
			strike("2", "PAK", "IRN", "2024-01-18", 0, 0),
			strike("3", "IRN", "PAK", "2024-01-29", 0, 0),
			strike("4", "IRN", "IRQ", "2024-01-16", 0, 0),
			month,
		}}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			q    SeriesQuery
			want string
		}{
			{SeriesQuery{A: "IRN", B: "PAK", By: "week"}, "2024-01-15:2/-20 2024-01-22:0/0 2024-01-29:1/-10"},
			{SeriesQuery{A: "IRN", B: "PAK", By: "week", Directed: true}, "2024-01-15:1/-10 2024-01-22:0/0 2024-01-29:1/-10"},
			{SeriesQuery{A: "IRN", B: "PAK", By: "month"}, "2024-01:4/-27"},
			{SeriesQuery{A: "IRN", B: "PAK", By: "day", From: "2024-01-17", To: "2024-01-18"}, "2024-01-17:0/0 2024-01-18:1/-10"},
			{SeriesQuery{A: "IRN", B: "USA", By: "day"}, ""},
		} {
			pts, err := s.Series(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pts {
				got = append(got, fmt.Sprintf("%s:%d/%.0f", p.Period, p.Events, p.GoldsteinSum))
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("%+v: %s, want %s", c.q, g, c.want)
			}
		}
		if _, err := s.Series(ctx, SeriesQuery{A: "IRN", B: "PAK", By: "year"}); err == nil {
			t.Error("by year: no error")
		}
	})
}

// TestUndatedNotMerged: the events of articles with no date of their own,
// dated by the day they were read, are not one event because they share
// that day; an event dated by its own text still merges.
func TestUndatedNotMerged(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		story := func(id string) event.Event {
			e := strike(id, "GBR", "PAK", "2026-11-30", 0, 0)
			e.DateSource = "story"
			return e
		}
		clause := func(id string) event.Event {
			e := strike(id, "GBR", "IRN", "2026-11-29", 0, 0)
			e.DateSource = "clause"
			return e
		}
		rep, err := s.Write(ctx, []Article{
			{Key: "a", Hash: "h1", Text: "a", DateFrom: "today", Events: []event.Event{story("a-1"), clause("a-2")}},
			{Key: "b", Hash: "h2", Text: "b", DateFrom: "today", Events: []event.Event{story("b-1"), clause("b-2")}},
			{Key: "c", Hash: "h3", Text: "c", DateFrom: "text", Events: []event.Event{story("c-1")}},
			{Key: "d", Hash: "h4", Text: "d", DateFrom: "text", Events: []event.Event{story("d-1")}},
		})
		if err != nil {
			t.Fatal(err)
		}
		// a-1 and b-1 alone; a-2 with b-2; c-1 with d-1.
		if rep.Clusters != 4 {
			t.Errorf("%d clusters, want 4", rep.Clusters)
		}
	})
}

// TestEntityOfAgent: "US lawmakers" make the state an actor; the state is
// stored as a country, its sector left to the mention.
func TestEntityOfAgent(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		e := strike("1", "USA", "IRN", "2024-01-16", 0, 0)
		e.Source = &event.Actor{Entity: "USA", Name: "United States", Country: "USA", Sector: "LEG", Code: "USALEG", Kind: "agent"}
		if _, err := s.Write(ctx, []Article{{Key: "a", Hash: "h", Text: "t", Events: []event.Event{e}}}); err != nil {
			t.Fatal(err)
		}
		acts, err := s.Actors(ctx, Filter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			if a.Entity == "USA" && (a.Kind != "country" || a.Sector != "") {
				t.Errorf("USA stored as %+v, want a country with no sector", a)
			}
		}
	})
}

// TestClusterPlace checks that a cluster first reported with no place
// takes the place of a later report, whether the cluster is still queued
// or stored.
func TestClusterPlace(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		batches [][]Article
	}{
		{"queued", [][]Article{{
			{Key: "a", Hash: "a", Text: "a", Events: []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 0, 0)}},
			{Key: "b", Hash: "b", Text: "b", Events: []event.Event{strike("b-1", "IRN", "PAK", "2024-01-16", 27.2, 62.1)}},
		}}},
		{"stored", [][]Article{
			{{Key: "a", Hash: "a", Text: "a", Events: []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 0, 0)}}},
			{{Key: "b", Hash: "b", Text: "b", Events: []event.Event{strike("b-1", "IRN", "PAK", "2024-01-16", 27.2, 62.1)}}},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			eachStore(t, Options{}, func(t *testing.T, s *DB) {
				for _, b := range c.batches {
					if _, err := s.Write(ctx, b); err != nil {
						t.Fatal(err)
					}
				}
				cls, err := s.Clusters(ctx, Filter{})
				if err != nil {
					t.Fatal(err)
				}
				if len(cls) != 1 || cls[0].Place != "somewhere" || cls[0].Lat == nil || *cls[0].Lat != 27.2 || cls[0].Mentions != 2 {
					t.Errorf("clusters %+v, want one at somewhere (27.2, 62.1) with 2 mentions", cls)
				}
			})
		})
	}
}
