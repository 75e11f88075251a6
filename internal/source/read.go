package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// The kinds a name, a media type or Options.Kind tells where the content
// does not.
const (
	kindJSONL = "jsonl"
	kindJSON  = "json"
	kindCSV   = "csv"
	kindHTML  = "html"
)

// maxDepth is how many containers (gzip, zip) deep a source is read.
const maxDepth = 2

// reader reads the sources of one Read call.
type reader struct {
	ctx  context.Context
	opt  Options
	emit func(*Article) error
	keys map[string]int // the articles sent under each key
	// stop is the first error emit returned: it ends the whole Read,
	// where other errors inside an archive end only one member.
	stop error
}

// readFile reads a file: a zip archive in place, anything else as a
// stream.
func (rd *reader) readFile(name, kind string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("read %s: a folder (list its files with Files)", name)
	}
	var magic [4]byte
	if n, _ := f.ReadAt(magic[:], 0); isZip(magic[:n]) {
		return rd.readZip(name, f, st.Size())
	}
	return rd.read(name, kind, "", nil, f, 0)
}

// read reads one source from r: key names its articles, kind is what its
// name, media type or Options.Kind tells ("" for nothing), ctype its
// media type, base its URL (nil for a file), and depth how many
// containers (gzip, zip) it is inside. WARC archives, JSON Lines and CSV
// are streamed; anything else is read whole, up to the size limit.
func (rd *reader) read(key, kind, ctype string, base *url.URL, r io.Reader, depth int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	switch {
	case isWARC(head):
		return readWARC(rd.ctx, key, br, rd.opt, rd.send)
	case isGzip(head) || isZip(head):
		if depth >= maxDepth || isZip(head) && depth > 0 {
			return fmt.Errorf("read %s: an archive inside an archive is not read", key)
		}
		if isZip(head) {
			b, err := readLimited(br, rd.opt.maxBytes())
			if err != nil {
				return fmt.Errorf("read %s: %w", key, err)
			}
			return rd.readZip(key, bytes.NewReader(b), int64(len(b)))
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", key, err)
		}
		defer zr.Close()
		return rd.read(key, kind, ctype, base, zr, depth+1)
	case kind == kindCSV:
		return rd.readCSV(key, br)
	case (kind == kindJSONL || kind == kindJSON || kind == "" && looksJSON(head)) && !looksJSONFeed(head):
		return rd.readJSON(key, kind, br)
	}
	b, err := readLimited(br, rd.opt.maxBytes())
	if err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case isFeedType(mt) || looksFeed(b) || looksJSONFeed(b):
		return readFeed(rd.ctx, key, b, rd.opt, rd.send)
	case isReuters(b):
		return rd.readSGML(key, b)
	case isTimeML(b):
		return rd.send(readTimeML(key, b))
	}
	a := &Article{Source: key}
	if base != nil {
		a.URL = base.String()
	}
	if kind == kindHTML || (mt == "" || mt == "text/plain") && looksHTML(b) {
		if _, err := fromHTML(a, decodeHTML(b, ctype), base); err != nil {
			a.Text, a.Warnings = "", append(a.Warnings, err.Error()) // a page with no main text
		}
		return rd.send(a)
	}
	a.Text = toText(b)
	if a.URL == "" {
		a.URL, a.Text = urlLine(a.Text)
	}
	return rd.send(a)
}

// urlLine splits off a text's first line when that line is an http(s)
// URL alone, as in saved articles that note where they came from: the
// URL and the text after it; else "" and the text.
func urlLine(text string) (string, string) {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if !isURL(first) || strings.ContainsAny(first, " \t") || strings.TrimSpace(rest) == "" {
		return "", text
	}
	if u, err := url.Parse(first); err != nil || u.Host == "" {
		return "", text
	}
	return first, strings.TrimSpace(rest)
}

// send passes an article to emit under a key not used before in this
// Read: a key met again gets #2, #3… in reading order.
func (rd *reader) send(a *Article) error {
	if err := rd.ctx.Err(); err != nil {
		return err
	}
	a.Source = rd.uniqueKey(a.Source)
	if err := rd.emit(a); err != nil {
		rd.stop = err
		return err
	}
	return nil
}

func (rd *reader) uniqueKey(k string) string {
	n := rd.keys[k]
	rd.keys[k] = n + 1
	if n == 0 {
		return k
	}
	for i := n + 1; ; i++ {
		alt := k + "#" + strconv.Itoa(i)
		if rd.keys[alt] == 0 {
			rd.keys[alt] = 1
			return alt
		}
	}
}

// fail sends the article of a record or member that could not be read:
// no text, and a warning that says why.
func (rd *reader) fail(key, format string, args ...any) error {
	return rd.send(&Article{Source: key, Warnings: []string{fmt.Sprintf(format, args...)}})
}

// stopped reports whether err ends the whole Read: emit failed or the
// context ended.
func (rd *reader) stopped(err error) bool {
	return rd.stop != nil || rd.ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// kindOption checks Options.Kind.
func kindOption(k string) (string, error) {
	switch k {
	case "", kindJSONL, kindJSON, kindCSV, kindHTML:
		return k, nil
	}
	return "", fmt.Errorf("kind %q: want jsonl, json, csv, html or none", k)
}

// kindOfName returns the kind a file name's ending tells, a .gz ending
// aside, or "".
func kindOfName(name string) string {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch n[strings.LastIndexByte(n, '.')+1:] {
	case "jsonl", "ndjson":
		return kindJSONL
	case "json":
		return kindJSON
	case "csv":
		return kindCSV
	case "html", "htm", "xhtml":
		return kindHTML
	}
	return ""
}

// kindOfType returns the kind a media type tells, or "".
func kindOfType(ctype string) string {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return kindJSONL
	case "application/json":
		return kindJSON
	case "text/csv":
		return kindCSV
	case "text/html", "application/xhtml+xml":
		return kindHTML
	}
	return ""
}

func isURL(name string) bool {
	return strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://")
}

// withTitle returns text with the title before it, unless it starts
// with the title already.
func withTitle(title, text string) string {
	if title == "" || strings.HasPrefix(text, title) {
		return text
	}
	return strings.TrimSpace(title + "\n\n" + text)
}
