package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

// Tagger finds and normalizes time expressions. It holds no state: the
// grammar is code and its word lists are read-only.
type Tagger struct{}

// New returns a Tagger.
func New() (*Tagger, error) { return &Tagger{}, nil }

// FindWith is Find with options.
func (t *Tagger) FindWith(text string, dct time.Time, o Options) []Expr {
	ts := tokenize(text)
	c := &scan{ts: ts, tense: o.Tense}
	if !dct.IsZero() {
		c.dct, c.known = date(dct), true
	}
	var out []Expr
	for i := 0; i < len(ts); {
		m, ok := c.best(i)
		if !ok {
			i++
			continue
		}
		first := c.modifiers(i, &m)
		if m.typ == Duration && !m.adjective && first > 0 && ts[first-1].low == "the" && (m.value[len(m.value)-1] == 'Y' || m.value[len(m.value)-1] == 'M') && ts[first].low != "the" {
			first-- // "the nine months", "the first nine months"
		}
		e := Expr{
			Span: spanOf(ts, first, i+m.n), Type: m.typ, Value: m.value, Mod: m.mod,
			Quant: m.quant, Freq: m.freq, Granularity: m.gran, Anchored: m.anchored,
		}
		e.Text = text[e.Span.Start:e.Span.End]
		out = append(out, e)
		if m.gran == Quarter && strings.Contains(m.value, "-Q") && !m.fromLast {
			c.lastQ = m.value
		}
		if m.typ == Date && m.gran == Day {
			if d, err := time.Parse("2006-01-02", m.value); err == nil {
				c.lastDay = date(d)
			}
		}
		if m.typ == Date && !m.anchored && len(m.value) >= 4 {
			if y, err := strconv.Atoi(m.value[:4]); err == nil {
				switch {
				case m.gran == Year && c.lastYear != 0 && abs(y-c.lastYear) > 20 && (c.aside == 0 || abs(y-c.aside) > 20):
					c.aside = y // "documents found in 2004" in a history of 1920: the time narrated once a second year confirms it
				case m.gran == Year && !c.lastDay.IsZero() && c.lastDay.Year() == c.lastYear && y != c.lastYear && !c.opensSentence(first):
					// "10 March 1975 … a campaign planned for 1976 … on 11 March": a year named
					// inside a sentence after a full day does not move the narrative
				default:
					c.lastYear, c.aside = y, 0 // a year the text gives, not one inferred
				}
				if c.known && abs(y-c.dct.Year()) >= 2 {
					c.opensFar = len(out) == 1 && e.Span.Start < 40
					c.far++
				} else {
					c.near++
				}
			}
		} else if m.anchored && m.gran == Day && !m.yearless && !m.relayed {
			c.near++ // "yesterday", "on Thursday": the document's own time
		}
		i += m.n
	}
	return out
}

// opensSentence reports whether the expression at token i begins its
// sentence, alone or after one word ("In 1976, …", "By 1976 …", "1976
// saw …").
func (c *scan) opensSentence(i int) bool {
	return i == 0 || c.tok(i-1).sentEnd || i == 1 || c.tok(i-2).sentEnd
}

// match is a grammar rule's reading of tokens [i, i+n).
type match struct {
	n          int
	typ        Type
	value, mod string
	quant      string
	freq       string
	gran       Granularity
	anchored   bool
	adjective  bool // a hyphenated modifier: "two-year", "third-quarter"
	// yearless is a month or day the text names without its year
	// ("12 September"): its year was inferred, so it tells nothing of
	// the time the text narrates.
	yearless bool
	// fromLast is a value read from the last one the text named ("a year
	// earlier" in a quarterly report, "that quarter"): it does not
	// replace it.
	fromLast bool
	// relayed is a day counted from the last day the text named ("two
	// days later", "the next day"), not from the document's: it tells
	// nothing of the time the text narrates either.
	relayed bool
}

// scan is the state of one Find: the tokens and the document day.
type scan struct {
	ts    []token
	dct   time.Time
	known bool   // dct is set
	tense string // forced tense, "" to guess
	lastQ string // the last quarter named ("1989-Q3"), for "a year earlier" in a quarterly report
	// lastDay is the last day named, the reference of a narrative's
	// relative times ("On January 16 … Two days later …", "the next
	// day"); zero before the first.
	lastDay time.Time
	// lastYear is the year of the last date or year named, 0 before the
	// first; far and near count the years named two or more from the
	// document's and the others (with the days named relative to it):
	// a text that names mostly far years narrates another time.
	lastYear int
	aside    int // a year named far from the last, not yet the time narrated
	// opensFar is a text whose first expression, in its first 40 bytes,
	// is a year far from the document's: a heading ("1936  Coup leader
	// Sanjurjo was killed on 20 July"), enough to tell a history alone.
	opensFar  bool
	far, near int
}

// yearRef returns the day a month or day without a year is placed
// against: the document's, unless the text narrates another time (a
// history, a retrospective: at least two of the years it names are two
// or more from the document's, four times as many as the others, and so
// is the last), then the last day or year it named. Days named without a
// year do not count as the document's time. The thresholds keep TimeBank
// and AQUAINT as they were and raise WikiWars' value accuracy from 0.61
// to 0.86.
func (c *scan) yearRef() time.Time {
	if c.lastYear == 0 || abs(c.lastYear-c.dct.Year()) < 2 || c.far < 2 && !c.opensFar || c.far <= 4*c.near {
		return c.dct
	}
	if !c.lastDay.IsZero() && c.lastDay.Year() == c.lastYear {
		return c.lastDay
	}
	return time.Date(c.lastYear, 12, 31, 12, 0, 0, 0, time.UTC)
}

