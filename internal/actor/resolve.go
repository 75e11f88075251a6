package actor

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/mention"
)

// Resolver finds actor mentions in parsed sentences. It is immutable and
// safe for concurrent use.
type Resolver struct {
	kb *KB
}

// NewResolver returns a resolver over kb.
func NewResolver(kb *KB) *Resolver { return &Resolver{kb: kb} }

// KB returns the resolver's knowledge base.
func (r *Resolver) KB() *KB { return r.kb }

// ContextWindow is how many sentences back a pronoun, "the group" or a
// sector noun without a country looks for its antecedent.
const ContextWindow = 3

// Resolve returns the actor mentions of every sentence of d, sorted by
// position. date is the story date: titles and surnames resolve to the
// people in office on that day.
func (r *Resolver) Resolve(d *doc.Document, date time.Time) [][]mention.Mention {
	return r.ResolveWith(d, date, nil)
}

// ResolveWith is Resolve reusing the name lookups that Candidates made for
// each sentence of d (cs[i] for sentence i, from the same words: parsing
// in between changes no form or lemma). With cs nil or of another length
// it looks the names up anew.
func (r *Resolver) ResolveWith(d *doc.Document, date time.Time, cs []Candidates) [][]mention.Mention {
	if len(cs) != len(d.Sentences) {
		cs = nil
	}
	out := make([][]mention.Mention, len(d.Sentences))
	for i := range d.Sentences {
		var lk *lookup
		if cs != nil {
			lk = cs[i].look
		}
		out[i] = r.sentenceWith(&d.Sentences[i], date, lk)
	}
	// "ISLAMABAD/PENTAGON — A United States military plane …": the
	// dateline names where the story was filed, not an actor. It opens
	// the story, after the headline when there is one.
	for i := 0; i < len(out) && i < 2; i++ {
		if end := dateline(&d.Sentences[i]); end > 0 {
			kept := out[i][:0]
			for _, m := range out[i] {
				if m.First >= end {
					kept = append(kept, m)
				}
			}
			out[i] = kept
		}
	}
	r.anaphora(d, out, date)
	return out
}

// Candidates is what a tagged, unparsed sentence offers actor
// resolution: whether it names an actor of the knowledge base, whether it
// has a sector noun, and how many actors it may mention at most.
type Candidates struct {
	// Named: the sentence names a state, person, organisation, group or
	// named actor of the knowledge base.
	Named bool
	// Sector: it has a sector noun ("police", "officials"), which needs a
	// country from the sentences around it unless one is named.
	Sector bool
	// Refers: it has a pronoun or noun that may stand for actors named
	// before ("he", "the group", "the two countries").
	Refers bool
	// Max bounds the number of actors resolution can find in the
	// sentence once parsed: names, sector nouns, runs of proper nouns and
	// the actors referring words may bring from sentences before (two for
	// "both countries"; see refers). Parsing merges and drops mentions and
	// adds none, so a sentence with Max < 2 holds no dyad.
	Max int

	look *lookup // the sentence's words and name matches, for ResolveWith
}

// lookup is what the name and agent indexes find in a sentence.
type lookup struct {
	keys, lemmas, raw []string
	glued             []bool
	names, agents     []match
}

// look finds the names and agent nouns of a sentence.
func (r *Resolver) look(s *doc.Sentence) *lookup {
	lk := &lookup{}
	lk.keys, lk.lemmas, lk.raw, lk.glued = words(s)
	lk.names = r.kb.names.find(lk.keys, lk.raw, lk.glued)
	lk.agents = r.kb.agents.find(lk.lemmas, lk.raw, lk.glued)
	return lk
}

// members is the most actors a name with these entries stands for: one,
// or the parts of an imported compound code ("ELR/GAL").
func (r *Resolver) members(es []entry) int {
	most := 1
	for _, e := range es {
		if n := r.kb.Named[e.id]; e.kind == kindNamed && n != nil {
			for _, c := range n.Codes {
				most = max(most, strings.Count(c.Code, "/")+1)
			}
		}
	}
	return most
}

// Candidates reports, for a tagged sentence, what actor resolution may
// find in it once parsed (see Candidates), so that sentences that cannot
// hold an event need not be parsed.
func (r *Resolver) Candidates(s *doc.Sentence) Candidates {
	lk := r.look(s)
	c := Candidates{look: lk}
	covered := make([]bool, len(s.Words))
	for _, m := range lk.names {
		c.Named = true
		c.Max += r.members(m.entries)
		for j := m.first; j < m.last; j++ {
			covered[j] = true
		}
	}
	for _, m := range lk.agents {
		c.Sector = true
		if last := s.Words[m.last-1].UPOS; anyCovered(covered, m.first, m.last) || last != "NOUN" && last != "PROPN" {
			continue
		}
		c.Max++
		for j := m.first; j < m.last; j++ {
			covered[j] = true
		}
	}
	// Provisional actors are runs of proper nouns that are not names
	// (see provisional); a run can only grow once parsed, so counting
	// runs of tagged proper nouns bounds their number.
	pair := false
	for i := range s.Words {
		if f := strings.ToLower(s.Words[i].Form); f == "both" || f == "two" {
			pair = true
		}
	}
	inRun := false
	for i := range s.Words {
		w := &s.Words[i]
		if ok, n := refers(w, pair); ok {
			c.Refers = true
			c.Max += n
		}
		run := !covered[i] && w.UPOS == "PROPN" && !notNames[strings.ToLower(w.Form)]
		if run && !inRun {
			c.Max++
		}
		inRun = run
	}
	return c
}

