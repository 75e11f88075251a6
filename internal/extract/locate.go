package extract

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/geo"
)

// placeCases introduce the place where something happens.
var placeCases = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true,
	"across": true, "throughout": true, "through": true, "within": true, "around": true, "along": true, "into": true}

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
	l := x.newLocator(d, states, dateline)
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
		n := trigger(&d.Sentences[ev.Sentence], ev)
		if n < 0 {
			continue
		}
		other := func(w int) bool { return w != n && triggers[[2]int{ev.Sentence, w}] }
		ev.Location, ev.Evidence.Location = l.locate(ev.Sentence, n, ev, other)
	}
}

// locator places the predicates of one analyzed document.
type locator struct {
	x        *Extractor
	d        *doc.Document
	tops     []geo.Toponym // every place name of the text, resolved
	ps       []placed      // those heading a place phrase
	objs     []placed      // those naming a verb's object ("captured the town of Bakwa"); head is the verb
	dateline *geo.Toponym
}

// placed is a place name heading a place phrase of a sentence.
type placed struct {
	t    geo.Toponym
	sent int
	head int
}

// newLocator finds and resolves the place names of d, the given states
// weighing in the choice among places of one name.
func (x *Extractor) newLocator(d *doc.Document, states map[string]float64, dateline *geo.Toponym) *locator {
	l := &locator{x: x, d: d, tops: x.geo.FindWith(d.Text, states), dateline: dateline}
	for _, t := range l.tops {
		if t.Place == nil {
			continue
		}
		for si := range d.Sentences {
			s := &d.Sentences[si]
			if t.Span.Start >= s.Span.Start && t.Span.End <= s.Span.End {
				if h := exprHead(s, t.Span); h >= 0 && placePhrase(s, h) {
					l.ps = append(l.ps, placed{t, si, h})
				} else if v := objectOf(s, h); v >= 0 {
					l.objs = append(l.objs, placed{t, si, v})
				}
				break
			}
		}
	}
	return l
}

// locate returns the place of the predicate at word n of sentence si, and
// its evidence: the place phrase of its clause, else a border phrase of
// its clause, else the place phrase of the sentence's main clause, else
// none. ev, when not nil, is the event of the predicate: a place inside
// its source or target is not its place, and its actors' states tell the
// other side of a border. other reports the triggers of other events.
func (l *locator) locate(si, n int, ev *event.Event, other func(int) bool) (*event.Location, *event.Text) {
	s := &l.d.Sentences[si]
	v := clauseHead(s, n)
	root := sentenceRoot(s)
	var first, own *placed
	for i := range l.ps {
		p := &l.ps[i]
		if p.sent != si || ev != nil && actorSpan(ev, p.t.Span) {
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
		if loc, sp := l.x.borderOf(s, ev, l.tops, v, n, other, l.dateline); loc != nil {
			return loc, &event.Text{Text: l.d.Text[sp.Start:sp.End], Span: sp}
		}
	}
	p := own
	if p == nil && (ev == nil || ev.Target == nil) {
		// The place a verb acts on ("captured the town of Bakwa"), when
		// no target takes the object: an event's object is mostly its
		// target, and a place listed with it ("visited Kenya and
		// Tanzania") is another target, not where the event happened.
		for i := range l.objs {
			o := &l.objs[i]
			if o.sent == si && (o.head == n || o.head == v) && (ev == nil || !actorSpan(ev, o.t.Span)) {
				p = o
				break
			}
		}
	}
	if p == nil {
		p = first
	}
	if p == nil {
		return nil, nil
	}
	pl := p.t.Place
	return &event.Location{Name: pl.Name, GeonameID: pl.ID, Lat: pl.Lat, Lon: pl.Lon, Country: pl.Country},
		&event.Text{Text: p.t.Text, Span: p.t.Span}
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

// objectOf returns the verb whose object the name at word h is, or
// names ("captured Bakwa", "captured the town of Bakwa", "patrolling the
// streets of Kabul"), -1 if none.
func objectOf(s *doc.Sentence, h int) int {
	for d := 0; h >= 0 && d < 3; d++ {
		w := s.Words[h]
		p := w.Head - 1
		if p < 0 {
			return -1
		}
		switch w.Deprel {
		case "obj":
			if s.Words[p].UPOS == "VERB" {
				return p
			}
			return -1
		case "nmod", "flat", "compound", "appos":
			h = p
		default:
			return -1
		}
	}
	return -1
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

// WordPlace is the place a word's event happened, and the text that says
// so; both nil when the rules place it nowhere.
type WordPlace struct {
	Location *event.Location
	Evidence *event.Text
}

// LocateWords analyzes an article in full (every sentence parsed) and
// locates the words at the given byte offsets as if each were the
// predicate of an event with no known actors, by the rules that locate
// events: the evaluation of event location (dyad eval location) uses it.
// A word not found is placed nowhere.
func (x *Extractor) LocateWords(ctx context.Context, a Article, offsets []int) ([]WordPlace, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if x.geo == nil {
		return nil, fmt.Errorf("locate words: no place stage")
	}
	d := x.analyzeAll(a)
	dateline := x.dateline(a.Text)
	states := map[string]float64{}
	if dateline != nil && dateline.Place != nil {
		states[dateline.Place.Country] = 2
	}
	l := x.newLocator(d, states, dateline)
	none := func(int) bool { return false }
	out := make([]WordPlace, len(offsets))
	for k, off := range offsets {
		if si, wi, ok := wordAt(d, off); ok {
			out[k].Location, out[k].Evidence = l.locate(si, wi, nil, none)
		}
	}
	return out, nil
}
