package events

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/event"
)

// Coder codes one text on a story date; the extractor satisfies it
// through a small adapter.
type Coder func(ctx context.Context, id, text string, date time.Time) ([]event.Event, error)

// Score is the scoreboard of a CAMEO suite.
type Score struct {
	Suite        string  `json:"suite"`
	Records      int     `json:"records"`
	ExactRecords int     `json:"exact_records"`
	TP           int     `json:"tp"`
	FP           int     `json:"fp"`
	FN           int     `json:"fn"`
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	ExactRate    float64 `json:"exact_record_rate"`
	// PLOVER suite only.
	EventTypeAccuracy     *float64 `json:"event_type_accuracy,omitempty"`
	SourceCountryAccuracy *float64 `json:"source_country_accuracy,omitempty"`
	SourceCountryRecords  int      `json:"source_country_records,omitempty"`
	// ByCategory holds TP/FP/FN per record category (CAMEO suites) or per
	// gold event type (PLOVER).
	ByCategory map[string]*Counts `json:"by_category"`
	Misses     []string           `json:"-"`
}

// Counts are true and false positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

func (s *Score) finish() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if s.Records > 0 {
		s.ExactRate = float64(s.ExactRecords) / float64(s.Records)
	}
}

func (s *Score) cat(name string) *Counts {
	if s.ByCategory == nil {
		s.ByCategory = map[string]*Counts{}
	}
	c := s.ByCategory[name]
	if c == nil {
		c = &Counts{}
		s.ByCategory[name] = c
	}
	return c
}

// ScoreCAMEO codes every record and counts exact (source, target, code)
// triples: a predicted triple is a true positive when the record expects
// it, each expected triple matching at most once.
func ScoreCAMEO(ctx context.Context, suite string, recs []Record, code Coder) (*Score, error) {
	s := &Score{Suite: suite}
	for _, r := range recs {
		evs, err := code(ctx, r.ID, r.Text, r.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		got := map[Coding]int{}
		for _, e := range evs {
			if e.Target == nil {
				continue
			}
			got[Coding{e.Source.Code, e.Target.Code, e.CAMEO}]++
		}
		want := map[Coding]int{}
		for _, w := range r.Want {
			want[w]++
		}
		c := s.cat(r.Category)
		exact := true
		for k, n := range want {
			m := min(n, got[k])
			s.TP += m
			c.TP += m
			s.FN += n - m
			c.FN += n - m
			if n != got[k] {
				exact = false
			}
		}
		for k, n := range got {
			if extra := n - want[k]; extra > 0 {
				s.FP += extra
				c.FP += extra
				exact = false
			}
		}
		s.Records++
		if exact {
			s.ExactRecords++
		} else {
			s.Misses = append(s.Misses, fmt.Sprintf("%s: want %v, got %v: %s", r.ID, keys(want), keys(got), r.Text))
		}
	}
	s.finish()
	return s, nil
}

func keys(m map[Coding]int) []string {
	var out []string
	for k, n := range m {
		for range n {
			out = append(out, k.String())
		}
	}
	sort.Strings(out)
	return out
}

// ScorePLOVER codes every PLOVER record (events without a target kept, as
// PLOVER allows) and scores the event type and the source country of the
// record's first event in text order; a record without an event counts as
// wrong on both.
func ScorePLOVER(ctx context.Context, recs []PloverRecord, code Coder) (*Score, error) {
	s := &Score{Suite: "plover-gsr"}
	typeOK, countryOK := 0, 0
	for _, r := range recs {
		evs, err := code(ctx, r.ID, r.Text, r.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		c := s.cat(r.Event)
		s.Records++
		var first *event.Event
		for i := range evs {
			if evs[i].Plover.Event == "" {
				continue
			}
			if first == nil || evs[i].Evidence.Predicate.Span.Start < first.Evidence.Predicate.Span.Start {
				first = &evs[i]
			}
		}
		got := ""
		if first != nil {
			got = first.Plover.Event
		}
		if got == r.Event {
			typeOK++
			c.TP++
			s.TP++
			s.ExactRecords++
		} else {
			c.FN++
			s.FN++
			if got != "" {
				s.FP++
				s.cat(got).FP++
			}
			s.Misses = append(s.Misses, fmt.Sprintf("%s: want %s (%s), got %q: %s", r.ID, r.Event, r.Original, got, r.Text))
		}
		if countries := countryCodes(r.Sources); len(countries) > 0 {
			s.SourceCountryRecords++
			if first != nil && countries[first.Source.Country] {
				countryOK++
			} else {
				got := ""
				if first != nil {
					got = first.Source.Country
				}
				s.Misses = append(s.Misses, fmt.Sprintf("%s: source country: want %s, got %q: %s", r.ID, strings.Join(sortedKeys(countries), "|"), got, r.Text))
			}
		}
	}
	s.finish()
	s.EventTypeAccuracy, s.SourceCountryAccuracy = ratio(typeOK, s.Records), ratio(countryOK, s.SourceCountryRecords)
	return s, nil
}

// cameoCountry maps CAMEO country codes that differ from ISO 3166 alpha-3.
var cameoCountry = map[string]string{"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "GMY": "DEU", "UKG": "GBR", "SPN": "ESP", "VTN": "VNM"}

// countryCodes returns the state codes among gold actor codes (IGO, NGO,
// religions such as ISM and other non-state codes are left out).
func countryCodes(codes []string) map[string]bool {
	out := map[string]bool{}
	for _, c := range codes {
		if len(c) < 3 {
			continue
		}
		c3 := c[:3]
		if m, ok := cameoCountry[c3]; ok {
			c3 = m
		}
		switch c3 {
		case "IGO", "NGO", "IMG", "MNC", "UIS", "ISM", "CHR", "JEW", "BUD", "HIN", "---":
			continue
		}
		out[c3] = true
	}
	return out
}

// WriteTable prints a scoreboard.
func WriteTable(w io.Writer, s *Score) error {
	var b strings.Builder
	fmt.Fprintf(&b, "suite %s: %d records, %d exact (%.1f%%)\n", s.Suite, s.Records, s.ExactRecords, 100*s.ExactRate)
	fmt.Fprintf(&b, "events: TP %d  FP %d  FN %d  precision %.1f%%  recall %.1f%%  F1 %.1f%%\n",
		s.TP, s.FP, s.FN, 100*s.Precision, 100*s.Recall, 100*s.F1)
	if s.Suite == "plover-gsr" {
		fmt.Fprintf(&b, "PLOVER event type accuracy %.1f%%, source country accuracy %.1f%% (%d records with a state source)\n",
			100**s.EventTypeAccuracy, 100**s.SourceCountryAccuracy, s.SourceCountryRecords)
	}
	cats := make([]string, 0, len(s.ByCategory))
	for k := range s.ByCategory {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	fmt.Fprintf(&b, "\n%-14s %5s %5s %5s\n", "category", "TP", "FP", "FN")
	for _, k := range cats {
		c := s.ByCategory[k]
		fmt.Fprintf(&b, "%-14s %5d %5d %5d\n", k, c.TP, c.FP, c.FN)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the scoreboard as one JSON object.
func WriteJSON(w io.Writer, s *Score) error {
	return json.NewEncoder(w).Encode(s)
}

func ratio(n, d int) *float64 {
	r := 0.0
	if d > 0 {
		r = float64(n) / float64(d)
	}
	return &r
}

// sortedKeys returns the keys of a set in order, for stable diagnostics.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
