package geoeval

import (
	"context"
	"flag"
	"math"
	"path/filepath"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/geo"
)

var update = flag.Bool("update", false, "rewrite the golden scoreboards")

// floors are the lowest scores the resolver may reach on the whole
// suites (fractions), just under its scores; a floor is never lowered.
// The targets for accuracy within 161 km (acc161) are LGL 0.85
// (met), GeoWebNews 0.95 (not met: 0.874, its ceiling with this
// gazetteer is about 0.90, docs/geo.md) and TR-News 0.90 (met); Mordecai3
// reports 0.827, 0.941, 0.873. GeoVirus has no target.
var floors = map[string]map[string]float64{
	"lgl":        {"acc161": 0.85},  // target 0.85
	"geowebnews": {"acc161": 0.87},  // target 0.95
	"tr-news":    {"acc161": 0.905}, // target 0.90
	"geovirus":   {"acc161": 0.795},
}

// TestScoreboards geocodes the gold toponyms of every suite and compares
// each scoreboard (without its misses) with testdata/SUITE.json, and
// those of its dev and test halves with SUITE.dev.json and
// SUITE.test.json, so that every change in accuracy shows as a diff
// (regenerate with go test -update), and fails when a metric of the
// whole suite drops below its floor.
func TestScoreboards(t *testing.T) {
	r, err := NewResolver()
	if err != nil {
		t.Fatal(err)
	}
	for _, suite := range Suites {
		t.Run(suite, func(t *testing.T) {
			file, err := SuiteFile(suite)
			if err != nil {
				t.Fatal(err)
			}
			datatest.Dir(t, filepath.Dir(file))
			for _, split := range []Split{All, Dev, Test} {
				res, err := Run(context.Background(), "", suite, r, RunOptions{Split: split})
				if err != nil {
					t.Fatal(err)
				}
				res.Misses, res.Buckets = nil, nil
				golden, floor := suite+".json", floors[suite]
				if split != All {
					golden, floor = suite+"."+string(split)+".json", nil
				}
				datatest.Scoreboard(t, filepath.Join("testdata", golden), res, *update, floor)
			}
		})
	}
}

// TestReadSuites checks the readers on the data folder against the
// counts of eval/SOURCES.md (rows 12–15), and that every span holds its
// phrase. Differences from SOURCES.md, all checked by hand: GeoVirus
// holds 2,167 locations outside XML comments (SOURCES.md says 2,170);
// GeoWebNews loses five spans of article 123 whose offsets are negative
// (two of them with coordinates, so 2,599 of 2,601 and 2,399 of 2,401
// with GeoNames ids are read); 117 TR-News spans are shifted and
// repaired.
func TestReadSuites(t *testing.T) {
	for _, c := range []struct {
		suite string
		want  Stats
	}{
		{"lgl", Stats{Articles: 588, Labelled: 5088, Toponyms: 5088, WithCoords: 4462, WithID: 4462}},
		{"tr-news", Stats{Articles: 118, Labelled: 1319, Toponyms: 1319, WithCoords: 1275, WithID: 1275, Repaired: 117}},
		{"geovirus", Stats{Articles: 229, Labelled: 2167, Toponyms: 2167, WithCoords: 2167}},
		{"geowebnews", Stats{Articles: 200, Labelled: 6607, Toponyms: 2718, WithCoords: 2599, WithID: 2399, Dropped: 5}},
	} {
		t.Run(c.suite, func(t *testing.T) {
			file, _ := SuiteFile(c.suite)
			datatest.Dir(t, filepath.Dir(file))
			docs, st, err := ReadSuite("", c.suite)
			if err != nil {
				t.Fatal(err)
			}
			if st != c.want || len(docs) != c.want.Articles {
				t.Errorf("%d documents, stats %+v, want %+v", len(docs), st, c.want)
			}
			ids := map[string]bool{}
			for _, d := range docs {
				if ids[d.ID] {
					t.Errorf("document id %s twice", d.ID)
				}
				ids[d.ID] = true
				for _, g := range d.Toponyms {
					if g.Span.Start < 0 || g.Span.End > len(d.Text) || g.Span.Start >= g.Span.End || d.Text[g.Span.Start:g.Span.End] != g.Text {
						t.Errorf("%s: span %v does not hold %q", d.ID, g.Span, g.Text)
					}
				}
			}
		})
	}
}

