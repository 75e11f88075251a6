package dates

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/extract/extracttest"
)

var update = flag.Bool("update", false, "rewrite the golden scoreboard")

const sample = `<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>100911</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2008-03-01">2008-03-01</TIMEX3></DCT>
<TEXT><s id="0">EADS <EVENT eid="e89">defeat</EVENT> Boeing</s><s id="1">March 01 , 2008</s><s id="2">Northrop &amp; EADS have <EVENT eid="e74">defeated</EVENT> Boeing .</s></TEXT></TimeML>`

func TestReadDoc(t *testing.T) {
	d, err := ReadDoc(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "100911" || d.DCT.Format("2006-01-02") != "2008-03-01" {
		t.Errorf("id %q, dct %v", d.ID, d.DCT)
	}
	want := "EADS defeat Boeing\nMarch 01 , 2008\nNorthrop & EADS have defeated Boeing ."
	if d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	off := d.offset(2, "defeated")
	if off < 0 || d.Text[off:off+8] != "defeated" {
		t.Errorf("offset of defeated: %d", off)
	}
	if d.offset(2, "absent") != -1 {
		t.Error("a word not in the sentence has an offset")
	}
	if _, err := ReadDoc(strings.NewReader("<TimeML><TEXT>no id</TEXT></TimeML>")); err == nil {
		t.Error("a document without DOCID read without error")
	}
}

func TestDateMatch(t *testing.T) {
	for _, tc := range []struct {
		got, gold    string
		same, compat bool
	}{
		{"2008-03-01", "2008-03-01", true, true},
		{"2008-03", "2008-03-XX", true, true},
		{"2008-03-05", "2008-03-XX", false, true},
		{"2008", "2008-03-01", false, true},
		{"2007-03-01", "2008-03-01", false, false},
		{"2008-W10", "2008-03-01", false, false},
	} {
		if s, c := sameDate(tc.got, tc.gold), compatible(tc.got, tc.gold); s != tc.same || c != tc.compat {
			t.Errorf("%s vs %s: same %v compatible %v, want %v %v", tc.got, tc.gold, s, c, tc.same, tc.compat)
		}
	}
}

func FuzzReadDoc(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("<TimeML><DOCID>1</DOCID><DCT><TIMEX3 value=\"03-02-2009\"/></DCT><TEXT><s id=\"x\">a</s></TEXT></TimeML>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadDoc(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if off := d.offset(0, "a"); off >= 0 && (off+1 > len(d.Text) || d.Text[off:off+1] != "a") {
			t.Fatalf("offset %d of \"a\" in %q", off, d.Text)
		}
	})
}

// TestScoreboard dates the suite and compares the scoreboard with the
// committed one; it fails below the floor.
func TestScoreboard(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the suite parses 90 documents")
	}
	datatest.Dir(t, Sub)
	x := extracttest.Embedded(t)
	r, err := Run(context.Background(), "", "semeval2015-timeline", x, false)
	if err != nil {
		t.Fatal(err)
	}
	// The publication date gets 55.2% of the dated mentions right.
	datatest.Scoreboard(t, filepath.Join("testdata", "semeval2015-timeline.json"), r, *update,
		map[string]float64{"accuracy": 0.60})
}
