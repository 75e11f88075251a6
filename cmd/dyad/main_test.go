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
