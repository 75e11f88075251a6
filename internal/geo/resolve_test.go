package geo

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// testGazetteer is a handful of real places (GeoNames ids, coordinates
// and populations rounded) with the ambiguities the resolver must settle.
func testGazetteer() *Gazetteer {
	return New([]Place{
		{ID: 130758, Name: "Iran", Lat: 32, Lon: 53, Country: "IRN", Class: "A", Code: "PCLI", Population: 89000000},
		{ID: 163843, Name: "Syria", Lat: 35, Lon: 38, Country: "SYR", Class: "A", Code: "PCLI", Population: 22000000},
		{ID: 357994, Name: "Egypt", Lat: 27, Lon: 30, Country: "EGY", Class: "A", Code: "PCLI", Population: 110000000},
		{ID: 6252001, Name: "United States", Lat: 39.76, Lon: -98.5, Country: "USA", Class: "A", Code: "PCLI", Population: 330000000},
		{ID: -1, Name: "Rask", Lat: 26.23, Lon: 61.40, Country: "IRN", Admin1: "Sistan and Baluchestan", Class: "P", Code: "PPL", Population: 10000},
		{ID: 170654, Name: "Damascus", Lat: 33.51, Lon: 36.29, Country: "SYR", Admin1: "Damascus", Class: "P", Code: "PPLC", Population: 1570000},
		{ID: 361058, Name: "Alexandria", Lat: 31.2, Lon: 29.92, Country: "EGY", Admin1: "Alexandria", Class: "P", Code: "PPLA", Population: 3800000},
		{ID: 4314550, Name: "Alexandria", Lat: 31.31, Lon: -92.45, Country: "USA", Admin1: "Louisiana", Class: "P", Code: "PPLA2", Population: 47000},
		{ID: 4744091, Name: "Alexandria", Lat: 38.8, Lon: -77.05, Country: "USA", Admin1: "Virginia", Class: "P", Code: "PPL", Population: 155000},
		{ID: 4331987, Name: "Louisiana", Lat: 31, Lon: -92, Country: "USA", Admin1: "Louisiana", Class: "A", Code: "ADM1", Population: 4600000},
		{ID: 2988507, Name: "Paris", Lat: 48.85, Lon: 2.35, Country: "FRA", Admin1: "Île-de-France", Class: "P", Code: "PPLC", Population: 2100000},
		{ID: 4717560, Name: "Paris", Lat: 33.66, Lon: -95.55, Country: "USA", Admin1: "Texas", Class: "P", Code: "PPLA2", Population: 25000},
		{ID: 4736286, Name: "Texas", Lat: 31.25, Lon: -99.25, Country: "USA", Admin1: "Texas", Class: "A", Code: "ADM1", Population: 29000000},
		{ID: 4431410, Name: "Jackson", Lat: 32.3, Lon: -90.18, Country: "USA", Admin1: "Mississippi", Class: "P", Code: "PPLA", Population: 150000},
		{ID: 4076598, Name: "Mobile", Lat: 30.69, Lon: -88.04, Country: "USA", Admin1: "Alabama", Class: "P", Code: "PPLA2", Population: 190000},
		{ID: 5128581, Name: "New York City", Lat: 40.71, Lon: -74.01, Country: "USA", Admin1: "New York", Class: "P", Code: "PPL", Population: 8800000},
		{ID: 2971316, Name: "Us", Lat: 49.1, Lon: 1.97, Country: "FRA", Admin1: "Île-de-France", Class: "P", Code: "PPL", Population: 1300},
		{ID: -102, Name: "Africa", Lat: 7.19, Lon: 21.09, Class: "L", Code: "CONT"},
		{ID: 2473572, Name: "Mahdia", Lat: 35.5, Lon: 11.06, Country: "TUN", Admin1: "Mahdia", Class: "P", Code: "PPLA", Population: 45000},
		{ID: 2464461, Name: "Tunisia", Lat: 34, Lon: 9, Country: "TUN", Class: "A", Code: "PCLI", Population: 11500000},
		{ID: 2964574, Name: "Dublin", Lat: 53.33, Lon: -6.25, Country: "IRL", Admin1: "Leinster", Class: "P", Code: "PPLC", Population: 1020000},
		{ID: 4191124, Name: "Dublin", Lat: 32.54, Lon: -82.9, Country: "USA", Admin1: "Georgia", Class: "P", Code: "PPLA2", Population: 16000},
		{ID: 4207400, Name: "Macon", Lat: 32.84, Lon: -83.63, Country: "USA", Admin1: "Georgia", Class: "P", Code: "PPLA2", Population: 150000},
		{ID: 4197000, Name: "Georgia", Lat: 32.75, Lon: -83.5, Country: "USA", Admin1: "Georgia", Class: "A", Code: "ADM1", Population: 7000000},
		{ID: 6251999, Name: "Canada", Lat: 60.11, Lon: -113.64, Country: "CAN", Class: "A", Code: "PCLI", Population: 30000000},
		{ID: 5518214, Name: "Canadian", Lat: 35.91, Lon: -100.38, Country: "USA", Admin1: "Texas", Class: "P", Code: "PPLA2", Population: 2600},
		{ID: 4140963, Name: "Washington", Lat: 38.9, Lon: -77.04, Country: "USA", Admin1: "District of Columbia", Class: "P", Code: "PPLC", Population: 690000},
		{ID: 5815135, Name: "Washington", Lat: 47.5, Lon: -120.5, Country: "USA", Admin1: "Washington", Class: "A", Code: "ADM1", Population: 7000000},
		{ID: 6269131, Name: "England", Lat: 52.16, Lon: -0.7, Country: "GBR", Admin1: "England", Class: "A", Code: "ADM1", Population: 53000000},
		{ID: 5883102, Name: "Alberta", Lat: 52.28, Lon: -117.47, Country: "CAN", Admin1: "Alberta", Class: "A", Code: "ADM1", Population: 3600000},
		{ID: 3126888, Name: "Alta", Lat: 69.97, Lon: 23.27, Country: "NOR", Admin1: "Troms og Finnmark", Class: "P", Code: "PPLA2", Population: 15000},
		{ID: 2017370, Name: "Russia", Lat: 60, Lon: 100, Country: "RUS", Class: "A", Code: "PCLI", Population: 140000000},
		{ID: 5168839, Name: "Russia", Lat: 40.23, Lon: -84.41, Country: "USA", Admin1: "Ohio", Class: "P", Code: "PPL", Population: 650},
		{ID: 4257173, Name: "English", Lat: 38.33, Lon: -86.46, Country: "USA", Admin1: "Indiana", Class: "P", Code: "PPLA2", Population: 650},
		{ID: 5165418, Name: "Ohio", Lat: 40.25, Lon: -82.75, Country: "USA", Admin1: "Ohio", Class: "A", Code: "ADM1", Population: 11700000},
		{ID: 5509151, Name: "Nevada", Lat: 39.25, Lon: -116.75, Country: "USA", Admin1: "Nevada", Class: "A", Code: "ADM1", Population: 3100000},
		{ID: 5744337, Name: "Oregon", Lat: 44, Lon: -120.5, Country: "USA", Admin1: "Oregon", Class: "A", Code: "ADM1", Population: 4200000},
		{ID: 5164194, Name: "Nevada", Lat: 40.82, Lon: -83.13, Country: "USA", Admin1: "Ohio", Class: "P", Code: "PPL", Population: 750},
		{ID: 5165734, Name: "Oregon", Lat: 41.64, Lon: -83.49, Country: "USA", Admin1: "Ohio", Class: "P", Code: "PPL", Population: 20000},
		{ID: 5174035, Name: "Toledo", Lat: 41.66, Lon: -83.56, Country: "USA", Admin1: "Ohio", Class: "P", Code: "PPLA2", Population: 270000},
		{ID: -4000001, Name: "Alexander", Lat: 50.05, Lon: -100.2, Country: "CAN", Admin1: "Manitoba", Class: "A", Code: "ADM2", Population: 3000},
		{ID: 148375, Name: "Severo-Vostotchnyi Bank", Lat: 39.41, Lon: 49.25, Country: "AZE", Class: "P", Code: "PPL", Population: 9000},
	}, map[int][]string{148375: {"Bank"}, 6252001: {"US", "U.S.", "USA"}, 5128581: {"New York"}, 130758: {"Islamic Republic of Iran"},
		2473572: {"Africa"}, 4197000: {"Ga."}})
}