// words returns, for the words of s, their normalized forms and lemmas,
// their forms as written, and whether each is glued to the next (no space
// between), as the name indexes read them.
func words(s *doc.Sentence) (keys, lemmas, raw []string, glued []bool) {
	n := len(s.Words)
	keys, lemmas, raw, glued = make([]string, n), make([]string, n), make([]string, n), make([]bool, n)
	for i, w := range s.Words {
		raw[i], keys[i], lemmas[i] = w.Form, norm(w.Form), norm(w.Lemma)
		glued[i] = i+1 < n && w.Span.End >= s.Words[i+1].Span.Start
	}
	return keys, lemmas, raw, glued
}

// sentence finds the names, titles and sector nouns of one sentence.
func (r *Resolver) sentence(s *doc.Sentence, date time.Time) []mention.Mention {
	return r.sentenceWith(s, date, nil)
}

// sentenceWith is sentence with the sentence's lookup made before, or nil.
func (r *Resolver) sentenceWith(s *doc.Sentence, date time.Time, lk *lookup) []mention.Mention {
	n := len(s.Words)
	if lk == nil || len(lk.keys) != n {
		lk = r.look(s)
	}
	var ms []mention.Mention
	covered := make([]bool, n)
	for _, m := range lk.names {
		if k := m.entries[0].kind; (k == kindCountry || k == kindCapital || k == kindMetonym || k == kindAdjective) && placeAfter(s, m.last) {
			// "the South China Sea", "the Indian Ocean": a place named
			// after a state is not the state.
			first := m.first
			for first > 0 && !covered[first-1] && s.Words[first-1].UPOS == "PROPN" {
				first-- // "South" of "South China Sea"
			}
			for j := first; j <= m.last; j++ {
				covered[j] = true
			}
			continue
		}
		mm, ok := r.fromName(m, s, date)
		if !ok {
			continue
		}
		ms = append(ms, mm)
		for j := m.first; j < m.last; j++ {
			covered[j] = true
		}
	}
	for _, m := range lk.agents {
		if anyCovered(covered, m.first, m.last) {
			continue
		}
		last := s.Words[m.last-1]
		if last.UPOS != "NOUN" && last.UPOS != "PROPN" {
			continue
		}
		a := r.kb.Agents[m.entries[0].id]
		if !a.Names(last) {
			continue
		}
		ms = append(ms, mention.Mention{First: m.first, Last: m.last, Kind: mention.Agent,
			Sector: a.Sector, Office: a.Office, Name: a.Lemma, Via: "name"})
		for j := m.first; j < m.last; j++ {
			covered[j] = true
		}
	}
	ms = append(ms, provisional(s, covered)...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].First < ms[j].First })
	ms = r.hyphenCompounds(ms, s)
	ms = r.compose(ms, s, date)
	for i := range ms {
		m := &ms[i]
		m.Head = head(s, m.First, m.Last)
		m.Span = doc.Span{Start: s.Words[m.First].Span.Start, End: s.Words[m.Last-1].Span.End}
		for k := range m.Members {
			m.Members[k].First, m.Members[k].Last, m.Members[k].Head, m.Members[k].Span = m.First, m.Last, m.Head, m.Span
		}
	}
	return ms
}

func anyCovered(c []bool, first, last int) bool {
	for j := first; j < last; j++ {
		if c[j] {
			return true
		}
	}
	return false
}

