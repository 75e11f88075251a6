package source

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/dyadproject/dyad/internal/doc"
)

// isReuters reports whether b starts like Reuters-21578 SGML: the lewis
// document type or a REUTERS record.
func isReuters(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	const doctype = "<!doctype lewis"
	return len(b) >= len(doctype) && bytes.EqualFold(b[:len(doctype)], []byte(doctype)) || tagAt(b, 0, "REUTERS")
}

// readSGML reads Reuters-21578 SGML: one article per <REUTERS> record,
// keyed by its NEWID, with its <TITLE>, its <DATELINE> and <BODY> as
// text, its <AUTHOR>, and its <DATE> as the publication time. A record
// with no BODY (Reuters' BRIEF and UNPROC stories) keeps its title, or
// else the text of its TEXT, as text. A record left open (no
// </REUTERS>) ends where the next one starts, with a warning.
func (rd *reader) readSGML(key string, b []byte) error {
	n := 0
	for {
		i := indexTag(b, 0, "REUTERS")
		if i < 0 {
			return nil
		}
		b = b[i:]
		n++
		next := indexTag(b, 1, "REUTERS")
		upto := b
		if next >= 0 {
			upto = b[:next]
		}
		end := bytes.Index(upto, []byte("</REUTERS>"))
		var rec []byte
		closed := end >= 0
		switch {
		case closed:
			rec, b = b[:end], b[end+len("</REUTERS>"):]
		case next >= 0:
			rec, b = b[:next], b[next:]
		default:
			rec, b = b, nil
		}
		if err := rd.send(reutersArticle(key, n, rec, closed)); err != nil {
			return err
		}
	}
}

// reutersArticle makes the article of record n, rec being the record
// from its <REUTERS tag to its end tag (excluded).
func reutersArticle(key string, n int, rec []byte, closed bool) *Article {
	open, inner := rec, []byte(nil)
	if i := bytes.IndexByte(rec, '>'); i >= 0 {
		open, inner = rec[:i], rec[i+1:]
	}
	if !utf8.Valid(inner) { // one byte of the collection is Latin-1
		if b, err := charmap.Windows1252.NewDecoder().Bytes(inner); err == nil {
			inner = b
		}
	}
	id := strings.ToValidUTF8(attr(open, "NEWID"), "\uFFFD")
	a := &Article{Source: recordKey(key, id, n), ID: id}
	if !closed {
		a.Warnings = append(a.Warnings, fmt.Sprintf("record %d: no </REUTERS>, read to the next record", n))
	}
	a.Title = sgmlText(element(inner, "TITLE"))
	a.Author = strings.TrimSpace(strings.TrimPrefix(sgmlText(element(inner, "AUTHOR")), "By "))
	if body, ok := elementOK(inner, "BODY"); ok {
		text := reflow(sgmlText(body))
		if dl := sgmlText(element(inner, "DATELINE")); dl != "" {
			text = dl + " " + text
		}
		a.Text = withTitle(a.Title, text)
	} else if a.Title != "" {
		a.Text = a.Title
	} else {
		a.Text = reflow(sgmlText(stripTags(element(inner, "TEXT"))))
	}
	if a.Text == "" {
		a.Warnings = append(a.Warnings, "no text")
	}
	if d := element(inner, "DATE"); d != "" {
		ts, warns := reutersDate(d)
		if !ts.IsZero() {
			a.Published, a.PublishedFrom = ts, "record"
		}
		a.Warnings = append(a.Warnings, warns...)
	}
	return a
}

// reutersDate reads a record's DATE ("26-FEB-1987 15:01:01.79", at times
// with more spaces or wire codes after it). Its zone is not stated.
func reutersDate(s string) (doc.Timestamp, []string) {
	s = sgmlText(s)
	if f := strings.Fields(s); len(f) >= 2 {
		clock := f[1]
		if i := strings.IndexFunc(clock, func(r rune) bool { return r != ':' && (r < '0' || r > '9') }); i >= 0 {
			clock = clock[:i]
		}
		t, err := time.Parse("2-Jan-2006 15:04:05", f[0]+" "+clock)
		if y := t.Year(); err == nil && y >= 1900 && y < 2200 {
			return doc.Timestamp{Time: t, Clock: true}, nil
		}
		t, err = time.Parse("2-Jan-2006", f[0])
		if y := t.Year(); err == nil && y >= 1900 && y < 2200 {
			return doc.Timestamp{Time: t}, []string{fmt.Sprintf("DATE %q: no time of day read, the day kept", s)}
		}
	}
	return ReadPublished("DATE", s)
}

// tagAt reports whether an element name starts at b[i]: "<NAME" then a
// space, ">" or the end.
func tagAt(b []byte, i int, name string) bool {
	if i+1+len(name) > len(b) || b[i] != '<' || string(b[i+1:i+1+len(name)]) != name {
		return false
	}
	j := i + 1 + len(name)
	return j == len(b) || strings.IndexByte(" \t\r\n>", b[j]) >= 0
}

// indexTag returns the index of the first start tag of name in b at or
// after from, or -1.
func indexTag(b []byte, from int, name string) int {
	for i := from; i < len(b); {
		j := bytes.Index(b[i:], []byte("<"+name))
		if j < 0 {
			return -1
		}
		if tagAt(b, i+j, name) {
			return i + j
		}
		i += j + 1
	}
	return -1
}

// element returns the content of the first element name of b: up to its
// end tag, or when it has none to the next tag or the end of b.
func element(b []byte, name string) string {
	s, _ := elementOK(b, name)
	return s
}

func elementOK(b []byte, name string) (string, bool) {
	i := indexTag(b, 0, name)
	if i < 0 {
		return "", false
	}
	b = b[i:]
	j := bytes.IndexByte(b, '>')
	if j < 0 {
		return "", true
	}
	b = b[j+1:]
	if k := bytes.Index(b, []byte("</"+name+">")); k >= 0 {
		b = b[:k]
	} else if k := bytes.IndexByte(b, '<'); k >= 0 {
		b = b[:k]
	}
	return string(b), true
}

// attr returns the value of the attribute name="…" of a start tag.
func attr(tag []byte, name string) string {
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(name+`="`))
		if j < 0 {
			return ""
		}
		j += i
		if j == 0 || strings.IndexByte(" \t\r\n", tag[j-1]) >= 0 {
			v := tag[j+len(name)+2:]
			if k := bytes.IndexByte(v, '"'); k >= 0 {
				return string(v[:k])
			}
			return ""
		}
		i = j + 1
	}
}

// stripTags removes the tags of an SGML fragment.
func stripTags(s string) string {
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return sb.String()
		}
		s = s[i+j+1:]
	}
}

// sgmlText decodes the entities of SGML text and drops the control
// characters the wire used as markers (&#2; &#3; &#5; …), but for line
// breaks and tabs.
func sgmlText(s string) string {
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// reflow joins the lines of wire copy into paragraphs: a line that starts
// with a space starts a paragraph, as does one after a blank line. The
// closing "Reuter" line is dropped.
func reflow(s string) string {
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || line[0] == ' ' || line[0] == '\t' {
			flush()
		}
		if t != "" {
			cur = append(cur, t)
		}
	}
	flush()
	if k := len(paras) - 1; k >= 0 && strings.EqualFold(paras[k], "reuter") {
		paras = paras[:k]
	}
	return strings.Join(paras, "\n\n")
}
