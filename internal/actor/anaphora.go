package actor

import (
	"sort"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/mention"
)

// anaphora resolves, across the sentences of a document, what a single
// sentence cannot: pronouns ("he"), definite descriptions ("the group",
// "the two countries"), counterparts ("his Pakistani counterpart") and the
// country of sector nouns that name none ("a police station" after
// "Iranian police officers").
func (r *Resolver) anaphora(d *doc.Document, all [][]mention.Mention, date time.Time) {
	// Unknown people named in full, by their surnames, so that a later
	// "Mr Howard" is the Michael Howard the article named and not the
	// Howard the knowledge base knows.
	named := map[string]mention.Mention{}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		ms := all[si]
		for i := range ms {
			m := &ms[i]
			if m.Kind == mention.Person && m.Via == "name" {
				if o, ok := named[surnameOnly(s, m)]; ok {
					o.First, o.Last, o.Head, o.Span, o.Via = m.First, m.Last, m.Head, m.Span, "antecedent"
					*m = o
				}
			}
			if m.Kind == mention.Provisional && m.Last-m.First >= 2 {
				named[norm(s.Words[m.Last-1].Form)] = *m
			}
		}
		owner := make([]int, len(s.Words))
		for i := range owner {
			owner[i] = -1
		}
		for i, m := range ms {
			for j := m.First; j < m.Last; j++ {
				owner[j] = i
			}
		}
		var added []mention.Mention
		for wi := range s.Words {
			if owner[wi] >= 0 {
				continue
			}
			w := &s.Words[wi]
			switch {
			case w.UPOS == "PRON" && (w.Lemma == "he" || w.Lemma == "she") && !strings.EqualFold(w.Form, "his") && !strings.EqualFold(w.Form, "her"):
				other := byte('f')
				if w.Lemma == "she" {
					other = 'm'
				}
				want := func(m *mention.Mention) bool {
					return (m.Kind == mention.Person || m.Human) && m.Gender != other
				}
				a, ok := antecedent(all, si, wi, want)
				if ok && clauseInitial(s, wi) {
					// "Howard's only entry is a hamper from the Sultan of
					// Brunei. He also declares …": a subject pronoun
					// continues a person who was not in a prepositional
					// phrase rather than the last one named.
					a, ok = salientAntecedent(d, all, si, wi, want)
				}
				if ok {
					added = append(added, refer(a, wi, wi+1))
				}
			case w.UPOS == "PRON" && w.Deprel == "nsubj" && reportedSubject[strings.ToLower(w.Lemma)]:
				// "Hungary said it will support …": the subject of a
				// clause reported by an actor is, as a pronoun, that actor.
				if a, ok := reporter(s, ms, wi, strings.ToLower(w.Lemma)); ok {
					members := a.Members
					a = refer(a, wi, wi+1)
					for _, m := range members {
						a.Members = append(a.Members, refer(m, wi, wi+1))
					}
					added = append(added, a)
				}
			case w.UPOS == "NOUN" && hasDet(s, wi, "the") && onlyDet(s, wi) && groupNoun[w.Lemma]:
				if a, ok := antecedent(all, si, wi, func(m *mention.Mention) bool { return m.Kind == mention.Group }); ok {
					added = append(added, refer(a, firstOfPhrase(s, wi), wi+1))
				}
			case w.UPOS == "NOUN" && pairWord(s, wi):
				people, ok := pairNoun[w.Lemma]
				if !ok {
					continue
				}
				want := func(m *mention.Mention) bool {
					return m.Country != "" && (m.Kind == mention.Country || m.Kind == mention.Person)
				}
				if people {
					want = func(m *mention.Mention) bool { return m.Kind == mention.Person }
				}
				members := lastDistinct(all, si, wi, 2, want, people)
				if len(members) == 2 {
					first := firstOfPhrase(s, wi)
					m := mention.Mention{First: first, Last: wi + 1, Kind: mention.Country, Via: "antecedent",
						Name: members[0].Name + " and " + members[1].Name}
					for _, a := range members {
						c := refer(a, first, wi+1)
						if c.Kind == mention.Country {
							c.Entity, c.Sector = c.Country, ""
						}
						m.Members = append(m.Members, c)
					}
					added = append(added, m)
				}
			}
		}
		if len(added) > 0 {
			for i := range added {
				added[i].Head = head(s, added[i].First, added[i].Last)
				added[i].Span = doc.Span{Start: s.Words[added[i].First].Span.Start, End: s.Words[added[i].Last-1].Span.End}
				for j := range added[i].Members {
					added[i].Members[j].Head, added[i].Members[j].Span = added[i].Head, added[i].Span
				}
			}
			ms = append(ms, added...)
			sort.Slice(ms, func(i, j int) bool { return ms[i].First < ms[j].First })
		}
		for i := range ms {
			m := &ms[i]
			if m.Kind == mention.Agent && strings.EqualFold(s.Words[m.Last-1].Lemma, "counterpart") {
				r.counterpart(s, ms, m, date)
			}
			// "the militant group", "the rebel group": the last armed
			// group named, as "the group" is.
			if h := m.Last - 1; m.Kind == mention.Agent && m.Country == "" && groupNoun[strings.ToLower(s.Words[h].Lemma)] && hasDet(s, h, "the") {
				if a, ok := antecedent(all, si, m.First, func(o *mention.Mention) bool { return o.Kind == mention.Group }); ok {
					*m = refer(a, m.First, m.Last)
					m.Head, m.Span = h, doc.Span{Start: s.Words[m.First].Span.Start, End: s.Words[h].Span.End}
				}
			}
		}
		all[si] = ms
		for i := range ms {
			m := &ms[i]
			if m.Kind == mention.Agent && m.Country == "" && m.Sector != "" {
				if c, ok := sectorCountry(all, si, m); ok {
					m.Country, m.Entity, m.Via = c, c, "context"
					if cn := r.kb.Countries[c]; cn != nil {
						m.Name = cn.Name
					}
				}
			}
		}
	}
}