// fromName turns a name match into a mention; ok is false when the match
// is not an actor here.
func (r *Resolver) fromName(m match, s *doc.Sentence, date time.Time) (mention.Mention, bool) {
	mm := mention.Mention{First: m.first, Last: m.last, Via: "name"}
	e := m.entries[0]
	if e.kind == kindPerson && len(m.entries) > 1 {
		e = r.pickPerson(m.entries, date)
	}
	switch e.kind {
	case kindCountry, kindCapital, kindMetonym:
		c := r.kb.Countries[e.id]
		mm.Kind, mm.Entity, mm.Name, mm.Country, mm.Sector = mention.Country, c.Code, c.Name, c.Code, e.sector
		switch e.kind {
		case kindCapital:
			mm.Via = "capital"
		case kindMetonym:
			mm.Via = "metonym"
		}
	case kindAdjective:
		c := r.kb.Countries[e.id]
		mm.Kind, mm.Entity, mm.Name, mm.Country = mention.Adjective, c.Code, c.Name, c.Code
	case kindPerson:
		p := r.kb.People[e.id]
		mm.Kind, mm.Entity, mm.Name, mm.Sector = mention.Person, p.ID, p.Name, "GOV"
		t, ok := p.Office(date)
		if !ok {
			t = p.Terms[len(p.Terms)-1] // the latest office they held
			for _, u := range p.Terms {
				if !u.Start.After(date) {
					t = u
				}
			}
		} else {
			mm.Office = t.Office
		}
		mm.Country = t.Country
		if o := r.kb.Orgs[t.Country]; o != nil && r.kb.Countries[t.Country] == nil {
			// An organisation's officer acts for it ("Guterres" → IGOUNO).
			mm.Country, mm.Sector, mm.CAMEO = "", o.Sector, o.CAMEO
		}
	case kindIGO, kindGroup:
		o := r.kb.Orgs[e.id]
		mm.Kind, mm.Entity, mm.Name, mm.Sector, mm.CAMEO = mention.IGO, o.Code, o.Name, o.Sector, o.CAMEO
		if o.Group {
			mm.Kind = mention.Group
			if len(o.Countries) > 0 {
				mm.Country = o.Countries[0]
			}
		}
	case kindNamed:
		n := r.kb.Named[e.id]
		code := n.CodeOn(date)
		if code == "" || code == "---" {
			return mm, false
		}
		mm.Kind, mm.Entity, mm.Name, mm.CAMEO = mention.Named, n.ID, n.Name, code
		if codes := strings.Split(code, "/"); len(codes) > 1 {
			// A compound code: one actor of each.
			for _, c := range codes {
				x := mm
				x.Entity, x.CAMEO = n.ID+"/"+c, c
				x.Country, x.Sector = splitCode(c)
				mm.Members = append(mm.Members, x)
			}
			mm.CAMEO = codes[0]
		}
		mm.Country, mm.Sector = splitCode(mm.CAMEO)
	default:
		return mm, false
	}
	// A one-word name the tagger reads as a common word or a verb ("chad",
	// "turkey" in lower case) is not a name here, nor is a surname that is
	// a month in a date ("from 1 May", "May 2024", "in May").
	if m.last-m.first == 1 {
		w := s.Words[m.first]
		if w.Form == strings.ToLower(w.Form) && mm.Kind != mention.Adjective && mm.Kind != mention.IGO {
			return mm, false
		}
		if mm.Kind == mention.Person && inDate(s, m.first) {
			return mm, false
		}
	}
	return mm, true
}

// pickPerson chooses among people sharing a name: one in office on the
// story date, else the one whose last office ended most recently before it.
func (r *Resolver) pickPerson(es []entry, date time.Time) entry {
	best, bestEnd := entry{}, time.Time{}
	for _, e := range es {
		if e.kind != kindPerson {
			continue
		}
		p := r.kb.People[e.id]
		if _, ok := p.Office(date); ok {
			return e
		}
		for _, t := range p.Terms {
			end := t.End
			if end.IsZero() {
				end = date
			}
			if !t.Start.After(date) && end.After(bestEnd) {
				best, bestEnd = e, end
			}
		}
		if best.id == "" {
			best = e
		}
	}
	return best
}

