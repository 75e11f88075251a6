package source

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guardianCSV is shaped like the Guardian sample: R's unnamed row-name
// column, a date, multi-line quoted text; one row is short, one long
// with a stray quote, one repeats an id.
const guardianCSV = "\ufeff" + `"",date,text,source,Title
"3",2019-04-10,"Baghdad and Washington are in talks.
Iraqi officials seek a ""fee"".",Guardian,Talks
"4",2019-04-09,"Short row",Guardian
5,not a date,Kurdish forces said "no" today,Guardian,Refusal,extra
"3",2019-01-01,"Same id",Guardian,Again
`

func TestReadCSV(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []got
	}{
		{"guardian.csv", guardianCSV, []got{
			{key: "P#3", id: "3", title: "Talks", published: "2019-04-10", from: "record", text: "Talks\n\nBaghdad and Washington are in talks.\nIraqi officials seek a \"fee\"."},
			{key: "P#4", id: "4", text: "Short row", published: "2019-04-09", warns: "record 2 (line 4): 4 fields, the header has 5"},
			{key: "P#5", id: "5", title: "Refusal", text: `Refusal` + "\n\n" + `Kurdish forces said "no" today`, warns: `record 3 (line 5): 6 fields, the header has 5; date: date "not a date": not a date`},
			{key: "P#3#2", id: "3", title: "Again", text: "Same id"},
		}},
		{"api.csv", "webUrl,webTitle,webPublicationDate,bodyText,byline\nhttps://www.theguardian.com/a,SDF advance,2019-03-23T09:00:00Z,The SDF advanced on Baghuz.,Martin Chulov\n",
			[]got{{key: "P#1", url: "https://www.theguardian.com/a", title: "SDF advance", published: "2019-03-23T09:00:00Z", author: "Martin Chulov", text: "SDF advance\n\nThe SDF advanced"}}},
		{"header-only.csv", "id,text\n", nil},
		{"empty.csv", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, arts := readFile(t, tc.name, tc.in, Options{})
			check(t, path, arts, tc.want)
		})
	}
	path := filepath.Join(t.TempDir(), "no-text.csv")
	os.WriteFile(path, []byte("id,name\n1,x\n"), 0o644)
	if err := Read(context.Background(), path, Options{}, func(*Article) error { return nil }); err == nil || !strings.Contains(err.Error(), "no text column") {
		t.Errorf("a CSV without a text column: err %v", err)
	}
	// A record over the size limit stops the file after the records before it.
	in := "id,text\n1,short\n2," + strings.Repeat("x", 200<<10) + "\n3,after\n"
	var n int
	err := Read(context.Background(), "-", Options{Stdin: strings.NewReader(in), Kind: "csv", MaxBytes: 1024}, func(*Article) error { n++; return nil })
	if n != 1 || err == nil || !strings.Contains(err.Error(), "size limit") {
		t.Errorf("an oversized record: %d articles, err %v", n, err)
	}
}

// testZip makes a zip archive of the named members, in order.
func testZip(t testing.TB, members ...string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(members); i += 2 {
		w, err := zw.Create(members[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(members[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadZip(t *testing.T) {
	arc := testZip(t,
		"sample/", "",
		"sample/Guardian.csv", guardianCSV,
		"sample/voa.jsonl", `{"id":"v1","text":"Iraq says a leader is dead."}`+"\n",
		"sample/story.txt", "Iran launched missile attacks.",
		"sample/page.html", page,
		"sample/README.md", "# about",
		"__MACOSX/sample/._story.txt", "junk",
		"sample/logo.png", "\x89PNG",
		"sample/inner.zip", "PK\x05\x06"+strings.Repeat("\x00", 18),
		"sample/renamed.txt", string(testZip(t, "x.txt", "x")),
	)
	want := []got{
		{key: "P#sample/Guardian.csv#3", id: "3", text: "Baghdad"},
		{key: "P#sample/Guardian.csv#4", text: "Short row", warns: "4 fields"},
		{key: "P#sample/Guardian.csv#5", text: "Kurdish", warns: "6 fields"},
		{key: "P#sample/Guardian.csv#3#2", text: "Same id"},
		{key: "P#sample/voa.jsonl#v1", text: "Iraq says a leader is dead."},
		{key: "P#sample/story.txt", text: "Iran launched missile attacks."},
		{key: "P#sample/page.html", title: "Iran and Pakistan restore ties", text: "Baloch Liberation Front"},
		{key: "P#sample/logo.png", warns: "zip member sample/logo.png: not a kind dyad reads, skipped"},
		{key: "P#sample/inner.zip", warns: "not a kind dyad reads"},
		{key: "P#sample/renamed.txt", warns: "an archive inside an archive is not read"},
	}
	path, arts := readFile(t, "sample.csv.zip", string(arc), Options{})
	check(t, path, arts, want)
	// The same archive on standard input.
	var stdin []got
	Read(context.Background(), "-", Options{Stdin: bytes.NewReader(arc)}, func(a *Article) error {
		stdin = append(stdin, summary(a))
		return nil
	})
	check(t, "-", stdin, want)
}
