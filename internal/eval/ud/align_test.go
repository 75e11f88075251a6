package ud

import (
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// tokenDoc builds a one-sentence document whose text is its tokens written
// without spaces. A token is "form" for a plain word or "form w1 w2 ..." for
// a multiword token and its words.
func tokenDoc(toks ...string) []doc.Document {
	var (
		s doc.Sentence
		b strings.Builder
	)
	for _, t := range toks {
		parts := strings.Fields(t)
		start := b.Len()
		b.WriteString(parts[0])
		sp := doc.Span{Start: start, End: b.Len()}
		if len(parts) == 1 {
			s.Words = append(s.Words, doc.Word{Span: sp, Form: parts[0], Head: -1})
			continue
		}
		s.Multi = append(s.Multi, doc.MultiToken{First: len(s.Words), Last: len(s.Words) + len(parts) - 1, Span: sp, Form: parts[0]})
		for _, w := range parts[1:] {
			s.Words = append(s.Words, doc.Word{Span: sp, Form: w, Head: -1})
		}
	}
	s.Span = doc.Span{Start: 0, End: b.Len()}
	return []doc.Document{{Text: b.String(), Sentences: []doc.Sentence{s}}}
}

func TestWordAlignment(t *testing.T) {
	tests := []struct {
		name        string
		gold, sys   []string
		words, toks int // aligned words, matching tokens
	}{
		{"same", []string{"a", "b", "c"}, []string{"a", "b", "c"}, 3, 3},
		{"multiword against plain tokens", []string{"abc a b c"}, []string{"a", "b", "c"}, 3, 0},
		{"multiword inside plain tokens", []string{"a", "bc b c", "d"}, []string{"a", "b", "c", "d"}, 4, 2},
		{"one multiword against two", []string{"abcd a b c d"}, []string{"ab a b", "cd c d"}, 4, 0},
		{"overlapping multiwords join one region", []string{"abc a b c", "de d e"}, []string{"a", "bcd b c d", "e"}, 5, 0},
		{"plain token split into four", []string{"abcd"}, []string{"a", "b", "c", "d"}, 0, 0},
		{"plain tokens split differently", []string{"abc", "d"}, []string{"a", "b", "c", "d"}, 1, 1},
		{"plain token split in the middle", []string{"a", "bc", "d"}, []string{"a", "b", "c", "d"}, 2, 2},
		// "cd" sticks out of the region of "bc", so neither c nor d aligns.
		{"plain token sticking out of a region", []string{"a", "bc b c", "d"}, []string{"a", "b", "cd"}, 2, 1},
		{"case-folded forms, chain of regions", []string{"abc a BX c", "def d EX f"}, []string{"ab a b", "cd c d", "ef e f"}, 4, 0},
		// System "bc" straddles the two gold multiword tokens, which touch
		// but do not overlap: two regions, and "bc" is in neither.
		{"plain token straddling two regions", []string{"ab a b", "cd bc d"}, []string{"a", "bc", "d"}, 2, 0},
		{"words matched out of place", []string{"a", "bc b c", "d"}, []string{"ab AX BX", "cd CX a"}, 1, 0},
		{"no common form in a region", []string{"ab a b"}, []string{"ab x y"}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Evaluate(tokenDoc(tt.gold...), tokenDoc(tt.sys...))
			if err != nil {
				t.Fatal(err)
			}
			if got.Words.Correct != tt.words || got.Tokens.Correct != tt.toks {
				t.Errorf("aligned words %d, matching tokens %d; want %d, %d", got.Words.Correct, got.Tokens.Correct, tt.words, tt.toks)
			}
			// Aligning is symmetric.
			back, err := Evaluate(tokenDoc(tt.sys...), tokenDoc(tt.gold...))
			if err != nil {
				t.Fatal(err)
			}
			if back.Words.Correct != tt.words {
				t.Errorf("swapped sides: aligned words %d, want %d", back.Words.Correct, tt.words)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	text := "a b\u00a0\tc\u3000dé"
	norm := normalize(text)
	// Offsets of "a", "b", "c", "d" and the two bytes of "é".
	for _, c := range []struct{ off, want int }{{0, 0}, {1, 1}, {2, 1}, {3, 2}, {5, 2}, {6, 2}, {7, 3}, {10, 3}, {11, 4}, {12, 5}, {13, 6}} {
		if got := int(norm[c.off]); got != c.want {
			t.Errorf("normalize(%q)[%d] = %d, want %d", text, c.off, got, c.want)
		}
	}
}

func TestUniversalFeats(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"_":                                 "",
		"Number=Sing":                       "Number=Sing",
		"Person=3|Number=Sing":              "Number=Sing|Person=3",
		"NumForm=Word|NumType=Card":         "NumType=Card",
		"Number[psor]=Plur|Typo=Yes":        "",
		"Case=Nom|Number=Sing|PronType=Prs": "Case=Nom|Number=Sing|PronType=Prs",
	} {
		if got := universalFeats(in); got != want {
			t.Errorf("universalFeats(%q) = %q, want %q", in, got, want)
		}
	}
}