// compose joins titles to the names they precede ("President Raisi"),
// gives sector nouns the country of their modifiers ("Pakistani troops",
// "Iran's foreign minister", "the army of Pakistan") and resolves titles
// with a country to the office holder on the story date ("the Iranian
// president").
func (r *Resolver) compose(ms []mention.Mention, s *doc.Sentence, date time.Time) []mention.Mention {
	drop := make([]bool, len(ms))
	// "Omar El Bashir": unknown given names before a known person's
	// surname are part of that person's name.
	// A given name the person does not bear, before a surname alone, is
	// someone else of that surname ("Oskar Fischer" is not Joschka
	// Fischer): an unknown name.
	for i := 0; i+1 < len(ms); i++ {
		a, b := &ms[i], &ms[i+1]
		if a.Kind == mention.Provisional && b.Kind == mention.Person && a.Last == b.First && a.Office == "" {
			surnameOnly := b.Last-b.First == 1
			b.First = a.First
			drop[i] = true
			if p := r.kb.People[b.Entity]; p != nil && surnameOnly && !bears(p, s.Words[a.First:a.Last]) {
				name := joinForms(s.Words[a.First:b.Last])
				*b = mention.Mention{First: a.First, Last: b.Last, Kind: mention.Provisional,
					Entity: "?" + norm(name), Name: name, Via: "name", Human: true}
			}
		}
	}
	// "Bosnian Serbs", "Iraqi Kurds": a people named after the state they
	// live in belongs to that state.
	for i := 0; i+1 < len(ms); i++ {
		a, b := &ms[i], &ms[i+1]
		if a.Kind != mention.Adjective || a.Last != b.First || drop[i] {
			continue
		}
		if hw := s.Words[b.Last-1]; hw.UPOS != "PROPN" && hw.UPOS != "NOUN" {
			continue
		}
		switch b.Kind {
		case mention.Adjective, mention.Provisional:
			b.First, b.Country, b.Via = a.First, a.Country, "name"
			if b.Kind == mention.Adjective {
				b.Kind, b.Entity, b.Name = mention.Country, a.Entity, a.Name
			}
			drop[i] = true
		}
	}
	// "ethnic Albanians in south Serbia", "the Albanians of southern
	// Serbia": an ethnic people named with the state it lives in is of
	// that state.
	for i := range ms {
		m := &ms[i]
		if drop[i] || m.Kind != mention.Adjective || s.Words[m.Last-1].UPOS == "ADJ" {
			continue
		}
		ethnic := m.First > 0 && strings.EqualFold(s.Words[m.First-1].Form, "ethnic")
		for j := range ms {
			c := &ms[j]
			if j == i || drop[j] || c.Kind != mention.Country || c.Via != "name" || c.First < m.Last {
				continue
			}
			h := s.Words[head(s, c.First, c.Last)]
			if h.Head-1 < m.First || h.Head-1 >= m.Last || base(h.Deprel) != "nmod" {
				continue
			}
			if cs := caseWord(s, head(s, c.First, c.Last)); cs == "of" || cs == "in" && ethnic {
				m.Kind, m.Entity, m.Name, m.Country, m.Sector = mention.Agent, c.Entity, c.Name, c.Country, "ETH"
				if ethnic {
					m.First--
				}
				break
			}
		}
	}
	for i := range ms {
		if drop[i] {
			continue
		}
		m := &ms[i]
		if m.Kind != mention.Agent {
			continue
		}
		// A title directly before a person: the person, with the title.
		next := i + 1
		for next < len(ms) && drop[next] {
			next++
		}
		if m.Office != "" && next < len(ms) && ms[next].First == m.Last &&
			(ms[next].Kind == mention.Person || ms[next].Kind == mention.Provisional) {
			p := &ms[next]
			p.First = m.First
			drop[i] = true
			// "Iranian President Raisi": the adjective joins too.
			country := ""
			if i > 0 && (ms[i-1].Kind == mention.Adjective || ms[i-1].Kind == mention.Country) &&
				ms[i-1].Last <= m.First && gapIsModifiers(s, ms[i-1].Last, m.First) && m.First-ms[i-1].Last <= 2 {
				p.First = ms[i-1].First
				drop[i-1] = true
				country = ms[i-1].Country
			}
			// A known name whose office is in another state than the
			// title says is someone else of that name ("Spanish Prime
			// Minister Pedro Sánchez" is not Colombia's minister).
			if p.Kind == mention.Person && country != "" && p.Country != country {
				p.Kind, p.Entity = mention.Provisional, "?"+norm(p.Name)
			}
			// An unknown name with a title is an official of the
			// title's country ("Pakistani Foreign Minister X").
			if p.Kind == mention.Provisional {
				p.Country, p.Sector, p.Office, p.Via, p.Human = country, m.Sector, m.Office, "title", true
			}
			continue
		}
		// "al-Shabab terrorists", "BLA insurgents": a group or
		// organisation directly before the sector noun is the actor.
		if j := i - 1; j >= 0 && !drop[j] && (ms[j].Kind == mention.Group || ms[j].Kind == mention.IGO) &&
			ms[j].Last == m.First && m.Office == "" {
			g := ms[j]
			g.Last = m.Last
			*m = g
			drop[j] = true
			continue
		}
		// The country of a sector noun: an adjective or country before it
		// in its phrase, or one that the parse attaches to it.
		for j := range ms {
			if j == i || drop[j] || (ms[j].Kind != mention.Adjective && ms[j].Kind != mention.Country && ms[j].Kind != mention.Named) {
				// "the government of President Avril", "Museveni's
				// government": a leader's government is of the leader's
				// state (the leader stays an actor of their own).
				if j != i && !drop[j] && ms[j].Kind == mention.Person && ms[j].Country != "" &&
					governmentNoun[m.Name] && modifies(s, &ms[j], m) {
					setCountry(m, &ms[j])
					break
				}
				continue
			}
			if !modifies(s, &ms[j], m) {
				continue
			}
			setCountry(m, &ms[j])
			if ms[j].Last <= m.First && gapIsModifiers(s, ms[j].Last, m.First) {
				m.First = ms[j].First
				drop[j] = true
			} else if ms[j].Kind == mention.Adjective {
				drop[j] = true
			}
			// "the ambassadors of France, Germany and Italy": one
			// agent of each state.
			for _, k := range conjuncts(s, ms, j) {
				if x := &ms[k]; x.Kind == mention.Country || x.Kind == mention.Adjective || x.Kind == mention.Named {
					cm := *m
					setCountry(&cm, x)
					if cm.Country != "" && cm.Country != m.Country {
						m.Members = append(m.Members, cm)
					}
				}
			}
			break
		}
		if m.Country != "" {
			if len(m.Members) > 0 {
				first := *m
				first.Members = nil
				m.Members = append([]mention.Mention{first}, m.Members...)
			}
			r.ofCountry(m, date)
			for k := range m.Members {
				r.ofCountry(&m.Members[k], date)
			}
		}
	}
	// A sector noun with no state is of the state of the place it is of
	// ("the mayor of the West Bank city of Nablus") or of the body it is
	// from ("doctors from two American aid groups", "officials of the
	// Iranian embassy").
	for i := range ms {
		m := &ms[i]
		if drop[i] || m.Kind != mention.Agent || m.Country != "" {
			continue
		}
		c := placeState(s, ms, drop, head(s, m.First, m.Last))
		if c == nil {
			c = bodyState(s, ms, drop, i)
		}
		if c != nil {
			setCountry(m, c)
			r.ofCountry(m, date)
		}
	}
	// "Lawmakers and officials in France": conjoined sector nouns share
	// the modifiers of the first, as UD attaches shared dependents to the
	// first conjunct.
	for i := range ms {
		m := &ms[i]
		if drop[i] || m.Kind != mention.Agent || m.Country != "" || m.Members != nil {
			continue
		}
		h := head(s, m.First, m.Last)
		if s.Words[h].Deprel != "conj" {
			continue
		}
		for j := range ms {
			f := &ms[j]
			if j == i || drop[j] || f.Country == "" || f.Sector == "" || head(s, f.First, f.Last) != s.Words[h].Head-1 {
				continue
			}
			if f.Kind != mention.Agent && !(f.Kind == mention.Person && f.Via == "title") {
				continue
			}
			m.Country, m.CAMEO = f.Country, ""
			if f.CAMEO != "" {
				m.CAMEO = f.Country + m.Sector
			}
			for _, fm := range f.Members {
				cm := *m
				cm.Country, cm.CAMEO, cm.Members = fm.Country, "", nil
				if fm.CAMEO != "" {
					cm.CAMEO = fm.Country + m.Sector
				}
				m.Members = append(m.Members, cm)
			}
			r.ofCountry(m, date)
			for k := range m.Members {
				r.ofCountry(&m.Members[k], date)
			}
			break
		}
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// ledBy are the words after "X-" that make X the one who leads or holds
// the noun ("the Saudi-led coalition", "Kurdish-controlled areas"), and
// backedBy those that make X only its sponsor or ally ("Iran-backed
// militias", "Russia-linked hackers"): the noun is not X's.
var (
	ledBy    = map[string]bool{"led": true, "controlled": true, "dominated": true, "run": true, "commanded": true, "ruled": true, "held": true}
	backedBy = map[string]bool{"backed": true, "sponsored": true, "supported": true, "funded": true, "financed": true,
		"allied": true, "aligned": true, "linked": true, "affiliated": true, "inspired": true, "trained": true,
		"armed": true, "friendly": true, "leaning": true}
)

// hyphenCompounds reads states in hyphenated modifiers: "the Saudi-led
// coalition" is Saudi Arabia's (a sector noun takes the state; another
// noun becomes a mention of it), while in "Iran-backed militias" Iran is
// only the sponsor and no actor of the phrase.
func (r *Resolver) hyphenCompounds(ms []mention.Mention, s *doc.Sentence) []mention.Mention {
	n := len(s.Words)
	glued := func(j int) bool { return j+1 < n && s.Words[j].Span.End == s.Words[j+1].Span.Start }
	drop := make([]bool, len(ms))
	for i := range ms {
		x := &ms[i]
		if x.Kind != mention.Country && x.Kind != mention.Adjective && x.Kind != mention.Named {
			continue
		}
		h := x.Last // the hyphen
		if h+1 >= n || s.Words[h].Form != "-" || !glued(h-1) || !glued(h) {
			continue
		}
		w := strings.ToLower(s.Words[h+1].Form)
		if !ledBy[w] && !backedBy[w] {
			continue
		}
		// The noun the compound modifies: its head in the parse, else the
		// next noun across adjectives.
		k := h + 2
		if hd := s.Words[h+1].Head - 1; hd > h+1 && hd < h+6 {
			k = hd
		} else {
			for k < n && k < h+5 && s.Words[k].UPOS == "ADJ" {
				k++
			}
		}
		// "US-led tsunami aid coalition": up the compound to its head.
		for k < n && s.Words[k].Deprel == "compound" && s.Words[k].Head-1 > k && s.Words[k].Head-1 < k+4 {
			k = s.Words[k].Head - 1
		}
		if k >= n || (s.Words[k].UPOS != "NOUN" && s.Words[k].UPOS != "PROPN") {
			continue
		}
		if backedBy[w] {
			drop[i] = true
			continue
		}
		owner := -1
		for j := range ms {
			if ms[j].First <= k && k < ms[j].Last {
				owner = j
			}
		}
		switch {
		case owner >= 0 && ms[owner].Kind == mention.Agent && ms[owner].Country == "":
			m := &ms[owner]
			setCountry(m, x) // compose completes it (ofCountry)
			m.First = x.First
			drop[i] = true
		case owner < 0:
			// "the Saudi-led coalition": the state.
			x.Last = k + 1
			if x.Kind == mention.Adjective {
				x.Kind, x.Entity = mention.Country, x.Country
				if c := r.kb.Countries[x.Country]; c != nil {
					x.Name = c.Name
				}
			}
			x.Via = "led"
		}
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// setCountry gives sector mention m the state of mention x, a country,
// adjective or named actor. An imported actor's whole code prefixes the
// sector ("CAL" + "GOV"), as in TABARI and PETRARCH, unless it ends with
// it already ("Washington" USAGOV + officials).
func setCountry(m, x *mention.Mention) {
	m.Country = x.Country
	if x.Kind == mention.Named {
		m.Country, m.CAMEO = x.CAMEO, x.CAMEO+m.Sector
		if strings.HasSuffix(x.CAMEO, m.Sector) && len(x.CAMEO) > 3 {
			m.CAMEO = x.CAMEO
		}
	}
}

// bears reports whether the words given, written before a surname of
// person p, end with a name p bears (in its name or an alias), an initial
// of one, or an honorific, after any name particles ("Omar El Bashir",
// "Mr Blair", "Health Secretary John Reid"). Words before that are
// titles and descriptors, not names.
func bears(p *Person, given []doc.Word) bool {
	names := map[string]bool{}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		for _, t := range strings.Fields(norm(n)) {
			names[t] = true
		}
	}
	for i := len(given) - 1; i >= 0; i-- {
		t := strings.Trim(norm(given[i].Form), ".")
		switch {
		case t == "" || nameParticles[t]:
			continue
		case names[t] || honorifics[t]:
			return true
		case len([]rune(t)) == 1:
			for n := range names {
				if strings.HasPrefix(n, t) {
					return true
				}
			}
		}
		return false
	}
	return true
}

// nameParticles are the particles of personal names that news spells in
// several ways ("Omar El Bashir", "Omar al-Bashir").
var nameParticles = map[string]bool{"el": true, "al": true, "ad": true, "as": true, "ash": true, "an": true,
	"bin": true, "ibn": true, "ben": true, "bint": true, "abu": true, "abd": true, "de": true, "del": true,
	"della": true, "da": true, "di": true, "do": true, "dos": true, "du": true, "la": true, "le": true,
	"van": true, "von": true, "der": true, "den": true, "mac": true, "mc": true}

// honorifics stand before a surname without being a given name ("Mr
// Blair", "Gen Musharraf").
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true,
	"lord": true, "lady": true, "dame": true, "gen": true, "general": true, "col": true, "colonel": true,
	"capt": true, "captain": true, "maj": true, "major": true, "lt": true, "sgt": true, "adm": true,
	"admiral": true, "sen": true, "senator": true, "rep": true, "gov": true, "prof": true, "professor": true,
	"rev": true, "reverend": true, "sheikh": true, "shaikh": true, "sheik": true, "mullah": true,
	"ayatollah": true, "prince": true, "princess": true, "king": true, "queen": true, "emir": true,
	"sultan": true, "marshal": true, "field": true, "judge": true, "justice": true, "pope": true,
	"father": true, "brother": true, "sister": true, "comrade": true, "chairman": true, "premier": true}

// genderOf gives the gender an honorific says.
var genderOf = map[string]byte{"mr": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm', "father": 'm',
	"brother": 'm', "sheikh": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "lady": 'f', "dame": 'f',
	"queen": 'f', "princess": 'f', "sister": 'f'}

// joinForms joins the forms of words as written, one space apart.
func joinForms(ws []doc.Word) string {
	forms := make([]string, len(ws))
	for i, w := range ws {
		forms[i] = w.Form
	}
	return strings.Join(forms, " ")
}

// dateline returns the number of words of a dateline that opens sentence
// s — words in capitals ("ISLAMABAD", "MARANCHON, SPAIN", "WASHINGTON
// (Reuters)") up to a dash — or 0 when s opens with none.
func dateline(s *doc.Sentence) int {
	caps := 0
	for i, w := range s.Words {
		switch {
		case i > 0 && (w.Form == "—" || w.Form == "–" || w.Form == "-" || w.Form == "--"):
			// A dash glued to the next word joins a compound ("NATO-member").
			if caps == 0 || i+1 < len(s.Words) && s.Words[i+1].Span.Start == w.Span.End {
				return 0
			}
			return i + 1
		case w.Form == "/" || w.Form == "," || w.Form == "(" || w.Form == ")" || strings.EqualFold(w.Form, "Reuters") || w.Form == "AP" || w.Form == "AFP":
		case strings.ToUpper(w.Form) == w.Form && strings.ToLower(w.Form) != w.Form:
			caps++
		default:
			return 0
		}
		if i > 8 {
			return 0
		}
	}
	return 0
}

// ofCountry completes a sector mention m whose country is set: the
// state's id and name, or the person holding the office of a title on
// date ("the Iranian president").
func (r *Resolver) ofCountry(m *mention.Mention, date time.Time) {
	m.Entity = m.Country
	if c := r.kb.Countries[m.Country]; c != nil {
		m.Name = c.Name
	}
	if m.Office != "" {
		if p, _ := r.kb.Holder(m.Country, m.Office, date); p != nil {
			m.Kind, m.Entity, m.Name, m.Via = mention.Person, p.ID, p.Name, "title"
		}
	}
}

// conjuncts returns the indexes of the mentions that the parse makes
// conjuncts of mention j ("France, Germany and Italy": Germany and Italy
// for France), in sentence order.
func conjuncts(s *doc.Sentence, ms []mention.Mention, j int) []int {
	h := head(s, ms[j].First, ms[j].Last)
	var out []int
	for k := range ms {
		if k == j {
			continue
		}
		kh := head(s, ms[k].First, ms[k].Last)
		if s.Words[kh].Deprel == "conj" && s.Words[kh].Head-1 == h {
			out = append(out, k)
		}
	}
	return out
}

// modifies reports whether mention a modifies mention b: a word of a is
// attached to a word of b (amod, nmod:poss, compound, nmod "of"), or a
// directly precedes b across adjectives and nouns only.
func modifies(s *doc.Sentence, a, b *mention.Mention) bool {
	for j := a.First; j < a.Last; j++ {
		h := s.Words[j].Head - 1
		if h >= b.First && h < b.Last {
			switch base(s.Words[j].Deprel) {
			case "amod", "nmod", "compound", "flat", "appos", "nmod:poss":
				return true
			}
			if s.Words[j].Deprel == "nmod:poss" {
				return true
			}
		}
	}
	return a.Last <= b.First && gapIsModifiers(s, a.Last, b.First) && b.First-a.Last <= 3
}

// gapIsModifiers reports whether words [from, to) are all adjectives,
// nouns, numbers or the possessive 's.
func gapIsModifiers(s *doc.Sentence, from, to int) bool {
	for k := from; k < to; k++ {
		switch s.Words[k].UPOS {
		case "ADJ", "NOUN", "PROPN", "NUM":
		case "PART":
			if s.Words[k].Lemma != "'s" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func base(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// head returns the word of [first, last) that the parse makes the head
// of the range: the first whose head lies outside it.
func head(s *doc.Sentence, first, last int) int {
	for j := first; j < last; j++ {
		h := s.Words[j].Head - 1
		if h < first || h >= last {
			return j
		}
	}
	return last - 1
}

// notNames are proper nouns that are never actors.
var notNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "eid": true, "fitr": true, "adha": true, "al": true,
	// Continents, oceans and regions are places, not actors.
	"europe": true, "asia": true, "africa": true, "pacific": true, "atlantic": true, "arctic": true,
	"antarctica": true, "mediterranean": true, "caribbean": true, "balkans": true, "sahel": true,
	"caucasus": true, "oceania": true, "scandinavia": true, "ramadan": true, "god": true, "allah": true,
}

// provisional keeps runs of proper nouns that no entry covers as
// provisional actors, so that unknown actors are not dropped.
func provisional(s *doc.Sentence, covered []bool) []mention.Mention {
	var out []mention.Mention
	for i := 0; i < len(s.Words); {
		if covered[i] || s.Words[i].UPOS != "PROPN" || notNames[strings.ToLower(s.Words[i].Form)] {
			i++
			continue
		}
		j := i
		for j < len(s.Words) && !covered[j] && (s.Words[j].UPOS == "PROPN" || (j > i && s.Words[j].Deprel == "flat") ||
			gluedHyphen(s, j)) && !notNames[strings.ToLower(s.Words[j].Form)] {
			j++
		}
		for j > i && s.Words[j-1].UPOS == "PUNCT" {
			j--
		}
		if j == i {
			i++
			continue
		}
		if geoFeatures[strings.ToLower(s.Words[j-1].Form)] || placeAfter(s, j) || !hasLetter(s.Words[i:j]) {
			// "the Yellow Sea", "the Senkaku islands": places; "``": no name.
			i = j
			continue
		}
		forms := make([]string, 0, j-i)
		for k := i; k < j; k++ {
			forms = append(forms, s.Words[k].Form)
		}
		name := strings.Join(forms, " ")
		first := strings.Trim(norm(forms[0]), ".")
		out = append(out, mention.Mention{First: i, Last: j, Kind: mention.Provisional,
			Entity: "?" + norm(name), Name: name, Via: "name",
			Human: j-i >= 2 && honorifics[first], Gender: genderOf[first]})
		i = j
	}
	return out
}

// geoFeatures are the nouns that end the name of a sea, river, island
// or mountain range.
var geoFeatures = map[string]bool{"sea": true, "ocean": true, "gulf": true, "strait": true, "straits": true,
	"island": true, "islands": true, "peninsula": true, "river": true, "mountains": true, "bay": true,
	"canal": true, "desert": true, "lake": true, "archipelago": true}

// placeAfter reports whether word j is a noun naming a kind of place, so
// that the name before it names that place ("Indian Ocean").
func placeAfter(s *doc.Sentence, j int) bool {
	if j >= len(s.Words) {
		return false
	}
	w := s.Words[j]
	return (w.UPOS == "PROPN" || w.UPOS == "NOUN") && geoFeatures[strings.ToLower(w.Form)]
}

func hasLetter(ws []doc.Word) bool {
	for _, w := range ws {
		for _, r := range w.Form {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// gluedHyphen reports whether word j is a hyphen or slash written
// between two words with no space ("Jean-Bertrand", "Senkaku/Diaoyu").
func gluedHyphen(s *doc.Sentence, j int) bool {
	w := s.Words[j]
	return (w.Form == "-" || w.Form == "‐" || w.Form == "/") && j > 0 && j+1 < len(s.Words) &&
		s.Words[j-1].Span.End == w.Span.Start && w.Span.End == s.Words[j+1].Span.Start
}

// nonState are CAMEO codes that begin a code without a country.
var nonState = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "UIS": true}

// splitCode splits a CAMEO actor code into its country and sector parts:
// "IRNGOV" → IRN, GOV; "IGOUNO" → "", IGOUNO.
func splitCode(code string) (country, sector string) {
	if len(code) < 3 || nonState[code[:3]] {
		return "", code
	}
	return code[:3], code[3:]
}

// months are the month names a one-word person name can collide with.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// dateWords introduce a month in a date ("in May", "since June"). Words
// that as often introduce a person ("to May", "by May") are left out.
var dateWords = map[string]bool{
	"in": true, "on": true, "since": true, "until": true, "till": true, "from": true,
	"early": true, "late": true, "mid": true, "last": true, "next": true, "this": true,
	"before": true, "after": true, "during": true, "through": true,
}

// inDate reports whether word i is a month name used in a date: next to a
// number, or after a preposition or a word such as "early" or "last".
func inDate(s *doc.Sentence, i int) bool {
	if !months[strings.ToLower(s.Words[i].Form)] {
		return false
	}
	if i+1 < len(s.Words) && s.Words[i+1].UPOS == "NUM" {
		return true
	}
	if i > 0 {
		p := s.Words[i-1]
		return p.UPOS == "NUM" || dateWords[strings.ToLower(p.Form)]
	}
	return false
}

// caseWord returns the lowercase preposition (case dependent) of word i,
// or "".
func caseWord(s *doc.Sentence, i int) string {
	for k := range s.Words {
		if s.Words[k].Head-1 == i && s.Words[k].Deprel == "case" {
			return strings.ToLower(s.Words[k].Form)
		}
	}
	return ""
}

// governmentNoun names the government a leader heads.
var governmentNoun = map[string]bool{
	"government": true, "administration": true, "regime": true, "cabinet": true, "junta": true,
}

// bodyState returns the sector noun with a state that agent ms[i] is
// from or of ("doctors from two American aid groups"), or nil.
func bodyState(s *doc.Sentence, ms []mention.Mention, drop []bool, i int) *mention.Mention {
	mh := head(s, ms[i].First, ms[i].Last)
	for j := range ms {
		b := &ms[j]
		if j == i || drop[j] || b.Kind != mention.Agent || b.Country == "" || b.First < ms[i].Last {
			continue
		}
		h := head(s, b.First, b.Last)
		if s.Words[h].Head-1 != mh || base(s.Words[h].Deprel) != "nmod" {
			continue
		}
		if c := caseWord(s, h); c == "from" || c == "of" {
			return b
		}
	}
	return nil
}

// placeNouns name places a state is made of.
var placeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "province": true, "region": true, "district": true,
	"capital": true, "state": true, "county": true, "governorate": true, "enclave": true, "port": true,
}

// placeState returns the state of the place noun that word h has as its
// "of" phrase ("mayor of the West Bank city of Nablus"): a state or
// adjective modifying the place noun, or a state in its own "of" phrase.
func placeState(s *doc.Sentence, ms []mention.Mention, drop []bool, h int) *mention.Mention {
	for k := range s.Words {
		w := &s.Words[k]
		if w.Head-1 != h || base(w.Deprel) != "nmod" || !placeNouns[strings.ToLower(w.Lemma)] || caseWord(s, k) != "of" {
			continue
		}
		for j := range ms {
			c := &ms[j]
			if drop[j] || c.Kind != mention.Country && c.Kind != mention.Adjective {
				continue
			}
			ch := head(s, c.First, c.Last)
			if p := s.Words[ch].Head - 1; p == k {
				return c
			}
		}
	}
	return nil
}