// yearOf returns the year of month m (and day d, 0 for none) named
// without one: in a text that narrates another time, the year it
// narrates; else the year yearFor gives against the document's day.
func (c *scan) yearOf(m time.Month, d int, tense string) int {
	ref := c.yearRef()
	if ref.Equal(c.dct) {
		return yearFor(ref, m, d, tense)
	}
	return ref.Year()
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// reference returns the day a narrative time counts from: the last day
// named, else the document's.
func (c *scan) reference() time.Time {
	if !c.lastDay.IsZero() {
		return c.lastDay
	}
	return c.dct
}

// tok returns token i, or an empty token past either end.
func (c *scan) tok(i int) token {
	if i < 0 || i >= len(c.ts) {
		return token{}
	}
	return c.ts[i]
}

// best returns the longest reading of the tokens from i.
func (c *scan) best(i int) (match, bool) {
	var best match
	for _, rule := range [...]func(int) (match, bool){
		c.numericDate, c.monthDate, c.dayMonth, c.weekday, c.deictic, c.relative,
		c.agoDate, c.duration, c.yearOrDecade, c.quarter, c.season, c.clockTime, c.set, c.holiday,
		c.theYear, c.spokenYear, c.yearEnd, c.anaphor, c.century, c.conjoinedDay,
	} {
		if m, ok := rule(i); ok && m.n > best.n {
			best = m
		}
	}
	return best, best.n > 0
}

// modifiers extends m with the modifiers before token i ("early", "more
// than", "the end of") and returns the expression's first token.
func (c *scan) modifiers(i int, m *match) int {
	first := i
	p := c.tok(i - 1)
	if p.low == "-" && p.end == c.tok(i).start {
		p = c.tok(i - 2)
		if mod := preMods[p.low]; mod == "MID" || mod == "START" || mod == "END" {
			m.mod = mod // "mid-1990s"
			return i - 2
		}
		return first
	}
	if p.low == "of" {
		q := [2]string{c.tok(i - 3).low, c.tok(i - 2).low}
		if mod, ok := twoWordMods[q]; ok && (mod == "START" || mod == "END") {
			m.mod = mod
			return i - 3
		}
		if c.tok(i-2).low == "middle" && c.tok(i-3).low == "the" {
			m.mod = "MID"
			return i - 3
		}
		return first
	}
	if mod, ok := twoWordMods[[2]string{c.tok(i - 2).low, p.low}]; ok && mod != "START" && mod != "END" && m.typ == Duration {
		m.mod = mod
		return i - 2
	}
	if mod, ok := preMods[p.low]; ok {
		switch mod {
		case "START", "END", "MID":
			if m.typ == Date && m.gran != Day && m.gran != Vague {
				m.mod = mod
				return i - 1
			}
		default:
			if m.typ == Duration || m.anchored && strings.Contains(c.tok(i+m.n-1).low, "ago") {
				m.mod = mod
				return i - 1
			}
		}
	}
	return first
}

func spanOf(ts []token, i, j int) doc.Span { return doc.Span{Start: ts[i].start, End: ts[j-1].end} }

// number reads token i as a count: digits or a number word ("3",
// "three", "a"); vague counts ("several") are "X".
func (c *scan) number(i int) (string, int, bool) {
	t := c.tok(i)
	switch {
	case t.kind == num:
		n, err := strconv.Atoi(strings.ReplaceAll(t.text, ",", ""))
		if err != nil || n <= 0 || n > 10000 {
			return "", 0, false
		}
		return strconv.Itoa(n), n, true
	case t.kind == word:
		if t.low == "a" || t.low == "couple" {
			switch nx := c.tok(i + 1).low; {
			case t.low == "a" && nx == "few":
				return "X", 0, true // "a few days"
			case t.low == "a" && nx == "couple", t.low == "couple" && nx == "of":
				return "2", 2, true // "a couple of years"
			}
		}
		if n, ok := numbers[t.low]; ok {
			if t.low == "hundred" || t.low == "dozen" {
				return "", 0, false
			}
			// "twenty-five", "twenty four"
			if n >= 20 && n < 100 && c.tok(i+1).low == "-" && t.glued {
				if u, ok := numbers[c.tok(i+2).low]; ok && u < 10 {
					return strconv.Itoa(n + u), n + u, true
				}
			}
			if u := c.tok(i + 1).low; n >= 20 && n < 100 && isDigitWord(u) {
				return strconv.Itoa(n + numbers[u]), n + numbers[u], true
			}
			return strconv.Itoa(n), n, true
		}
		if vagueNumbers[t.low] {
			return "X", 0, true
		}
	}
	return "", 0, false
}

// numberLen is how many tokens the count at i takes.
func (c *scan) numberLen(i int) int {
	t := c.tok(i)
	if t.kind == word && c.tok(i+1).low == "-" && t.glued {
		if _, ok := numbers[c.tok(i+2).low]; ok {
			return 3
		}
	}
	if n := numbers[t.low]; t.kind == word && n >= 20 && n < 100 && isDigitWord(c.tok(i+1).low) {
		return 2 // "twenty four"
	}
	if t.low == "a" && (c.tok(i+1).low == "few" || c.tok(i+1).low == "couple") {
		if c.tok(i+1).low == "couple" && c.tok(i+2).low == "of" {
			return 3 // "a couple of"
		}
		return 2
	}
	if t.low == "couple" && c.tok(i+1).low == "of" {
		return 2
	}
	return 1
}

// isDigitWord reports whether w is one of "one" to "nine".
func isDigitWord(w string) bool {
	n := numbers[w]
	return n >= 1 && n <= 9 && w != "a" && w != "an"
}

// dayNumber reads token i as a day of the month ("16", "16th").
func dayNumber(t token) (int, bool) {
	if t.kind != num {
		return 0, false
	}
	s := strings.TrimRight(t.low, "stndrh")
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	d, err := strconv.Atoi(s)
	return d, err == nil && d >= 1 && d <= 31
}

// yearNumber reads token t as a four-digit year.
func yearNumber(t token) (int, bool) {
	if t.kind != num || len(t.text) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(t.text)
	return y, err == nil && y >= 1000 && y <= 2199
}

// month reads token i as a month name, refusing "may" and "march" where
// they are a verb or noun: they must be capitalized and next to a day,
// a year or a word that introduces a date.
func (c *scan) month(i int) (time.Month, bool) {
	t := c.tok(i)
	m, ok := months[t.low]
	if !ok {
		return 0, false
	}
	if t.low == "may" || t.low == "march" || t.low == "sept" || t.low == "jan" || t.low == "dec" {
		if !isUpperStart(t.text) {
			return 0, false
		}
		_, day := dayNumber(c.tok(i + 1))
		_, year := yearNumber(c.tok(i + 1))
		_, dayBefore := dayNumber(c.tok(i - 1))
		if !day && !year && !dayBefore && !dateWords[c.tok(i-1).low] {
			return 0, false
		}
	}
	return m, true
}

// dateWords introduce a month name that is a date.
var dateWords = map[string]bool{"in": true, "since": true, "until": true, "till": true, "early": true,
	"late": true, "mid": true, "last": true, "next": true, "this": true, "of": true, "by": true,
	"during": true, "from": true, "through": true, "before": true, "after": true, "-": true}

// guessTense returns the tense of the words around tokens [i, j): that
// of the nearest tense cue within the sentence and eight tokens, else ""
// (unknown).
func (c *scan) guessTense(i, j int) string {
	if c.tense != "" {
		return c.tense
	}
	left, right := true, true
	for d := 1; d <= 8 && (left || right); d++ {
		for _, k := range [2]int{i - d, j - 1 + d} {
			if k < i && !left || k >= j && !right {
				continue
			}
			t := c.tok(k)
			if t.text == "" || k < i && t.sentEnd {
				if k < i {
					left = false
				} else {
					right = false
				}
				continue
			}
			switch {
			case futureCues[t.low]:
				return "future"
			case pastCues[t.low]:
				return "past"
			}
			if k >= j && t.sentEnd {
				right = false
			}
		}
	}
	return ""
}

// numericDate reads "2024-01-16", "2024/01/16" and "01/16/2024".
func (c *scan) numericDate(i int) (match, bool) {
	t := c.tok(i)
	if t.kind != num {
		return match{}, false
	}
	var y, m, d int
	if n, _ := fmt.Sscanf(t.text, "%4d-%2d-%2d", &y, &m, &d); n == 3 && len(t.text) == 10 {
	} else if n, _ := fmt.Sscanf(t.text, "%4d/%2d/%2d", &y, &m, &d); n == 3 && len(t.text) == 10 {
	} else if n, _ := fmt.Sscanf(t.text, "%d/%d/%d", &m, &d, &y); n == 3 && strings.Count(t.text, "/") == 2 {
		if y < 100 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
	} else {
		return match{}, false
	}
	if !validDay(y, time.Month(m), d) {
		return match{}, false
	}
	return match{n: 1, typ: Date, value: dayValue(time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)), gran: Day}, true
}

// monthDate reads "January 16", "Jan. 16, 2024", "January 2024", "January
// of 2024" and "January".
func (c *scan) monthDate(i int) (match, bool) {
	m, ok := c.month(i)
	if !ok {
		return match{}, false
	}
	j := i + 1
	if d, ok := dayNumber(c.tok(j)); ok {
		return c.dayWithYear(i, j+1, m, d)
	}
	k := j
	if c.tok(k).low == "of" || c.tok(k).text == "," {
		k++
	}
	if v, n, ok := c.bcYear(k); ok && n == 2 {
		return match{n: k + n - i, typ: Date, value: fmt.Sprintf("%s-%02d", v, int(m)), gran: Month}, true // "April 480 BC"
	}
	if y, n, ok := c.yearAt(k); ok {
		return match{n: k + n - i, typ: Date, value: monthValue(y, m), gran: Month}, true
	}
	if y, n, ok := c.relativeYear(k); ok {
		return match{n: k + n - i, typ: Date, value: monthValue(y, m), gran: Month, anchored: true}, true // "June last year"
	}
	if !c.known {
		return match{n: j - i, typ: Date, value: fmt.Sprintf("XXXX-%02d", int(m)), gran: Month}, true
	}
	y := c.yearOf(m, 0, c.guessTense(i, j))
	return match{n: j - i, typ: Date, value: monthValue(y, m), gran: Month, anchored: true}, true
}

// inferDay is month m, day d with the year inferred from the document
// day, over n tokens from i.
func (c *scan) inferDay(i, n int, m time.Month, d int) (match, bool) {
	if !c.known {
		if d > 31 {
			return match{}, false
		}
		return match{n: n, typ: Date, value: fmt.Sprintf("XXXX-%02d-%02d", int(m), d), gran: Day}, true
	}
	y := c.yearOf(m, d, c.guessTense(i, i+n))
	if !validDay(y, m, d) {
		return match{}, false
	}
	return match{n: n, typ: Date, value: dayValue(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)), gran: Day, anchored: true, yearless: true}, true
}

// dayMonth reads "16 January", "16th of January 2024".
func (c *scan) dayMonth(i int) (match, bool) {
	d, ok := dayNumber(c.tok(i))
	if !ok {
		return match{}, false
	}
	j := i + 1
	if c.tok(j).low == "of" {
		j++
	}
	m, ok := c.month(j)
	if !ok {
		return match{}, false
	}
	return c.dayWithYear(i, j+1, m, d)
}

