package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/store"
)

// dyadChild starts a dyad command in a child process.
func dyadChild(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDyadEnv+"="+strings.Join(args, "\n"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestScaleOut is issue 7's test of exactly-once work: the news of the
// data folder go on a queue of an embedded NATS server, three dyad worker
// processes code them into a PostgreSQL store, one worker is killed with
// SIGKILL mid-batch and PostgreSQL is restarted once as a crash would;
// the store must then hold what one dyad ingest writes, ids included, and
// the queue nothing.
func TestScaleOut(t *testing.T) {
	news := datatest.Dir(t, "news")
	pg := pgtest.Start(t)
	single, multi := pg.CreateDB(t, "single"), pg.CreateDB(t, "multi")
	start := time.Now()
	run(t, "", "ingest", "--store", single, "--quiet", news)
	t.Logf("one dyad ingest: %v", time.Since(start).Round(time.Millisecond))

	srv, err := queue.StartServer("127.0.0.1", -1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	ctx := context.Background()
	// Redelivered 5 s after a worker took a message, not 2 min.
	q, err := queue.Connect(ctx, srv.URL(), queue.Options{AckWait: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	out := run(t, "", "ingest", "--queue", srv.URL(), "--store", multi, news)
	t.Logf("%s", out)
	qs, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	published := qs.Messages

	start = time.Now()
	var workers []*exec.Cmd
	for range 3 {
		workers = append(workers, dyadChild(t, "worker", "--queue", srv.URL(), "--store", multi, "--workers", "1", "--batch", "4", "--idle", "10s"))
	}
	st, err := store.Open(ctx, multi, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	killed, restarted := false, false
	for deadline := time.Now().Add(5 * time.Minute); !restarted && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		runs, err := st.Runs(ctx)
		if err != nil || len(runs) == 0 {
			continue
		}
		switch r := runs[0]; {
		case !killed && r.Merged+r.Staged >= 8:
			workers[0].Process.Signal(syscall.SIGKILL)
			killed = true
			t.Logf("killed worker 1 after %v: %d written, %d staged", time.Since(start).Round(time.Millisecond), r.Merged, r.Staged)
		case killed && r.Merged+r.Staged >= 16:
			if err := pg.Restart(); err != nil {
				t.Fatal(err)
			}
			restarted = true
			t.Logf("restarted PostgreSQL after %v: %d written, %d staged", time.Since(start).Round(time.Millisecond), r.Merged, r.Staged)
			if uint64(r.Merged) >= published {
				t.Errorf("PostgreSQL restarted after the work was done")
			}
		}
	}
	if !killed || !restarted {
		t.Fatalf("killed %v, restarted %v", killed, restarted)
	}
	workers[0].Wait()
	for i, w := range workers[1:] {
		if err := w.Wait(); err != nil {
			t.Errorf("worker %d: %v", i+2, err)
		}
	}
	t.Logf("workers done after %v", time.Since(start).Round(time.Millisecond))

	for _, args := range [][]string{{"events", "--format", "csv"}, {"events", "--mentions", "--format", "csv"}} {
		want := run(t, "", append(args, "--store", single)...)
		got := run(t, "", append(args, "--store", multi)...)
		if got != want {
			t.Errorf("dyad %s: the workers' store differs from one dyad ingest's (%d and %d lines)", strings.Join(args, " "),
				strings.Count(got, "\n"), strings.Count(want, "\n"))
		}
	}
	var counts [2]store.Counts
	for i, loc := range []string{single, multi} {
		s, err := store.Open(ctx, loc, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		counts[i], err = s.Counts(ctx)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("one dyad ingest: %+v; three workers: %+v", counts[0], counts[1])
	if counts[0] != counts[1] || counts[0].Events == 0 {
		t.Errorf("counts differ: one dyad ingest %+v, three workers %+v", counts[0], counts[1])
	}
	var status struct {
		Queue queue.Status `json:"queue"`
		Runs  []store.Run  `json:"runs"`
	}
	if err := json.Unmarshal([]byte(run(t, "", "queue", "status", "--queue", srv.URL(), "--store", multi, "--format", "json")), &status); err != nil {
		t.Fatal(err)
	}
	t.Logf("queue status: %+v", status)
	if status.Queue != (queue.Status{}) || len(status.Runs) != 1 || status.Runs[0].Staged != 0 {
		t.Errorf("left over: %+v", status)
	}
}
