// Package timex finds time expressions in text and normalizes them to
// TIMEX3 values (TimeML, ISO-TimeML) relative to the document creation
// time: "on Thursday" in a story of Friday 2024-04-12 is 2024-04-11,
// "On January 16" is 2024-01-16, "December 2023" is 2023-12, "two days
// ago" is 2024-04-10, "for three weeks" is P3W, "every Friday" is XXXX-WXX-5.
//
// The recognizer is a rule grammar over tokens (docs/timex.md); a Tagger
// is built once and is safe for concurrent use.
package timex

import (
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

// Type is a TIMEX3 type.
type Type string

// The TIMEX3 types.
const (
	Date     Type = "DATE"
	Time     Type = "TIME"
	Duration Type = "DURATION"
	Set      Type = "SET"
)

// Granularity is how precise a DATE or TIME value is.
type Granularity string

// Granularities, from the finest.
const (
	Minute  Granularity = "minute"
	Hour    Granularity = "hour"
	Day     Granularity = "day"
	Week    Granularity = "week"
	Month   Granularity = "month"
	Quarter Granularity = "quarter"
	Season  Granularity = "season"
	Year    Granularity = "year"
	Decade  Granularity = "decade"
	Century Granularity = "century"
	Vague   Granularity = "vague" // PRESENT_REF, PAST_REF, FUTURE_REF
)

// Expr is one time expression of a text.
type Expr struct {
	Span  doc.Span `json:"span"` // bytes of the expression in the text
	Text  string   `json:"text"`
	Type  Type     `json:"type"`
	Value string   `json:"value"` // TIMEX3 value: "2024-04-11", "2024-01", "2024-W15", "P3D", "PRESENT_REF", "XXXX-WXX-5"
	// Mod is the TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER,
	// ON_OR_BEFORE, ON_OR_AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS,
	// EQUAL_OR_MORE; "" for none.
	Mod string `json:"mod,omitempty"`
	// Quant and Freq are the TIMEX3 attributes of a SET ("every" → EVERY,
	// "twice a week" → freq 2X).
	Quant string `json:"quant,omitempty"`
	Freq  string `json:"freq,omitempty"`
	// Granularity is the precision of a DATE or TIME value, "" for
	// durations and sets.
	Granularity Granularity `json:"granularity,omitempty"`
	// Anchored reports whether the value was computed from the document
	// creation time ("Thursday", "last week") rather than read whole from
	// the text ("January 16, 2024").
	Anchored bool `json:"anchored,omitempty"`
}

// Options change how expressions are resolved.
type Options struct {
	// Tense is the tense of the text around an expression when the
	// caller knows it better than the tagger's own guess: "past",
	// "present" or "future"; "" lets the tagger guess from the words
	// near each expression (news defaults to the past).
	Tense string
}

// Find returns the time expressions of text in order, normalized against
// dct, the document creation time (its date is what matters; a zero dct
// leaves relative expressions unresolved, with values such as
// "XXXX-01-16"). It never fails: text it cannot read yields no
// expression.
func (t *Tagger) Find(text string, dct time.Time) []Expr {
	return t.FindWith(text, dct, Options{})
}
