package coder

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/mention"
)

// Config configures a Coder.
type Config struct {
	// Monadic keeps events without a target (PLOVER allows them; CAMEO
	// coders drop them). Patterns marked notarget always keep them.
	Monadic bool
	// KeepNegated keeps negated events, flagged; by default they are dropped.
	KeepNegated bool
}

// Coder codes events. It is immutable and safe for concurrent use.
type Coder struct {
	dict *Dict
	ont  *cameo.Ontology
	cfg  Config
}

// New returns a coder over a compiled dictionary and ontology.
func New(d *Dict, o *cameo.Ontology, cfg Config) (*Coder, error) {
	if d == nil || o == nil {
		return nil, fmt.Errorf("new coder: dictionary and ontology are required")
	}
	return &Coder{dict: d, ont: o, cfg: cfg}, nil
}

// StatelessActors reports whether a sector noun with no state is an actor
// ("---MIL"): in monadic (PLOVER) mode, and with community dictionaries.
func (c *Coder) StatelessActors() bool { return c.cfg.Monadic || c.dict.community }

// defaultPreps are the prepositions whose object is a target when a
// pattern names none.
var defaultPreps = []string{"on", "against", "with", "to", "toward", "towards", "at", "into", "for", "upon"}

// Code returns the events of document d, whose sentences carry the
// mentions ms (one slice per sentence, as actor resolution returns them).
// date is the story date.
func (c *Coder) Code(d *doc.Document, ms [][]mention.Mention, date time.Time) []event.Event {
	var out []event.Event
	for si := range d.Sentences {
		var sm []mention.Mention
		if si < len(ms) {
			sm = ms[si]
		}
		out = append(out, c.sentence(d, si, sm, date)...)
	}
	// Text order: by sentence, then by predicate.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Sentence != out[j].Sentence {
			return out[i].Sentence < out[j].Sentence
		}
		return out[i].Evidence.Predicate.Span.Start < out[j].Evidence.Predicate.Span.Start
	})
	for i := range out {
		out[i].ID = fmt.Sprintf("%s-%d", d.ID, i+1)
	}
	return out
}

// Relevant reports whether a tagged sentence has a word that some pattern
// could fire on, so that sentences without one need not be parsed: a
// trigger whose pattern has no object or modifier constraint, or whose
// constraint words occur in the sentence too ("have" counts only with
// "audience", "take" only with "action" …). actors is the fewest actors
// the sentence must mention for such a pattern to make an event: two (a
// source and a target, or the members of a mutual relation), or one in
// monadic mode or for a pattern marked notarget.
func (c *Coder) Relevant(s *doc.Sentence) (ok bool, actors int) {
	// The sentence's words, gathered only when a pattern constrains them:
	// most sentences have no trigger at all.
	var words map[string]bool
	has := func(xs []string) bool {
		if words == nil {
			words = make(map[string]bool, 2*len(s.Words))
			for _, w := range s.Words {
				words[strings.ToLower(w.Lemma)] = true
				words[strings.ToLower(w.Form)] = true
			}
		}
		for _, x := range xs {
			if words[x] {
				return true
			}
		}
		return false
	}
	actors = 2
	if c.cfg.Monadic {
		actors = 1
	}
	for _, w := range s.Words {
		var ps []*Pattern
		switch w.UPOS {
		case "VERB", "ADJ":
			ps = c.verbPatterns(w)
		case "NOUN":
			ps = lookup(c.dict.nouns, c.dict.nounStems, strings.ToLower(w.Lemma))
		}
		if c.dict.words && w.UPOS != "VERB" && w.UPOS != "ADJ" {
			// Imported verb patterns match words, as TABARI does, whatever
			// the tagger made of them (see ownVerbLike).
			for _, p := range c.verbPatterns(w) {
				if p.Words {
					ps = append(ps, p)
				}
			}
		}
		for _, p := range ps {
			if (p.Obj == nil || has(p.Obj)) && !slices.ContainsFunc(p.Mod, func(m []string) bool { return !has(m) }) {
				ok = true
				if p.NoTarget {
					actors = 1
				}
			}
		}
		if ok && actors == 1 {
			break
		}
	}
	return ok, actors
}

// tree is a parsed sentence with its children lists and mentions.
type tree struct {
	s        *doc.Sentence
	kids     [][]int
	ms       []mention.Mention
	owner    []int // mention index per word, -1 for none
	consumed []bool
	// eventNoun reports whether word i names an event (a noun trigger or
	// the object of a matched light verb).
	eventNoun func(i int) bool
	// stateless: sector nouns with no state are actors (PLOVER mode,
	// community dictionaries).
	stateless bool
}

