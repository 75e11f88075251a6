package cluster

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The real induction runs only when asked:
//
//	go test ./internal/cluster -run TestBuildClusters -timeout 60m \
//	    -cluster.data ../shared/data -cluster.out internal/models/clusters.bin
//
// (paths relative to the package directory when run by go test; use
// absolute ones to be safe).
var (
	buildData      = flag.String("cluster.data", "", "shared data directory; enables TestBuildClusters")
	buildOut       = flag.String("cluster.out", "", "where TestBuildClusters writes the cluster file")
	buildOnlyStats = flag.Bool("cluster.statsonly", false, "TestBuildClusters: only build the corpus and print its counts")
)

func TestBuildClusters(t *testing.T) {
	if *buildData == "" {
		t.Skip("set -cluster.data to build the cluster file")
	}
	start := time.Now()
	if *buildOnlyStats {
		_, st, err := BuildCorpus(*buildData)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("corpus built in %s:\n%s", time.Since(start).Round(time.Millisecond), st)
		return
	}
	c, st, err := Train(context.Background(), *buildData, Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus:\n%s", st)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("total %s; heap in use %d MB; obtained from OS %d MB", time.Since(start).Round(time.Second), ms.HeapInuse>>20, ms.Sys>>20)
	if *buildOut != "" {
		if err := os.MkdirAll(filepath.Dir(*buildOut), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(*buildOut)
		if err != nil {
			t.Fatal(err)
		}
		n, err := c.WriteTo(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d bytes", *buildOut, n)
	}
	t.Logf("info: %s", c.Info())
}

var (
	inspectFile  = flag.String("cluster.inspect", "", "TestInspectClusters: cluster file to show")
	inspectWords = flag.String("cluster.words", "Iran,Tuesday,attacked,militants,11,000", "TestInspectClusters: words to show, separated by commas")
)

// TestInspectClusters prints the clusters of some words with the most
// frequent other members of each, at every level.
func TestInspectClusters(t *testing.T) {
	if *inspectFile == "" {
		t.Skip("set -cluster.inspect to show clusters")
	}
	f, err := os.Open(*inspectFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s\nlevels %v, %d words", c.Info(), c.Levels(), c.Len())
	words := strings.Split(*inspectWords, ",")
	// "11,000" arrives split at its comma; glue digit groups back.
	for i := 0; i+1 < len(words); i++ {
		if isDigits(words[i]) && len(words[i+1]) == 3 && isDigits(words[i+1]) {
			words[i] += "," + words[i+1]
			words = append(words[:i+1], words[i+2:]...)
		}
	}
	for _, w := range words {
		ids, ok := c.Lookup(w)
		if !ok {
			t.Logf("%s: no cluster", w)
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s (count %d): ids %v", w, c.Count(w), ids)
		for l := NumLevels - 1; l >= 1; l-- {
			var members []string
			size := 0
			for _, e := range c.ents[:c.words] {
				if e.ids[l] == uint16(ids[l]) {
					size++
					if len(members) < 14 {
						members = append(members, c.keys[e.off:e.off+uint32(e.n)])
					}
				}
			}
			fmt.Fprintf(&b, "\n    level %d (%d of %d, %d words): %s", l, ids[l], c.levels[l], size, strings.Join(members, " "))
		}
		t.Log(b.String())
	}
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