// conjoinedDay reads a day named by its number alone next to a full
// date: "6" of "6-7 January 1916" or "from 15 to 22 February", "5" of
// "May 4 and 5" (after the day just named).
func (c *scan) conjoinedDay(i int) (match, bool) {
	d, ok := dayNumber(c.tok(i))
	if !ok {
		return match{}, false
	}
	if dayJoiners[c.tok(i+1).low] {
		if m, ok := c.dayMonth(i + 2); ok && m.gran == Day && len(m.value) == 10 {
			if y, mo := m.value[:4], m.value[5:7]; validDayValue(y, mo, d) {
				return match{n: 1, typ: Date, value: fmt.Sprintf("%s-%s-%02d", y, mo, d), gran: Day, anchored: m.anchored}, true
			}
		}
	}
	if p, ok := dayNumber(c.tok(i - 2)); ok && dayJoiners[c.tok(i-1).low] && !c.lastDay.IsZero() && c.lastDay.Day() == p && d > p {
		if l := c.lastDay; validDay(l.Year(), l.Month(), d) {
			return match{n: 1, typ: Date, value: dayValue(time.Date(l.Year(), l.Month(), d, 12, 0, 0, 0, time.UTC)), gran: Day, anchored: true, fromLast: true}, true
		}
	}
	return match{}, false
}

// dayJoiners join two days of a month ("4 and 5", "15 to 22", "6-7").
var dayJoiners = map[string]bool{"and": true, "or": true, "to": true, "through": true, "-": true, "–": true}

// validDayValue reports whether year y and month m, as a TIMEX3 value
// writes them, and day d are a day of the calendar.
func validDayValue(y, m string, d int) bool {
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	return err1 == nil && err2 == nil && validDay(yy, time.Month(mm), d)
}

// dayWithYear reads the year that may follow a day and month read over
// tokens [i, j) (", 2024"), else infers it.
func (c *scan) dayWithYear(i, j int, m time.Month, d int) (match, bool) {
	k := j
	if c.tok(k).text == "," {
		k++
	}
	if y, n, ok := c.yearAt(k); ok && validDay(y, m, d) {
		return match{n: k + n - i, typ: Date, value: dayValue(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)), gran: Day}, true
	}
	if y, n, ok := c.relativeYear(j); ok && validDay(y, m, d) {
		// "June 5 last year"
		return match{n: j + n - i, typ: Date, value: dayValue(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)), gran: Day, anchored: true}, true
	}
	return c.inferDay(i, j-i, m, d)
}

// weekday reads "Thursday", "Thursday night", "last Thursday".
func (c *scan) weekday(i int) (match, bool) {
	t := c.tok(i)
	wd, ok := weekdays[t.low]
	if !ok {
		return match{}, false
	}
	if len(t.low) <= 4 && !isUpperStart(t.text) { // "sat.", "sun." in lower case
		return match{}, false
	}
	n := 1
	part := ""
	if p, ok := partsOfDay[c.tok(i+1).low]; ok {
		n, part = 2, p
	}
	// "Saturday, April 25", "Friday Oct. 13": the date the text gives
	k := i + n
	if c.tok(k).text == "," {
		k++
	}
	for _, rule := range [...]func(int) (match, bool){c.monthDate, c.dayMonth} {
		if d, ok := rule(k); ok && d.gran == Day && d.typ == Date {
			d.n += k - i
			return d, true
		}
	}
	if !c.known {
		return match{n: n, typ: Date, value: fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)), gran: Day}, true
	}
	d := nearestWeekday(c.dct, wd, c.guessTense(i, i+n))
	if next := c.dct.AddDate(0, 0, 1); next.Weekday() == wd {
		// the day after the story's: news names tomorrow by its weekday,
		// and six days back as "last Thursday" (TimeBank, AQUAINT: 11 to 2)
		d = next
	}
	m := match{n: n, typ: Date, value: dayValue(d), gran: Day, anchored: true}
	if part == "AF" || part == "EV" {
		// "Thursday evening" is a time; TimeBank and AQUAINT date
		// "Friday night" and "Tuesday morning" by their day
		m.typ, m.value = Time, m.value+"T"+part
	}
	return m, true
}

func isoWeekday(wd time.Weekday) int {
	if wd == time.Sunday {
		return 7
	}
	return int(wd)
}

// deictic reads "today", "yesterday morning", "tonight", "now",
// "recently", "the future", "these days".
func (c *scan) deictic(i int) (match, bool) {
	t := c.tok(i)
	if v, ok := refWords[t.low]; ok {
		if t.text == "Now" && (i == 0 || c.tok(i-1).sentEnd) && c.tok(i+1).text == "," {
			return match{}, false // "Now, …": a discourse marker
		}
		return match{n: 1, typ: Date, value: v, gran: Vague}, true
	}
	if t.low == "year" && c.tok(i+1).low == "-" && t.glued && (c.tok(i+2).low == "earlier" || c.tok(i+2).low == "ago") && c.known {
		// "the year-earlier quarter", "year-ago profit": a year before
		n := 3
		if nx := c.tok(i + 3).low; nx == "quarter" || nx == "period" {
			q := c.dct.AddDate(-1, -3, 0)
			return match{n: 4, typ: Date, value: quarterValue(q.Year(), quarterOf(q.Month())), gran: Quarter, anchored: true}, true
		}
		if v, ok := c.quarterYearBefore(); ok {
			return match{n: n, typ: Date, value: v, gran: Quarter, anchored: true, fromLast: true}, true
		}
		return match{n: n, typ: Date, value: yearValue(c.dct.Year() - 1), gran: Year, anchored: true}, true
	}
	switch t.low {
	case "the", "in":
		nx := c.tok(i + 1).low
		switch {
		case nx == "future" && t.low == "the":
			return match{n: 2, typ: Date, value: "FUTURE_REF", gran: Vague}, true
		case nx == "near" && c.tok(i+2).low == "future":
			return match{n: 3, typ: Date, value: "FUTURE_REF", gran: Vague}, true
		case nx == "past" && t.low == "the" && !c.isCount(i+2):
			return match{n: 2, typ: Date, value: "PAST_REF", gran: Vague}, true
		case nx == "present" && t.low == "the":
			return match{n: 2, typ: Date, value: "PRESENT_REF", gran: Vague}, true
		case (nx == "near" || nx == "short") && c.tok(i+2).low == "term" && t.low == "the":
			return match{n: 3, typ: Date, value: "FUTURE_REF", gran: Vague}, true // "in the near term"
		}
		return match{}, false
	case "current":
		// "current market conditions": the present (TimeBank tags the
		// adjective); "the then current price" and the "current account"
		// of a balance of payments are not
		if nx := c.tok(i + 1); nx.kind == word && c.tok(i-1).low != "then" && nx.low != "account" && nx.low != "accounts" {
			return match{n: 1, typ: Date, value: "PRESENT_REF", gran: Vague}, true
		}
		return match{}, false
	case "recent":
		// "in recent years": the past
		if u := units[c.tok(i+1).low]; u >= uDay && strings.HasSuffix(c.tok(i+1).low, "s") {
			return match{n: 2, typ: Date, value: "PAST_REF", gran: Vague}, true
		}
		return match{}, false
	case "these", "those":
		if c.tok(i+1).low == "days" {
			v := "PRESENT_REF"
			if t.low == "those" {
				v = "PAST_REF"
			}
			return match{n: 2, typ: Date, value: v, gran: Vague}, true
		}
		return match{}, false
	}
	var off int
	switch t.low {
	case "today":
		off = 0
	case "yesterday":
		off = -1
	case "tomorrow":
		off = 1
	case "tonight":
		if !c.known {
			return match{n: 1, typ: Time, value: "XXXX-XX-XXTNI", gran: Day}, true
		}
		return match{n: 1, typ: Time, value: dayValue(c.dct) + "TNI", gran: Day, anchored: true}, true
	default:
		return match{}, false
	}
	if !c.known {
		return match{n: 1, typ: Date, value: "XXXX-XX-XX", gran: Day}, true
	}
	m := match{n: 1, typ: Date, value: dayValue(c.dct.AddDate(0, 0, off)), gran: Day, anchored: true}
	if p, ok := partsOfDay[c.tok(i+1).low]; ok {
		m.n, m.typ, m.value = 2, Time, m.value+"T"+p
	}
	return m, true
}

// isCount reports whether token i begins a count ("two", "3", "several").
func (c *scan) isCount(i int) bool {
	_, _, ok := c.number(i)
	return ok
}

