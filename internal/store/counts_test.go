package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

// TestCountsMatchRecount writes random batches of new articles, exact
// and near duplicates from several outlets, and recodings, and checks
// after each batch that the counts the writer keeps for every cluster
// are those a count over the stored mentions, articles and sources gives.
func TestCountsMatchRecount(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			eachStore(t, Options{Similar: oneByteSimilar, Threshold: 0.5}, func(t *testing.T, s *DB) {
				ctx := context.Background()
				r := rand.New(rand.NewPCG(seed, 1))
				outlets := []string{"wire.example", "daily.example", "other.example", "far.example"}
				dyads := [][2]string{{"IRN", "PAK"}, {"PAK", "IRN"}, {"USA", "IRN"}}
				events := func() []event.Event {
					evs := make([]event.Event, r.IntN(4))
					for i := range evs {
						d := dyads[r.IntN(len(dyads))]
						// No place, or one of two 600 km apart.
						lat, lon := []float64{0, 27.2, 32.6}[r.IntN(3)], 62.1
						if lat == 0 {
							lon = 0
						}
						evs[i] = strike(fmt.Sprint("e", i), d[0], d[1], fmt.Sprintf("2024-01-%02d", 10+r.IntN(6)), lat, lon)
					}
					return evs
				}
				var texts []string // stored texts: exact duplicates reuse them
				n := 0
				for batch := range 30 {
					var b []Article
					for range 1 + r.IntN(8) {
						n++
						key := fmt.Sprintf("https://%s/%d", outlets[r.IntN(len(outlets))], n)
						switch op := r.IntN(10); {
						case op < 2 && len(texts) > 0: // the same text from another outlet
							text := texts[r.IntN(len(texts))]
							b = append(b, Article{Key: key, Hash: text, Text: text, Coder: "v1", Events: events()})
						case op < 3 && n > 1: // a stored article coded again
							b = append(b, Article{ID: int64(1 + r.IntN(max(1, len(texts)))), Coder: fmt.Sprint("v", batch), Events: events()})
						default: // a new article, a near-duplicate of another one time in three
							text := fmt.Sprint("text ", n)
							sig := byte(n)
							if r.IntN(3) == 0 {
								sig = byte(r.IntN(n))
							}
							b = append(b, Article{Key: key, Hash: text, Text: text, Coder: "v1", Events: events(),
								Signature: []byte{sig}, Bands: []uint64{uint64(sig)}})
							texts = append(texts, text)
						}
					}
					if _, err := s.Write(ctx, b); err != nil {
						t.Fatalf("batch %d: %v", batch, err)
					}
					checkCounts(t, s, batch)
				}
			})
		})
	}
}

// checkCounts compares the stored counts of every cluster with a count
// over what the store holds, and checks that every name or code of
// clusters and mentions is a term's id.
func checkCounts(t *testing.T, s *DB, batch int) {
	t.Helper()
	for table, cols := range map[string][]string{
		"clusters": {"src", "tgt", "root", "cameo", "granularity", "src_country", "tgt_country", "place"},
		"mentions": {"src_entity", "src_country", "src_sector", "src_code", "tgt_entity", "tgt_country", "tgt_sector",
			"tgt_code", "cameo", "plover", "place", "place_country"},
	} {
		for _, c := range cols {
			var n int
			if err := s.db.QueryRow(`SELECT count(*) FROM ` + table + ` x WHERE NOT EXISTS (SELECT 1 FROM terms WHERE id = x.` + c + `)`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("batch %d: %d rows of %s name no term in %s", batch, n, table, c)
			}
		}
	}
	rows, err := s.db.Query(`SELECT c.id, c.mentions, c.articles, c.sources,
		(SELECT count(*) FROM mentions WHERE cluster = c.id),
		(SELECT count(DISTINCT a.canonical) FROM mentions m JOIN articles a ON a.id = m.article WHERE m.cluster = c.id),
		(SELECT count(DISTINCT s.outlet) FROM sources s WHERE s.article IN (SELECT article FROM mentions WHERE cluster = c.id))
		FROM clusters c`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var got, want [3]int
		if err := rows.Scan(&id, &got[0], &got[1], &got[2], &want[0], &want[1], &want[2]); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("batch %d: cluster %d counts mentions, articles, sources %v, the store holds %v", batch, id, got, want)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 && batch > 5 {
		t.Errorf("batch %d: no clusters", batch)
	}
}
