// Package event is the event record every later stage shares: who did
// what to whom, when and where, with the evidence for it.
package event

import "github.com/dyadproject/dyad/internal/doc"

// Actor is the source or target of an event.
type Actor struct {
	Text    string   `json:"text"`
	Span    doc.Span `json:"span"`
	Entity  string   `json:"entity"`
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Sector  string   `json:"sector"`
	Code    string   `json:"code"`          // CAMEO actor code, "IRNGOV"
	Kind    string   `json:"kind"`          // country, person, igo, group, agent, provisional
	Via     string   `json:"via,omitempty"` // how the entity was resolved
}

// Plover is the PLOVER coding of an event.
type Plover struct {
	Event   string   `json:"event"`
	Mode    string   `json:"mode"`
	Context []string `json:"context"`
}

// Location is where an event happened.
type Location struct {
	Name      string  `json:"name"`
	GeonameID int     `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country"`
	// Border is the two states (alpha-3) whose land border is the place,
	// for "near the border with Iran"; Country is then empty, the side
	// being unknown, and the point is one on the border (docs/geo.md).
	Border []string `json:"border,omitempty"`
}

// Evidence is why dyad coded the event: the spans and the rule.
type Evidence struct {
	Predicate     Text   `json:"predicate"`
	Pattern       string `json:"pattern"` // the dictionary line that fired, "file:line: text"
	Sentence      Text   `json:"sentence"`
	Symmetric     bool   `json:"symmetric,omitempty"`      // coded both ways from one symmetric predicate
	TargetThrough string `json:"target_through,omitempty"` // how the target was reached
	Date          *Text  `json:"date,omitempty"`           // the time expression that dates the event
	Location      *Text  `json:"location,omitempty"`       // the place name that locates it
}

// Text is a span of the document with its text.
type Text struct {
	Text string   `json:"text"`
	Span doc.Span `json:"span"`
}

// Event is one coded event.
type Event struct {
	ID        string  `json:"id"`
	Article   string  `json:"article"`
	Sentence  int     `json:"sentence"`
	Source    *Actor  `json:"source"`
	Target    *Actor  `json:"target"`
	CAMEO     string  `json:"cameo"`
	Root      string  `json:"root"`
	Label     string  `json:"label"`
	Goldstein float64 `json:"goldstein"`
	Quad      int     `json:"quad"`
	Plover    Plover  `json:"plover"`
	Date      string  `json:"date"`
	// Date is the day, month ("2024-01") or year the event happened, as a
	// TIMEX3 value; DateGranularity is day, month, year or approximate
	// (a week, quarter, season or decade).
	DateGranularity string `json:"date_granularity"`
	// DateMod is the TIMEX3 mod of the date ("END" for "late January").
	DateMod string `json:"date_mod,omitempty"`
	// DateSource says where the date came from (docs/timex.md): "clause"
	// (a time expression of the event's clause), "outer" (of the clause
	// it depends on), "context" (the last one before it), "lead" (the
	// story's news peg), "past" (an earlier event, day unknown) or
	// "story" (the story date).
	DateSource string    `json:"date_source"`
	Location   *Location `json:"location"`
	Evidence   Evidence  `json:"evidence"`
	Negated    bool      `json:"negated"`
}
