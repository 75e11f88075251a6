package source

import (
	"strings"
	"testing"
)

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want: doc.Timestamp.String(), "" for an error
		warn     string // a substring of the warning, "" for none
	}{
		{"Fri, 12 Apr 2024 01:10:00 +0330", "2024-04-12T01:10:00+03:30", ""},
		// Go's parser reads an abbreviation it does not know as UTC; the
		// table gives Tehran's and Islamabad's offsets.
		{"Fri, 12 Apr 2024 01:10:00 IRST", "2024-04-12T01:10:00+03:30", ""},
		{"12 Apr 2024 01:10 PKT", "2024-04-12T01:10:00+05:00", ""},
		{"Thu, 11 Apr 24 22:30:00 EST", "2024-04-11T22:30:00-05:00", ""},
		{"Thu, 11 Apr 2024 22:30:00 GMT", "2024-04-11T22:30:00Z", ""},
		{"Thu, 11 Apr 2024 22:30:00 UT", "2024-04-11T22:30:00Z", ""},
		{"Fri, 12 Apr 2024 01:10:00 +0330 (IRST)", "2024-04-12T01:10:00+03:30", ""},
		{"2024-04-12T10:00:00+05:00", "2024-04-12T10:00:00+05:00", ""},
		{"2025-03-14 20:30:26Z", "2025-03-14T20:30:26Z", ""},
		{"2024-04-12", "2024-04-12", ""},
		{"April 12, 2024 20:12", "2024-04-12T20:12:00", ""},
		{"Fri, 12 Apr 2024 09:00:00 IST", "2024-04-12T09:00:00+05:30", "several time zones"},
		{"Fri, 12 Apr 2024 09:00:00 XYZT", "2024-04-12T09:00:00", "unknown time zone"},
		{"", "", ""},
		{"yesterday", "", ""},
		{"2024-02-30", "", ""},
		{"99999-01-01", "", ""},
		{"Mon, 01 Jan 1066 12:00:00 GMT", "", ""},
		{strings.Repeat("2024-04-12 ", 20), "", ""},
	} {
		ts, warn, err := ParseTime(tc.in)
		got := ts.String()
		if err != nil {
			got = ""
		}
		if got != tc.want {
			t.Errorf("ParseTime(%q) = %q (err %v), want %q", tc.in, got, err, tc.want)
		}
		if (tc.warn == "") != (warn == "") || !strings.Contains(warn, tc.warn) {
			t.Errorf("ParseTime(%q) warning %q, want one with %q", tc.in, warn, tc.warn)
		}
	}
}

// FuzzParseTime: any string reads as a time within 1900–2199 or as an
// error, never a panic.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"Fri, 12 Apr 2024 01:10:00 IRST", "2024-04-12T10:00:00+05:00", "2024-02-30", "99999-01-01", "12/04/2024", "Thu, 11 Apr 24 22:30:00 EST", "0:0 ZZZZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, _, err := ParseTime(s)
		if err != nil {
			return
		}
		if y := ts.Time.Year(); y < 1900 || y >= 2200 {
			t.Fatalf("ParseTime(%q) = %v: year out of range", s, ts.Time)
		}
	})
}
