// Package extract runs the whole path from an article's text to its
// events: segmentation and parsing, actor resolution, event coding.
package extract

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/geo"
	"github.com/dyadproject/dyad/internal/lang"
	"github.com/dyadproject/dyad/internal/mention"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/timex"
)

// Extractor turns articles into events. It is immutable and safe for
// concurrent use.
type Extractor struct {
	seg      *segment.Segmenter
	syn      *syntax.Analyzer
	resolver *actor.Resolver
	coder    *coder.Coder
	timex    *timex.Tagger // nil: events keep the story date
	geo      *geo.Resolver // nil: events have no location
	borders  *geo.Borders  // nil: no event is placed on a border
}

// New returns an extractor over the given stages; tx and gr may be nil.
func New(seg *segment.Segmenter, syn *syntax.Analyzer, r *actor.Resolver, c *coder.Coder, tx *timex.Tagger, gr *geo.Resolver) *Extractor {
	return &Extractor{seg: seg, syn: syn, resolver: r, coder: c, timex: tx, geo: gr}
}

// Article is an article to code.
type Article struct {
	ID    string
	Title string
	Text  string
	// Date is a story date the caller imposes (dyad extract --date); zero
	// means find one. DateFrom says where it came from; "" means "given".
	Date     time.Time
	DateFrom string
	// Published is the publication time the source states (a web page's
	// metadata, a feed item's pubDate, a record's date field): the story
	// date unless Date is given, before the article's header.
	// PublishedFrom names the source ("metadata", "feed", "record").
	Published     doc.Timestamp
	PublishedFrom string
	// Crawled is when an archive fetched the article (WARC-Date): the
	// story date only when nothing else, the header included, gives one.
	Crawled time.Time
	// Warnings about reading the article, reported with its result.
	Warnings []string
}

// Result is what dyad found in one article.
type Result struct {
	Article string `json:"article"`
	Date    string `json:"date"`
	// DateFrom is "given", "metadata" (the web page), "feed" (the item's
	// pubDate), "record" (a JSON, CSV, Reuters or TimeML record's date),
	// "text" (the header), "crawl" (an archive's WARC-Date) or "today".
	DateFrom string `json:"date_from"`
	// Language is the ISO 639-3 code of the article's language when the
	// detector is sure of it ("eng"); an article reliably in another
	// language is kept with a warning and not coded.
	Language string `json:"language,omitempty"`
	// Published is the publication time with the precision and zone the
	// source states ("2024-04-12T20:12:00", "2024-04-12T20:12:00+03:30"),
	// when it states a clock time.
	Published string `json:"published,omitempty"`
	// Dateline is the place the story was filed from ("TEHRAN-"), nil
	// when it has none. It places no event (docs/geo.md).
	Dateline *geo.Toponym        `json:"dateline,omitempty"`
	Events   []event.Event       `json:"events"`
	Warnings []string            `json:"warnings,omitempty"`
	Doc      *doc.Document       `json:"-"`
	Mentions [][]mention.Mention `json:"-"`
}

// storyDate sets the result's story date and says where it came from, in
// order of trust: a date the caller gives, the time the source states (page
// metadata or feed item), the article's header, the archive's crawl time,
// and today as a last resort, with a warning.
func storyDate(a Article, res *Result) time.Time {
	var ts doc.Timestamp
	switch {
	case !a.Date.IsZero():
		res.DateFrom = a.DateFrom
		if res.DateFrom == "" {
			res.DateFrom = "given"
		}
		ts = doc.Timestamp{Time: a.Date}
	case !a.Published.IsZero():
		ts, res.DateFrom = a.Published, a.PublishedFrom
		if res.DateFrom == "" {
			res.DateFrom = "metadata"
		}
	default:
		if h, ok := StoryStamp(a.Text); ok {
			ts, res.DateFrom = h, "text"
		} else if !a.Crawled.IsZero() {
			ts, res.DateFrom = doc.Timestamp{Time: a.Crawled, Clock: true, Zone: true}, "crawl"
		} else {
			ts, res.DateFrom = doc.Timestamp{Time: time.Now().UTC()}, "today"
			res.Warnings = append(res.Warnings, "no story date in the article: events dated today")
		}
	}
	date := ts.Day()
	res.Date = date.Format("2006-01-02")
	if ts.Clock {
		res.Published = ts.String()
	}
	return date
}

