package timexeval

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/timex"
)

// Finder finds the time expressions of a text written at dct; a
// (*timex.Tagger).Find method value is one.
type Finder func(text string, dct time.Time) []timex.Expr

// Counts are the TempEval-3 entity counts of a set of documents.
type Counts struct {
	Gold    int `json:"gold"`    // gold expressions
	System  int `json:"system"`  // system expressions
	Strict  int `json:"strict"`  // matched pairs with identical extents
	Relaxed int `json:"relaxed"` // matched pairs (overlapping extents, strict ones included)
	Type    int `json:"type"`    // relaxed pairs of the same type
	Value   int `json:"value"`   // relaxed pairs of the same value
	Mod     int `json:"mod"`     // relaxed pairs of the same mod (both none counts)
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.System += o.System
	c.Strict += o.Strict
	c.Relaxed += o.Relaxed
	c.Type += o.Type
	c.Value += o.Value
	c.Mod += o.Mod
}

// Pair is one gold expression matched with one system expression, by
// their indexes in the lists given to Match.
type Pair struct {
	Gold, System int
	Strict       bool // identical extents
}

// Match pairs the gold and system expressions of one document, each at
// most once: first the pairs with identical extents, then, taking the
// gold expressions in order of position, each with the first unpaired
// system expression (in order of position) that overlaps it. Greedy by
// position like this is what TempEval-3's id normalization amounts to on
// real output, where one expression rarely overlaps two.
func Match(gold, sys []Timex) []Pair {
	gOrder, sOrder := byPosition(gold), byPosition(sys)
	gUsed := make([]bool, len(gold))
	sUsed := make([]bool, len(sys))
	var pairs []Pair
	for _, g := range gOrder {
		for _, s := range sOrder {
			if !sUsed[s] && gold[g].Span == sys[s].Span {
				pairs = append(pairs, Pair{Gold: g, System: s, Strict: true})
				gUsed[g], sUsed[s] = true, true
				break
			}
		}
	}
	for _, g := range gOrder {
		if gUsed[g] {
			continue
		}
		for _, s := range sOrder {
			if !sUsed[s] && overlap(gold[g].Span, sys[s].Span) {
				pairs = append(pairs, Pair{Gold: g, System: s})
				gUsed[g], sUsed[s] = true, true
				break
			}
		}
	}
	return pairs
}

// byPosition returns the indexes of xs ordered by start, then end.
func byPosition(xs []Timex) []int {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	// Insertion sort: lists are short and usually already in order.
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && before(xs[idx[j]].Span, xs[idx[j-1]].Span); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

func before(a, b doc.Span) bool {
	return a.Start < b.Start || a.Start == b.Start && a.End < b.End
}

// overlap reports whether two extents share a byte. An empty extent
// overlaps nothing.
func overlap(a, b doc.Span) bool {
	return a.Start < b.End && b.Start < a.End && a.Start < a.End && b.Start < b.End
}

// same compares two attribute values as TempEval-3 does: exactly, as
// strings, after trimming spaces.
func same(a, b string) bool { return strings.TrimSpace(a) == strings.TrimSpace(b) }

// ScoreDoc counts one document's matches and lists its errors.
func ScoreDoc(docID string, gold, sys []Timex) (Counts, []Miss) {
	return scoreDoc(docID, gold, sys, nil)
}

// scoreDoc is ScoreDoc, adding counts per type to byType when it is not
// nil: gold, relaxed and value by the gold type, system by the system's.
func scoreDoc(docID string, gold, sys []Timex, byType map[string]*TypeCounts) (Counts, []Miss) {
	c := Counts{Gold: len(gold), System: len(sys)}
	var misses []Miss
	pairs := Match(gold, sys)
	if byType != nil {
		countTypes(byType, gold, sys, pairs)
	}
	gPair := make([]int, len(gold))
	sPaired := make([]bool, len(sys))
	for i := range gPair {
		gPair[i] = -1
	}
	for _, p := range pairs {
		gPair[p.Gold] = p.System
		sPaired[p.System] = true
		g, s := gold[p.Gold], sys[p.System]
		c.Relaxed++
		if p.Strict {
			c.Strict++
		}
		if same(g.Type, s.Type) {
			c.Type++
		}
		if same(g.Value, s.Value) {
			c.Value++
		}
		if same(g.Mod, s.Mod) {
			c.Mod++
		}
	}
	for _, gi := range byPosition(gold) {
		g := gold[gi]
		m := Miss{Doc: docID, Span: g.Span, Text: g.Text, Type: g.Type, Value: g.Value, Mod: g.Mod}
		si := gPair[gi]
		if si < 0 {
			m.Kind = Missed
			misses = append(misses, m)
			continue
		}
		s := sys[si]
		switch {
		case !same(g.Value, s.Value):
			m.Kind = WrongValue
		case !same(g.Type, s.Type):
			m.Kind = WrongType
		case g.Span != s.Span:
			m.Kind = WrongExtent
		default:
			continue
		}
		m.System = &s
		misses = append(misses, m)
	}
	for _, si := range byPosition(sys) {
		if !sPaired[si] {
			s := sys[si]
			misses = append(misses, Miss{Doc: docID, Kind: Spurious, Span: s.Span, Text: s.Text, System: &s})
		}
	}
	// Interleave the spurious expressions with the gold ones.
	slices.SortStableFunc(misses, func(a, b Miss) int { return a.Span.Start - b.Span.Start })
	return c, misses
}

// FromExpr is the scorer's view of a system expression.
func FromExpr(e timex.Expr) Timex {
	return Timex{Span: e.Span, Text: e.Text, Type: string(e.Type), Value: e.Value, Mod: e.Mod}
}

// ScoreDocs runs find over every document, with the document's creation
// time, and scores the expressions against the gold ones.
func ScoreDocs(ctx context.Context, suite string, docs []*Doc, find Finder) (*Result, error) {
	return score(ctx, suite, docs, func(d *Doc) []Timex {
		exprs := find(d.Text, d.DCT)
		sys := make([]Timex, len(exprs))
		for i, e := range exprs {
			sys[i] = FromExpr(e)
		}
		return sys
	})
}

// score scores the system expressions system gives for each document
// against the document's gold ones.
func score(ctx context.Context, suite string, docs []*Doc, system func(*Doc) []Timex) (*Result, error) {
	r := &Result{Suite: suite, Docs: len(docs), ByType: map[string]*TypeCounts{}}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("timex eval %s: %w", suite, err)
		}
		c, misses := scoreDoc(d.ID, d.Timexs, system(d), r.ByType)
		for i := range misses {
			misses[i].DCT = d.DCTValue
		}
		r.Counts.add(c)
		r.Misses = append(r.Misses, misses...)
	}
	r.finish()
	return r, nil
}

func countTypes(byType map[string]*TypeCounts, gold, sys []Timex, pairs []Pair) {
	get := func(t string) *TypeCounts {
		t = strings.TrimSpace(t)
		if t == "" {
			t = "(none)"
		}
		c := byType[t]
		if c == nil {
			c = &TypeCounts{}
			byType[t] = c
		}
		return c
	}
	for _, g := range gold {
		get(g.Type).Gold++
	}
	for _, s := range sys {
		get(s.Type).System++
	}
	for _, p := range pairs {
		g, s := gold[p.Gold], sys[p.System]
		c := get(g.Type)
		c.Relaxed++
		if p.Strict {
			c.Strict++
		}
		if same(g.Value, s.Value) {
			c.Value++
		}
	}
}
