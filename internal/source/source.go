// Package source reads the articles a user names: standard input ("-"),
// files, the readable files of folders (Files) and http(s) URLs, holding
// a text, a web page (reduced to its main text with go-readability, in
// its declared charset), an RSS, Atom or JSON feed (gofeed), a WARC
// archive of crawled pages (gowarc), JSON Lines or JSON of articles, CSV,
// a zip archive of any of these, Reuters-21578 SGML or TimeML; each
// article with a key that is the same whenever the same source is read,
// and the publication time it states, in the publisher's zone
// (docs/sources.md).
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/dyadproject/dyad/internal/doc"
)

// Article is a text to analyze and where it came from.
type Article struct {
	// Source is the article's key: unique among the articles of one
	// Read and the same each time the same source is read. It is the
	// name the user gave ("-", a path, a URL) for a source of one
	// article; NAME#ID for a record of a file of many (JSON, JSON Lines,
	// CSV, Reuters SGML), ID being the record's own id (its NEWID, its
	// id field or column) or else its 1-based line (JSON Lines) or record
	// number; ZIP#MEMBER for a member of a zip archive (ZIP#MEMBER#ID for
	// its records); and the URL of a feed item or an archived page (a
	// feed item with no link is NAME#N). A key met again in the same
	// source gets #2, #3… in reading order.
	Source string
	ID     string // the record's own id in its file (Reuters NEWID, a JSON or CSV id), when it has one
	Title  string // from the page, feed item or record, when known
	Text   string // the title first, then the main text
	URL    string // the article's canonical or original URL, when known
	Author string // the byline, when known
	// Published is when the source says the article was published: a
	// web page's article:published_time, JSON-LD datePublished or first
	// <time datetime>, a feed item's pubDate, or a record's date field
	// (JSON, CSV, Reuters DATE, TimeML's document creation time), in the
	// publisher's own zone; zero when it says nothing. PublishedFrom
	// names which: "metadata" (the page), "feed" or "record".
	Published     doc.Timestamp
	PublishedFrom string
	// Crawled is when an archive fetched the page (WARC-Date): a story
	// date of last resort, since crawls come hours to years later.
	Crawled time.Time
	// Warnings are problems with this article's input: unreadable or
	// ambiguous metadata, a record or archive member that could not be
	// read (Text is then empty). They travel with the article instead of
	// stopping a batch.
	Warnings []string
}

// Options limit what is read.
type Options struct {
	MaxBytes  int64         // the most bytes read from any source, archived record, JSON line or CSV record; 0 means 256 MiB
	Timeout   time.Duration // for a URL; 0 means 30 s
	UserAgent string
	Stdin     io.Reader // for "-"; nil means os.Stdin
	// Follow fetches the page each feed item links to and codes its main
	// text instead of the item's summary; the item's date stays the
	// fallback when the page states none.
	Follow bool
	// Kind reads every source as this kind, whatever its name says:
	// "jsonl", "json", "csv" or "html"; "" tells the kind by the name,
	// the media type and the content.
	Kind string
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 256 << 20
}

// ErrTooLarge is returned when a source exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("input exceeds the size limit")

// Open reads the one article named by name: standard input ("-"), a file
// or a URL, as text, a web page or a TimeML document. A feed, an archive
// or a file of records holds many articles: read those with Read.
func Open(ctx context.Context, name string, opt Options) (*Article, error) {
	var first *Article
	n := 0
	err := Read(ctx, name, opt, func(a *Article) error {
		if n++; n == 1 {
			first = a
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case n != 1:
		return nil, fmt.Errorf("%s holds %d articles, not one", name, n)
	}
	return first, nil
}

// Read reads every article a source holds and passes each to emit in
// order: one for a text, a web page or a TimeML document; one per item
// of an RSS, Atom or JSON feed; one per HTML or text response of a WARC
// or WARC.gz archive (such as Common Crawl's news crawl); one per object
// of a JSON Lines or JSON file, per row of a CSV file, per REUTERS record
// of Reuters-21578 SGML; and those of each member of a zip archive
// (docs/sources.md). Archives, JSON Lines and CSV are streamed, never
// loaded whole. The kind is told by the content (WARC, gzip, zip, feeds,
// JSON, Reuters SGML, TimeML, HTML), a URL's Content-Type, and a name's
// ending (.jsonl, .ndjson, .json, .csv, .html), or set by Options.Kind.
// Each article's Source is its key (see Article). A problem with one
// item, record or member becomes a warning on that article; Read fails
// only when the source cannot be read at all, when the context ends, or
// when emit fails.
func Read(ctx context.Context, name string, opt Options, emit func(*Article) error) error {
	kind, err := kindOption(opt.Kind)
	if err != nil {
		return err
	}
	rd := &reader{ctx: ctx, opt: opt, emit: emit, keys: map[string]int{}}
	switch {
	case name == "-" || name == "":
		in := opt.Stdin
		if in == nil {
			in = os.Stdin
		}
		return rd.read("-", kind, "", nil, in, 0)
	case isURL(name):
		b, ctype, u, err := fetch(ctx, name, opt)
		if err != nil {
			return err
		}
		if kind == "" {
			kind = kindOfType(ctype)
		}
		if kind == "" {
			kind = kindOfName(u.Path)
		}
		return rd.read(name, kind, ctype, u, bytes.NewReader(b), 0)
	default:
		if kind == "" {
			kind = kindOfName(name)
		}
		return rd.readFile(name, kind)
	}
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)
	}
	return b, nil
}

