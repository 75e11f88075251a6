package conllu_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
)

// FuzzRead feeds Read arbitrary bytes. Read must never panic; when it
// accepts the input, every span must lie within its sentence text and Join
// and Write must handle the result, and what Write prints must read back.
func FuzzRead(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "roundtrip.conllu"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{
		"",
		"\n\n# newdoc\n",
		"1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n",
		"1-2\tvom\t_\t_\t_\t_\t_\t_\t_\t_\n1\tvon\tvon\tADP\t_\t_\t0\troot\t_\t_\n2\tdem\tder\tDET\t_\t_\t1\tdet\t_\t_\n",
		"1\ta \t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n1.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
		"# sent_id = a\n# newpar\n1\t\t\t\t\t\t\t\t\t\n",
		"1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sents, err := conllu.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := range sents {
			if err := checkSentence(&sents[i], len(sents[i].Text)); err != nil {
				t.Fatalf("Read: sentence %d: %v", i+1, err)
			}
		}
		docs := conllu.Join(sents)
		var buf bytes.Buffer
		for d := range docs {
			for i := range docs[d].Sentences {
				if err := checkSentence(&docs[d].Sentences[i], len(docs[d].Text)); err != nil {
					t.Fatalf("Join: document %d sentence %d: %v", d+1, i+1, err)
				}
			}
			if err := conllu.Write(&buf, &docs[d]); err != nil {
				t.Fatalf("Write: %v", err)
			}
		}
		again, err := conllu.Read(&buf)
		if err != nil {
			t.Fatalf("Read of Write output: %v\n%s", err, buf.String())
		}
		if len(again) != len(sents) {
			t.Fatalf("Write output has %d sentences, want %d", len(again), len(sents))
		}
		for i := range sents {
			if len(again[i].Words) != len(sents[i].Words) {
				t.Fatalf("sentence %d: Write output has %d words, want %d", i+1, len(again[i].Words), len(sents[i].Words))
			}
		}
		if err := conllu.Write(io.Discard, &doc.Document{Sentences: sents}); err != nil {
			t.Fatalf("Write without text: %v", err)
		}
	})
}

// checkSentence checks that the spans of s lie within its own span, that
// the span lies within a text of n bytes, and that multiword tokens cover
// consecutive words in order.
func checkSentence(s *doc.Sentence, n int) error {
	in := func(sp doc.Span) bool { return s.Span.Start <= sp.Start && sp.Start <= sp.End && sp.End <= s.Span.End }
	if s.Span.Start < 0 || s.Span.End > n || s.Span.Start > s.Span.End {
		return fmt.Errorf("span %v outside text of %d bytes", s.Span, n)
	}
	if s.Span.Len() != len(s.Text) {
		return fmt.Errorf("span %v does not cover text of %d bytes", s.Span, len(s.Text))
	}
	for i, w := range s.Words {
		if !in(w.Span) {
			return fmt.Errorf("word %d %q: span %v outside sentence %v", i+1, w.Form, w.Span, s.Span)
		}
		if w.Head < -1 || w.Head > len(s.Words) {
			return fmt.Errorf("word %d: head %d", i+1, w.Head)
		}
	}
	last := 0
	for i, m := range s.Multi {
		if m.First < last || m.Last <= m.First+1 || m.Last > len(s.Words) || !in(m.Span) {
			return fmt.Errorf("multiword token %d %+v of %d words", i+1, m, len(s.Words))
		}
		last = m.Last
	}
	return nil
}
