package dictimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
)

// TestCommunityDictionaries imports the production dictionaries of
// PETRARCH-2, PETRARCH-1 and TABARI from the data folder and checks that
// what comes out compiles in dyad and keeps most records.
func TestCommunityDictionaries(t *testing.T) {
	dir := datatest.Dir(t, "events/dictionaries")
	ont, err := cameo.Default()
	if err != nil {
		t.Fatal(err)
	}
	known := func(c string) bool { return ont.Lookup(c) != nil }
	for _, tc := range []struct {
		path, kind string
		format     Format
		minKept    float64 // written / read
	}{
		{"petrarch2/Phoenix.Countries.actors.txt", "actors", PETRARCH, 0.95},
		{"petrarch2/Phoenix.International.actors.txt", "actors", PETRARCH, 0.95},
		{"petrarch2/Phoenix.MilNonState.actors.txt", "actors", PETRARCH, 0.95},
		{"petrarch2/Phoenix.agents.txt", "agents", PETRARCH, 0.90},
		{"petrarch2/CAMEO.2.0.txt", "verbs", PETRARCH, 0.50},
		{"petrarch1/CAMEO.verbpatterns.150430.txt", "verbs", PETRARCH, 0.50},
		{"tabari/CAMEO.091003.master.verbs", "verbs", TABARI, 0.50},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var b strings.Builder
			var rep Report
			switch tc.kind {
			case "actors":
				rep, err = Actors(tc.path, f, &b, tc.format)
			case "agents":
				rep, err = Agents(tc.path, f, &b, tc.format)
			case "verbs":
				rep, err = Verbs(tc.path, f, &b, tc.format, known)
			}
			if err != nil {
				t.Fatal(err)
			}
			kept := float64(rep.Read-rep.Skipped) / float64(max(rep.Read, 1))
			t.Logf("%s: %d records read, %d not expressible (%.0f%% kept), %d dyad records written", tc.path, rep.Read, rep.Skipped, 100*kept, rep.Written)
			if kept < tc.minKept {
				t.Errorf("kept %.2f of the records, want at least %.2f; first skipped: %v", kept, tc.minKept, rep.Notes[:min(5, len(rep.Notes))])
			}
			switch tc.kind {
			case "actors", "agents":
				if _, err := actor.Load(fstest.MapFS{tc.kind + "-x.tsv": {Data: []byte(b.String())}}); err != nil {
					t.Errorf("imported %s do not compile: %.500v", tc.kind, err)
				}
			case "verbs":
				if _, err := coder.LoadDict(fstest.MapFS{"x.txt": {Data: []byte(b.String())}}, ont); err != nil {
					t.Errorf("imported patterns do not compile: %.500v", err)
				}
			}
		})
	}
}