// fetch gets a URL's body, media type and final URL (after redirects).
func fetch(ctx context.Context, rawURL string, opt Options) ([]byte, string, *url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, "", nil, fmt.Errorf("fetch: %w", err)
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = "dyad (+https://github.com/dyadproject/dyad)"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := httpClient(timeout).Do(req)
	if err != nil {
		return nil, "", nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", nil, fmt.Errorf("fetch %s: %s", rawURL, resp.Status)
	}
	b, err := readLimited(resp.Body, opt.maxBytes())
	if err != nil {
		return nil, "", nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	return b, resp.Header.Get("Content-Type"), resp.Request.URL, nil
}

// maxRedirects is the most redirects a fetch follows.
const maxRedirects = 10

// errRedirects is returned when a URL redirects more than maxRedirects times.
var errRedirects = fmt.Errorf("more than %d redirects", maxRedirects)

// httpClient returns the client of one fetch: its whole exchange,
// redirects and body included, within timeout, and at most maxRedirects
// redirects.
func httpClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return errRedirects
			}
			return nil
		},
	}
}

// fromHTML replaces the article text with the main text of the page b
// (UTF-8), and reads its title, byline, canonical URL and publication
// time. The main text is go-readability's: go-trafilatura reads main text
// slightly better (F1 0.899 against 0.880 on its own page set) but its
// date library builds tables for every language when the program starts,
// 370 ms and 78 MB before any command runs (docs/sources.md).
func fromHTML(a *Article, b []byte, base *url.URL) (_ *Article, err error) {
	// A page that makes the extractor panic is one page that could not
	// be read, not a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: the page extractor failed: %v", a.Source, r)
		}
	}()
	if base == nil {
		base = &url.URL{}
	}
	page, err := readability.FromReader(bytes.NewReader(b), base)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.Source, err)
	}
	a.Title = strings.TrimSpace(page.Title())
	a.Author = strings.TrimSpace(page.Byline())
	if u := canonicalURL(b); u != "" {
		a.URL = u
	} else if a.URL == "" && base.IsAbs() {
		a.URL = base.String()
	}
	if t, err := page.PublishedTime(); err == nil && t.Year() > 1900 && t.Year() < 2200 {
		a.Published, a.PublishedFrom = stamp(t), "metadata"
	} else if ts, ok := timeElement(b); ok {
		a.Published, a.PublishedFrom = ts, "metadata"
	}
	var sb strings.Builder
	if err := page.RenderText(&sb); err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.Source, err)
	}
	a.Text = withTitle(a.Title, strings.TrimSpace(sb.String()))
	return a, nil
}

// canonicalURL returns the URL a page names as its own, in the head: its
// <link rel="canonical"> or else its og:url, when absolute.
func canonicalURL(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b[:min(len(b), 256<<10)]))
	og := ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return og
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return og
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if !hasAttr || string(name) != "link" && string(name) != "meta" {
				continue
			}
			attrs := map[string]string{}
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch {
			case string(name) == "link" && strings.EqualFold(attrs["rel"], "canonical") && isAbsURL(attrs["href"]):
				return attrs["href"]
			case string(name) == "meta" && attrs["property"] == "og:url" && isAbsURL(attrs["content"]) && og == "":
				og = attrs["content"]
			}
		}
	}
}

func isAbsURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// stamp turns a time read by another parser into a timestamp: the zone
// abbreviations that parser read as UTC get their offsets (see zones),
// and a time in the machine's local zone is one whose text named no zone.
func stamp(t time.Time) doc.Timestamp {
	ts := doc.Timestamp{Time: t, Clock: t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0, Zone: true}
	name, off := t.Zone()
	switch {
	case t.Location() == time.Local && time.Local != time.UTC:
		ts.Time, ts.Zone = wallIn(t, time.UTC), false
	case off == 0:
		if z, loc := zoneNamed(name); loc != nil && z.offset != 0 {
			ts.Time = wallIn(t, loc)
		}
	}
	return ts
}

// timeElement returns the time of the first <time datetime="…"> of a
// page that reads as a date or a timestamp.
func timeElement(b []byte) (doc.Timestamp, bool) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return doc.Timestamp{}, false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "time" || !hasAttr {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				if string(k) == "datetime" {
					if ts, _, err := ParseTime(string(v)); err == nil {
						return ts, true
					}
				}
				if !more {
					break
				}
			}
		}
	}
}

func looksHTML(b []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// toText returns b as a string, replacing invalid UTF-8 so that offsets
// always index valid text.
func toText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
