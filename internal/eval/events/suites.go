// Package events scores event coding against the peers' gold suites in
// the data folder: the PETRARCH-2 gold set (real AFP sentences, dyad's own
// knowledge base) and the PLOVER gold records.
package events

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"
	"time"
)

// Coding is one expected or predicted event: CAMEO actor codes and event code.
type Coding struct {
	Source, Target, Code string
}

func (c Coding) String() string { return c.Source + "→" + c.Target + " " + c.Code }

// Record is one gold sentence with its expected events.
type Record struct {
	ID, Category string
	Date         time.Time
	Text         string
	Want         []Coding
	NoEvents     bool // the record expects no event
}

// ReadPETR2 reads a PETRARCH-2 validation file
// (PETR2_GSR_validation.xml): <Sentence> markers each followed by their
// <EventCoding> and <Text> elements. The file is not well-formed XML (it
// closes self-closed markers again), so its tags are scanned, not parsed.
func ReadPETR2(path string) ([]Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read PETRARCH-2 suite: %w", err)
	}
	src := string(b)
	var out []Record
	var cur *Record
	for _, m := range tagRE.FindAllStringSubmatchIndex(src, -1) {
		if src[m[2]:m[3]] == "/" {
			continue
		}
		name, attrs := src[m[4]:m[5]], attrMap(src[m[6]:m[7]])
		switch name {
		case "Sentence":
			out = append(out, Record{ID: attrs["id"], Category: attrs["category"]})
			cur = &out[len(out)-1]
			if d, err := time.Parse("20060102", attrs["date"]); err == nil {
				cur.Date = d
			}
		case "EventCoding":
			if cur == nil {
				continue
			}
			if v := attrs["noevents"]; v == "True" || v == "true" {
				cur.NoEvents = true
			}
			if attrs["eventcode"] != "" {
				cur.Want = append(cur.Want, Coding{attrs["sourcecode"], attrs["targetcode"], attrs["eventcode"]})
			}
		case "Text":
			if cur == nil {
				continue
			}
			end := strings.Index(src[m[1]:], "</Text>")
			if end < 0 {
				return nil, fmt.Errorf("%s: <Text> of %s not closed", path, cur.ID)
			}
			cur.Text = html.UnescapeString(strings.Join(strings.Fields(src[m[1]:m[1]+end]), " "))
			if cur.Text == "" {
				// A few records give their sentence only as a parse.
				cur.Text = textOfParse(src[m[1]+end:])
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no <Sentence> records", path)
	}
	return out, nil
}

// textOfParse rebuilds a sentence from the CoNLL-U lines of the
// <Parse> element at the start of src.
func textOfParse(src string) string {
	start := strings.Index(src, "<Parse>")
	end := strings.Index(src, "</Parse>")
	if start < 0 || end < start || strings.Contains(src[:start], "<Sentence") {
		return ""
	}
	var b strings.Builder
	for _, line := range strings.Split(src[start+len("<Parse>"):end], "\n") {
		f := strings.Split(strings.TrimSpace(line), "\t")
		if len(f) < 2 {
			continue
		}
		b.WriteString(html.UnescapeString(f[1]))
		if len(f) < 10 || !strings.Contains(f[9], "SpaceAfter=No") {
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}

var (
	tagRE  = regexp.MustCompile(`<(/?)(Sentence|EventCoding|Text)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(\w+)\s*=\s*"([^"]*)"`)
)

func attrMap(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	return out
}

// PloverRecord is one PLOVER gold record.
type PloverRecord struct {
	ID, Text string
	Date     time.Time
	Event    string   // PLOVER type, mapped to today's categories
	Original string   // the type as coded (PLOVER 0.5b1)
	Sources  []string // the gold source actors' codes
}

// ploverToday maps PLOVER 0.5b1 categories that later versions merged.
var ploverToday = map[string]string{
	"DEMAND":      "REQUEST",
	"DISAPPROVE":  "ACCUSE",
	"INVESTIGATE": "ACCUSE",
	"FIGHT":       "ASSAULT",
}

// ReadPLOVER reads PLOVER_GSR_CAMEO.txt (a JSON array of records) and
// maps old categories to today's 16.
func ReadPLOVER(path string) ([]PloverRecord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read PLOVER gold records: %w", err)
	}
	var raw []struct {
		ID     string `json:"id"`
		Date   string `json:"date"`
		Event  string `json:"event"`
		Text   string `json:"text"`
		Source []struct {
			Code string `json:"code"`
		} `json:"source"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []PloverRecord
	for _, r := range raw {
		if r.Event == "DOCUMENT" || r.Text == "" {
			continue
		}
		p := PloverRecord{ID: r.ID, Text: r.Text, Original: r.Event, Event: r.Event}
		if m, ok := ploverToday[r.Event]; ok {
			p.Event = m
		}
		if d, err := time.Parse("2006-01-02", r.Date); err == nil {
			p.Date = d
		}
		for _, s := range r.Source {
			if s.Code != "" {
				p.Sources = append(p.Sources, s.Code)
			}
		}
		out = append(out, p)
	}
	return out, nil
}
