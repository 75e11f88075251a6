// Package geo finds the places a text names and resolves them to
// GeoNames entries with coordinates, first-level region and country,
// from a gazetteer compiled into the binary (docs/geo.md).
package geo

import "github.com/dyadproject/dyad/internal/doc"

// Place is one gazetteer entry.
type Place struct {
	ID         int     `json:"geonameid"` // GeoNames id; curated entries missing from GeoNames have negative ids
	Name       string  `json:"name"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Country    string  `json:"country"`          // ISO 3166-1 alpha-3 ("IRN")
	Admin1     string  `json:"admin1,omitempty"` // first-level region name ("Sistan and Baluchestan")
	Class      string  `json:"class"`            // GeoNames feature class: P (populated place), A (country, region), …
	Code       string  `json:"code"`             // GeoNames feature code: PPLC, PPLA, PPL, PCLI, ADM1, …
	Population int     `json:"population"`
}

// Toponym is a place name found in a text and the place it was resolved
// to, if any.
type Toponym struct {
	Span  doc.Span `json:"span"` // bytes of the name in the text
	Text  string   `json:"text"`
	Place *Place   `json:"place,omitempty"` // nil when no entry fits
	// Candidates is how many gazetteer entries bear the name.
	Candidates int `json:"candidates"`
}