func newTree(s *doc.Sentence, ms []mention.Mention) *tree {
	t := &tree{s: s, kids: make([][]int, len(s.Words)), ms: ms, owner: make([]int, len(s.Words)), consumed: make([]bool, len(s.Words)), eventNoun: func(int) bool { return false }}
	for i, w := range s.Words {
		t.owner[i] = -1
		if h := w.Head - 1; h >= 0 && h < len(s.Words) && h != i {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	for i, m := range ms {
		for j := m.First; j < m.Last && j < len(s.Words); j++ {
			if t.owner[j] < 0 || ms[t.owner[j]].Head != j {
				t.owner[j] = i
			}
		}
	}
	return t
}

func (t *tree) rel(i int) string { return t.s.Words[i].Deprel }

func (t *tree) head(i int) int {
	h := t.s.Words[i].Head - 1
	if h < 0 || h >= len(t.s.Words) || h == i {
		return -1
	}
	return h
}

// child returns the first child of i whose relation is one of rels.
func (t *tree) child(i int, rels ...string) int {
	for _, k := range t.kids[i] {
		for _, r := range rels {
			if t.rel(k) == r {
				return k
			}
		}
	}
	return -1
}

// caseOf returns the lemma of i's preposition ("on" for "on the bases").
func (t *tree) caseOf(i int) string {
	var parts []string
	for _, k := range t.kids[i] {
		if t.rel(k) == "case" && k < i {
			parts = append(parts, strings.ToLower(t.s.Words[k].Lemma))
		}
	}
	return strings.Join(parts, " ")
}

type candidate struct {
	trig int
	p    *Pattern
	obj  int // the object noun, -1 for none
}

func (c *Coder) sentence(d *doc.Document, si int, ms []mention.Mention, date time.Time) []event.Event {
	s := &d.Sentences[si]
	if len(s.Words) == 0 || s.Words[0].Head < 0 {
		return nil
	}
	t := newTree(s, ms)
	t.stateless = c.StatelessActors()
	t.placeStates()
	t.eventNoun = func(i int) bool {
		return t.consumed[i] || (s.Words[i].UPOS == "NOUN" && len(lookup(c.dict.nouns, c.dict.nounStems, strings.ToLower(s.Words[i].Lemma))) > 0)
	}
	var cands []candidate
	for i, w := range s.Words {
		verbal := w.UPOS == "VERB" || t.predicateAdj(i)
		if !verbal && !(c.dict.words && t.ownVerbLike(i)) {
			continue
		}
		if cand, ok := c.matchVerb(t, i); ok && (verbal || cand.p.Words) {
			cands = append(cands, cand)
			if cand.p.Obj != nil && cand.obj >= 0 {
				t.consumed[cand.obj] = true
				for _, k := range t.kids[cand.obj] {
					if t.rel(k) == "conj" {
						t.consumed[k] = true
					}
				}
			}
		}
	}
	for i, w := range s.Words {
		if w.UPOS != "NOUN" || t.consumed[i] {
			continue
		}
		// "aid agencies", "peace envoy": an event noun inside the name of
		// an actor is no event.
		if m := t.owner[i]; m >= 0 && t.ms[m].Last-t.ms[m].First > 1 && t.ms[m].Head != i {
			continue
		}
		if p := c.matchNoun(t, i); p != nil {
			cands = append(cands, candidate{trig: i, p: p, obj: -1})
		}
	}
	var out []event.Event
	var byClause []clauseEvent // parallel to out
	seen := map[string]bool{}
	// Verbs of intention whose infinitive coded the intention ("agreed to
	// meet") give no event of their own. Embedded verbs come after their
	// heads in cands only by position, so process heads last.
	intents := map[int]bool{}
	sortByDepth(t, cands)
	for _, cand := range cands {
		var src, tgt []mention.Mention
		var through string
		if cand.p.Noun {
			src = t.nounSource(cand.trig)
			tgt, through = t.nounTarget(cand.trig, cand.p)
		} else {
			src = t.verbSource(cand.trig)
			tgt, through = t.verbTarget(cand.trig, cand.obj, cand.p)
		}
		// Imported TABARI and PETRARCH patterns were written for coders
		// that take the first actor before the verb as source and the
		// first after it as target; where the parse finds none, so does
		// dyad for them.
		ownMutual := false
		if cand.p.Own {
			// Roles placed by the pattern, as TABARI places them.
			if cand.p.TgtBefore {
				if b := t.closestActorBefore(cand.trig); len(b) > 0 {
					tgt, through = b, "actor before the verb"
					if f := t.firstActor(cand.trig, -1); len(f) > 0 && f[0].First < b[0].First {
						src = f
					}
				}
			}
			if cand.p.SrcAfter {
				if a := t.firstActor(cand.trig, +1); len(a) > 0 {
					src = a
					if len(tgt) == 0 {
						tgt = t.closestActorBefore(cand.trig)
					}
				}
			}
			if len(src) == 0 {
				src = t.firstActor(cand.trig, -1)
			}
			if len(tgt) == 0 {
				if tgt = t.firstActor(cand.trig, +1); len(tgt) > 0 {
					through = "first actor after the verb"
				}
			}
			// With no target anywhere, a compound source acts on itself
			// ("Gondor and Osgiliath have renewed ties").
			ownMutual = len(tgt) == 0 && len(expand(src)) > 1
		}
		// "A missionary was arrested in Lebanon", "was put under
		// investigation in Italy": coercion or investigation in the
		// passive with no agent is the act of the state where it happens.
		if len(src) == 0 && !cand.p.Noun && (strings.HasPrefix(cand.p.Code, "17") || strings.HasPrefix(cand.p.Code, "09")) && t.passive(cand.trig) {
			if src = t.stateWhere(cand.trig); len(src) > 0 {
				src[0].Sector, src[0].Via = "GOV", "place"
			}
		}
		// "Four children were killed in Israeli tank shelling": with no
		// agent, the actor of the attack that caused the violence is its
		// source; in PLOVER mode, failing that, the state where it
		// happened is ("killed in a car bombing in Baghdad": IRQ), as
		// PLOVER's coders code unattributed violence.
		if len(src) == 0 && !cand.p.Noun && violent(cand.p.Code) {
			if src = t.causeAgent(cand.trig); len(src) == 0 && c.cfg.Monadic {
				if src = t.stateWhere(cand.trig); len(src) > 0 {
					src[0].Sector, src[0].Via = "", "place"
					through = "unattributed: the state where it happened"
				}
			}
		}
		neg := t.negated(cand.trig) && !cand.p.Negative
		code := c.ont.Lookup(cand.p.Code)
		if code == nil {
			// A code of an imported dictionary outside CAMEO.
			code = &cameo.Code{Code: cand.p.Code, Root: cand.p.Code[:2], Label: cand.p.Code}
		}
		recode := func(to string) bool {
			x := c.ont.Lookup(to)
			if x != nil {
				code = x
			}
			return x != nil
		}
		if !cand.p.Noun {
			fr := t.frameOf(cand.trig)
			if cand.p.Own && fr != governed {
				// An imported suite's code is its own: no CAMEO recoding,
				// but a governed clause is still no event.
				fr = realized
			}
			switch fr {
			case governed, speculative:
				continue
			case intended:
				switch {
				case neg:
					// "would not meet the demands": a refusal (root 12);
					// a conflict not intended is no event.
					if !recode(rejectCode(cand.p.Code)) {
						continue
					}
					neg = false
				case recode(intentCode(cand.p.Code)):
					// A promised cooperation is an intention (root 03).
				case recode(threatCode(cand.p.Code)):
					// A promised conflict is a threat (root 13).
				default:
					continue
				}
				if h := t.head(cand.trig); h >= 0 && t.rel(cand.trig) == "xcomp" {
					intents[h] = true
				}
			case conditioned:
				// "will withdraw its peacekeepers unless …": an action
				// announced on a condition is a threat (root 13).
				tc := threatCode(cand.p.Code)
				if tc == "" {
					tc = "130"
				}
				if neg || !recode(tc) {
					continue
				}
			case obliged:
				// "Russia said Sudan must return the helicopter": Russia
				// demands (root 10) of Sudan.
				speaker := t.speaker(cand.trig)
				if len(speaker) == 0 || neg || !recode(demandCode(cand.p.Code)) {
					continue
				}
				src, tgt, through = speaker, src, "obliged by the speaker"
			}
		}
		if neg && !c.cfg.KeepNegated {
			continue
		}
		mutual := len(tgt) == 0 && (cand.p.Sym || ownMutual) && len(expand(src)) > 1
		if len(tgt) == 0 && !mutual && !c.cfg.Monadic && !cand.p.NoTarget {
			continue
		}
		if intents[cand.trig] && !cand.p.Noun {
			continue
		}
		w := s.Words[cand.trig]
		pred := event.Text{Text: d.Text[w.Span.Start:w.Span.End], Span: w.Span}
		if cand.obj >= 0 && cand.p.Obj != nil {
			o := s.Words[cand.obj]
			lo, hi := min(w.Span.Start, o.Span.Start), max(w.Span.End, o.Span.End)
			pred = event.Text{Text: d.Text[lo:hi], Span: doc.Span{Start: lo, End: hi}}
		}
		emit := func(a, b *mention.Mention, sym bool) {
			if b != nil && sameActor(a, b) {
				return
			}
			// A dyad needs one actor the knowledge base knows: two unknown
			// names ("Armitage spoke with VOA") are not coded. (An
			// unknown source alone is kept in PLOVER mode.)
			if a.Kind == mention.Provisional && b != nil && b.Kind == mention.Provisional {
				if !c.cfg.Monadic {
					return
				}
				b = nil
			}
			// Community dictionaries know their actors: as TABARI and
			// PETRARCH, code no event of a name they lack.
			if c.dict.community && (a.Kind == mention.Provisional && a.Code() == "" || b != nil && b.Kind == mention.Provisional && b.Code() == "") {
				return
			}
			target := toActor(d, b)
			// A capital visited or met in is the state as a place.
			if b != nil && b.Via == "capital" && code.Root == "04" {
				target = toActorAs(d, b, "")
			}
			ev := event.Event{
				Article: d.ID, Sentence: si, Source: toActor(d, a), Target: target,
				CAMEO: code.Code, Root: code.Root, Label: code.Label, Goldstein: code.Goldstein, Quad: code.Quad,
				Plover: plover(code, cand.p),
				Date:   date.Format("2006-01-02"), DateGranularity: "day", DateSource: "story",
				Evidence: event.Evidence{Predicate: pred, Pattern: cand.p.Where + ": " + cand.p.Text,
					Sentence: event.Text{Text: d.Text[s.Span.Start:s.Span.End], Span: s.Span}, Symmetric: sym, TargetThrough: through},
				Negated: neg,
			}
			key := ev.Source.Code + "|" + ev.Source.Entity + "|" + code.Code
			if ev.Target != nil {
				key += "|" + ev.Target.Code + "|" + ev.Target.Entity
			}
			if seen[key] {
				return
			}
			seen[key] = true
			out = append(out, ev)
			byClause = append(byClause, clauseEvent{clause: t.clauseOf(cand.trig), trig: cand.trig, community: cand.p.Own})
		}
		for _, a := range expand(src) {
			if mutual {
				break
			}
			if len(tgt) == 0 {
				emit(&a, nil, false)
				continue
			}
			others := 0
			for _, b := range expand(tgt) {
				if sameActor(&a, &b) {
					continue
				}
				others++
				emit(&a, &b, false)
				if cand.p.Sym {
					emit(&b, &a, true)
				}
			}
			// "Kostunica promised to democratize Serbia": no other actor
			// is involved; PLOVER keeps the event without a target.
			if others == 0 && (c.cfg.Monadic || cand.p.NoTarget) {
				emit(&a, nil, false)
			}
		}
		// Compound subjects of a mutual relation ("the two countries
		// restored ties") relate to each other.
		if mutual {
			mem := expand(src)
			for i := range mem {
				for j := range mem {
					if i != j {
						emit(&mem[i], &mem[j], true)
					}
				}
			}
		}
	}
	return firstByClause(out, byClause)
}

// clauseEvent is where an event of a sentence comes from.
type clauseEvent struct {
	clause, trig int
	community    bool // of a community dictionary's pattern
}

// firstByClause keeps, of the events of community dictionaries' patterns,
// those of the first trigger of each clause, as TABARI and PETRARCH code
// by clause ("Gollum called on Gondor to be allowed to leave Lorien" is
// one event); other events are all kept.
func firstByClause(out []event.Event, from []clauseEvent) []event.Event {
	first := map[int]int{}
	for _, f := range from {
		if f.community {
			if t, ok := first[f.clause]; !ok || f.trig < t {
				first[f.clause] = f.trig
			}
		}
	}
	if len(first) == 0 {
		return out
	}
	kept := out[:0]
	for i, e := range out {
		if f := from[i]; !f.community || first[f.clause] == f.trig {
			kept = append(kept, e)
		}
	}
	return kept
}

// clauseOf returns the verb that heads word i's clause as TABARI divides
// a sentence: the main verb or a conjoined one, with everything embedded
// in it ("accepts that X might affirm …" is one clause; "or assail …",
// "but Y promised …" start others).
func (t *tree) clauseOf(i int) int {
	for n := 0; n < len(t.s.Words); n++ {
		r := t.rel(i)
		h := t.head(i)
		if r == "root" || r == "conj" || h < 0 {
			return i
		}
		i = h
	}
	return i
}

// expand replaces plural mentions by their members.
func expand(ms []mention.Mention) []mention.Mention {
	var out []mention.Mention
	for _, m := range ms {
		if len(m.Members) > 0 {
			out = append(out, m.Members...)
		} else {
			out = append(out, m)
		}
	}
	return out
}

// sameActor reports whether a and b are one actor, or one state's parts
// that do not act on each other (the Iranian government and Iran);
// distinct sectors of one country (government and rebels) are not.
func sameActor(a, b *mention.Mention) bool {
	org := a.Kind == mention.Group || b.Kind == mention.Group || a.Kind == mention.IGO || b.Kind == mention.IGO
	if !org && a.Country != "" && a.Country == b.Country {
		// Sector nouns carry their state as entity: "Iraqi police" and
		// "Iraqi protesters" are two actors.
		return a.Sector == "" || b.Sector == "" || a.Sector == b.Sector
	}
	return a.Entity != "" && a.Entity == b.Entity
}

func toActor(d *doc.Document, m *mention.Mention) *event.Actor {
	if m == nil {
		return nil
	}
	return toActorAs(d, m, m.Sector)
}

// toActorAs is toActor with the mention's sector replaced.
func toActorAs(d *doc.Document, m *mention.Mention, sector string) *event.Actor {
	c := *m
	c.Sector = sector
	m = &c
	return &event.Actor{Text: d.Text[m.Span.Start:m.Span.End], Span: m.Span, Entity: m.Entity, Name: m.Name,
		Country: m.Country, Sector: m.Sector, Code: m.Code(), Kind: m.Kind.String(), Via: m.Via}
}

// matchVerb finds the most specific pattern of verb i.
func (c *Coder) matchVerb(t *tree, i int) (candidate, bool) {
	w := t.s.Words[i]
	ps := c.verbPatterns(w)
	if len(ps) == 0 {
		return candidate{}, false
	}
	prt := ""
	if k := t.child(i, "compound:prt"); k >= 0 {
		prt = strings.ToLower(t.s.Words[k].Lemma)
	}
	objs := t.objects(i)
	obls := map[string][]int{}
	for _, k := range t.kids[i] {
		if strings.HasPrefix(t.rel(k), "obl") {
			obls[t.caseOf(k)] = append(obls[t.caseOf(k)], k)
		}
	}
	// The phrasal verb's own patterns first; then, since parsers often
	// read a preposition as a particle ("kidnapped up to 16 advisers"),
	// those of the bare verb.
	for _, want := range []string{prt, ""} {
		for _, p := range ps {
			if p.Particle != want || (p.Pre != nil && !t.precededBy(i, p.Pre)) {
				continue
			}
			if p.Obj == nil {
				if p.Mod == nil {
					return candidate{trig: i, p: p, obj: first(objs)}, true
				}
				continue
			}
			cands := objs
			if p.ObjCase != "" {
				cands = obls[p.ObjCase]
			}
			for _, o := range cands {
				if !in(p.Obj, t.s.Words[o].Lemma) && !in(p.Obj, t.s.Words[o].Form) && !(p.Own && t.phraseHas(o, p.Obj)) {
					continue
				}
				if !t.hasMods(o, p) {
					continue
				}
				return candidate{trig: i, p: p, obj: o}, true
			}
		}
		if prt == "" {
			break
		}
	}
	return candidate{}, false
}

// measureNouns stand before the noun that is really the object: "tons of
// food aid", "a series of attacks".
var measureNouns = map[string]bool{
	"ton": true, "tonne": true, "kg": true, "kilogram": true, "million": true, "billion": true,
	"thousand": true, "hundred": true, "dozen": true, "part": true, "number": true, "series": true,
	"wave": true, "round": true, "package": true, "shipment": true, "consignment": true,
	"batch": true, "amount": true, "lot": true, "set": true, "pair": true, "convoy": true,
	"load": true, "barrel": true, "dollar": true, "unit": true, "kind": true, "type": true,
	"return": true, "arrival": true, "entry": true, // "allow the return of inspectors"
}

// objects returns the object nouns of verb i: its obj (or the subject of
// a passive), and the nouns conjoined to it ("drone and missile attacks"
// parsed as obj "drone" with conj "attacks").
func (t *tree) objects(i int) []int {
	o := t.child(i, "obj")
	if o < 0 {
		o = t.child(i, "nsubj:pass")
	}
	if o < 0 {
		return nil
	}
	// "lifted Friday a blockade": a day the parser took for the object
	// leaves it to the noun phrase after it.
	if timeWords[strings.ToLower(t.s.Words[o].Form)] {
		for _, k := range t.kids[i] {
			if r := t.rel(k); k > o && (r == "xcomp" || r == "obj" || r == "obl:unmarked" || r == "obl:npmod") && t.s.Words[k].UPOS == "NOUN" {
				o = k
				break
			}
		}
	}
	out := []int{o}
	for _, k := range t.kids[o] {
		switch {
		case t.rel(k) == "conj":
			out = append(out, k)
		case t.rel(k) == "nmod" && t.caseOf(k) == "of" && measureNouns[strings.ToLower(t.s.Words[o].Lemma)]:
			out = append(out, k)
		}
	}
	// "suspended aid deliveries", "part of a military aid program": the
	// noun a carrier noun is made of is an object too.
	for _, n := range out {
		if !carrierNouns[strings.ToLower(t.s.Words[n].Lemma)] {
			continue
		}
		for _, k := range t.kids[n] {
			if t.rel(k) == "compound" && k < n && t.s.Words[k].UPOS == "NOUN" {
				out = append(out, k)
			}
		}
	}
	return out
}

// carrierNouns carry what they are made of in a compound: "aid deliveries"
// is aid, "arms shipments" arms.
var carrierNouns = map[string]bool{
	"delivery": true, "shipment": true, "program": true, "programme": true, "package": true,
	"flow": true, "supply": true, "convoy": true, "payment": true, "transfer": true, "sale": true,
	"effort": true, // "halted mediation efforts"
}

// timeWords are days a parser may take for a verb's object ("lifted
// Friday a blockade").
var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true}

func first(xs []int) int {
	if len(xs) == 0 {
		return -1
	}
	return xs[0]
}

func in(xs []string, lemma string) bool {
	l := strings.ToLower(lemma)
	for _, x := range xs {
		if x == l {
			return true
		}
	}
	return false
}

// hasMods reports whether noun i has a modifier from each of the mod=
// sets of pattern p; those of an imported pattern may stand anywhere in
// its phrase, as TABARI and PETRARCH match them.
func (t *tree) hasMods(i int, p *Pattern) bool {
	for _, m := range p.Mod {
		if !t.hasMod(i, m) && !(p.Own && t.phraseHas(i, m)) {
			return false
		}
	}
	return true
}

// hasMod reports whether noun i, or a noun conjoined with it, has a
// modifier with one of the lemmas.
func (t *tree) hasMod(i int, lemmas []string) bool {
	check := func(n int) bool {
		return t.kidHas(n, lemmas, "amod", "compound", "nmod", "nmod:npmod", "obl", "conj")
	}
	if check(i) {
		return true
	}
	if h := t.head(i); h >= 0 && t.rel(i) == "conj" && check(h) {
		return true
	}
	// The conjunct's sister: "drone and missile attacks".
	for _, k := range t.kids[i] {
		if t.rel(k) == "conj" && in(lemmas, t.s.Words[k].Lemma) {
			return true
		}
	}
	if h := t.head(i); h >= 0 && t.rel(i) == "conj" && in(lemmas, t.s.Words[h].Lemma) {
		return true
	}
	return false
}

func (c *Coder) matchNoun(t *tree, i int) *Pattern {
	for _, p := range lookup(c.dict.nouns, c.dict.nounStems, strings.ToLower(t.s.Words[i].Lemma)) {
		if !t.hasMods(i, p) {
			continue
		}
		return p
	}
	return nil
}

// negated reports whether word i is negated ("did not attack", "no talks").
func (t *tree) negated(i int) bool {
	for _, k := range t.kids[i] {
		l := strings.ToLower(t.s.Words[k].Lemma)
		if (t.rel(k) == "advmod" && (l == "not" || l == "never" || l == "n't")) || (t.rel(k) == "det" && l == "no") {
			return true
		}
	}
	return false
}

// sortByDepth orders candidates deepest in the tree first, so that an
// infinitive is coded before the verb of intention that governs it.
func sortByDepth(t *tree, cands []candidate) {
	depth := make(map[int]int, len(cands))
	for _, c := range cands {
		d := 0
		for h := t.head(c.trig); h >= 0 && d < len(t.s.Words); h = t.head(h) {
			d++
		}
		depth[c.trig] = d
	}
	sort.SliceStable(cands, func(a, b int) bool { return depth[cands[a].trig] > depth[cands[b].trig] })
}

// phraseHas reports whether a word of the phrase headed by noun o (its
// modifiers, one level down) has one of the lemmas: the looser object
// match of imported sequential patterns ("- * DIPLOMATIC" matches
// "renewed diplomatic ties").
func (t *tree) phraseHas(o int, lemmas []string) bool {
	return t.kidHas(o, lemmas, "amod", "compound", "nmod", "nmod:poss", "det", "nummod")
}

// kidHas reports whether a child of word n in one of the relations has one
// of the lemmas, as lemma or as form.
func (t *tree) kidHas(n int, lemmas []string, rels ...string) bool {
	for _, k := range t.kids[n] {
		if slices.Contains(rels, t.rel(k)) && (in(lemmas, t.s.Words[k].Lemma) || in(lemmas, t.s.Words[k].Form)) {
			return true
		}
	}
	return false
}

// closestActorBefore returns the usable actor that ends closest before
// word i, with the actors conjoined to it.
func (t *tree) closestActorBefore(i int) []mention.Mention {
	best := -1
	for k := range t.ms {
		m := &t.ms[k]
		if !t.usable(m) || m.Last > i {
			continue
		}
		if best < 0 || m.Last > t.ms[best].Last {
			best = k
		}
	}
	if best < 0 {
		return nil
	}
	return t.actorsAt(t.ms[best].Head, 0)
}

// firstActor returns the first usable actor of the sentence before
// word i (dir < 0), as TABARI takes its source, or the first after it (dir
// > 0), with the actors conjoined to it.
func (t *tree) firstActor(i, dir int) []mention.Mention {
	best := -1
	for k := range t.ms {
		m := &t.ms[k]
		if !t.usable(m) || (dir < 0 && m.Last > i) || (dir > 0 && m.First <= i) {
			continue
		}
		if best < 0 || m.First < t.ms[best].First {
			best = k
		}
	}
	if best < 0 {
		return nil
	}
	return t.actorsAt(t.ms[best].Head, 0)
}

// maxPre is how far before the trigger the words of pre= may stand.
const maxPre = 12

// precededBy reports whether the words stand before word i, in order,
// within maxPre words (forms or lemmas; "n't" also as "not").
func (t *tree) precededBy(i int, words []string) bool {
	k := len(words) - 1
	for j := i - 1; j >= 0 && j >= i-maxPre && k >= 0; j-- {
		w := t.s.Words[j]
		f, l := strings.ToLower(w.Form), strings.ToLower(w.Lemma)
		if f == words[k] || l == words[k] || (f == "n't" && words[k] == "not") ||
			(strings.HasSuffix(words[k], "n't") && f == "n't") {
			k--
		}
	}
	return k < 0
}

// predicateAdj reports whether word i is an adjective used as a predicate
// with a subject ("Israel is opposed to …", "Iran was critical of …"),
// which verb patterns may name like verbs.
func (t *tree) predicateAdj(i int) bool {
	if t.s.Words[i].UPOS != "ADJ" {
		return false
	}
	return t.child(i, "cop") >= 0 && t.child(i, "nsubj") >= 0
}

// verbPatterns returns the verb patterns of word w: those of its lemma,
// and those of a "#! verbs: words" file written for its form, as TABARI
// writes verbs ("CARRIED_OUT", "BANNED").
func (c *Coder) verbPatterns(w doc.Word) []*Pattern {
	l := strings.ToLower(w.Lemma)
	ps := lookup(c.dict.verbs, c.dict.verbStems, l)
	if f := strings.ToLower(w.Form); f != l {
		for _, p := range c.dict.verbs[f] {
			if p.Words {
				ps = append(ps, p)
			}
		}
	}
	return ps
}

// ownVerbLike reports whether word i, not tagged a verb, may still be the
// verb of a pattern imported from TABARI, which matches verbs as words,
// misspelled forms included ("actxd"), unless a determiner makes them a
// noun ("the restore").
func (t *tree) ownVerbLike(i int) bool {
	switch t.s.Words[i].UPOS {
	case "NOUN", "PROPN", "ADJ", "X", "ADV":
	default:
		return false
	}
	if t.owner[i] >= 0 || t.child(i, "det") >= 0 {
		return false
	}
	return i == 0 || !strings.EqualFold(t.s.Words[i-1].Lemma, "the")
}

// passive reports whether verb i is in the passive voice.
func (t *tree) passive(i int) bool { return t.child(i, "nsubj:pass", "aux:pass") >= 0 }

// placeStates gives a sector noun with no state the state where its verb
// happens: "people blocked streets in Hong Kong" are of Hong Kong,
// "protesters in Cairo" (a place phrase on the verb) Egyptian. The
// mentions are copied before the first change.
func (t *tree) placeStates() {
	copied := false
	for i, w := range t.s.Words {
		if w.UPOS != "VERB" {
			continue
		}
		var st []mention.Mention
		for _, k := range t.kids[i] {
			switch t.rel(k) {
			case "nsubj", "nsubj:pass", "obj":
			default:
				continue
			}
			if t.owner[k] < 0 && measureNouns[strings.ToLower(t.s.Words[k].Lemma)] {
				// "hundreds of thousands of people": the people.
				for depth := 0; depth < 3 && t.owner[k] < 0; depth++ {
					of := -1
					for _, j := range t.kids[k] {
						if t.rel(j) == "nmod" && t.caseOf(j) == "of" {
							of = j
						}
					}
					if of < 0 {
						break
					}
					k = of
				}
			}
			m := t.owner[k]
			if m < 0 || t.ms[m].Kind != mention.Agent || t.ms[m].Country != "" || t.ms[m].Head != k {
				continue
			}
			if st == nil {
				// The place of the verb, of its object, or of the verb it
				// governs ("agreed to postpone the demonstration in Baku").
				for _, v := range []int{i, t.child(i, "xcomp")} {
					if v < 0 {
						continue
					}
					if st = t.stateWhere(v); len(st) == 0 {
						st = t.objectPlace(v)
					}
					if len(st) > 0 {
						break
					}
				}
				if len(st) == 0 {
					break
				}
			}
			if !copied {
				t.ms = append([]mention.Mention(nil), t.ms...)
				copied = true
			}
			t.ms[m].Country, t.ms[m].Entity, t.ms[m].Via = st[0].Country, st[0].Country, "place"
		}
	}
}

// objectPlace returns the state named in a place phrase on the object of
// verb i ("blocked streets in Hong Kong").
func (t *tree) objectPlace(i int) []mention.Mention {
	o := t.child(i, "obj")
	if o < 0 {
		return nil
	}
	for _, k := range t.kids[o] {
		if t.rel(k) != "nmod" || !placePrep(t.caseOf(k)) {
			continue
		}
		if m := t.owner[k]; m >= 0 && t.ms[m].Kind == mention.Country {
			return []mention.Mention{t.ms[m]}
		}
	}
	return nil
}

// plover returns the PLOVER coding of an event of code c by pattern p: the
// pattern's own PLOVER type when it has one and its code was kept.
func plover(c *cameo.Code, p *Pattern) event.Plover {
	pl := event.Plover{Event: c.PloverEvent, Mode: c.PloverMode, Context: c.PloverContext}
	if p.PloverEvent != "" && c.Code == p.Code {
		pl.Event, pl.Mode = p.PloverEvent, p.PloverMode
	}
	return pl
}

// violent reports whether a CAMEO code is of the violent roots: assault,
// fight, mass violence.
func violent(code string) bool {
	return strings.HasPrefix(code, "18") || strings.HasPrefix(code, "19") || strings.HasPrefix(code, "20")
}

// causeAgent returns the actor of the attack through which verb i
// happened: "killed in Israeli tank shelling", "wounded by a US drone
// strike".
func (t *tree) causeAgent(i int) []mention.Mention {
	for _, k := range t.kids[i] {
		if r := t.rel(k); r != "obl" && r != "obl:agent" || t.s.Words[k].UPOS != "NOUN" {
			continue
		}
		if c := t.caseOf(k); c != "in" && c != "by" && c != "during" {
			continue
		}
		for _, j := range t.kids[k] {
			switch t.rel(j) {
			case "nmod:poss", "amod", "compound":
				if m := t.owner[j]; m >= 0 && t.ms[m].Kind != mention.Provisional && t.ms[m].Code() != "" {
					mm := t.ms[m]
					if mm.Kind == mention.Adjective {
						mm.Sector = ""
					}
					return []mention.Mention{mm}
				}
			}
		}
	}
	return nil
}

// stateWhere returns the state named in a place phrase on verb i ("in
// central Baghdad", "outside the Iraqi city of Basra"), as a one-mention
// list, or nil.
func (t *tree) stateWhere(i int) []mention.Mention {
	var walk func(k, depth int) []mention.Mention
	walk = func(k, depth int) []mention.Mention {
		if m := t.owner[k]; m >= 0 {
			switch t.ms[m].Kind {
			case mention.Country, mention.Adjective:
				return []mention.Mention{t.ms[m]}
			}
		}
		if depth == 3 {
			return nil
		}
		for _, j := range t.kids[k] {
			switch t.rel(j) {
			case "nmod", "amod", "compound", "appos":
				if a := walk(j, depth+1); len(a) > 0 {
					return a
				}
			}
		}
		return nil
	}
	for _, k := range t.kids[i] {
		if !strings.HasPrefix(t.rel(k), "obl") {
			continue
		}
		if placePrep(t.caseOf(k)) {
			if a := walk(k, 0); len(a) > 0 {
				return a
			}
			continue
		}
		// "killed by a bomb outside the Iraqi city of Basra"
		for _, j := range t.kids[k] {
			if t.rel(j) == "nmod" && placePrep(t.caseOf(j)) {
				if a := walk(j, 0); len(a) > 0 {
					return a
				}
			}
		}
	}
	return nil
}

// placePrep reports whether a case marker ("in", "outside of") says
// where something happened.
func placePrep(c string) bool {
	first, _, _ := strings.Cut(c, " ")
	switch first {
	case "in", "near", "outside", "at", "across", "around", "inside":
		return true
	}
	return false
}
