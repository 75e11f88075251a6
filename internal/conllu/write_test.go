package conllu_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
)

func TestJoin(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(conll(`
# newdoc id = a
# sent_id = a-1
1 One one NUM _ _ 0 root _ SpaceAfter=No
2 .   .   PUNCT _ _ 1 punct _ _

# sent_id = a-2
1 Two two NUM _ _ 0 root _ _

# sent_id = a-3
# newpar
1-2 Three's _ _ _ _ _ _ _ _
1 Three three NUM _ _ 0 root _ _
2 's    's    PART _ _ 1 case _ _

# newdoc id = b
# sent_id = b-1
1 Four four NUM _ _ 0 root _ _
`)))
	if err != nil {
		t.Fatal(err)
	}
	docs := conllu.Join(sents)
	if len(docs) != 2 {
		t.Fatalf("Join made %d documents, want 2", len(docs))
	}
	a := docs[0]
	if a.ID != "a" || a.Text != "One. Two\n\nThree's" || docs[1].ID != "b" || docs[1].Text != "Four" {
		t.Fatalf("Join: documents %q %q and %q %q", a.ID, a.Text, docs[1].ID, docs[1].Text)
	}
	for i, s := range a.Sentences {
		for j, w := range s.Words {
			if !s.Span.Contains(w.Span) {
				t.Errorf("sentence %d word %d: span %v outside sentence %v", i+1, j+1, w.Span, s.Span)
			}
		}
	}
	third := a.Sentences[2]
	if got := a.Text[third.Span.Start:third.Span.End]; got != "Three's" {
		t.Errorf("third sentence spans %q", got)
	}
	if got := a.Text[third.Multi[0].Span.Start:third.Multi[0].Span.End]; got != "Three's" {
		t.Errorf("multiword token spans %q", got)
	}
	if got := a.Text[third.Words[1].Span.Start:third.Words[1].Span.End]; got != "'s" {
		t.Errorf("second word of the multiword token spans %q", got)
	}
	if sents[2].Words[0].Span != (doc.Span{Start: 0, End: 5}) {
		t.Errorf("Join changed the spans of its input: %v", sents[2].Words[0].Span)
	}
}

func TestWriteBadMultiwordToken(t *testing.T) {
	d := doc.Document{Text: "ab", Sentences: []doc.Sentence{{
		Span:  doc.Span{Start: 0, End: 2},
		Words: []doc.Word{{Span: doc.Span{Start: 0, End: 1}, Form: "a"}, {Span: doc.Span{Start: 1, End: 2}, Form: "b"}},
		Multi: []doc.MultiToken{{First: 1, Last: 5, Form: "b"}},
	}}}
	var buf bytes.Buffer
	if err := conllu.Write(&buf, &d); err == nil || !strings.Contains(err.Error(), "multiword token") {
		t.Fatalf("Write error = %v, want one about the multiword token", err)
	}
	d.Sentences[0].Multi[0] = doc.MultiToken{First: 0, Last: 1, Form: "a"} // out of order after the range below
	d.Sentences[0].Multi = append(d.Sentences[0].Multi, doc.MultiToken{First: 0, Last: 2, Form: "ab"})
	if err := conllu.Write(&buf, &d); err == nil {
		t.Fatal("Write accepted overlapping multiword tokens")
	}
}

// A one-word multiword token, which Read refuses but other code may build,
// is written as its word and does not shift the multiword tokens after it.
func TestWriteOneWordMultiwordToken(t *testing.T) {
	d := doc.Document{Text: "a bc", Sentences: []doc.Sentence{{
		Span: doc.Span{Start: 0, End: 4},
		Words: []doc.Word{
			{Span: doc.Span{Start: 0, End: 1}, Form: "a", Head: -1},
			{Span: doc.Span{Start: 2, End: 3}, Form: "b", Head: -1},
			{Span: doc.Span{Start: 3, End: 4}, Form: "c", Head: -1},
		},
		Multi: []doc.MultiToken{
			{First: 0, Last: 1, Span: doc.Span{Start: 0, End: 1}, Form: "a"},
			{First: 1, Last: 3, Span: doc.Span{Start: 2, End: 4}, Form: "bc"},
		},
	}}}
	var buf bytes.Buffer
	if err := conllu.Write(&buf, &d); err != nil {
		t.Fatal(err)
	}
	want := "# sent_id = 1\n# text = a bc\n" +
		"1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\tb\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\tc\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	if buf.String() != want {
		t.Errorf("Write =\n%s\nwant\n%s", buf.String(), want)
	}
}
