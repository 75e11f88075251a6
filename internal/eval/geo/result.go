package geoeval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/geo"
)

// Result is the scoreboard of a suite. The first six fields are the
// `dyad eval geo --json` contract: acc161 and auc are fractions (auc: 0
// is perfect), mean_km and median_km kilometres, all over the toponyms
// scored.
type Result struct {
	Suite    string  `json:"suite"`
	Toponyms int     `json:"toponyms"` // gold toponyms geocoded and scored
	Acc161   float64 `json:"acc161"`   // share of errors ≤ 161 km
	MeanKm   float64 `json:"mean_km"`
	MedianKm float64 `json:"median_km"`
	AUC      float64 `json:"auc"`

	// Mode is "gold-spans" (the gold toponyms resolved with
	// ResolveSpans) or "e2e" (recognized and resolved with Find).
	Mode string `json:"mode"`
	Docs int    `json:"docs"`
	// Unresolved counts the scored toponyms the system resolved to no
	// place; each counts with the maximum error, 20,039 km.
	Unresolved int `json:"unresolved"`
	// CountryAccuracy is the share of the CountryToponyms (scored
	// toponyms whose gold country is given and known to dyad: LGL,
	// TR-News) resolved to a place in that country.
	CountryAccuracy *float64 `json:"country_accuracy,omitempty"`
	CountryToponyms int      `json:"country_toponyms,omitempty"`
	// Geotagging is the recognition score, in e2e mode only.
	Geotagging *Tagging `json:"geotagging,omitempty"`
	// Read are the counts the suite's reader saw.
	Read Stats `json:"read"`
	// Split is the half of the suite's documents scored (all, dev or
	// test); Read still counts the whole file.
	Split Split `json:"split"`
	// Misses lists the scored toponyms with an error over 161 km;
	// Buckets counts them by bucket (Miss.Bucket).
	Misses  []Miss                 `json:"misses,omitempty"`
	Buckets map[string]BucketCount `json:"buckets,omitempty"`
}

// Tagging is the geotagging score of the e2e mode (spans matched by
// overlap, one to one).
type Tagging struct {
	Gold      int     `json:"gold"`
	System    int     `json:"system"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// MissedGeocoded counts the gold toponyms with coordinates no system
	// toponym matched (left out of the geocoding scores).
	MissedGeocoded int `json:"missed_geocoded"`
}

// Miss is a gold toponym geocoded more than 161 km away, or not at all
// (System nil, Km 20,039).
type Miss struct {
	Doc         string     `json:"doc"`
	Span        doc.Span   `json:"span"`
	Text        string     `json:"text"`
	GoldLat     float64    `json:"gold_lat"`
	GoldLon     float64    `json:"gold_lon"`
	GoldName    string     `json:"gold_name,omitempty"`
	GoldCountry string     `json:"gold_country,omitempty"`
	GeoNamesID  int        `json:"gold_geonameid,omitempty"`
	System      *geo.Place `json:"system,omitempty"`
	Km          float64    `json:"km"`
	// Bucket is the kind of miss (BucketUnresolved, …), set by Classify;
	// Reachable tells that an entry bearing the name lies within 161 km
	// of the gold.
	Bucket    string `json:"bucket,omitempty"`
	Reachable bool   `json:"reachable,omitempty"`
}

// String is one line: document, span, text, gold and system places and
// the error.
func (m Miss) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d-%d %q gold %.4f,%.4f", m.Doc, m.Span.Start, m.Span.End, oneLine(m.Text), m.GoldLat, m.GoldLon)
	switch {
	case m.GoldName != "" && m.GoldCountry != "" && m.GoldName != m.GoldCountry:
		fmt.Fprintf(&b, " (%s, %s)", m.GoldName, m.GoldCountry)
	case m.GoldName != "":
		fmt.Fprintf(&b, " (%s)", m.GoldName)
	case m.GoldCountry != "":
		fmt.Fprintf(&b, " (%s)", m.GoldCountry)
	}
	if p := m.System; p != nil {
		name := p.Name
		if p.Admin1 != "" {
			name += ", " + p.Admin1
		}
		fmt.Fprintf(&b, " system %s, %s %.4f,%.4f [%d]", name, p.Country, p.Lat, p.Lon, p.ID)
	} else {
		b.WriteString(" system unresolved")
	}
	fmt.Fprintf(&b, " %.0f km", m.Km)
	if m.Bucket != "" {
		fmt.Fprintf(&b, " [%s", m.Bucket)
		if m.Reachable {
			b.WriteString(", reachable")
		}
		b.WriteString("]")
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteJSON prints the scoreboard as one JSON object (with the misses
// when r holds them).
func WriteJSON(w io.Writer, r *Result) error {
	if err := json.NewEncoder(w).Encode(r); err != nil {
		return fmt.Errorf("geo eval: writing JSON: %w", err)
	}
	return nil
}

// WriteTable prints the scoreboard for people.
func WriteTable(w io.Writer, r *Result) error {
	var b strings.Builder
	rd := r.Read
	split := ""
	if r.Split != "" && r.Split != All {
		split = ", " + string(r.Split) + " half"
	}
	fmt.Fprintf(&b, "suite %s (%s%s): %d documents, %d gold spans read, %d with coordinates, %d with GeoNames ids\n",
		r.Suite, r.Mode, split, r.Docs, rd.Labelled, rd.WithCoords, rd.WithID)
	if g := r.Geotagging; g != nil {
		fmt.Fprintf(&b, "\ngeotagging (overlap): P %.2f  R %.2f  F1 %.2f  (%d gold, %d system, %d matched)\n",
			100*g.Precision, 100*g.Recall, 100*g.F1, g.Gold, g.System, g.Matched)
		fmt.Fprintf(&b, "gold toponyms with coordinates not recognized (not scored): %d\n", g.MissedGeocoded)
	}
	fmt.Fprintf(&b, "\ngeocoding of %d toponyms (%d unresolved, counted at %.0f km):\n", r.Toponyms, r.Unresolved, MaxKm)
	fmt.Fprintf(&b, "%-18s %10.2f %%\n", "accuracy@161 km", 100*r.Acc161)
	fmt.Fprintf(&b, "%-18s %10.1f km\n", "mean error", r.MeanKm)
	fmt.Fprintf(&b, "%-18s %10.1f km\n", "median error", r.MedianKm)
	fmt.Fprintf(&b, "%-18s %10.4f   (0 is perfect)\n", "AUC", r.AUC)
	if r.CountryAccuracy != nil {
		fmt.Fprintf(&b, "%-18s %10.2f %%  (of %d with a gold country)\n", "country accuracy", 100*(*r.CountryAccuracy), r.CountryToponyms)
	}
	if len(r.Buckets) > 0 {
		fmt.Fprintf(&b, "\nmisses by bucket (reachable: a candidate within 161 km):\n")
		for _, k := range Buckets {
			if c, ok := r.Buckets[k]; ok {
				fmt.Fprintf(&b, "%-18s %6d   (%d reachable)\n", k, c.Misses, c.Reachable)
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("geo eval: writing table: %w", err)
	}
	return nil
}
