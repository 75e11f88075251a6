package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/store"
)

// TestQueueCommands publishes the story folder with dyad ingest --queue to
// an embedded NATS server, codes it with a dyad worker serving metrics,
// and checks dyad queue status and that the store holds what dyad ingest
// alone writes.
func TestQueueCommands(t *testing.T) {
	srv, err := queue.StartServer("127.0.0.1", -1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	dir := t.TempDir()
	direct, queued := filepath.Join(dir, "direct.db"), filepath.Join(dir, "queued.db")
	run(t, "", "ingest", "--store", direct, storyDir)
	if out := run(t, "", "ingest", "--queue", srv.URL(), storyDir); !strings.Contains(out, "published                 4") {
		t.Fatalf("publish:\n%s", out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	done := make(chan string)
	go func() {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs([]string{"worker", "--queue", srv.URL(), "--store", queued, "--idle", "3s", "--metrics", addr})
		if err := root.Execute(); err != nil {
			fmt.Fprintf(&out, "error: %v", err)
		}
		done <- out.String()
	}()
	var metrics string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if metrics = string(b); strings.Contains(metrics, `dyad_worker_articles_total{result="staged"} 4`) {
			break
		}
	}
	out := <-done
	if !strings.Contains(out, "worker stopped") || strings.Contains(out, "error:") {
		t.Errorf("worker:\n%s", out)
	}
	for _, want := range []string{`dyad_worker_articles_total{result="staged"} 4`, `dyad_worker_merged_total 4`, "dyad_queue_lag 0"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q:\n%s", want, metrics)
		}
	}
	var st struct {
		Queue queue.Status `json:"queue"`
		Runs  []store.Run  `json:"runs"`
	}
	if err := json.Unmarshal([]byte(run(t, "", "queue", "status", "--queue", srv.URL(), "--store", queued, "--format", "json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Queue != (queue.Status{}) || len(st.Runs) != 1 || st.Runs[0].Merged != 4 || st.Runs[0].Staged != 0 {
		t.Errorf("queue status %+v", st)
	}
	if a, b := run(t, "", "events", "--store", direct, "--format", "csv"), run(t, "", "events", "--store", queued, "--format", "csv"); a != b {
		t.Errorf("events differ:\n%s\n%s", a, b)
	}
}

// TestNatsCommand runs dyad nats, connects a queue to it, and stops it
// with the command's context, as Ctrl-C does.
func TestNatsCommand(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		root := newRoot()
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs([]string{"nats", "--addr", addr, "--dir", t.TempDir()})
		done <- root.ExecuteContext(ctx)
	}()
	var q *queue.Queue
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if q, err = queue.Connect(ctx, "nats://"+addr, queue.Options{}); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	if st, err := q.Status(ctx); err != nil || st.Messages != 0 {
		t.Errorf("status %+v, %v", st, err)
	}
	q.Close()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("dyad nats: %v\n%s", err, out.String())
	}
}

// TestWorkerWaitsForStore starts dyad worker while PostgreSQL is down:
// it waits, and works once the server is back.
func TestWorkerWaitsForStore(t *testing.T) {
	pg := pgtest.Start(t)
	db := pg.CreateDB(t, "dyad")
	srv, err := queue.StartServer("127.0.0.1", -1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	run(t, "", "ingest", "--queue", srv.URL(), "--store", db, storyDir)
	if err := pg.Stop("fast"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	out := &syncBuffer{}
	go func() {
		root := newRoot()
		root.SetOut(out)
		root.SetErr(out)
		root.SetArgs([]string{"worker", "--queue", srv.URL(), "--store", db, "--idle", "2s"})
		done <- root.Execute()
	}()
	// The server comes back once the worker says it waits for it.
	for deadline := time.Now().Add(time.Minute); !strings.Contains(out.String(), "waiting for the store"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the worker did not wait for the store:\n%s", out.String())
		}
	}
	if err := pg.Start(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("worker: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "merged=4") {
		t.Errorf("worker:\n%s", out.String())
	}
}
