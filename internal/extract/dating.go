package extract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/timex"
)

// Where an event's date comes from (event.Event.DateSource).
const (
	dateClause  = "clause"  // a time expression of the event's own clause ("On January 16, Iran launched")
	dateOuter   = "outer"   // one of the clause it depends on or of a clause of time ("as ambassadors resumed duties in late January")
	dateContext = "context" // a day named in the sentence before, in its paragraph
	dateLead    = "lead"    // the story's news peg, for the lead ("in a recent telephone conversation")
	datePeg     = "peg"     // the story's news peg, for an undated event after the lead
	dateStory   = "story"   // the story date
	datePast    = "past"    // an earlier event ("the recent attack"): before the story date, day unknown
)

// anchor is a time expression placed in the document.
type anchor struct {
	e    timex.Expr
	sent int // sentence index, -1 if it crosses sentences
	head int // word index of its head in the sentence, -1 if unknown
}

// dateEvents gives each event the date of the time expression that
// governs its clause through the parse (or a clause it belongs to); else,
// in the lead, the story's news peg; else, for an event noun marked
// earlier ("the recent attack"), an approximate date before the story's;
// else a day named in the sentence before; else the news peg; else the
// story date. docs/timex.md has the rules and what they do on the seed
// and on SemEval-2015 TimeLine.
func (x *Extractor) dateEvents(d *doc.Document, events []event.Event, story time.Time) {
	if len(events) == 0 || x.timex == nil {
		return
	}
	dt := x.newDater(d, story)
	for k := range events {
		ev := &events[k]
		s := &d.Sentences[ev.Sentence]
		wd, ok := dt.date(ev.Sentence, trigger(s, ev))
		if !ok {
			continue // the coder's story date stays
		}
		ev.Date, ev.DateGranularity, ev.DateMod, ev.DateSource = wd.Date, wd.Granularity, wd.Mod, wd.Source
		ev.Evidence.Date = wd.Evidence
	}
}

// WordDate is the date the dating rules give a predicate word.
type WordDate struct {
	Date        string      `json:"date"`        // "2024-01-16", "2024-01", "2024", a week, quarter or season
	Granularity string      `json:"granularity"` // day, month, year or approximate
	Mod         string      `json:"mod,omitempty"`
	Source      string      `json:"source"` // clause, outer, lead, past, context, peg or story
	Evidence    *event.Text `json:"evidence,omitempty"`
}

// dater holds what dating the events of one document reads.
type dater struct {
	d       *doc.Document
	story   time.Time
	anchors []anchor
	peg     anchor
	hasPeg  bool
	lead    int
}

func (x *Extractor) newDater(d *doc.Document, story time.Time) *dater {
	header := dateLineEnd(d.Text)
	dt := &dater{d: d, story: story, anchors: x.anchors(d, story, header), lead: leadSentences(d, header)}
	dt.peg, dt.hasPeg = newsPeg(dt.anchors, story)
	return dt
}

// date dates word n of sentence si as an event's predicate.
func (dt *dater) date(si, n int) (WordDate, bool) {
	if n < 0 {
		return WordDate{}, false
	}
	a, src, ok := governing(dt.d, dt.anchors, si, n)
	switch {
	case ok:
	case dt.hasPeg && si <= dt.lead:
		// The lead tells the news: "Raisi, in a recent telephone
		// conversation …" is the call "on Thursday".
		a, ok, src = dt.peg, true, dateLead
	case earlierEvent(&dt.d.Sentences[si], n):
		return WordDate{Date: dt.story.Format("2006-01-02"), Granularity: "approximate", Source: datePast}, true
	default:
		a, ok = lastBefore(dt.anchors, dt.d, si, dt.story)
		src = dateContext
		if !ok && dt.hasPeg {
			// "Zardari … condemned …", paragraphs after "In their
			// discussion on Thursday": the news the story tells.
			a, ok, src = dt.peg, true, datePeg
		}
	}
	if !ok {
		return WordDate{Date: dt.story.Format("2006-01-02"), Granularity: "day", Source: dateStory}, false
	}
	date, gran := dateOf(a.e)
	return WordDate{Date: date, Granularity: gran, Mod: a.e.Mod, Source: src, Evidence: &event.Text{Text: a.e.Text, Span: a.e.Span}}, true
}

