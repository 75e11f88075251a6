package source

import (
	"bytes"
	"context"
	"testing"
	"unicode/utf8"
)

// fuzzRead reads b on standard input as kind and checks what every
// reader promises: no panic, keys unique and not empty, text and title
// valid UTF-8, no absurd date.
func fuzzRead(t *testing.T, kind string, b []byte) {
	seen := map[string]bool{}
	Read(context.Background(), "-", Options{Stdin: bytes.NewReader(b), MaxBytes: 1 << 16, Kind: kind}, func(a *Article) error {
		if a.Source == "" || seen[a.Source] {
			t.Fatalf("key %q empty or repeated", a.Source)
		}
		seen[a.Source] = true
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("%s: invalid UTF-8 in %q / %q", a.Source, a.Title, a.Text)
		}
		if y := a.Published.Time.Year(); !a.Published.IsZero() && (y < 1900 || y >= 2200) {
			t.Fatalf("%s: absurd publication date %v", a.Source, a.Published)
		}
		return nil
	})
}

// FuzzReadSGML: Reuters-21578 SGML, whole, cut and broken.
func FuzzReadSGML(f *testing.F) {
	f.Add([]byte(reuters))
	f.Add([]byte(reuters[:len(reuters)/2]))
	f.Add([]byte(`<REUTERS NEWID="1"><DATE>99-XYZ-99999 99:99:99</DATE><TEXT><TITLE>&#3;&#0;&#xffff;&amp</TITLE><BODY></BODY></TEXT></REUTERS><REUTERS NEWID="1">`))
	f.Add([]byte("<REUTERS NEWID=\"\xff\"><BODY>\xff\xfe</BODY>"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzRead(t, "", b) })
}

// FuzzReadTimeML: TimeML documents.
func FuzzReadTimeML(f *testing.F) {
	f.Add([]byte(tempeval))
	f.Add([]byte(semeval))
	f.Add([]byte(`<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" value="99999-99-99">x</TIMEX3></DCT><TITLE>t<TEXT>`))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzRead(t, "", b) })
}

// FuzzReadCSV: CSV files of articles.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(guardianCSV))
	f.Add([]byte("webUrl,webTitle,webPublicationDate,bodyText,byline\nhttps://x/a,T,2019-03-23T09:00:00Z,Body.,A\n"))
	f.Add([]byte("text,date\n\"open quote,2024-01-01\nrow,\"\"\n,,,,\n"))
	f.Add([]byte("\"\",text\n1,a\n1,b\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzRead(t, "csv", b) })
}

// FuzzReadJSONL: JSON Lines, and the same bytes as a JSON document.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(jsonl), false)
	f.Add([]byte(`[{"id":"a","text":"x"},{"id":"a"},"s",null,{"authors":[{"name":"A"},1]}]`), true)
	f.Add([]byte(`{"id":1e999,"text":"\ud800","published":"0000-00-00"}`+"\n{}\n"), false)
	f.Fuzz(func(t *testing.T, b []byte, doc bool) {
		kind := "jsonl"
		if doc {
			kind = "json"
		}
		fuzzRead(t, kind, b)
	})
}

// FuzzReadZip: zip archives of articles, whole and cut.
func FuzzReadZip(f *testing.F) {
	arc := testZip(f, "a.csv", guardianCSV, "b.jsonl", jsonl, "c.txt", "text", "d.png", "x", "e.sgm", reuters)
	f.Add(arc)
	f.Add(arc[:len(arc)/2])
	f.Fuzz(func(t *testing.T, b []byte) { fuzzRead(t, "", b) })
}