func show(ts []Toponym) string {
	var out []string
	for _, t := range ts {
		if t.Place == nil {
			out = append(out, t.Text+"=?")
			continue
		}
		out = append(out, fmt.Sprintf("%s=%d", t.Text, t.Place.ID))
	}
	return strings.Join(out, " ")
}

func TestFind(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	for _, tc := range []struct{ text, want string }{
		{"Gunmen attacked a police station in Rask, Iran, killing 11.", "Rask=-1 Iran=130758"},
		{"Israel struck the consular section in Damascus.", "Damascus=170654"},
		{"He grew up in Alexandria, Louisiana, and moved away.", "Alexandria=4314550 Louisiana=4331987"},
		{"The library in Alexandria reopened.", "Alexandria=361058"},
		{"Paris, Texas, is small. Texas is big.", "Paris=4717560 Texas=4736286 Texas=4736286"},
		{"Farmers in Louisiana met. Alexandria hosted them.", "Louisiana=4331987 Alexandria=4314550"},
		{"President Jackson spoke.", ""},
		{"Mobile phones are cheap. The mobile market grew.", ""},
		{"Alexander said so.", ""}, // a district opening a sentence: not a state or a first-level region
		{"Texas said so.", "Texas=4736286"},
		{"She flew to New York City on Monday.", "New York City=5128581"},
		{"Talks with the U.S. resumed.", "U.S.=6252001"},
	} {
		if got := show(r.Find(tc.text)); got != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.text, got, tc.want)
		}
	}
}