// MaxArticleBytes is the longest text coded as one article; longer input
// is not a news article (a whole archive, a log) and is reported, not coded.
const MaxArticleBytes = 1 << 20

// Extract codes one article on the calling goroutine.
func (x *Extractor) Extract(ctx context.Context, a Article) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Article: a.ID, Warnings: slices.Clone(a.Warnings)}
	date := storyDate(a, res)
	if strings.TrimSpace(a.Text) == "" {
		res.Warnings = append(res.Warnings, "empty article")
		res.Events = []event.Event{}
		return res, nil
	}
	if len(a.Text) > MaxArticleBytes {
		res.Warnings = append(res.Warnings, fmt.Sprintf("article of %d bytes exceeds the %d-byte limit of one news article: not coded", len(a.Text), MaxArticleBytes))
		res.Events = []event.Event{}
		return res, nil
	}
	if !mostlyText(a.Text) {
		res.Warnings = append(res.Warnings, "article is not text (binary or another script): not coded")
		res.Events = []event.Event{}
		return res, nil
	}
	if code, sure := lang.Detect(a.Text); sure {
		res.Language = code
		if code != "eng" {
			res.Warnings = append(res.Warnings, fmt.Sprintf("article in language %s: kept, not coded (dyad codes English)", code))
			res.Events = []event.Event{}
			return res, nil
		}
	}
	d, cands := x.analyze(a.ID, a.Text)
	ms := x.resolver.ResolveWith(d, date, cands)
	res.Doc, res.Mentions = d, ms
	res.Events = x.coder.Code(d, ms, date)
	x.dateEvents(d, res.Events, date)
	res.Dateline = x.dateline(a.Text)
	x.locateEvents(d, res.Events, res.Dateline)
	if res.Events == nil {
		res.Events = []event.Event{}
	}
	return res, nil
}

// analyze segments and tags the text and parses the sentences that can
// hold an event: those with a pattern's trigger word that name an actor
// of the knowledge base, or whose sector nouns or pronouns may take a
// state named in the sentences just before, and that mention as many
// actors as an event needs (two, unless in monadic mode). Parsing is most
// of the cost, and most news sentences hold no event. Unknown proper
// names (provisional actors) are resolved in the sentences parsed, but do
// not make a sentence worth parsing. It returns the actor candidates of
// each sentence too, whose name lookups resolution reuses.
func (x *Extractor) analyze(id, text string) (*doc.Document, []actor.Candidates) {
	d := &doc.Document{ID: id, Text: text, Sentences: x.seg.Segment(text)}
	for i := range d.Sentences {
		x.syn.Tag(&d.Sentences[i])
	}
	worth, cands := x.worthParsing(d)
	for i, ok := range worth {
		if ok {
			x.syn.Parse(&d.Sentences[i])
		}
	}
	return d, cands
}

// worthParsing reports, for each sentence of a tagged document, whether
// it can hold an event (see analyze), and its actor candidates.
func (x *Extractor) worthParsing(d *doc.Document) ([]bool, []actor.Candidates) {
	out := make([]bool, len(d.Sentences))
	cands := make([]actor.Candidates, len(d.Sentences))
	lastKnown := -1 << 30
	for i := range d.Sentences {
		s := &d.Sentences[i]
		c := x.resolver.Candidates(s)
		cands[i] = c
		if c.Named {
			lastKnown = i
		}
		// A sector noun or a pronoun needs a state named in the sentences
		// just before to be an actor, but where a sector with no state is
		// one (PLOVER, community dictionaries).
		// The cheap test first: most sentences name no actor.
		out[i] = c.Max > 0 &&
			(c.Named || (x.coder.StatelessActors() && c.Sector) || (i-lastKnown <= actor.ContextWindow && (c.Sector || c.Refers))) &&
			x.mayHoldEvent(s, c)
	}
	return out, cands
}

// mayHoldEvent reports whether a tagged sentence with candidates c has a
// word a pattern could fire on and as many actors as such an event needs.
// Unlike the rest of worthParsing, which prefers known actors, it is a
// bound: a sentence it rejects holds no event however it is parsed.
func (x *Extractor) mayHoldEvent(s *doc.Sentence, c actor.Candidates) bool {
	ok, need := x.coder.Relevant(s)
	return ok && c.Max >= need
}

