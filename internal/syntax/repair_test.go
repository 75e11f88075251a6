package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// conll builds a parsed sentence from lines "form UPOS head deprel".
func conll(t *testing.T, rows string) *doc.Sentence {
	t.Helper()
	var s doc.Sentence
	for _, r := range strings.Split(strings.TrimSpace(rows), "\n") {
		var w doc.Word
		if _, err := fmt.Sscan(r, &w.Form, &w.UPOS, &w.Head, &w.Deprel); err != nil {
			t.Fatalf("row %q: %v", r, err)
		}
		s.Words = append(s.Words, w)
	}
	return &s
}

// arcs prints the sentence's arcs as "form>head:deprel".
func arcs(s *doc.Sentence) string {
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
		{"an unparsed sentence is left alone", `
Iran PROPN -1 _
met VERB -1 _`,
			"Iran>-1:_ met>-1:_"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := conll(t, tc.rows)
			repair(s)
			if got := arcs(s); got != tc.want {
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
