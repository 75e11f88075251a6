package geo

import (
	"context"
	"strings"
	"testing"
)

// The testdata files are six lines of GeoNames cities500 and five of
// admin1CodesASCII (CC BY 4.0, GeoNames) and five countries of Debian
// iso-codes' iso_3166-1.json.
const testCountries = "# code\tname\taliases\n" +
	"IRN\tIran\tIslamic Republic of Iran|Persia\tIranian\tTehran\t-\tUN\n" +
	"PAK\tPakistan\tIslamic Republic of Pakistan\tPakistani\tIslamabad\t-\tUN\n" +
	"USA\tUnited States\tUnited States of America|U.S.|US|USA|America\tAmerican\tWashington\t-\tUN\n" +
	"SYR\tSyria\tSyrian Arab Republic\tSyrian\tDamascus\t-\tUN\n"

const testSupplement = "# curated\n" +
	"alias\t1159836\tRask\ttest\n" +
	"alias\tIR.04\tSistan-Baluchestan\ttest\n" +
	"place\t-1\tSaravan\t27.37083\t62.33417\tIRN\tSistan and Baluchestan\tP\tPPLA2\t0\tSarāvān\ttest\n"

func testBuild(t *testing.T, supplement string) (*Gazetteer, BuildStats, error) {
	t.Helper()
	return Build(context.Background(), BuildOptions{
		Cities:     "testdata/cities500.txt",
		Admin1:     "testdata/admin1CodesASCII.txt",
		Coords:     "testdata/iso-to-lat-lng.json",
		ISOCodes:   "testdata/iso",
		Countries:  strings.NewReader(testCountries),
		Supplement: strings.NewReader(supplement),
	})
}

func TestBuild(t *testing.T) {
	g, st, err := testBuild(t, testSupplement)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(st)
	// 6 cities, 5 regions, 4 states and Aruba (no city: dropped), 1 curated.
	if g.Len() != 6+5+4+1 || st.NoCity != 1 || st.Curated != 1 || st.CountryCentres != 3 || st.CuratedAliases != 2 {
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
	if got := g.Lookup("US"); got != nil { // abbreviations in capitals are not names
		t.Errorf("Lookup(US) = %+v", got)
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

func TestBuildErrors(t *testing.T) {
	for name, sup := range map[string]string{
		"unknown alias target": "alias\t79415\tHodeidah\tsource\n",
		"positive curated id":  "place\t5\tX\t1\t1\tIRN\t-\tP\tPPL\t0\t-\ts\n",
		"short place":          "place\t-9\tX\t1\t1\n",
		"bad kind":             "city\t-9\n",
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
