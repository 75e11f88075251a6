package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestFeedsPersist saves feed states, replaces one, and reads them back
// after the file is closed and opened again, times to the nanosecond.
func TestFeedsPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
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

	s, err = Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
}

// TestMigrateFeeds opens a file of schema version 1, as released, and
// finds the feeds table added with its articles kept.
func TestMigrateFeeds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(ctx, []Article{{Key: "a.txt", Hash: "h1", Text: "Iran struck Pakistan.", Coder: "v1"}}); err != nil {
		t.Fatal(err)
	}
	// Back to version 1: as a file written before migration 2.
	if _, err := s.db.ExecContext(ctx, "DROP TABLE feeds; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion || SchemaVersion < 2 {
		t.Fatalf("version %d, want %d (at least 2)", v, SchemaVersion)
	}
	if err := s.SaveFeed(ctx, Feed{URL: "https://a.example/rss"}); err != nil {
		t.Fatal(err)
	}
	if known, err := s.Known(ctx, "a.txt"); err != nil || !known {
		t.Errorf("the article written before the migration: known %v, %v", known, err)
	}
}
