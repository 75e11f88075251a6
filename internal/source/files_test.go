package source

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{
		"README.md", "README.TXT", "LICENSE", "SOURCES.md", "notes.md", "img.png", "tokens.tsv", ".hidden.txt", ".git/HEAD.txt",
		"tech/001.txt", "tech/002.txt", "reut2-000.sgm", "silver/AFP.tml", "voa.jsonl", "items.ndjson", "one.json",
		"Guardian.csv.zip", "rows.csv", "crawl.warc.gz", "world.rss", "page.html", "sub/readme_first.txt",
	} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range got {
		r, _ := filepath.Rel(dir, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"Guardian.csv.zip", "crawl.warc.gz", "items.ndjson", "one.json", "page.html", "reut2-000.sgm", "rows.csv", "silver/AFP.tml", "tech/001.txt", "tech/002.txt", "voa.jsonl", "world.rss"}
	if !reflect.DeepEqual(rel, want) {
		t.Errorf("Files:\n got %q\nwant %q", rel, want)
	}
	// A file, even of no known kind, a URL and standard input are themselves.
	for _, name := range []string{filepath.Join(dir, "img.png"), "https://news.example/feed", "-"} {
		if got, err := Files(name); err != nil || len(got) != 1 || got[0] != name {
			t.Errorf("Files(%q) = %q, %v", name, got, err)
		}
	}
	if _, err := Files(filepath.Join(dir, "none")); err == nil {
		t.Error("a missing path: no error")
	}
}

// TestURLLine: a text whose first line is a URL alone (as the Worldwide
// Newswire articles are saved) gives its URL, and its text after it.
func TestURLLine(t *testing.T) {
	for _, tc := range []struct{ in, url, text string }{
		{"https://kashmirobserver.net/2022/07/22/x/\n\nSrinagar- An 18-year-old student drowned.", "https://kashmirobserver.net/2022/07/22/x/", "Srinagar- An 18-year-old student drowned."},
		{"https://news.example/a", "", "https://news.example/a"},
		{"https://news.example/a and more\nText.", "", "https://news.example/a and more\nText."},
		{"Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise.", "", "Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise."},
		{"http:///nohost\nText.", "", "http:///nohost\nText."},
	} {
		if u, text := urlLine(tc.in); u != tc.url || text != tc.text {
			t.Errorf("urlLine(%q) = %q, %q; want %q, %q", tc.in, u, text, tc.url, tc.text)
		}
	}
}
