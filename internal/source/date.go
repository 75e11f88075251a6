package source

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/itlightning/dateparse"

	"github.com/dyadproject/dyad/internal/doc"
)

// zone is a time-zone abbreviation's UTC offset in seconds.
type zone struct {
	offset    int
	ambiguous string // when the abbreviation names several zones: the one chosen
}

// zones are the abbreviations news feeds and pages write after a clock
// time. Go's parser knows only the abbreviations of the machine's own
// zone and reads every other one as UTC, which moves a story published
// after midnight in Tehran ("01:10 IRST") to the day before. Offsets are
// the standard ones (IANA tz database abbreviations). Where one
// abbreviation names several zones, the one news feeds use most is chosen
// and reported: IST is India's (Irish and Israel Standard Time share it),
// BST British Summer Time, CST the RFC 822 US Central, AST Arabia's.
var zones = map[string]zone{
	"UT": {0, ""}, "UTC": {0, ""}, "GMT": {0, ""}, "Z": {0, ""}, "WET": {0, ""},
	"WEST": {3600, ""}, "BST": {3600, "British Summer Time (+01:00)"}, "IST": {19800, "India Standard Time (+05:30)"},
	"CET": {3600, ""}, "CEST": {7200, ""}, "MET": {3600, ""}, "MEST": {7200, ""},
	"EET": {7200, ""}, "EEST": {10800, ""}, "MSK": {10800, ""}, "TRT": {10800, ""},
	"SAST": {7200, ""}, "CAT": {7200, ""}, "EAT": {10800, ""}, "WAT": {3600, ""},
	"IDT": {10800, ""}, "AST": {10800, "Arabia Standard Time (+03:00)"},
	"IRST": {12600, ""}, "IRDT": {16200, ""}, "GST": {14400, "Gulf Standard Time (+04:00)"},
	"AFT": {16200, ""}, "PKT": {18000, ""}, "NPT": {20700, ""}, "BDT": {21600, ""},
	"MMT": {23400, ""}, "ICT": {25200, ""}, "WIB": {25200, ""}, "HKT": {28800, ""},
	"SGT": {28800, ""}, "PHT": {28800, ""}, "PHST": {28800, ""}, "AWST": {28800, ""},
	"JST": {32400, ""}, "KST": {32400, ""}, "ACST": {34200, ""}, "AEST": {36000, ""},
	"AEDT": {39600, ""}, "NZST": {43200, ""}, "NZDT": {46800, ""},
	"EST": {-18000, ""}, "EDT": {-14400, ""}, "CST": {-21600, "US Central Standard Time (-06:00)"},
	"CDT": {-18000, ""}, "MST": {-25200, ""}, "MDT": {-21600, ""}, "PST": {-28800, ""},
	"PDT": {-25200, ""}, "AKST": {-32400, ""}, "AKDT": {-28800, ""}, "HST": {-36000, ""},
	"ART": {-10800, ""}, "BRT": {-10800, ""},
}

// errNoTime is returned for text that states no time.
var errNoTime = errors.New("no date")

// ParseTime reads a publication time as feeds, pages, archives and JSON
// exports write it: RFC 1123 and RFC 822 with a numeric offset or a zone
// abbreviation, ISO 8601 with or without a zone, a date alone, and the
// other layouts github.com/itlightning/dateparse knows (month first where
// a numeric date is ambiguous). The wall clock is kept in the zone stated
// (see doc.Timestamp). The warning, when not empty, says what was assumed:
// a zone abbreviation it does not know or one that names several zones.
// Years outside 1900–2199 are errors: no news is dated there, and a
// metadata field that says so is broken.
func ParseTime(s string) (ts doc.Timestamp, warning string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ts, "", errNoTime
	}
	if len(s) > 80 {
		return ts, "", fmt.Errorf("date %.40q…: too long for a date", s)
	}
	if strings.HasSuffix(s, " UT") { // RFC 822's name for UTC
		s += "C"
	}
	layout, err := dateparse.ParseFormat(s, dateparse.SimpleErrorMessages(true))
	if err != nil {
		return ts, "", fmt.Errorf("date %q: not a date", s)
	}
	t, err := dateparse.ParseIn(s, time.UTC, dateparse.SimpleErrorMessages(true))
	if err != nil {
		return ts, "", fmt.Errorf("date %q: %w", s, err)
	}
	if y := t.Year(); y < 1900 || y >= 2200 {
		return ts, "", fmt.Errorf("date %q: year %d out of range", s, y)
	}
	ts.Time, ts.Clock = t, strings.Contains(layout, ":")
	switch {
	case strings.Contains(layout, "-07") || strings.Contains(layout, "Z07"):
		ts.Zone = true // a numeric offset, which the parser applies
	case strings.Contains(layout, "MST"):
		name, _ := t.Zone()
		z, loc := zoneNamed(name)
		if loc == nil {
			ts.Time = wallIn(t, time.UTC)
			return ts, fmt.Sprintf("date %q: unknown time zone %q, read as the publisher's local time", s, name), nil
		}
		ts.Zone, ts.Time = true, wallIn(t, loc)
		if z.ambiguous != "" {
			warning = fmt.Sprintf("date %q: %s names several time zones, read as %s", s, name, z.ambiguous)
		}
	case strings.HasSuffix(layout, "Z"):
		ts.Zone = true // a literal Z: UTC
	}
	return ts, warning, nil
}

// ReadPublished parses the publication time a field states, for an
// article: the timestamp (zero when it is unreadable) and the warnings
// to report with the article, each starting with the field's name.
func ReadPublished(field, s string) (doc.Timestamp, []string) {
	ts, warn, err := ParseTime(s)
	if err != nil {
		return doc.Timestamp{}, []string{field + ": " + err.Error()}
	}
	if warn != "" {
		return ts, []string{field + ": " + warn}
	}
	return ts, nil
}

// zoneNamed returns the zone an abbreviation names, as a fixed zone of
// that name; loc is nil when the abbreviation is not in zones.
func zoneNamed(name string) (z zone, loc *time.Location) {
	name = strings.ToUpper(name)
	z, ok := zones[name]
	if !ok {
		return z, nil
	}
	return z, time.FixedZone(name, z.offset)
}

// wallIn returns t's wall clock in loc: the same date and clock time,
// another instant.
func wallIn(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}
