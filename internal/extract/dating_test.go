package extract

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestEventDates checks each dating rule of docs/timex.md on a text of its
// own: the date, its mod and where it came from, for each event.
func TestEventDates(t *testing.T) {
	x := newTestExtractor(t)
	story := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC) // a Friday
	for _, tc := range []struct {
		rule, text string
		want       []string // "CAMEO date mod source", in event order
	}{
		{"the clause's own expression", "On January 16, Iran attacked Pakistan.",
			[]string{"180 2024-01-16 clause"}},
		{"an event noun dated in its phrase", "Pakistan condemned the December 2023 attack by Israel on Iran.",
			[]string{"111 2024-04-12 story", "180 2023-12 clause"}},
		{"a clause of time under the event's clause", "Iran and Pakistan restored ties as ambassadors resumed duties in late January.",
			[]string{"050 2024-01 END outer", "050 2024-01 END outer"}},
		{"carried from the sentence before", "Iran attacked Pakistan on Monday. Pakistan condemned Iran.",
			[]string{"180 2024-04-08 clause", "111 2024-04-08 context"}},
		{"an earlier event", "Pakistan condemned the recent attack by Israel on Iran.",
			[]string{"111 2024-04-12 story", "180 2024-04-12 past"}},
		{"the lead is about the news peg", "Iran's president, in a recent telephone call with his Pakistani counterpart, condemned Israel. In their call on Thursday, they spoke of trade.",
			[]string{"111 2024-04-11 lead"}},
		{"no time expression: the story date", "Iran condemned Israel.",
			[]string{"111 2024-04-12 story"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			res, err := x.Extract(context.Background(), Article{ID: "d", Text: tc.text, Date: story})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Events {
				if e.Root == "04" {
					continue // the meeting of the last case is context only
				}
				got = append(got, strings.Join(strings.Fields(e.CAMEO+" "+e.Date+" "+e.DateMod+" "+e.DateSource), " "))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("%q:\n got  %q\n want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestEventPlaces checks the location rules of docs/geo.md: the place of
// the event's clause, else of its sentence's main clause, else none.
func TestEventPlaces(t *testing.T) {
	x := newTestExtractor(t)
	story := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		rule, text string
		want       []string // "CAMEO place country", in event order; "-" for none
	}{
		{"the place of the event's clause", "The Taliban attacked Pakistani police in Quetta.",
			[]string{"180 Quetta PAK"}},
		{"the place of an event noun", "Iran condemned the Israeli attack on its embassy in Damascus.",
			[]string{"111 -", "180 Damascus SYR"}},
		{"the main clause's place", "In Kabul, the Taliban accused Pakistan of shelling.",
			[]string{"112 Kabul AFG"}},
		{"no place", "Iran condemned Israel.",
			[]string{"111 -"}},
		// Borders: a point on the land border of two states.
		{"a border named by its state", "Pakistan carried out strikes against bases of the Baloch Liberation Front in regions close to Iran's border.",
			[]string{"195 Iran–Pakistan border "}},
		{"a border with a state", "Pakistani troops clashed with Taliban fighters near the border with Afghanistan.",
			[]string{"190 Afghanistan–Pakistan border ", "190 Afghanistan–Pakistan border "}},
		{"a border between two states", "Indian and Pakistani troops exchanged fire along the border between India and Pakistan.",
			[]string{"193 India–Pakistan border ", "193 India–Pakistan border "}},
		{"the border of the event's two sides", "Russia shelled Ukrainian villages along the border.",
			[]string{"194 Russia–Ukraine border "}},
		{"a town's place before its border", "Iran fired mortars at Pakistani police in Panjgur near the border with Iran.",
			[]string{"194 Panjgur PAK"}},
		{"a border that describes a town", "Somalia's president called for a total war against the militants of Beledweyne, a town near Somalia's border with Ethiopia.",
			[]string{"190 -"}},
		{"places that are the event's targets", "Britain's foreign secretary visited Kenya and Tanzania.",
			[]string{"042 -", "042 -"}},
		{"a border that is no place", "Pakistan accused Iran of closing the border.",
			[]string{"112 -"}},
		{"border guards are no place", "Pakistan condemned Iran for the attack on its border guards.",
			[]string{"111 -", "180 -"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			res, err := x.Extract(context.Background(), Article{ID: "p", Text: tc.text, Date: story})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Events {
				p := "-"
				if e.Location != nil {
					p = e.Location.Name + " " + e.Location.Country
				}
				got = append(got, e.CAMEO+" "+p)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("%q:\n got  %q\n want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestDateline(t *testing.T) {
	x := newTestExtractor(t)
	for _, tc := range []struct{ text, want string }{
		{"Headline\n\nApril 12, 2024\n\nTEHRAN- Iranian President Ebrahim Raisi spoke.", "TEHRAN IRN"},
		{"QUETTA, Pakistan (Reuters) - Gunmen attacked a police station.", "QUETTA PAK"},
		{"WASHINGTON — The Senate voted.", "WASHINGTON USA"},
		{"Iran condemned Israel - again.", ""},
	} {
		res, err := x.Extract(context.Background(), Article{ID: "l", Text: tc.text, Date: time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if res.Dateline != nil {
			got = res.Dateline.Text + " " + res.Dateline.Place.Country
		}
		if got != tc.want {
			t.Errorf("%q: dateline %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestLocateWords places verbs with no actors, as dyad eval location
// does: a place phrase of the clause, the place a verb acts on, the main
// clause's place, or none.
func TestLocateWords(t *testing.T) {
	x := newTestExtractor(t)
	for _, tc := range []struct{ text, verb, want string }{
		{"Around 100,000 supporters demonstrated in Rome on Saturday.", "demonstrated", "Rome"},
		{"The rebels captured the town of Saravan last month.", "captured", "Saravan"},
		{"The peacekeepers have been patrolling Kabul since January.", "patrolling", "Kabul"},
		{"In Quetta, police said gunmen shot two officers.", "shot", "Quetta"},
		{"Gunmen shot two officers, police said.", "shot", "-"},
		{"Up to 20,000 people marched silently through the Belgian city of Antwerp on Friday.", "marched", "Antwerp"},
	} {
		off := strings.Index(tc.text, tc.verb)
		got, err := x.LocateWords(context.Background(), Article{ID: "w", Text: tc.text}, []int{off, len(tc.text) + 5})
		if err != nil {
			t.Fatal(err)
		}
		p := "-"
		if got[0].Evidence != nil {
			p = got[0].Evidence.Text
		}
		if p != tc.want || got[1].Location != nil {
			t.Errorf("%q: %s placed at %s (an offset outside: %v), want %s", tc.text, tc.verb, p, got[1].Location, tc.want)
		}
	}
}