// mostlyText reports whether at least 60% of the letters of s are Latin,
// so that binary input and articles in other scripts are not coded.
func mostlyText(s string) bool {
	latin, other := 0, 0
	for i, r := range s {
		if i > 1<<16 {
			break
		}
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
				latin++
			} else if r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
				other++
			}
		case r <= 0x24F || r == '’' || r == '“' || r == '”' || r == '—' || r == '–':
			latin++
		default:
			other++
		}
	}
	return latin > 0 && latin*10 >= (latin+other)*6
}

var (
	monthDate = regexp.MustCompile(`\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (\d{1,2}),? (\d{4})\b`)
	dayMonth  = regexp.MustCompile(`\b(\d{1,2}) (Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,? (\d{4})\b`)
	isoDate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// StoryDate finds the publication date in an article's header: a date
// standing in the first lines ("April 12, 2024 - 20:12", "12 April 2024",
// "2024-04-12"). Dates in the body are events' dates, not the story's.
func StoryDate(text string) (time.Time, bool) {
	ts, ok := StoryStamp(text)
	return ts.Time, ok
}

// StoryStamp is StoryDate with the clock time the header gives after the
// date ("April 12, 2024 - 20:12", "12 April 2024 8:12 pm"). A header names
// no zone that dyad reads, so the time is the publisher's local time.
func StoryStamp(text string) (doc.Timestamp, bool) {
	l, t, end, _, ok := headerDate(text)
	if !ok {
		return doc.Timestamp{}, false
	}
	ts := doc.Timestamp{Time: t}
	if m := clockAfter.FindStringSubmatch(l[end:]); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		switch ap := strings.ToLower(strings.ReplaceAll(m[3], ".", "")); {
		case ap == "pm" && h < 12:
			h += 12
		case ap == "am" && h == 12:
			h = 0
		}
		if h < 24 {
			ts.Time, ts.Clock = t.Add(time.Duration(h)*time.Hour+time.Duration(mi)*time.Minute), true
		}
	}
	return ts, true
}

// headerDate finds the header line that dates the story: the first of
// the text's first nine lines (within 600 bytes) that is at most 120
// bytes long and holds a date. It returns the line trimmed, the date,
// where the date ends in the line, and where the line ends in the text.
func headerDate(text string) (line string, t time.Time, dateEnd, lineEnd int, ok bool) {
	off := 0
	for n, l := range strings.SplitAfter(text[:min(len(text), 600)], "\n") {
		if n > 8 {
			break
		}
		off += len(l)
		tl := strings.TrimSpace(l)
		if tl == "" || len(tl) > 120 {
			continue
		}
		if t, end, ok := parseDate(tl); ok {
			return tl, t, end, off, true
		}
	}
	return "", time.Time{}, 0, 0, false
}

// clockAfter is a clock time right after a header's date, across a dash,
// comma, "at" or a weekday's worth of filler.
var clockAfter = regexp.MustCompile(`^[\s,\-–—|/]*(?:at\s+)?(\d{1,2})[:.](\d{2})(?::\d{2})?\s*((?i:[ap]\.?m\.?))?(?:\W|$)`)

// parseDate reads the first date of a header line and where it ends.
func parseDate(l string) (time.Time, int, bool) {
	if m := monthDate.FindStringSubmatchIndex(l); m != nil {
		if t, err := time.Parse("Jan 2 2006", l[m[2]:m[2]+3]+" "+l[m[4]:m[5]]+" "+l[m[6]:m[7]]); err == nil {
			return t, m[1], true
		}
	}
	if m := dayMonth.FindStringSubmatchIndex(l); m != nil {
		if t, err := time.Parse("2 Jan 2006", l[m[2]:m[3]]+" "+l[m[4]:m[4]+3]+" "+l[m[6]:m[7]]); err == nil {
			return t, m[1], true
		}
	}
	if m := isoDate.FindStringIndex(l); m != nil {
		if t, err := time.Parse("2006-01-02", l[m[0]:m[1]]); err == nil {
			return t, m[1], true
		}
	}
	return time.Time{}, 0, false
}
