// Package geoeval scores the geocoding of dyad's place resolver on the
// geoparsing corpora of the data folder (LGL, TR-News, GeoVirus,
// GeoWebNews) with the metrics of Gritta et al., "A pragmatic guide to
// geoparsing evaluation" (LREV 2019): great-circle error in km, accuracy
// within 161 km, mean and median error and the AUC of the log-error
// curve; see docs/geo.md, "Evaluation".
package geoeval

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

// Doc is one article of a suite and its gold toponyms.
type Doc struct {
	ID       string
	Text     string
	Toponyms []Gold // in the order of the file
}

// Gold is one gold toponym.
type Gold struct {
	Span doc.Span // bytes of Text in the document's text
	Text string   // the phrase the file gives, as found in the text
	// HasCoords tells whether Lat and Lon are given.
	HasCoords bool
	Lat, Lon  float64
	// GeoNamesID is the GeoNames id of the gold place, 0 when not given
	// (GeoVirus gives Wikipedia pages, GeoWebNews has coordinates without
	// an id for streets and buildings).
	GeoNamesID int
	Name       string // gold place name, when given
	Country    string // gold country name ("United States"), when given
	Admin1     string // gold first-level region name, when given
	// Type is the GeoWebNews toponym type (Literal, Metonymic, Demonym,
	// Non_Toponym, Literal_Expression, …); empty in the other corpora.
	Type string
	// Toponym tells whether the span is a gold toponym for geotagging:
	// every labelled span of LGL, TR-News and GeoVirus; in GeoWebNews
	// all types but Non_Toponym, Literal_Expression and
	// Non_Lit_Expression (the 2,720 toponyms of its geotagging
	// evaluation).
	Toponym bool
	// Repaired tells that the file's offsets did not hold the phrase and
	// the span is the nearest occurrence of the phrase (see align).
	Repaired bool
}

// Stats are the counts a reader saw.
type Stats struct {
	Articles   int `json:"articles"`
	Labelled   int `json:"labelled"`    // gold spans read
	Toponyms   int `json:"toponyms"`    // of them, geotagging toponyms
	WithCoords int `json:"with_coords"` // with coordinates
	WithID     int `json:"with_geonames"`
	// Repaired counts the spans whose offsets did not hold their phrase
	// and were moved to the nearest occurrence of it; Dropped those
	// whose phrase is nowhere in the text.
	Repaired int `json:"repaired"`
	Dropped  int `json:"dropped"`
}

func (s *Stats) add(d *Doc, dropped int) {
	s.Articles++
	s.Dropped += dropped
	for _, g := range d.Toponyms {
		s.Labelled++
		if g.Toponym {
			s.Toponyms++
		}
		if g.HasCoords {
			s.WithCoords++
		}
		if g.GeoNamesID != 0 {
			s.WithID++
		}
		if g.Repaired {
			s.Repaired++
		}
	}
}

// newDecoder returns an XML decoder lenient about the character sets
// these files declare (all are UTF-8 or ASCII).
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// lglFile is the layout of LGL and TR-News.
type lglFile struct {
	Articles []struct {
		DocID    string `xml:"docid,attr"`
		Text     string `xml:"text"`
		Toponyms []struct {
			Start  string `xml:"start"`
			End    string `xml:"end"`
			Phrase string `xml:"phrase"`
			Gaztag *struct {
				ID      string `xml:"geonameid,attr"`
				Name    string `xml:"name"`
				Lat     string `xml:"lat"`
				Lon     string `xml:"lon"`
				Country string `xml:"country"`
				Admin1  string `xml:"admin1"`
			} `xml:"gaztag"`
		} `xml:"toponyms>toponym"`
	} `xml:"article"`
}

// ReadLGL reads the XML of LGL (Lieberman et al. 2010) and TR-News
// (Kamalloo and Rafiei 2018), which share a layout: per <article docid>,
// a <text> and <toponym>s with <start>, <end> (character offsets),
// <phrase> and, when resolved, a <gaztag geonameid> with <lat>, <lon>,
// <country> and <admin1>.
func ReadLGL(r io.Reader) ([]*Doc, Stats, error) {
	var f lglFile
	if err := newDecoder(r).Decode(&f); err != nil {
		return nil, Stats{}, fmt.Errorf("reading XML: %w", err)
	}
	arts := make([]article, len(f.Articles))
	for i, a := range f.Articles {
		arts[i] = article{id: a.DocID, text: a.Text}
		for _, t := range a.Toponyms {
			g := rawGold{phrase: t.Phrase, start: t.Start, end: t.End, gold: Gold{Toponym: true}}
			if z := t.Gaztag; z != nil {
				g.lat, g.lon, g.id = z.Lat, z.Lon, z.ID
				g.gold.Name, g.gold.Country, g.gold.Admin1 = strings.TrimSpace(z.Name), strings.TrimSpace(z.Country), strings.TrimSpace(z.Admin1)
			}
			arts[i].golds = append(arts[i].golds, g)
		}
	}
	return build(arts, 0)
}

