package timexeval

import (
	"context"
	"flag"
	"path/filepath"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/timex"
)

var update = flag.Bool("update", false, "rewrite the golden scoreboards")

// floors are the lowest scores the tagger may reach (fractions); they
// guard against regressions once the recognizer lands.
var floors = map[string]map[string]float64{
	// target 0.90 relaxed F1 / 0.80 value F1: not met yet
	"te3-platinum": {"relaxed_f1": 0, "value_f1": 0},
	// target 0.90 relaxed F1 / 0.80 value F1: not met yet
	"te3-aquaint": {"relaxed_f1": 0, "value_f1": 0},
	// target 0.90 relaxed F1 / 0.80 value F1: not met yet
	"te3-timebank": {"relaxed_f1": 0, "value_f1": 0},
	// target 0.90 relaxed F1 / 0.80 value F1: not met yet
	"wikiwars": {"relaxed_f1": 0, "value_f1": 0},
}

// TestScoreboards scores every suite and compares each scoreboard (without
// its misses) with testdata/SUITE.json, so that every change in accuracy
// shows as a diff (regenerate with go test -update), and fails when a
// metric drops below its floor.
func TestScoreboards(t *testing.T) {
	datatest.Dir(t, "eval/tempeval3")
	tg, err := timex.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, suite := range Suites {
		t.Run(suite, func(t *testing.T) {
			sub, err := SuiteDir(suite)
			if err != nil {
				t.Fatal(err)
			}
			datatest.Dir(t, sub)
			r, err := Run(context.Background(), "", suite, tg)
			if err != nil {
				t.Fatal(err)
			}
			r.Misses = nil
			datatest.Scoreboard(t, filepath.Join("testdata", suite+".json"), r, *update, floors[suite])
		})
	}
}

// TestReadSuites checks the reader on the data folder against the counts
// of eval/SOURCES.md: documents, in-text TIMEX3, one DCT each, and spans
// that hold their text.
func TestReadSuites(t *testing.T) {
	datatest.Dir(t, "eval/tempeval3")
	for _, c := range []struct {
		suite      string
		docs, gold int
	}{
		{"te3-platinum", 20, 138},
		{"te3-aquaint", 73, 579},
		{"te3-timebank", 183, 1243},
		{"wikiwars", 22, 2636},
	} {
		t.Run(c.suite, func(t *testing.T) {
			sub, _ := SuiteDir(c.suite)
			datatest.Dir(t, sub)
			docs, err := ReadSuite("", c.suite)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range docs {
				n += len(d.Timexs)
				if d.DCT.IsZero() {
					t.Errorf("%s: no DCT (%q)", d.ID, d.DCTValue)
				}
				checkSpans(t, d)
				for _, x := range d.Timexs {
					if x.Type == "" || x.Value == "" {
						t.Errorf("%s %s %q: type %q value %q", d.ID, x.TID, x.Text, x.Type, x.Value)
					}
				}
			}
			if len(docs) != c.docs || n != c.gold {
				t.Errorf("%d documents with %d TIMEX3, want %d with %d", len(docs), n, c.docs, c.gold)
			}
		})
	}
}
