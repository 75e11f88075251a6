package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readJSON reads articles as JSON: JSON Lines (one object per line) when
// the kind is jsonl or the first line is a whole object with more after
// it, else one JSON document, an object (one article) or an array of
// objects. Its fields are those of aliases.
func (rd *reader) readJSON(key, kind string, br *bufio.Reader) error {
	if kind != kindJSONL {
		head, _ := br.Peek(br.Size())
		if !looksJSONLines(head) {
			b, err := readLimited(br, rd.opt.maxBytes())
			if err != nil {
				return fmt.Errorf("read %s: %w", key, err)
			}
			return rd.readJSONDoc(key, b)
		}
	}
	return rd.readJSONLines(key, br)
}

// readJSONDoc reads a JSON document held whole: an object is one article
// named key, an array one article per element. Anything else is read as
// JSON Lines.
func (rd *reader) readJSONDoc(key string, b []byte) error {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	switch {
	case len(t) == 0:
		return nil
	case t[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(t, &items); err != nil {
			return fmt.Errorf("read %s: not a JSON array of articles: %w", key, err)
		}
		for i, it := range items {
			if err := rd.sendJSON(key, "record", i+1, false, it); err != nil {
				return err
			}
		}
		return nil
	case t[0] == '{' && json.Valid(t):
		return rd.sendJSON(key, "record", 1, true, t)
	}
	return rd.readJSONLines(key, bufio.NewReader(bytes.NewReader(b)))
}

// readJSONLines reads JSON Lines, streamed: one article per non-blank
// line; a line that is not a JSON object, or that is over the size
// limit, is an article with no text and a warning.
func (rd *reader) readJSONLines(key string, br *bufio.Reader) error {
	skipBOM(br)
	max := rd.opt.maxBytes()
	for n := 1; ; n++ {
		line, long, err := readLine(br, max)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read %s: line %d: %w", key, n, err)
		}
		switch {
		case long:
			if err := rd.fail(recordKey(key, "", n), "line %d: %v (%d bytes)", n, ErrTooLarge, max); err != nil {
				return err
			}
		case len(bytes.TrimSpace(line)) > 0:
			if err := rd.sendJSON(key, "line", n, false, line); err != nil {
				return err
			}
		}
		if err != nil {
			return nil // io.EOF
		}
	}
}

// skipBOM passes over a UTF-8 byte-order mark.
func skipBOM(br *bufio.Reader) {
	if bom, _ := br.Peek(3); string(bom) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
}

// readLine returns the next line of br without its line ending. A line
// longer than max is passed over: long is true and line empty.
func readLine(br *bufio.Reader, max int64) (line []byte, long bool, err error) {
	var buf []byte
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			if int64(len(buf)+len(frag)) > max+2 {
				long, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if long {
			return nil, true, err
		}
		return bytes.TrimRight(buf, "\r\n"), false, err
	}
}

// sendJSON sends the article of one JSON object, the record n (a line or
// an array element, as unit says) of the file key.
func (rd *reader) sendJSON(key, unit string, n int, one bool, raw []byte) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		msg := "not a JSON object"
		var se *json.SyntaxError
		if errors.As(err, &se) {
			msg = "not JSON: " + se.Error()
		}
		return rd.fail(recordKey(key, "", n), "%s %d: %s, skipped", unit, n, msg)
	}
	lower := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, dup := lower[lk]; !dup || k == lk {
			lower[lk] = v
		}
	}
	var r record
	for f, names := range aliases {
		for _, name := range names {
			if s := jsonString(lower[name]); s != "" {
				r.val[f], r.name[f] = s, name
				break
			}
		}
	}
	return rd.send(recordArticle(key, n, one, &r, nil))
}

// jsonString returns a JSON value as text: a string, a number as
// written, the strings (or the "name"s of the objects) of an array
// joined with commas, and "" for anything else.
func jsonString(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch c := v[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return strings.TrimSpace(s)
		}
	case c == '-' || c >= '0' && c <= '9':
		return string(v)
	case c == '[':
		var items []json.RawMessage
		if json.Unmarshal(v, &items) != nil {
			return ""
		}
		var parts []string
		for _, it := range items {
			s := jsonString(it)
			if s == "" && bytes.HasPrefix(bytes.TrimSpace(it), []byte("{")) {
				var o struct{ Name json.RawMessage }
				if json.Unmarshal(it, &o) == nil {
					s = jsonString(o.Name)
				}
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// looksJSON reports whether b starts like JSON articles: an object with
// a quoted name first, or an array of objects.
func looksJSON(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) == 0 || b[0] != '{' && b[0] != '[' {
		return false
	}
	rest := bytes.TrimLeft(b[1:], " \t\r\n")
	if b[0] == '{' {
		return len(rest) > 0 && (rest[0] == '"' || rest[0] == '}')
	}
	return len(rest) > 0 && (rest[0] == '{' || rest[0] == ']')
}

// looksJSONLines reports whether b, the start of a JSON source, is JSON
// Lines: a first line that is a whole object, and more after it.
func looksJSONLines(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	i := bytes.IndexByte(b, '\n')
	return len(b) > 0 && b[0] == '{' && i > 0 && json.Valid(b[:i]) && len(bytes.TrimSpace(b[i:])) > 0
}

// looksJSONFeed reports whether b starts like a JSON Feed: an object
// whose version names jsonfeed.org.
func looksJSONFeed(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && bytes.Contains(b[:min(len(b), 4096)], []byte("jsonfeed.org/version"))
}