func TestResolveSpans(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	text := "Officials in Alexandria said Louisiana would help; Atlantis did not."
	spans := []doc.Span{{Start: 13, End: 23}, {Start: 51, End: 59}, {Start: -3, End: 99}}
	got := r.ResolveSpans(text, spans)
	if len(got) != 3 {
		t.Fatalf("got %d toponyms, want 3", len(got))
	}
	if got[0].Place == nil || got[0].Place.ID != 4314550 {
		t.Errorf("Alexandria with Louisiana in the text: got %+v", got[0].Place)
	}
	if got[1].Place != nil || got[1].Text != "Atlantis" {
		t.Errorf("an unknown name: got %+v", got[1])
	}
	if got[2].Place != nil {
		t.Errorf("a span outside the text: got %+v", got[2])
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"in Rask, Iran", "Alexandria, Louisiana", "TEHRAN- Iran", "\xff Paris ,", "New York City"} {
		f.Add(s)
	}
	r := NewResolverWith(testGazetteer())
	f.Fuzz(func(t *testing.T, text string) {
		for _, tp := range r.Find(text) {
			if tp.Span.Start < 0 || tp.Span.End > len(text) || tp.Span.Start >= tp.Span.End || text[tp.Span.Start:tp.Span.End] != tp.Text {
				t.Fatalf("bad span %v %q in %q", tp.Span, tp.Text, text)
			}
		}
	})
}

// TestAbbreviations resolves the written abbreviations of states and
// provinces after a town, before the words they fold to.
func TestAbbreviations(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	for _, tc := range []struct{ text, abbr, want string }{
		{"Police in Macon, Ga., said so.", "Ga.", "Ga.=4197000"},
		{"He lives in Innisfail, Alta., now.", "Alta.", "Alta.=5883102"}, // Alberta, not Alta, Norway
		{"Alta is in Norway.", "Alta", "Alta=3126888"},
	} {
		i := strings.Index(tc.text, tc.abbr)
		got := show(r.ResolveSpans(tc.text, []doc.Span{{Start: i, End: i + len(tc.abbr)}}))
		if got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.text, got, tc.want)
		}
	}
}

