package ingest

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/store"
)

// TestWorkMatchesRun publishes the story folder and more to a queue, lets
// two workers with stores of their own (as two processes) code, stage and
// merge it, and finds the store as one ingest run leaves it: the same
// articles, clusters and canonical groups, ids included. Publishing again
// adds nothing.
func TestWorkMatchesRun(t *testing.T) {
	inputs := []string{"testdata/story", "testdata"}
	want, wst := testConfig(t)
	if _, err := Run(context.Background(), want, inputs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		loc  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "dyad.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Start(t).CreateDB(t, "dyad") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			loc := c.loc(t)
			srv, err := queue.StartServer("127.0.0.1", -1, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Shutdown()
			q, err := queue.Connect(ctx, srv.URL(), queue.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			pub, _ := testConfigAt(t, loc)
			ps, err := Publish(ctx, pub, q, NewRun(), inputs, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The folder's files come twice: the second time, the queue
			// has them.
			if ps.Published == 0 || ps.Published != ps.Duplicates || ps.Published+ps.Duplicates != ps.Read {
				t.Fatalf("published %+v", ps)
			}
			var wg sync.WaitGroup
			stats := make([]WorkStats, 2)
			errs := make([]error, 2)
			for i := range 2 {
				cfg, _ := testConfigAt(t, loc)
				cfg.Workers = 1
				wg.Go(func() { stats[i], errs[i] = Work(ctx, cfg, q, WorkOptions{Batch: 2, Idle: 2 * time.Second}) })
			}
			wg.Wait()
			coded := 0
			for i := range stats {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				coded += stats[i].Coded
			}
			if coded == 0 || stats[0].Staged+stats[1].Staged != ps.Published {
				t.Errorf("worker stats %+v, %+v; published %d", stats[0], stats[1], ps.Published)
			}
			_, got := testConfigAt(t, loc)
			compareStores(t, wst, got)
			qs, err := q.Status(ctx)
			if err != nil || qs.Messages != 0 || qs.AckPending != 0 || qs.Dead != 0 {
				t.Errorf("queue at the end: %+v, %v", qs, err)
			}
			again, err := Publish(ctx, pub, q, NewRun(), inputs, nil)
			if err != nil || again.Published != 0 || again.Known != again.Read {
				t.Errorf("publishing again: %+v, %v", again, err)
			}
		})
	}
}

// compareStores compares what two stores hold.
func compareStores(t *testing.T, want, got store.Store) {
	t.Helper()
	ctx := context.Background()
	for name, q := range map[string]func(s store.Store) (any, error){
		"counts":    func(s store.Store) (any, error) { return s.Counts(ctx) },
		"clusters":  func(s store.Store) (any, error) { return s.Clusters(ctx, store.Filter{}) },
		"canonical": func(s store.Store) (any, error) { return s.Canonical(ctx) },
	} {
		w, err1 := q(want)
		g, err2 := q(got)
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(g)
		if err1 != nil || err2 != nil || string(wj) != string(gj) {
			t.Errorf("%s: got %s (%v)\nwant %s (%v)", name, gj, err2, wj, err1)
		}
	}
}
