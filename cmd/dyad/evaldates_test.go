package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	evdates "github.com/dyadproject/dyad/internal/eval/dates"
)

// TestEvalDatesJSON checks the `dyad eval dates` contract: one JSON object
// with the suite and its accuracy as a fraction, and a readable table.
func TestEvalDatesJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the suite parses 90 documents")
	}
	datatest.Dir(t, evdates.Sub)
	out := run(t, "", "eval", "dates", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got["suite"] != "semeval2015-timeline" {
		t.Errorf("suite %v", got["suite"])
	}
	if a, ok := got["accuracy"].(float64); !ok || a <= 0 || a > 1 {
		t.Errorf("accuracy = %v, want a fraction", got["accuracy"])
	}
	if table := run(t, "", "eval", "dates"); !strings.Contains(table, "exact date") {
		t.Errorf("table:\n%s", table)
	}
}
