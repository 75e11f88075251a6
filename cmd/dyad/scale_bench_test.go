package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/store"
)

// TestScaleThroughput measures, on this machine, what docs/scale.md
// projects from: one dyad ingest into PostgreSQL, the publishing rate of
// dyad ingest --queue, and how fast one and two dyad worker processes
// drain the queue, with the store's size per article. It runs with
// DYAD_SCALE_BENCH=1, on the BBC articles of the data folder
// (2,225), or on $DYAD_SCALE_INPUT.
func TestScaleThroughput(t *testing.T) {
	if os.Getenv("DYAD_SCALE_BENCH") == "" {
		t.Skip("skipping the throughput run: set DYAD_SCALE_BENCH=1")
	}
	input := os.Getenv("DYAD_SCALE_INPUT")
	if input == "" {
		input = filepath.Join(datatest.Dir(t, "eval"), "bbc-news-2225")
	}
	ctx := context.Background()
	pg := pgtest.Start(t)
	single := pg.CreateDB(t, "single")
	start := time.Now()
	run(t, "", "ingest", "--store", single, "--quiet", input)
	took := time.Since(start)
	c := counts(t, single)
	n := c.Articles
	t.Logf("one dyad ingest into PostgreSQL: %d articles (%d events, %d clusters) in %v, %.1f articles/s; store %.1f KiB an article",
		n, c.Events, c.Clusters, took.Round(time.Millisecond), float64(n)/took.Seconds(), float64(dbSize(t, single))/1024/float64(n))

	for _, procs := range []int{1, 2} {
		srv, err := queue.StartServer("127.0.0.1", -1, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		db := pg.CreateDB(t, "workers"+string(rune('0'+procs)))
		start := time.Now()
		run(t, "", "ingest", "--quiet", "--queue", srv.URL(), "--store", db, input)
		pub := time.Since(start)
		q, err := queue.Connect(ctx, srv.URL(), queue.Options{})
		if err != nil {
			t.Fatal(err)
		}
		qs, _ := q.Status(ctx)
		t.Logf("published %d messages in %v: %.0f a second", qs.Messages, pub.Round(time.Millisecond), float64(qs.Messages)/pub.Seconds())
		start = time.Now()
		var ws []*exec.Cmd
		for range procs {
			ws = append(ws, dyadChild(t, "worker", "--queue", srv.URL(), "--store", db, "--workers", "0", "--idle", "3s"))
		}
		// The workers stop 3 s after the queue is empty; the time is
		// until the last article is written.
		var done time.Duration
		st, err := store.Open(ctx, db, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for done == 0 {
			time.Sleep(100 * time.Millisecond)
			if runs, err := st.Runs(ctx); err == nil && len(runs) == 1 && uint64(runs[0].Merged) == qs.Messages {
				done = time.Since(start)
			}
		}
		st.Close()
		for _, w := range ws {
			if err := w.Wait(); err != nil {
				t.Error(err)
			}
		}
		q.Close()
		srv.Shutdown()
		if got := counts(t, db); got != c {
			t.Errorf("%d workers stored %+v, one dyad ingest %+v", procs, got, c)
		}
		t.Logf("%d worker processes: %d articles in %v, %.1f articles/s, %.1f each", procs, n, done.Round(time.Millisecond),
			float64(n)/done.Seconds(), float64(n)/done.Seconds()/float64(procs))
	}
}

func counts(t *testing.T, loc string) store.Counts {
	t.Helper()
	st, err := store.Open(context.Background(), loc, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func dbSize(t *testing.T, url string) int64 {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	var n int64
	if err := c.QueryRow(context.Background(), `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