// relative reads "last week", "this year", "next month", "the coming
// weeks", "last November", "this morning", "earlier this year", "the
// latest quarter", "the past three years" (a duration).
func (c *scan) relative(i int) (match, bool) {
	t := c.tok(i)
	j := i
	if t.low == "earlier" || t.low == "later" {
		// "earlier this year": the year, its start (TimeML's convention);
		// "later in the year": the end of the year narrated
		k, base := i+2, c.dct
		switch {
		case c.tok(i+1).low == "this":
		case c.tok(i+1).low == "in" && c.tok(i+2).low == "the":
			k, base = i+3, c.yearRef()
		default:
			return match{}, false
		}
		// "in the" takes a month or year, not "earlier in the day"
		if u := units[c.tok(k).low]; u >= uDay && !strings.HasSuffix(c.tok(k).low, "s") && c.known && (k == i+2 || u >= uMonth) {
			v, g := unitValue(base, u)
			mod := "START"
			if t.low == "later" {
				mod = "END"
			}
			return match{n: k + 1 - i, typ: Date, value: v, gran: g, mod: mod, anchored: true}, true
		}
		return match{}, false
	}
	if t.low == "the" {
		j++
	}
	dir := 0
	switch c.tok(j).low {
	case "last", "past", "previous", "preceding":
		dir = -1
	case "next", "coming", "following":
		dir = 1
	case "this", "current", "present":
		if t.low == "the" && c.tok(j).low == "this" {
			return match{}, false
		}
		if c.tok(j).low == "this" && c.tok(j+1).low == "past" {
			j, dir = j+1, -1 // "this past weekend"
		}
	case "latest", "most": // "the latest quarter", "the most recent quarter"
		if t.low != "the" {
			return match{}, false
		}
		if c.tok(j).low == "most" {
			if c.tok(j+1).low != "recent" {
				return match{}, false
			}
			j++
		}
		if p := c.tok(j + 1).low; (p == "quarter" || p == "period" && c.lastQ != "") && c.known {
			// "the latest period" of a quarterly report is its quarter
			q := c.dct.AddDate(0, -3, 0)
			return match{n: j + 2 - i, typ: Date, value: quarterValue(q.Year(), quarterOf(q.Month())), gran: Quarter, anchored: true}, true
		}
		return match{}, false
	default:
		if t.low == "the" && c.tok(j).low == "weekend" && c.known {
			d := c.dct
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				if c.guessTense(i, j+1) == "future" {
					d = d.AddDate(0, 0, int(time.Saturday-wd))
				} else {
					d = d.AddDate(0, 0, -int(wd)-1) // the Saturday before
				}
			}
			y, w := d.ISOWeek()
			return match{n: 2, typ: Date, value: fmt.Sprintf("%04d-W%02d-WE", y, w), gran: Week, anchored: true}, true
		}
		if u := units[c.tok(j).low]; t.low == "the" && (u == uYear || u == uMonth || u == uWeek) && c.tok(i-1).low == "of" && c.known {
			switch c.tok(i - 2).low {
			case "end", "beginning", "start", "middle", "rest":
				// "the end of the year": this year, or the narrated one
				v, g := unitValue(c.yearRef(), u)
				return match{n: 2, typ: Date, value: v, gran: g, anchored: true}, true
			}
		}
		if u := units[c.tok(j).low]; t.low == "the" && u >= uDay && strings.HasSuffix(c.tok(j).low, "s") && c.tok(j+1).low == "ahead" {
			// "the weeks ahead": a vague span
			return match{n: 3, typ: Duration, value: durationPart("X", u, false)}, true
		}
		if t.low == "the" && c.tok(j).low == "quarter" && c.known {
			// "the quarter" in a report: the last completed quarter
			q := c.dct.AddDate(0, -3, 0)
			return match{n: 2, typ: Date, value: quarterValue(q.Year(), quarterOf(q.Month())), gran: Quarter, anchored: true}, true
		}
		return match{}, false
	}
	k := j + 1
	// "the past three years", "the next few weeks": durations
	if dir != 0 && c.isCount(k) {
		n, _, _ := c.number(k)
		k += c.numberLen(k)
		if u := units[c.tok(k).low]; u != uNone {
			return match{n: k + 1 - i, typ: Duration, value: countValue(n, u)}, true
		}
		return match{}, false
	}
	if dir != 0 && (c.tok(k).low == "weeks" || c.tok(k).low == "months" || c.tok(k).low == "years" || c.tok(k).low == "days") {
		// "the coming weeks", "the past years": a vague span
		return match{n: k + 1 - i, typ: Duration, value: durationPart("X", units[c.tok(k).low], false)}, true
	}
	if !c.known {
		return match{}, false
	}
	nx := c.tok(k)
	if u := units[nx.low]; (u == uDecade || u == uCentury) && nx.low != "decades" && nx.low != "centuries" && c.tok(j).low != "last" && c.tok(j).low != "previous" {
		// "the past decade", "the next decade", "this century": a span
		// of ten or a hundred years counted from now (AQUAINT, WikiWars)
		v := "P10Y"
		if u == uCentury {
			v = "P100Y" // as AQUAINT writes "this century", twice
		}
		return match{n: k + 1 - i, typ: Duration, value: v}, true
	}
	if u := units[nx.low]; u >= uDay && !strings.HasSuffix(nx.low, "s") || nx.low == "fortnight" {
		base := c.dct
		if t.low == "the" && dir != 0 {
			base = c.reference() // "the next day", "the previous week": of the day just named
			if u >= uYear && c.lastYear != 0 && base.Year() != c.lastYear {
				// "in 1776 … the next year": of the year just named
				base = time.Date(c.lastYear, 7, 1, 12, 0, 0, 0, time.UTC)
			}
		}
		d := shift(base, dir, u)
		v, g := unitValue(d, u)
		return match{n: k + 1 - i, typ: Date, value: v, gran: g, anchored: true, relayed: !base.Equal(c.dct)}, true
	}
	if nx.low == "weekend" {
		d := c.dct.AddDate(0, 0, 7*dir)
		y, w := d.ISOWeek()
		return match{n: k + 1 - i, typ: Date, value: fmt.Sprintf("%04d-W%02d-WE", y, w), gran: Week, anchored: true}, true
	}
	if s, ok := seasons[nx.low]; ok {
		y := yearOfMonth(c.dct, seasonMonth[s], dir)
		return match{n: k + 1 - i, typ: Date, value: seasonValue(y, s), gran: Season, anchored: true}, true
	}
	if m, ok := months[nx.low]; ok && isUpperStart(nx.text) {
		y := yearOfMonth(c.dct, m, dir)
		return match{n: k + 1 - i, typ: Date, value: monthValue(y, m), gran: Month, anchored: true}, true
	}
	if wd, ok := weekdays[nx.low]; ok {
		var d time.Time
		switch dir {
		case -1:
			d = nearestWeekday(c.dct.AddDate(0, 0, -1), wd, "past")
		case 1:
			d = nearestWeekday(c.dct, wd, "future")
		default:
			d = nearestWeekday(c.dct, wd, c.guessTense(i, k+1))
		}
		return match{n: k + 1 - i, typ: Date, value: dayValue(d), gran: Day, anchored: true}, true
	}
	if p, ok := partsOfDay[nx.low]; ok && dir <= 0 && c.tok(j).low != "present" {
		d := c.dct
		if dir < 0 {
			d = d.AddDate(0, 0, -1) // "last night"
		}
		return match{n: k + 1 - i, typ: Time, value: dayValue(d) + "T" + p, gran: Day, anchored: true}, true
	}
	return match{}, false
}

// agoDate reads "two days ago", "a year earlier", "three weeks later",
// "two years from now".
func (c *scan) agoDate(i int) (match, bool) {
	n, count, ok := c.number(i)
	if !ok {
		return match{}, false
	}
	k := i + c.numberLen(i)
	u := units[c.tok(k).low]
	if u < uDay {
		return match{}, false
	}
	dir := 0
	end := k + 2
	switch c.tok(k + 1).low {
	case "ago", "earlier", "before":
		dir = -1
	case "later", "hence":
		dir = 1
	case "from":
		if c.tok(k+2).low == "now" {
			dir, end = 1, k+3
		}
	}
	if dir == 0 || c.tok(k+1).low == "before" && c.tok(k+2).kind != punct {
		return match{}, false
	}
	if n == "X" {
		// "several years ago", "a few weeks later": some time before or
		// after, TimeML's PAST_REF and FUTURE_REF
		v := "PAST_REF"
		if dir > 0 {
			v = "FUTURE_REF"
		}
		return match{n: end - i, typ: Date, value: v, gran: Vague}, true
	}
	if !c.known {
		return match{n: end - i, typ: Date, value: "XXXX-XX-XX", gran: Day}, true
	}
	if u == uYear && count == 1 && dir < 0 {
		// "third-quarter profit rose 10% from a year earlier": that
		// quarter a year before
		if v, ok := c.quarterYearBefore(); ok {
			return match{n: end - i, typ: Date, value: v, gran: Quarter, anchored: true, fromLast: true}, true
		}
	}
	base := c.dct
	if w := c.tok(k + 1).low; w == "later" || w == "earlier" || w == "before" {
		base = c.reference() // "two days later": after the day just named
	}
	v, g := unitValue(shift(base, dir*count, u), u)
	return match{n: end - i, typ: Date, value: v, gran: g, anchored: true, relayed: !base.Equal(c.dct)}, true
}

