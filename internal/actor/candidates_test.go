package actor

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

// tagged builds a sentence from "form/lemma/UPOS" items; spans are made
// up, one space apart, or none before an item starting with "~".
func tagged(items string) *doc.Sentence {
	var s doc.Sentence
	off := 0
	for _, it := range strings.Fields(items) {
		if strings.HasPrefix(it, "~") {
			it, off = it[1:], off-1
		}
		p := strings.Split(it, "/")
		s.Words = append(s.Words, doc.Word{Form: p[0], Lemma: p[1], UPOS: p[2],
			Span: doc.Span{Start: off, End: off + len(p[0])}})
		off += len(p[0]) + 1
	}
	return &s
}

func TestCandidates(t *testing.T) {
	r := embeddedResolver(t)
	for _, tc := range []struct {
		sent   string
		want   Candidates
		reason string
	}{
		{"Iran/Iran/PROPN launched/launch/VERB strikes/strike/NOUN", Candidates{Named: true, Max: 1}, "one state"},
		{"Iran/Iran/PROPN and/and/CCONJ Pakistan/Pakistan/PROPN restored/restore/VERB ties/tie/NOUN", Candidates{Named: true, Max: 2}, "two states"},
		{"Police/police/NOUN arrested/arrest/VERB protesters/protester/NOUN", Candidates{Sector: true, Max: 2}, "two sector nouns"},
		{"Acme/Acme/PROPN Corp/Corp/PROPN sued/sue/VERB Iran/Iran/PROPN", Candidates{Named: true, Max: 2}, "a run of proper nouns is one provisional actor"},
		{"He/he/PRON called/call/VERB Raisi/Raisi/PROPN", Candidates{Named: true, Refers: true, Max: 2}, "he brings a person named before"},
		{"Iran/Iran/PROPN said/say/VERB it/it/PRON will/will/AUX retaliate/retaliate/VERB", Candidates{Named: true, Refers: true, Max: 1}, "it stands for the reporting subject, no new actor"},
		{"The/the/DET two/two/NUM countries/country/NOUN restored/restore/VERB ties/tie/NOUN", Candidates{Refers: true, Max: 2}, "the two countries: a pair named before"},
		{"The/the/DET country/country/NOUN grew/grow/VERB", Candidates{Refers: true, Max: 0}, "a country alone brings no pair"},
		{"His/he/PRON visit/visit/NOUN ended/end/VERB", Candidates{}, "his is not a referring subject"},
	} {
		got := r.Candidates(tagged(tc.sent))
		if got.look == nil {
			t.Errorf("%s: no lookup kept for ResolveWith", tc.sent)
		}
		got.look = nil
		if got != tc.want {
			t.Errorf("%s (%s): got %+v, want %+v", tc.sent, tc.reason, got, tc.want)
		}
	}
}

// TestCompoundCode checks an imported name that stands for several
// actors: one mention with a member for each, and a bound that counts
// them all.
func TestCompoundCode(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.tsv": {Data: []byte("ETH\tEthiopia\t-\t-\t-\t-\tUN\n")},
		"actors.tsv":    {Data: []byte("lorien\tLorien\t-\tELR/GAL\t-\t-\n")},
	}
	kb, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(kb)
	s := tagged("Lorien/Lorien/PROPN restored/restore/VERB ties/tie/NOUN")
	if c := r.Candidates(s); c.Max != 2 {
		t.Errorf("bound %d, want 2 for the two actors of Lorien", c.Max)
	}
	ms := r.sentence(s, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(ms) != 1 || len(ms[0].Members) != 2 || ms[0].Members[0].Code() != "ELR" || ms[0].Members[1].Code() != "GAL" {
		t.Errorf("got %+v, want one mention with members ELR and GAL", ms)
	}
}

// TestDateline checks the words of a dateline that opens an article's
// first sentence.
func TestDateline(t *testing.T) {
	for _, tc := range []struct {
		sent string
		want int
	}{
		{"ISLAMABAD/X/PROPN —/—/PUNCT A/a/DET plane/plane/NOUN crashed/crash/VERB", 2},
		{"MARANCHON/X/PROPN ,/,/PUNCT SPAIN/X/PROPN —/—/PUNCT The/the/DET air/air/NOUN", 4},
		{"WASHINGTON/X/PROPN (/(/PUNCT Reuters/X/PROPN )/)/PUNCT -/-/PUNCT Iran/Iran/PROPN said/say/VERB", 5},
		{"Iran/Iran/PROPN -/-/PUNCT backed/back/VERB militias/militia/NOUN", 0},
		{"NATO/NATO/PROPN ~-/-/PUNCT ~member/member/NOUN Norway/Norway/PROPN", 0},
		{"US/US/PROPN troops/troop/NOUN left/leave/VERB", 0},
	} {
		if got := dateline(tagged(tc.sent)); got != tc.want {
			t.Errorf("%.40s: dateline of %d words, want %d", tc.sent, got, tc.want)
		}
	}
}

// TestResolveWithCandidates checks that resolving with the lookups of
// Candidates gives the mentions resolving anew gives.
func TestResolveWithCandidates(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	d := &doc.Document{Sentences: []doc.Sentence{
		*parsed("President/President/PROPN/2/compound Raisi/Raisi/PROPN/3/nsubj called/call/VERB/0/root Pakistani/Pakistani/ADJ/5/amod police/police/NOUN/3/obj"),
		*parsed("He/he/PRON/2/nsubj praised/praise/VERB/0/root the/the/DET/4/det group/group/NOUN/2/obj"),
	}}
	cs := make([]Candidates, len(d.Sentences))
	for i := range d.Sentences {
		cs[i] = r.Candidates(&d.Sentences[i])
	}
	want := fmt.Sprint(r.Resolve(d, date))
	if got := fmt.Sprint(r.ResolveWith(d, date, cs)); got != want {
		t.Errorf("ResolveWith: %s, want %s", got, want)
	}
	if got := fmt.Sprint(r.ResolveWith(d, date, cs[:1])); got != want {
		t.Errorf("ResolveWith, candidates of another length: %s, want %s", got, want)
	}
}
