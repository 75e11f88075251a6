package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// TestEvalTimexSystem checks --export-docs and --system on a data folder
// of one tiny TempEval-3 platinum document: the exported text holds the
// gold extents, and a system file of the gold expressions scores 1.
func TestEvalTimexSystem(t *testing.T) {
	data := t.TempDir()
	sub, err := evtimex.SuiteDir("te3-platinum")
	if err != nil {
		t.Fatal(err)
	}
	suiteDir := filepath.Join(data, sub)
	if err := os.MkdirAll(suiteDir, 0o755); err != nil {
		t.Fatal(err)
	}
	const tml = `<?xml version="1.0" ?>
<TimeML><DOCID>TINY_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>Prices rose €5 on <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3>.</TEXT>
</TimeML>
`
	if err := os.WriteFile(filepath.Join(suiteDir, "TINY_1.tml"), []byte(tml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "docs")
	msg := run(t, "", "eval", "timex", "--data", data, "--suite", "te3-platinum", "--export-docs", out)
	if !strings.Contains(msg, "wrote 1 documents") {
		t.Errorf("export said %q", msg)
	}
	text, err := os.ReadFile(filepath.Join(out, "TINY_1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(out, "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var rec evtimex.ExportRecord
	if err := json.Unmarshal(index, &rec); err != nil || rec.Doc != "TINY_1" || rec.DCT != "2013-03-22" || rec.File != "TINY_1.txt" {
		t.Errorf("docs.jsonl %q: %+v %v", index, rec, err)
	}
	// The gold expressions, with byte offsets into the exported text.
	var sys strings.Builder
	for _, g := range []struct{ text, typ, value string }{{"Thursday", "DATE", "2013-03-21"}, {"a month", "DURATION", "P1M"}} {
		i := strings.Index(string(text), g.text)
		fmt.Fprintf(&sys, `{"doc":"TINY_1","start":%d,"end":%d,"type":%q,"value":%q}`+"\n", i, i+len(g.text), g.typ, g.value)
	}
	file := filepath.Join(t.TempDir(), "sys.jsonl")
	if err := os.WriteFile(file, []byte(sys.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--system", file}, {"--system", "-"}} {
		stdin := ""
		if args[1] == "-" {
			stdin = sys.String()
		}
		got := run(t, stdin, append([]string{"eval", "timex", "--data", data, "--suite", "te3-platinum", "--json"}, args...)...)
		var r evtimex.Result
		if err := json.Unmarshal([]byte(got), &r); err != nil {
			t.Fatalf("%v: %s", err, got)
		}
		if r.StrictF1 != 1 || r.ValueF1 != 1 || r.Counts.Gold != 2 || r.System == "" {
			t.Errorf("%v: %s", args, got)
		}
	}
	table := run(t, "", "eval", "timex", "--data", data, "--suite", "te3-platinum", "--system", file)
	if !strings.Contains(table, "system: sys.jsonl") || !strings.Contains(table, "2 system expressions") {
		t.Errorf("table:\n%s", table)
	}
	// A line outside the text is an error, not a score.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"doc":"TINY_1","start":0,"end":9999,"type":"DATE","value":"X"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := newRoot()
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	root.SetArgs([]string{"eval", "timex", "--data", data, "--suite", "te3-platinum", "--system", bad})
	if err := root.Execute(); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad system file: %v", err)
	}
}