// thisYear reads "this year", "last year", "next year" at token i,
// returning the year it names.
func (c *scan) thisYear(i int) (int, bool) {
	d, ok := yearShifts[c.tok(i).low]
	if !ok || !c.known || c.tok(i+1).low != "year" {
		return 0, false
	}
	return c.dct.Year() + d, true
}

// yearShifts are the years "this", "last" and "next" year are from the
// document's.
var yearShifts = map[string]int{"this": 0, "last": -1, "next": 1}

// possessiveYear reads "this year's", "last year's", "next year's" at
// token i, returning the year and the number of tokens.
func (c *scan) possessiveYear(i int) (int, int, bool) {
	y, ok := c.thisYear(i)
	if !ok || c.tok(i+2).text != "'" && c.tok(i+2).text != "’" || c.tok(i+3).low != "s" {
		return 0, 0, false
	}
	return y, 4, true
}

// relativeYear reads "last year", "this year", "next year" after a month
// or day ("June last year", "May 5 of next year"), returning the year and
// the number of tokens; not "last year's".
func (c *scan) relativeYear(i int) (int, int, bool) {
	j := i
	if c.tok(j).low == "of" {
		j++
	}
	y, ok := c.thisYear(j)
	if a := c.tok(j + 2).text; !ok || a == "'" || a == "’" || a == "-" {
		return 0, 0, false
	}
	return y, j + 2 - i, true
}

// isYear reports whether token i is a four-digit year.
func (c *scan) isYear(i int) bool {
	_, ok := yearNumber(c.tok(i))
	return ok
}

// splitQuarter reads a quarter's value, "1989-Q3".
func splitQuarter(v string) (int, int, error) {
	var y, q int
	if n, err := fmt.Sscanf(v, "%4d-Q%d", &y, &q); n != 2 {
		return 0, 0, fmt.Errorf("quarter %q: %w", v, err)
	}
	return y, q, nil
}

// quarterYearBefore returns the quarter a year before the last one the
// text named: a quarterly report compares each figure with the same
// quarter of the year before ("profit rose 10% from a year earlier", "the
// year-ago period"), whether or not its sentence says "quarter"
// (TimeBank).
func (c *scan) quarterYearBefore() (string, bool) {
	y, q, err := splitQuarter(c.lastQ)
	if err != nil {
		return "", false
	}
	return quarterValue(y-1, q), true
}

// duration reads "three years", "two-year", "24 hours", "several weeks",
// "the first nine months", "a decade", "for years" ("years").
func (c *scan) duration(i int) (match, bool) {
	j := i
	if c.tok(j).low == "the" && c.tok(j+1).low == "first" {
		j += 2 // "the first nine months"
	}
	if c.tok(i).low == "half" && (c.tok(i+1).low == "a" || c.tok(i+1).low == "an") {
		// "half a century", "half an hour"
		if v, ok := halfOf[units[c.tok(i+2).low]]; ok && !strings.HasSuffix(c.tok(i+2).low, "s") {
			return match{n: 3, typ: Duration, value: v}, true
		}
	}
	n, _, ok := c.number(j)
	if !ok {
		// "for years", "for decades": a vague span
		t := c.tok(i)
		if u := units[t.low]; u >= uDay && strings.HasSuffix(t.low, "s") && (c.tok(i-1).low == "for" || c.tok(i-1).low == "in" && c.tok(i+1).kind == punct) {
			return match{n: 1, typ: Duration, value: durationPart("X", u, false)}, true
		}
		if u := units[t.low]; u >= uMinute && u != uQuarter && t.glued && c.tok(i+1).text == "-" && c.tok(i+2).low == "long" {
			// "day-long", "decades-long": a span of one or some
			n := "1"
			if strings.HasSuffix(t.low, "s") {
				n = "X"
			}
			return match{n: 3, typ: Duration, value: countValue(n, u), adjective: true}, true
		}
		return match{}, false
	}
	k := j + c.numberLen(j)
	half := false
	switch {
	case c.tok(k).text == "1/2" && n != "X":
		k, half = k+1, true // "2 1/2 years"
	case c.tok(k).low == "and" && c.tok(k+1).low == "a" && c.tok(k+2).low == "half" && n != "X":
		k, half = k+3, true // "two and a half years"
	}
	if w := c.tok(k).low; (w == "more" || w == "additional" || w == "extra" || w == "trading" || w == "business" || w == "working") && units[c.tok(k+1).low] != uNone {
		k++ // "two more weeks", "an additional year", "eight trading days"
	}
	adj := false
	if c.tok(k).low == "-" && c.tok(k-1).glued {
		k++ // "two-year"
		adj = true
	}
	u := units[c.tok(k).low]
	if u == uNone || u == uQuarter && (adj || c.tok(k).low == "quarter" && c.tok(k+1).low == "of") {
		return match{}, false // "three-quarters", "a quarter of the market"
	}
	if c.tok(k+1).low == "-" && c.tok(k).glued && c.tok(k+2).low == "old" || c.tok(k+1).low == "old" {
		return match{}, false // "a 6-year-old", "three years old": an age
	}
	if u == uSecond && c.tok(k).low == "second" && c.tok(k+1).kind == word && !afterSecond[c.tok(k+1).low] || u == uQuarter && j > 0 && c.tok(j-1).low == "the" && c.tok(j).kind == num {
		return match{}, false // "a second attack": the ordinal
	}
	if a := c.tok(j).low; (a == "a" || a == "an") && k == j+1 && (strings.HasSuffix(c.tok(k).low, "s") || c.tok(k).glued && c.tok(k+1).text == "-" && c.tok(k+2).low == "long") {
		return match{}, false // "a decades-long feud", "a day-long strike": the adjective alone
	}
	if c.tok(j).low == "a" || c.tok(j).low == "an" {
		// "a year" after a count or money is a rate ("$5 a year", "twice a year")
		if p := c.tok(j - 1); p.kind == num || p.low == "twice" || p.low == "times" || p.low == "once" {
			return match{}, false
		}
	}
	if !half && c.tok(k+1).low == "and" && c.tok(k+2).low == "a" && c.tok(k+3).low == "half" && n != "X" {
		if v, ok := halfDuration(n, u); ok {
			return match{n: k + 4 - i, typ: Duration, value: v}, true // "a minute and a half"
		}
	}
	if half {
		v, ok := halfDuration(n, u)
		if !ok {
			return match{}, false
		}
		return match{n: k + 1 - i, typ: Duration, value: v, adjective: adj}, true
	}
	if c.tok(k).low == "fortnight" && n != "X" {
		v, _ := strconv.Atoi(n)
		n = strconv.Itoa(2 * v)
	}
	return match{n: k + 1 - i, typ: Duration, value: countValue(n, u), adjective: adj}, true
}

// theYear reads "the year", "the fiscal year", "the full year": the
// year of the text's time; "the year ended June 30" is a year's span
// (TimeBank's convention for a financial year); "the year 1950" and "the
// year two thousand" are that year.
func (c *scan) theYear(i int) (match, bool) {
	if c.tok(i).low != "the" {
		return match{}, false
	}
	j := i + 1
	for w := c.tok(j).low; (w == "fiscal" || w == "full" || w == "current" || w == "calendar") && j < i+3; w = c.tok(j).low {
		j++ // "the current fiscal year"
	}
	if c.tok(j).low != "year" || c.tok(j).glued && c.tok(j+1).kind == punct && c.tok(j+1).text != "," && c.tok(j+1).text != "." {
		return match{}, false // "the year-earlier", "the year's"
	}
	k := j + 1
	if y, n, ok := c.yearAt(k); ok && j == i+1 {
		return match{n: k + n - i, typ: Date, value: yearValue(y), gran: Year}, true
	}
	switch c.tok(k).low {
	case "ended", "ending", "ends", "through", "to":
		return match{n: k - i, typ: Duration, value: "P1Y"}, true
	case "before", "after", "earlier", "later", "ago", "in", "of":
		return match{}, false // "the year before": of another time
	}
	if p := c.tok(i - 1).low; !c.known || !yearCues[p] && p != "for" && p != "over" {
		return match{}, false // "for the year", not "as we close the year"
	}
	return match{n: k - i, typ: Date, value: yearValue(c.yearRef().Year()), gran: Year, anchored: true}, true
}

// yearAt reads the year at token i, in digits or in words, returning it
// and its length in tokens.
func (c *scan) yearAt(i int) (int, int, bool) {
	if y, ok := yearNumber(c.tok(i)); ok {
		return y, 1, true
	}
	return c.spokenYearAt(i)
}

