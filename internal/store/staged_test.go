package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

// TestMergeInOrder stages two runs' articles in a random order, some twice
// and some after they are written, merging now and then, and checks that
// the store ends as writing each run in order in one batch leaves it.
func TestMergeInOrder(t *testing.T) {
	articles := func(run string) []Article {
		var out []Article
		for i := range 12 {
			// Reports of one strike a day apart, whose clusters depend
			// on the order they are written in, a duplicate text, and
			// an empty input.
			day := fmt.Sprintf("2024-01-%02d", 10+(i*7)%5)
			a := Article{Key: fmt.Sprint(run, "/", i), Hash: fmt.Sprint(run, i%10), Text: fmt.Sprint(run, " text ", i%10), Coder: "v1",
				Events: []event.Event{strike(fmt.Sprint(i), "IRN", "PAK", day, 0, 0)}}
			if i == 5 {
				a = Article{Key: fmt.Sprint(run, "/", i), Skip: "empty article"}
			}
			out = append(out, a)
		}
		return out
	}
	runs := map[string][]Article{"run-a": articles("a"), "run-b": articles("b")}
	eachStore(t, Options{}, func(t *testing.T, want *DB) {
		ctx := context.Background()
		for _, run := range []string{"run-a", "run-b"} {
			if _, err := want.Write(ctx, runs[run]); err != nil {
				t.Fatal(err)
			}
		}
		for seed := range uint64(3) {
			got := openTest(t, Options{})
			if want.d.name == "postgres" {
				got = openPostgresTest(t, Options{})
			}
			r := rand.New(rand.NewPCG(seed, 9))
			type staged struct {
				run string
				seq int
			}
			var order []staged
			for run, arts := range runs {
				for i := range arts {
					order = append(order, staged{run, i + 1})
					if r.IntN(4) == 0 {
						order = append(order, staged{run, i + 1}) // a redelivery
					}
				}
			}
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, st := range order {
				if err := got.Stage(ctx, st.run, int64(st.seq), runs[st.run][st.seq-1]); err != nil {
					t.Fatal(err)
				}
				if r.IntN(3) == 0 {
					if _, _, err := got.Merge(ctx, 1+r.IntN(4)); err != nil {
						t.Fatal(err)
					}
				}
			}
			for {
				_, n, err := got.Merge(ctx, 5)
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					break
				}
			}
			rs, err := got.Runs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 2 || rs[0] != (Run{"run-a", 12, 13, 0}) || rs[1] != (Run{"run-b", 12, 13, 0}) {
				t.Errorf("seed %d: runs %+v", seed, rs)
			}
			// Ids differ: the runs interleave in the order of merging.
			// What the ids name does not.
			for _, q := range []func(s *DB) (any, error){
				func(s *DB) (any, error) { return s.Counts(ctx) },
				func(s *DB) (any, error) {
					cls, err := s.Clusters(ctx, Filter{})
					var out []string
					for _, c := range cls {
						out = append(out, fmt.Sprintf("%s>%s %s %s m%d a%d s%d", c.Source, c.Target, c.CAMEO, c.Date, c.Mentions, c.Articles, c.Sources))
					}
					slices.Sort(out)
					return out, err
				},
				func(s *DB) (any, error) {
					gs, err := s.Canonical(ctx)
					var out []string
					for _, g := range gs {
						out = append(out, fmt.Sprint(g.Articles, g.Sources))
					}
					slices.Sort(out)
					return out, err
				},
			} {
				w, err1 := q(want)
				g, err2 := q(got)
				wj, _ := json.Marshal(w)
				gj, _ := json.Marshal(g)
				if err1 != nil || err2 != nil || string(wj) != string(gj) {
					t.Errorf("seed %d: merged %s (%v), written in order %s (%v)", seed, gj, err2, wj, err1)
				}
			}
			var left int
			if err := got.db.QueryRowContext(ctx, `SELECT count(*) FROM staged`).Scan(&left); err != nil || left != 0 {
				t.Errorf("seed %d: %d staged rows left, %v", seed, left, err)
			}
		}
	})
}

// FuzzDecodeStaged: a staged row that is not what Stage wrote is an
// error, not a crash; what Stage writes decodes to itself.
func FuzzDecodeStaged(f *testing.F) {
	b, err := encodeStaged(Article{Key: "k", Text: "t", Events: []event.Event{strike("1", "IRN", "PAK", "2024-01-16", 0, 0)}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte{})
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeStaged(b)
		if err != nil {
			return
		}
		again, err := encodeStaged(a)
		if err != nil {
			t.Fatalf("re-encoding %+v: %v", a, err)
		}
		if _, err := decodeStaged(again); err != nil {
			t.Fatalf("decoding what was encoded: %v", err)
		}
	})
}

// FuzzDecodeIDs: a change log's id list that is not what encodeIDs wrote
// is an error, not a crash; what it writes decodes to itself.
func FuzzDecodeIDs(f *testing.F) {
	f.Add(encodeIDs([]int64{1, 2, 300, 70000}))
	f.Add([]byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		ids, err := decodeIDs(b)
		if err != nil {
			return
		}
		if !slices.IsSorted(ids) {
			return // a list encodeIDs does not write: deltas overflowed
		}
		again, err := decodeIDs(encodeIDs(ids))
		if err != nil || !slices.Equal(again, ids) {
			t.Fatalf("%v: round trip gave %v, %v", ids, again, err)
		}
	})
}
