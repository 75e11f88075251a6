package extract

import (
	"slices"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/geo"
)

// borderWords name a land border.
var borderWords = map[string]bool{"border": true, "frontier": true, "boundary": true, "borderland": true}

// nearWords are adjectives that put a phrase next to what they take
// ("regions close to Iran's border").
var nearWords = map[string]bool{"close": true, "near": true, "adjacent": true, "next": true, "nearby": true}

// borderPhrase is "near the border with Iran", "in regions close to
// Iran's border", "along the Iran-Pakistan border": a border word in a
// place phrase, and the states it names.
type borderPhrase struct {
	head   int      // the word heading the place phrase
	span   doc.Span // from the first state named to the border word
	states []string // alpha-3 codes named in the phrase, in text order
}

// borderPhrases returns the border phrases of a parsed sentence, with the
// states each names among the text's toponyms.
func (x *Extractor) borderPhrases(s *doc.Sentence, tops []geo.Toponym) []borderPhrase {
	var out []borderPhrase
	for i, w := range s.Words {
		if !borderWords[strings.ToLower(w.Lemma)] || w.Head < 0 {
			continue
		}
		h := placeHead(s, i)
		if h < 0 {
			continue
		}
		bp := borderPhrase{head: h, span: w.Span}
		add := func(c string, sp doc.Span) {
			if c == "" {
				return
			}
			if !slices.Contains(bp.states, c) {
				bp.states = append(bp.states, c)
			}
			bp.span.Start, bp.span.End = min(bp.span.Start, sp.Start), max(bp.span.End, sp.End)
		}
		for _, t := range tops {
			if t.Place == nil || !strings.HasPrefix(t.Place.Code, "PCL") {
				continue // a state, not a town: "the border town of Chaman" names no state
			}
			if j := exprHead(s, t.Span); j >= 0 && dependsOn(s, j, i) {
				add(t.Place.Country, t.Span)
			}
		}
		// Adjectives and joined names the place finder does not take:
		// "the Iraqi border", "the Lebanon-Israel border".
		for j, d := range s.Words {
			if d.Head-1 != i || (d.Deprel != "amod" && d.Deprel != "compound") {
				continue
			}
			for _, part := range strings.FieldsFunc(d.Form, func(r rune) bool { return r == '-' || r == '–' || r == '/' }) {
				add(x.geo.State(part), s.Words[j].Span)
			}
		}
		// No state named: "the border" may be the one of the event's two
		// sides; borderLocation decides.
		if len(bp.states) == 0 && !definite(s, i) {
			continue
		}
		out = append(out, bp)
	}
	return out
}

// placeHead returns the word heading the place phrase a border word is in
// ("near the border": border; "in the border area": area; "in regions
// close to the border": regions), -1 when it is in none.
func placeHead(s *doc.Sentence, h int) int {
	for d := 0; h >= 0 && d < 4; d++ {
		for _, w := range s.Words {
			if w.Head-1 == h && w.Deprel == "case" && placeCases[strings.ToLower(w.Form)] {
				return h
			}
		}
		p := s.Words[h].Head - 1
		if p < 0 {
			return -1
		}
		switch r := s.Words[h].Deprel; {
		case nearWords[strings.ToLower(s.Words[p].Lemma)]:
			if s.Words[p].Deprel == "amod" {
				p = s.Words[p].Head - 1 // past the adjective, to what is close
			}
		case r != "compound" && r != "nmod" && r != "nmod:poss":
			return -1
		}
		h = p
	}
	return -1
}

// dependsOn reports whether word j lies in the subtree of word i, through
// no clause.
func dependsOn(s *doc.Sentence, j, i int) bool {
	for d := 0; j >= 0 && d < len(s.Words); d++ {
		if j == i {
			return true
		}
		switch s.Words[j].Deprel {
		case "acl", "acl:relcl", "advcl", "ccomp", "parataxis":
			return false
		}
		j = s.Words[j].Head - 1
	}
	return false
}

// borderLocation returns the location of a border phrase for an event: the
// border of the two states it names, or of the one it names and the other
// side the story is about (the event's actors' states, else the
// dateline's). Nil when the border is not known or not one of two
// states that share one.
func (x *Extractor) borderLocation(bp borderPhrase, ev *event.Event, dateline *geo.Toponym) *event.Location {
	if x.borders == nil || len(bp.states) > 2 {
		return nil
	}
	var sides []string // the states of the event's actors, then the dateline's
	if ev != nil {
		for _, act := range []*event.Actor{ev.Source, ev.Target} {
			if act != nil && act.Country != "" {
				sides = append(sides, act.Country)
			}
		}
	}
	if len(bp.states) == 0 {
		// "the border": the event's two sides', when they share one.
		if len(sides) < 2 {
			return nil
		}
		bp.states = sides[:1]
		sides = sides[1:]
	}
	if dateline != nil && dateline.Place != nil {
		sides = append(sides, dateline.Place.Country)
	}
	a, b := bp.states[0], ""
	if len(bp.states) == 2 {
		b = bp.states[1]
	} else {
		for _, o := range sides {
			if _, ok := x.borders.Between(a, o); ok && o != a {
				b = o
				break
			}
		}
	}
	br, ok := x.borders.Between(a, b)
	if !ok {
		return nil
	}
	g := x.geo.Gazetteer()
	name := func(c string) string {
		if p, ok := g.Country(c); ok {
			return p.Name
		}
		return c
	}
	return &event.Location{Name: br.Name(name), Lat: br.Lat, Lon: br.Lon, Border: []string{br.A, br.B}}
}

// borderOf returns the border location of the first border phrase in
// the clause of the event (verb v, trigger n), and the phrase's span.
func (x *Extractor) borderOf(s *doc.Sentence, ev *event.Event, tops []geo.Toponym, v, n int, other func(int) bool, dateline *geo.Toponym) (*event.Location, doc.Span) {
	if x.borders == nil {
		return nil, doc.Span{}
	}
	var in []geo.Toponym
	for _, t := range tops {
		if s.Span.Contains(t.Span) && (ev == nil || !actorSpan(ev, t.Span)) {
			in = append(in, t)
		}
	}
	for _, bp := range x.borderPhrases(s, in) {
		if bp.head != n && (!locates(s, bp.head, v, n, other) || describes(s, bp.head, v, n)) {
			continue
		}
		if loc := x.borderLocation(bp, ev, dateline); loc != nil {
			return loc, bp.span
		}
	}
	return nil, doc.Span{}
}

// definite reports whether word i has the article "the": "near the
// border" names a known border, "near a border" none.
func definite(s *doc.Sentence, i int) bool {
	for _, w := range s.Words {
		if w.Head-1 == i && w.Deprel == "det" && strings.EqualFold(w.Form, "the") {
			return true
		}
	}
	return false
}

// describes reports whether the phrase headed by word h describes a noun
// in apposition on its way up to the event (verb v, trigger n):
// "Beledweyne, a town near Somalia's border with Ethiopia" places the
// town, not the event whose target it is.
func describes(s *doc.Sentence, h, v, n int) bool {
	for d := 0; h >= 0 && d < len(s.Words) && h != v && h != n; d++ {
		if s.Words[h].Deprel == "appos" {
			return true
		}
		h = s.Words[h].Head - 1
	}
	return false
}
