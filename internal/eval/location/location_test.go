package location

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/extract"
)

var (
	update = flag.Bool("update", false, "rewrite the golden scoreboards")
	dev    = flag.Bool("dev", false, "score the dev split too (9,195 sentences; for choosing rules)")
)

// sample has a test record, the research assistants' copy of it, a dev
// record whose token offsets count characters after a curly quote, one
// with a numeric id, one with no spans, and a rejected one.
const sample = `[
{"_id":"a1","source":"RELABEL","answer":"accept","text":"Supporters demonstrated in Rome.","tokens":[{"start":0,"end":10,"id":0},{"start":11,"end":23,"id":1},{"start":24,"end":26,"id":2},{"start":27,"end":31,"id":3},{"start":31,"end":32,"id":4}],
 "spans":[{"label":"VERB","start":11,"end":23,"token_start":1,"token_end":1},{"label":"LOCATION","start":3,"end":3,"token_start":3,"token_end":3}]},
{"_id":"a1","source":"APW_RA","text":"Supporters demonstrated in Rome.","tokens":[{"start":0,"end":10,"id":0},{"start":11,"end":23,"id":1},{"start":24,"end":26,"id":2},{"start":27,"end":31,"id":3},{"start":31,"end":32,"id":4}],
 "spans":[{"label":"VERB","start":11,"end":23,"token_start":1,"token_end":1}]},
{"_id":-42,"source":"Masdar_RA","text":"The army’s troops shelled Hama.","tokens":[{"start":0,"end":3,"id":0},{"start":4,"end":10,"id":1},{"start":11,"end":17,"id":2},{"start":18,"end":25,"id":3},{"start":26,"end":30,"id":4},{"start":30,"end":31,"id":5}],
 "spans":[{"label":"VERB","start":18,"end":25,"token_start":3,"token_end":3},{"label":"LOCATION","token_start":4,"token_end":4}]},
{"_id":"b2","source":"RELABEL","answer":"accept","text":"No spans here.","tokens":[]},
{"_id":"b3","source":"AP","answer":"reject","text":"Gunmen shot a man.","tokens":[{"start":0,"end":6,"id":0},{"start":7,"end":11,"id":1}],"spans":[{"label":"VERB","token_start":1,"token_end":1}]}
]`

func TestRead(t *testing.T) {
	test, err := Read(strings.NewReader(sample), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(test) != 1 || test[0].ID != "a1" || test[0].Text[test[0].Verb.Start:test[0].Verb.End] != "demonstrated" ||
		len(test[0].Places) != 1 || test[0].Text[test[0].Places[0].Start:test[0].Places[0].End] != "Rome" {
		t.Fatalf("test split %+v", test)
	}
	dev, err := Read(strings.NewReader(sample), "dev")
	if err != nil {
		t.Fatal(err)
	}
	// The assistants' copy of the test sentence stays out of dev.
	if len(dev) != 1 || dev[0].ID != "-42" {
		t.Fatalf("dev split %+v", dev)
	}
	d := dev[0]
	if v, p := d.Text[d.Verb.Start:d.Verb.End], d.Text[d.Places[0].Start:d.Places[0].End]; v != "shelled" || p != "Hama" {
		t.Errorf("character offsets read as %q, %q; want shelled, Hama", v, p)
	}
	if _, err := Read(strings.NewReader(sample), "train"); err == nil {
		t.Error("an unknown split read without error")
	}
	if _, err := Read(strings.NewReader("{"), "test"); err == nil {
		t.Error("broken JSON read without error")
	}
}

// FuzzRead: any input reads as records whose spans lie in their text, or
// as an error.
func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte(`[{"_id":1,"source":"RELABEL","text":"é","tokens":[{"start":0,"end":9,"id":0}],"spans":[{"label":"VERB","token_start":0,"token_end":0}]}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, split := range Splits {
			recs, err := Read(strings.NewReader(string(b)), split)
			if err != nil {
				return
			}
			for _, r := range recs {
				for _, sp := range append(r.Places, r.Verb) {
					if sp.Start < 0 || sp.End > len(r.Text) || sp.Start > sp.End {
						t.Fatalf("span %v outside %q", sp, r.Text)
					}
				}
			}
		}
	})
}

// TestScoreboard locates the test split (and the dev split with -dev)
// and compares the scoreboards with the committed ones; it fails below
// the floors.
func TestScoreboard(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the suite parses 494 sentences")
	}
	datatest.Dir(t, Sub)
	x, err := extract.Build(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Taking the sentence's first place name scores 50.6% on test and
	// 48.6% on dev.
	floors := map[string]map[string]float64{
		"test": {"accuracy": 0.57, "f1": 0.54},
		"dev":  {"accuracy": 0.61, "f1": 0.50},
	}
	for _, split := range Splits {
		if split == "dev" && !*dev {
			continue
		}
		r, err := Run(context.Background(), "", "event-location", split, x, false)
		if err != nil {
			t.Fatal(err)
		}
		datatest.Scoreboard(t, filepath.Join("testdata", "event-location-"+split+".json"), r, *update, floors[split])
	}
}
