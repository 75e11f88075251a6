package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example World</title><link>https://news.example/</link>
<item><title>Raisi calls Zardari</title><link>https://news.example/call</link>
<pubDate>Fri, 12 Apr 2024 01:10:00 IRST</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Iranian President Ebrahim Raisi held a telephone call with Pakistani President Asif Ali Zardari on Thursday.</p><p>Raisi &amp; Zardari discussed trade.</p><script>alert(1)</script>]]></content:encoded>
</item>
<item><title>No content</title><link>https://news.example/summary</link>
<pubDate>not a date</pubDate>
<description>&lt;b&gt;Pakistan&lt;/b&gt; condemned the attack.</description>
</item>
<item><title>Undated</title><description>Iran invited Pakistan.</description></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id><updated>2024-04-12T08:00:00Z</updated>
<entry><title>Ties restored</title><id>urn:1</id><link href="https://news.example/ties"/>
<published>2024-01-29T23:30:00+05:00</published><updated>2024-01-30T10:00:00Z</updated>
<content type="html">&lt;p&gt;Pakistan and Iran restored ties.&lt;/p&gt;</content></entry>
</feed>`

func readAll(t *testing.T, name string, opt Options) []*Article {
	t.Helper()
	var out []*Article
	if err := Read(context.Background(), name, opt, func(a *Article) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return out
}

func TestReadFeed(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "world.xml")
	os.WriteFile(f, []byte(rss), 0o644)
	arts := readAll(t, f, Options{})
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3", len(arts))
	}
	a := arts[0]
	if a.Source != "https://news.example/call" || a.Title != "Raisi calls Zardari" || a.PublishedFrom != "feed" {
		t.Errorf("item 1: %q %q %q", a.Source, a.Title, a.PublishedFrom)
	}
	// 01:10 in Tehran is April 12 there, 21:40 on April 11 in UTC.
	if got := a.Published.String(); got != "2024-04-12T01:10:00+03:30" {
		t.Errorf("item 1 published %s", got)
	}
	if want := "Raisi calls Zardari\n\nIranian President Ebrahim Raisi held a telephone call with Pakistani President Asif Ali Zardari on Thursday.\n\nRaisi & Zardari discussed trade."; a.Text != want {
		t.Errorf("item 1 text %q, want %q", a.Text, want)
	}
	if b := arts[1]; !strings.Contains(b.Text, "Pakistan condemned the attack.") || !b.Published.IsZero() || len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], "not a date") {
		t.Errorf("item 2: text %q, published %v, warnings %q", b.Text, b.Published, b.Warnings)
	}
	if c := arts[2]; c.Source != f+"#3" || len(c.Warnings) != 0 {
		t.Errorf("item 3: source %q, warnings %q", c.Source, c.Warnings)
	}

	os.WriteFile(f, []byte(atom), 0o644)
	arts = readAll(t, f, Options{})
	if len(arts) != 1 || arts[0].Published.String() != "2024-01-29T23:30:00+05:00" || arts[0].Text != "Ties restored\n\nPakistan and Iran restored ties." {
		t.Errorf("atom: %+v", arts)
	}
}

func TestReadFeedFollow(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title>
<item><title>Iran and Pakistan restore ties</title><link>http://%[1]s/story</link><pubDate>Fri, 12 Apr 2024 01:10:00 PKT</pubDate><description>Summary only.</description></item>
<item><title>Gone</title><link>http://%[1]s/gone</link><description>Summary of a lost page.</description></item>
</channel></rss>`, r.Host)
		case "/story":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(page))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	arts := readAll(t, srv.URL+"/feed", Options{Follow: true})
	if len(arts) != 2 {
		t.Fatalf("%d articles, want 2", len(arts))
	}
	if a := arts[0]; !strings.Contains(a.Text, "Baloch Liberation Front") || a.Published.String() != "2024-04-12T01:10:00+05:00" || len(a.Warnings) != 0 {
		t.Errorf("followed item: text %q, published %s, warnings %q", a.Text, a.Published, a.Warnings)
	}
	if b := arts[1]; !strings.Contains(b.Text, "Summary of a lost page.") || len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], "404") {
		t.Errorf("lost page: text %q, warnings %q", b.Text, b.Warnings)
	}
	arts = readAll(t, srv.URL+"/feed", Options{})
	if !strings.Contains(arts[0].Text, "Summary only.") {
		t.Errorf("without Follow the item's text is coded, got %q", arts[0].Text)
	}
}

// warcRecord writes one WARC/1.1 record.
func warcRecord(typ, uri, date, ctype string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\nWARC-Date: %s\r\n", typ, len(block)+len(uri), date)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, ctype string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, ctype, len(body))), body...)
}

