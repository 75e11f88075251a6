package geoeval

import (
	"strconv"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/geo"
)

// TestSplit checks that dev and test part every suite's documents, about
// half each, the same way on every call.
func TestSplit(t *testing.T) {
	var docs []*Doc
	for i := range 1000 {
		docs = append(docs, &Doc{ID: strconv.Itoa(i)})
	}
	dev, test := Dev.Docs(docs), Test.Docs(docs)
	if len(dev)+len(test) != len(docs) || len(dev) < 400 || len(test) < 400 {
		t.Fatalf("dev %d, test %d of %d", len(dev), len(test), len(docs))
	}
	for _, d := range dev {
		if Test.Has(d.ID) || !Dev.Has(d.ID) || !All.Has(d.ID) {
			t.Errorf("%s in dev and test", d.ID)
		}
	}
	if got := All.Docs(docs); len(got) != len(docs) {
		t.Errorf("all: %d documents", len(got))
	}
	// The FNV-1a hash of "0" is odd, of "1" even: a change of the hash
	// would move every document.
	if Dev.Has("0") || !Dev.Has("1") {
		t.Errorf("dev has 0: %v, 1: %v", Dev.Has("0"), Dev.Has("1"))
	}
	for _, c := range []struct {
		in   string
		want Split
		ok   bool
	}{{"", All, true}, {"all", All, true}, {"dev", Dev, true}, {"test", Test, true}, {"train", "", false}} {
		got, err := ParseSplit(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseSplit(%q) = %q, %v", c.in, got, err)
		}
	}
}

// TestClassify sorts made-up misses over a small gazetteer into their
// buckets.
func TestClassify(t *testing.T) {
	g := geo.New([]geo.Place{
		{ID: 6252001, Name: "United States", Lat: 39.76, Lon: -98.5, Country: "USA", Class: "A", Code: "PCLI", Population: 330000000},
		{ID: 357994, Name: "Egypt", Lat: 27, Lon: 30, Country: "EGY", Class: "A", Code: "PCLI", Population: 110000000},
		{ID: 361058, Name: "Alexandria", Lat: 31.2, Lon: 29.92, Country: "EGY", Admin1: "Alexandria", Class: "P", Code: "PPLA", Population: 3800000},
		{ID: 4314550, Name: "Alexandria", Lat: 31.31, Lon: -92.45, Country: "USA", Admin1: "Louisiana", Class: "P", Code: "PPLA2", Population: 47000},
		{ID: 4744091, Name: "Alexandria", Lat: 38.8, Lon: -77.05, Country: "USA", Admin1: "Virginia", Class: "P", Code: "PPL", Population: 155000},
		{ID: 5815135, Name: "Washington", Lat: 47.5, Lon: -120.5, Country: "USA", Admin1: "Washington", Class: "A", Code: "ADM1", Population: 7000000},
		{ID: 4140963, Name: "Washington", Lat: 38.9, Lon: -77.04, Country: "USA", Admin1: "District of Columbia", Class: "P", Code: "PPLC", Population: 690000},
	}, nil)
	r := geo.NewResolverWith(g)
	c := NewClassifier(r, func(name string) string { return map[string]string{"United States": "USA"}[name] })
	at := func(id int) *geo.Place {
		var out *geo.Place
		g.Places(func(p geo.Place) bool {
			if p.ID == id {
				out = &p
				return false
			}
			return true
		})
		return out
	}
	text := "Alexandria, Washington, United States, Cairo"
	for _, tc := range []struct {
		name      string
		m         Miss
		bucket    string
		reachable bool
	}{
		{"no entry", Miss{Span: doc.Span{Start: 39, End: 44}, Text: "Cairo", GoldLat: 30.06, GoldLon: 31.25}, BucketUnresolved, false},
		{"other country", Miss{Span: doc.Span{Start: 0, End: 10}, Text: "Alexandria", GoldLat: 31.31, GoldLon: -92.45, GeoNamesID: 4314550,
			GoldCountry: "United States", System: at(361058)}, BucketCountry, true},
		{"same country", Miss{Span: doc.Span{Start: 0, End: 10}, Text: "Alexandria", GoldLat: 31.31, GoldLon: -92.45, GeoNamesID: 4314550,
			System: at(4744091)}, BucketPlace, true},
		{"state for city", Miss{Span: doc.Span{Start: 12, End: 22}, Text: "Washington", GoldLat: 38.9, GoldLon: -77.04, GeoNamesID: 4140963,
			System: at(5815135)}, BucketAdmin1City, true},
		{"country point", Miss{Span: doc.Span{Start: 24, End: 37}, Text: "United States", GoldName: "United States", GoldLat: 38, GoldLon: -97,
			GeoNamesID: 1, System: at(6252001)}, BucketCoordinates, false},
		{"same id", Miss{Span: doc.Span{Start: 0, End: 10}, Text: "Alexandria", GoldLat: 36, GoldLon: -77, GeoNamesID: 4744091,
			System: at(4744091)}, BucketCoordinates, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := &Result{Misses: []Miss{tc.m}}
			res.Misses[0].Doc = "d"
			c.Classify([]*Doc{{ID: "d", Text: text}}, res)
			m := res.Misses[0]
			if m.Bucket != tc.bucket || m.Reachable != tc.reachable || res.Buckets[tc.bucket].Misses != 1 {
				t.Errorf("bucket %q reachable %v (%v), want %q %v", m.Bucket, m.Reachable, res.Buckets, tc.bucket, tc.reachable)
			}
		})
	}
}
