package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

func TestReadViews(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		strikeOn := func(id, date string) []event.Event { return []event.Event{strike(id, "IRN", "PAK", date, 0, 0)} }
		if _, err := s.Write(ctx, []Article{
			{Key: "https://wire.example/a", URL: "https://wire.example/a", Hash: "h1", Title: "Iran strikes", Text: "Iran struck Pakistan with missiles.",
				Coder: "v1", Events: strikeOn("a-1", "2024-01-16")},
			{Key: "https://daily.example/a", Hash: "h1", Text: "Iran struck Pakistan with missiles."},
			{Key: "https://other.example/b", Hash: "h2", Title: "Strike", Text: "Pakistan says Iran hit its territory.",
				Coder: "v1", Events: strikeOn("b-1", "2024-01-17")},
			{Key: "https://other.example/c", Hash: "h3", Text: "Pakistan and Iran talk.", Coder: "v1",
				Events: []event.Event{strike("c-1", "PAK", "IRN", "2024-03-01", 0, 0)}},
		}); err != nil {
			t.Fatal(err)
		}
		a, err := s.Article(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Iran strikes" || len(a.Sources) != 2 || len(a.Events) != 1 || a.Events[0].Cluster != 1 ||
			len(a.Clusters) != 1 || a.Clusters[0].Articles != 2 || len(a.Codings) != 1 {
			t.Errorf("article 1: %+v", a)
		}
		if _, err := s.Article(ctx, 99); !errors.Is(err, ErrNotFound) {
			t.Errorf("article 99: %v, want ErrNotFound", err)
		}
		arts, err := s.ClusterArticles(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != 2 || arts[0].ArticleID != 1 || len(arts[0].Outlets) != 2 || arts[1].Outlets[0] != "other.example" {
			t.Errorf("articles of cluster 1: %+v", arts)
		}
		hits, err := s.Search(ctx, "missiles", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ArticleID != 1 || hits[0].Snippet != "Iran struck Pakistan with «missiles»." {
			t.Errorf("search: %+v", hits)
		}
		// SQLite's FTS5 refuses a query it cannot parse; PostgreSQL's
		// websearch_to_tsquery reads any text.
		if _, err := s.Search(ctx, `"unclosed`, 0, 10); (err == nil) != (s.d.name == "postgres") {
			t.Errorf("a bad FTS query: %v", err)
		}
		if e, err := s.Entity(ctx, "IRN"); err != nil || e.Kind != "country" {
			t.Errorf("entity IRN: %+v, %v", e, err)
		}
		if _, err := s.Cluster(ctx, 42); !errors.Is(err, ErrNotFound) {
			t.Errorf("cluster 42: %v", err)
		}
		// Sorting and cursors.
		for _, c := range []struct {
			f    Filter
			want []int64
		}{
			{Filter{Sort: "-date"}, []int64{2, 1}},
			{Filter{Sort: "date", Limit: 1}, []int64{1}},
			{Filter{Sort: "date", After: 1, AfterDate: "2024-01-16"}, []int64{2}},
			{Filter{Sort: "-id", After: 2}, []int64{1}},
			{Filter{Cluster: 2}, []int64{2}},
		} {
			cls, err := s.Clusters(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, cl := range cls {
				got = append(got, cl.ID)
			}
			if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
				t.Errorf("clusters %+v: %v, want %v", c.f, got, c.want)
			}
		}
		if _, err := s.Clusters(ctx, Filter{Sort: "mentions"}); err == nil {
			t.Error("an unknown sort gave no error")
		}
		var evs []EventRef
		if err := s.EachEvent(ctx, Filter{AfterEvent: &EventRef{Article: 1, N: 0}}, func(e Event) error {
			evs = append(evs, EventRef{e.ArticleID, e.N})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 || evs[0] != (EventRef{2, 0}) || evs[1] != (EventRef{3, 0}) {
			t.Errorf("events after (1, 0): %v", evs)
		}
		pts, err := s.Series(ctx, SeriesQuery{A: "PAK", By: "month"})
		if err != nil {
			t.Fatal(err)
		}
		// The strikes of January 16 and 17 are one cluster.
		if len(pts) != 3 || pts[0].Events != 1 || pts[0].Mentions != 2 || pts[2].Events != 1 {
			t.Errorf("series of PAK with anyone: %+v", pts)
		}
		of, err := s.SeriesOf(ctx, Filter{Actor: "PAK"}, "month")
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(of) != fmt.Sprint(pts) {
			t.Errorf("SeriesOf(actor PAK) = %+v, want %+v", of, pts)
		}
		dy, err := s.TopDyads(ctx, "", 5)
		if err != nil || len(dy) != 1 || dy[0].A != "IRN" || dy[0].B != "PAK" || dy[0].Events != 2 || dy[0].Quad[3] != 2 {
			t.Errorf("TopDyads = %+v, %v", dy, err)
		}
		if dy, _ = s.TopDyads(ctx, "2024-02-01", 5); len(dy) != 1 || dy[0].Events != 1 {
			t.Errorf("TopDyads from February = %+v", dy)
		}
		if of, err = s.SeriesOf(ctx, Filter{Target: "IRN"}, "month"); err != nil || len(of) != 1 || of[0].Period != "2024-03" {
			t.Errorf("SeriesOf(target IRN) = %+v, %v", of, err)
		}
	})
}

func TestGeneration(t *testing.T) {
	eachStore(t, Options{}, func(t *testing.T, s *DB) {
		ctx := context.Background()
		g1, err := s.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if g2, _ := s.Generation(ctx); g2 != g1 {
			t.Errorf("generation moved with no write: %d, %d", g1, g2)
		}
		if _, err := s.Write(ctx, []Article{{Key: "k", Hash: "h", Text: "t", Coder: "v"}}); err != nil {
			t.Fatal(err)
		}
		if g3, _ := s.Generation(ctx); g3 == g1 {
			t.Errorf("generation did not move with a write: %d", g3)
		}
	})
}
