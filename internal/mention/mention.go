// Package mention holds the actor mentions that actor resolution finds in
// a sentence and that the event coder reads: a range of words, the entity
// it was resolved to, and how.
package mention

import "github.com/dyadproject/dyad/internal/doc"

// Kind says what sort of entity a mention names.
type Kind uint8

// Kinds of mention.
const (
	Country     Kind = iota + 1 // a state by name ("Iran"), capital or metonym
	Adjective                   // a country adjective or demonym ("Iranian")
	Person                      // a person of the knowledge base
	IGO                         // an international organisation
	Group                       // a non-state armed group
	Agent                       // a generic noun for a sector ("police", "president")
	Provisional                 // an unknown proper name kept as an actor
	Named                       // a named actor of an actors.tsv file, with its dated CAMEO code
)

var kindNames = [...]string{"", "country", "adjective", "person", "igo", "group", "agent", "provisional", "actor"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Mention is one actor mention in a sentence.
type Mention struct {
	First, Last int      // word range in the sentence, 0-based, half-open
	Head        int      // the word of the range that the parse makes its head
	Span        doc.Span // bytes of the mention in the document text
	Kind        Kind
	Entity      string // knowledge-base id: "IRN", "ebrahim-raisi", "UNO", "JAA"; "" for agents without a country
	Name        string // canonical name of the entity
	Country     string // ISO 3166-1 alpha-3, "" when unknown or not a state actor
	Sector      string // CAMEO sector: GOV, MIL, COP, REB, ...; "" for a state as a whole
	Office      string // for people and titles: the office held on the story date
	CAMEO       string // the CAMEO actor code of an organisation or group, when known
	// Via says how the entity was found: "name", "capital" (standing for
	// the government when it acts, for the state as a place), "metonym"
	// (an institution), "title" (an office held on
	// the story date), "counterpart", "antecedent" (a pronoun or "the
	// group"), "context" (a country carried from another mention).
	Via string
	// Members lists the entities of a plural mention ("the two countries"),
	// each a mention of its own; empty otherwise.
	Members []Mention
	// Human: the mention names a person, known to the knowledge base or
	// not ("Mr Smith", "Foreign Minister X", a namesake of a known
	// person); "he" and "she" refer to such mentions.
	Human bool
	// Gender of a person when the text says it ("Mrs Hassan": 'f', "Mr
	// Smith": 'm'), else 0; "he" does not refer to a woman, nor "she" to
	// a man.
	Gender byte
}

// Code returns the CAMEO actor code: country and sector ("IRNGOV"), the
// organisation's code, or the entity id.
func (m *Mention) Code() string {
	if m.CAMEO != "" {
		return m.CAMEO
	}
	switch m.Kind {
	case IGO, Group:
		return m.Entity
	}
	if m.Country == "" && m.Sector != "" && (m.Kind == Agent || m.Kind == Provisional) {
		// a sector of no known state ("officials", "Foreign Minister
		// X" with no state named), as PETRARCH writes it
		return "---" + m.Sector
	}
	return m.Country + m.Sector
}
