package extract

import (
	"regexp"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/geo"
)

// placeCases introduce the place where something happens.
var placeCases = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true,
	"across": true, "throughout": true, "within": true, "around": true, "along": true, "into": true}

// locateEvents gives each event the place named in its clause with a
// preposition of place ("attacked a police station in Rask", "the
// consular section in Damascus"), else the place of its sentence's main
// clause ("In Quetta, police said …"); else none: a place inside another
// event's phrase is that event's (in "condemned the attack … in
// Damascus", Damascus is where the attack was, not the condemnation),
// and the dateline is where the story was written.
func (x *Extractor) locateEvents(d *doc.Document, events []event.Event, dateline *geo.Toponym) {
	if len(events) == 0 || x.geo == nil {
		return
	}
	// The states the story is about weigh in the choice among places of
	// one name: its dateline's and its events' actors'.
	states := map[string]float64{}
	if dateline != nil && dateline.Place != nil {
		states[dateline.Place.Country] += 2
	}
	for _, ev := range events {
		for _, a := range []*event.Actor{ev.Source, ev.Target} {
			if a != nil && a.Country != "" {
				states[a.Country] += 0.5
			}
		}
	}
	for c, w := range states {
		states[c] = min(w, 3)
	}
	type placed struct {
		t    geo.Toponym
		sent int
		head int
	}
	var ps []placed
	tops := x.geo.FindWith(d.Text, states)
	for _, t := range tops {
		if t.Place == nil {
			continue
		}
		for si := range d.Sentences {
			s := &d.Sentences[si]
			if t.Span.Start >= s.Span.Start && t.Span.End <= s.Span.End {
				if h := exprHead(s, t.Span); h >= 0 && placePhrase(s, h) {
					ps = append(ps, placed{t, si, h})
				}
				break
			}
		}
	}
	// Triggers of the events of each sentence: a place inside another
	// event's phrase is that event's.
	triggers := map[[2]int]bool{}
	for k := range events {
		ev := &events[k]
		if n := trigger(&d.Sentences[ev.Sentence], ev); n >= 0 {
			triggers[[2]int{ev.Sentence, n}] = true
		}
	}
	for k := range events {
		ev := &events[k]
		s := &d.Sentences[ev.Sentence]
		n := trigger(s, ev)
		if n < 0 {
			continue
		}
		v := clauseHead(s, n)
		root := sentenceRoot(s)
		other := func(w int) bool { return w != n && triggers[[2]int{ev.Sentence, w}] }
		var first, own *placed
		for i := range ps {
			p := &ps[i]
			if p.sent != ev.Sentence || actorSpan(ev, p.t.Span) {
				continue
			}
			if first == nil && root >= 0 && locates(s, p.head, root, root, other) {
				first = p
			}
			if locates(s, p.head, v, n, other) {
				own = p
				break
			}
		}
		if own == nil {
			// "near the border with Iran": a point on the border.
			if loc, sp := x.borderOf(s, ev, tops, v, n, other, dateline); loc != nil {
				ev.Location = loc
				ev.Evidence.Location = &event.Text{Text: d.Text[sp.Start:sp.End], Span: sp}
				continue
			}
		}
		p := own
		if p == nil {
			p = first
		}
		if p == nil {
			continue
		}
		pl := p.t.Place
		ev.Location = &event.Location{Name: pl.Name, GeonameID: pl.ID, Lat: pl.Lat, Lon: pl.Lon, Country: pl.Country}
		ev.Evidence.Location = &event.Text{Text: p.t.Text, Span: p.t.Span}
	}
}

// locates reports whether the place phrase headed by word h belongs to
// the clause of verb v or to the event noun n: climbing from h reaches n
// or v before any other verb or another event's trigger ("attacked
// police in Quetta": the police's place is the attack's; "condemned the
// attack on the embassy in Damascus": Damascus is the attack's, not the
// condemnation's).
func locates(s *doc.Sentence, h, v, n int, other func(int) bool) bool {
	return climbs(s, h, v, n, other)
}

// sentenceRoot returns the root word of a parsed sentence, -1 if none.
func sentenceRoot(s *doc.Sentence) int {
	for i, w := range s.Words {
		if w.Head == 0 {
			return i
		}
	}
	return -1
}

// placePhrase reports whether word h heads a place phrase: it, or the
// noun it names ("the city of Rask"), has a preposition of place.
func placePhrase(s *doc.Sentence, h int) bool {
	for d := 0; h >= 0 && d < 3; d++ {
		for _, w := range s.Words {
			if w.Head-1 == h && w.Deprel == "case" {
				if placeCases[strings.ToLower(w.Form)] {
					return true
				}
				if strings.ToLower(w.Form) != "of" {
					return false
				}
			}
		}
		if r := s.Words[h].Deprel; r != "nmod" && r != "flat" && r != "compound" && r != "appos" {
			return false
		}
		h = s.Words[h].Head - 1
	}
	return false
}

// actorSpan reports whether sp lies inside the event's source or target.
func actorSpan(ev *event.Event, sp doc.Span) bool {
	for _, a := range []*event.Actor{ev.Source, ev.Target} {
		if a != nil && sp.Start >= a.Span.Start && sp.End <= a.Span.End {
			return true
		}
	}
	return false
}

// datelineRE is a dateline opening a line of the story: a place in
// capitals, maybe a country or state after a comma and an agency in
// parentheses, then a dash ("TEHRAN-", "QUETTA, Pakistan (Reuters) -",
// "WASHINGTON —").
var datelineRE = regexp.MustCompile(`(?m)^\s*([A-Z][A-Z.'’ -]*[A-Z.])(?:,\s*[A-Z][A-Za-z. ]+)?\s*(?:\([A-Za-z .]+\))?\s*[-—–]+\s`)

// dateline returns the place a story was filed from, from its first
// lines, resolved; nil when there is none or no entry fits.
func (x *Extractor) dateline(text string) *geo.Toponym {
	if x.geo == nil {
		return nil
	}
	head := text[:min(len(text), 1000)]
	m := datelineRE.FindStringSubmatchIndex(head)
	if m == nil {
		return nil
	}
	sp := doc.Span{Start: m[2], End: m[3]}
	t := x.geo.ResolveSpans(head, []doc.Span{sp})[0] // the story's first lines are context enough
	if t.Place == nil {
		return nil
	}
	return &t
}
