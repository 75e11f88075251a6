package timexeval

import (
	"context"
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/timex"
)

var update = flag.Bool("update", false, "rewrite the golden scoreboards")

// floors are the lowest scores the tagger may reach (fractions), just
// under its scores; they guard against regressions and are never lowered.
var floors = map[string]map[string]float64{
	// the test: target 0.90 relaxed F1 (met) and 0.80 value F1
	// (not met: 0.795)
	"te3-platinum": {"relaxed_f1": 0.90, "value_f1": 0.79},
	// the training sets the grammar was measured on
	"te3-aquaint":  {"relaxed_f1": 0.93, "value_f1": 0.77},
	"te3-timebank": {"relaxed_f1": 0.93, "value_f1": 0.81},
	// every document's creation time is the download date, so relative
	// expressions are resolved against the wrong day
	"wikiwars": {"relaxed_f1": 0.91, "value_f1": 0.83},
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

// TestGoldAsSystem scores the platinum gold against itself (every metric
// 1) and against itself with each extent cut by its last byte (no strict
// match, every relaxed one), so that reader and scorer agree on extents.
func TestGoldAsSystem(t *testing.T) {
	sub, _ := SuiteDir("te3-platinum")
	datatest.Dir(t, sub)
	docs, err := ReadSuite("", "te3-platinum")
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]*Doc{}
	for _, d := range docs {
		byText[d.Text] = d
	}
	for _, cut := range []int{0, 1} {
		find := func(text string, _ time.Time) []timex.Expr {
			var out []timex.Expr
			for _, x := range byText[text].Timexs {
				x.Span.End -= cut
				out = append(out, timex.Expr{Span: x.Span, Text: text[x.Span.Start:x.Span.End],
					Type: timex.Type(x.Type), Value: x.Value, Mod: x.Mod})
			}
			return out
		}
		r, err := ScoreDocs(context.Background(), "te3-platinum", docs, find)
		if err != nil {
			t.Fatal(err)
		}
		wantStrict := 1.0 - float64(cut)
		if r.StrictF1 != wantStrict || r.RelaxedF1 != 1 || r.ValueF1 != 1 || r.TypeAccuracy != 1 || r.ModAccuracy != 1 {
			t.Errorf("cut %d: strict %.4f relaxed %.4f value F1 %.4f type %.4f mod %.4f", cut,
				r.StrictF1, r.RelaxedF1, r.ValueF1, r.TypeAccuracy, r.ModAccuracy)
		}
		if n := len(r.Misses); cut == 0 && n != 0 || cut == 1 && n != r.Counts.Gold {
			t.Errorf("cut %d: %d misses", cut, n)
		}
	}
}
