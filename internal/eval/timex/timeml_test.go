package timexeval

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

const tinyTML = `<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>TINY_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Flu <TIMEX3 tid="t99" type="DATE" value="2013">this year</TIMEX3></TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> that &quot;prices&quot; <SIGNAL sid="s1">in</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P1M" mod="APPROX">about a month</TIMEX3> rose €5.
The <TIMEX3 tid="t3" type="SET" value="XXXX-WI">each season</TIMEX3>&lt;tag&gt; <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF"/><TIMEX3 tid="t5" type="DATE" value="2009"> 2009 </TIMEX3>
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
`

func TestReadTimeML(t *testing.T) {
	d, err := ReadTimeML(strings.NewReader(tinyTML))
	if err != nil {
		t.Fatal(err)
	}
	wantText := "\nAT&T said Friday that \"prices\" in about a month rose €5.\nThe each season<tag>  2009 \n"
	if d.Text != wantText {
		t.Errorf("text\n got %q\nwant %q", d.Text, wantText)
	}
	if d.ID != "TINY_1" || d.DCTValue != "2013-03-22" || !d.DCT.Equal(time.Date(2013, 3, 22, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("id %q, DCT %q %v", d.ID, d.DCTValue, d.DCT)
	}
	want := []Timex{
		{TID: "t1", Text: "Friday", Type: "DATE", Value: "2013-03-22"},
		{TID: "t2", Text: "about a month", Type: "DURATION", Value: "P1M", Mod: "APPROX"},
		{TID: "t3", Text: "each season", Type: "SET", Value: "XXXX-WI"},
		{TID: "t5", Text: " 2009 ", Type: "DATE", Value: "2009"},
	}
	if len(d.Timexs) != len(want) {
		t.Fatalf("%d timexes, want %d: %+v", len(d.Timexs), len(want), d.Timexs)
	}
	for i, w := range want {
		g := d.Timexs[i]
		if got := d.Text[g.Span.Start:g.Span.End]; got != w.Text || g.Text != w.Text {
			t.Errorf("timex %d: span %v holds %q, text %q, want %q", i, g.Span, got, g.Text, w.Text)
		}
		g.Span = doc.Span{}
		if g != w {
			t.Errorf("timex %d: got %+v, want %+v", i, g, w)
		}
	}
	// Byte offsets: "€" is three bytes, and entities count as what they decode to.
	if s := d.Timexs[2].Span; s.Start != strings.Index(wantText, "each season") {
		t.Errorf("each season at %d", s.Start)
	}
}

func TestReadTimeMLCases(t *testing.T) {
	for _, c := range []struct {
		name, in string
		wantErr  bool
		dct      string
		n        int
	}{
		{"no TEXT", `<TimeML><DCT><TIMEX3 value="2001-01-01"/></DCT></TimeML>`, true, "", 0},
		{"not closed", `<TimeML><TEXT>on <TIMEX3 type="DATE" value="2001">2001`, true, "", 0},
		{"empty", ``, true, "", 0},
		{"no DCT", `<TimeML><TEXT>in <TIMEX3 type="DATE" value="2001">2001</TIMEX3></TEXT></TimeML>`, false, "", 1},
		{"DCT with a time", `<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" value="1998-02-27T10:30"/></DCT><TEXT>x</TEXT></TimeML>`, false, "1998-02-27T10:30:00Z", 0},
		{"DCT as a function", `<TimeML><TIMEX3 functionInDocument="CREATION_TIME" value="1998-02-27">Feb. 27</TIMEX3><TEXT>x</TEXT></TimeML>`, false, "1998-02-27T00:00:00Z", 0},
		{"HTML entity", `<TimeML><TEXT>a&nbsp;<TIMEX3 type="DATE" value="2001">2001</TIMEX3></TEXT></TimeML>`, false, "", 1},
		{"CDATA", `<TimeML><TEXT><![CDATA[a<b]]> <TIMEX3 type="DATE" value="2001">2001</TIMEX3></TEXT></TimeML>`, false, "", 1},
		{"two TEXT", `<TimeML><TEXT>a</TEXT><TEXT>b</TEXT></TimeML>`, true, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ReadTimeML(strings.NewReader(c.in))
			if (err != nil) != c.wantErr {
				t.Fatalf("err %v, want error %v", err, c.wantErr)
			}
			if err != nil {
				return
			}
			if c.dct != "" && d.DCT.Format(time.RFC3339) != c.dct {
				t.Errorf("DCT %v, want %s", d.DCT, c.dct)
			}
			if c.dct == "" && !d.DCT.IsZero() {
				t.Errorf("DCT %v, want none", d.DCT)
			}
			if len(d.Timexs) != c.n {
				t.Errorf("%d timexes, want %d", len(d.Timexs), c.n)
			}
			checkSpans(t, d)
		})
	}
}

func checkSpans(t *testing.T, d *Doc) {
	t.Helper()
	for _, x := range d.Timexs {
		if x.Span.Start < 0 || x.Span.End > len(d.Text) || x.Span.Start > x.Span.End {
			t.Fatalf("span %v outside a text of %d bytes", x.Span, len(d.Text))
		}
		if d.Text[x.Span.Start:x.Span.End] != x.Text {
			t.Fatalf("span %v holds %q, not %q", x.Span, d.Text[x.Span.Start:x.Span.End], x.Text)
		}
	}
}

// FuzzReadTimeML checks that the reader never panics and that every
// expression it returns lies in its text.
func FuzzReadTimeML(f *testing.F) {
	f.Add([]byte(tinyTML))
	f.Add([]byte(`<TimeML><TEXT>in <TIMEX3 type="DATE" value="2001"><TIMEX3>x</TIMEX3>2001</TIMEX3></TEXT></TimeML>`))
	f.Add([]byte(`<TEXT><TEXT>a</TEXT>b</TEXT>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadTimeML(bytes.NewReader(b))
		if err != nil {
			return
		}
		checkSpans(t, d)
	})
}
