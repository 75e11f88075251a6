package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/event"
)

// TestFeedsPersist saves feed states, replaces one, and reads them back
// after the file is closed and opened again, times to the nanosecond.
func TestFeedsPersist(t *testing.T) {
	eachLocation(t, func(t *testing.T, open func(Options) *DB) {
		ctx := context.Background()
		s := open(Options{})
		if f, ok, err := s.Feed(ctx, "https://a.example/rss"); err != nil || ok || f.URL != "https://a.example/rss" {
			t.Fatalf("unknown feed: %+v, %v, %v", f, ok, err)
		}
		polled := time.Date(2024, 4, 12, 1, 10, 0, 123456789, time.FixedZone("IRST", 12600))
		a := Feed{URL: "https://a.example/rss", ETag: `"v1"`, LastModified: "Fri, 12 Apr 2024 01:00:00 GMT",
			LastPolled: polled, NextPoll: polled.Add(15 * time.Minute), Items: 3}
		b := Feed{URL: "https://b.example/atom", Failures: 2, LastError: "HTTP 500", NextPoll: polled.Add(time.Hour)}
		for _, f := range []Feed{a, b, {URL: a.URL, ETag: "stale"}, a} {
			if err := s.SaveFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveFeed(ctx, Feed{}); err == nil {
			t.Error("a feed without a URL was saved")
		}
		s.Close()

		s = open(Options{ReadOnly: true})
		got, err := s.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("%d feeds, want 2: %+v", len(got), got)
		}
		for i, want := range []Feed{a, b} {
			g := got[i]
			if g.URL != want.URL || g.ETag != want.ETag || g.LastModified != want.LastModified || !g.LastPolled.Equal(want.LastPolled) ||
				!g.NextPoll.Equal(want.NextPoll) || g.Failures != want.Failures || g.LastError != want.LastError || g.Items != want.Items {
				t.Errorf("feed %d: %+v, want %+v", i, g, want)
			}
		}
		if f, ok, err := s.Feed(ctx, b.URL); err != nil || !ok || !f.LastPolled.IsZero() || f.Failures != 2 {
			t.Errorf("Feed(%s) = %+v, %v, %v", b.URL, f, ok, err)
		}
		if err := s.SaveFeed(ctx, a); err == nil {
			t.Error("saved a feed in a read-only store")
		}
	})
}

// TestMigrate opens a file of schema version 1, as released, holding an
// article with an event, and finds it migrated: the feeds table added
// (2), the event moved to a mention and its coding's JSON (3).
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0],
		`INSERT INTO articles(id, hash, canonical, text, coding, ingested) VALUES (1, 'h1', 1, 'Iran struck Pakistan.', 1, 'now')`,
		`INSERT INTO sources VALUES ('a.txt', 1, '.', '', 'now')`,
		`INSERT INTO codings VALUES (1, 1, 'v1', 'now', 1)`,
		`INSERT INTO clusters(id, src, tgt, root, cameo, quad, goldstein, date, granularity, src_country, tgt_country) VALUES (1, 'IRN', 'PAK', '19', '195', 4, -10, '2024-01-16', 'day', 'IRN', 'PAK')`,
		`INSERT INTO events VALUES (1, 1, 1, 1, 1, 'a-1', '2024-01-16', 'day', 'IRN', 'IRN', '', 'IRN', 'PAK', 'PAK', '', 'PAK',
			'195', '19', 4, -10, 'ASSAULT', '', '', 0, '', '{"id":"a-1","cameo":"195","date":"2024-01-16"}')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
	db.Close()
	s, err := OpenSQLite(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion || SchemaVersion < 3 {
		t.Fatalf("version %d, want %d (at least 3)", v, SchemaVersion)
	}
	if err := s.SaveFeed(ctx, Feed{URL: "https://a.example/rss"}); err != nil {
		t.Fatal(err)
	}
	if known, err := s.Known(ctx, "a.txt"); err != nil || !known {
		t.Errorf("the article written before the migration: known %v, %v", known, err)
	}
	var evs []Event
	if err := s.EachEvent(ctx, Filter{Source: "IRN"}, func(e Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].ID != "a-1" || evs[0].Cluster != 1 || evs[0].Coder != "v1" {
		t.Errorf("the event after migrating: %+v", evs)
	}
	// Migration 4 moved names and codes to terms.
	cls, err := s.Clusters(ctx, Filter{Actor: "PAK", Root: "19"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cls) != 1 || cls[0].Source != "IRN" || cls[0].Target != "PAK" || cls[0].CAMEO != "195" ||
		cls[0].Granularity != "day" || cls[0].SourceCountry != "IRN" || cls[0].Mentions != 1 {
		t.Errorf("the cluster after migrating: %+v", cls)
	}
	pts, err := s.Series(ctx, SeriesQuery{A: "IRN", B: "PAK"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 1 || pts[0].Quad[3] != 1 {
		t.Errorf("the series after migrating: %+v", pts)
	}
	// A write after the migration joins the migrated cluster.
	if _, err := s.Write(ctx, []Article{{Key: "b.txt", Hash: "h2", Text: "Iran hit Pakistan.", Coder: "v1",
		Events: []event.Event{strike("b-1", "IRN", "PAK", "2024-01-16", 0, 0)}}}); err != nil {
		t.Fatal(err)
	}
	if cls, _ := s.Clusters(ctx, Filter{}); len(cls) != 1 || cls[0].Mentions != 2 || cls[0].Articles != 2 {
		t.Errorf("the cluster after a write: %+v", cls)
	}
}
