package extract

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

func TestStoryDate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tehran := time.FixedZone("IRST", 12600)
	header := "Raisi calls Zardari\nApril 12, 2024 - 20:12\nTEHRAN- Iranian President..."
	for _, tc := range []struct {
		name      string
		a         Article
		date      string
		from      string
		published string
		warn      bool
	}{
		{"given wins", Article{Date: day("2024-01-01"), Published: doc.Timestamp{Time: day("2024-02-02")}, Text: header}, "2024-01-01", "given", "", false},
		{"page metadata before the header", Article{Published: doc.Timestamp{Time: time.Date(2024, 4, 11, 23, 0, 0, 0, time.UTC), Clock: true, Zone: true}, PublishedFrom: "metadata", Text: header}, "2024-04-11", "metadata", "2024-04-11T23:00:00Z", false},
		// 01:10 in Tehran on April 12 is April 12 there, whatever UTC says.
		{"feed date in the publisher's zone", Article{Published: doc.Timestamp{Time: time.Date(2024, 4, 12, 1, 10, 0, 0, tehran), Clock: true, Zone: true}, PublishedFrom: "feed", Text: "no header"}, "2024-04-12", "feed", "2024-04-12T01:10:00+03:30", false},
		{"header with a clock", Article{Text: header, Crawled: day("2024-05-01")}, "2024-04-12", "text", "2024-04-12T20:12:00", false},
		{"header without a clock", Article{Text: "Ties restored\n12 April 2024\nBody."}, "2024-04-12", "text", "", false},
		{"header with pm", Article{Text: "Jan. 16, 2024, 8:05 p.m.\nBody."}, "2024-01-16", "text", "2024-01-16T20:05:00", false},
		{"crawl time as a last resort", Article{Text: "No date here.", Crawled: time.Date(2024, 4, 20, 1, 0, 0, 0, time.UTC)}, "2024-04-20", "crawl", "2024-04-20T01:00:00Z", false},
		{"today", Article{Text: "No date here."}, time.Now().UTC().Format("2006-01-02"), "today", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := &Result{}
			d := storyDate(tc.a, res)
			if res.Date != tc.date || d.Format("2006-01-02") != tc.date || res.DateFrom != tc.from || res.Published != tc.published {
				t.Errorf("date %s (%s) from %q, published %q; want %s from %q, published %q", res.Date, d, res.DateFrom, res.Published, tc.date, tc.from, tc.published)
			}
			if got := len(res.Warnings) > 0; got != tc.warn {
				t.Errorf("warnings %q", res.Warnings)
			}
		})
	}
}

func TestStoryStampClock(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"April 12, 2024 - 20:12", "2024-04-12T20:12:00"},
		{"12 April 2024 at 9.30 am", "2024-04-12T09:30:00"},
		{"2024-04-12 12:15 AM", "2024-04-12T00:15:00"},
		{"April 12, 2024 - 2024 budget", "2024-04-12"},
		{"April 12, 2024 - 99:99", "2024-04-12"},
		{"By Staff\nApril 12, 2024 | 11:45 GMT", "2024-04-12T11:45:00"},
	} {
		ts, ok := StoryStamp(tc.text)
		if got := ts.String(); !ok || got != tc.want {
			t.Errorf("StoryStamp(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
	if _, ok := StoryStamp(strings.Repeat("x", 1000)); ok {
		t.Error("a stamp in a text with no date")
	}
}

// TestLanguage: an article reliably in another language than English is
// kept, marked and not coded; an English one is coded and marked.
func TestLanguage(t *testing.T) {
	x := newTestExtractor(t)
	story := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	es := "El presidente de Irán, Ebrahim Raisi, condenó el ataque de Israel contra la embajada iraní en Damasco y mantuvo una conversación telefónica con su homólogo de Pakistán."
	res, err := x.Extract(context.Background(), Article{ID: "es", Text: es, Date: story})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "spa" || len(res.Events) != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "language spa") {
		t.Errorf("Spanish article: language %q, %d events, warnings %q", res.Language, len(res.Events), res.Warnings)
	}
	en := "Iranian President Ebrahim Raisi condemned the attack by Israel on the Iranian embassy in Damascus and held a telephone conversation with his Pakistani counterpart."
	res, err = x.Extract(context.Background(), Article{ID: "en", Text: en, Date: story})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "eng" || len(res.Events) == 0 || len(res.Warnings) != 0 {
		t.Errorf("English article: language %q, %d events, warnings %q", res.Language, len(res.Events), res.Warnings)
	}
}