// surnameOnly returns the normalized surname of a person mention written
// as a surname alone, after honorifics at most ("Howard", "Mr Howard"),
// and "" for any other mention.
func surnameOnly(s *doc.Sentence, m *mention.Mention) string {
	for j := m.First; j < m.Last-1; j++ {
		if !honorifics[strings.Trim(norm(s.Words[j].Form), ".")] {
			return ""
		}
	}
	return norm(s.Words[m.Last-1].Form)
}

// refers reports whether word w may stand for actors, as anaphora
// resolves it, and how many actors not otherwise in its sentence it may
// bring: one for "he", "she" (a person named before) and "the group", two
// for the nouns of "the two countries" or "both leaders" when pair says
// the sentence has "both" or "two", none for "it",
// "they" and "we", which stand only for the subject of the sentence's
// reporting verb ("Iran said it will …"). It reads only the word, so that
// it can be asked before parsing.
func refers(w *doc.Word, pair bool) (ok bool, actors int) {
	l := strings.ToLower(w.Lemma)
	switch w.UPOS {
	case "PRON":
		switch {
		case l == "he" || l == "she":
			if strings.EqualFold(w.Form, "his") || strings.EqualFold(w.Form, "her") {
				return false, 0
			}
			return true, 1
		case reportedSubject[l]:
			return true, 0
		}
	case "NOUN":
		switch {
		case groupNoun[l]:
			return true, 1
		}
		if _, ok := pairNoun[l]; ok {
			if pair {
				return true, 2
			}
			return true, 0
		}
	}
	return false, 0
}

// pairNoun are the nouns that, with "both" or "two" (pairWord), stand for
// the last two states or, when true, the last two people named ("the two
// countries", "both leaders").
var pairNoun = map[string]bool{"country": false, "nation": false, "neighbor": false, "neighbour": false,
	"state": false, "government": false, "side": false, "leader": true, "president": true, "minister": true, "head": true}

// reportedSubject are the pronouns that, as the subject of a reported
// clause, stand for the actor who reports it.
var reportedSubject = map[string]bool{"it": true, "they": true, "we": true}

