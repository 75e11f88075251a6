package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/store"
)

// dyadChild starts a dyad command in a child process.
func dyadChild(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	return dyadChildVia(t, nil, args...)
}

// dyadChildVia starts a dyad command in a child process run by the
// command prefix (none: directly), such as ip netns exec NS. The child is
// this test binary, or under the race detector, where coding is several
// times slower, a dyad built without it (dyadBinary): what the children
// run is dyad's code, tested without the detector elsewhere.
func dyadChildVia(t *testing.T, prefix []string, args ...string) *exec.Cmd {
	t.Helper()
	argv := append(append(prefix[:len(prefix):len(prefix)], os.Args[0]), "-test.run=^$")
	env := append(os.Environ(), childDyadEnv+"="+strings.Join(args, "\n"))
	if raceEnabled {
		argv = append(append(prefix[:len(prefix):len(prefix)], dyadBinary(t)), args...)
		env = os.Environ()
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// dyadBinary builds dyad, without the race detector, once per test binary.
func dyadBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dyad-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "dyad")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// TestScaleOut is issue 7's test of exactly-once work: the news of the
// data folder go on a queue of an embedded NATS server, three dyad worker
// processes code them into a PostgreSQL store, one worker is killed with
// SIGKILL mid-batch and PostgreSQL is restarted once as a crash would;
// the store must then hold what one dyad ingest writes, ids included, and
// the queue nothing.
//
// Each worker runs on a test host of its own, when this process may make
// them (root, with iproute2's ip): a network namespace joined to this one
// by a veth pair, reaching NATS and PostgreSQL at this side's address of
// its pair. Otherwise, or with DYAD_SCALE_LOOPBACK=1, the workers share
// this host and loopback (the run under -race takes a minute and a half
// either way, so CI runs one).
func TestScaleOut(t *testing.T) {
	if os.Geteuid() != 0 || os.Getenv("DYAD_SCALE_LOOPBACK") != "" {
		t.Log("the workers on this host: test hosts need root (or DYAD_SCALE_LOOPBACK is set)")
		scaleOut(t, nil)
		return
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Log("the workers on this host: test hosts need ip (apt-get install -y iproute2)")
		scaleOut(t, nil)
		return
	}
	var hosts []testHost
	for i := range 3 {
		h := testHost{ns: fmt.Sprintf("dyadw%d-%d", i+1, os.Getpid()%10000), veth: fmt.Sprintf("dyv%d-%d", i+1, os.Getpid()%10000),
			here: fmt.Sprintf("10.%d.%d.1", 100+i, os.Getpid()%200), there: fmt.Sprintf("10.%d.%d.2", 100+i, os.Getpid()%200)}
		ipCmd(t, "netns", "add", h.ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", h.ns).Run() })
		ipCmd(t, "link", "add", h.veth, "type", "veth", "peer", "name", h.veth+"w")
		ipCmd(t, "link", "set", h.veth+"w", "netns", h.ns)
		ipCmd(t, "addr", "add", h.here+"/24", "dev", h.veth)
		ipCmd(t, "link", "set", h.veth, "up")
		ipCmd(t, "netns", "exec", h.ns, "ip", "addr", "add", h.there+"/24", "dev", h.veth+"w")
		ipCmd(t, "netns", "exec", h.ns, "ip", "link", "set", h.veth+"w", "up")
		ipCmd(t, "netns", "exec", h.ns, "ip", "link", "set", "lo", "up")
		hosts = append(hosts, h)
	}
	scaleOut(t, hosts)
}

// testHost is a network namespace a worker runs in, and the addresses of
// its veth pair: here, this side's, where it reaches the servers, and
// there, its own.
type testHost struct {
	ns, veth, here, there string
}

func ipCmd(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// scaleOut runs the test of TestScaleOut, with the workers on hosts (nil:
// on this one, over loopback).
func scaleOut(t *testing.T, hosts []testHost) {
	news := datatest.Dir(t, "news")
	listen, natsHost := "127.0.0.1", "127.0.0.1"
	if hosts != nil {
		listen, natsHost = "*", "0.0.0.0"
	}
	pg := pgtest.StartOn(t, listen)
	single, multi := pg.CreateDB(t, "single"), pg.CreateDB(t, "multi")
	start := time.Now()
	if err := dyadChild(t, "ingest", "--store", single, "--quiet", news).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Logf("one dyad ingest: %v", time.Since(start).Round(time.Millisecond))

	srv, err := queue.StartServer(natsHost, -1, t.TempDir())
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
	for i := range 3 {
		natsURL, pgURL := srv.URL(), multi
		var prefix []string
		if hosts != nil {
			h := hosts[i]
			natsURL = "nats://" + net.JoinHostPort(h.here, srv.Port())
			pgURL = pg.URLAt(h.here, "multi")
			prefix = []string{"ip", "netns", "exec", h.ns}
		}
		workers = append(workers, dyadChildVia(t, prefix, "worker", "--queue", natsURL, "--store", pgURL, "--workers", "1", "--batch", "4", "--idle", "10s"))
	}
	st, err := store.Open(ctx, multi, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	killed, restarted := false, false
	// Where the workers' connections to PostgreSQL come from, as it
	// sees them, looked at until they are done.
	clients := map[string]bool{}
	var clientsMu sync.Mutex
	stopLooking := make(chan struct{})
	looked := make(chan struct{})
	go func() {
		defer close(looked)
		for hosts != nil {
			for _, a := range clientAddrs(ctx, multi) {
				clientsMu.Lock()
				clients[a] = true
				clientsMu.Unlock()
			}
			select {
			case <-stopLooking:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
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
	close(stopLooking)
	<-looked
	if hosts != nil {
		t.Logf("PostgreSQL saw the workers connect from %v", clients)
	}
	// The worker killed first may have come and gone between two looks.
	for _, h := range hosts[min(1, len(hosts)):] {
		if !clients[h.there] {
			t.Errorf("no connection to PostgreSQL from %s (from %v)", h.there, clients)
		}
	}

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

// clientAddrs returns the addresses of the clients connected to the
// database at url, but this process.
func clientAddrs(ctx context.Context, url string) []string {
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil
	}
	defer c.Close(ctx)
	rows, err := c.Query(ctx, `SELECT DISTINCT host(client_addr) FROM pg_stat_activity
		WHERE datname = current_database() AND pid != pg_backend_pid() AND client_addr IS NOT NULL`)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if rows.Scan(&a) == nil {
			out = append(out, a)
		}
	}
	return out
}
