package actor

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestEmbeddedLoads(t *testing.T) {
	kb, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s := kb.Stats()
	if s.Countries < 200 {
		t.Errorf("%d countries, want every UN member and observer plus Kosovo, Taiwan", s.Countries)
	}
	for _, c := range []string{"IRN", "PAK", "XKX", "TWN", "PSE", "VAT", "USA"} {
		if kb.Countries[c] == nil {
			t.Errorf("country %s missing", c)
		}
	}
	for _, a := range kb.Agents {
		if !sectors[a.Sector] {
			t.Errorf("agent %q: sector %q is not a known CAMEO sector", a.Lemma, a.Sector)
		}
	}
	for _, o := range kb.Orgs {
		if o.Group && !sectors[o.Sector] {
			t.Errorf("group %s: sector %q is not a known CAMEO sector", o.Code, o.Sector)
		}
	}
	un := 0
	for _, c := range kb.Countries {
		if c.Status == "UN" {
			un++
		}
	}
	if un != 193 {
		t.Errorf("%d UN member states, want 193", un)
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestHolders(t *testing.T) {
	kb, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.People) == 0 {
		t.Skip("no people in the knowledge base")
	}
	for _, tc := range []struct {
		country, office, day, want string
	}{
		{"IRN", "president", "2024-04-12", "ebrahim-raisi"},
		{"IRN", "president", "2024-08-01", "masoud-pezeshkian"},
		{"PAK", "president", "2024-04-12", "asif-ali-zardari"},
		{"PAK", "president", "2010-01-01", "asif-ali-zardari"},
		{"PAK", "president", "2015-01-01", "mamnoon-hussain"},
		{"USA", "president", "2023-01-01", "joe-biden"},
		{"USA", "president", "2025-06-01", "donald-trump"},
		{"RUS", "president", "2010-01-01", "dmitry-medvedev"},
		{"UNO", "secretary_general", "2003-03-20", "kofi-annan"},
		{"UNO", "secretary_general", "2024-04-12", "antonio-guterres"},
		{"NAT", "secretary_general", "2024-04-12", "jens-stoltenberg"},
		{"NAT", "secretary_general", "2025-06-01", "mark-rutte"},
	} {
		p, _ := kb.Holder(tc.country, tc.office, day(tc.day))
		got := ""
		if p != nil {
			got = p.ID
		}
		if got != tc.want {
			t.Errorf("%s %s on %s = %q, want %q", tc.country, tc.office, tc.day, got, tc.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.tsv": {Data: []byte("# header\nIRN\tIran\t-\tIranian\tTehran\t-\tUN\nxx\tBad\t-\t-\t-\t-\tUN\nPAK\tPakistan\t-\t-\t-\tGHQ=ARMY\tUN\n")},
		"people.tsv": {Data: []byte("a-b\tA B\t-\tIRN\tpresident\t2020-01-01\t2021-01-01\n" +
			"c-d\tC D\t-\tIRN\tpresident\t2020-06-01\t-\n" +
			"e\tE\t-\tZZZ\tpresident\t2020-01-01\t-\n" +
			"f\tF\t-\tIRN\temperor\t2020-01-01\t-\n" +
			"g\tG\t-\tIRN\tforeign_minister\t2021-01-01\t2020-01-01\n" +
			"h\tH\t-\tIRN\n")},
		"agents.tsv": {Data: []byte("police\tCOP\t-\npolice\tCOP\t-\narmy\tmil\t-\n")},
		"other.tsv":  {Data: []byte("x\n")},
	}
	_, err := Load(fsys)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"countries.tsv:3: bad country code",
		"countries.tsv:4: metonym",
		"people.tsv:2: IRN president term of c-d overlaps",
		"people.tsv:3: unknown country",
		"people.tsv:4: unknown office",
		"people.tsv:5: term ends",
		"people.tsv:6: want 7 tab-separated fields",
		"agents.tsv:2: noun \"police\" listed twice",
		"agents.tsv:3: unknown sector",
		"other.tsv: unknown knowledge-base file",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

func TestIndexFind(t *testing.T) {
	x := newIndex()
	for _, n := range []struct {
		name string
		id   string
	}{{"Jaish ul-Adl", "JAA"}, {"US", "USA"}, {"United States", "USA"}, {"Iran", "IRN"}, {"U.S.", "USA"}} {
		if err := x.add(n.name, entry{kind: kindCountry, id: n.id}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		words []string
		glued []bool
		want  string
	}{
		{[]string{"bases", "of", "Jaish", "ul", "-", "Adl"}, []bool{false, false, false, true, true, false}, "JAA[2,6)"},
		{[]string{"Jaish", "ul-Adl"}, []bool{false, false}, "JAA[0,2)"},
		{[]string{"told", "us", "that"}, []bool{false, false, false}, ""},
		{[]string{"the", "US", "said"}, []bool{false, false, false}, "USA[1,2)"},
		{[]string{"the", "United", "States", "'s"}, []bool{false, false, true, false}, "USA[1,3)"},
		{[]string{"Iran", "'s"}, []bool{true, false}, "IRN[0,1)"},
		{[]string{"Iranian"}, []bool{false}, ""},
	} {
		keys := make([]string, len(tc.words))
		for i, w := range tc.words {
			keys[i] = norm(w)
		}
		var got []string
		for _, m := range x.find(keys, tc.words, tc.glued) {
			got = append(got, fmt.Sprintf("%s[%d,%d)", m.entries[0].id, m.first, m.last))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.words, got, tc.want)
		}
	}
}

func TestStemsAndNamed(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.tsv": {Data: []byte("ETH\tEthiopia\t-\t-\t-\t-\tUN\n")},
		"actors.tsv": {Data: []byte("ethiop\tEthiop*\t-\tETH\t-\t-\n" +
			"albright\tAlbright\t-\tUSAGOV\t1999-12-01\t2001-01-14\n" +
			"albright\tAlbright\t-\t---\t-\t-\n" +
			"durthang-orc\tDurthang orc*\t-\tMORORC\t-\t-\n")},
	}
	kb, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"the", "Ethiopian", "army"}, "ethiop[1,2)"},
		{[]string{"Ethiopia"}, "ETH[0,1)"}, // an exact name wins over a stem
		{[]string{"Eth"}, ""},
		{[]string{"Durthang", "orcs", "attacked"}, "durthang-orc[0,2)"},
		{[]string{"Albright", "said"}, "albright[0,1)"},
	} {
		keys := make([]string, len(tc.words))
		for i, w := range tc.words {
			keys[i] = norm(w)
		}
		var got []string
		for _, m := range kb.names.find(keys, tc.words, make([]bool, len(tc.words))) {
			got = append(got, fmt.Sprintf("%s[%d,%d)", m.entries[0].id, m.first, m.last))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.words, got, tc.want)
		}
	}
	a := kb.Named["albright"]
	if c := a.CodeOn(day("2000-06-01")); c != "USAGOV" {
		t.Errorf("Albright in 2000: %q, want USAGOV", c)
	}
	if c := a.CodeOn(day("2005-06-01")); c != "---" {
		t.Errorf("Albright in 2005: %q, want ---", c)
	}
}

func TestNorm(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Jaish ul-Adl", "jaish ul adl"},
		{"Omar El Bashir", "omar al bashir"},
		{"Omar al-Bashir", "omar al bashir"},
		{"el-Sisi", "al sisi"},
		{"El", "al"},
		{"Israel", "israel"},
		{"Elbe", "elbe"},
		{"Shel el", "shel al"},
		{"Kremlin’s", "kremlin's"},
	} {
		if got := norm(tc.in); got != tc.want {
			t.Errorf("norm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
