package geo

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Tehran", "tehran"},
		{"  TEHRAN ", "tehran"},
		{"Rāsak", "rasak"},
		{"Al Ḩudaydah", "al hudaydah"},
		{"Łódź", "lodz"},
		{"Ma'rib", "marib"},
		{"Ma’rib", "marib"},
		{"Dar‘ā", "dara"},
		{"Deir ez-Zor", "deir ez zor"},
		{"Sistan-Baluchestan", "sistan baluchestan"},
		{"Washington, D.C.", "washington dc"},
		{"St. Petersburg", "saint petersburg"},
		{"St Petersburg", "saint petersburg"},
		{"Saint-Petersburg", "saint petersburg"},
		{"Ste. Marie", "sainte marie"},
		{"Mt. Hood", "mount hood"},
		{"Ft. Worth", "fort worth"},
		{"Stanley", "stanley"}, // no abbreviation inside a word
		{"Straße", "strasse"},
		{"São Paulo", "sao paulo"},
		{"Kyiv–Kharkiv", "kyiv kharkiv"},
		{"", ""},
		{"---", ""},
		{"\xff\xfe", ""},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// small is a gazetteer of a few places, built with New.
func small() *Gazetteer {
	places := []Place{
		{ID: 4140963, Name: "Washington", Lat: 38.89511, Lon: -77.03637, Country: "USA", Admin1: "District of Columbia", Class: "P", Code: "PPLC", Population: 689545},
		{ID: 2634715, Name: "Washington", Lat: 54.9, Lon: -1.51667, Country: "GBR", Admin1: "England", Class: "P", Code: "PPL", Population: 53526},
		{ID: 4366647, Name: "Reisterstown", Lat: 39.46976, Lon: -76.83190, Country: "USA", Admin1: "Maryland", Class: "P", Code: "PPL", Population: 25968},
		{ID: 498817, Name: "Saint Petersburg", Lat: 59.93863, Lon: 30.31413, Country: "RUS", Admin1: "St.-Petersburg", Class: "P", Code: "PPLA", Population: 5351935},
		{ID: 1159836, Name: "Rāsak", Lat: 26.23682, Lon: 61.39901, Country: "IRN", Admin1: "Sistan and Baluchestan", Class: "P", Code: "PPLA2"},
		{ID: -1000364, Name: "Iran", Lat: 33.78, Lon: 51.94, Country: "IRN", Class: "A", Code: "PCLI", Population: 40073968},
	}
	names := map[int][]string{
		4366647:  {"Washington"},
		498817:   {"St. Petersburg", "Leningrad", "Sankt-Peterburg"},
		1159836:  {"Rask", "Rāsk"},
		-1000364: {"Islamic Republic of Iran", "Persia"},
	}
	return New(places, names)
}

func ids(ps []Place) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func TestNewLookup(t *testing.T) {
	g := small()
	if g.Len() != 6 {
		t.Fatalf("Len = %d", g.Len())
	}
	for _, c := range []struct {
		name string
		want []int
	}{
		{"Washington", []int{4140963, 2634715, 4366647}}, // own names by population, then alternates
		{"WASHINGTON", []int{4140963, 2634715, 4366647}},
		{"St Petersburg", []int{498817}},
		{"Sankt Peterburg", []int{498817}},
		{"rask", []int{1159836}},
		{"Rāsak", []int{1159836}},
		{"persia", []int{-1000364}},
		{"Nowhere", nil},
		{"", nil},
	} {
		if got := ids(g.Lookup(c.name)); !equal(got, c.want) {
			t.Errorf("Lookup(%q) = %v, want %v", c.name, got, c.want)
		}
	}
	p := g.Lookup("Rask")[0]
	want := Place{ID: 1159836, Name: "Rāsak", Lat: 26.23682, Lon: 61.39901, Country: "IRN", Admin1: "Sistan and Baluchestan", Class: "P", Code: "PPLA2"}
	if p != want {
		t.Errorf("Lookup(Rask)[0] = %+v, want %+v", p, want)
	}
	if c, ok := g.Country("IRN"); !ok || c.Name != "Iran" || c.Code != "PCLI" {
		t.Errorf("Country(IRN) = %+v, %v", c, ok)
	}
	if _, ok := g.Country("XXX"); ok {
		t.Error("Country(XXX) found")
	}
	if g.MaxWords() != 4 { // islamic republic of iran
		t.Errorf("MaxWords = %d, want 4", g.MaxWords())
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRoundTrip(t *testing.T) {
	g := small()
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	h, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if h.Len() != g.Len() || h.MaxWords() != g.MaxWords() || h.Names() != g.Names() {
		t.Fatalf("read %d places %d names %d words, wrote %d %d %d", h.Len(), h.Names(), h.MaxWords(), g.Len(), g.Names(), g.MaxWords())
	}
	for _, n := range []string{"Washington", "Rask", "Leningrad", "Iran"} {
		a, b := g.Lookup(n), h.Lookup(n)
		if len(a) != len(b) {
			t.Fatalf("%s: %d places, read back %d", n, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s: %+v, read back %+v", n, a[i], b[i])
			}
		}
	}
	// Written twice, the same bytes.
	var again bytes.Buffer
	h.WriteTo(&again)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("WriteTo of the read gazetteer differs")
	}
	// Damaged files are refused with ErrFormat.
	data := buf.Bytes()
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": data[:len(data)-9],
		"magic":     append([]byte("dyadgazx"), data[8:]...),
		"version 2": append(append(append([]byte{}, data[:8]...), 2, 0, 0, 0), data[12:]...),
		"flipped":   flip(data, 40),
	} {
		if _, err := Read(bytes.NewReader(bad)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte{}, b...)
	c[i] ^= 0x40
	return c
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	small().WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("dyadgazt\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Also with a valid checksum, so that the decoder itself is fuzzed.
		for _, d := range [][]byte{data, withChecksum(data)} {
			g, err := Read(bytes.NewReader(d))
			if err != nil {
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("error not ErrFormat: %v", err)
				}
				continue
			}
			g.Lookup("washington")
			g.Country("IRN")
			g.Places(func(Place) bool { return true })
		}
	})
}

