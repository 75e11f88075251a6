package ud

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/treebank"
)

// conll turns a CoNLL-U fixture written with spaces between columns into
// real CoNLL-U, so that the test tables stay readable. Comment and blank
// lines are kept as they are.
func conll(s string) string {
	var b strings.Builder
	for line := range strings.Lines(strings.TrimLeft(s, "\n")) {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' {
			line = strings.Join(strings.Fields(line), "\t")
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// docs reads a CoNLL-U fixture and lays it out as documents.
func docs(t testing.TB, src string) []doc.Document {
	t.Helper()
	sents, err := conllu.Read(strings.NewReader(conll(src)))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return conllu.Join(sents)
}

// clone deep-copies documents so that a test can change a copy of gold.
func clone(ds []doc.Document) []doc.Document {
	out := make([]doc.Document, len(ds))
	for i, d := range ds {
		d.Sentences = append([]doc.Sentence(nil), d.Sentences...)
		for j := range d.Sentences {
			s := &d.Sentences[j]
			s.Words = append([]doc.Word(nil), s.Words...)
			s.Multi = append([]doc.MultiToken(nil), s.Multi...)
		}
		out[i] = d
	}
	return out
}

// The gold fixture: "I don't know. She left." with one multiword token.
// 2 sentences, 7 tokens, 8 words; content words (by relation) are I, n't,
// know, She and left; "do" is a function word (aux) attached to "know".
const goldSrc = `
# sent_id = s1
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj  _ _
2-3 don't _     _     _   _                                          _ _      _ _
2   do    do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           4 aux    _ _
3   n't   not   PART  RB  Polarity=Neg                               4 advmod _ _
4   know  know  VERB  VB  VerbForm=Inf                               0 root   _ SpaceAfter=No
5   .     .     PUNCT .   _                                          4 punct  _ _

# sent_id = s2
1   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj _ _
2   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           0 root   _ SpaceAfter=No
3   .     .     PUNCT .   _                                          2 punct  _ _
`

// perfect is what the gold fixture scores against itself.
func perfect() Scores {
	w := Metric{Correct: 8, Gold: 8, System: 8, Aligned: 8}
	c := Metric{Correct: 5, Gold: 5, System: 5, Aligned: 5}
	return Scores{
		Tokens:    Metric{Correct: 7, Gold: 7, System: 7},
		Sentences: Metric{Correct: 2, Gold: 2, System: 2},
		Words:     Metric{Correct: 8, Gold: 8, System: 8},
		UPOS:      w, XPOS: w, UFeats: w, AllTags: w, Lemmas: w, UAS: w, LAS: w,
		CLAS: c, MLAS: c, BLEX: c,
	}
}

// wordAt returns word i (0-based) of sentence s of the first document.
func wordAt(ds []doc.Document, s, i int) *doc.Word { return &ds[0].Sentences[s].Words[i] }

func TestEvaluate(t *testing.T) {
	m := func(c, g, s, a int) Metric { return Metric{Correct: c, Gold: g, System: s, Aligned: a} }
	tests := []struct {
		name   string
		gold   func(ds []doc.Document) // changes a copy of gold, optional
		sys    string                  // system CoNLL-U; "" means a copy of gold
		change func(ds []doc.Document) // changes the system documents, optional
		want   func(s *Scores)         // changes perfect() into the expected scores
	}{
		{
			name: "perfect",
			want: func(*Scores) {},
		},
		{
			// "I" attached to n't instead of know: one word of 8, one
			// content word of 5 loses its attachment.
			name:   "wrong head",
			change: func(ds []doc.Document) { wordAt(ds, 0, 0).Head = 3 },
			want: func(s *Scores) {
				s.UAS, s.LAS = m(7, 8, 8, 8), m(7, 8, 8, 8)
				s.CLAS, s.MLAS, s.BLEX = m(4, 5, 5, 5), m(4, 5, 5, 5), m(4, 5, 5, 5)
			},
		},
		{
			name:   "wrong label",
			change: func(ds []doc.Document) { wordAt(ds, 1, 0).Deprel = "obj" },
			want: func(s *Scores) {
				s.LAS = m(7, 8, 8, 8)
				s.CLAS, s.MLAS, s.BLEX = m(4, 5, 5, 5), m(4, 5, 5, 5), m(4, 5, 5, 5)
			},
		},
		{
			name:   "label subtype ignored",
			change: func(ds []doc.Document) { wordAt(ds, 1, 0).Deprel = "nsubj:outer" },
			want:   func(*Scores) {},
		},
		{
			// "do" relabelled aux → advmod becomes a sixth system content
			// word (CLAS precision 5/6) and is no longer a function child
			// of "know", whose MLAS fails.
			name:   "function word relabelled as content word",
			change: func(ds []doc.Document) { wordAt(ds, 0, 1).Deprel = "advmod" },
			want: func(s *Scores) {
				s.LAS = m(7, 8, 8, 8)
				s.CLAS, s.MLAS, s.BLEX = m(5, 5, 6, 5), m(4, 5, 6, 5), m(5, 5, 6, 5)
			},
		},
		{
			// A wrong tag on the function word "do" costs its head "know"
			// its MLAS point.
			name:   "wrong UPOS of a function word",
			change: func(ds []doc.Document) { wordAt(ds, 0, 1).UPOS = "VERB" },
			want: func(s *Scores) {
				s.UPOS, s.AllTags = m(7, 8, 8, 8), m(7, 8, 8, 8)
				s.MLAS = m(4, 5, 5, 5)
			},
		},
		{
			name: "feature order and language-specific features ignored",
			change: func(ds []doc.Document) {
				wordAt(ds, 1, 0).Feats = "Typo=Yes|PronType=Prs|Person=3|Number=Sing|Gender=Fem|Case=Nom"
			},
			want: func(*Scores) {},
		},
		{
			name:   "wrong universal feature",
			change: func(ds []doc.Document) { wordAt(ds, 0, 3).Feats = "VerbForm=Fin" },
			want: func(s *Scores) {
				s.UFeats, s.AllTags = m(7, 8, 8, 8), m(7, 8, 8, 8)
				s.MLAS = m(4, 5, 5, 5)
			},
		},
		{
			// Gold "_" lemmas are not annotated: any system lemma is right.
			name: "gold lemma underscore",
			gold: func(ds []doc.Document) { wordAt(ds, 0, 2).Lemma = "_" },
			change: func(ds []doc.Document) {
				wordAt(ds, 0, 2).Lemma = "never"
				wordAt(ds, 1, 1).Lemma = "left"
			},
			want: func(s *Scores) {
				s.Lemmas = m(7, 8, 8, 8)
				s.BLEX = m(4, 5, 5, 5)
			},
		},
		{
			// A span that takes in the space after "I" still matches: the
			// shared task compares offsets with whitespace removed.
			name:   "span with trailing space",
			change: func(ds []doc.Document) { wordAt(ds, 0, 0).Span.End++ },
			want:   func(*Scores) {},
		},
		{
			// The two gold sentences as one: no sentence matches, and "left"
			// attached to "know" instead of the root costs one attachment.
			name: "missed sentence boundary",
			sys: `
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj  _ _
2-3 don't _     _     _   _                                          _ _      _ _
2   do    do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           4 aux    _ _
3   n't   not   PART  RB  Polarity=Neg                               4 advmod _ _
4   know  know  VERB  VB  VerbForm=Inf                               0 root   _ SpaceAfter=No
5   .     .     PUNCT .   _                                          4 punct  _ _
6   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 7 nsubj _ _
7   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           4 parataxis _ SpaceAfter=No
8   .     .     PUNCT .   _                                          7 punct  _ _
`,
			want: func(s *Scores) {
				s.Sentences = m(0, 2, 1, 0)
				s.UAS, s.LAS = m(7, 8, 8, 8), m(7, 8, 8, 8)
				s.CLAS, s.MLAS, s.BLEX = m(4, 5, 5, 5), m(4, 5, 5, 5), m(4, 5, 5, 5)
			},
		},
		{
			// "know." as one token: "know" and "." are lost (6 of 8 words
			// aligned, 6 of 7 system words), and I, do and n't lose their
			// head, which has no gold counterpart.
			name: "token split differently",
			sys: `
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj  _ _
2-3 don't _     _     _   _                                          _ _      _ _
2   do    do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           4 aux    _ _
3   n't   not   PART  RB  Polarity=Neg                               4 advmod _ _
4   know. know  VERB  VB  VerbForm=Inf                               0 root   _ _

1   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj _ _
2   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           0 root   _ SpaceAfter=No
3   .     .     PUNCT .   _                                          2 punct  _ _
`,
			want: func(s *Scores) {
				s.Tokens = m(5, 7, 6, 0)
				s.Words = m(6, 8, 7, 0)
				s.UPOS, s.XPOS, s.UFeats, s.AllTags, s.Lemmas = m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6)
				s.UAS, s.LAS = m(3, 8, 7, 6), m(3, 8, 7, 6)
				s.CLAS, s.MLAS, s.BLEX = m(2, 5, 5, 4), m(2, 5, 5, 4), m(2, 5, 5, 4)
			},
		},
		{
			// "do" and "n't" as two plain tokens: the token is wrong but the
			// words still align through the multiword token of the gold.
			name: "multiword token written as plain tokens",
			sys: `
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj  _ _
2   do    do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           4 aux    _ SpaceAfter=No
3   n't   not   PART  RB  Polarity=Neg                               4 advmod _ _
4   know  know  VERB  VB  VerbForm=Inf                               0 root   _ SpaceAfter=No
5   .     .     PUNCT .   _                                          4 punct  _ _

1   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj _ _
2   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           0 root   _ SpaceAfter=No
3   .     .     PUNCT .   _                                          2 punct  _ _
`,
			want: func(s *Scores) { s.Tokens = m(6, 7, 8, 0) },
		},
		{
			// "don't" left as one word: the token matches, but neither gold
			// word aligns with it; "know" loses its MLAS function child.
			name: "multiword token not split",
			sys: `
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 3 nsubj  _ _
2   don't do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           3 aux    _ _
3   know  know  VERB  VB  VerbForm=Inf                               0 root   _ SpaceAfter=No
4   .     .     PUNCT .   _                                          3 punct  _ _

1   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj _ _
2   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           0 root   _ SpaceAfter=No
3   .     .     PUNCT .   _                                          2 punct  _ _
`,
			want: func(s *Scores) {
				s.Words = m(6, 8, 7, 0)
				s.UPOS, s.XPOS, s.UFeats, s.AllTags, s.Lemmas = m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6), m(6, 8, 7, 6)
				s.UAS, s.LAS = m(6, 8, 7, 6), m(6, 8, 7, 6)
				s.CLAS, s.MLAS, s.BLEX = m(4, 5, 4, 4), m(3, 5, 4, 4), m(4, 5, 4, 4)
			},
		},
		{
			// The same token split into other words: no form in common, so
			// nothing in it aligns.
			name: "multiword token split into different words",
			sys: `
1   I     I     PRON  PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj  _ _
2-3 don't _     _     _   _                                          _ _      _ _
2   don   do    AUX   VBP Mood=Ind|Tense=Pres|VerbForm=Fin           4 aux    _ _
3   't    not   PART  RB  Polarity=Neg                               4 advmod _ _
4   know  know  VERB  VB  VerbForm=Inf                               0 root   _ SpaceAfter=No
5   .     .     PUNCT .   _                                          4 punct  _ _

1   She   she   PRON  PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj _ _
2   left  leave VERB  VBD Mood=Ind|Tense=Past|VerbForm=Fin           0 root   _ SpaceAfter=No
3   .     .     PUNCT .   _                                          2 punct  _ _
`,
			want: func(s *Scores) {
				s.Words = m(6, 8, 8, 0)
				s.UPOS, s.XPOS, s.UFeats, s.AllTags, s.Lemmas = m(6, 8, 8, 6), m(6, 8, 8, 6), m(6, 8, 8, 6), m(6, 8, 8, 6), m(6, 8, 8, 6)
				s.UAS, s.LAS = m(6, 8, 8, 6), m(6, 8, 8, 6)
				s.CLAS, s.MLAS, s.BLEX = m(4, 5, 5, 4), m(3, 5, 5, 4), m(4, 5, 5, 4)
			},
		},
		{
			// Words of multiword tokens align by case-folded form.
			name:   "multiword words differ in case",
			change: func(ds []doc.Document) { wordAt(ds, 0, 1).Form = "DO" },
			want:   func(*Scores) {},
		},
		{
			name:   "empty system",
			change: func(ds []doc.Document) { ds[0].Sentences = nil },
			want: func(s *Scores) {
				*s = Scores{
					Tokens: m(0, 7, 0, 0), Sentences: m(0, 2, 0, 0), Words: m(0, 8, 0, 0),
					UPOS: m(0, 8, 0, 0), XPOS: m(0, 8, 0, 0), UFeats: m(0, 8, 0, 0), AllTags: m(0, 8, 0, 0),
					Lemmas: m(0, 8, 0, 0), UAS: m(0, 8, 0, 0), LAS: m(0, 8, 0, 0),
					CLAS: m(0, 5, 0, 0), MLAS: m(0, 5, 0, 0), BLEX: m(0, 5, 0, 0),
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold := docs(t, goldSrc)
			if tt.gold != nil {
				tt.gold(gold)
			}
			sys := clone(gold)
			if tt.sys != "" {
				sys = docs(t, tt.sys)
			}
			if tt.change != nil {
				tt.change(sys)
			}
			want := perfect()
			tt.want(&want)
			got, err := Evaluate(gold, sys)
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			for name, w := range want.All() {
				if g := metricOf(&got, name); g != w {
					t.Errorf("%s = %+v, want %+v", name, g, w)
				}
			}
		})
	}
}

func metricOf(s *Scores, name string) Metric {
	for n, m := range s.All() {
		if n == name {
			return m
		}
	}
	return Metric{}
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(gold, sys []doc.Document) []doc.Document
		want   string
	}{
		{"document count", func(_, s []doc.Document) []doc.Document { return append(s, s[0]) }, "1 gold documents but 2 system"},
		{"text differs", func(_, s []doc.Document) []doc.Document { s[0].Text = "I don't know! She left."; return s }, "differs from gold text at byte 12"},
		{"span outside text", func(_, s []doc.Document) []doc.Document { wordAt(s, 1, 2).Span.End = 99; return s }, "outside the text"},
		{"head outside sentence", func(_, s []doc.Document) []doc.Document { wordAt(s, 1, 2).Head = 4; return s }, "head 4 outside the sentence"},
		{"tokens overlap", func(_, s []doc.Document) []doc.Document { wordAt(s, 0, 4).Span.Start = 10; return s }, "overlaps or precedes"},
		{"multiword token out of range", func(_, s []doc.Document) []doc.Document { s[0].Sentences[0].Multi[0].Last = 9; return s }, "multiword token 1"},
		{"whitespace-only token", func(_, s []doc.Document) []doc.Document {
			wordAt(s, 1, 0).Span = doc.Span{Start: 13, End: 14}
			return s
		}, "only whitespace"},
		{"gold checked too", func(g, s []doc.Document) []doc.Document { wordAt(g, 0, 0).Head = -5; return s }, "gold: sentence 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold := docs(t, goldSrc)
			sys := tt.change(gold, clone(gold))
			_, err := Evaluate(gold, sys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Evaluate error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestEvaluateNothing(t *testing.T) {
	got, err := Evaluate(nil, nil)
	if err != nil || got != (Scores{}) {
		t.Fatalf("Evaluate(nil, nil) = %+v, %v; want zero scores", got, err)
	}
	if f := got.LAS.F1(); f != 0 {
		t.Errorf("F1 of empty metric = %v, want 0", f)
	}
}

func TestMetric(t *testing.T) {
	m := Metric{Correct: 3, Gold: 4, System: 6, Aligned: 5}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"P", m.P(), 0.5},
		{"R", m.R(), 0.75},
		{"F1", m.F1(), 0.6},
		{"AlignedAcc", m.AlignedAcc(), 0.6},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestScoresAdd(t *testing.T) {
	a := perfect()
	a.Add(perfect())
	if a.LAS != (Metric{Correct: 16, Gold: 16, System: 16, Aligned: 16}) || a.Tokens.Gold != 14 {
		t.Errorf("Add: LAS %+v, Tokens %+v", a.LAS, a.Tokens)
	}
	two := docs(t, goldSrc+"\n# newdoc\n"+strings.TrimLeft(goldSrc, "\n"))
	if len(two) != 2 {
		t.Fatalf("fixture has %d documents, want 2", len(two))
	}
	got, err := Evaluate(two, clone(two))
	if err != nil || got != a {
		t.Errorf("Evaluate over two documents = %+v, %v; want %+v", got, err, a)
	}
}

func TestEvaluateGoldTokens(t *testing.T) {
	gold := docs(t, goldSrc)
	sys := StripAnnotations(gold)
	if w := wordAt(gold, 0, 0); w.UPOS != "PRON" || w.Head != 4 {
		t.Fatalf("StripAnnotations changed gold: %+v", *w)
	}
	for i, s := range sys[0].Sentences {
		for j := range s.Words {
			w := &s.Words[j]
			if w.UPOS != "" || w.Lemma != "" || w.Head != -1 || w.Deprel != "" {
				t.Fatalf("StripAnnotations left annotation in sentence %d word %d: %+v", i, j, *w)
			}
			w.UPOS = gold[0].Sentences[i].Words[j].UPOS // a perfect tagger, nothing else
		}
	}
	got, err := EvaluateGoldTokens(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	want := perfect()
	zero := func(ms ...*Metric) {
		for _, m := range ms {
			m.Correct = 0
		}
	}
	zero(&want.XPOS, &want.UFeats, &want.AllTags, &want.Lemmas, &want.UAS, &want.LAS)
	want.UFeats.Correct = 2 // the two "." have no features in gold either
	// No system word has a content relation.
	want.CLAS, want.MLAS, want.BLEX = Metric{Gold: 5, Aligned: 5}, Metric{Gold: 5, Aligned: 5}, Metric{Gold: 5, Aligned: 5}
	if got != want {
		t.Errorf("EvaluateGoldTokens =\n%+v\nwant\n%+v", got, want)
	}
	if full, err := Evaluate(gold, sys); err != nil || full != got {
		t.Errorf("Evaluate = %+v, %v; want the same as EvaluateGoldTokens", full, err)
	}

	other := clone(gold)
	other[0].Sentences[0].Multi = nil // "do" and "n't" become tokens of their own
	if _, err := EvaluateGoldTokens(gold, other); err == nil {
		t.Error("EvaluateGoldTokens accepted a different segmentation")
	}
}

func TestWriteTable(t *testing.T) {
	s := perfect()
	s.LAS = Metric{Correct: 6, Gold: 8, System: 7, Aligned: 7}
	var b bytes.Buffer
	if err := WriteTable(&b, s); err != nil {
		t.Fatal(err)
	}
	want := `Metric     | Precision |    Recall |  F1 Score | AligndAcc
-----------+-----------+-----------+-----------+-----------
Tokens     |    100.00 |    100.00 |    100.00 |
Sentences  |    100.00 |    100.00 |    100.00 |
Words      |    100.00 |    100.00 |    100.00 |
UPOS       |    100.00 |    100.00 |    100.00 |    100.00
XPOS       |    100.00 |    100.00 |    100.00 |    100.00
UFeats     |    100.00 |    100.00 |    100.00 |    100.00
AllTags    |    100.00 |    100.00 |    100.00 |    100.00
Lemmas     |    100.00 |    100.00 |    100.00 |    100.00
UAS        |    100.00 |    100.00 |    100.00 |    100.00
LAS        |     85.71 |     75.00 |     80.00 |     85.71
CLAS       |    100.00 |    100.00 |    100.00 |    100.00
MLAS       |    100.00 |    100.00 |    100.00 |    100.00
BLEX       |    100.00 |    100.00 |    100.00 |    100.00
`
	if b.String() != want {
		t.Errorf("WriteTable:\n%s\nwant\n%s", b.String(), want)
	}
}

// dataDir returns the reference data folder or skips the test.
func dataDir(tb testing.TB) string {
	tb.Helper()
	return datatest.Dir(tb, "")
}

// ewtDev loads UD English-EWT dev as documents.
func ewtDev(tb testing.TB) []doc.Document {
	tb.Helper()
	sents, err := treebank.Load(filepath.Join(dataDir(tb), treebank.EWT), treebank.Dev)
	if err != nil {
		tb.Fatalf("loading EWT dev: %v", err)
	}
	return conllu.Join(sents)
}

func TestEWTDevAgainstItself(t *testing.T) {
	gold := ewtDev(t)
	for name, eval := range map[string]func(g, s []doc.Document) (Scores, error){
		"Evaluate": Evaluate, "EvaluateGoldTokens": EvaluateGoldTokens,
	} {
		got, err := eval(gold, clone(gold))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for metric, m := range got.All() {
			if m.Gold == 0 || m.Correct != m.Gold || m.System != m.Gold {
				t.Errorf("%s: %s = %+v, want 100%%", name, metric, m)
			}
		}
		if testing.Verbose() && name == "Evaluate" {
			var b bytes.Buffer
			if err := WriteTable(&b, got); err != nil {
				t.Fatal(err)
			}
			t.Logf("EWT dev against itself (%d documents, %d words):\n%s", len(gold), got.Words.Gold, b.String())
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	gold := ewtDev(b)
	sys := clone(gold)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(gold, sys); err != nil {
			b.Fatal(err)
		}
	}
}
