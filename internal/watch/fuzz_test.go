package watch

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseRetryAfter reads any header value: the wait is never negative
// nor over the limit, and a number of seconds is that many seconds.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "0", "99999999999999999999", "Fri, 12 Apr 2024 07:30:00 GMT",
		"Friday, 12-Apr-24 06:01:00 GMT", "Fri Apr 12 07:30:00 2024", "-1", "", "soon"} {
		f.Add(s)
	}
	now := time.Date(2024, 4, 12, 6, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now, MaxBackoff)
		if d < 0 || d > MaxBackoff || !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %s, %v", v, d, ok)
		}
		// delay-seconds is 1*DIGIT (RFC 9110, 10.2.3): no sign.
		digits := strings.TrimSpace(v)
		if n, err := strconv.ParseInt(digits, 10, 64); err == nil && n < 86400 && strings.Trim(digits, "0123456789") == "" {
			if !ok || d != time.Duration(n)*time.Second {
				t.Fatalf("ParseRetryAfter(%q) = %s, %v; want %d s", v, d, ok, n)
			}
		}
	})
}

// FuzzParseList reads any file as a feed list: each URL it returns is
// one CheckURL takes, and is a word of the input.
func FuzzParseList(f *testing.F) {
	f.Add("# feeds\nhttps://a.example/rss\nhttp://b.example/atom # comment\n")
	f.Add("https://a.example/rss extra\n")
	f.Add("\x00\n\r\nhttps://[::1]:8080/x\n")
	f.Fuzz(func(t *testing.T, in string) {
		urls, err := ParseList(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, u := range urls {
			if err := CheckURL(u); err != nil || !strings.Contains(in, u) || strings.ContainsAny(u, " \t\n") {
				t.Fatalf("ParseList gave %q: %v", u, err)
			}
		}
	})
}
