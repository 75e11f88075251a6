// Package location scores event location on the event_location data of
// Halterman (2019), "Geolocating Political Events in Text": sentences of
// news wires with one event verb each and the place names, if any, where
// the verb's event happened. dyad locates the verb by the rules that
// locate its events (docs/geo.md) and is right when the place it gives
// overlaps a gold place, or when it gives none and the gold has none.
package location

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/eval/metric"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/geo"
)

// Suites are the suite names `dyad eval location --suite` accepts.
var Suites = []string{"event-location"}

// Splits: test is the 494 adjudicated records (source RELABEL); dev is
// the research assistants' records, less any sentence of the test split,
// on which rules are chosen.
var Splits = []string{"test", "dev"}

// Sub is the suite's folder inside the data folder.
const Sub = "eval/event-location"

// Record is one sentence with its event verb and gold places.
type Record struct {
	ID     string     `json:"id"`
	Text   string     `json:"text"`
	Verb   doc.Span   `json:"verb"`
	Places []doc.Span `json:"places"` // none when the sentence says not where
	Source string     `json:"source"`
}

// Result is the suite's scoreboard.
type Result struct {
	Suite     string  `json:"suite"`
	Split     string  `json:"split"`
	Records   int     `json:"records"`
	Accuracy  float64 `json:"accuracy"`  // right place, or rightly none
	Precision float64 `json:"precision"` // places given that overlap a gold place
	Recall    float64 `json:"recall"`    // records with a gold place whose place dyad finds
	F1        float64 `json:"f1"`
	WithPlace int     `json:"with_place"` // records with a gold place
	Given     int     `json:"given"`      // records dyad gives a place
	// FirstPlace is the accuracy of a baseline that takes the sentence's
	// first place name, resolved or not, for every verb.
	FirstPlace float64 `json:"first_place_accuracy"`
	Misses     []Miss  `json:"misses,omitempty"`
}

// Miss is a record located wrongly.
type Miss struct {
	ID   string   `json:"id"`
	Verb string   `json:"verb"`
	Gold []string `json:"gold"`
	Got  string   `json:"got"`
	Text string   `json:"text"`
}

// Run locates the verb of every record of a split and scores the places.
func Run(ctx context.Context, dataFlag, suite, split string, x *extract.Extractor, misses bool) (*Result, error) {
	if suite != "event-location" {
		return nil, fmt.Errorf("unknown suite %q (want one of %s)", suite, strings.Join(Suites, ", "))
	}
	dir, err := datadir.Require(dataFlag, Sub)
	if err != nil {
		return nil, err
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "labeled_text.jsonl.zip"))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var recs []Record
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "labeled_text.jsonl") && !strings.Contains(f.Name, "__MACOSX") {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			recs, err = Read(rc, split)
			rc.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no records in split %q", dir, split)
	}
	gr, err := geo.NewResolver()
	if err != nil {
		return nil, err
	}
	return Score(ctx, suite, split, recs, x, gr, misses)
}

// Score locates each record's verb with x and scores the places against
// the gold; gr finds the place names of the first-place baseline.
func Score(ctx context.Context, suite, split string, recs []Record, x *extract.Extractor, gr *geo.Resolver, misses bool) (*Result, error) {
	r := &Result{Suite: suite, Split: split, Records: len(recs)}
	right, tp, first := 0, 0, 0
	for _, rec := range recs {
		got, err := x.LocateWords(ctx, extract.Article{ID: rec.ID, Text: rec.Text}, []int{rec.Verb.Start})
		if err != nil {
			return nil, fmt.Errorf("record %s: %w", rec.ID, err)
		}
		var sp *doc.Span
		if ev := got[0].Evidence; ev != nil {
			sp = &ev.Span
		}
		if len(rec.Places) > 0 {
			r.WithPlace++
		}
		if sp != nil {
			r.Given++
		}
		ok := sp == nil && len(rec.Places) == 0 || sp != nil && overlapsAny(*sp, rec.Places)
		if ok {
			right++
			if sp != nil {
				tp++
			}
		} else if misses {
			m := Miss{ID: rec.ID, Verb: rec.Text[rec.Verb.Start:rec.Verb.End], Text: rec.Text, Gold: []string{}}
			for _, p := range rec.Places {
				m.Gold = append(m.Gold, rec.Text[p.Start:p.End])
			}
			if sp != nil {
				m.Got = rec.Text[sp.Start:sp.End]
			}
			r.Misses = append(r.Misses, m)
		}
		// The baseline: the first place name of the sentence.
		var fp *doc.Span
		if ts := gr.Find(rec.Text); len(ts) > 0 {
			fp = &ts[0].Span
		}
		if fp == nil && len(rec.Places) == 0 || fp != nil && overlapsAny(*fp, rec.Places) {
			first++
		}
	}
	r.Accuracy = metric.Ratio(right, len(recs))
	r.Precision = metric.Ratio(tp, r.Given)
	r.Recall = metric.Ratio(tp, r.WithPlace)
	r.F1 = metric.F1(r.Precision, r.Recall)
	r.FirstPlace = metric.Ratio(first, len(recs))
	return r, nil
}