func TestResolveDemonymsAndStates(t *testing.T) {
	r := NewResolverWith(testGazetteer()).WithDemonyms(map[string][]string{"USA": {"American"}, "IRN": {"Iranian"}})
	text := "Americans in Alexandria, La., met Iranian officials."
	spans := []doc.Span{{Start: 0, End: 9}, {Start: 25, End: 28}, {Start: 34, End: 41}}
	got := r.ResolveSpans(text, spans)
	want := []int{6252001, 4331987, 130758}
	for i, tp := range got {
		if tp.Place == nil || tp.Place.ID != want[i] {
			t.Errorf("%q: got %+v, want %d", tp.Text, tp.Place, want[i])
		}
	}
	if ts := r.Find(text); strings.Contains(show(ts), "Americans") || strings.Contains(show(ts), "Iranian") {
		t.Errorf("Find takes adjectives for places: %s", show(ts))
	}
}

func TestResolveContext(t *testing.T) {
	r := NewResolverWith(testGazetteer()).WithDemonyms(map[string][]string{"CAN": {"Canadian"}})
	for _, tc := range []struct {
		name, text string
		spans      []doc.Span // nil: every name Find finds
		want       string
	}{
		{"an abbreviation in capitals is not the word it folds to",
			"Talks between the US and Iran resumed.", nil, "US=6252001 Iran=130758"},
		{"a continent before a town that bears its name only as an alternate name",
			"Tunisia exports olive oil to Africa and Tunisia imports wheat.", nil, "Tunisia=2464461 Africa=-102 Tunisia=2464461"},
		{"a town near the other places of the text, in the region they name",
			"Police in Macon, Ga., and in Dublin searched the river.", nil, "Macon=4207400 Ga=4197000 Dublin=4191124"},
		{"the capital without a neighbour",
			"He flew to Dublin.", nil, "Dublin=2964574"},
		{"a region's adjective before a town of that name",
			"The English coast flooded.", []doc.Span{{Start: 4, End: 11}}, "English=6269131"},
		{"a state's adjective before a town of that name",
			"The Canadian minister spoke.", []doc.Span{{Start: 4, End: 12}}, "Canadian=6251999"},
		{"a state is in no other state: a list, not Russia, Ohio",
			"His work on Russia, U.S. officials said, was known.", nil, "Russia=2017370 U.S.=6252001"},
		{"a list of states is no \"Name, State\": Nevada, not Nevada, Ohio",
			"Storms hit Nevada, Ohio and Oregon.", nil, "Nevada=5509151 Ohio=5165418 Oregon=5744337"},
		{"a state's name is the state's: its towns of that country take no strength from the region and neighbours",
			"In Ohio, Toledo and Oregon voted; Ohio counted.", nil, "Ohio=5165418 Toledo=5174035 Oregon=5744337 Ohio=5165418"},
		{"a name is not its own context: three Washingtons are the capital, not the state",
			"Washington said so. In Washington, officials agreed with Washington.", nil,
			"Washington=4140963 Washington=4140963 Washington=4140963"},
	} {
		var got []Toponym
		if tc.spans == nil {
			got = r.Find(tc.text)
		} else {
			got = r.ResolveSpans(tc.text, tc.spans)
		}
		if s := show(got); s != tc.want {
			t.Errorf("%s: %q:\n got  %s\n want %s", tc.name, tc.text, s, tc.want)
		}
	}
	g := testGazetteer()
	if ps := g.LookupAbbrev("U.S."); len(ps) != 1 || ps[0].ID != 6252001 {
		t.Errorf("LookupAbbrev(U.S.) = %+v", ps)
	}
	if ps := g.Lookup("us"); len(ps) != 1 || ps[0].ID != 2971316 {
		t.Errorf("Lookup(us) = %+v, want only Us, France", ps)
	}
}