// withChecksum gives data the header and checksum of a gazetteer file.
func withChecksum(data []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString(magic)
	buf.Write([]byte{1, 0, 0, 0})
	buf.Write(data)
	var sum [4]byte
	c := crc32Sum(data)
	sum[0], sum[1], sum[2], sum[3] = byte(c), byte(c>>8), byte(c>>16), byte(c>>24)
	buf.Write(sum[:])
	return buf.Bytes()
}

// embedded loads the embedded gazetteer or skips the test.
func embedded(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Embedded()
	if err != nil {
		if strings.Contains(err.Error(), "file does not exist") {
			tb.Skipf("no embedded gazetteer (internal/models/%s): build it with go run ./cmd/dyad train gazetteer", EmbeddedFile)
		}
		tb.Fatal(err)
	}
	return g
}

func TestEmbedded(t *testing.T) {
	g := embedded(t)
	if g.Len() < 190000 {
		t.Errorf("Len = %d, want at least 190,000", g.Len())
	}
	if g.MaxWords() < 3 || g.MaxWords() > 12 {
		t.Errorf("MaxWords = %d", g.MaxWords())
	}
	type want struct {
		id                int // 0: any
		name, country     string
		admin1, code      string
		lat, lon          float64
		first, candidates bool // the first candidate; several candidates
	}
	for _, c := range []struct {
		query string
		want  want
	}{
		{"Tehran", want{112931, "Tehran", "IRN", "Tehran", "PPLC", 35.69, 51.42, true, true}},
		{"TEHRAN", want{112931, "Tehran", "IRN", "Tehran", "PPLC", 35.69, 51.42, true, true}},
		{"Damascus", want{170654, "Damascus", "SYR", "Damascus Governorate", "PPLC", 33.51, 36.29, true, true}},
		{"Rask", want{1159836, "Rāsak", "IRN", "Sistan and Baluchestan", "PPLA2", 26.24, 61.40, true, true}},
		{"Islamabad", want{1176615, "Islamabad", "PAK", "Islamabad", "PPLC", 33.72, 73.04, true, true}},
		{"St. Petersburg", want{498817, "Saint Petersburg", "RUS", "St.-Petersburg", "PPLA", 59.94, 30.31, true, true}},
		{"Saint-Petersburg", want{498817, "Saint Petersburg", "RUS", "St.-Petersburg", "PPLA", 59.94, 30.31, true, true}},
		{"Washington", want{4140963, "Washington", "USA", "District of Columbia", "PPLC", 38.90, -77.04, true, true}},
		{"Sistan and Baluchestan", want{0, "Sistan and Baluchestan", "IRN", "Sistan and Baluchestan", "ADM1", 28.22, 60.72, true, false}},
		{"Sistan-Baluchestan", want{0, "Sistan and Baluchestan", "IRN", "Sistan and Baluchestan", "ADM1", 28.22, 60.72, true, false}},
		{"Iran", want{0, "Iran", "IRN", "", "PCLI", 32, 53, true, false}},
		{"United States", want{0, "United States", "USA", "", "PCLI", 39.76, -98.5, true, false}},
		{"Europe", want{-101, "Europe", "", "", "CONT", 48.69, 9.14, true, false}},
		{"Strait of Hormuz", want{-143, "Strait of Hormuz", "", "", "STRT", 26.57, 56.25, true, false}},
		{"Hodeidah", want{79415, "Al Ḩudaydah", "YEM", "Al Hudaydah", "PPLA", 14.80, 42.95, true, false}},
		{"Saravan", want{-1, "Saravan", "IRN", "Sistan and Baluchestan", "PPLA2", 27.37, 62.33, true, true}},
		{"Gaza City", want{281133, "Gaza", "PSE", "Gaza Strip", "PPLA", 31.50, 34.47, true, false}},
		{"Baluchistan", want{0, "Balochistan", "PAK", "Balochistan", "ADM1", 28.19, 65.78, true, false}},
		{"Donbass", want{-7, "Donbas", "UKR", "", "RGN", 48.36, 38.42, true, false}},
		{"Kiev", want{703448, "Kyiv", "UKR", "Kyiv City", "PPLC", 50.45, 30.52, true, false}},
	} {
		ps := g.Lookup(c.query)
		w := c.want
		if len(ps) == 0 {
			t.Errorf("Lookup(%q): nothing", c.query)
			continue
		}
		if w.candidates != (len(ps) > 1) {
			t.Errorf("Lookup(%q): %d candidates", c.query, len(ps))
		}
		p := ps[0]
		if !w.first {
			continue
		}
		if (w.id != 0 && p.ID != w.id) || p.Name != w.name || p.Country != w.country || p.Admin1 != w.admin1 || p.Code != w.code ||
			abs(p.Lat-w.lat) > 0.06 || abs(p.Lon-w.lon) > 0.06 {
			t.Errorf("Lookup(%q)[0] = %+v, want %+v", c.query, p, w)
		}
	}
	for _, c := range []struct{ abbrev, country string }{
		{"U.S.", "USA"}, {"US", "USA"}, {"UK", "GBR"}, {"UAE", "ARE"}, {"DRC", "COD"}, {"NSW", "AUS"}, {"B.C.", "CAN"},
		{"Us", ""}, {"us", ""}, {"Tehran", ""},
	} {
		ps := g.LookupAbbrev(c.abbrev)
		if c.country == "" {
			if len(ps) > 0 {
				t.Errorf("LookupAbbrev(%q) = %+v, want none", c.abbrev, ps[0])
			}
			continue
		}
		if len(ps) == 0 || ps[0].Country != c.country {
			t.Errorf("LookupAbbrev(%q) = %+v, want a place of %s", c.abbrev, ps, c.country)
		}
	}
	if ps := g.Lookup("US"); len(ps) > 0 && ps[0].Country == "USA" {
		t.Errorf("Lookup(US) = %+v: abbreviations are filed apart", ps[0])
	}
	if n := len(g.Lookup("Washington")); n < 20 {
		t.Errorf("Washington: %d candidates, want many", n)
	}
	for _, c := range []string{"IRN", "PAK", "USA", "SYR", "PSE", "XKX", "TWN", "ABW"} {
		if p, ok := g.Country(c); !ok || p.Class != "A" || !strings.HasPrefix(p.Code, "PCL") || p.Country != c {
			t.Errorf("Country(%s) = %+v, %v", c, p, ok)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestEmbeddedMemory reports the load time and the heap the embedded
// gazetteer keeps (docs/geo.md).
func TestEmbeddedMemory(t *testing.T) {
	embedded(t) // skips without the file
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("load %v; heap kept %.1f MB; %d places, %d names", took, float64(kept)/1e6, g.Len(), g.Names())
	if kept > 60e6 {
		t.Errorf("the gazetteer keeps %.1f MB of heap, want at most 60 MB", float64(kept)/1e6)
	}
	runtime.KeepAlive(g)
}

func BenchmarkEmbedded(b *testing.B) {
	embedded(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := embedded(b)
	names := []string{"Tehran", "Washington", "St. Petersburg", "Rask", "nowhere at all", "the", "Sistan and Baluchestan"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(names[i%len(names)])
		i++
	}
}