func overlapsAny(s doc.Span, list []doc.Span) bool {
	for _, g := range list {
		if s.Start < g.End && g.Start < s.End {
			return true
		}
	}
	return false
}

// rawRecord is a record as the file writes it (a Prodigy export). Span
// byte offsets are unreliable for places; their token indices are not.
type rawRecord struct {
	ID     json.RawMessage `json:"_id"` // a string or a number
	Source string          `json:"source"`
	Answer string          `json:"answer"`
	Text   string          `json:"text"`
	Tokens []struct {
		Start int `json:"start"`
		End   int `json:"end"`
		ID    int `json:"id"`
	} `json:"tokens"`
	Spans *[]struct {
		Label      string `json:"label"`
		Start      int    `json:"start"`
		End        int    `json:"end"`
		TokenStart int    `json:"token_start"`
		TokenEnd   int    `json:"token_end"`
	} `json:"spans"`
}

// Read reads the suite's JSON list and returns the records of a split:
// those with a verb and token offsets that fit the text. Records with no
// span list are not annotated and are skipped.
func Read(r io.Reader, split string) ([]Record, error) {
	var raw []rawRecord
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, err
	}
	test := map[string]bool{} // sentence and verb of each test record
	var all []Record
	for _, rr := range raw {
		rec, ok := convert(rr)
		if !ok {
			continue
		}
		if rec.Source == "RELABEL" {
			test[rec.Text+"\x00"+fmt.Sprint(rec.Verb.Start)] = true
		}
		all = append(all, rec)
	}
	var out []Record
	for _, rec := range all {
		isTest := rec.Source == "RELABEL"
		switch split {
		case "test":
			if !isTest {
				continue
			}
		case "dev":
			if isTest || test[rec.Text+"\x00"+fmt.Sprint(rec.Verb.Start)] {
				continue
			}
		default:
			return nil, fmt.Errorf("unknown split %q (want one of %s)", split, strings.Join(Splits, ", "))
		}
		out = append(out, rec)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// convert checks a raw record and builds its spans from token offsets.
func convert(rr rawRecord) (Record, bool) {
	if rr.Spans == nil || rr.Text == "" || rr.Answer == "reject" || rr.Answer == "ignore" {
		return Record{}, false
	}
	// Token offsets count characters (the file was written by Python);
	// byteAt turns them into byte offsets of the UTF-8 text.
	byteAt := make([]int, 0, len(rr.Text)+1)
	for i := range rr.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(rr.Text))
	tok := func(i int) (doc.Span, bool) {
		if i < 0 || i >= len(rr.Tokens) || rr.Tokens[i].ID != i {
			return doc.Span{}, false
		}
		t := rr.Tokens[i]
		if t.Start < 0 || t.End >= len(byteAt) || t.Start >= t.End {
			return doc.Span{}, false
		}
		return doc.Span{Start: byteAt[t.Start], End: byteAt[t.End]}, true
	}
	rec := Record{ID: strings.Trim(string(rr.ID), `"`), Text: rr.Text, Source: rr.Source, Verb: doc.Span{Start: -1}}
	for _, s := range *rr.Spans {
		a, ok1 := tok(s.TokenStart)
		b, ok2 := tok(s.TokenEnd)
		if !ok1 || !ok2 || a.Start > b.End {
			return Record{}, false
		}
		sp := doc.Span{Start: a.Start, End: b.End}
		switch s.Label {
		case "VERB":
			if rec.Verb.Start >= 0 {
				return Record{}, false // two verbs: which one is the event's?
			}
			rec.Verb = sp
		case "LOCATION":
			rec.Places = append(rec.Places, sp)
		}
	}
	return rec, rec.Verb.Start >= 0
}

// WriteJSON writes r as one indented JSON object.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes r for people: the misses, one a line, then the scores.
func WriteTable(w io.Writer, r *Result) error {
	for _, m := range r.Misses {
		got := m.Got
		if got == "" {
			got = "-"
		}
		gold := strings.Join(m.Gold, "|")
		if gold == "" {
			gold = "-"
		}
		fmt.Fprintf(w, "%s %q gold %s got %s\t%s\n", m.ID, m.Verb, gold, got, m.Text)
	}
	fmt.Fprintf(w, "%s (%s): %d records, %d with a gold place, %d given a place\n", r.Suite, r.Split, r.Records, r.WithPlace, r.Given)
	_, err := fmt.Fprintf(w, "accuracy %.1f%% (first place name: %.1f%%); place P %.1f%% R %.1f%% F1 %.1f%%\n",
		100*r.Accuracy, 100*r.FirstPlace, 100*r.Precision, 100*r.Recall, 100*r.F1)
	return err
}
