package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	evtimex "github.com/dyadproject/dyad/internal/eval/timex"
	"github.com/dyadproject/dyad/internal/timex"
)

// TestTimex checks `dyad timex`: the story date from the header or
// --date, JSON Lines of timex.Expr whose spans hold their text, and the
// table.
func TestTimex(t *testing.T) {
	article := "April 12, 2024 - 20:12\n\nIran attacked two bases on Thursday. On January 16 it had struck Pakistan.\n"
	table := run(t, article, "timex")
	if !strings.Contains(table, "story date 2024-04-12 (from article header)") || !strings.Contains(table, "span") {
		t.Errorf("table lacks the story date or the header:\n%s", table)
	}
	if out := run(t, "Iran attacked on Thursday.", "timex", "--date", "2024-04-12"); !strings.Contains(out, "story date 2024-04-12 (from --date)") {
		t.Errorf("--date not used:\n%s", out)
	}
	out := run(t, article, "timex", "--json")
	got := map[string]timex.Expr{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var e timex.Expr
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("not a JSON expression: %v: %s", err, l)
		}
		if e.Span.Start < 0 || e.Span.End > len(article) || article[e.Span.Start:e.Span.End] != e.Text {
			t.Errorf("span %v does not hold %q", e.Span, e.Text)
		}
		got[e.Text] = e
	}
	for text, value := range map[string]string{"Thursday": "2024-04-11", "January 16": "2024-01-16"} {
		if e, ok := got[text]; !ok || e.Value != value {
			t.Errorf("%q: got %+v, want value %s", text, e, value)
		}
	}
}

// TestEvalTimexJSON checks the `dyad eval` contract for the timex suites:
// one JSON object with the required metrics as fractions, and the misses
// with --misses.
func TestEvalTimexJSON(t *testing.T) {
	sub, err := evtimex.SuiteDir("te3-platinum")
	if err != nil {
		t.Fatal(err)
	}
	datatest.Dir(t, sub)
	out := run(t, "", "eval", "timex", "--suite", "te3-platinum", "--json", "--misses")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got["suite"] != "te3-platinum" {
		t.Errorf("suite %v", got["suite"])
	}
	for _, k := range []string{"strict_f1", "relaxed_f1", "type_accuracy", "value_accuracy", "value_f1"} {
		v, ok := got[k].(float64)
		if !ok || v < 0 || v > 1 {
			t.Errorf("%s = %v, want a fraction", k, got[k])
		}
	}
	misses, _ := got["misses"].([]any)
	if len(misses) == 0 && got["strict_f1"] != 1.0 {
		t.Errorf("--misses gave no misses:\n%.500s", out)
	}
	for _, m := range misses {
		mm, _ := m.(map[string]any)
		if mm["doc"] == "" || mm["kind"] == "" || mm["text"] == "" {
			t.Errorf("miss lacks doc, kind or text: %v", m)
		}
	}
	table := run(t, "", "eval", "timex", "--suite", "te3-platinum")
	for _, w := range []string{"suite te3-platinum: 20 documents, 138 gold expressions", "relaxed match", "value"} {
		if !strings.Contains(table, w) {
			t.Errorf("table lacks %q:\n%s", w, table)
		}
	}
}
