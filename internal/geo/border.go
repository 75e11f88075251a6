package geo

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dyadproject/dyad/internal/models"
)

// Border is the land border between two states, and a point on it that
// stands for "near the border" when the text says no more: the vertex of
// the border line nearest to the line's centre of length.
type Border struct {
	A, B     string  // ISO 3166-1 alpha-3 codes, A < B
	Lat, Lon float64 // a point on the border
	KM       float64 // length of the border line
}

// Name is "Iran–Pakistan border" style: the states' codes are for
// machines, the name for people, given the states' names.
func (b Border) Name(nameOf func(alpha3 string) string) string {
	return nameOf(b.A) + "–" + nameOf(b.B) + " border"
}

// Borders is the land borders between states. It is immutable once built.
type Borders struct {
	pairs map[[2]string]Border
	of    map[string][]Border
}

// bordersVersion is the version of the borders file format: a
// "# dyad borders N" first line, then tab-separated A, B, lat, lon, km.
const bordersVersion = 1

// ReadBorders reads a borders file; errors name the file and line.
func ReadBorders(r io.Reader, name string) (*Borders, error) {
	sc := bufio.NewScanner(r)
	bs := &Borders{pairs: map[[2]string]Border{}, of: map[string][]Border{}}
	var errs []string
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if line == 1 {
			v, ok := strings.CutPrefix(l, "# dyad borders ")
			if n, err := strconv.Atoi(v); !ok || err != nil || n < 1 || n > bordersVersion {
				return nil, fmt.Errorf("%s:1: not a dyad borders file of version 1 to %d", name, bordersVersion)
			}
			continue
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			errs = append(errs, fmt.Sprintf("%s:%d: %d fields, want 5", name, line, len(f)))
			continue
		}
		b := Border{A: f[0], B: f[1]}
		var err1, err2, err3 error
		b.Lat, err1 = strconv.ParseFloat(f[2], 64)
		b.Lon, err2 = strconv.ParseFloat(f[3], 64)
		b.KM, err3 = strconv.ParseFloat(f[4], 64)
		switch {
		case err1 != nil || err2 != nil || err3 != nil || math.IsNaN(b.KM):
			errs = append(errs, fmt.Sprintf("%s:%d: bad number", name, line))
			continue
		case len(b.A) != 3 || len(b.B) != 3 || b.A >= b.B:
			errs = append(errs, fmt.Sprintf("%s:%d: want two alpha-3 codes in order, got %q %q", name, line, b.A, b.B))
			continue
		case !(b.Lat >= -90 && b.Lat <= 90 && b.Lon >= -180 && b.Lon <= 180 && b.KM >= 0):
			errs = append(errs, fmt.Sprintf("%s:%d: point %v,%v off the globe", name, line, b.Lat, b.Lon))
			continue
		}
		if _, dup := bs.pairs[[2]string{b.A, b.B}]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: %s–%s listed twice", name, line, b.A, b.B))
			continue
		}
		bs.pairs[[2]string{b.A, b.B}] = b
		bs.of[b.A] = append(bs.of[b.A], b)
		bs.of[b.B] = append(bs.of[b.B], b)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return bs, nil
}

// EmbeddedBorders returns the borders compiled into the binary
// (internal/models/borders.tsv, built by dyad train borders).
func EmbeddedBorders() (*Borders, error) {
	f, err := models.FS.Open("borders.tsv")
	if err != nil {
		return nil, fmt.Errorf("load borders: %w", err)
	}
	defer f.Close()
	return ReadBorders(f, "borders.tsv")
}

// Between returns the border of two states, in either order.
func (bs *Borders) Between(a, b string) (Border, bool) {
	if a > b {
		a, b = b, a
	}
	x, ok := bs.pairs[[2]string{a, b}]
	return x, ok
}

// Of returns the borders of a state, longest first.
func (bs *Borders) Of(a string) []Border {
	out := append([]Border(nil), bs.of[a]...)
	sort.Slice(out, func(i, j int) bool { return out[i].KM > out[j].KM })
	return out
}

// Len returns the number of borders.
func (bs *Borders) Len() int { return len(bs.pairs) }

// WriteBorders writes borders in the format ReadBorders reads, sorted.
func WriteBorders(w io.Writer, list []Border) error {
	list = append([]Border(nil), list...)
	sort.Slice(list, func(i, j int) bool {
		if list[i].A != list[j].A {
			return list[i].A < list[j].A
		}
		return list[i].B < list[j].B
	})
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# dyad borders %d\n# A\tB\tlat\tlon\tkm: a point on the land border of two states (docs/geo.md)\n", bordersVersion)
	for _, b := range list {
		fmt.Fprintf(bw, "%s\t%s\t%.4f\t%.4f\t%.0f\n", b.A, b.B, b.Lat, b.Lon, b.KM)
	}
	return bw.Flush()
}

// State returns the state (alpha-3) a single name or adjective stands
// for: a country's name ("Iran"), or, for a resolver with demonyms, its
// adjective or people ("Iranian"); "" when it is neither.
func (r *Resolver) State(name string) string {
	if c := r.demonyms[Normalize(name)]; c != "" {
		return c
	}
	for _, p := range r.g.Lookup(name) {
		if strings.HasPrefix(p.Code, "PCL") {
			return p.Country
		}
	}
	return ""
}
