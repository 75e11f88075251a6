package coder

import (
	"strings"

	"github.com/dyadproject/dyad/internal/mention"
)

// locative prepositions introduce places.
var locative = map[string]bool{"in": true, "at": true, "near": true, "from": true, "across": true,
	"inside": true, "outside": true, "throughout": true, "within": true, "into": true, "around": true}

// maxDepth bounds how far argument search descends through the parse.
const maxDepth = 3

// relPronouns introduce relative clauses.
var relPronouns = map[string]bool{"which": true, "that": true, "who": true, "whom": true, "whose": true}

// lightVerbs take an event noun as object and lend it their subject:
// "Iran launched attacks", "the group claimed responsibility for an attack".
var lightVerbs = map[string]bool{
	"launch": true, "carry": true, "conduct": true, "stage": true, "mount": true, "hold": true,
	"have": true, "make": true, "claim": true, "begin": true, "start": true, "continue": true,
	"intensify": true, "resume": true, "unleash": true, "undertake": true, "perform": true,
	"execute": true, "wage": true, "engage": true, "take": true, "step": true, "escalate": true,
	"extend": true, "issue": true, "offer": true, "give": true, "express": true, "sign": true,
}

// supportVerbs complete, announce or order the event their direct object
// names; their subject is its agent ("completed their withdrawal",
// "declared a ceasefire", "organized a general strike", "ordered an
// inquiry"), but only of that object, not of events named inside it
// ("ordered an inquiry into the attack" is no attack by the one who
// ordered it).
var supportVerbs = map[string]bool{
	"complete": true, "finish": true, "organize": true, "organise": true, "open": true,
	"pursue": true, "announce": true, "declare": true, "impose": true, "reimpose": true,
	"order": true, "call": true, "lead": true, "speed": true, "accelerate": true, "hasten": true,
	"expedite": true,
}

// actorsAt returns the actors that word i stands for: the mention it
// heads, the actors it is conjoined with ("Iran and Pakistan"), the owner
// of a thing that is not itself an actor ("two bases of Jaish ul-Adl",
// "the Iranian embassy's consular section"), the antecedent of a relative
// pronoun.
func (t *tree) actorsAt(i, depth int) []mention.Mention {
	if i < 0 || depth > maxDepth {
		return nil
	}
	var out []mention.Mention
	if m := t.owner[i]; m >= 0 && t.usable(&t.ms[m]) {
		a := t.ms[m]
		// A capital after "in", "to", "at" is the state as a place
		// ("protested in Beijing"), not its government.
		if c := t.caseOf(a.Head); a.Via == "capital" && (locative[c] || c == "to") {
			a.Sector = ""
		}
		out = append(out, a)
	} else {
		w := t.s.Words[i]
		switch {
		case w.UPOS == "PRON" && relPronouns[strings.ToLower(w.Lemma)]:
			// "which", "that": the noun the relative clause modifies.
			if v := t.head(i); v >= 0 && strings.HasPrefix(t.rel(v), "acl") {
				return t.actorsAt(t.head(v), depth+1)
			}
		case t.rel(i) == "appos":
			return t.actorsAt(t.head(i), depth+1)
		}
		for _, k := range t.kids[i] {
			switch t.rel(k) {
			case "nmod:poss", "compound":
			case "nmod":
				if c := t.caseOf(k); c != "of" && c != "" {
					continue
				}
			case "amod":
				// "French nationals", "Greek tanker": the adjective's country.
				if m := t.owner[k]; m >= 0 && t.ms[m].Kind == mention.Adjective {
					a := t.ms[m]
					out = append(out, a)
				}
				continue
			default:
				continue
			}
			if a := t.actorsAt(k, depth+1); len(a) > 0 {
				out = append(out, a...)
				break
			}
		}
	}
	// "Mordor, Rohan, Fornost and Bree": a list the parser may read with
	// an apposition in it.
	list := false
	for _, k := range t.kids[i] {
		list = list || t.rel(k) == "conj"
	}
	for _, k := range t.kids[i] {
		switch {
		case t.rel(k) == "conj" && t.s.Words[k].UPOS != "VERB":
			out = append(out, t.actorsAt(k, depth+1)...)
		case t.rel(k) == "appos" && list && t.listItem(i, k):
			out = append(out, t.actorsAt(k, depth+1)...)
		}
	}
	return out
}

// listItem reports whether apposition k of word i is another item of a
// list rather than a second name of i: both name states or organisations,
// different ones.
func (t *tree) listItem(i, k int) bool {
	a, b := t.owner[i], t.owner[k]
	if a < 0 || b < 0 || a == b {
		return false
	}
	state := func(m *mention.Mention) bool {
		switch m.Kind {
		case mention.Country, mention.Named, mention.Group, mention.IGO:
			return true
		}
		return false
	}
	return state(&t.ms[a]) && state(&t.ms[b]) && t.ms[a].Entity != t.ms[b].Entity
}

