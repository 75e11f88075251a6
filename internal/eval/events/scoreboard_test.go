package events

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden scoreboards")

// floors are the lowest scores the embedded knowledge base and patterns
// may reach (fractions). They guard against regressions; the issue's
// targets are noted where they are not met yet.
var floors = map[string]map[string]float64{
	"petr2-gsr": {
		"precision": 0.22, // target 0.85: not met yet
		"recall":    0.12, // target 0.85: not met yet
	},
	"plover-gsr": {
		"event_type_accuracy":     0.72, // target 0.70: met
		"source_country_accuracy": 0.80, // target 0.80: met
	},
	"tabari": {
		"recall": 0.52, // target 0.90 of the expected events: not met yet
	},
	"petr": {
		"exact_record_rate": 0.58, // target 0.85: not met yet
	},
}

// TestScoreboards scores the suites of the data folder and compares each
// scoreboard with testdata/SUITE.json, so that every change in accuracy
// shows as a diff (regenerate with go test -update), and fails when a
// metric drops below its floor.
func TestScoreboards(t *testing.T) {
	datatest.Dir(t, "events")
	for _, suite := range []string{"petr2-gsr", "plover-gsr", "tabari", "petr"} {
		t.Run(suite, func(t *testing.T) {
			opt := extract.Options{Coder: coder.Config{Monadic: suite == "plover-gsr"}}
			if suite == "tabari" || suite == "petr" {
				dir, _, err := ImportSuite(suite, "", t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				opt.KB, opt.Patterns = dir, dir
			}
			x, err := extract.Build(opt)
			if err != nil {
				t.Fatal(err)
			}
			code := func(ctx context.Context, id, text string, date time.Time) ([]event.Event, error) {
				res, err := x.Extract(ctx, extract.Article{ID: id, Text: text, Date: date})
				if err != nil {
					return nil, err
				}
				return res.Events, nil
			}
			s, err := Run(context.Background(), suite, "", code)
			if err != nil {
				t.Fatal(err)
			}
			datatest.Scoreboard(t, filepath.Join("testdata", suite+".json"), s, *update, floors[suite])
		})
	}
}

func TestReadTABARI(t *testing.T) {
	dir := datatest.Dir(t, TABARIDir)
	recs, err := ReadTABARI(filepath.Join(dir, "Validate.text"))
	if err != nil {
		t.Fatal(err)
	}
	events, none := 0, 0
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.ID] = true
		events += len(r.Want)
		if r.NoEvents {
			none++
		}
	}
	// SOURCES.md counts 514 expected events in 403 records; the file's
	// notes hold a few more codings in forms that count too.
	if events < 500 || events > 530 {
		t.Errorf("%d expected events in %d records, want about 514", events, len(recs))
	}
	// Headers of three fields are records of their own, not text.
	for _, id := range []string{"FBIS-002-001", "FBIS-003-001", "AGENTS-11", "SYNSET-24e"} {
		if !ids[id] {
			t.Errorf("record %s not read", id)
		}
	}
	for _, r := range recs {
		if strings.Contains(r.Text, "FBIS-") {
			t.Errorf("record %s swallowed a header: %.80q", r.ID, r.Text)
		}
	}
	t.Logf("%d records, %d expected events, %d records expecting none", len(recs), events, none)
}

func TestReadPETR2(t *testing.T) {
	dir := datatest.Dir(t, "events")
	recs, err := ReadPETR2(filepath.Join(dir, "validation/petrarch2/PETR2_GSR_validation.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want, events := 0, 0
	for _, r := range recs {
		if r.Text == "" {
			t.Errorf("%s has no text", r.ID)
		}
		events += len(r.Want)
		if len(r.Want) > 0 || r.NoEvents {
			want++
		}
	}
	if len(recs) != 78 || events != 80 {
		t.Errorf("%d records with %d events, want 78 with 80", len(recs), events)
	}
}