// testWARC is a small crawl: a warcinfo record, a request, a dated page in
// windows-1252, an undated page, a plain text resource, a 404, an image
// and an oversized page.
func testWARC() [][]byte {
	const http = "application/http; msgtype=response"
	dated := strings.Replace(page, "</head>", `<meta property="article:published_time" content="2024-04-12T20:12:00+03:30"></head>`, 1)
	dated = strings.Replace(dated, "Eid al-Fitr", "Eid al-Fitr in Peshaw\xe2r", 1) // â in windows-1252
	return [][]byte{
		warcRecord("warcinfo", "", "2024-04-20T00:00:00Z", "application/warc-fields", []byte("software: test\r\n")),
		warcRecord("request", "https://news.example/a", "2024-04-20T01:00:00Z", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")),
		warcRecord("response", "https://news.example/a", "2024-04-20T01:00:00Z", http, httpResponse("200 OK", "text/html; charset=windows-1252", []byte(dated))),
		warcRecord("response", "https://news.example/b", "2024-04-20T02:00:00Z", http, httpResponse("200 OK", "text/html", []byte(page))),
		warcRecord("resource", "https://news.example/c.txt", "2024-04-20T03:00:00Z", "text/plain", []byte("Iran launched missile attacks.")),
		warcRecord("response", "https://news.example/missing", "2024-04-20T04:00:00Z", http, httpResponse("404 Not Found", "text/html", []byte("<html>gone</html>"))),
		warcRecord("response", "https://news.example/logo.png", "2024-04-20T05:00:00Z", http, httpResponse("200 OK", "image/png", []byte("\x89PNG"))),
		warcRecord("response", "https://news.example/huge", "2024-04-20T06:00:00Z", http, httpResponse("200 OK", "text/html", []byte("<html><body><p>"+strings.Repeat("word ", 1000)+"</p></body></html>"))),
	}
}

func TestReadWARC(t *testing.T) {
	dir := t.TempDir()
	recs := testWARC()
	plain := filepath.Join(dir, "crawl.warc")
	os.WriteFile(plain, bytes.Join(recs, nil), 0o644)
	var gz bytes.Buffer // one gzip member per record, as crawlers write
	for _, r := range recs {
		zw := gzip.NewWriter(&gz)
		zw.Write(r)
		zw.Close()
	}
	packed := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(packed, gz.Bytes(), 0o644)
	for _, name := range []string{plain, packed} {
		arts := readAll(t, name, Options{MaxBytes: 4096})
		var got []string
		for _, a := range arts {
			got = append(got, a.Source)
		}
		if want := "https://news.example/a https://news.example/b https://news.example/c.txt https://news.example/huge"; strings.Join(got, " ") != want {
			t.Fatalf("%s: articles %q, want %s", name, got, want)
		}
		a := arts[0]
		if a.Published.String() != "2024-04-12T20:12:00+03:30" || a.PublishedFrom != "metadata" || a.Crawled.Format("2006-01-02T15") != "2024-04-20T01" {
			t.Errorf("%s: dated page: published %s from %q, crawled %v", name, a.Published, a.PublishedFrom, a.Crawled)
		}
		if !strings.Contains(a.Text, "Peshawâr") || !strings.Contains(a.Text, "Baloch Liberation Front") {
			t.Errorf("%s: windows-1252 page text %q", name, a.Text)
		}
		if b := arts[1]; !b.Published.IsZero() || b.Crawled.IsZero() || !strings.Contains(b.Text, "restored ties") {
			t.Errorf("%s: undated page: published %v, crawled %v", name, b.Published, b.Crawled)
		}
		if c := arts[2]; c.Text != "Iran launched missile attacks." {
			t.Errorf("%s: text resource %q", name, c.Text)
		}
		if h := arts[3]; h.Text != "" || len(h.Warnings) == 0 || !strings.Contains(strings.Join(h.Warnings, " "), "size limit") {
			t.Errorf("%s: oversized page: text %.20q, warnings %q", name, h.Text, h.Warnings)
		}
	}
	// Standard input is sniffed the same way.
	var n int
	err := Read(context.Background(), "-", Options{Stdin: bytes.NewReader(gz.Bytes())}, func(*Article) error { n++; return nil })
	if err != nil || n != 4 {
		t.Errorf("WARC.gz on stdin: %d articles, err %v", n, err)
	}
}

// TestReadWARCBroken: an archive cut mid-record yields the records before
// the cut, and the cut record as an article with no text and warnings
// that say what is wrong; the batch goes on.
func TestReadWARCBroken(t *testing.T) {
	all := bytes.Join(testWARC(), nil)
	cut := bytes.Index(all, []byte("https://news.example/b")) + 200
	var got []*Article
	err := Read(context.Background(), "-", Options{Stdin: bytes.NewReader(all[:cut])}, func(a *Article) error {
		got = append(got, a)
		return nil
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("%d articles, err %v; want 2, nil", len(got), err)
	}
	if a, b := got[0], got[1]; a.Source != "https://news.example/a" || a.Text == "" ||
		b.Source != "https://news.example/b" || b.Text != "" || !strings.Contains(strings.Join(b.Warnings, " "), "content length") {
		t.Errorf("cut archive: %q (%d bytes), %q (%d bytes, warnings %q)", a.Source, len(a.Text), b.Source, len(b.Text), b.Warnings)
	}
}

// FuzzRead feeds arbitrary bytes to the readers that sniff standard
// input: text, HTML, feeds, WARC, JSON, Reuters SGML, TimeML and zip
// archives. None panics.
func FuzzRead(f *testing.F) {
	f.Add([]byte(rss))
	f.Add([]byte(atom))
	f.Add(bytes.Join(testWARC()[:3], nil))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("<rss><channel><item><pubDate>Fri, 31 Feb 99999 99:99 IRST</pubDate></item></channel></rss>"))
	f.Add([]byte(jsonl))
	f.Add([]byte(`[{"id":"a","title":"T","text":"x"}]`))
	f.Add([]byte(reuters))
	f.Add([]byte(tempeval))
	f.Add(testZip(f, "a.csv", guardianCSV, "b.txt", "text"))
	f.Add([]byte("https://news.example/a\n\nText after a URL line."))
	f.Fuzz(func(t *testing.T, b []byte) {
		Read(context.Background(), "-", Options{Stdin: bytes.NewReader(b), MaxBytes: 1 << 16}, func(a *Article) error {
			if y := a.Published.Time.Year(); !a.Published.IsZero() && (y < 1900 || y >= 2200) {
				t.Fatalf("absurd publication date %v", a.Published)
			}
			return nil
		})
	})
}