// reporter returns the actor that reports the clause whose subject is
// pronoun wi: the subject of the verb the clause is the complement of.
// "it" stands for a state or organisation, "they" and "we" for any actor
// but a single person.
func reporter(s *doc.Sentence, ms []mention.Mention, wi int, lemma string) (mention.Mention, bool) {
	v := s.Words[wi].Head - 1
	if v < 0 || v >= len(s.Words) || s.Words[v].Deprel != "ccomp" {
		return mention.Mention{}, false
	}
	say := s.Words[v].Head - 1
	if say < 0 || say >= len(s.Words) {
		return mention.Mention{}, false
	}
	for _, m := range ms {
		h := m.Head
		if h < 0 || h >= len(s.Words) || s.Words[h].Head-1 != say || s.Words[h].Deprel != "nsubj" {
			continue
		}
		// "Obama and Putin said they …": the subject with its conjuncts.
		var group []mention.Mention
		if lemma != "it" {
			group = append(group, m)
			for _, o := range ms {
				if o.Head >= 0 && o.Head < len(s.Words) && s.Words[o.Head].Head-1 == h && s.Words[o.Head].Deprel == "conj" {
					group = append(group, o)
				}
			}
		}
		if len(group) > 1 {
			p := mention.Mention{Kind: m.Kind, Via: "antecedent", Members: group}
			for i, g := range group {
				if i > 0 {
					p.Name += " and "
				}
				p.Name += g.Name
			}
			return p, true
		}
		switch m.Kind {
		case mention.Country, mention.IGO, mention.Group, mention.Named:
			return m, true
		case mention.Agent:
			// "it" stands for an institution named in the singular ("the
			// government said it would …"), not for people ("officials").
			if m.Country != "" && (lemma != "it" || s.Words[h].XPOS == "NN" || s.Words[h].XPOS == "NNP") {
				return m, true
			}
		}
	}
	return mention.Mention{}, false
}

// groupNoun lists nouns that, after "the", refer back to an armed group.
var groupNoun = map[string]bool{"group": true, "outfit": true, "organization": true, "organisation": true, "militia": true}

// refer returns a copy of antecedent a placed on words [first, last).
func refer(a mention.Mention, first, last int) mention.Mention {
	a.First, a.Last, a.Via, a.Members = first, last, "antecedent", nil
	return a
}

// antecedent returns the closest mention before word wi of sentence si,
// looking back ContextWindow sentences, that want accepts.
func antecedent(all [][]mention.Mention, si, wi int, want func(*mention.Mention) bool) (mention.Mention, bool) {
	for k := si; k >= 0 && k >= si-ContextWindow; k-- {
		ms := all[k]
		for i := len(ms) - 1; i >= 0; i-- {
			if k == si && ms[i].First >= wi {
				continue
			}
			if want(&ms[i]) {
				return ms[i], true
			}
		}
	}
	return mention.Mention{}, false
}

// clauseInitial reports whether word wi opens its sentence, but for
// conjunctions, adverbs and punctuation ("But he …", "He …").
func clauseInitial(s *doc.Sentence, wi int) bool {
	for _, w := range s.Words[:wi] {
		switch w.UPOS {
		case "CCONJ", "SCONJ", "ADV", "PUNCT", "INTJ":
		default:
			return false
		}
	}
	return true
}

// salientAntecedent is antecedent for a clause-initial pronoun: in the
// closest sentence with a mention want accepts, the last one that no
// preposition introduces, else the last one.
func salientAntecedent(d *doc.Document, all [][]mention.Mention, si, wi int, want func(*mention.Mention) bool) (mention.Mention, bool) {
	for k := si; k >= 0 && k >= si-ContextWindow; k-- {
		var last, plain *mention.Mention
		for i := range all[k] {
			m := &all[k][i]
			if k == si && m.First >= wi || !want(m) {
				continue
			}
			last = m
			if !afterPreposition(&d.Sentences[k], m.First) {
				plain = m
			}
		}
		switch {
		case plain != nil:
			return *plain, true
		case last != nil:
			return *last, true
		}
	}
	return mention.Mention{}, false
}

// afterPreposition reports whether the phrase of the mention starting at
// word i is introduced by a preposition ("from the Sultan of Brunei").
func afterPreposition(s *doc.Sentence, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s.Words[j].UPOS {
		case "DET", "ADJ", "NUM":
			continue
		case "ADP":
			return true
		}
		return false
	}
	return false
}