// DateWords analyzes an article in full (every sentence parsed) and
// dates the words at the given byte offsets as if each were an event's
// predicate, by the rules that date events: the evaluation of event
// dating (dyad eval dates) uses it. A word not found gets the story date.
func (x *Extractor) DateWords(ctx context.Context, a Article, offsets []int) ([]WordDate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if x.timex == nil {
		return nil, fmt.Errorf("date words: no time-expression stage")
	}
	d := x.analyzeAll(a)
	dt := x.newDater(d, a.Date)
	out := make([]WordDate, len(offsets))
	for k, off := range offsets {
		out[k] = WordDate{Date: a.Date.Format("2006-01-02"), Granularity: "day", Source: dateStory}
		if si, wi, ok := wordAt(d, off); ok {
			if wd, _ := dt.date(si, wi); wd.Date != "" {
				out[k] = wd
			}
		}
	}
	return out, nil
}

// analyzeAll segments, tags and parses every sentence of an article, for
// the evaluations that score arbitrary words as predicates.
func (x *Extractor) analyzeAll(a Article) *doc.Document {
	d := &doc.Document{ID: a.ID, Text: a.Text, Sentences: x.seg.Segment(a.Text)}
	for i := range d.Sentences {
		x.syn.Analyze(&d.Sentences[i])
	}
	return d
}

// wordAt returns the sentence and word of d at byte offset off.
func wordAt(d *doc.Document, off int) (si, wi int, ok bool) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if off < s.Span.Start || off >= s.Span.End {
			continue
		}
		for wi, w := range s.Words {
			if off >= w.Span.Start && off < w.Span.End {
				return si, wi, true
			}
		}
	}
	return 0, 0, false
}

// anchors finds the time expressions of d that date events: calendar
// dates and times, not durations, sets or vague references, and not the
// story's own date line, which ends at byte header.
func (x *Extractor) anchors(d *doc.Document, story time.Time, header int) []anchor {
	var out []anchor
	for _, e := range x.timex.Find(d.Text, story) {
		if e.Type != timex.Date && e.Type != timex.Time || e.Granularity == timex.Vague || e.Span.End <= header {
			continue
		}
		if strings.HasPrefix(e.Value, "XXXX") {
			continue
		}
		a := anchor{e: e, sent: -1, head: -1}
		for si := range d.Sentences {
			s := &d.Sentences[si]
			if e.Span.Start >= s.Span.Start && e.Span.End <= s.Span.End {
				a.sent, a.head = si, exprHead(s, e.Span)
				break
			}
		}
		out = append(out, a)
	}
	return out
}

// dateLineEnd returns the end of the header line that holds the story
// date ("April 12, 2024 - 20:12"), 0 when there is none.
func dateLineEnd(text string) int {
	_, _, _, end, _ := headerDate(text)
	return end
}

// exprHead returns the word of s inside span whose head lies outside it,
// -1 when s is not parsed or no word is inside.
func exprHead(s *doc.Sentence, sp doc.Span) int {
	if len(s.Words) == 0 || s.Words[0].Head < 0 {
		return -1
	}
	for i, w := range s.Words {
		if w.Span.Start < sp.Start || w.Span.End > sp.End {
			continue
		}
		h := w.Head - 1
		if h < 0 || s.Words[h].Span.Start < sp.Start || s.Words[h].Span.End > sp.End {
			return i
		}
	}
	return -1
}

// trigger returns the word of s where the event's predicate starts.
func trigger(s *doc.Sentence, ev *event.Event) int {
	for i, w := range s.Words {
		if w.Span.Start == ev.Evidence.Predicate.Span.Start {
			return i
		}
	}
	return -1
}

