package extract

import (
	"context"
	"strings"
	"testing"
	"time"
)

// FuzzExtract feeds any bytes through the whole path and checks that
// extraction returns, and that every span of every event lies inside the
// text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "\x00\x01\xff", "Iran attacked Pakistan.", "!!!???...",
		"On January 16, Iran launched drone and missile attacks on two bases of Jaish ul-Adl.",
		"إيران هاجمت باكستان", "😀 Iran 😀 condemned 😀 Israel",
		"The two countries restored ties. Both leaders met. He said the group attacked.",
		"the the the of of by by on on", strings.Repeat("Iran and ", 200) + "Pakistan met.",
	} {
		f.Add(s)
	}
	x := newTestExtractor(f)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		res, err := x.Extract(context.Background(), Article{ID: "f", Text: text, Date: date})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Events {
			spans := []struct{ s, e int }{{e.Evidence.Predicate.Span.Start, e.Evidence.Predicate.Span.End},
				{e.Source.Span.Start, e.Source.Span.End}}
			if e.Target != nil {
				spans = append(spans, struct{ s, e int }{e.Target.Span.Start, e.Target.Span.End})
			}
			for _, sp := range spans {
				if sp.s < 0 || sp.e > len(text) || sp.s > sp.e {
					t.Fatalf("span [%d,%d) outside text of %d bytes", sp.s, sp.e, len(text))
				}
			}
		}
	})
}

func TestBadInput(t *testing.T) {
	x := newTestExtractor(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	big := strings.Repeat("Iran condemned the attack on its embassy by Israel. The weather was fine today. ", 70000)
	for _, tc := range []struct {
		name, text string
		warn       string
	}{
		{"empty", "", "empty article"},
		{"binary", "\x00\x01\x02\x03\xff\xfe\x00\x00\x89PNG\r\n\x1a\n\x00\x00\x00", "not text"},
		{"arabic", "أعلنت إيران اليوم أنها أطلقت صواريخ على قواعد في باكستان وأدانت الهجوم", "not text"},
		{"5MB", big, "exceeds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := x.Extract(context.Background(), Article{ID: tc.name, Text: tc.text, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			if tc.warn != "" && (len(res.Events) != 0 || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], tc.warn)) {
				t.Errorf("events %d, warnings %q; want none and a warning %q", len(res.Events), res.Warnings, tc.warn)
			}
		})
	}
}
