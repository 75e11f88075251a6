package actor

import (
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// TestNormFastPath checks fold against its rune-by-rune normalization on
// words of every kind its fast path for plain ASCII words must take or
// refuse.
func TestNormFastPath(t *testing.T) {
	for _, s := range []string{"", "iran", "Iran", "IRAN", "al-Qaeda", "-", "ul-Adl", "U.S.", "Côte", "d'Ivoire",
		"d’Ivoire", "`quote", "a b", "tab\there", "line\n", "\x85x", "Ōsaka", "1,200", "3.5%", "O'Neil", "—",
		" lead", "trail ", "\xff", "ǅ", "İstanbul", "K", "ß", "El", "el", "EL", "Elbe"} {
		if got, want := fold(s), normRunes(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// BenchmarkCandidates bounds the actors of tagged news sentences, as the
// extractor's gate does for every sentence.
func BenchmarkCandidates(b *testing.B) {
	kb, err := Load(Embedded())
	if err != nil {
		b.Fatal(err)
	}
	r := NewResolver(kb)
	sents := []*doc.Sentence{
		tagged("Iran/Iran/PROPN and/and/CCONJ Pakistan/Pakistan/PROPN restored/restore/VERB diplomatic/diplomatic/ADJ ties/tie/NOUN on/on/ADP Friday/Friday/PROPN ./././PUNCT"),
		tagged("The/the/DET Chancellor/chancellor/NOUN ,/,/PUNCT Gordon/Gordon/PROPN Brown/Brown/PROPN ,/,/PUNCT told/tell/VERB MPs/MP/NOUN that/that/SCONJ the/the/DET economy/economy/NOUN would/would/AUX grow/grow/VERB ./././PUNCT"),
		tagged("Police/police/NOUN in/in/ADP Rask/Rask/PROPN said/say/VERB the/the/DET Jaish/Jaish/PROPN ~ul-Adl/ul-Adl/PROPN group/group/NOUN attacked/attack/VERB a/a/DET station/station/NOUN ./././PUNCT"),
		tagged("Shares/share/NOUN in/in/ADP the/the/DET company/company/NOUN rose/rise/VERB 5/5/NUM %/%/SYM after/after/ADP it/it/PRON reported/report/VERB higher/high/ADJ profits/profit/NOUN ./././PUNCT"),
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			r.Candidates(s)
		}
	}
}