// usable reports whether a mention can be an event's actor.
func (t *tree) usable(m *mention.Mention) bool {
	switch m.Kind {
	case mention.Agent:
		// A sector with no country ("youth", "officials") codes no
		// actor, as in CAMEO; PLOVER keeps it ("activists staged a
		// rally": a protest by civilians).
		return m.Country != "" || t.stateless
	case mention.Provisional:
		// An unknown name after "in", "at", "near" is a place, not an actor.
		return !locative[t.caseOf(m.Head)]
	case mention.Adjective:
		// "Iranians": a demonym heading its phrase is the people.
		return t.s.Words[m.Head].UPOS == "PROPN" || t.s.Words[m.Head].UPOS == "NOUN"
	}
	return true
}

// verbSource returns the actors of verb i's subject; climbing to the verb
// it coordinates with, the clause it completes or the noun its relative
// clause modifies when it has none. A subject that names an event ("an
// attack killed …") gives the event's agent.
func (t *tree) verbSource(i int) []mention.Mention { return t.verbSourceDepth(i, 0) }

func (t *tree) verbSourceDepth(i, depth int) []mention.Mention {
	if i < 0 || depth > maxDepth {
		return nil
	}
	if t.child(i, "nsubj:pass", "aux:pass") >= 0 {
		for _, k := range t.kids[i] {
			if (t.rel(k) == "obl" || t.rel(k) == "obl:agent") && t.caseOf(k) == "by" {
				return t.actorsAt(k, 0)
			}
		}
		// "Serb forces were engaged in ethnic cleansing": a state, not
		// a passive; the subject is the agent.
		if stativePassive[strings.ToLower(t.s.Words[i].Lemma)] {
			if s := t.child(i, "nsubj:pass"); s >= 0 {
				return t.actorsAt(s, 0)
			}
		}
		return nil
	}
	if s := t.child(i, "nsubj"); s >= 0 {
		if a := t.actorsAt(s, 0); len(a) > 0 {
			return a
		}
		if t.s.Words[s].UPOS == "NOUN" {
			return t.nounSourceDepth(s, depth+1)
		}
		return nil
	}
	h := t.head(i)
	switch t.rel(i) {
	case "advcl":
		// "jailed a student for helping militants", "thanked Pakistan
		// for helping": the one the verb acts on did it.
		if t.marked(i, "for", "of") || t.caseOf(i) == "for" || t.caseOf(i) == "of" {
			if o := t.child(h, "obj"); o >= 0 {
				if a := t.actorsAt(o, 0); len(a) > 0 {
					return a
				}
			}
		}
		return t.verbSourceDepth(h, depth+1)
	case "conj", "xcomp":
		return t.verbSourceDepth(h, depth+1)
	case "acl", "acl:relcl":
		return t.actorsAt(h, 0)
	case "root":
		return t.strandedSubject(i)
	}
	return nil
}

// stativePassive are participles that name the subject's own activity
// ("were engaged in fighting", "is involved in smuggling").
var stativePassive = map[string]bool{"engage": true, "involve": true}

// strandedSubject finds the subject of a main verb the parser left
// without one ("Pakistan today threatened …" parsed with Pakistan as a
// compound of "today"): the closest actor before the verb that no
// preposition introduces and that is not the object of another verb.
func (t *tree) strandedSubject(v int) []mention.Mention {
	for i := len(t.ms) - 1; i >= 0; i-- {
		m := &t.ms[i]
		if m.Last > v || !t.usable(m) {
			continue
		}
		if t.caseOf(m.Head) != "" {
			return nil
		}
		switch t.rel(m.Head) {
		case "obj", "iobj", "obl", "nmod", "nmod:poss", "appos", "conj":
			return nil
		}
		for j := m.Last; j < v; j++ {
			if t.s.Words[j].UPOS == "VERB" || t.s.Words[j].UPOS == "PUNCT" {
				return nil
			}
		}
		return []mention.Mention{*m}
	}
	return nil
}

