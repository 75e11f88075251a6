package geo

import (
	"strings"
	"testing"
)

func TestReadBorders(t *testing.T) {
	good := "# dyad borders 1\n# comment\nIRN\tPAK\t27.3566\t62.7648\t780\nAFG\tPAK\t31.8\t68.2\t2054\n"
	bs, err := ReadBorders(strings.NewReader(good), "b.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := bs.Between("PAK", "IRN"); !ok || b.Lat != 27.3566 || b.A != "IRN" {
		t.Errorf("Between(PAK, IRN) = %+v, %v", b, ok)
	}
	if of := bs.Of("PAK"); len(of) != 2 || of[0].A != "AFG" {
		t.Errorf("Of(PAK) = %+v, want the longest (AFG) first", of)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "b.tsv: empty"},
		{"AFG\tPAK\t1\t2\t3\n", "b.tsv:1: not a dyad borders file"},
		{"# dyad borders 9\n", "b.tsv:1: not a dyad borders file"},
		{"# dyad borders 1\nAFG\tPAK\t1\t2\n", "b.tsv:2: 4 fields, want 5"},
		{"# dyad borders 1\nPAK\tAFG\t1\t2\t3\n", "b.tsv:2: want two alpha-3 codes in order"},
		{"# dyad borders 1\nAFG\tPAK\tx\t2\t3\n", "b.tsv:2: bad number"},
		{"# dyad borders 1\nAFG\tPAK\t91\t2\t3\n", "b.tsv:2: point 91,2 off the globe"},
		{"# dyad borders 1\nAFG\tPAK\tNaN\t2\t3\n", "b.tsv:2: point NaN,2 off the globe"},
		{"# dyad borders 1\nAFG\tPAK\t1\t2\t3\nAFG\tPAK\t1\t2\t3\nAFG\tPAK\t1\t2\n", "b.tsv:3: AFG–PAK listed twice\nb.tsv:4: 4 fields"},
	} {
		_, err := ReadBorders(strings.NewReader(tc.in), "b.tsv")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ReadBorders(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestBordersOf: two unit squares side by side share their middle edge,
// and a third square touches only the sea. The border's point is on the
// shared edge; the coast makes no border.
func TestBordersOf(t *testing.T) {
	// Arcs, unquantized: 0 is the shared edge (lon 1, lat 0→2), 1 and 2
	// the rest of each square, 3 an island.
	topo := `{"type":"Topology","arcs":[
		[[1,0],[1,1],[1,2]],
		[[1,2],[0,2],[0,0],[1,0]],
		[[1,0],[2,0],[2,2],[1,2]],
		[[10,10],[11,10],[11,11],[10,10]]],
	"objects":{"countries":{"type":"GeometryCollection","geometries":[
		{"type":"Polygon","arcs":[[0,1]],"id":"364"},
		{"type":"MultiPolygon","arcs":[[[-1,2]]],"id":"586"},
		{"type":"Polygon","arcs":[[3]],"id":"999"},
		{"type":"Polygon","arcs":[[0]],"id":"-99"}]}}}`
	got, err := bordersOf([]byte(topo), map[string]string{"364": "IRN", "586": "PAK", "999": "ISL"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("borders %+v, want one", got)
	}
	b := got[0]
	if b.A != "IRN" || b.B != "PAK" || b.Lon != 1 || b.Lat != 1 || b.KM < 200 || b.KM > 240 {
		t.Errorf("border %+v, want IRN–PAK at 1,1, about 222 km", b)
	}
	// A quantized topology decodes its delta-encoded arcs.
	q := `{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[60,25]},"arcs":[[[2,0],[0,2],[0,2]],[[2,4],[-2,0],[0,-4],[2,0]],[[2,0],[2,0],[0,4],[-2,0]]],
	"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0,1]],"id":"364"},{"type":"Polygon","arcs":[[-1,2]],"id":"586"}]}}}`
	got, err = bordersOf([]byte(q), map[string]string{"364": "IRN", "586": "PAK"})
	if err != nil || len(got) != 1 || got[0].Lon != 61 || got[0].Lat != 26 {
		t.Errorf("quantized: %+v, %v; want the point 26, 61", got, err)
	}
	if _, err := bordersOf([]byte(`{"arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]],"id":"364"}]}}}`), map[string]string{"364": "IRN"}); err == nil {
		t.Error("an arc index out of range: no error")
	}
}

// TestEmbeddedBorders checks the compiled borders against facts: the
// Iran–Pakistan border runs between about 25°N and 29.9°N, 60.8°E and
// 63.4°E; the United States and Mexico share one; Iran and India do not.
func TestEmbeddedBorders(t *testing.T) {
	bs, err := EmbeddedBorders()
	if err != nil {
		t.Fatal(err)
	}
	if bs.Len() < 300 {
		t.Errorf("%d borders, want the world's (over 300)", bs.Len())
	}
	b, ok := bs.Between("PAK", "IRN")
	if !ok || b.Lat < 25 || b.Lat > 29.9 || b.Lon < 60.8 || b.Lon > 63.4 {
		t.Errorf("Iran–Pakistan border %+v, %v", b, ok)
	}
	if _, ok := bs.Between("USA", "MEX"); !ok {
		t.Error("no United States–Mexico border")
	}
	if _, ok := bs.Between("IRN", "IND"); ok {
		t.Error("an Iran–India border")
	}
}

func TestState(t *testing.T) {
	r, err := NewResolver()
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithDemonyms(map[string][]string{"IRQ": {"Iraqi"}})
	for in, want := range map[string]string{"Iraq": "IRQ", "Iraqi": "IRQ", "iraqis": "IRQ", "Lebanon": "LBN", "Quetta": "", "border": ""} {
		if got := r.State(in); got != want {
			t.Errorf("State(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzReadBorders: any file reads as borders or an error, never a panic.
func FuzzReadBorders(f *testing.F) {
	f.Add("# dyad borders 1\nIRN\tPAK\t27.3566\t62.7648\t780\n")
	f.Add("# dyad borders 1\nAFG\tPAK\tNaN\t2\t3\n")
	f.Fuzz(func(t *testing.T, s string) {
		ReadBorders(strings.NewReader(s), "fuzz")
	})
}

// FuzzBordersOf: any topology computes borders or an error, never a
// panic, and every border point is a number.
func FuzzBordersOf(f *testing.F) {
	f.Add([]byte(`{"type":"Topology","arcs":[[[1,0],[1,2]],[[1,2],[0,0],[1,0]],[[1,0],[2,0],[1,2]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[0,1]],"id":"364"},{"type":"Polygon","arcs":[[-1,2]],"id":"586"}]}}}`))
	f.Add([]byte(`{"transform":{"scale":[0,0],"translate":[0,0]},"arcs":[[]],"objects":{"countries":{"geometries":[{"type":"MultiPolygon","arcs":[[[-1]]],"id":"364"}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := bordersOf(b, map[string]string{"364": "IRN", "586": "PAK", "4": "AFG"})
		if err != nil {
			return
		}
		for _, x := range list {
			if x.Lat != x.Lat || x.Lon != x.Lon {
				t.Fatalf("border %+v: not a number", x)
			}
		}
	})
}
