package timexeval

import (
	"encoding/json"
	"fmt"
	"github.com/dyadproject/dyad/internal/eval/metric"
	"io"
	"sort"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// Result is the scoreboard of a suite. The first fields are the `dyad
// eval timex --json` contract; all metrics are fractions between 0 and 1,
// micro-averaged over the suite's expressions as TempEval-3 does.
type Result struct {
	Suite string `json:"suite"`
	// System names the outside system's file scored instead of dyad's
	// tagger (dyad eval timex --system); empty for dyad.
	System        string  `json:"system,omitempty"`
	StrictF1      float64 `json:"strict_f1"`
	RelaxedF1     float64 `json:"relaxed_f1"`
	TypeAccuracy  float64 `json:"type_accuracy"`  // over relaxed matches
	ValueAccuracy float64 `json:"value_accuracy"` // over relaxed matches
	ValueF1       float64 `json:"value_f1"`       // value accuracy × relaxed F1 (TempEval-3's "Value F1")

	TypeF1           float64 `json:"type_f1"`      // type accuracy × relaxed F1
	ModAccuracy      float64 `json:"mod_accuracy"` // over relaxed matches; not a TempEval-3 metric
	StrictPrecision  float64 `json:"strict_precision"`
	StrictRecall     float64 `json:"strict_recall"`
	RelaxedPrecision float64 `json:"relaxed_precision"`
	RelaxedRecall    float64 `json:"relaxed_recall"`
	Docs             int     `json:"docs"`
	Counts           Counts  `json:"counts"`
	// ByType counts per TIMEX3 type: gold, strict, relaxed and value by
	// the gold expression's type, system by the system expression's.
	ByType map[string]*TypeCounts `json:"by_type"`
	// Misses lists the gold expressions missed or mis-normalized and the
	// spurious system expressions, document by document.
	Misses []Miss `json:"misses,omitempty"`
}

// TypeCounts are the counts of one TIMEX3 type.
type TypeCounts struct {
	Gold    int `json:"gold"`
	System  int `json:"system"`
	Strict  int `json:"strict"`
	Relaxed int `json:"relaxed"`
	Value   int `json:"value"`
}

// The kinds of Miss.
const (
	Missed      = "missed"   // no system expression overlaps the gold one
	WrongValue  = "value"    // matched, with another value
	WrongType   = "type"     // matched, right value, another type
	WrongExtent = "extent"   // matched on overlap only, right value and type
	Spurious    = "spurious" // a system expression overlapping no gold one
)

// Miss is one error: a gold expression missed or matched imperfectly, or
// a spurious system expression (then Span and Text are the system's and
// the gold fields are empty).
type Miss struct {
	Doc    string   `json:"doc"`
	Kind   string   `json:"kind"`
	Span   doc.Span `json:"span"`
	Text   string   `json:"text"`
	Type   string   `json:"type,omitempty"` // gold
	Value  string   `json:"value,omitempty"`
	Mod    string   `json:"mod,omitempty"`
	System *Timex   `json:"system,omitempty"` // the matched or spurious system expression
	DCT    string   `json:"dct,omitempty"`    // the document's creation time, as its TIMEX3 value
}

// String is one line: document, kind, gold text, gold and system values.
func (m Miss) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %s %d-%d %q", m.Kind, m.Doc, m.Span.Start, m.Span.End, oneLine(m.Text))
	if m.Kind != Spurious {
		fmt.Fprintf(&b, " gold %s %s", m.Type, valueOrNone(m.Value))
		if m.Mod != "" {
			fmt.Fprintf(&b, " mod=%s", m.Mod)
		}
	}
	if s := m.System; s != nil {
		b.WriteString(" system")
		if m.Kind != Spurious && s.Text != m.Text {
			fmt.Fprintf(&b, " %q", oneLine(s.Text))
		}
		fmt.Fprintf(&b, " %s %s", s.Type, valueOrNone(s.Value))
		if s.Mod != "" {
			fmt.Fprintf(&b, " mod=%s", s.Mod)
		}
	}
	if m.DCT != "" {
		fmt.Fprintf(&b, " (dct %s)", m.DCT)
	}
	return b.String()
}

func valueOrNone(v string) string {
	if v == "" {
		return `""`
	}
	return v
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (r *Result) finish() {
	c := r.Counts
	r.StrictPrecision, r.StrictRecall = metric.Ratio(c.Strict, c.System), metric.Ratio(c.Strict, c.Gold)
	r.RelaxedPrecision, r.RelaxedRecall = metric.Ratio(c.Relaxed, c.System), metric.Ratio(c.Relaxed, c.Gold)
	r.StrictF1 = metric.F1(r.StrictPrecision, r.StrictRecall)
	r.RelaxedF1 = metric.F1(r.RelaxedPrecision, r.RelaxedRecall)
	r.TypeAccuracy = metric.Ratio(c.Type, c.Relaxed)
	r.ValueAccuracy = metric.Ratio(c.Value, c.Relaxed)
	r.ModAccuracy = metric.Ratio(c.Mod, c.Relaxed)
	r.TypeF1 = r.TypeAccuracy * r.RelaxedF1
	r.ValueF1 = r.ValueAccuracy * r.RelaxedF1
}

// WriteJSON prints the scoreboard as one JSON object (with the misses
// when r holds them).
func WriteJSON(w io.Writer, r *Result) error {
	if err := json.NewEncoder(w).Encode(r); err != nil {
		return fmt.Errorf("timex eval: writing JSON: %w", err)
	}
	return nil
}

// WriteTable prints the scoreboard in the layout of the TempEval-3
// scorer's report (percentages with two decimals), then the counts per
// type.
func WriteTable(w io.Writer, r *Result) error {
	var b strings.Builder
	c := r.Counts
	fmt.Fprintf(&b, "suite %s: %d documents, %d gold expressions, %d system expressions\n", r.Suite, r.Docs, c.Gold, c.System)
	if r.System != "" {
		fmt.Fprintf(&b, "system: %s\n", r.System)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%-14s %8s %8s %8s %8s\n", "", "F1", "P", "R", "matches")
	fmt.Fprintf(&b, "%-14s %8.2f %8.2f %8.2f %8d\n", "strict match", 100*r.StrictF1, 100*r.StrictPrecision, 100*r.StrictRecall, c.Strict)
	fmt.Fprintf(&b, "%-14s %8.2f %8.2f %8.2f %8d\n", "relaxed match", 100*r.RelaxedF1, 100*r.RelaxedPrecision, 100*r.RelaxedRecall, c.Relaxed)
	fmt.Fprintf(&b, "\n%-14s %8s %8s\n", "attribute", "F1", "accuracy")
	fmt.Fprintf(&b, "%-14s %8.2f %8.2f\n", "value", 100*r.ValueF1, 100*r.ValueAccuracy)
	fmt.Fprintf(&b, "%-14s %8.2f %8.2f\n", "type", 100*r.TypeF1, 100*r.TypeAccuracy)
	fmt.Fprintf(&b, "%-14s %8s %8.2f\n", "mod", "", 100*r.ModAccuracy)
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Fprintf(&b, "\n%-10s %6s %6s %6s %6s %6s\n", "type", "gold", "system", "strict", "relax", "value")
	for _, t := range types {
		tc := r.ByType[t]
		fmt.Fprintf(&b, "%-10s %6d %6d %6d %6d %6d\n", t, tc.Gold, tc.System, tc.Strict, tc.Relaxed, tc.Value)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("timex eval: writing table: %w", err)
	}
	return nil
}