// yearEnd reads "by year-end", "around year end", "by year's end": the
// end of the year of the text's time.
func (c *scan) yearEnd(i int) (match, bool) {
	t := c.tok(i)
	if t.low != "year" || !c.known {
		return match{}, false
	}
	if p := c.tok(i - 1).low; !yearCues[p] && p != "at" && p != "for" {
		return match{}, false // "year-end net": a modifier
	}
	n := 1
	switch a := c.tok(i + 1).text; {
	case a == "-" && t.glued:
		n++
	case (a == "'" || a == "’") && c.tok(i+2).low == "s":
		n += 2 // "year's end"
	}
	if c.tok(i+n).low != "end" {
		return match{}, false
	}
	return match{n: n + 1, typ: Date, value: yearValue(c.yearRef().Year()), mod: "END", gran: Year, anchored: true}, true
}

// anaphor reads "that year", "the same day", "that quarter", "later that
// year", "earlier that day": the year, day or quarter the text named
// last.
func (c *scan) anaphor(i int) (match, bool) {
	j := i
	if w := c.tok(j).low; w == "earlier" || w == "later" {
		j++
	}
	switch {
	case c.tok(j).low == "that" && c.tok(j+1).low == "same":
		j += 2
	case c.tok(j).low == "that":
		j++
	case c.tok(j).low == "the" && c.tok(j+1).low == "same":
		j += 2
	default:
		return match{}, false
	}
	m := match{n: j + 1 - i, typ: Date, anchored: true, fromLast: true}
	switch c.tok(j).low {
	case "year":
		switch {
		case c.lastYear != 0:
			m.value = yearValue(c.lastYear)
		case !c.lastDay.IsZero():
			m.value = yearValue(c.lastDay.Year())
		default:
			return match{}, false
		}
		m.gran = Year
	case "day":
		if c.lastDay.IsZero() {
			return match{}, false
		}
		m.value, m.gran = dayValue(c.lastDay), Day
	case "quarter":
		if c.lastQ == "" {
			return match{}, false
		}
		m.value, m.gran = c.lastQ, Quarter
	default:
		p, ok := partsOfDay[c.tok(j).low]
		if !ok || c.lastDay.IsZero() {
			return match{}, false
		}
		m.typ, m.value, m.gran = Time, dayValue(c.lastDay)+"T"+p, Day // "that night"
	}
	return m, true
}

// century reads "the 20th century", "the nineteenth century": TIMEX3's
// two digits of its hundreds ("19").
func (c *scan) century(i int) (match, bool) {
	j := i
	if c.tok(j).low == "the" {
		j++
	}
	if c.tok(j+1).low != "century" {
		return match{}, false
	}
	t := c.tok(j)
	n, ok := ordinalWords[t.low]
	if !ok && t.kind == num {
		n, ok = dayNumber(t) // "20th"
		ok = ok && strings.TrimLeft(t.low, "0123456789") != ""
	}
	if !ok || n < 1 {
		return match{}, false
	}
	if bcWords[c.tok(j+2).low] {
		// "the 4th century BC": BC03, the hundreds of its years
		return match{n: j + 3 - i, typ: Date, value: fmt.Sprintf("BC%02d", n-1), gran: Century}, true
	}
	return match{n: j + 2 - i, typ: Date, value: fmt.Sprintf("%02d", n-1), gran: Century}, true
}

// ordinalWords are the ordinals of centuries written out.
var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}

// spokenYear reads a year written in words, "nineteen ninety-six".
func (c *scan) spokenYear(i int) (match, bool) {
	y, n, ok := c.spokenYearAt(i)
	if !ok {
		return match{}, false
	}
	return match{n: n, typ: Date, value: yearValue(y), gran: Year}, true
}

// spokenYearAt reads the year in words at token i: "nineteen
// ninety-six", "nineteen eighty", "two thousand" (after "the year"
// only: the caller checks), returning it and its length in tokens.
func (c *scan) spokenYearAt(i int) (int, int, bool) {
	t := c.tok(i)
	if t.low == "two" && c.tok(i+1).low == "thousand" && c.tok(i-1).low == "year" {
		return 2000, 2, true
	}
	if t.low != "nineteen" && t.low != "eighteen" {
		return 0, 0, false
	}
	tens, ok := numbers[c.tok(i+1).low]
	if !ok || tens < 20 || tens > 90 || tens%10 != 0 {
		return 0, 0, false
	}
	y, n := numbers[t.low]*100+tens, 2
	if c.tok(i+2).text == "-" && c.tok(i+1).glued {
		if u, ok := numbers[c.tok(i+3).low]; ok && u >= 1 && u <= 9 && c.tok(i+3).low != "a" && c.tok(i+3).low != "an" {
			y, n = y+u, 4
		}
	}
	return y, n, true
}

// afterSecond are the words that may follow "a second" the unit; any
// other word makes it the ordinal ("a second attack").
var afterSecond = map[string]bool{"ago": true, "later": true, "earlier": true, "before": true,
	"after": true, "or": true, "and": true, "of": true, "to": true, "in": true, "for": true}

// countValue is the duration of n units, decades in years ("two
// decades" is P20Y, as TimeBank writes it).
func countValue(n string, u unit) string {
	if u == uDecade && n != "X" {
		v, _ := strconv.Atoi(n)
		return "P" + strconv.Itoa(10*v) + "Y"
	}
	return durationPart(n, u, false)
}

// halfOf is the duration of half a unit.
var halfOf = map[unit]string{uCentury: "P50Y", uDecade: "P5Y", uYear: "P6M", uDay: "PT12H",
	uHour: "PT30M", uMinute: "PT30S"}

// halfDuration is the duration of n and a half units ("2 1/2 years" is
// P2Y6M), for the units whose half is a whole number of the next.
func halfDuration(n string, u unit) (string, bool) {
	switch u {
	case uYear:
		return "P" + n + "Y6M", true
	case uDay:
		return "P" + n + "DT12H", true
	case uHour:
		return "PT" + n + "H30M", true
	case uMinute:
		return "PT" + n + "M30S", true
	}
	return "", false
}

// yearOrDecade reads "1998" where it is a year (after "in", "since",
// "fiscal" …, or before "'s"), "the 1990s", "the '90s".
func (c *scan) yearOrDecade(i int) (match, bool) {
	t := c.tok(i)
	if t.kind == num && len(t.text) == 5 && strings.HasSuffix(t.low, "s") {
		if y, err := strconv.Atoi(t.text[:4]); err == nil && y%10 == 0 && y >= 1000 && y < 2200 {
			n := 1
			if y%100 == 0 { // "the 1800s": the century
				return match{n: n, typ: Date, value: fmt.Sprintf("%02d", y/100), gran: Century}, true
			}
			return match{n: n, typ: Date, value: fmt.Sprintf("%03d", y/10), gran: Decade}, true
		}
	}
	if t.text == "'" || t.text == "’" {
		if d := c.tok(i + 1); d.kind == num && len(d.text) == 3 && strings.HasSuffix(d.low, "s") && t.glued {
			if y, err := strconv.Atoi(d.text[:2]); err == nil && y%10 == 0 {
				return match{n: 2, typ: Date, value: fmt.Sprintf("19%d", y/10), gran: Decade}, true
			}
		}
		return match{}, false
	}
	if d, ok := decadeWords[c.tok(i+1).low]; ok && t.low == "the" {
		return match{n: 2, typ: Date, value: fmt.Sprintf("19%d", d), gran: Decade}, true // "the nineties": of the 1900s
	}
	if t.low == "fiscal" {
		j := i + 1
		if c.tok(j).low == "year" {
			j++
		}
		if y, ok := yearNumber(c.tok(j)); ok {
			return match{n: j + 1 - i, typ: Date, value: yearValue(y), gran: Year}, true
		}
		return match{}, false
	}
	if v, n, ok := c.bcYear(i); ok {
		return match{n: n, typ: Date, value: v, gran: Year}, true
	}
	y, ok := yearNumber(t)
	if !ok {
		if p := c.tok(i - 1); t.kind == num && len(t.text) == 2 && p.text == "-" && p.glued && c.tok(i-1).start == c.tok(i-2).end {
			// the end of a range of years, "1915-17"
			if first, ok := yearNumber(c.tok(i - 2)); ok {
				if n, err := strconv.Atoi(t.text); err == nil {
					return match{n: 1, typ: Date, value: yearValue(first/100*100 + n), gran: Year}, true
				}
			}
		}
		return match{}, false
	}
	p, nx := c.tok(i-1), c.tok(i+1)
	if countNouns[nx.low] || zones[nx.low] || nx.low == "hours" || nx.low == "hrs" || nx.low == "%" || nx.low == "percent" || p.text == "$" || p.text == "#" {
		return match{}, false // "1500 soldiers", "$1990"
	}
	if p.low == "-" && p.glued && preMods[c.tok(i-2).low] != "" {
		return match{n: 1, typ: Date, value: yearValue(y), gran: Year}, true // "mid-1996"
	}
	if yearCues[p.low] || nx.text == "'" && c.tok(i+2).low == "s" || preMods[p.low] != "" ||
		p.text == "," && months[c.tok(i-2).low] > 0 || nx.low == "-" || p.low == "-" && c.tok(i-2).kind == num {
		return match{n: 1, typ: Date, value: yearValue(y), gran: Year}, true
	}
	if yearDeterminers[p.low] && y >= 1800 && !(nx.kind == word && strings.HasSuffix(nx.low, "s") && !isUpperStart(nx.text)) {
		// "the 1996 Olympics", "a 1971 convention"; not "the 2000 troops"
		return match{n: 1, typ: Date, value: yearValue(y), gran: Year}, true
	}
	if (p.kind == punct || p.text == "") && (nx.kind == punct || nx.text == "") && y > 1900 {
		return match{n: 1, typ: Date, value: yearValue(y), gran: Year}, true
	}
	// News writes counts of a thousand and more with a comma ("2,000
	// troops"), so a bare 1500–2099 is a year unless money, a percentage,
	// a clock time ("1500 GMT") or a counted noun goes with it.
	if y >= 1500 && y < 2100 {
		return match{n: 1, typ: Date, value: yearValue(y), gran: Year}, true
	}
	return match{}, false
}