// clauseHead returns the verb heading the clause of word i: i itself if
// it is a verb, else its nearest verb ancestor ("attack" in "another
// attack … killed one officer" belongs to "killed").
func clauseHead(s *doc.Sentence, i int) int {
	for d := 0; i >= 0 && d < len(s.Words); d++ {
		if u := s.Words[i].UPOS; u == "VERB" || u == "AUX" && s.Words[i].Deprel == "root" {
			return i
		}
		i = s.Words[i].Head - 1
	}
	return -1
}

// governs reports whether the expression headed by word h belongs to the
// clause of verb v or to the event noun n: climbing from h reaches n or v
// before any other verb, and through no argument of a verb, which names
// a thing or event of its own ("condemned an attack in December 2023":
// December dates the attack, not the condemnation; "in their discussion
// on Thursday, Raisi lauded": Thursday dates the praise).
func governs(s *doc.Sentence, h, v, n int) bool {
	return climbs(s, h, v, n, func(p int) bool {
		switch s.Words[p].Deprel {
		case "obj", "iobj", "nsubj", "nsubj:pass", "csubj":
			return true
		}
		return false
	})
}

// climbs reports whether climbing the heads from word h reaches n or v
// before any other verb or a word where stop is true.
func climbs(s *doc.Sentence, h, v, n int, stop func(int) bool) bool {
	for d := 0; h >= 0 && d < len(s.Words); d++ {
		p := s.Words[h].Head - 1
		if p < 0 {
			return false
		}
		if p == v || p == n {
			return true
		}
		if s.Words[p].UPOS == "VERB" || stop(p) {
			return false
		}
		h = p
	}
	return false
}

// timeMarks introduce a clause that happens at the time of the clause it
// depends on.
var timeMarks = map[string]bool{"as": true, "when": true, "while": true}

// governing returns the time expression of the event's clause: its own
// (the nearest), else one of a clause of time under it, else one of the
// clause it is part of (a relative or coordinated clause, a clause of
// purpose), and the source to report.
func governing(d *doc.Document, anchors []anchor, si, n int) (anchor, string, bool) {
	s := &d.Sentences[si]
	if n < 0 || n >= len(s.Words) || s.Words[0].Head < 0 {
		return anchor{}, "", false
	}
	v := clauseHead(s, n)
	own := func(v, n int) (anchor, bool) {
		var best anchor
		found, bestGap := false, 1<<30
		for _, a := range anchors {
			if a.sent != si || a.head < 0 || !governs(s, a.head, v, n) || boundary(s, a.head) {
				continue
			}
			if gap := abs(a.head - n); gap < bestGap {
				best, found, bestGap = a, true, gap
			}
		}
		return best, found
	}
	if a, ok := own(v, n); ok {
		return a, dateClause, true
	}
	if v < 0 {
		return anchor{}, "", false
	}
	for k := range s.Words {
		if s.Words[k].Head-1 == v && s.Words[k].Deprel == "advcl" && marked(s, k, timeMarks) {
			if a, ok := own(k, k); ok {
				return a, dateOuter, true
			}
		}
	}
	for depth := 0; depth < 3; depth++ {
		switch s.Words[v].Deprel {
		case "conj", "advcl", "xcomp", "acl", "acl:relcl":
		default:
			return anchor{}, "", false // a reported clause (ccomp) has its own time
		}
		v = clauseHead(s, s.Words[v].Head-1)
		if v < 0 {
			return anchor{}, "", false
		}
		if a, ok := own(v, v); ok {
			return a, dateOuter, true
		}
	}
	return anchor{}, "", false
}

// boundaryCases introduce a time the event is measured from or to, not
// the time it happened ("the biggest loss since 1992", "by 2011").
var boundaryCases = map[string]bool{"since": true, "until": true, "till": true, "before": true,
	"after": true, "by": true, "through": true, "from": true, "to": true}

// boundary reports whether the time expression headed by word h is
// introduced by such a preposition.
func boundary(s *doc.Sentence, h int) bool {
	for _, w := range s.Words {
		if w.Head-1 == h && (w.Deprel == "case" || w.Deprel == "mark") && boundaryCases[strings.ToLower(w.Form)] {
			return true
		}
	}
	return false
}

