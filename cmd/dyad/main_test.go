package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/treebank"
)

func run(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	root := newRoot()
	var out bytes.Buffer
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		t.Fatalf("dyad %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

func TestParseStdin(t *testing.T) {
	out := run(t, "Iran launched missile attacks on two bases. Pakistan condemned the strikes.", "parse")
	for _, want := range []string{
		"# sent_id = 1\n", "# text = Iran launched missile attacks on two bases.\n",
		"# sent_id = 2\n", "\tlaunched\tlaunch\tVERB\tVBD\t", "\tcondemned\tcondemn\tVERB\tVBD\t",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestEvalUDJSON checks the `dyad eval` contract for the ud suite: one
// JSON object with the required metrics as fractions.
func TestEvalUDJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the full ud suite in -short mode")
	}
	datatest.Dir(t, treebank.EWT)
	out := run(t, "", "eval", "ud", "--json")
	var got struct {
		Suite   string             `json:"suite"`
		GoldTok map[string]float64 `json:"gold_tok"`
		RawText map[string]float64 `json:"raw_text"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got.Suite != "ud" {
		t.Errorf("suite %q", got.Suite)
	}
	for part, keys := range map[string][]string{
		"gold_tok": {"upos", "xpos", "lemma", "uas", "las"},
		"raw_text": {"tokens_f1", "sentences_f1", "upos", "uas", "las"},
	} {
		m := got.GoldTok
		if part == "raw_text" {
			m = got.RawText
		}
		for _, k := range keys {
			v, ok := m[k]
			if !ok || v <= 0 || v > 1 {
				t.Errorf("%s.%s = %v, want a fraction", part, k, v)
			}
		}
	}
}

// TestExtractJSONL checks the fields every --format jsonl event keeps
// (issue 3's contract) and the other formats on a short article.
func TestExtractJSONL(t *testing.T) {
	text := "Pakistan condemned the attack by Israel on the Iranian embassy in Damascus."
	out := run(t, text, "extract", "--format", "jsonl", "--date", "2024-04-12", "--workers", "2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 {
		t.Fatalf("want at least 2 events, got:\n%s", out)
	}
	for _, l := range lines {
		var e map[string]any
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		for _, k := range []string{"id", "article", "sentence", "source", "target", "cameo", "root", "goldstein",
			"quad", "plover", "date", "date_granularity", "date_source", "location", "evidence", "negated"} {
			if _, ok := e[k]; !ok {
				t.Errorf("event lacks %q: %s", k, l)
			}
		}
		src, _ := e["source"].(map[string]any)
		for _, k := range []string{"text", "span", "entity", "name", "country", "sector"} {
			if _, ok := src[k]; !ok {
				t.Errorf("source lacks %q: %s", k, l)
			}
		}
		ev, _ := e["evidence"].(map[string]any)
		for _, k := range []string{"predicate", "pattern"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("evidence lacks %q: %s", k, l)
			}
		}
		if e["date"] != "2024-04-12" || e["date_source"] != "story" {
			t.Errorf("date %v from %v, want 2024-04-12 from the story", e["date"], e["date_source"])
		}
	}
	tsv := run(t, text, "extract", "--format", "cameo-tsv", "--date", "2024-04-12")
	if !strings.Contains(tsv, "2024-04-12\tPAK\tISR\t111\t11\t") {
		t.Errorf("cameo-tsv lacks the condemnation:\n%s", tsv)
	}
	pl := run(t, text, "extract", "--format", "plover", "--date", "2024-04-12")
	if !strings.Contains(pl, `"event":"ACCUSE"`) {
		t.Errorf("plover output lacks ACCUSE:\n%s", pl)
	}
	// A compound actor is one PLOVER record with an actor list.
	pl = run(t, "Iran and Pakistan condemned Israel.", "extract", "--format", "plover", "--date", "2024-04-12")
	if n := strings.Count(strings.TrimSpace(pl), "\n") + 1; n != 1 || !strings.Contains(pl, `"country":"IRN"`) || !strings.Contains(pl, `"country":"PAK"`) {
		t.Errorf("want one PLOVER record listing Iran and Pakistan, got %d:\n%s", n, pl)
	}
	js := run(t, `{"id":"a1","title":"T","published":"2024-04-12T10:00:00Z","text":"`+text+`"}`+"\n", "extract", "--in", "jsonl")
	if !strings.Contains(js, `"article": "a1"`) || !strings.Contains(js, `"date": "2024-04-12"`) {
		t.Errorf("jsonl input: article or date lost:\n%s", js)
	}
}
