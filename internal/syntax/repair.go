package syntax

import (
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// repair rewrites the arcs of a parsed sentence where they break the
// well-formedness of Universal Dependencies in ways the transition parser
// produces and the event coder cannot read past. Each rule gives the arcs
// a careful annotator would; docs/syntax.md has what each one does on the
// EWT test set.
func repair(s *doc.Sentence) {
	if len(s.Words) == 0 || s.Words[0].Head < 0 {
		return
	}
	a := newArcs(s)
	for _, rule := range [...]func(*arcs) bool{(*arcs).oneSubject, (*arcs).strandedName,
		(*arcs).progressive, (*arcs).reportingVerb, (*arcs).nominalRoot} {
		if rule(a) {
			a = newArcs(s) // the next rule reads the repaired tree
		}
	}
}

// arcs is a parsed sentence with its children and subtree spans.
type arcs struct {
	s      *doc.Sentence
	kids   [][]int
	lo, hi []int // first and last word of each subtree
}

func newArcs(s *doc.Sentence) *arcs {
	n := len(s.Words)
	a := &arcs{s: s, kids: make([][]int, n), lo: make([]int, n), hi: make([]int, n)}
	for i, w := range s.Words {
		a.lo[i], a.hi[i] = i, i
		if h := w.Head - 1; h >= 0 && h < n && h != i {
			a.kids[h] = append(a.kids[h], i)
		}
	}
	// The climb is bounded so that a malformed head array cannot loop.
	for i := range n {
		for x, steps := s.Words[i].Head-1, 0; x >= 0 && x < n && steps < n; x, steps = s.Words[x].Head-1, steps+1 {
			a.lo[x], a.hi[x] = min(a.lo[x], i), max(a.hi[x], i)
		}
	}
	return a
}

func (a *arcs) rel(i int) string { return a.s.Words[i].Deprel }

// head returns i's head, -1 for the root.
func (a *arcs) head(i int) int {
	h := a.s.Words[i].Head - 1
	if h < 0 || h >= len(a.s.Words) {
		return -1
	}
	return h
}

// set makes h (-1: the root) the head of i with relation rel.
func (a *arcs) set(i, h int, rel string) { a.s.Words[i].Head, a.s.Words[i].Deprel = h+1, rel }

// child returns the first child of h with one of rels, or -1.
func (a *arcs) child(h int, rels ...string) int {
	for _, k := range a.kids[h] {
		for _, r := range rels {
			if a.rel(k) == r {
				return k
			}
		}
	}
	return -1
}

func (a *arcs) nominal(i int) bool {
	u := a.s.Words[i].UPOS
	return u == "NOUN" || u == "PROPN"
}

// hasCase reports whether words [lo, hi] hold a preposition or
// possessive marker.
func (a *arcs) hasCase(lo, hi int) bool {
	for i := lo; i <= hi; i++ {
		if a.rel(i) == "case" {
			return true
		}
	}
	return false
}

// oneSubject gives each predicate one subject. Of two adjacent subjects,
// the first, if no preposition is inside it, modifies the second
// ("NATO-member Norway is willing"); one with a preposition inside ("the
// owner of Russian oil firm Yukos has sued") is a phrase the second
// belongs to, left as parsed. A noun with a subject and no copula, marker
// or auxiliary is a noun with a modifier ("the Hizbollah (Party of God)
// group declared").
func (a *arcs) oneSubject() (changed bool) {
	for h := range a.kids {
		var subj []int
		for _, k := range a.kids[h] {
			if r := a.rel(k); r == "nsubj" || r == "nsubj:pass" {
				subj = append(subj, k)
			}
		}
		switch {
		case len(subj) >= 2:
			x, y := subj[0], subj[1]
			if a.nominal(x) && a.nominal(y) && a.hi[x]+1 == a.lo[y] && !a.hasCase(a.lo[x], a.hi[x]) {
				a.set(x, y, "compound")
				changed = true
			}
		case len(subj) == 1 && a.nominal(h) && a.rel(h) != "root" && a.child(h, "cop", "mark", "aux", "aux:pass") < 0:
			// A marker or auxiliary shows a verb the tagger took for a
			// noun ("that the advent implies").
			if x := subj[0]; a.nominal(x) && a.hi[x]+1 == h {
				a.s.Words[x].Deprel = "compound"
				changed = true
			}
		}
	}
	return changed
}

// temporalNouns are the deictic days a news sentence puts between its
// subject and verb.
var temporalNouns = map[string]bool{"today": true, "yesterday": true, "tonight": true, "tomorrow": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// strandedName makes a proper noun that the parser compounded with a day
// ("Nigeria today announced") the subject of the day's verb when that
// verb has none.
func (a *arcs) strandedName() (changed bool) {
	for w := range a.kids {
		if !temporalNouns[strings.ToLower(a.s.Words[w].Form)] {
			continue
		}
		v := a.head(w)
		if v < 0 || a.s.Words[v].UPOS != "VERB" || a.child(v, "nsubj", "nsubj:pass", "csubj") >= 0 {
			continue
		}
		if r := a.rel(w); !strings.HasPrefix(r, "obl") && r != "nmod:tmod" {
			continue
		}
		for _, c := range a.kids[w] {
			if c < w && a.rel(c) == "compound" && a.s.Words[c].UPOS == "PROPN" {
				a.set(c, v, "nsubj")
				changed = true
				break
			}
		}
	}
	return changed
}

// progressive reads a gerund with a passive auxiliary as the progressive
// it is: "were converging" has a subject, not a passive subject (a UD
// passive needs a past participle).
func (a *arcs) progressive() (changed bool) {
	for v := range a.kids {
		if a.s.Words[v].XPOS != "VBG" {
			continue
		}
		for _, k := range a.kids[v] {
			switch a.rel(k) {
			case "aux:pass":
				a.s.Words[k].Deprel, changed = "aux", true
			case "nsubj:pass":
				a.s.Words[k].Deprel, changed = "nsubj", true
			}
		}
	}
	return changed
}

// reportingVerbs introduce what someone said, announced or claimed.
var reportingVerbs = map[string]bool{"say": true, "tell": true, "announce": true, "state": true,
	"claim": true, "add": true, "report": true, "insist": true, "confirm": true, "declare": true,
	"warn": true, "write": true}

// reportingVerb makes a reporting verb that the parser attached as a
// clause of the verb it reports the head of that verb: in "French farmers
// said on Friday they would blockade Paris", "said" is the main verb and
// "blockade" its complement, not the reverse. One introduced by a marker
// ("as farmers said, …") is a clause indeed.
func (a *arcs) reportingVerb() (changed bool) {
	for v := range a.kids {
		w := a.s.Words[v]
		if w.UPOS != "VERB" || a.rel(v) != "advcl" || !reportingVerbs[strings.ToLower(w.Lemma)] {
			continue
		}
		h := a.head(v)
		if h <= v || a.s.Words[h].UPOS != "VERB" || a.child(v, "mark") >= 0 {
			continue
		}
		subj := a.child(v, "nsubj")
		inner := a.child(h, "nsubj", "nsubj:pass")
		if subj < 0 || subj > v || inner < v || inner > h {
			continue
		}
		// h's words before v ("Meanwhile, …") stay before the new head.
		for _, k := range a.kids[h] {
			if k < v {
				a.set(k, v, a.rel(k))
			}
		}
		a.set(v, a.head(h), a.rel(h))
		a.set(h, v, "ccomp")
		return true
	}
	return false
}

// nominalRoot makes a finite verb that the parser attached as a clause
// of a noun at the root the root, with that noun as its subject, when a
// comma closes the noun's phrase (an apposition) before the verb: in "The
// Nigerian Union of Teachers (NUT), the umbrella union …, announced that
// …", "announced" is the main verb.
func (a *arcs) nominalRoot() (changed bool) {
	r := -1
	for i := range a.kids {
		if a.rel(i) == "root" {
			r = i
			break
		}
	}
	if r < 0 || !a.nominal(r) || a.child(r, "cop", "nsubj", "nsubj:pass") >= 0 {
		return false
	}
	for _, v := range a.kids[r] {
		w := a.s.Words[v]
		if v < r+2 || w.UPOS != "VERB" || (a.rel(v) != "acl" && a.rel(v) != "acl:relcl") || a.s.Words[v-1].Form != "," {
			continue
		}
		if x := w.XPOS; x != "VBD" && x != "VBZ" && x != "VBP" {
			continue
		}
		if a.child(v, "nsubj", "nsubj:pass", "mark") >= 0 {
			continue
		}
		for _, k := range a.kids[r] {
			if k > v {
				a.set(k, v, a.rel(k))
			}
		}
		a.set(v, -1, "root")
		a.set(r, v, "nsubj")
		return true
	}
	return false
}