// verbTarget returns the target of verb i matched by pattern p whose
// object noun is obj, and how it was reached.
func (t *tree) verbTarget(i, obj int, p *Pattern) ([]mention.Mention, string) {
	preps := p.Preps
	if preps == nil {
		preps = defaultPreps
	}
	if obj >= 0 {
		if p.Obj == nil {
			if a := t.actorsAt(obj, 0); len(a) > 0 && !(p.Blame && t.relPronoun(obj)) {
				return a, "object"
			}
			if p.Blame {
				if a := t.blamed(i, obj); len(a) > 0 {
					return a, "agent of the object"
				}
			}
		}
		for _, k := range t.kids[obj] {
			if t.rel(k) == "nmod" && in(preps, t.caseOf(k)) {
				if a := t.actorsAt(k, 0); len(a) > 0 {
					return a, "object's " + t.caseOf(k)
				}
			}
		}
		// "warned Iran of countermeasures": the indirect object comes
		// before the owner of the object.
		if k := t.child(i, "iobj"); k >= 0 {
			if a := t.actorsAt(k, 0); len(a) > 0 {
				return a, "indirect object"
			}
		}
		// "pressed Iran for a ceasefire": the direct object of a verb
		// whose pattern names a prepositional phrase ("two Americans were
		// put under investigation": the subject of the passive).
		if p.ObjCase != "" {
			if o := t.child(i, "obj", "nsubj:pass"); o >= 0 {
				if a := t.actorsAt(o, 0); len(a) > 0 {
					return a, "object"
				}
			}
		}
		// "expelled two British diplomats", "rejected Turkey's proposal":
		// the owner of the object the pattern names.
		if p.Obj != nil {
			if a := t.actorsAt(obj, 0); len(a) > 0 {
				return a, "object's owner"
			}
		}
	}
	if k := t.child(i, "iobj"); k >= 0 {
		if a := t.actorsAt(k, 0); len(a) > 0 {
			return a, "indirect object"
		}
	}
	for _, prep := range preps {
		for _, k := range t.kids[i] {
			if (t.rel(k) == "obl" || t.rel(k) == "obl:to") && t.caseOf(k) == prep {
				if a := t.actorsAt(k, 0); len(a) > 0 {
					return a, prep
				}
			}
		}
	}
	// "demanded that the Sudanese government end curbs": the subject of
	// the clause the verb governs.
	if x := t.child(i, "ccomp"); x >= 0 {
		if sj := t.child(x, "nsubj"); sj >= 0 {
			if a := t.actorsAt(sj, 0); len(a) > 0 {
				return a, "subject of the complement"
			}
		}
	}
	// "urged X to …", "threatened to attack X": the object of the
	// infinitive the verb governs.
	if x := t.child(i, "xcomp"); x >= 0 {
		if o := t.child(x, "obj"); o >= 0 {
			if a := t.actorsAt(o, 0); len(a) > 0 {
				return a, "object of the infinitive"
			}
		}
	}
	// A preposition the parser left without its object ("strikes against,
	// what it called were, bases of …"): the next noun the parser hangs
	// on the verb is that object.
	for _, k := range t.kids[i] {
		w := t.s.Words[k]
		if w.UPOS != "ADP" || !in(preps, w.Lemma) {
			continue
		}
		for n := k + 1; n < len(t.s.Words); n++ {
			if t.head(n) == i && (t.s.Words[n].UPOS == "NOUN" || t.s.Words[n].UPOS == "PROPN") {
				if a := t.actorsAt(n, 0); len(a) > 0 {
					return a, w.Lemma + " (reattached)"
				}
				break
			}
		}
	}
	return nil, ""
}

// relPronoun reports whether word i is a relative pronoun.
func (t *tree) relPronoun(i int) bool {
	return t.s.Words[i].UPOS == "PRON" && relPronouns[strings.ToLower(t.s.Words[i].Lemma)]
}

// blamed returns whom a criticism, condemnation or accusation by verb v
// with object obj is aimed at: the agent of the event the object names
// ("condemned the attack by X"); for a relative pronoun ("strikes …
// which Tehran slammed"), the agent of the event it refers to: its
// antecedent when that is an event, else the closest event before it.
func (t *tree) blamed(v, obj int) []mention.Mention {
	if !t.relPronoun(obj) {
		return t.nounSource(obj)
	}
	ante := -1
	if h := t.head(v); h >= 0 && strings.HasPrefix(t.rel(v), "acl") {
		ante = h
	}
	if ante >= 0 && t.eventNoun(ante) {
		return t.nounSource(ante)
	}
	for n := obj - 1; n >= 0; n-- {
		if t.eventNoun(n) {
			if a := t.nounSource(n); len(a) > 0 {
				return a
			}
		}
	}
	if ante >= 0 {
		return t.actorsAt(ante, 0)
	}
	return nil
}

// nounSource returns the agent of event noun i: "by X", "X's", "Israeli",
// or the subject of the light verb that takes it ("Iran launched attacks")
// or of the clause it sets ("in a telephone conversation with …, Raisi
// said").
func (t *tree) nounSource(i int) []mention.Mention { return t.nounSourceDepth(i, 0) }

