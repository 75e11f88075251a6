package syntax

import (
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// repair rewrites the arcs of a parsed sentence that break the
// well-formedness of Universal Dependencies in ways the transition parser
// produces and the event coder cannot read past: a predicate with two
// subjects, a nominal with a subject and no copula, and a proper noun
// taken as a compound of a temporal noun. Each fix gives the arcs a
// careful annotator would: the first of two adjacent subjects and the
// subject of a copula-less nominal modify the noun after them ("NATO-member
// Norway is willing", "the Hizbollah (Party of God) group declared"), and
// a name compounded with "today" is the stranded verb's subject ("Nigeria
// today announced").
func repair(s *doc.Sentence) {
	n := len(s.Words)
	if n == 0 || s.Words[0].Head < 0 {
		return
	}
	kids := make([][]int, n)
	for i, w := range s.Words {
		if h := w.Head - 1; h >= 0 && h < n && h != i {
			kids[h] = append(kids[h], i)
		}
	}
	has := func(h int, rels ...string) bool {
		for _, k := range kids[h] {
			for _, r := range rels {
				if s.Words[k].Deprel == r {
					return true
				}
			}
		}
		return false
	}
	// lo[i], hi[i]: the first and last word of i's subtree (the parser's
	// trees are projective, so the subtree is contiguous). The climb is
	// bounded so that a malformed head array cannot loop.
	lo, hi := make([]int, n), make([]int, n)
	for i := range n {
		lo[i], hi[i] = i, i
	}
	for i := range n {
		for x, steps := s.Words[i].Head-1, 0; x >= 0 && x < n && steps < n; x, steps = s.Words[x].Head-1, steps+1 {
			lo[x], hi[x] = min(lo[x], i), max(hi[x], i)
		}
	}
	nominal := func(i int) bool { u := s.Words[i].UPOS; return u == "NOUN" || u == "PROPN" }
	for h := range n {
		var subj []int
		for _, k := range kids[h] {
			if r := s.Words[k].Deprel; r == "nsubj" || r == "nsubj:pass" {
				subj = append(subj, k)
			}
		}
		switch {
		case len(subj) >= 2:
			// "NATO-member Norway": the first subject, directly before
			// the second, modifies it. One with a preposition inside
			// ("the owner of Russian oil firm Yukos", "the referee from
			// Saturday's France v Scotland match") is a phrase the
			// second belongs to, which is left as parsed.
			a, b := subj[0], subj[1]
			if nominal(a) && nominal(b) && hi[a]+1 == lo[b] && !hasCase(s, lo[a], hi[a]) {
				s.Words[a].Head, s.Words[a].Deprel = b+1, "compound"
			}
		case len(subj) == 1 && nominal(h) && !has(h, "cop", "mark", "aux", "aux:pass") && s.Words[h].Deprel != "root":
			// "the Hizbollah (Party of God) group declared": a noun
			// with a subject and no copula is a noun with a modifier,
			// unless a clause marker or auxiliary shows it to be a verb
			// the tagger took for a noun ("that the advent implies").
			if a := subj[0]; nominal(a) && a < h {
				if hi[a]+1 == h {
					s.Words[a].Deprel = "compound"
				}
			}
		}
	}
	for w := range n {
		if !temporal(&s.Words[w]) {
			continue
		}
		v := s.Words[w].Head - 1
		if v < 0 || v >= n || s.Words[v].UPOS != "VERB" || has(v, "nsubj", "nsubj:pass", "csubj") {
			continue
		}
		if r := s.Words[w].Deprel; !strings.HasPrefix(r, "obl") && r != "nmod:tmod" {
			continue
		}
		for _, c := range kids[w] {
			if c < w && s.Words[c].Deprel == "compound" && s.Words[c].UPOS == "PROPN" {
				// "Nigeria today announced": the name is the subject.
				s.Words[c].Head, s.Words[c].Deprel = v+1, "nsubj"
				break
			}
		}
	}
}

// hasCase reports whether words [lo, hi] hold a preposition or
// possessive marker.
func hasCase(s *doc.Sentence, lo, hi int) bool {
	for i := lo; i <= hi; i++ {
		if s.Words[i].Deprel == "case" {
			return true
		}
	}
	return false
}

// temporalNouns are the deictic days a headline-style sentence puts
// between its subject and verb.
var temporalNouns = map[string]bool{"today": true, "yesterday": true, "tonight": true, "tomorrow": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

func temporal(w *doc.Word) bool { return temporalNouns[strings.ToLower(w.Form)] }
