package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
)

// childEnv names the store a re-executed test binary ingests into; the
// inputs follow in childArgsEnv.
const (
	childEnv     = "DYAD_TEST_INGEST_DB"
	childArgsEnv = "DYAD_TEST_INGEST_ARGS"
	// childDyadEnv holds the arguments of a dyad command a re-executed
	// test binary runs (dyadChild), one a line.
	childDyadEnv = "DYAD_TEST_DYAD_ARGS"
)

func TestMain(m *testing.M) {
	if args := os.Getenv(childDyadEnv); args != "" {
		// A dyad command of a test (dyadChild), then exit.
		root := newRoot()
		root.SetArgs(strings.Split(args, "\n"))
		if err := root.ExecuteContext(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "dyad:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if db := os.Getenv(childEnv); db != "" {
		// The child of TestKillIngest: one dyad ingest, then exit.
		root := newRoot()
		root.SetArgs(append([]string{"ingest", "--db", db, "--quiet", "--batch", "16"}, strings.Split(os.Getenv(childArgsEnv), "\n")...))
		if err := root.ExecuteContext(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "dyad:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath)) // dyadBinary's
	}
	os.Exit(code)
}

// ingestChild starts dyad ingest in a child process.
func ingestChild(t *testing.T, db string, inputs []string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+db, childArgsEnv+"="+strings.Join(inputs, "\n"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestKillIngest kills dyad ingest with SIGKILL at random moments, runs it
// again to the end, and checks that the store holds exactly what one
// uninterrupted run stores: the same articles, sources, events and
// clusters, ids included.
func TestKillIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test: slow; run without -short")
	}
	data := datatest.Dir(t, "")
	inputs := []string{
		filepath.Join(data, "eval", "bbc-news-2225", "politics"),
		filepath.Join(data, "news", "voa"),
		"../../internal/ingest/testdata/story",
	}
	rounds := 3
	if raceEnabled {
		// The race detector slows coding several times.
		inputs, rounds = inputs[1:], 2
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.db")
	start := time.Now()
	if err := ingestChild(t, ref, inputs).Wait(); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	want := storeDigest(t, ref)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("uninterrupted run: %s; %s; seed %d", full.Round(time.Millisecond), want.counts, seed)
	total := 0
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("run%d.db", round))
		kills := 0
		for k := range 2 { // up to two kills, then a run to the end
			child := ingestChild(t, db, inputs)
			wait := time.Duration(float64(full) * (0.05 + 0.45*rng.Float64()))
			done := make(chan error, 1)
			go func() { done <- child.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("round %d: run %d failed: %v", round, k, err)
				}
			case <-time.After(wait):
				child.Process.Signal(syscall.SIGKILL)
				<-done
				kills++
			}
		}
		if err := ingestChild(t, db, inputs).Wait(); err != nil {
			t.Fatalf("round %d: the last run failed: %v", round, err)
		}
		total += kills
		got := storeDigest(t, db)
		t.Logf("round %d: %d kills; %s", round, kills, got.counts)
		if got != want {
			t.Errorf("round %d (%d kills): the store differs from an uninterrupted run:\n got %s\nwant %s", round, kills, got.counts, want.counts)
		}
	}
	if total == 0 {
		t.Error("no run was killed: every one ended before its moment came")
	}
}

// digest sums up a store: its counts, and a hash of every row that does
// not hold a clock time.
type digest struct {
	counts string
	hash   string
}

func storeDigest(t *testing.T, path string) digest {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	var counts []string
	for _, q := range []string{
		"SELECT id, hash, canonical, similarity, title, date, date_from, coding FROM articles ORDER BY id",
		"SELECT key, article, outlet FROM sources ORDER BY key",
		"SELECT key, reason FROM skipped ORDER BY key",
		"SELECT id, article, coder, events, event_json, cluster_ids FROM codings ORDER BY id",
		"SELECT cluster, article, n, date, src_entity, tgt_entity, cameo FROM mentions ORDER BY cluster, article, n",
		"SELECT id, src, tgt, root, date, place, mentions, articles, sources FROM clusters ORDER BY id",
		"SELECT band, key, article FROM bands ORDER BY band, key, article",
		"SELECT entity, name FROM entities ORDER BY entity",
		"SELECT id, term FROM terms ORDER BY id",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
			n++
		}
		rows.Close()
		table := q[strings.Index(q, " FROM ")+6:]
		counts = append(counts, fmt.Sprintf("%s %d", table[:strings.Index(table, " ")], n))
	}
	return digest{counts: strings.Join(counts, ", "), hash: fmt.Sprintf("%x", h.Sum(nil))}
}
