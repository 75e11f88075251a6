package conllu_test

import (
	"bufio"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
)

// conll turns a fixture written with runs of spaces between columns into
// CoNLL-U with tabs, keeping comment and blank lines, so that test tables
// stay readable. Fixtures that need a space inside a column are written
// with explicit tabs and do not go through it.
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

// w builds a word with the columns most tests care about.
func w(start, end int, form, lemma, upos string, head int, deprel string) doc.Word {
	return doc.Word{Span: doc.Span{Start: start, End: end}, Form: form, Lemma: lemma, UPOS: upos, Head: head, Deprel: deprel}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []doc.Sentence
	}{
		{
			name: "comments",
			in: conll(`
# newdoc id = d1
# sent_id = d1-1
# newpar id = d1-p1
# text = this comment is not used to build the text
# some other comment
1 Hello hello INTJ _ _ 0 root _ _
2 world world NOUN _ _ 1 vocative _ _

# sent_id = d1-2
# newpar
1 Bye bye INTJ _ _ 0 root _ _

# sent_id = d1-3
1 Again again ADV _ _ 0 root _ _
`),
			want: []doc.Sentence{
				{ID: "d1-1", NewDoc: true, NewPar: true, Text: "Hello world", Span: doc.Span{Start: 0, End: 11},
					Words: []doc.Word{w(0, 5, "Hello", "hello", "INTJ", 0, "root"), w(6, 11, "world", "world", "NOUN", 1, "vocative")}},
				{ID: "d1-2", NewPar: true, Text: "Bye", Span: doc.Span{Start: 0, End: 3},
					Words: []doc.Word{w(0, 3, "Bye", "bye", "INTJ", 0, "root")}},
				{ID: "d1-3", Text: "Again", Span: doc.Span{Start: 0, End: 5},
					Words: []doc.Word{w(0, 5, "Again", "again", "ADV", 0, "root")}},
			},
		},
		{
			// "don't" is spelled by its words: each gets its own part.
			name: "multiword token split into word spans",
			in: conll(`
1   I     I    PRON _ _ 4 nsubj  _ _
2-3 don't _    _    _ _ _ _      _ _
2   do    do   AUX  _ _ 4 aux    _ _
3   n't   not  PART _ _ 4 advmod _ _
4   know  know VERB _ _ 0 root   _ _
`),
			want: []doc.Sentence{{
				Text: "I don't know", Span: doc.Span{Start: 0, End: 12},
				Words: []doc.Word{
					w(0, 1, "I", "I", "PRON", 4, "nsubj"), w(2, 4, "do", "do", "AUX", 4, "aux"),
					w(4, 7, "n't", "not", "PART", 4, "advmod"), w(8, 12, "know", "know", "VERB", 0, "root"),
				},
				Multi: []doc.MultiToken{{First: 1, Last: 3, Span: doc.Span{Start: 2, End: 7}, Form: "don't"}},
			}},
		},
		{
			// "vom" is not spelled by "von" + "dem": both words get the
			// token's span. SpaceAfter=No on the token line applies.
			name: "multiword token not spelled by its words",
			in: conll(`
1-2 vom   _   _   _ _ _ _    _ SpaceAfter=No
1   von   von ADP _ _ 3 case _ _
2   dem   der DET _ _ 3 det  _ _
3   Markt Markt NOUN _ _ 0 root _ SpaceAfter=No
4   .     .   PUNCT _ _ 3 punct _ _
`),
			want: []doc.Sentence{{
				Text: "vomMarkt.", Span: doc.Span{Start: 0, End: 9},
				Words: []doc.Word{
					w(0, 3, "von", "von", "ADP", 3, "case"), w(0, 3, "dem", "der", "DET", 3, "det"),
					w(3, 8, "Markt", "Markt", "NOUN", 0, "root"), w(8, 9, ".", ".", "PUNCT", 3, "punct"),
				},
				Multi: []doc.MultiToken{{First: 0, Last: 2, Span: doc.Span{Start: 0, End: 3}, Form: "vom"}},
			}},
		},
		{
			name: "empty nodes skipped",
			in: conll(`
1   Sue  Sue  PROPN _ _ 2 nsubj _ _
2   went go   VERB  _ _ 0 root  _ _
2.1 went go   VERB  _ _ _ _     2:conj _
3   home home ADV   _ _ 2 advmod _ _
`),
			want: []doc.Sentence{{
				Text: "Sue went home", Span: doc.Span{Start: 0, End: 13},
				Words: []doc.Word{
					w(0, 3, "Sue", "Sue", "PROPN", 2, "nsubj"), w(4, 8, "went", "go", "VERB", 0, "root"),
					w(9, 13, "home", "home", "ADV", 2, "advmod"),
				},
			}},
		},
		{
			name: "SpaceAfter=No and other MISC",
			in: conll(`
1 Yes yes INTJ UH _ 0 root _ SpaceAfter=No|Gloss=yes
2 !   !   PUNCT . _ 1 punct _ Gloss=bang|SpaceAfter=No
3 !   !   PUNCT . _ 1 punct _ SpaceAfter=No
`),
			want: []doc.Sentence{{
				Text: "Yes!!", Span: doc.Span{Start: 0, End: 5},
				Words: []doc.Word{
					{Span: doc.Span{Start: 0, End: 3}, Form: "Yes", Lemma: "yes", UPOS: "INTJ", XPOS: "UH", Head: 0, Deprel: "root", Misc: "Gloss=yes"},
					{Span: doc.Span{Start: 3, End: 4}, Form: "!", Lemma: "!", UPOS: "PUNCT", XPOS: ".", Head: 1, Deprel: "punct", Misc: "Gloss=bang"},
					{Span: doc.Span{Start: 4, End: 5}, Form: "!", Lemma: "!", UPOS: "PUNCT", XPOS: ".", Head: 1, Deprel: "punct"},
				},
			}},
		},
		{
			// "_" means unannotated: the head becomes -1 and the other
			// columns "".
			name: "underscores",
			in:   "1\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n",
			want: []doc.Sentence{{Text: "go", Span: doc.Span{Start: 0, End: 2},
				Words: []doc.Word{{Span: doc.Span{Start: 0, End: 2}, Form: "go", Lemma: "", Head: -1}}}},
		},
		{
			name: "features, CRLF and no final blank line",
			in:   "1\tRun\trun\tVERB\tVB\tMood=Imp|VerbForm=Fin\t0\troot\t_\t_\r\n2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\t_\r\n",
			want: []doc.Sentence{{Text: "Run now", Span: doc.Span{Start: 0, End: 7},
				Words: []doc.Word{
					{Span: doc.Span{Start: 0, End: 3}, Form: "Run", Lemma: "run", UPOS: "VERB", XPOS: "VB", Feats: "Mood=Imp|VerbForm=Fin", Head: 0, Deprel: "root"},
					{Span: doc.Span{Start: 4, End: 7}, Form: "now", Lemma: "now", UPOS: "ADV", XPOS: "RB", Head: 1, Deprel: "advmod"},
				}}},
		},
		{
			// Forms may hold spaces; the sentence text keeps them.
			name: "space inside a form",
			in:   "1\t3 1/2\t3 1/2\tNUM\t_\t_\t2\tnummod\t_\t_\n2\tinch \tinch\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No\n",
			want: []doc.Sentence{{Text: "3 1/2 inch ", Span: doc.Span{Start: 0, End: 11},
				Words: []doc.Word{
					w(0, 5, "3 1/2", "3 1/2", "NUM", 2, "nummod"),
					w(6, 11, "inch ", "inch", "NOUN", 0, "root"),
				}}},
		},
		{
			name: "blank lines only",
			in:   "\n\n\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := conllu.Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"too few columns", "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n2\tthere\tthere\n", 2, "3 columns"},
		{"too many columns", "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\t_\n", 1, "11 columns"},
		{"comment inside a sentence", conll(`
# sent_id = 1
1 Hi hi INTJ _ _ 0 root _ _
# oops
2 there there ADV _ _ 1 advmod _ _
`), 3, "comment inside a sentence"},
		{"comment between a multiword token and its words", conll(`
1-2 don't _ _ _ _ _ _ _ _
# oops
1 do do AUX _ _ 0 root _ _
2 n't not PART _ _ 1 advmod _ _
`), 2, "comment inside a sentence"},
		{"word id out of sequence", conll(`
1 Hi hi INTJ _ _ 0 root _ _
3 there there ADV _ _ 1 advmod _ _
`), 2, `word id "3"`},
		{"word id not a number", conll(`
# sent_id = x

one Hi hi INTJ _ _ 0 root _ _
`), 3, `word id "one"`},
		{"bad multiword range", conll(`
1-x don't _ _ _ _ _ _ _ _
`), 1, `range "1-x"`},
		{"multiword range of one word", conll(`
1 I I PRON _ _ 2 nsubj _ _
2-2 go _ _ _ _ _ _ _ _
2 go go VERB _ _ 0 root _ _
`), 2, `range "2-2"`},
		{"multiword range not at the next word", conll(`
1 I I PRON _ _ 2 nsubj _ _
3-4 don't _ _ _ _ _ _ _ _
`), 2, `range "3-4"`},
		{"multiword token cut short by the sentence end", conll(`
1 I I PRON _ _ 2 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 do do AUX _ _ 0 root _ _

1 Next next ADJ _ _ 0 root _ _
`), 2, "multiword token"},
		{"multiword token cut short by the end of input", "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n", 1, "multiword token"},
		{"overlapping multiword tokens", conll(`
1-2 don't _ _ _ _ _ _ _ _
1 do do AUX _ _ 0 root _ _
2-3 n'tcha _ _ _ _ _ _ _ _
`), 3, "multiword token"},
		{"bad head", conll(`
1 Hi hi INTJ _ _ x root _ _
`), 1, `bad head "x"`},
		{"negative head", conll(`
1 Hi hi INTJ _ _ -1 root _ _
`), 1, `bad head "-1"`},
		{"head beyond the sentence", conll(`
1 Hi hi INTJ _ _ 0 root _ _

1 Hi hi INTJ _ _ 0 root _ _
2 there there ADV _ _ 3 advmod _ _

1 Bye bye INTJ _ _ 0 root _ _
`), 4, "head 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conllu.Read(strings.NewReader(tt.in))
			var e *conllu.Error
			if !errors.As(err, &e) {
				t.Fatalf("Read error = %v (%T), want *conllu.Error", err, err)
			}
			if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("Read error = %q at line %d, want %q at line %d", e.Msg, e.Line, tt.msg, tt.line)
			}
		})
	}
}

func TestReadLongLine(t *testing.T) {
	in := "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n2\t" + strings.Repeat("x", 17<<20) + "\n"
	_, err := conllu.Read(strings.NewReader(in))
	if !errors.Is(err, bufio.ErrTooLong) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("Read error = %v, want bufio.ErrTooLong at line 2", err)
	}
}
