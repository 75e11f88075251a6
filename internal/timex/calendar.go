package timex

import (
	"fmt"
	"time"
)

// The TIMEX3 value formats of each granularity.

func dayValue(t time.Time) string { return t.Format("2006-01-02") }

func monthValue(y int, m time.Month) string { return fmt.Sprintf("%04d-%02d", y, int(m)) }

func yearValue(y int) string { return fmt.Sprintf("%04d", y) }

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func quarterValue(y, q int) string { return fmt.Sprintf("%04d-Q%d", y, q) }

func halfValue(y, h int) string { return fmt.Sprintf("%04d-H%d", y, h) }

func seasonValue(y int, s string) string { return fmt.Sprintf("%04d-%s", y, s) }

// date is the calendar day of t at noon UTC, so that adding days never
// crosses a daylight-saving boundary.
func date(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
}

// quarterOf returns the quarter (1–4) of month m.
func quarterOf(m time.Month) int { return (int(m)-1)/3 + 1 }

// validDay reports whether y-m-d is a day of the calendar.
func validDay(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999 {
		return false
	}
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Day() == d
}

// shift moves t by n units (negative: into the past).
func shift(t time.Time, n int, u unit) time.Time {
	switch u {
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek:
		return t.AddDate(0, 0, 7*n)
	case uMonth:
		return t.AddDate(0, n, 0)
	case uQuarter:
		return t.AddDate(0, 3*n, 0)
	case uYear:
		return t.AddDate(n, 0, 0)
	case uDecade:
		return t.AddDate(10*n, 0, 0)
	case uCentury:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// unitValue is the value of the unit u that contains t: its day, week,
// month, quarter, year, decade or century.
func unitValue(t time.Time, u unit) (string, Granularity) {
	switch u {
	case uDay:
		return dayValue(t), Day
	case uWeek:
		return weekValue(t), Week
	case uMonth:
		return monthValue(t.Year(), t.Month()), Month
	case uQuarter:
		return quarterValue(t.Year(), quarterOf(t.Month())), Quarter
	case uYear:
		return yearValue(t.Year()), Year
	case uDecade:
		return fmt.Sprintf("%03d", t.Year()/10), Decade
	case uCentury:
		return fmt.Sprintf("%02d", t.Year()/100), Century
	}
	return "", ""
}

// nearestWeekday returns the day with weekday wd relative to the
// document day d: the first after d in the future tense, the latest on or
// before d in the past tense, and with no tense the latest unless the next
// is one or two days ahead (measured on TimeBank and AQUAINT).
func nearestWeekday(d time.Time, wd time.Weekday, tense string) time.Time {
	if tense == "future" {
		n := (int(wd) - int(d.Weekday()) + 7) % 7
		if n == 0 {
			n = 7
		}
		return d.AddDate(0, 0, n)
	}
	n := (int(d.Weekday()) - int(wd) + 7) % 7
	if tense == "" && n > 4 {
		return d.AddDate(0, 0, 7-n) // one or two days ahead: the coming one
	}
	return d.AddDate(0, 0, -n)
}

// yearFor returns the year of month m (and day dd, 0 for none) relative to
// the document day d: the first occurrence on or after d in the future
// tense, else the latest on or before d, unless the next one is at most
// four months ahead (news tells of what happened, and announces what comes
// in the next months: "a vote in January" in a story of late October;
// four months rather than two is what TimeBank and AQUAINT date best).
func yearFor(d time.Time, m time.Month, dd int, tense string) int {
	whole := dd == 0 // a month: the document's month is its own
	if whole {
		dd = 15
	}
	y := d.Year()
	this := time.Date(y, m, min(dd, 28), 12, 0, 0, 0, time.UTC)
	if whole && sameMonth(this, d) {
		return y
	}
	if tense == "future" {
		if this.Before(d) {
			return y + 1
		}
		return y
	}
	next, prev := y, y
	if this.Before(d) {
		next = y + 1
	} else if this.After(d) {
		prev = y - 1
	}
	if time.Date(next, m, min(dd, 28), 12, 0, 0, 0, time.UTC).Sub(d) <= 122*24*time.Hour {
		return next
	}
	return prev
}

func sameMonth(a, b time.Time) bool { return a.Year() == b.Year() && a.Month() == b.Month() }
