package geoeval

import (
	"context"
	"fmt"
	"github.com/dyadproject/dyad/internal/eval/metric"
	"sort"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/geo"
)

// ResolveFunc resolves the given place names of a text, one toponym per
// span, in order (geo.Resolver.ResolveSpans).
type ResolveFunc func(text string, spans []doc.Span) []geo.Toponym

// FindFunc recognizes and resolves the place names of a text
// (geo.Resolver.Find).
type FindFunc func(text string) []geo.Toponym

// CountryCodeFunc maps a gold country name ("United States") to the ISO
// 3166-1 alpha-3 code of geo.Place.Country ("USA"), "" when unknown.
type CountryCodeFunc func(name string) string

// Options are what a scoring run needs besides the documents.
type Options struct {
	Suite string
	// NeedID restricts the geocoding to gold toponyms with a GeoNames id
	// (GeoWebNews: 2,401 of the 2,601 with coordinates, the set of its
	// reference gold file Geocoding/gwn_full.txt).
	NeedID bool
	// CountryCode, when set, gives the country accuracy.
	CountryCode CountryCodeFunc
	Stats       Stats
}

// Scored tells whether gold toponym g is geocoded in a suite.
func (o *Options) Scored(g *Gold) bool { return g.HasCoords && (!o.NeedID || g.GeoNamesID != 0) }

// scorer accumulates errors over a suite.
type scorer struct {
	opt       *Options
	res       *Result
	errs      []float64
	countryN  int
	countryOK int
}

func newScorer(opt *Options, mode string, docs int) *scorer {
	return &scorer{opt: opt, res: &Result{Suite: opt.Suite, Mode: mode, Docs: docs, Read: opt.Stats}}
}

// add scores gold toponym g of d against the system toponym t (nil when
// the system left it out; then it is unresolved).
func (s *scorer) add(d *Doc, g *Gold, t *geo.Toponym) {
	km := MaxKm
	var p *geo.Place
	if t != nil {
		p = t.Place
	}
	if p == nil {
		s.res.Unresolved++
	} else {
		km = Haversine(g.Lat, g.Lon, p.Lat, p.Lon)
	}
	s.errs = append(s.errs, km)
	if s.opt.CountryCode != nil && g.Country != "" {
		if c := s.opt.CountryCode(g.Country); c != "" {
			s.countryN++
			if p != nil && p.Country == c {
				s.countryOK++
			}
		}
	}
	if km > AccuracyKm {
		m := Miss{Doc: d.ID, Span: g.Span, Text: g.Text, GoldLat: g.Lat, GoldLon: g.Lon,
			GoldName: g.Name, GoldCountry: g.Country, GeoNamesID: g.GeoNamesID, Km: km}
		if p != nil {
			sys := *p
			m.System = &sys
		}
		s.res.Misses = append(s.res.Misses, m)
	}
}

func (s *scorer) finish() *Result {
	r := s.res
	r.Toponyms = len(s.errs)
	r.Acc161 = Accuracy(s.errs, AccuracyKm)
	r.MeanKm = Mean(s.errs)
	r.MedianKm = Median(s.errs)
	r.AUC = AUC(s.errs)
	if s.countryN > 0 {
		r.CountryToponyms = s.countryN
		a := metric.Ratio(s.countryOK, s.countryN)
		r.CountryAccuracy = &a
	}
	return r
}

// ScoreSpans geocodes the gold toponyms of docs: resolve gets, for each
// document, the spans of all its gold toponyms (geotagging toponyms and
// those with coordinates, in order of position, each span once), and
// every gold toponym with coordinates (Options.Scored) is scored by the
// distance between its coordinates and those of the place it was
// resolved to; one left unresolved counts with MaxKm.
func ScoreSpans(ctx context.Context, docs []*Doc, resolve ResolveFunc, opt Options) (*Result, error) {
	s := newScorer(&opt, "gold-spans", len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("geo eval %s: %w", opt.Suite, err)
		}
		var spans []doc.Span
		seen := map[doc.Span]int{}
		for i := range d.Toponyms {
			g := &d.Toponyms[i]
			if !g.Toponym && !opt.Scored(g) {
				continue
			}
			if _, ok := seen[g.Span]; !ok {
				seen[g.Span] = -1
				spans = append(spans, g.Span)
			}
		}
		sort.Slice(spans, func(i, j int) bool {
			if spans[i].Start != spans[j].Start {
				return spans[i].Start < spans[j].Start
			}
			return spans[i].End < spans[j].End
		})
		for i, sp := range spans {
			seen[sp] = i
		}
		var out []geo.Toponym
		if len(spans) > 0 {
			out = resolve(d.Text, spans)
		}
		for i := range d.Toponyms {
			g := &d.Toponyms[i]
			if !opt.Scored(g) {
				continue
			}
			var t *geo.Toponym
			if j := seen[g.Span]; j >= 0 && j < len(out) {
				t = &out[j]
			}
			s.add(d, g, t)
		}
	}
	return s.finish(), nil
}

// ScoreE2E recognizes and resolves the toponyms of each document with
// find and scores both steps. Geotagging: the system toponyms are
// matched one to one with the gold geotagging toponyms (Gold.Toponym),
// first those with identical spans, then by overlap in order of
// position; precision is matches / system toponyms, recall matches /
// gold toponyms. Geocoding: the gold toponyms with coordinates that a
// system toponym matched, scored as in ScoreSpans; those not recognized
// are counted in Geotagging.MissedGeocoded and not scored.
func ScoreE2E(ctx context.Context, docs []*Doc, find FindFunc, opt Options) (*Result, error) {
	s := newScorer(&opt, "e2e", len(docs))
	tag := &Tagging{}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("geo eval %s: %w", opt.Suite, err)
		}
		var gold []*Gold
		for i := range d.Toponyms {
			if g := &d.Toponyms[i]; g.Toponym || opt.Scored(g) {
				gold = append(gold, g)
			}
		}
		sort.SliceStable(gold, func(i, j int) bool { return gold[i].Span.Start < gold[j].Span.Start })
		sys := find(d.Text)
		tag.Gold += len(gold)
		tag.System += len(sys)
		match := matchSpans(gold, sys)
		for i, g := range gold {
			j := match[i]
			if j >= 0 {
				tag.Matched++
			}
			if !opt.Scored(g) {
				continue
			}
			if j < 0 {
				tag.MissedGeocoded++
				continue
			}
			s.add(d, g, &sys[j])
		}
	}
	tag.Precision = metric.Ratio(tag.Matched, tag.System)
	tag.Recall = metric.Ratio(tag.Matched, tag.Gold)
	tag.F1 = metric.F1(tag.Precision, tag.Recall)
	r := s.finish()
	r.Geotagging = tag
	return r, nil
}

// matchSpans pairs gold and system toponyms one to one: identical spans
// first, then each gold toponym, in order, with the first unmatched
// system toponym overlapping it. It returns, per gold toponym, the index
// of its system toponym or -1.
func matchSpans(gold []*Gold, sys []geo.Toponym) []int {
	match := make([]int, len(gold))
	used := make([]bool, len(sys))
	for i := range match {
		match[i] = -1
	}
	for i, g := range gold {
		for j := range sys {
			if !used[j] && sys[j].Span == g.Span {
				match[i], used[j] = j, true
				break
			}
		}
	}
	for i, g := range gold {
		if match[i] >= 0 {
			continue
		}
		for j := range sys {
			if !used[j] && overlap(sys[j].Span, g.Span) {
				match[i], used[j] = j, true
				break
			}
		}
	}
	return match
}

func overlap(a, b doc.Span) bool { return a.Start < b.End && b.Start < a.End }