// lastDistinct returns the n most recent mentions before word wi that want
// accepts and that name different countries (or different people).
func lastDistinct(all [][]mention.Mention, si, wi, n int, want func(*mention.Mention) bool, people bool) []mention.Mention {
	var out []mention.Mention
	seen := map[string]bool{}
	for k := si; k >= 0 && k >= si-ContextWindow && len(out) < n; k-- {
		ms := all[k]
		for i := len(ms) - 1; i >= 0 && len(out) < n; i-- {
			m := &ms[i]
			if (k == si && m.First >= wi) || !want(m) {
				continue
			}
			key := m.Country
			if people {
				key = m.Entity
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, *m)
			}
		}
	}
	// Keep text order: the first mentioned first.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// hasDet reports whether word wi has a determiner with lemma det.
func hasDet(s *doc.Sentence, wi int, det string) bool {
	for j := range s.Words {
		if s.Words[j].Head-1 == wi && s.Words[j].Deprel == "det" && strings.EqualFold(s.Words[j].Lemma, det) {
			return true
		}
	}
	return false
}

// onlyDet reports whether word wi has no modifier but determiners.
func onlyDet(s *doc.Sentence, wi int) bool {
	for j := range s.Words {
		if s.Words[j].Head-1 == wi {
			switch s.Words[j].Deprel {
			case "det", "case", "punct", "acl", "acl:relcl", "nmod", "cc", "conj":
			default:
				return false
			}
		}
	}
	return true
}

// pairWord reports whether noun wi is counted as two: "the two countries",
// "both leaders".
func pairWord(s *doc.Sentence, wi int) bool {
	for j := range s.Words {
		if s.Words[j].Head-1 != wi {
			continue
		}
		l := strings.ToLower(s.Words[j].Form)
		if l == "both" || l == "two" {
			return true
		}
	}
	return false
}

// firstOfPhrase returns the first word of the determiners, numbers and
// adjectives in front of noun wi.
func firstOfPhrase(s *doc.Sentence, wi int) int {
	first := wi
	for j := wi - 1; j >= 0; j-- {
		if s.Words[j].Head-1 != wi && s.Words[j].Head-1 <= j {
			break
		}
		switch s.Words[j].Deprel {
		case "det", "nummod", "amod", "det:predet":
			first = j
		default:
			return first
		}
	}
	return first
}

// counterpart resolves "his Pakistani counterpart": the holder, in the
// counterpart's country, of the office that the other party of the
// sentence holds.
func (r *Resolver) counterpart(s *doc.Sentence, ms []mention.Mention, m *mention.Mention, date time.Time) {
	if m.Country == "" {
		return
	}
	for i := range ms {
		o := &ms[i]
		if o.Kind != mention.Person || o.Office == "" || o.Country == m.Country {
			continue
		}
		if p, _ := r.kb.Holder(m.Country, o.Office, date); p != nil {
			m.Kind, m.Entity, m.Name, m.Office, m.Via, m.Sector = mention.Person, p.ID, p.Name, o.Office, "counterpart", "GOV"
		}
		return
	}
}

// stateSector are the sectors of a state's institutions, which belong to
// the state the sentence names before them.
var stateSector = map[string]bool{"GOV": true, "MIL": true, "COP": true, "SPY": true, "JUD": true, "LEG": true}

// sectorCountry finds a country for a sector noun that names none: the
// closest mention of the same sector with a country in the sentence ("a
// police station … that killed 11 Iranian police officers"), else the
// closest state or person before it in the sentence for a state
// institution ("Britain mobilized army reservists"), else the last mention of the same sector in the
// ContextWindow sentences before.
func sectorCountry(all [][]mention.Mention, si int, m *mention.Mention) (string, bool) {
	best, bestDist := "", -1
	for _, o := range all[si] {
		if o.Sector == m.Sector && o.Country != "" && o.Kind == mention.Agent {
			d := o.First - m.First
			if d < 0 {
				d = -d
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = o.Country, d
			}
		}
	}
	if best != "" {
		return best, true
	}
	if stateSector[m.Sector] {
		for i := len(all[si]) - 1; i >= 0; i-- {
			o := &all[si][i]
			if o.First < m.First && o.Country != "" && (o.Kind == mention.Country || o.Kind == mention.Person) {
				return o.Country, true
			}
		}
	}
	for k := si - 1; k >= 0 && k >= si-ContextWindow; k-- {
		for i := len(all[k]) - 1; i >= 0; i-- {
			o := &all[k][i]
			if o.Sector == m.Sector && o.Country != "" && o.Kind == mention.Agent {
				return o.Country, true
			}
		}
	}
	return "", false
}