type geoVirusFile struct {
	Articles []struct {
		Source    string `xml:"source"`
		Text      string `xml:"text"`
		Locations []struct {
			Name  string `xml:"name"`
			Start string `xml:"start"`
			End   string `xml:"end"`
			Lat   string `xml:"lat"`
			Lon   string `xml:"lon"`
		} `xml:"locations>location"`
	} `xml:"article"`
}

// ReadGeoVirus reads GeoVirus (Gritta et al. 2018): per <article>, a
// <source> URL, a <text> and <location>s with <name>, <start>, <end>,
// <lat>, <lon> and a Wikipedia <page>. Articles have no id: a document's
// ID is its position in the file, from 1. The file's offsets are
// characters counted from 1: every one of its 2,167 locations is one
// character to the right of its name.
func ReadGeoVirus(r io.Reader) ([]*Doc, Stats, error) {
	var f geoVirusFile
	if err := newDecoder(r).Decode(&f); err != nil {
		return nil, Stats{}, fmt.Errorf("reading XML: %w", err)
	}
	arts := make([]article, len(f.Articles))
	for i, a := range f.Articles {
		arts[i] = article{text: a.Text}
		for _, l := range a.Locations {
			arts[i].golds = append(arts[i].golds, rawGold{phrase: l.Name, start: l.Start, end: l.End,
				lat: l.Lat, lon: l.Lon, gold: Gold{Toponym: true, Name: strings.TrimSpace(l.Name)}})
		}
	}
	return build(arts, 1)
}

type gwnFile struct {
	Articles []struct {
		File     string `xml:"file,attr"`
		Text     string `xml:"text"`
		Toponyms []struct {
			Name       string `xml:"extractedName"`
			Normalised string `xml:"normalisedName"`
			Type       string `xml:"type"`
			Start      string `xml:"start"`
			End        string `xml:"end"`
			GeoNamesID string `xml:"geonamesID"`
			Lat        string `xml:"latitude"`
			Lon        string `xml:"longitude"`
		} `xml:"toponyms>toponym"`
	} `xml:"article"`
}

// notToponym lists the GeoWebNews types that are not toponyms: the
// Non_Toponym entities and the augmentation types (common nouns such as
// "mansion" or "citizens"), per brat/annotation.conf.
var notToponym = map[string]bool{"Non_Toponym": true, "Literal_Expression": true, "Non_Lit_Expression": true}

// ReadGWN reads GeoWebNews (Gritta et al., LREV 2019; GWN.xml): per
// <article file>, a <text> and <toponym>s with <extractedName>, <type>,
// <start>, <end> (character offsets) and, for 2,601 of them,
// <latitude>, <longitude> and a <geonamesID> (empty for 200 streets and
// buildings located by hand). A document's ID is its file number.
func ReadGWN(r io.Reader) ([]*Doc, Stats, error) {
	var f gwnFile
	if err := newDecoder(r).Decode(&f); err != nil {
		return nil, Stats{}, fmt.Errorf("reading XML: %w", err)
	}
	arts := make([]article, len(f.Articles))
	for i, a := range f.Articles {
		arts[i] = article{id: a.File, text: a.Text}
		for _, t := range a.Toponyms {
			typ := strings.TrimSpace(t.Type)
			arts[i].golds = append(arts[i].golds, rawGold{phrase: t.Name, start: t.Start, end: t.End,
				lat: t.Lat, lon: t.Lon, id: t.GeoNamesID,
				gold: Gold{Type: typ, Toponym: !notToponym[typ], Name: strings.TrimSpace(t.Normalised)}})
		}
	}
	return build(arts, 0)
}

// article is an article as a file gives it, before its offsets and
// coordinates are checked.
type article struct {
	id, text string
	golds    []rawGold
}

// rawGold is a gold toponym as a file gives it: gold holds the fields
// read as they are; the others are checked and converted by build.
type rawGold struct {
	phrase, start, end, lat, lon, id string
	gold                             Gold
}

