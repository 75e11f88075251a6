package source

import (
	"bytes"
	"compress/gzip"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// isWARC reports whether b is the start of a WARC file, plain or gzipped
// record by record (.warc.gz).
func isWARC(b []byte) bool {
	if isGzip(b) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return false
		}
		head := make([]byte, 5)
		n, _ := io.ReadFull(zr, head)
		b = head[:n]
	}
	return bytes.HasPrefix(b, []byte("WARC/"))
}

// isFeedType reports whether a media type is a feed's.
func isFeedType(mt string) bool {
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	}
	return false
}

// looksFeed reports whether b starts like an RSS, RDF or Atom document:
// its first element is <rss>, <rdf:RDF> or <feed>.
func looksFeed(b []byte) bool {
	root := rootElement(b)
	return tagAt(root, 0, "rss") || tagAt(root, 0, "rdf:RDF") || tagAt(root, 0, "feed")
}

// isTimeML reports whether b starts like a TimeML document: its first
// element is <TimeML>.
func isTimeML(b []byte) bool {
	return tagAt(rootElement(b), 0, "TimeML")
}

// rootElement returns b from its first element on, past a byte-order
// mark, the XML declaration, comments, processing instructions and a
// document type, looking at its first 4 KiB; nil when there is none.
func rootElement(b []byte) []byte {
	b = bytes.TrimPrefix(b[:min(len(b), 4096)], []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		end := ""
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			end = "?>"
		case bytes.HasPrefix(b, []byte("<!--")):
			end = "-->"
		case bytes.HasPrefix(b, []byte("<!")):
			end = ">"
		case bytes.HasPrefix(b, []byte("<")):
			return b
		default:
			return nil
		}
		i := bytes.Index(b, []byte(end))
		if i < 0 {
			return nil
		}
		b = b[i+len(end):]
	}
}

// decodeHTML returns a page as UTF-8. The charset is the one the HTTP
// Content-Type, a byte-order mark or the page's <meta> declares; with no
// declaration, a page that is valid UTF-8 is taken as UTF-8 and any other
// as windows-1252, the encoding of most undeclared Western pages (the
// WHATWG default).
func decodeHTML(b []byte, ctype string) []byte {
	enc, name, certain := charset.DetermineEncoding(b, ctype)
	if name == "utf-8" || !certain && name == "windows-1252" && utf8.Valid(b) {
		return b
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return b
	}
	return out
}
