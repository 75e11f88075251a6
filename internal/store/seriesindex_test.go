package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

// TestSeriesIndexMatchesStore writes random batches through one handle
// of a store file (new articles, the same texts from other outlets,
// recodings that empty clusters; events dated to a day, a month, a year
// or to no real day, of every quad class) and checks after each batch
// that every series, as two other handles answer it from their series
// indexes, is the one the store's query gives. One index is built before
// the first write, one halfway; the writer keeps only 8 rows of change
// log, so that the indexes, read after 1 to 12 batches, catch up from the
// log or build themselves again.
func TestSeriesIndexMatchesStore(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			eachLocation(t, func(t *testing.T, openAt func(Options) *DB) {
				ctx := context.Background()
				w := openAt(Options{})
				w.keepChanges = 8
				open := func() *DB {
					r := openAt(Options{ReadOnly: true})
					if err := r.IndexSeries(ctx); err != nil {
						t.Fatal(err)
					}
					return r
				}
				early := open()
				var late *DB
				r := rand.New(rand.NewPCG(seed, 7))
				actors := []string{"IRN", "PAK", "USA", "AFG"}
				events := func() []event.Event {
					evs := make([]event.Event, r.IntN(5))
					for i := range evs {
						src, tgt := actors[r.IntN(len(actors))], actors[r.IntN(len(actors))]
						e := strike(fmt.Sprint("e", i), src, tgt, fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(3), 1+r.IntN(28)), 0, 0)
						e.Quad, e.Goldstein = r.IntN(6), float64(r.IntN(201)-100)/10
						switch r.IntN(12) {
						case 0:
							e.Date, e.DateGranularity = e.Date[:7], "month"
						case 1:
							e.Date, e.DateGranularity = e.Date[:4], "year"
						case 2:
							if r.IntN(40) == 0 {
								e.Date = "2024-02-30" // no day: the store answers
							}
						}
						evs[i] = e
					}
					return evs
				}
				n, stored := 0, 0 // articles stored get ids 1 to stored
				for batch := range 60 {
					var b []Article
					for range 1 + r.IntN(6) {
						n++
						switch op := r.IntN(10); {
						case op < 2 && n > 1: // the same text from another outlet
							m := 1 + r.IntN(n-1)
							b = append(b, Article{Key: fmt.Sprintf("https://other.example/%d", n), Hash: fmt.Sprint("text ", m), Text: fmt.Sprint("text ", m)})
						case op < 4 && stored > 0: // coded again, often with no events
							evs := events()
							if r.IntN(2) == 0 {
								evs = nil
							}
							b = append(b, Article{ID: int64(1 + r.IntN(stored)), Coder: fmt.Sprint("v", batch), Events: evs})
						default:
							b = append(b, Article{Key: fmt.Sprintf("https://wire.example/%d", n), Hash: fmt.Sprint("text ", n),
								Text: fmt.Sprint("text ", n), Coder: "v1", Events: events()})
						}
					}
					rep, err := w.Write(ctx, b)
					if err != nil {
						t.Fatalf("batch %d: %v", batch, err)
					}
					stored += rep.Articles
					if batch == 30 {
						late = open()
					}
					if r.IntN(4) > 0 && batch != 59 {
						continue // the indexes fall behind
					}
					for _, idx := range []*DB{early, late} {
						if idx != nil {
							compareSeries(t, r, batch, w, idx, actors)
						}
					}
				}
			})
		})
	}
}

// compareSeries compares the series idx answers from its index with those
// the store's query gives, through want, which has no index: of every
// pair of actors, both ways and one way, by a period and over a span
// drawn with r.
func compareSeries(t *testing.T, r *rand.Rand, batch int, want, idx *DB, actors []string) {
	t.Helper()
	ctx := context.Background()
	bs := append([]string{"", "ZZZ"}, actors...)
	asked, fromIndex := 0, 0
	for _, a := range append(actors, "ZZZ") {
		for _, b := range bs {
			for _, directed := range []bool{false, true} {
				// One period and span of each, drawn: all of them
				// would take minutes under the race detector.
				by := []string{"day", "week", "month"}[r.IntN(3)]
				span := [][2]string{{"", ""}, {"2024-01-10", ""}, {"", "2024-02-14"}, {"2024-02-01", "2024-03-04"}}[r.IntN(4)]
				q := SeriesQuery{A: a, B: b, Directed: directed, By: by, From: span[0], To: span[1]}
				w, err := want.Series(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got, ok, err := idx.seriesFromIndex(ctx, q)
				if err != nil {
					t.Fatalf("batch %d: %+v: %v", batch, q, err)
				}
				asked++
				if !ok {
					continue
				}
				fromIndex++
				if !reflect.DeepEqual(got, w) {
					t.Errorf("batch %d: %+v:\nindex %+v\nstore %+v", batch, q, got, w)
				}
			}
		}
	}
	if fromIndex < asked/2 {
		t.Errorf("batch %d: the index answered %d of %d series", batch, fromIndex, asked)
	}
}

// BenchmarkSeries asks for the weekly series of the busiest dyad of a
// store of 200,000 events over a year (30 states, pairs drawn with a Zipf
// law): read from the store's clusters, and from the series index.
func BenchmarkSeries(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, Options{})
	r := rand.New(rand.NewPCG(3, 3))
	zipf := rand.NewZipf(r, 1.1, 1, 29)
	states := make([]string, 30)
	for i := range states {
		states[i] = fmt.Sprintf("S%02d", i)
	}
	art := 0
	for range 20 {
		batch := make([]Article, 1000)
		for i := range batch {
			art++
			a := &batch[i]
			a.Key, a.Hash, a.Text, a.Coder = fmt.Sprint("k", art), fmt.Sprint("h", art), "text", "v"
			for j := range 10 {
				src, tgt := states[zipf.Uint64()], states[zipf.Uint64()]
				e := strike(fmt.Sprint(j), src, tgt, fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)), 0, 0)
				e.Quad, e.Goldstein = 1+r.IntN(4), float64(r.IntN(201)-100)/10
				a.Events = append(a.Events, e)
			}
		}
		if _, err := s.Write(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	top, err := s.TopDyads(ctx, "", 1)
	if err != nil || len(top) == 0 {
		b.Fatal(top, err)
	}
	q := SeriesQuery{A: top[0].A, B: top[0].B, By: "week"}
	b.Logf("busiest dyad %s–%s: %d events", q.A, q.B, top[0].Events)
	run := func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Series(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("store", run)
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if err := s.IndexSeries(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("index", run)
}
