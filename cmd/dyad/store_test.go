package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/store"
)

// storyDir holds one wire story as text, as a page and as a syndicated
// copy, and another article about the same strike.
const storyDir = "../../internal/ingest/testdata/story"

// TestStoreCommands ingests the story folder and queries it with every
// store command and format.
func TestStoreCommands(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testStoreCommands(t, filepath.Join(t.TempDir(), "dyad.db")) })
	t.Run("postgres", func(t *testing.T) { testStoreCommands(t, pgtest.Start(t).CreateDB(t, "dyad")) })
}

// testStoreCommands runs the store commands on the store at db, a file or
// a PostgreSQL URL.
func testStoreCommands(t *testing.T, db string) {
	out := run(t, "", "ingest", "--store", db, storyDir)
	for _, want := range []string{"articles read             4", "new articles              3  (1 near-duplicates", "exact duplicates          1"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest summary lacks %q:\n%s", want, out)
		}
	}
	if out := run(t, "", "ingest", "--db", db, storyDir); !strings.Contains(out, "already stored            4") ||
		!strings.Contains(out, "new articles              0") {
		t.Errorf("second ingest added something:\n%s", out)
	}

	var cls []store.Cluster
	if err := json.Unmarshal([]byte(run(t, "", "events", "--db", db, "--source", "IRN", "--target", "PAK", "--format", "json")), &cls); err != nil {
		t.Fatal(err)
	}
	if len(cls) != 1 || cls[0].CAMEO != "195" || cls[0].Articles != 2 || cls[0].Mentions != 4 {
		t.Errorf("events IRN->PAK: %+v, want one 195 cluster of 2 articles and 4 mentions", cls)
	}
	var evs []store.Event
	if err := json.Unmarshal([]byte(run(t, "", "events", "--db", db, "--mentions", "--text", "Panjgur", "--cameo", "19", "--format", "json")), &evs); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Cluster != cls[0].ID || evs[0].Evidence.Predicate.Text == "" {
		t.Errorf("mentions of the article naming Panjgur: %+v", evs)
	}
	if out := run(t, "", "events", "--db", db, "--from", "2024-02-01"); strings.Count(out, "\n") != 1 {
		t.Errorf("events after February: want the header only:\n%s", out)
	}

	var pts []store.Point
	if err := json.Unmarshal([]byte(run(t, "", "series", "PAK", "IRN", "--db", db, "--by", "week", "--format", "json")), &pts); err != nil {
		t.Fatal(err)
	}
	if len(pts) != 1 || pts[0].Period != "2024-01-15" || pts[0].Events != 2 || pts[0].Quad[3] != 2 {
		t.Errorf("weekly series: %+v, want the week of Monday 2024-01-15 with 2 material-conflict events", pts)
	}
	var acts []store.ActorCount
	if err := json.Unmarshal([]byte(run(t, "", "actors", "PAK", "--db", db, "--format", "json")), &acts); err != nil {
		t.Fatal(err)
	}
	if len(acts) == 0 || acts[0].Entity != "IRN" {
		t.Errorf("partners of Pakistan: %+v, want Iran first", acts)
	}

	csvOut := run(t, "", "export", "--db", db, "--format", "csv")
	if !strings.HasPrefix(csvOut, strings.Join(clusterHeader, ",")+"\n") || strings.Count(csvOut, "\n") != len(mustClusters(t, db))+1 {
		t.Errorf("csv export:\n%s", csvOut)
	}
	pl := run(t, "", "export", "--db", db, "--format", "plover", "--cameo", "195")
	for _, line := range strings.Split(strings.TrimSpace(pl), "\n") {
		var r struct {
			Event   string `json:"event"`
			Cluster int64  `json:"cluster"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Event != "ASSAULT" || r.Cluster != cls[0].ID {
			t.Errorf("plover record %s: %+v, %v", line, r, err)
		}
	}
	pq := filepath.Join(t.TempDir(), "events.parquet")
	run(t, "", "export", "--db", db, "--format", "parquet", "--out", pq)
	rows, err := parquet.ReadFile[clusterRow](pq)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(mustClusters(t, db)) || rows[0].Source != "IRN" || rows[0].Articles != 2 {
		t.Errorf("parquet rows: %+v", rows)
	}
}

func mustClusters(t *testing.T, db string) []store.Cluster {
	t.Helper()
	var cls []store.Cluster
	if err := json.Unmarshal([]byte(run(t, "", "events", "--db", db, "--format", "json")), &cls); err != nil {
		t.Fatal(err)
	}
	return cls
}

// TestQueryBadInput: bad flags are errors with a message, not crashes.
func TestQueryBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	none := filepath.Join(t.TempDir(), "none.db")
	run(t, "", "ingest", "--db", db, filepath.Join(storyDir, "other.txt"))
	for _, args := range [][]string{
		{"events", "--db", db, "--from", "January"},
		{"events", "--db", db, "--quad", "7"},
		{"events", "--db", db, "--format", "xml"},
		{"series", "IRN", "PAK", "--db", db, "--by", "fortnight"},
		{"export", "--db", db, "--format", "parquet"},
		{"events", "--db", none},
	} {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs(args)
		if err := root.Execute(); err == nil {
			t.Errorf("dyad %s: no error", strings.Join(args, " "))
		}
	}
	if _, err := os.Stat(none); err == nil {
		t.Error("a query created a store")
	}
}