// bcYear reads "480 BC" (TIMEX3 "BC0480") and the first year of a
// range of them ("499-493 BC"), returning the value and the number of
// tokens read.
func (c *scan) bcYear(i int) (string, int, bool) {
	t := c.tok(i)
	if t.kind != num || len(t.text) > 4 {
		return "", 0, false
	}
	y, err := strconv.Atoi(t.text)
	if err != nil || y <= 0 {
		return "", 0, false
	}
	v := fmt.Sprintf("BC%04d", y)
	if bcWords[c.tok(i+1).low] {
		return v, 2, true
	}
	if d := c.tok(i + 1).text; (d == "-" || d == "–") && c.tok(i+2).kind == num && len(c.tok(i+2).text) <= 4 && bcWords[c.tok(i+3).low] {
		return v, 1, true
	}
	return "", 0, false
}

// bcWords follow a year before the common era.
var bcWords = map[string]bool{"bc": true, "b.c.": true, "bce": true, "b.c.e.": true}

// countNouns follow a number that counts them.
var countNouns = map[string]bool{"people": true, "troops": true, "soldiers": true, "workers": true,
	"jobs": true, "shares": true, "votes": true, "deaths": true, "cases": true, "members": true,
	"units": true, "cars": true, "homes": true, "houses": true, "barrels": true, "tons": true,
	"tonnes": true, "dollars": true, "residents": true, "refugees": true, "employees": true,
	"students": true, "children": true, "men": true, "women": true, "police": true, "officers": true,
	"prisoners": true, "civilians": true, "miles": true, "kilometers": true, "kilometres": true,
	"meters": true, "metres": true, "feet": true, "points": true, "pounds": true, "euros": true,
	"yuan": true, "yen": true, "rupees": true, "hectares": true, "acres": true, "delegates": true,
	"seats": true, "copies": true, "words": true, "pages": true, "rockets": true, "missiles": true}

// yearDeterminers may stand before a year used as a modifier.
var yearDeterminers = map[string]bool{"the": true, "a": true, "an": true, "that": true, "this": true,
	"its": true, "his": true, "her": true, "their": true, "our": true, "whose": true}

// yearCues introduce a bare year.
var yearCues = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true,
	"from": true, "during": true, "before": true, "after": true, "through": true, "between": true,
	"of": true, "to": true, "and": true, "early": true, "late": true, "mid": true, "summer": true,
	"spring": true, "fall": true, "autumn": true, "winter": true, "year": true, "around": true}

// quarter reads "the third quarter", "third-quarter", "the fourth quarter
// of 1997", "the first half".
func (c *scan) quarter(i int) (match, bool) {
	j := i
	if c.tok(j).low == "the" {
		j++
	}
	// "the 1988 third quarter", "this year's third quarter": the year
	// before the quarter
	y0, y0ok := yearNumber(c.tok(j))
	if y0ok {
		j++
	} else if y, n, ok := c.possessiveYear(j); ok {
		y0, y0ok = y, true
		j += n
	}
	q, ok := ordinals[c.tok(j).low]
	if w := c.tok(j).low; !ok && (w == "last" || w == "latter") && c.tok(j+1).low == "half" && (y0ok || c.tok(j+2).low == "of" && c.isYear(j+3)) {
		q, ok = 2, true // "the last half of 1989", "the latter half of 2008"
	}
	if !ok {
		if y0ok && j > i+1 && (c.tok(j).low == "quarter" || c.tok(j).low == "period") && c.lastQ != "" {
			// "the 1988 quarter" in a report on the third: that quarter of 1988
			if _, q, err := splitQuarter(c.lastQ); err == nil {
				return match{n: j + 1 - i, typ: Date, value: quarterValue(y0, q), gran: Quarter, fromLast: true}, true
			}
		}
		return match{}, false
	}
	k := j + 1
	if c.tok(k).low == "-" && c.tok(j).glued {
		k++
		if j > i {
			return match{}, false // "the third-quarter results": the adjective alone
		}
	}
	half := false
	switch c.tok(k).low {
	case "quarter":
	case "half":
		if q > 2 {
			return match{}, false
		}
		half = true
	default:
		return match{}, false
	}
	end := k + 1
	y, yok := y0, y0ok
	switch {
	case yok:
	case c.tok(end).low == "of":
		if y, yok = yearNumber(c.tok(end + 1)); yok {
			end += 2
		}
	default:
		if y, yok = yearNumber(c.tok(end)); yok {
			end++
		}
	}
	if !yok {
		if !c.known {
			return match{}, false
		}
		y = c.dct.Year()
		cur := quarterOf(c.dct.Month())
		if half {
			cur = (int(c.dct.Month())-1)/6 + 1
		}
		if q > cur && c.guessTense(i, end) != "future" {
			y--
		}
	}
	if half {
		return match{n: end - i, typ: Date, value: halfValue(y, q), gran: Quarter, anchored: !yok}, true
	}
	return match{n: end - i, typ: Date, value: quarterValue(y, q), gran: Quarter, anchored: !yok}, true
}

// season reads "this summer", "the summer of 1998", "winter 2024".
func (c *scan) season(i int) (match, bool) {
	j := i
	if c.tok(j).low == "the" {
		j++
	}
	s, ok := seasons[c.tok(j).low]
	if !ok || c.tok(j).low == "fall" && c.tok(j-1).low != "the" && c.tok(j-1).low != "last" && !c.isYear(j+1) {
		return match{}, false
	}
	k := j + 1
	if c.tok(k).low == "of" {
		k++
	}
	if v, n, ok := c.bcYear(k); ok && n == 2 {
		return match{n: k + n - i, typ: Date, value: v + "-" + s, gran: Season}, true // "the spring of 480 BC"
	}
	if y, n, ok := c.yearAt(k); ok {
		return match{n: k + n - i, typ: Date, value: seasonValue(y, s), gran: Season}, true
	}
	if j == i && !seasonCues[c.tok(i-1).low] || !c.known {
		return match{}, false // a bare "summer" is too often no date; "in summer" is one
	}
	y := c.dct.Year()
	if ref := c.yearRef(); !ref.Equal(c.dct) {
		y = ref.Year() // "the summer" of a history: of the year it narrates
	} else if seasonMonth[s] > c.dct.Month() && c.guessTense(i, j+1) != "future" {
		y--
	}
	return match{n: j + 1 - i, typ: Date, value: seasonValue(y, s), gran: Season, anchored: true}, true
}

// seasonCues introduce a season named without a determiner, "in
// winter", "during summer".
var seasonCues = map[string]bool{"in": true, "during": true, "by": true, "until": true, "since": true,
	"through": true, "throughout": true, "early": true, "late": true, "mid": true}

// clockTime reads "3 p.m.", "10:30 a.m.", "noon", "midnight", "9 o'clock".
func (c *scan) clockTime(i int) (match, bool) {
	t := c.tok(i)
	var h, m, k int
	gran := Minute
	switch t.low {
	case "noon", "midday":
		h, k, gran = 12, i+1, Hour
	case "midnight":
		h, k, gran = 24, i+1, Hour
	default:
		var ok bool
		if h, m, k, ok = c.clockReading(i); !ok {
			return match{}, false
		}
	}
	day := "XXXX-XX-XX"
	if c.known {
		day = dayValue(c.reference()) // "at 10:35 a.m.": of the day just named
	}
	// "5 p.m. EST, Nov. 9", "10 p.m. Wednesday", "noon Thursday": the
	// time of that day
	after := k
	if c.tok(after).text == "," {
		after++
	}
	for _, rule := range [...]func(int) (match, bool){c.weekday, c.monthDate, c.dayMonth, c.deictic} {
		if d, ok := rule(after); ok && d.gran == Day && d.typ == Date {
			day, k = d.value, after+d.n
			break
		}
	}
	return match{n: k - i, typ: Time, value: fmt.Sprintf("%sT%02d:%02d", day, h, m), gran: gran, anchored: c.known}, true
}

