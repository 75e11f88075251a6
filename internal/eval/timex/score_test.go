package timexeval

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/timex"
)

func tx(start, end int, typ, value string) Timex {
	return Timex{Span: doc.Span{Start: start, End: end}, Type: typ, Value: value}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		name      string
		gold, sys []Timex
		want      []Pair
	}{
		{"exact", []Timex{tx(0, 5, "DATE", "")}, []Timex{tx(0, 5, "DATE", "")}, []Pair{{0, 0, true}}},
		{"overlap", []Timex{tx(0, 5, "", "")}, []Timex{tx(3, 9, "", "")}, []Pair{{0, 0, false}}},
		{"touching is no overlap", []Timex{tx(0, 5, "", "")}, []Timex{tx(5, 9, "", "")}, nil},
		{"empty system span", []Timex{tx(0, 5, "", "")}, []Timex{tx(2, 2, "", "")}, nil},
		// "2009-2010" as one system expression: the first gold takes it.
		{"one system, two gold", []Timex{tx(0, 4, "", ""), tx(5, 9, "", "")}, []Timex{tx(0, 9, "", "")}, []Pair{{0, 0, false}}},
		// Exact pairs come first even when an overlapping one precedes.
		{"exact wins", []Timex{tx(10, 20, "", "")}, []Timex{tx(8, 12, "", ""), tx(10, 20, "", "")}, []Pair{{0, 1, true}}},
		{"greedy by position", []Timex{tx(10, 20, "", ""), tx(0, 5, "", "")}, []Timex{tx(4, 15, "", ""), tx(15, 30, "", "")},
			[]Pair{{1, 0, false}, {0, 1, false}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Match(c.gold, c.sys)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreDocs(t *testing.T) {
	// Two documents; the finder answers from a table keyed by text.
	docs := []*Doc{
		{ID: "a", Text: "on Friday for about a month, in 2009", Timexs: []Timex{
			{Span: doc.Span{Start: 3, End: 9}, Text: "Friday", Type: "DATE", Value: "2013-03-22"},
			{Span: doc.Span{Start: 14, End: 27}, Text: "about a month", Type: "DURATION", Value: "P1M", Mod: "APPROX"},
			{Span: doc.Span{Start: 32, End: 36}, Text: "2009", Type: "DATE", Value: "2009"},
		}},
		{ID: "b", Text: "each season, now", Timexs: []Timex{
			{Span: doc.Span{Start: 0, End: 11}, Text: "each season", Type: "SET", Value: "XXXX-WI"},
		}},
	}
	sys := map[string][]timex.Expr{
		docs[0].Text: {
			{Span: doc.Span{Start: 3, End: 9}, Text: "Friday", Type: timex.Date, Value: " 2013-03-22 "}, // strict, right value
			{Span: doc.Span{Start: 20, End: 27}, Text: "a month", Type: timex.Duration, Value: "P1M"},   // relaxed, right value, no mod
			// 2009 missed
		},
		docs[1].Text: {
			{Span: doc.Span{Start: 0, End: 11}, Text: "each season", Type: timex.Date, Value: "XXXX"}, // strict, wrong type and value
			{Span: doc.Span{Start: 13, End: 16}, Text: "now", Type: timex.Date, Value: "PRESENT_REF"}, // spurious
		},
	}
	var gotDCT []time.Time
	find := func(text string, dct time.Time) []timex.Expr {
		gotDCT = append(gotDCT, dct)
		return sys[text]
	}
	r, err := ScoreDocs(context.Background(), "test", docs, find)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotDCT) != 2 {
		t.Fatalf("finder called %d times", len(gotDCT))
	}
	wantCounts := Counts{Gold: 4, System: 4, Strict: 2, Relaxed: 3, Type: 2, Value: 2, Mod: 2}
	if r.Counts != wantCounts {
		t.Errorf("counts %+v, want %+v", r.Counts, wantCounts)
	}
	relF1 := 0.75 // P = R = 3/4
	for name, c := range map[string][2]float64{
		"strict_precision":  {r.StrictPrecision, 0.5},
		"strict_recall":     {r.StrictRecall, 0.5},
		"strict_f1":         {r.StrictF1, 0.5},
		"relaxed_precision": {r.RelaxedPrecision, 0.75},
		"relaxed_recall":    {r.RelaxedRecall, 0.75},
		"relaxed_f1":        {r.RelaxedF1, relF1},
		"type_accuracy":     {r.TypeAccuracy, 2.0 / 3},
		"value_accuracy":    {r.ValueAccuracy, 2.0 / 3},
		"value_f1":          {r.ValueF1, 2.0 / 3 * relF1},
		"type_f1":           {r.TypeF1, 2.0 / 3 * relF1},
		"mod_accuracy":      {r.ModAccuracy, 2.0 / 3},
	} {
		if !near(c[0], c[1]) {
			t.Errorf("%s = %.4f, want %.4f", name, c[0], c[1])
		}
	}
	if d := r.ByType["DATE"]; d == nil || d.Gold != 2 || d.System != 3 || d.Strict != 1 || d.Relaxed != 1 || d.Value != 1 {
		t.Errorf("DATE counts %+v", d)
	}
	var kinds []string
	for _, m := range r.Misses {
		kinds = append(kinds, m.Doc+":"+m.Kind+":"+m.Text)
	}
	want := "a:extent:about a month a:missed:2009 b:value:each season b:spurious:now"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("misses %q, want %q", got, want)
	}
	line := r.Misses[2].String()
	for _, w := range []string{"value", "each season", "gold SET XXXX-WI", "system DATE XXXX"} {
		if !strings.Contains(line, w) {
			t.Errorf("miss line %q lacks %q", line, w)
		}
	}
	var b strings.Builder
	if err := WriteTable(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"relaxed match     75.00", "value             50.00    66.67"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, b.String())
		}
	}
}

func TestScoreDocsEmpty(t *testing.T) {
	r, err := ScoreDocs(context.Background(), "none", []*Doc{{ID: "x", Text: "nothing"}}, func(string, time.Time) []timex.Expr { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if r.RelaxedF1 != 0 || r.ValueF1 != 0 || math.IsNaN(r.ValueAccuracy) {
		t.Errorf("empty suite: %+v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ScoreDocs(ctx, "none", []*Doc{{}}, func(string, time.Time) []timex.Expr { return nil }); err == nil {
		t.Error("a cancelled context gave no error")
	}
}