func (t *tree) nounSourceDepth(i, depth int) []mention.Mention {
	if depth > maxDepth {
		return nil
	}
	if a := t.byAgent(i, 0); len(a) > 0 {
		return a
	}
	for _, k := range t.kids[i] {
		switch t.rel(k) {
		case "nmod:poss", "amod", "compound":
			// An unknown name before an event noun is mostly its place or
			// its name ("the Jeddah talks"), not its agent.
			if m := t.owner[k]; m >= 0 && (t.ms[m].Kind != mention.Provisional || t.rel(k) == "nmod:poss") {
				mm := t.ms[m]
				if mm.Kind == mention.Adjective {
					mm.Sector = ""
				}
				return []mention.Mention{mm}
			}
		}
	}
	h := t.head(i)
	if h < 0 {
		return nil
	}
	hw := t.s.Words[h]
	switch rel := t.rel(i); {
	case rel == "obj" && (lightVerbs[strings.ToLower(hw.Lemma)] || supportVerbs[strings.ToLower(hw.Lemma)]):
		return t.verbSourceDepth(h, depth+1)
	case rel == "obl" && hw.UPOS == "VERB":
		switch t.caseOf(i) {
		case "in", "during", "at", "for":
			// "in a telephone conversation, Raisi …", "return to
			// Geneva for talks": the clause's subject takes part.
			return t.verbSourceDepth(h, depth+1)
		}
		if lightVerbs[strings.ToLower(hw.Lemma)] {
			return t.verbSourceDepth(h, depth+1)
		}
	case rel == "nmod" && hw.UPOS == "NOUN":
		// "claimed responsibility for an attack"
		if g := t.head(h); g >= 0 && t.rel(h) == "obj" && lightVerbs[strings.ToLower(t.s.Words[g].Lemma)] {
			return t.verbSourceDepth(g, depth+1)
		}
	case rel == "conj":
		return t.nounSourceDepth(h, depth+1)
	case rel == "compound" && hw.UPOS == "NOUN" && h > i && !t.eventNoun(h):
		// "launched a mediation effort": the phrase's head, which names
		// no event of its own, carries the event's arguments.
		return t.nounSourceDepth(h, depth+1)
	case rel == "appos":
		// "Raisi, in a telephone conversation with …,": the phrase the
		// event is set beside takes part in it.
		return t.actorsAt(h, 0)
	case (rel == "obl" || rel == "nmod") && (t.caseOf(i) == "in" || t.caseOf(i) == "during"):
		// The same, with the phrase attached to the actor's noun.
		if t.owner[h] >= 0 {
			return t.actorsAt(h, 0)
		}
	}
	return nil
}

// nounTarget returns the target of event noun i: the object of one of the
// pattern's prepositions attached to it.
func (t *tree) nounTarget(i int, p *Pattern) ([]mention.Mention, string) {
	if h := t.head(i); h > i && t.rel(i) == "compound" && t.s.Words[h].UPOS == "NOUN" && !t.eventNoun(h) {
		// "a mediation effort between X and Y": see nounSourceDepth.
		i = h
	}
	preps := p.Preps
	if preps == nil {
		preps = defaultPreps
	}
	for _, prep := range preps {
		for _, k := range t.kids[i] {
			if t.rel(k) == "nmod" && t.caseOf(k) == prep {
				if a := t.actorsAt(k, 0); len(a) > 0 {
					return a, prep
				}
			}
		}
	}
	// The phrase attached lower by the parser: "an attack by the group on
	// a police station" with "on" under "group".
	for _, prep := range preps {
		for _, k := range t.kids[i] {
			if t.rel(k) != "nmod" {
				continue
			}
			for _, g := range t.kids[k] {
				if t.rel(g) == "nmod" && t.caseOf(g) == prep {
					if a := t.actorsAt(g, 0); len(a) > 0 {
						return a, prep + " (reattached)"
					}
				}
			}
		}
	}
	// "talks with X" parsed with the phrase on the verb.
	if h := t.head(i); h >= 0 && (t.rel(i) == "obj" || t.rel(i) == "obl") {
		for _, prep := range preps {
			for _, k := range t.kids[h] {
				if t.rel(k) == "obl" && t.caseOf(k) == prep && k > i {
					if a := t.actorsAt(k, 0); len(a) > 0 {
						return a, prep
					}
				}
			}
		}
	}
	return nil, ""
}

// byAgent returns the actors of a "by" phrase of noun i, also when the
// parse attaches it lower, to a noun of i's own phrases ("the attack on the
// embassy's consular section in Damascus by the Zionist regime").
func (t *tree) byAgent(i, depth int) []mention.Mention {
	if depth > 2 {
		return nil
	}
	for _, k := range t.kids[i] {
		if t.rel(k) == "nmod" && t.caseOf(k) == "by" {
			if a := t.actorsAt(k, 0); len(a) > 0 {
				return a
			}
		}
	}
	for _, k := range t.kids[i] {
		if t.rel(k) == "nmod" && t.s.Words[k].UPOS == "NOUN" {
			if a := t.byAgent(k, depth+1); len(a) > 0 {
				return a
			}
		}
	}
	return nil
}
