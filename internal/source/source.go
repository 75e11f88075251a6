// Package source reads the article a user names: standard input ("-"), a
// file, or an http(s) URL. Web pages are reduced to their main text with
// go-readability; other content is read as text.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// Article is a text to analyze and where it came from.
type Article struct {
	Source string // the name the user gave: "-", a path or a URL
	Title  string // from the page, when known
	Text   string
	// Published is when a web page says it was published (its
	// article:published_time or JSON-LD datePublished metadata, else its
	// first <time datetime>), in the page's own time zone; zero when it
	// says nothing.
	Published time.Time
}

// Options limit what is read.
type Options struct {
	MaxBytes  int64         // the most bytes read from any source; 0 means 256 MiB
	Timeout   time.Duration // for a URL; 0 means 30 s
	UserAgent string
	Stdin     io.Reader // for "-"; nil means os.Stdin
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 256 << 20
}

// ErrTooLarge is returned when a source exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("input exceeds the size limit")

// Open reads the article named by name.
func Open(ctx context.Context, name string, opt Options) (*Article, error) {
	switch {
	case name == "-" || name == "":
		in := opt.Stdin
		if in == nil {
			in = os.Stdin
		}
		b, err := readLimited(in, opt.maxBytes())
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return &Article{Source: "-", Text: toText(b)}, nil
	case strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://"):
		return fetch(ctx, name, opt)
	default:
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		b, err := readLimited(f, opt.maxBytes())
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		a := &Article{Source: name, Text: toText(b)}
		if isHTMLName(name) || looksHTML(b) {
			return fromHTML(a, b, nil)
		}
		return a, nil
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

func fetch(ctx context.Context, rawURL string, opt Options) (*Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = "dyad (+https://github.com/dyadproject/dyad)"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", rawURL, resp.Status)
	}
	b, err := readLimited(resp.Body, opt.maxBytes())
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	a := &Article{Source: rawURL, Text: toText(b)}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt == "text/html" || mt == "application/xhtml+xml" || (mt == "" && looksHTML(b)) {
		return fromHTML(a, b, resp.Request.URL)
	}
	return a, nil
}

// fromHTML replaces the article text with the page's main text.
func fromHTML(a *Article, b []byte, base *url.URL) (*Article, error) {
	if base == nil {
		base = &url.URL{}
	}
	page, err := readability.FromReader(bytes.NewReader(b), base)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.Source, err)
	}
	a.Title = page.Title()
	if t, err := page.PublishedTime(); err == nil && t.Year() > 1900 && t.Year() < 2200 {
		a.Published = t
	} else if t, ok := timeElement(b); ok {
		a.Published = t
	}
	var sb strings.Builder
	if err := page.RenderText(&sb); err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.Source, err)
	}
	text := strings.TrimSpace(sb.String())
	if a.Title != "" && !strings.HasPrefix(text, a.Title) {
		text = a.Title + "\n\n" + text
	}
	a.Text = text
	return a, nil
}

// timeElement returns the time of the first <time datetime="…"> of a
// page that reads as a date or a timestamp.
func timeElement(b []byte) (time.Time, bool) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return time.Time{}, false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "time" || !hasAttr {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				if string(k) == "datetime" {
					for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
						if t, err := time.Parse(layout, strings.TrimSpace(string(v))); err == nil && t.Year() > 1900 && t.Year() < 2200 {
							return t, true
						}
					}
				}
				if !more {
					break
				}
			}
		}
	}
}

func isHTMLName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".xhtml")
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
