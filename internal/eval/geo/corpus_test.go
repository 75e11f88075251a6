package geoeval

import (
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

const lglSample = `<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <text><![CDATA[Zürich & Alexandria, then Paris.]]></text>
    <toponyms>
      <toponym><start>0</start><end>6</end><phrase>Zürich</phrase>
        <gaztag geonameid="2657896"><name>Zurich</name><lat>47.36667</lat><lon>8.55</lon>
          <country geonameid="2658434">Switzerland</country><admin1 geonameid="2657895">Zurich</admin1></gaztag></toponym>
      <toponym><start>9</start><end>19</end><phrase>Alexandria</phrase></toponym>
      <toponym><start>27</start><end>32</end><phrase>Paris</phrase>
        <gaztag geonameid="2988507"><lat>48.85341</lat><lon>2.3488</lon><country>France</country></gaztag></toponym>
    </toponyms>
  </article>
</articles>`

func TestReadLGL(t *testing.T) {
	docs, st, err := ReadLGL(strings.NewReader(lglSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "7" || len(docs[0].Toponyms) != 3 {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
	want := []struct {
		span     doc.Span
		text     string
		coords   bool
		id       int
		country  string
		repaired bool
		admin    string
	}{
		// "Zürich" is 6 characters and 7 bytes: the spans after it move
		// by one byte; "Paris" has offsets 27-32 in characters but sits at
		// 26 (a repaired, shifted span).
		{doc.Span{Start: 0, End: 7}, "Zürich", true, 2657896, "Switzerland", false, "Zurich"},
		{doc.Span{Start: 10, End: 20}, "Alexandria", false, 0, "", false, ""},
		{doc.Span{Start: 27, End: 32}, "Paris", true, 2988507, "France", true, ""},
	}
	d := docs[0]
	if !strings.HasPrefix(d.Text, "Zürich & Alexandria") {
		t.Errorf("text %q: CDATA not read as is", d.Text)
	}
	for i, w := range want {
		g := d.Toponyms[i]
		if g.Span != w.span || g.Text != w.text || d.Text[g.Span.Start:g.Span.End] != w.text ||
			g.HasCoords != w.coords || g.GeoNamesID != w.id || g.Country != w.country || g.Repaired != w.repaired || g.Admin1 != w.admin || !g.Toponym {
			t.Errorf("toponym %d: got %+v, want %+v", i, g, w)
		}
	}
	if g := d.Toponyms[0]; g.Lat != 47.36667 || g.Lon != 8.55 {
		t.Errorf("Zürich at %v,%v", g.Lat, g.Lon)
	}
	if st != (Stats{Articles: 1, Labelled: 3, Toponyms: 3, WithCoords: 2, WithID: 2, Repaired: 1}) {
		t.Errorf("stats %+v", st)
	}
}

func TestReadGeoVirus(t *testing.T) {
	const sample = `<articles>
    <article>
        <source>https://en.wikinews.org/wiki/X</source>
        <text>In Pandi, Bulacan, near Manila.</text>
        <locations>
            <location><name>Pandi</name><start>4</start><end>9</end><lat>14.87</lat><lon>120.95</lon><page>p</page></location>
            <location><name>Manila</name><start>25</start><end>31</end><lat>14.6</lat><lon>120.98</lon><page>p</page></location>
            <location><name>Quezon</name><start>1</start><end>7</end><lat>14.6</lat><lon>121</lon><page>p</page></location>
        </locations>
    </article>
    <!--<article><text>commented out</text></article>-->
</articles>`
	docs, st, err := ReadGeoVirus(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "1" {
		t.Fatalf("docs %+v", docs)
	}
	d := docs[0]
	// offsets count from 1: Pandi is at bytes 3-8, Manila at 24-30;
	// Quezon is not in the text and is dropped.
	if len(d.Toponyms) != 2 || d.Toponyms[0].Span != (doc.Span{Start: 3, End: 8}) || d.Toponyms[1].Span != (doc.Span{Start: 24, End: 30}) {
		t.Fatalf("toponyms %+v", d.Toponyms)
	}
	if g := d.Toponyms[0]; !g.HasCoords || g.Lat != 14.87 || g.Lon != 120.95 || g.Repaired || g.Text != "Pandi" {
		t.Errorf("Pandi %+v", g)
	}
	if st.Dropped != 1 || st.WithCoords != 2 || st.Articles != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestReadGWN(t *testing.T) {
	const sample = `<?xml version="1.0" ?>
<articles>
	<article file="5">
		<title>t</title>
		<text>The Irish mansion near Dublin.</text>
		<toponyms>
			<toponym><extractedName>Irish</extractedName><normalisedName>Ireland</normalisedName><type>Demonym</type>
				<modifierType/><nonLocational>No</nonLocational><start>4</start><end>9</end>
				<geonamesID>2963597</geonamesID><latitude>53.0</latitude><longitude>-8.0</longitude></toponym>
			<toponym><extractedName>mansion</extractedName><normalisedName/><type>Literal_Expression</type>
				<modifierType/><nonLocational>No</nonLocational><start>10</start><end>17</end></toponym>
			<toponym><extractedName>Dublin</extractedName><normalisedName/><type>Literal</type>
				<modifierType/><nonLocational>No</nonLocational><start>23</start><end>29</end>
				<geonamesID/><latitude>53.33</latitude><longitude>-6.25</longitude></toponym>
			<toponym><extractedName>US</extractedName><normalisedName/><type>Literal</type>
				<start>-20</start><end>-18</end></toponym>
		</toponyms>
	</article>
</articles>`
	docs, st, err := ReadGWN(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.ID != "5" || len(d.Toponyms) != 3 {
		t.Fatalf("doc %+v", d)
	}
	irish, mansion, dublin := d.Toponyms[0], d.Toponyms[1], d.Toponyms[2]
	if irish.Span != (doc.Span{Start: 4, End: 9}) || !irish.Toponym || irish.GeoNamesID != 2963597 || irish.Name != "Ireland" || irish.Type != "Demonym" {
		t.Errorf("Irish %+v", irish)
	}
	if mansion.Toponym || mansion.HasCoords {
		t.Errorf("mansion %+v", mansion)
	}
	if !dublin.HasCoords || dublin.GeoNamesID != 0 || dublin.Text != "Dublin" {
		t.Errorf("Dublin %+v", dublin)
	}
	if st != (Stats{Articles: 1, Labelled: 3, Toponyms: 2, WithCoords: 2, WithID: 1, Dropped: 1}) {
		t.Errorf("stats %+v", st)
	}
	opt := Options{NeedID: true}
	if !opt.Scored(&irish) || opt.Scored(&dublin) || opt.Scored(&mansion) {
		t.Error("Scored: GeoWebNews scores the toponyms with a GeoNames id")
	}
}

func TestReadErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not XML":     "<articles><article>",
		"bad offset":  `<articles><article><text>a</text><toponyms><toponym><start>x</start><end>1</end><phrase>a</phrase></toponym></toponyms></article></articles>`,
		"bad lat":     `<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><phrase>a</phrase><gaztag><lat>north</lat><lon>1</lon></gaztag></toponym></toponyms></article></articles>`,
		"lat too big": `<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><phrase>a</phrase><gaztag><lat>91</lat><lon>1</lon></gaztag></toponym></toponyms></article></articles>`,
	} {
		if _, _, err := ReadLGL(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestAlign(t *testing.T) {
	const text = "Kenyan Kenya and Kenya, ü Kenya"
	x := newRuneIndex(text)
	for _, c := range []struct {
		phrase     string
		start, end int
		want       doc.Span
		repaired   bool
		ok         bool
	}{
		{"Kenya", 7, 12, doc.Span{Start: 7, End: 12}, false, true},
		{"Kenya", 26, 31, doc.Span{Start: 27, End: 32}, false, true}, // characters to bytes past "ü"
		{"Kenya", 0, 5, doc.Span{Start: 0, End: 5}, false, true},     // offsets that hold the phrase win
		{"Kenya", 1, 6, doc.Span{Start: 7, End: 12}, true, true},     // "Kenya" in "Kenyan" is not a word
		{"Kenya", 15, 20, doc.Span{Start: 17, End: 22}, true, true},  // nearest
		{"Kenya", 29, 40, doc.Span{Start: 27, End: 32}, true, true},  // end past the text
		{"Nairobi", 0, 7, doc.Span{}, false, false},                  // not in the text
		{"Kenya", -5, 0, doc.Span{}, false, false},                   // before the text
		{"Kenya", 99, 104, doc.Span{}, false, false},                 // after it
		{"", 0, 0, doc.Span{}, false, false},                         // empty phrase
	} {
		got, rep, ok := x.align(c.phrase, c.start, c.end)
		if got != c.want || rep != c.repaired || ok != c.ok {
			t.Errorf("align(%q, %d, %d) = %v %v %v, want %v %v %v", c.phrase, c.start, c.end, got, rep, ok, c.want, c.repaired, c.ok)
		}
	}
}

// The readers never panic, and every span they return holds its text.
func fuzzReader(f *testing.F, read func(string) ([]*Doc, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := read(in)
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, g := range d.Toponyms {
				if g.Span.Start < 0 || g.Span.End > len(d.Text) || g.Span.Start > g.Span.End || d.Text[g.Span.Start:g.Span.End] != g.Text {
					t.Fatalf("span %v does not hold %q in %q", g.Span, g.Text, d.Text)
				}
			}
		}
	})
}

func FuzzReadLGL(f *testing.F) {
	fuzzReader(f, func(s string) ([]*Doc, error) {
		d, _, err := ReadLGL(strings.NewReader(s))
		return d, err
	}, lglSample, "<articles/>", `<articles><article><text>é</text><toponyms><toponym><start>0</start><end>9</end><phrase>é</phrase></toponym></toponyms></article></articles>`)
}

func FuzzReadGeoVirus(f *testing.F) {
	fuzzReader(f, func(s string) ([]*Doc, error) {
		d, _, err := ReadGeoVirus(strings.NewReader(s))
		return d, err
	}, `<articles><article><text>In Pandi.</text><locations><location><name>Pandi</name><start>4</start><end>9</end><lat>1</lat><lon>2</lon></location></locations></article></articles>`)
}

func FuzzReadGWN(f *testing.F) {
	fuzzReader(f, func(s string) ([]*Doc, error) {
		d, _, err := ReadGWN(strings.NewReader(s))
		return d, err
	}, `<articles><article file="1"><text>Irish</text><toponyms><toponym><extractedName>Irish</extractedName><type>Demonym</type><start>0</start><end>5</end><geonamesID>1</geonamesID><latitude>1</latitude><longitude>2</longitude></toponym></toponyms></article></articles>`)
}