// marked reports whether word k has a marker among marks.
func marked(s *doc.Sentence, k int, marks map[string]bool) bool {
	for _, w := range s.Words {
		if w.Head-1 == k && w.Deprel == "mark" && marks[strings.ToLower(w.Form)] {
			return true
		}
	}
	return false
}

// earlierWords mark an event noun as one before the story's ("the recent
// attack", "an earlier strike").
var earlierWords = map[string]bool{"recent": true, "earlier": true, "previous": true, "past": true, "last": true, "former": true}

// earlierEvent reports whether the event is named by a noun that a word
// such as "recent" places before the story's events.
func earlierEvent(s *doc.Sentence, n int) bool {
	if n < 0 || n >= len(s.Words) || s.Words[n].UPOS != "NOUN" {
		return false
	}
	for _, w := range s.Words {
		if w.Head-1 == n && w.Deprel == "amod" && earlierWords[strings.ToLower(w.Form)] {
			return true
		}
	}
	return false
}

// contextSentences is how many sentences back a date carries to an
// undated event (measured on SemEval-2015 TimeLine, docs/timex.md).
const contextSentences = 1

// lastBefore returns the last day named in the sentences before sentence
// si (contextSentences of them, within its paragraph), leaving out dates
// after the story's: a deadline to come dates no event already reported,
// and a year or month named in passing is background, not the time of
// the sentences after it.
func lastBefore(anchors []anchor, d *doc.Document, si int, story time.Time) (anchor, bool) {
	start := d.Sentences[si].Span.Start
	from := d.Sentences[max(0, si-contextSentences)].Span.Start
	if p := strings.LastIndex(d.Text[:start], "\n\n"); p >= 0 {
		from = max(from, p)
	}
	if si > 0 {
		from = min(from, d.Sentences[si-1].Span.Start)
	}
	day := story.Format("2006-01-02")
	for k := len(anchors) - 1; k >= 0; k-- {
		a := anchors[k]
		if a.e.Span.End > start {
			continue
		}
		if a.e.Span.Start < from {
			break
		}
		if a.e.Value[:min(len(a.e.Value), len(day))] <= day && a.e.Granularity == timex.Day {
			return a, true
		}
	}
	return anchor{}, false
}

// newsPeg returns the story's news peg: the first day the article names
// within the week before its date ("on Thursday" in a Friday story),
// which the lead's undated events are about.
func newsPeg(anchors []anchor, story time.Time) (anchor, bool) {
	day := story.Format("2006-01-02")
	week := story.AddDate(0, 0, -7).Format("2006-01-02")
	for _, a := range anchors {
		if a.e.Granularity != timex.Day && a.e.Granularity != timex.Hour && a.e.Granularity != timex.Minute {
			continue
		}
		if v := a.e.Value[:min(len(a.e.Value), 10)]; v >= week && v <= day {
			return a, true
		}
	}
	return anchor{}, false
}

// leadSentences returns the index of the last sentence of the lead: the
// first sentence of the body that is not a headline or a date line (it
// ends with a period and is not the first line of the text), after the
// date line ending at byte header.
func leadSentences(d *doc.Document, header int) int {
	for si, s := range d.Sentences {
		if s.Span.Start < header {
			continue
		}
		t := strings.TrimSpace(d.Text[s.Span.Start:s.Span.End])
		if strings.HasSuffix(t, ".") && len(t) > 60 {
			return si
		}
	}
	return -1
}

// dateOf returns an event's date and granularity from a time expression:
// its calendar part, and day, month, year or approximate.
func dateOf(e timex.Expr) (string, string) {
	v := e.Value
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	switch e.Granularity {
	case timex.Day, timex.Hour, timex.Minute:
		return v, "day"
	case timex.Month:
		return v, "month"
	case timex.Year:
		return v, "year"
	}
	return v, "approximate"
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
