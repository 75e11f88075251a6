package geo

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"path/filepath"
)

const (
	// AtlasURL is npm world-atlas 2.0.2 (ISC): Natural Earth 4.1.0's
	// admin-0 country boundaries (public domain) as TopoJSON, whose
	// package/countries-50m.json is read.
	AtlasURL       = "https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz"
	AtlasIntegrity = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
	atlasMember    = "package/countries-50m.json"
)

// BorderOptions say where BuildBorders reads its inputs.
type BorderOptions struct {
	Atlas    string // countries-50m.json or the world-atlas tarball; "" fetches AtlasURL
	ISOCodes string // folder with Debian iso-codes' iso_3166-1.json (numeric to alpha-3)
	Client   *http.Client
	Logf     func(string, ...any)
}

// BuildBorders computes the land borders between states from Natural
// Earth's country shapes: in a TopoJSON topology, the line two countries
// share is stored once, as arcs both shapes list, so each arc listed by
// exactly two countries is a piece of their border. A border's point is
// the vertex of its arcs nearest to their length-weighted centre, which
// lies on the border even when the border bends or comes in pieces.
func BuildBorders(ctx context.Context, opt BorderOptions) ([]Border, error) {
	if opt.Client == nil {
		opt.Client = http.DefaultClient
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	data, err := source(ctx, opt.Client, opt.Atlas, AtlasURL, AtlasIntegrity, atlasMember, opt.Logf)
	if err != nil {
		return nil, fmt.Errorf("world atlas: %w", err)
	}
	iso, err := readISO3166(filepath.Join(opt.ISOCodes, "iso_3166-1.json"))
	if err != nil {
		return nil, err
	}
	alpha3 := map[string]string{}
	for _, c := range iso {
		alpha3[c.Numeric] = c.Alpha3
	}
	return bordersOf(data, alpha3)
}

// topology is the part of a TopoJSON topology that borders need.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type string          `json:"type"`
				ID   string          `json:"id"`
				Arcs json.RawMessage `json:"arcs"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// bordersOf computes the borders of a TopoJSON topology whose countries
// are identified by ISO 3166-1 numeric codes.
func bordersOf(data []byte, alpha3 map[string]string) ([]Border, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("world atlas: %w", err)
	}
	users := make([]map[string]bool, len(t.Arcs)) // the countries listing each arc
	for _, g := range t.Objects.Countries.Geometries {
		a3 := alpha3[g.ID]
		if a3 == "" {
			continue // no ISO code: a disputed area, whose borders are nobody's state's
		}
		var idx []int
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("world atlas: country %s: %w", g.ID, err)
			}
			for _, r := range rings {
				idx = append(idx, r...)
			}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("world atlas: country %s: %w", g.ID, err)
			}
			for _, p := range polys {
				for _, r := range p {
					idx = append(idx, r...)
				}
			}
		default:
			continue
		}
		for _, i := range idx {
			if i < 0 {
				i = ^i // a reversed arc
			}
			if i >= len(users) {
				return nil, fmt.Errorf("world atlas: country %s uses arc %d of %d", g.ID, i, len(users))
			}
			if users[i] == nil {
				users[i] = map[string]bool{}
			}
			users[i][a3] = true
		}
	}
	type piece struct{ lat, lon, km float64 }
	pieces := map[[2]string][][]piece{} // per border, per arc, its segments' midpoints and lengths
	vertices := map[[2]string][][2]float64{}
	for i, u := range users {
		if len(u) != 2 {
			continue // a coast, or an arc of one country's two shapes
		}
		var k [2]string
		n := 0
		for c := range u {
			k[n] = c
			n++
		}
		if k[0] > k[1] {
			k[0], k[1] = k[1], k[0]
		}
		pts := arcPoints(&t, i)
		var segs []piece
		for j := 1; j < len(pts); j++ {
			a, b := pts[j-1], pts[j]
			segs = append(segs, piece{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, distanceKm(a[0], a[1], b[0], b[1])})
		}
		pieces[k] = append(pieces[k], segs)
		vertices[k] = append(vertices[k], pts...)
	}
	var out []Border
	for k, arcs := range pieces {
		var sumLat, sumLon, km float64
		for _, segs := range arcs {
			for _, s := range segs {
				sumLat += s.lat * s.km
				sumLon += s.lon * s.km
				km += s.km
			}
		}
		if km == 0 {
			continue
		}
		cLat, cLon := sumLat/km, sumLon/km
		best, bestD := [2]float64{}, math.Inf(1)
		for _, v := range vertices[k] {
			if d := distanceKm(cLat, cLon, v[0], v[1]); d < bestD {
				best, bestD = v, d
			}
		}
		out = append(out, Border{A: k[0], B: k[1], Lat: best[0], Lon: best[1], KM: km})
	}
	return out, nil
}

// arcPoints decodes arc i of a topology as (lat, lon) points: quantized
// arcs are delta-encoded positions under the topology's transform.
func arcPoints(t *topology, i int) [][2]float64 {
	arc := t.Arcs[i]
	out := make([][2]float64, 0, len(arc))
	var x, y float64
	for j, p := range arc {
		if t.Transform == nil {
			out = append(out, [2]float64{p[1], p[0]})
			continue
		}
		if j == 0 {
			x, y = p[0], p[1]
		} else {
			x, y = x+p[0], y+p[1]
		}
		out = append(out, [2]float64{y*t.Transform.Scale[1] + t.Transform.Translate[1], x*t.Transform.Scale[0] + t.Transform.Translate[0]})
	}
	return out
}
