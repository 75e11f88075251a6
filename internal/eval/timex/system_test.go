package timexeval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/timex"
)

func tinyDocs(t *testing.T) []*Doc {
	t.Helper()
	d, err := ReadTimeML(strings.NewReader(tinyTML))
	if err != nil {
		t.Fatal(err)
	}
	return []*Doc{d}
}

// record is the system line of text s, found at its first occurrence in
// the tiny document.
func record(t *testing.T, d *Doc, s, typ, value string) string {
	t.Helper()
	i := strings.Index(d.Text, s)
	if i < 0 {
		t.Fatalf("%q not in the tiny text", s)
	}
	b, err := json.Marshal(SystemRecord{Doc: d.ID, Start: i, End: i + len(s), Type: typ, Value: value})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestScoreSystem scores a hand-made system file of the tiny document:
// one strict match, one relaxed match with another value, one spurious
// expression after the "€" (byte offsets), a blank line.
func TestScoreSystem(t *testing.T) {
	docs := tinyDocs(t)
	d := docs[0]
	file := strings.Join([]string{
		record(t, d, "Friday", "DATE", "2013-03-22"),
		"",
		record(t, d, "a month", "DURATION", "P30D"),
		record(t, d, "5.\nThe", "DATE", "XXXX"),
	}, "\n")
	sys, err := ReadSystem(strings.NewReader(file), docs)
	if err != nil {
		t.Fatal(err)
	}
	if got := sys[d.ID]; len(got) != 3 || got[2].Text != "5.\nThe" || got[1].Text != "a month" {
		t.Fatalf("read %+v", got)
	}
	r, err := ScoreSystem(context.Background(), "tiny", docs, sys)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Gold: 4, System: 3, Strict: 1, Relaxed: 2, Type: 2, Value: 1, Mod: 1}
	if r.Counts != want {
		t.Errorf("counts %+v, want %+v", r.Counts, want)
	}
	kinds := map[string]int{}
	for _, m := range r.Misses {
		kinds[m.Kind]++
	}
	if kinds[Missed] != 2 || kinds[WrongValue] != 1 || kinds[Spurious] != 1 {
		t.Errorf("misses %v", kinds)
	}
	// No line for a document: all its gold expressions are missed.
	r, err = ScoreSystem(context.Background(), "tiny", docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Counts != (Counts{Gold: 4}) || r.RelaxedF1 != 0 {
		t.Errorf("empty system: %+v", r.Counts)
	}
}

// TestReadSystemErrors checks that bad lines are errors that name the
// line, never panics.
func TestReadSystemErrors(t *testing.T) {
	docs := tinyDocs(t)
	d := docs[0]
	euro := strings.Index(d.Text, "€")
	for _, c := range []struct{ line, want string }{
		{`{"doc":"TINY_1","start":1,"end":3,"type":"DATE"`, "system line"},
		{`["TINY_1",1,3]`, "system line"},
		{`{"doc":"OTHER","start":1,"end":3,"type":"DATE","value":"2013"}`, "not in the suite"},
		{`{"doc":"TINY_1","start":-1,"end":3,"type":"DATE","value":"2013"}`, "outside the text"},
		{`{"doc":"TINY_1","start":3,"end":3,"type":"DATE","value":"2013"}`, "empty"},
		{`{"doc":"TINY_1","start":3,"end":100000,"type":"DATE","value":"2013"}`, "outside the text"},
		{`{"doc":"TINY_1","start":1,"end":` + itoa(euro+1) + `,"type":"DATE","value":"2013"}`, "splits a UTF-8 character"},
		{`{"doc":"TINY_1","start":1,"end":3,"type":"date","value":"2013"}`, `type "date"`},
		{`{"doc":"TINY_1","start":1,"end":3,"type":"DATE","value":"2013","score":1}`, "unknown field"},
	} {
		_, err := ReadSystem(strings.NewReader("\n"+c.line+"\n"), docs)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%s: error %v, want one on line 2 with %q", c.line, err, c.want)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestExportDocs writes the tiny document and reads it back: the text
// byte for byte, and docs.jsonl.
func TestExportDocs(t *testing.T) {
	docs := tinyDocs(t)
	dir := filepath.Join(t.TempDir(), "out")
	if err := ExportDocs(dir, docs); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(dir, "TINY_1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if string(text) != docs[0].Text {
		t.Errorf("text %q, want %q", text, docs[0].Text)
	}
	index, err := os.ReadFile(filepath.Join(dir, "docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"doc":"TINY_1","dct":"2013-03-22","file":"TINY_1.txt"}` + "\n"; string(index) != want {
		t.Errorf("docs.jsonl %q, want %q", index, want)
	}
	for _, id := range []string{"", "..", "a/b", `a\b`} {
		bad := &Doc{ID: id, Text: "x"}
		if err := ExportDocs(dir, []*Doc{bad}); err == nil {
			t.Errorf("document name %q exported", id)
		}
	}
	if err := ExportDocs(dir, []*Doc{docs[0], docs[0]}); err == nil {
		t.Error("a repeated document name exported")
	}
}

// TestSystemMatchesTagger writes dyad's own expressions on TempEval-3
// platinum as a system file and scores it with --system's path: the
// scoreboard must be the tagger's, misses included.
func TestSystemMatchesTagger(t *testing.T) {
	docs := readSuiteOrSkip(t, "te3-platinum")
	tg, err := timex.New()
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	w := bufio.NewWriter(&file)
	enc := json.NewEncoder(w)
	for _, d := range docs {
		for _, e := range tg.Find(d.Text, d.DCT) {
			rec := SystemRecord{Doc: d.ID, Start: e.Span.Start, End: e.Span.End, Type: string(e.Type), Value: e.Value, Mod: e.Mod}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	sys, err := ReadSystem(&file, docs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ScoreSystem(context.Background(), "te3-platinum", docs, sys)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ScoreDocs(context.Background(), "te3-platinum", docs, tg.Find)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scored from the file:\n%+v\nfrom the tagger:\n%+v", got, want)
	}
}

// readSuiteOrSkip reads a suite of the data folder or skips the test.
func readSuiteOrSkip(t *testing.T, suite string) []*Doc {
	t.Helper()
	sub, err := SuiteDir(suite)
	if err != nil {
		t.Fatal(err)
	}
	datatest.Dir(t, sub)
	docs, err := ReadSuite("", suite)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