// TestGoldAsSystem scores resolvers made from the gold: one that
// returns the gold coordinates (every error 0), one that resolves
// nothing (every toponym unresolved, at the maximum error), and, end to
// end, one that finds exactly the gold toponyms (geotagging 1).
func TestGoldAsSystem(t *testing.T) {
	file, _ := SuiteFile("lgl")
	datatest.Dir(t, filepath.Dir(file))
	docs, st, err := ReadSuite("", "lgl")
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]*Doc{}
	for _, d := range docs {
		byText[d.Text] = d
	}
	goldTop := func(d *Doc, sp doc.Span) geo.Toponym {
		t := geo.Toponym{Span: sp, Text: d.Text[sp.Start:sp.End]}
		for _, g := range d.Toponyms {
			if g.Span == sp && g.HasCoords {
				t.Place = &geo.Place{ID: g.GeoNamesID, Name: g.Name, Lat: g.Lat, Lon: g.Lon, Country: "USA"}
			}
		}
		return t
	}
	perfect := func(text string, spans []doc.Span) []geo.Toponym {
		out := make([]geo.Toponym, len(spans))
		for i, sp := range spans {
			out[i] = goldTop(byText[text], sp)
		}
		return out
	}
	none := func(text string, spans []doc.Span) []geo.Toponym { return make([]geo.Toponym, len(spans)) }
	cc, err := CountryCodes()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Suite: "lgl", Stats: st, CountryCode: cc}

	r, err := ScoreSpans(context.Background(), docs, perfect, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r.Toponyms != 4462 || r.Acc161 != 1 || r.MeanKm != 0 || r.MedianKm != 0 || r.AUC != 0 || r.Unresolved != 0 || len(r.Misses) != 0 {
		t.Errorf("gold as system: %+v", r)
	}
	usa := 0
	for _, d := range docs {
		for _, g := range d.Toponyms {
			if g.HasCoords && g.Country == "United States" {
				usa++
			}
		}
	}
	if r.CountryAccuracy == nil || r.CountryToponyms < 4400 || math.Abs(*r.CountryAccuracy-float64(usa)/float64(r.CountryToponyms)) > 1e-9 {
		t.Errorf("country accuracy %v over %d (every place put in the USA)", r.CountryAccuracy, r.CountryToponyms)
	}

	r, err = ScoreSpans(context.Background(), docs, none, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r.Toponyms != 4462 || r.Acc161 != 0 || r.MeanKm != MaxKm || r.AUC != 1 || r.Unresolved != 4462 || len(r.Misses) != 4462 || *r.CountryAccuracy != 0 {
		t.Errorf("nothing resolved: %+v", r)
	}

	find := func(text string) []geo.Toponym {
		d := byText[text]
		var out []geo.Toponym
		for _, g := range d.Toponyms {
			out = append(out, goldTop(d, g.Span))
		}
		return out
	}
	r, err = ScoreE2E(context.Background(), docs, find, opt)
	if err != nil {
		t.Fatal(err)
	}
	if g := r.Geotagging; g == nil || g.F1 != 1 || g.Gold != 5088 || g.MissedGeocoded != 0 || r.Toponyms != 4462 || r.Acc161 != 1 {
		t.Errorf("gold found end to end: %+v %+v", r, r.Geotagging)
	}
}

// TestScoreE2E checks the matching of spans on a made-up document.
func TestScoreE2E(t *testing.T) {
	d := &Doc{ID: "1", Text: "From Paris to Lyon via Dijon.", Toponyms: []Gold{
		{Span: doc.Span{Start: 5, End: 10}, Text: "Paris", Toponym: true, HasCoords: true, Lat: 48.85, Lon: 2.35},
		{Span: doc.Span{Start: 14, End: 18}, Text: "Lyon", Toponym: true, HasCoords: true, Lat: 45.75, Lon: 4.85},
		{Span: doc.Span{Start: 23, End: 28}, Text: "Dijon", Toponym: true, HasCoords: true, Lat: 47.32, Lon: 5.04},
	}}
	find := func(string) []geo.Toponym {
		return []geo.Toponym{
			{Span: doc.Span{Start: 0, End: 10}, Text: "From Paris", Place: &geo.Place{Name: "Paris", Lat: 48.85, Lon: 2.35}}, // overlap
			{Span: doc.Span{Start: 14, End: 18}, Text: "Lyon", Place: &geo.Place{Name: "Lyon", Lat: 41.26, Lon: -95.94}},     // wrong Lyon
			{Span: doc.Span{Start: 19, End: 22}, Text: "via"},                                                                // spurious
		}
	}
	r, err := ScoreE2E(context.Background(), []*Doc{d}, find, Options{Suite: "test"})
	if err != nil {
		t.Fatal(err)
	}
	g := r.Geotagging
	if g.Gold != 3 || g.System != 3 || g.Matched != 2 || g.MissedGeocoded != 1 || math.Abs(g.F1-2.0/3) > 1e-9 {
		t.Errorf("geotagging %+v", g)
	}
	if r.Toponyms != 2 || r.Acc161 != 0.5 || len(r.Misses) != 1 || r.Misses[0].Text != "Lyon" || r.Misses[0].System == nil {
		t.Errorf("geocoding %+v", r)
	}
	if s := r.Misses[0].String(); s == "" {
		t.Error("empty miss line")
	}
}

func TestMissString(t *testing.T) {
	m := Miss{Doc: "7", Span: doc.Span{Start: 2, End: 9}, Text: "Turkish", GoldLat: 39, GoldLon: 35, GoldName: "Turkey", GoldCountry: "Turkey", Km: MaxKm}
	if got, want := m.String(), `7 2-9 "Turkish" gold 39.0000,35.0000 (Turkey) system unresolved 20039 km`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	m = Miss{Doc: "1", Span: doc.Span{Start: 14, End: 18}, Text: "Lyon", GoldLat: 45.75, GoldLon: 4.85, GoldName: "Lyon", GoldCountry: "France",
		System: &geo.Place{ID: 4866445, Name: "Lyons", Admin1: "Iowa", Country: "USA", Lat: 41.26, Lon: -95.94}, Km: 7460.4}
	if got, want := m.String(), `1 14-18 "Lyon" gold 45.7500,4.8500 (Lyon, France) system Lyons, Iowa, USA 41.2600,-95.9400 [4866445] 7460 km`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
