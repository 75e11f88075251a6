package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	evgeo "github.com/dyadproject/dyad/internal/eval/geo"
	"github.com/dyadproject/dyad/internal/geo"
)

// TestGeo checks `dyad geo`: JSON Lines of geo.Toponym whose spans hold
// their text and whose places have coordinates, and the table's header.
func TestGeo(t *testing.T) {
	article := "TEHRAN- Iran said it struck a militant base in Rask, in Sistan and Baluchestan. The embassy in Damascus was hit.\n"
	table := run(t, article, "geo")
	if !strings.Contains(table, " toponyms\n") || !strings.Contains(table, "span") || !strings.Contains(table, "geonameid") {
		t.Errorf("table lacks the count or the header:\n%s", table)
	}
	out := run(t, article, "geo", "--json")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var tp geo.Toponym
		if err := json.Unmarshal([]byte(l), &tp); err != nil {
			t.Fatalf("not a JSON toponym: %v: %s", err, l)
		}
		if tp.Span.Start < 0 || tp.Span.End > len(article) || tp.Span.Start >= tp.Span.End || article[tp.Span.Start:tp.Span.End] != tp.Text {
			t.Errorf("span %v does not hold %q", tp.Span, tp.Text)
		}
		if p := tp.Place; p != nil && (p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 || p.Name == "") {
			t.Errorf("%q: bad place %+v", tp.Text, p)
		}
	}
}

// TestEvalGeoJSON checks the `dyad eval` contract for the geo suites:
// one JSON object with suite, toponyms, acc161 and auc as fractions and
// mean_km and median_km as kilometres, the misses with --misses, and the
// e2e mode's geotagging scores.
func TestEvalGeoJSON(t *testing.T) {
	file, err := evgeo.SuiteFile("lgl")
	if err != nil {
		t.Fatal(err)
	}
	datatest.Dir(t, filepath.Dir(file))
	out := run(t, "", "eval", "geo", "--suite", "lgl", "--json", "--misses")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%.500s", err, out)
	}
	if got["suite"] != "lgl" || got["toponyms"] != 4462.0 {
		t.Errorf("suite %v, toponyms %v", got["suite"], got["toponyms"])
	}
	for _, k := range []string{"acc161", "auc"} {
		if v, ok := got[k].(float64); !ok || v < 0 || v > 1 {
			t.Errorf("%s = %v, want a fraction", k, got[k])
		}
	}
	for _, k := range []string{"mean_km", "median_km"} {
		if v, ok := got[k].(float64); !ok || v < 0 || v > evgeo.MaxKm {
			t.Errorf("%s = %v, want km", k, got[k])
		}
	}
	misses, _ := got["misses"].([]any)
	if len(misses) == 0 && got["acc161"] != 1.0 {
		t.Errorf("--misses gave no misses:\n%.500s", out)
	}
	for _, m := range misses {
		mm, _ := m.(map[string]any)
		if mm["doc"] == "" || mm["text"] == "" || mm["km"] == nil {
			t.Errorf("miss lacks doc, text or km: %v", m)
		}
	}
	var dev evgeo.Result
	if err := json.Unmarshal([]byte(run(t, "", "eval", "geo", "--suite", "lgl", "--split", "dev", "--json", "--errors")), &dev); err != nil {
		t.Fatalf("--split dev: %v", err)
	}
	if dev.Split != evgeo.Dev || dev.Toponyms == 0 || dev.Toponyms >= 4462 || len(dev.Buckets) == 0 || len(dev.Misses) == 0 || dev.Misses[0].Bucket == "" {
		t.Errorf("--split dev --errors: split %q, %d toponyms, buckets %v", dev.Split, dev.Toponyms, dev.Buckets)
	}
	table := run(t, "", "eval", "geo", "--suite", "lgl")
	for _, w := range []string{"suite lgl (gold-spans): 588 documents", "accuracy@161 km", "median error", "AUC"} {
		if !strings.Contains(table, w) {
			t.Errorf("table lacks %q:\n%s", w, table)
		}
	}
	e2e := run(t, "", "eval", "geo", "--suite", "tr-news", "--e2e", "--json")
	var r evgeo.Result
	if err := json.Unmarshal([]byte(e2e), &r); err != nil {
		t.Fatalf("e2e: not one JSON object: %v\n%.500s", err, e2e)
	}
	if r.Mode != "e2e" || r.Geotagging == nil || r.Geotagging.Gold != 1319 {
		t.Errorf("e2e: %+v", r)
	}
	root := newRoot()
	var buf bytes.Buffer
	root.SetOut(&buf)
	root.SetErr(&buf)
	root.SetArgs([]string{"eval", "geo", "--suite", "wiktor"})
	if err := root.Execute(); err == nil || !strings.Contains(err.Error(), "unknown suite") {
		t.Errorf("unknown suite: %v", err)
	}
}