// clockReading reads the clock time at token i, "3 p.m.", "10:30 a.m.
// EST", "9 o'clock", "4 in the morning", "14:30 GMT", returning the hour,
// the minutes and the token after it.
func (c *scan) clockReading(i int) (h, m, k int, ok bool) {
	t := c.tok(i)
	if t.kind != num {
		return 0, 0, 0, false
	}
	hh, mm, colon := strings.Cut(t.text, ":")
	var err error
	if h, err = strconv.Atoi(hh); err != nil {
		return 0, 0, 0, false
	}
	if colon {
		if m, err = strconv.Atoi(mm); err != nil || len(mm) != 2 {
			return 0, 0, 0, false
		}
	}
	k = i + 1
	switch c.tok(k).low {
	case "a.m.", "am", "a.m":
		if h == 12 {
			h = 0
		}
	case "p.m.", "pm", "p.m":
		if h < 12 {
			h += 12
		}
	case "o'clock":
	case "in":
		// "4 in the morning", "8 in the evening"
		part := partsOfDay[c.tok(k+2).low]
		if c.tok(k+1).low != "the" || part == "" || h < 1 || h > 12 || strings.Contains(t.text, ":") {
			return 0, 0, 0, false
		}
		if part != "MO" && h < 12 {
			h += 12
		}
		k += 2
	case "hrs", "hr", "h":
		if !strings.Contains(t.text, ":") {
			return 0, 0, 0, false // "04:30hrs"
		}
	default:
		// a 24-hour time: "14:30 GMT", "at 19:15"
		if !strings.Contains(t.text, ":") || !zones[c.tok(k).low] && !clockCues[c.tok(i-1).low] {
			return 0, 0, 0, false
		}
		k--
	}
	if h > 24 || m > 59 {
		return 0, 0, 0, false
	}
	k++
	if zones[c.tok(k).low] {
		k++
	}
	return h, m, k, true
}

// clockCues introduce a 24-hour time written without a zone ("at 19:15").
var clockCues = map[string]bool{"at": true, "until": true, "till": true, "by": true, "from": true,
	"around": true, "before": true, "after": true}

// zones are time-zone abbreviations that belong to a clock time.
var zones = map[string]bool{"gmt": true, "utc": true, "est": true, "edt": true, "cst": true, "cdt": true,
	"pst": true, "pdt": true, "mst": true, "mdt": true, "cet": true, "bst": true, "et": true, "pt": true,
	"ct": true, "mt": true}

// set reads "every week", "each Friday", "daily", "twice a year".
func (c *scan) set(i int) (match, bool) {
	t := c.tok(i)
	if v, ok := setAdverbs[t.low]; ok {
		return match{n: 1, typ: Set, value: v}, true
	}
	if wd, ok := weekdays[strings.TrimSuffix(t.low, "s")]; ok && strings.HasSuffix(t.low, "days") && isUpperStart(t.text) {
		// "on Mondays": every one
		return match{n: 1, typ: Set, value: fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd))}, true
	}
	if wd, ok := weekdays[t.low]; ok && isUpperStart(t.text) {
		// "Tuesday nights": every one's night
		if p := c.tok(i + 1).low; p == "nights" || p == "mornings" || p == "evenings" || p == "afternoons" {
			return match{n: 2, typ: Set, value: fmt.Sprintf("XXXX-WXX-%dT%s", isoWeekday(wd), partsOfDay[strings.TrimSuffix(p, "s")])}, true
		}
	}
	if t.low == "weekends" && (c.tok(i-1).low == "on" || c.tok(i-1).low == "at") {
		return match{n: 1, typ: Set, value: "XXXX-WXX-WE"}, true // "on weekends"
	}
	if n, _, ok := c.number(i); ok && n != "X" && c.tok(i+c.numberLen(i)).low == "times" {
		// "three times a year"
		k := i + c.numberLen(i) + 1
		if w := c.tok(k).low; w == "a" || w == "per" || w == "an" {
			if u := units[c.tok(k+1).low]; u >= uDay && !strings.HasSuffix(c.tok(k+1).low, "s") {
				return match{n: k + 2 - i, typ: Set, value: durationPart("1", u, false), freq: n + "X"}, true
			}
		}
	}
	switch t.low {
	case "every", "each":
		nx := c.tok(i + 1).low
		if u := units[nx]; u >= uDay && !strings.HasSuffix(nx, "s") {
			return match{n: 2, typ: Set, value: durationPart("1", u, false), quant: strings.ToUpper(t.low)}, true
		}
		q := strings.ToUpper(t.low)
		if wd, ok := weekdays[nx]; ok {
			return match{n: 2, typ: Set, value: fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)), quant: q}, true
		}
		if m, ok := months[nx]; ok && isUpperStart(c.tok(i+1).text) {
			return match{n: 2, typ: Set, value: fmt.Sprintf("XXXX-%02d", int(m)), quant: q}, true // "each July"
		}
		if s, ok := seasons[nx]; ok {
			return match{n: 2, typ: Set, value: "XXXX-" + s, quant: q}, true // "every summer"
		}
		if p, ok := partsOfDay[nx]; ok {
			return match{n: 2, typ: Set, value: "XXXX-XX-XXT" + p, quant: q}, true // "every night"
		}
		if nx == "weekend" {
			return match{n: 2, typ: Set, value: "XXXX-WXX-WE", quant: q}, true
		}
		if n, _, ok := c.number(i + 1); ok && n != "X" && t.low == "every" {
			// "every two years"
			k := i + 1 + c.numberLen(i+1)
			if u := units[c.tok(k).low]; u >= uDay && strings.HasSuffix(c.tok(k).low, "s") {
				return match{n: k + 1 - i, typ: Set, value: durationPart(n, u, false), quant: q}, true
			}
		}
		return match{}, false
	case "once", "twice":
		f := map[string]string{"once": "1X", "twice": "2X"}[t.low]
		if c.tok(i+1).low == "a" || c.tok(i+1).low == "per" {
			if u := units[c.tok(i+2).low]; u >= uDay {
				return match{n: 3, typ: Set, value: durationPart("1", u, false), freq: f}, true
			}
		}
	}
	return match{}, false
}

// holiday reads fixed-date holidays.
func (c *scan) holiday(i int) (match, bool) {
	t := c.tok(i)
	var m time.Month
	var d, n int
	switch {
	case t.low == "christmas" && c.tok(i+1).low == "eve":
		m, d, n = 12, 24, 2
	case t.low == "christmas":
		m, d, n = 12, 25, 1
		if c.tok(i+1).low == "day" {
			n = 2
		}
	case t.low == "thanksgiving":
		n = 1
		if c.tok(i+1).low == "day" {
			n = 2
		}
		if !isUpperStart(t.text) {
			return match{}, false
		}
		y := 0
		if yy, ok := yearNumber(c.tok(i + n)); ok {
			y, n = yy, n+1
		} else if c.known {
			y = yearFor(c.dct, 11, 25, c.guessTense(i, i+n))
		} else {
			return match{n: n, typ: Date, value: "XXXX-11-XX", gran: Day}, true
		}
		first := time.Date(y, 11, 1, 12, 0, 0, 0, time.UTC)
		d := first.AddDate(0, 0, (int(time.Thursday)-int(first.Weekday())+7)%7+21)
		return match{n: n, typ: Date, value: dayValue(d), gran: Day, anchored: c.known}, true
	case t.low == "new" && c.tok(i+1).low == "year" && c.tok(i+2).text == "'" && c.tok(i+3).low == "s" && c.tok(i+4).low == "day":
		m, d, n = 1, 1, 5
	case t.low == "new" && c.tok(i+1).low == "year's" && c.tok(i+2).low == "day":
		m, d, n = 1, 1, 3
	default:
		return match{}, false
	}
	if !isUpperStart(t.text) {
		return match{}, false
	}
	if y, ok := yearNumber(c.tok(i + n)); ok {
		return match{n: n + 1, typ: Date, value: dayValue(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)), gran: Day}, true
	}
	return c.inferDay(i, n, m, d)
}

// yearOfMonth returns the year of the last (dir < 0) or next (dir > 0)
// month m, or season starting in m, as seen from dct: "last May" in a
// story of April 2024 is May 2023, "next May" May 2024.
func yearOfMonth(dct time.Time, m time.Month, dir int) int {
	y := dct.Year()
	switch {
	case dir < 0 && m >= dct.Month():
		y--
	case dir > 0 && m <= dct.Month():
		y++
	}
	return y
}