func TestCountyList(t *testing.T) {
	for _, c := range []struct {
		text string
		end  int
		want string
	}{
		{"Clarke, Oconee and Madison counties", 6, "County"},
		{"Clarke, Oconee and Madison counties", 26, "County"},
		{"Laurel County deputies", 6, "County"},
		{"Rapides and Avoyelles parishes", 7, "Parish"},
		{"Clarke said the county", 6, ""},
		{"Clarke, Oconee. Madison counties", 6, ""},
		{"Macon", 5, ""},
	} {
		if got := countyList(c.text, c.end); got != c.want {
			t.Errorf("countyList(%q, %d) = %q, want %q", c.text, c.end, got, c.want)
		}
	}
}

func TestInner(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	for _, c := range []struct{ name, sub string }{
		{"Paris Saint Germain", "Paris"},
		{"University of Louisiana at Alexandria", "Alexandria"}, // the likelier of two: the campus is in Alexandria
		{"Texas State University", "Texas"},
		{"New York City Hall", "New York City"},
		{"Police Headquarters", ""},
		{"Bank of England", "England"}, // the village that bears Bank only as an alternate name comes second
		{"Atlantis", ""},
	} {
		if sub, _ := r.inner(c.name); sub != c.sub {
			t.Errorf("inner(%q) = %q, want %q", c.name, sub, c.sub)
		}
	}
	text := "Fans of Texas State University cheered."
	got := r.ResolveSpans(text, []doc.Span{{Start: 8, End: 30}})
	if got[0].Place == nil || got[0].Place.ID != 4736286 || got[0].Text != "Texas State University" {
		t.Errorf("a name of something in a place: got %+v", got[0])
	}
}

func TestRegionOfPeople(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	for _, c := range []struct {
		name string
		want int // 0: none
	}{
		{"Texans", 4736286},
		{"Louisianans", 4331987},
		{"Louisianian", 4331987},
		{"Parisians", 0}, // a town, not a region
		{"English", 6269131},
		{"Mobile", 0},
	} {
		got := r.regionOfPeople(c.name)
		switch {
		case c.want == 0 && len(got) > 0:
			t.Errorf("regionOfPeople(%q) = %+v, want none", c.name, got)
		case c.want != 0 && (len(got) == 0 || got[0].ID != c.want):
			t.Errorf("regionOfPeople(%q) = %+v, want %d", c.name, got, c.want)
		}
	}
}

func TestFindWithStates(t *testing.T) {
	r := NewResolverWith(testGazetteer())
	text := "Officials in Alexandria spoke."
	if got := show(r.Find(text)); got != "Alexandria=361058" {
		t.Errorf("no hint: %s", got)
	}
	// A story filed from the United States, or whose actors are
	// American, is about American places.
	if got := show(r.FindWith(text, map[string]float64{"USA": 3})); got != "Alexandria=4744091" {
		t.Errorf("with the United States as context: %s", got)
	}
}

// TestNameContext checks what one name adds to the context of a text:
// the state of its likeliest entry only, not those of all its entries.
func TestNameContext(t *testing.T) {
	paris := testGazetteer().Lookup("Paris")
	for _, p := range []Place{
		{ID: 4647963, Name: "Paris", Lat: 36.3, Lon: -88.33, Country: "USA", Admin1: "Tennessee", Class: "P", Code: "PPLA2", Population: 10000},
		{ID: 4303602, Name: "Paris", Lat: 38.21, Lon: -84.25, Country: "USA", Admin1: "Kentucky", Class: "P", Code: "PPLA2", Population: 10000},
	} {
		paris = append(paris, p)
	}
	for _, tc := range []struct {
		name   string
		places []Place
		want   map[string]float64
	}{
		{"an ambiguous town: its likeliest state, at half weight", paris, map[string]float64{"FRA": 0.5}},
		{"a state", testGazetteer().Lookup("Iran"), map[string]float64{"IRN": 2}},
		{"a region and its state", testGazetteer().Lookup("Texas"), map[string]float64{"USA": 1}},
	} {
		c := textContext{states: map[string]float64{}, regions: map[string]float64{}}
		c.add(prior(tc.places), len(tc.places) > 1)
		if fmt.Sprint(c.states) != fmt.Sprint(tc.want) {
			t.Errorf("%s: states %v, want %v", tc.name, c.states, tc.want)
		}
	}
}
