package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// conll builds a parsed sentence from lines "form UPOS head deprel
// [XPOS]"; the lemma is the lowercased form.
func conll(t *testing.T, rows string) *doc.Sentence {
	t.Helper()
	var s doc.Sentence
	for _, r := range strings.Split(strings.TrimSpace(rows), "\n") {
		f := strings.Fields(r)
		if len(f) < 4 {
			t.Fatalf("row %q: want form UPOS head deprel [XPOS]", r)
		}
		w := doc.Word{Form: f[0], Lemma: strings.ToLower(f[0]), UPOS: f[1], Deprel: f[3]}
		if _, err := fmt.Sscan(f[2], &w.Head); err != nil {
			t.Fatalf("row %q: %v", r, err)
		}
		if len(f) > 4 {
			w.XPOS = f[4]
		}
		s.Words = append(s.Words, w)
	}
	return &s
}

// arcsOf prints the sentence's arcs as "form>head:deprel".
func arcsOf(s *doc.Sentence) string {
	var b strings.Builder
	for _, w := range s.Words {
		fmt.Fprintf(&b, "%s>%d:%s ", w.Form, w.Head, w.Deprel)
	}
	return strings.TrimSpace(b.String())
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, rows, want string
	}{
		{"two adjacent subjects: the first modifies the second", `
NATO PROPN 3 compound
- PUNCT 1 punct
member NOUN 6 nsubj
Norway PROPN 6 nsubj
is AUX 6 cop
willing ADJ 0 root`,
			"NATO>3:compound ->1:punct member>4:compound Norway>6:nsubj is>6:cop willing>0:root"},
		{"a first subject with a preposition is left as parsed", `
owner NOUN 6 nsubj
of ADP 4 case
oil NOUN 4 compound
firm NOUN 1 nmod
Yukos PROPN 6 nsubj
sued VERB 0 root`,
			"owner>6:nsubj of>4:case oil>4:compound firm>1:nmod Yukos>6:nsubj sued>0:root"},
		{"a noun with a subject and no copula", `
The DET 2 det
Hizbollah PROPN 3 nsubj
group NOUN 4 nsubj
declared VERB 0 root`,
			"The>2:det Hizbollah>3:compound group>4:nsubj declared>0:root"},
		{"a noun with a copula keeps its subject", `
Iran PROPN 3 nsubj
is AUX 3 cop
neighbour NOUN 0 root`,
			"Iran>3:nsubj is>3:cop neighbour>0:root"},
		{"a name compounded with today is the stranded verb's subject", `
Nigeria PROPN 2 compound
today NOUN 3 obl:unmarked
announced VERB 0 root`,
			"Nigeria>3:nsubj today>3:obl:unmarked announced>0:root"},
		{"a verb with a subject keeps the compound", `
Iran PROPN 4 nsubj
Monday PROPN 3 compound
Tuesday PROPN 4 obl:tmod
met VERB 0 root`,
			"Iran>4:nsubj Monday>3:compound Tuesday>4:obl:tmod met>0:root"},
		{"a gerund with a passive auxiliary is a progressive", `
Thousands NOUN 3 nsubj:pass
were AUX 3 aux:pass
converging VERB 0 root VBG`,
			"Thousands>3:nsubj were>3:aux converging>0:root"},
		{"a reporting verb parsed as a clause of what it reports heads it", `
Meanwhile ADV 6 advmod
farmers NOUN 3 nsubj
say VERB 6 advcl VBD
they PRON 6 nsubj
would AUX 6 aux
blockade VERB 0 root
Paris PROPN 6 obj`,
			"Meanwhile>3:advmod farmers>3:nsubj say>0:root they>6:nsubj would>6:aux blockade>3:ccomp Paris>6:obj"},
		{"a reporting clause after a marker is left alone", `
as SCONJ 3 mark
farmers NOUN 3 nsubj
say VERB 5 advcl VBD
they PRON 5 nsubj
left VERB 0 root`,
			"as>3:mark farmers>3:nsubj say>5:advcl they>5:nsubj left>0:root"},
		{"a finite verb after an apposition is the root, not a clause of the noun", `
Union NOUN 0 root
, PUNCT 4 punct
union NOUN 1 appos
, PUNCT 5 punct
announced VERB 1 acl VBD
strike NOUN 5 obj
. PUNCT 1 punct`,
			"Union>5:nsubj ,>4:punct union>1:appos ,>5:punct announced>0:root strike>5:obj .>5:punct"},
		{"a verb with no comma before it stays a clause of the noun", `
Service NOUN 0 root
Called VERB 1 acl VBD`,
			"Service>0:root Called>1:acl"},
		{"an unparsed sentence is left alone", `
Iran PROPN -1 _
met VERB -1 _`,
			"Iran>-1:_ met>-1:_"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := conll(t, tc.rows)
			repair(s)
			if got := arcsOf(s); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func FuzzRepair(f *testing.F) {
	f.Add([]byte{2, 0, 0, 1, 3, 2})
	f.Fuzz(func(t *testing.T, heads []byte) {
		if len(heads) > 64 {
			return
		}
		tags := []string{"NOUN", "PROPN", "VERB", "ADJ", "ADP"}
		rels := []string{"nsubj", "compound", "obl", "case", "cop", "root", "nsubj:pass"}
		s := &doc.Sentence{}
		for i, h := range heads {
			s.Words = append(s.Words, doc.Word{Form: "today", UPOS: tags[i%len(tags)],
				Head: int(h) % (len(heads) + 1), Deprel: rels[int(h)%len(rels)]})
		}
		repair(s) // must not panic on any head array, even cyclic ones
	})
}

func BenchmarkRepair(b *testing.B) {
	rows := []string{"The DET 4 det", "Nigerian ADJ 4 amod", "teachers NOUN 4 compound", "Union NOUN 0 root",
		", PUNCT 7 punct", "the DET 7 det", "union NOUN 4 appos", ", PUNCT 9 punct", "announced VERB 4 acl VBD",
		"Thursday PROPN 9 obl:unmarked", "that SCONJ 14 mark", "it PRON 14 nsubj", "has AUX 14 aux",
		"called VERB 9 ccomp VBN", "off ADP 14 compound:prt", "a DET 17 det", "strike NOUN 14 obj", ". PUNCT 4 punct"}
	var words []doc.Word
	for _, r := range rows {
		f := strings.Fields(r)
		w := doc.Word{Form: f[0], Lemma: strings.ToLower(f[0]), UPOS: f[1], Deprel: f[3]}
		fmt.Sscan(f[2], &w.Head)
		if len(f) > 4 {
			w.XPOS = f[4]
		}
		words = append(words, w)
	}
	s := &doc.Sentence{Words: make([]doc.Word, len(words))}
	b.ReportAllocs()
	for b.Loop() {
		copy(s.Words, words)
		repair(s)
	}
}
