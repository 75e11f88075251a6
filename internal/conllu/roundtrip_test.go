package conllu_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/treebank"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// writeAll lays sentences out as documents and prints them all.
func writeAll(t *testing.T, sents []doc.Sentence) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, d := range conllu.Join(sents) {
		if err := conllu.Write(&buf, &d); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	return buf.Bytes()
}

// sameSentences reports the first difference between two readings of the
// same treebank; Read → Join → Write → Read must lose nothing that doc
// keeps.
func sameSentences(t *testing.T, got, want []doc.Sentence) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d sentences after the round trip, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := &got[i], &want[i]
		if !reflect.DeepEqual(g.Words, w.Words) {
			for j := range min(len(g.Words), len(w.Words)) {
				if g.Words[j] != w.Words[j] {
					t.Fatalf("sentence %d (%s) word %d:\n got %+v\nwant %+v", i+1, w.ID, j+1, g.Words[j], w.Words[j])
				}
			}
			t.Fatalf("sentence %d (%s): %d words, want %d", i+1, w.ID, len(g.Words), len(w.Words))
		}
		if !reflect.DeepEqual(g.Multi, w.Multi) || g.Text != w.Text || g.Span != w.Span || g.ID != w.ID ||
			g.NewDoc != w.NewDoc || g.NewPar != w.NewPar {
			t.Fatalf("sentence %d (%s):\n got %+v\nwant %+v", i+1, w.ID, *g, *w)
		}
	}
}

// TestRoundTripGolden runs hand-written sentences through Read → Join →
// Write and compares the output with testdata/roundtrip.golden; run
// "go test -update" after an intended change of the output to regenerate it.
func TestRoundTripGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "roundtrip.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	sents, err := conllu.Read(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	out := writeAll(t, sents)
	golden := filepath.Join("testdata", "roundtrip.golden")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("Write output differs from %s (run go test -update if the change is intended):\n%s", golden, out)
	}
	again, err := conllu.Read(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("Read of Write output: %v", err)
	}
	sameSentences(t, again, sents)
}

// dataDir returns the reference data folder or skips the test.
func dataDir(tb testing.TB) string {
	tb.Helper()
	return datatest.Dir(tb, "")
}

// TestRoundTripEWT checks that the EWT test split survives Read → Join →
// Write → Read with identical words, multiword tokens and texts.
func TestRoundTripEWT(t *testing.T) {
	sents, err := treebank.Load(filepath.Join(dataDir(t), treebank.EWT), treebank.Test)
	if err != nil {
		t.Fatalf("loading EWT test: %v", err)
	}
	out := writeAll(t, sents)
	again, err := conllu.Read(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("Read of Write output: %v", err)
	}
	sameSentences(t, again, sents)
}
