package geoeval

import (
	"math"
	"strings"

	"github.com/dyadproject/dyad/internal/geo"
)

// The buckets a miss falls in (Miss.Bucket), in the order they are
// tested.
const (
	// BucketUnresolved: no entry bears the name.
	BucketUnresolved = "unresolved"
	// BucketCoordinates: the resolver picked the gold's own place (its
	// GeoNames id, or the country or first-level region the gold names)
	// and the gold puts it elsewhere: a convention of the gold, or a
	// point of the gazetteer's.
	BucketCoordinates = "coordinates"
	// BucketAdmin1City: one of the gold and the pick is a state or
	// first-level region, the other a town or county of that state
	// ("Washington" the state for the capital, "New York" the city for
	// the state).
	BucketAdmin1City = "admin1-vs-city"
	// BucketCountry: the pick is in another country than the gold.
	BucketCountry = "wrong-country"
	// BucketPlace: the pick is in the gold's country but another place.
	BucketPlace = "wrong-place"
)

// Buckets lists the buckets in order.
var Buckets = []string{BucketUnresolved, BucketCoordinates, BucketAdmin1City, BucketCountry, BucketPlace}

// BucketCount is how many misses fell in a bucket, and how many of them
// had a candidate entry within 161 km of the gold (the resolver could
// have picked it: a ranking error; the others are the gazetteer's).
type BucketCount struct {
	Misses    int `json:"misses"`
	Reachable int `json:"reachable"`
}

// Classifier sorts the misses of a suite into buckets, reading the gold
// places in the resolver's gazetteer. Build it once with NewClassifier.
type Classifier struct {
	r       *geo.Resolver
	cc      CountryCodeFunc
	byID    map[int]geo.Place
	towns   []geo.Place // places of 1,000 people or more, for the gold's country when nothing else gives it
	regions map[string]map[string]bool
}

// NewClassifier returns a classifier over r's gazetteer; cc maps gold
// country names to alpha-3 codes (CountryCodes), nil if none.
func NewClassifier(r *geo.Resolver, cc CountryCodeFunc) *Classifier {
	c := &Classifier{r: r, cc: cc, byID: map[int]geo.Place{}}
	r.Gazetteer().Places(func(p geo.Place) bool {
		if p.ID > 0 {
			c.byID[p.ID] = p
		}
		if p.Class == "P" && p.Population >= 1000 {
			c.towns = append(c.towns, p)
		}
		return true
	})
	return c
}

// goldPlace is what the classifier knows of a gold toponym's place.
type goldPlace struct {
	country, admin1 string
	kind            string // "country", "admin1" or "place"
	id              int
}

func (c *Classifier) gold(g *Miss) goldPlace {
	var gp goldPlace
	gp.kind, gp.id = "place", g.GeoNamesID
	if p, ok := c.byID[g.GeoNamesID]; ok && g.GeoNamesID != 0 {
		gp.country, gp.admin1 = p.Country, p.Admin1
		if p.Class == "A" {
			gp.kind = "admin1"
		}
	}
	if c.cc != nil && g.GoldCountry != "" {
		if a3 := c.cc(g.GoldCountry); a3 != "" {
			gp.country = a3
		}
	}
	if gp.country == "" {
		if p, ok := c.nearest(g.GoldLat, g.GoldLon); ok {
			gp.country, gp.admin1 = p.Country, p.Admin1
		}
	}
	if _, ok := c.byID[g.GeoNamesID]; ok && g.GeoNamesID != 0 {
		return gp
	}
	// Not a town of the gazetteer: a country or region if its name is.
	for _, name := range []string{g.GoldName, g.Text} {
		if name == "" {
			continue
		}
		for _, p := range c.r.Gazetteer().Lookup(name) {
			if p.Country != gp.country && gp.country != "" {
				continue
			}
			switch {
			case strings.HasPrefix(p.Code, "PCL"):
				gp.kind, gp.country = "country", p.Country
				return gp
			case p.Code == "ADM1":
				gp.kind, gp.country, gp.admin1 = "admin1", p.Country, p.Admin1
				return gp
			}
		}
	}
	return gp
}

// nearest returns the town nearest to a point, within 100 km.
func (c *Classifier) nearest(lat, lon float64) (geo.Place, bool) {
	best, bestKm := geo.Place{}, 100.0
	for _, p := range c.towns {
		if math.Abs(p.Lat-lat) > 1 {
			continue
		}
		if km := Haversine(lat, lon, p.Lat, p.Lon); km < bestKm {
			best, bestKm = p, km
		}
	}
	return best, bestKm < 100
}

// Classify sorts the misses of res (geocoded from docs) into buckets:
// it sets each miss's Bucket and Reachable and res.Buckets.
func (c *Classifier) Classify(docs []*Doc, res *Result) {
	text := map[string]string{}
	for _, d := range docs {
		text[d.ID] = d.Text
	}
	res.Buckets = map[string]BucketCount{}
	for i := range res.Misses {
		m := &res.Misses[i]
		for _, p := range c.r.Candidates(text[m.Doc], m.Span) {
			if Haversine(m.GoldLat, m.GoldLon, p.Lat, p.Lon) <= AccuracyKm {
				m.Reachable = true
				break
			}
		}
		m.Bucket = c.bucket(m)
		b := res.Buckets[m.Bucket]
		b.Misses++
		if m.Reachable {
			b.Reachable++
		}
		res.Buckets[m.Bucket] = b
	}
}

func (c *Classifier) bucket(m *Miss) string {
	p := m.System
	if p == nil {
		return BucketUnresolved
	}
	gp := c.gold(m)
	sysKind := "place"
	switch {
	case strings.HasPrefix(p.Code, "PCL"):
		sysKind = "country"
	case p.Code == "ADM1":
		sysKind = "admin1"
	}
	switch {
	case gp.id != 0 && p.ID == gp.id,
		sysKind == "country" && gp.kind == "country" && p.Country == gp.country,
		sysKind == "admin1" && gp.kind == "admin1" && p.Country == gp.country && p.Admin1 == gp.admin1:
		return BucketCoordinates
	case gp.country != "" && p.Country != gp.country:
		return BucketCountry
	case sysKind != gp.kind:
		return BucketAdmin1City
	}
	return BucketPlace
}
