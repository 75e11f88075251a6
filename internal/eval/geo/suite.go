package geoeval

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/geo"
)

// Suites are the suite names `dyad eval geo --suite` accepts.
var Suites = []string{"lgl", "geowebnews", "tr-news", "geovirus"}

type suiteDef struct {
	file   string // inside the data folder
	read   func(io.Reader) ([]*Doc, Stats, error)
	needID bool
}

func lookup(suite string) (suiteDef, error) {
	switch suite {
	case "lgl":
		return suiteDef{file: "eval/lgl/lgl.xml", read: ReadLGL}, nil
	case "tr-news":
		return suiteDef{file: "eval/tr-news/TR-News.xml", read: ReadLGL}, nil
	case "geovirus":
		return suiteDef{file: "eval/geovirus/GeoVirus.xml", read: ReadGeoVirus}, nil
	case "geowebnews":
		return suiteDef{file: "eval/geowebnews/GWN.xml", read: ReadGWN, needID: true}, nil
	}
	return suiteDef{}, fmt.Errorf("unknown suite %q (want one of %s)", suite, strings.Join(Suites, ", "))
}

// SuiteFile returns the path of a suite's file inside the data folder.
func SuiteFile(suite string) (string, error) {
	d, err := lookup(suite)
	return d.file, err
}

// ReadSuite reads the documents of a suite from the data folder given
// by dataFlag (see datadir.Resolve).
func ReadSuite(dataFlag, suite string) ([]*Doc, Stats, error) {
	def, err := lookup(suite)
	if err != nil {
		return nil, Stats{}, err
	}
	dir, err := datadir.Require(dataFlag, filepath.Dir(def.file))
	if err != nil {
		return nil, Stats{}, err
	}
	path := filepath.Join(dir, filepath.Base(def.file))
	f, err := os.Open(path)
	if err != nil {
		return nil, Stats{}, fmt.Errorf("suite %s: %w", suite, err)
	}
	defer f.Close()
	docs, st, err := def.read(f)
	if err != nil {
		return nil, st, fmt.Errorf("suite %s: %s: %w", suite, path, err)
	}
	return docs, st, nil
}

// RunOptions choose how a suite is scored.
type RunOptions struct {
	// E2E lets the resolver find the toponyms itself (Find); else it
	// resolves the gold ones (ResolveSpans).
	E2E bool
	// Split is the half of the suite's documents scored ("" is All).
	Split Split
}

// Run scores r on suite. dataDir is the data folder as --data gives it:
// "" resolves $DYAD_DATA, else ../shared/data (datadir.Resolve). The
// result holds the misses, each sorted into its bucket (Classify);
// clear them before printing a bare scoreboard.
func Run(ctx context.Context, dataDir, suite string, r *geo.Resolver, o RunOptions) (*Result, error) {
	if r == nil {
		return nil, fmt.Errorf("geo eval %s: no resolver", suite)
	}
	def, err := lookup(suite)
	if err != nil {
		return nil, err
	}
	split, err := ParseSplit(string(o.Split))
	if err != nil {
		return nil, err
	}
	docs, st, err := ReadSuite(dataDir, suite)
	if err != nil {
		return nil, err
	}
	docs = split.Docs(docs)
	cc, err := CountryCodes()
	if err != nil {
		return nil, err
	}
	opt := Options{Suite: suite, NeedID: def.needID, CountryCode: cc, Stats: st}
	var res *Result
	if o.E2E {
		res, err = ScoreE2E(ctx, docs, r.Find, opt)
	} else {
		res, err = ScoreSpans(ctx, docs, r.ResolveSpans, opt)
	}
	if err != nil {
		return nil, err
	}
	res.Split = split
	NewClassifier(r, cc).Classify(docs, res)
	return res, nil
}

// CountryCodes maps the country names of the gold files (GeoNames'
// English names) to ISO 3166-1 alpha-3 codes through the names and
// aliases of the countries of dyad's actor knowledge base.
func CountryCodes() (CountryCodeFunc, error) {
	kb, err := actor.Load(actor.Embedded())
	if err != nil {
		return nil, fmt.Errorf("geo eval: country names: %w", err)
	}
	m := map[string]string{}
	for code, c := range kb.Countries {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			m[strings.ToLower(n)] = code
		}
	}
	// GeoNames' name for the one gold country the knowledge base knows
	// by other names; Bonaire, the British Virgin Islands and New
	// Caledonia (7 toponyms) stay unknown and are not counted.
	if _, ok := kb.Countries["PSE"]; ok {
		m["palestinian territory"] = "PSE"
	}
	return func(name string) string { return m[strings.ToLower(strings.TrimSpace(name))] }, nil
}

// NewResolver returns the place-name resolver over the embedded gazetteer
// that reads the embedded actor knowledge base's demonyms, so that a gold
// toponym "Russian" or "Palestinians" resolves to its state (the suites
// mark such adjectives as place names).
func NewResolver() (*geo.Resolver, error) {
	r, err := geo.NewResolver()
	if err != nil {
		return nil, err
	}
	kb, err := actor.Load(actor.Embedded())
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	adj := map[string][]string{}
	for code, c := range kb.Countries {
		adj[code] = c.Adjectives
	}
	return r.WithDemonyms(adj), nil
}
