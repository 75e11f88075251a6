package doc

import "time"

// Timestamp is a time as a source states it: a day, or a day and a clock
// time, with or without a time zone. News metadata comes in all three
// shapes ("2024-04-12", "April 12, 2024 - 20:12", "Fri, 12 Apr 2024
// 20:12:00 +0330"), and the story date is the day in the publisher's own
// zone, so a timestamp keeps the wall clock it was written with instead of
// converting it to UTC.
type Timestamp struct {
	// Time is the stated wall clock, in the stated zone (a fixed zone
	// named after the abbreviation or offset), or in UTC when no zone is
	// stated. Midnight when only a day is stated.
	Time  time.Time
	Clock bool // a time of day is stated
	Zone  bool // a time zone or UTC offset is stated
}

// IsZero reports whether no time is known.
func (t Timestamp) IsZero() bool { return t.Time.IsZero() }

// Day returns the stated day as midnight UTC: the calendar day the
// publisher's readers saw, whatever the zone.
func (t Timestamp) Day() time.Time {
	y, m, d := t.Time.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// String formats the timestamp in ISO 8601 with exactly the precision
// stated: "2024-04-12", "2024-04-12T20:12:00" (local time, zone not
// stated) or "2024-04-12T20:12:00+03:30"; "" for the zero timestamp.
func (t Timestamp) String() string {
	switch {
	case t.IsZero():
		return ""
	case !t.Clock:
		return t.Time.Format("2006-01-02")
	case !t.Zone:
		return t.Time.Format("2006-01-02T15:04:05")
	}
	return t.Time.Format(time.RFC3339)
}
