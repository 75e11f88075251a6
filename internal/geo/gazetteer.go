package geo

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Gazetteer is a set of places and the index of their names. It is
// immutable once built or read, and safe for concurrent use.
//
// Places are kept as compact records (28 bytes each) over one string of
// display names and small tables of countries, regions and feature codes;
// the name index is a sorted array of normalized keys, each with the list
// of its places, most populous first. Lookup builds the Place values it
// returns, so callers own them.
type Gazetteer struct {
	recs      []record
	names     string   // display names of the places, concatenated
	countries []string // ISO alpha-3 codes
	admin1    []string // region names; admin1[0] is "" (none)
	feats     []feature

	keys    string   // normalized names, sorted, concatenated
	keyEnd  []uint32 // end of key i in keys
	post    []int32  // place indexes of every key, most populous first
	postEnd []uint32 // end of the postings of key i in post

	maxWords int
	country  map[string]int32 // alpha-3 → index of its country entry
}

type record struct {
	id, lat, lon int32 // lat and lon in 1e-5 degrees, GeoNames' precision
	pop          uint32
	nameOff      uint32
	nameLen      uint16
	country      uint16
	admin1       uint16
	feat         uint16
}

type feature struct{ class, code string }

const coordScale = 1e5

// New builds a gazetteer from places and the alternate names of each,
// keyed by Place.ID (every place is also filed under its own Name). Under
// each name, the places that bear it as their own name come first, then
// those that bear it as an alternate name, each most populous first
// (Lookup).
// Names are normalized (Normalize); names that normalize to nothing are
// ignored. Fields that do not fit the compact records are clamped:
// populations to 0..4,294,967,295, coordinates to ±90 and ±180, names to
// 65,535 bytes.
func New(places []Place, names map[int][]string) *Gazetteer {
	return newGazetteer(places, nil, names)
}

// newGazetteer is New with preferred names: names filed like the places'
// own names (the curated ones of the build).
func newGazetteer(places []Place, preferred, names map[int][]string) *Gazetteer {
	g := &Gazetteer{admin1: []string{""}, country: map[string]int32{}}
	countryIdx := map[string]uint16{}
	admin1Idx := map[string]uint16{"": 0}
	featIdx := map[feature]uint16{}
	intern := func(m map[string]uint16, list *[]string, s string) uint16 {
		if i, ok := m[s]; ok {
			return i
		}
		if len(*list) >= math.MaxUint16 {
			return 0
		}
		i := uint16(len(*list))
		m[s] = i
		*list = append(*list, s)
		return i
	}
	var nb strings.Builder
	g.recs = make([]record, len(places))
	for i, p := range places {
		name := p.Name
		if len(name) > math.MaxUint16 {
			name = name[:math.MaxUint16]
		}
		f := feature{p.Class, p.Code}
		fi, ok := featIdx[f]
		if !ok && len(g.feats) < math.MaxUint16 {
			fi = uint16(len(g.feats))
			featIdx[f] = fi
			g.feats = append(g.feats, f)
		}
		g.recs[i] = record{
			id:      int32(max(math.MinInt32, min(math.MaxInt32, p.ID))),
			lat:     int32(math.Round(max(-90, min(90, nanZero(p.Lat))) * coordScale)),
			lon:     int32(math.Round(max(-180, min(180, nanZero(p.Lon))) * coordScale)),
			pop:     uint32(max(0, min(math.MaxUint32, p.Population))),
			nameOff: uint32(nb.Len()),
			nameLen: uint16(len(name)),
			country: intern(countryIdx, &g.countries, p.Country),
			admin1:  intern(admin1Idx, &g.admin1, p.Admin1),
			feat:    fi,
		}
		nb.WriteString(name)
	}
	g.names = nb.String()

	// The index: every (key, place) pair once.
	type pair struct {
		key   string
		place int32
		alt   bool // an alternate name
	}
	var pairs []pair
	byID := map[int][]int32{}
	for i, p := range places {
		byID[p.ID] = append(byID[p.ID], int32(i))
	}
	for i, p := range places {
		seen := map[string]bool{}
		add := func(name string, alt bool) {
			k := Normalize(name)
			if isAbbrev(name) && name != p.Name {
				k = abbrevKey(name) // "US", "U.K.": filed apart from the words they fold to
			}
			if k == "" || seen[k] {
				return
			}
			seen[k] = true
			pairs = append(pairs, pair{k, int32(i), alt})
		}
		add(p.Name, false)
		for _, n := range preferred[p.ID] {
			add(n, false)
		}
		for _, n := range names[p.ID] {
			add(n, true)
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].key != pairs[b].key {
			return pairs[a].key < pairs[b].key
		}
		if pairs[a].alt != pairs[b].alt {
			return !pairs[a].alt
		}
		return g.before(pairs[a].place, pairs[b].place)
	})
	var kb strings.Builder
	for i, p := range pairs {
		if i == 0 || p.key != pairs[i-1].key {
			if i > 0 {
				g.postEnd = append(g.postEnd, uint32(len(g.post)))
			}
			kb.WriteString(p.key)
			g.keyEnd = append(g.keyEnd, uint32(kb.Len()))
			g.maxWords = max(g.maxWords, wordCount(p.key))
		}
		g.post = append(g.post, p.place)
	}
	if len(pairs) > 0 {
		g.postEnd = append(g.postEnd, uint32(len(g.post)))
	}
	g.keys = kb.String()
	g.indexCountries()
	return g
}

func nanZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// rankPop is the population a place is ordered by: a first-level
// region's is that of its places, summed, and would put the state of
// Washington before the US capital and the province of Tehran before the
// city, so regions are ordered as if they had none.
func (g *Gazetteer) rankPop(r *record) uint32 {
	if g.feats[r.feat].code == "ADM1" {
		return 0
	}
	return r.pop
}

// featureRank orders places of equal population: states, then regions,
// then capitals, then other places.
func featureRank(code string) int {
	switch code {
	case "PCLI":
		return 0
	case "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR":
		return 1
	case "ADM1":
		return 2
	case "PPLC":
		return 3
	case "PPLA":
		return 4
	}
	return 5
}

// before is the order of the places of one name: most populous first, then
// by feature (states, regions, capitals, seats of regions, others), then
// by GeoNames id.
func (g *Gazetteer) before(a, b int32) bool {
	ra, rb := &g.recs[a], &g.recs[b]
	if pa, pb := g.rankPop(ra), g.rankPop(rb); pa != pb {
		return pa > pb
	}
	fa, fb := featureRank(g.feats[ra.feat].code), featureRank(g.feats[rb.feat].code)
	if fa != fb {
		return fa < fb
	}
	if ra.id != rb.id {
		return ra.id < rb.id
	}
	return a < b
}

// indexCountries files the country entries by alpha-3 code: the first
// entry of class A with a PCL* code of each country.
func (g *Gazetteer) indexCountries() {
	g.country = map[string]int32{}
	for i := range g.recs {
		r := &g.recs[i]
		f := g.feats[r.feat]
		if f.class != "A" || !strings.HasPrefix(f.code, "PCL") && f.code != "TERR" {
			continue
		}
		c := g.countries[r.country]
		if j, ok := g.country[c]; !ok || featureRank(f.code) < featureRank(g.feats[g.recs[j].feat].code) {
			g.country[c] = int32(i)
		}
	}
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.recs) }

// Names is the number of distinct normalized names in the index.
func (g *Gazetteer) Names() int { return len(g.keyEnd) }

// MaxWords is the number of words of the longest name, normalized: no
// phrase of more words can match.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

// place builds the Place of record i.
func (g *Gazetteer) place(i int32) Place {
	r := &g.recs[i]
	f := g.feats[r.feat]
	return Place{
		ID:         int(r.id),
		Name:       g.names[r.nameOff : r.nameOff+uint32(r.nameLen)],
		Lat:        float64(r.lat) / coordScale,
		Lon:        float64(r.lon) / coordScale,
		Country:    g.countries[r.country],
		Admin1:     g.admin1[r.admin1],
		Class:      f.class,
		Code:       f.code,
		Population: int(r.pop),
	}
}

// key returns normalized name i.
func (g *Gazetteer) key(i int) string {
	start := uint32(0)
	if i > 0 {
		start = g.keyEnd[i-1]
	}
	return g.keys[start:g.keyEnd[i]]
}

// Lookup returns every place whose name or one of whose alternate names
// equals name after normalization (Normalize), or nil if there is none.
// The places that bear name as their own name (or a curated name) come
// first, then those that bear it as an alternate name, each most populous
// first: "Islamabad" gives the capital of Pakistan before Chattogram, one
// of whose former names it is.
func (g *Gazetteer) Lookup(name string) []Place {
	return g.lookupKey(Normalize(name))
}

// LookupAbbrev returns the places that bear name, an abbreviation in
// capitals as written ("US", "U.S.", "UAE", "NSW"), as one of their
// names, or nil. Abbreviations are filed apart from other names, since
// once case is folded they are words ("us", "uk" the Russian village):
// Lookup never returns a place for them, and LookupAbbrev returns nil
// for a name that is not an abbreviation (at most five letters, two or
// more of them capitals: "Us" is not one).
func (g *Gazetteer) LookupAbbrev(name string) []Place {
	if !isAbbrev(name) {
		return nil
	}
	return g.lookupKey(abbrevKey(name))
}

// abbrevKey is the key of an abbreviation: a marker no normalized name
// starts with, then its letters in lower case ("U.S." → "\x1fus").
func abbrevKey(s string) string {
	var b strings.Builder
	b.WriteByte(0x1f)
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 1 {
		return ""
	}
	return b.String()
}

func (g *Gazetteer) lookupKey(k string) []Place {
	if k == "" {
		return nil
	}
	i := sort.Search(len(g.keyEnd), func(i int) bool { return g.key(i) >= k })
	if i == len(g.keyEnd) || g.key(i) != k {
		return nil
	}
	start := uint32(0)
	if i > 0 {
		start = g.postEnd[i-1]
	}
	ids := g.post[start:g.postEnd[i]]
	out := make([]Place, len(ids))
	for j, p := range ids {
		out[j] = g.place(p)
	}
	return out
}

// Country returns the entry of the country with ISO 3166-1 alpha-3 code
// alpha3 (feature code PCLI for a state, PCLD or TERR for a dependency).
func (g *Gazetteer) Country(alpha3 string) (Place, bool) {
	i, ok := g.country[strings.ToUpper(alpha3)]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// Places calls f with every place, in the gazetteer's order, until f
// returns false.
func (g *Gazetteer) Places(f func(Place) bool) {
	for i := range g.recs {
		if !f(g.place(int32(i))) {
			return
		}
	}
}