// build checks the articles of a file and makes their documents: each
// gold toponym's character offsets become the byte span of its phrase
// (see align; shift is subtracted from offsets that count from it, and
// the offsets as given are tried when the shifted ones do not hold the
// phrase), its coordinates and id are parsed. A document without an id
// gets its position in the file, from 1.
func build(arts []article, shift int) ([]*Doc, Stats, error) {
	var st Stats
	docs := make([]*Doc, 0, len(arts))
	for i, a := range arts {
		d := &Doc{ID: strings.TrimSpace(a.id), Text: a.text}
		if d.ID == "" {
			d.ID = strconv.Itoa(i + 1)
		}
		idx := newRuneIndex(d.Text)
		dropped := 0
		for _, t := range a.golds {
			start, end, err := offsets(t.start, t.end)
			if err != nil {
				return nil, st, fmt.Errorf("article %s, toponym %q: %w", d.ID, t.phrase, err)
			}
			g := t.gold
			ok := false
			if shift != 0 {
				var moved bool
				g.Span, moved, ok = idx.align(t.phrase, start-shift, end-shift)
				ok = ok && !moved
			}
			if !ok {
				g.Span, g.Repaired, ok = idx.align(t.phrase, start, end)
				g.Repaired = g.Repaired || shift != 0
			}
			if !ok {
				dropped++
				continue
			}
			g.Text = d.Text[g.Span.Start:g.Span.End]
			if g.Lat, g.Lon, g.HasCoords, err = coords(t.lat, t.lon); err != nil {
				return nil, st, fmt.Errorf("article %s, toponym %q: %w", d.ID, t.phrase, err)
			}
			g.GeoNamesID, _ = strconv.Atoi(strings.TrimSpace(t.id))
			d.Toponyms = append(d.Toponyms, g)
		}
		st.add(d, dropped)
		docs = append(docs, d)
	}
	return docs, st, nil
}

func offsets(start, end string) (int, int, error) {
	s, err := strconv.Atoi(strings.TrimSpace(start))
	if err != nil {
		return 0, 0, fmt.Errorf("bad start %q", start)
	}
	e, err := strconv.Atoi(strings.TrimSpace(end))
	if err != nil {
		return 0, 0, fmt.Errorf("bad end %q", end)
	}
	return s, e, nil
}

// coords parses a latitude and longitude; both empty means none given.
func coords(lat, lon string) (float64, float64, bool, error) {
	lat, lon = strings.TrimSpace(lat), strings.TrimSpace(lon)
	if lat == "" && lon == "" {
		return 0, 0, false, nil
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return 0, 0, false, fmt.Errorf("bad coordinates %q, %q", lat, lon)
	}
	return la, lo, true, nil
}

// runeIndex maps the character offsets of the files (Unicode code
// points, as Python counts them) to byte offsets of a text.
type runeIndex struct {
	text  string
	bytes []int // bytes[i] is the byte offset of character i; one past the end too
}

func newRuneIndex(text string) *runeIndex {
	b := make([]int, 0, len(text)+1)
	for i := range text {
		b = append(b, i)
	}
	return &runeIndex{text: text, bytes: append(b, len(text))}
}

// byteOff returns the byte offset of character c, clamped to the text.
func (x *runeIndex) byteOff(c int) int {
	switch {
	case c < 0:
		return 0
	case c >= len(x.bytes):
		return len(x.text)
	}
	return x.bytes[c]
}

// align returns the byte span of phrase given its character offsets
// start and end. When the offsets do not hold the phrase (117 spans of
// TR-News are shifted by a few characters), the span is the occurrence
// of the phrase nearest to start, preferring whole words, and repaired
// is set (one of them ends past the text). ok is false when the start
// lies outside the text (five spans
// of GeoWebNews article 123 have negative offsets: they belong to a part
// of the brat text the XML text lacks) or the phrase is not in it.
func (x *runeIndex) align(phrase string, start, end int) (span doc.Span, repaired, ok bool) {
	if start < 0 || start >= len(x.bytes) || end < start {
		return doc.Span{}, false, false
	}
	if end < len(x.bytes) {
		if s, e := x.bytes[start], x.bytes[end]; x.text[s:e] == phrase && phrase != "" {
			return doc.Span{Start: s, End: e}, false, true
		}
	}
	p := strings.TrimSpace(phrase)
	if p == "" {
		return doc.Span{}, false, false
	}
	want := x.byteOff(start)
	best, bestWord := -1, false
	dist := func(i int) int {
		if i < want {
			return want - i
		}
		return i - want
	}
	for from := 0; from <= len(x.text); {
		i := strings.Index(x.text[from:], p)
		if i < 0 {
			break
		}
		i += from
		word := x.wordAt(i, i+len(p))
		if best < 0 || word && !bestWord || word == bestWord && dist(i) < dist(best) {
			best, bestWord = i, word
		}
		_, size := utf8.DecodeRuneInString(x.text[i:])
		from = i + size
	}
	if best < 0 {
		return doc.Span{}, false, false
	}
	return doc.Span{Start: best, End: best + len(p)}, true, true
}

// wordAt tells whether text[s:e] is not glued to a letter or digit on
// either side.
func (x *runeIndex) wordAt(s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(x.text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(x.text) {
		r, _ := utf8.DecodeRuneInString(x.text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
