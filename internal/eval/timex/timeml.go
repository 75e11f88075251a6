// Package timexeval scores time-expression recognition and normalization
// (internal/timex) on TimeML gold suites of the data folder, the way the
// TempEval-3 entity scorer does: TempEval-3 platinum, the AQUAINT and
// TimeBank training corpora, and the TIMEX3 conversion of WikiWars
// (docs/timex.md, "Evaluation").
package timexeval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

// Doc is one TimeML document: its creation time, the raw text of its
// <TEXT> element and the gold TIMEX3 of that text.
type Doc struct {
	ID string // the <DOCID>, else the file name without extension
	// DCT is the document creation time, the value of the TIMEX3 whose
	// functionInDocument is CREATION_TIME (input to the tagger, not
	// scored); zero when the document has none or it is not a date.
	DCT      time.Time
	DCTValue string // the TIMEX3 value as written ("2013-03-22")
	// Text is the content of <TEXT> with every tag removed and XML
	// entities decoded (line ends normalized to \n, as XML does).
	Text   string
	Timexs []Timex // in order of position
}

// Timex is one gold TIMEX3 of a document's text.
type Timex struct {
	TID   string   `json:"tid,omitempty"`
	Span  doc.Span `json:"span"` // bytes of the expression in Doc.Text
	Text  string   `json:"text"`
	Type  string   `json:"type"`
	Value string   `json:"value"`
	Mod   string   `json:"mod,omitempty"`
}

// ReadTimeMLFile reads a TimeML file; documents without <DOCID> are named
// after the file.
func ReadTimeMLFile(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read TimeML: %w", err)
	}
	defer f.Close()
	d, err := ReadTimeML(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if d.ID == "" {
		d.ID = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return d, nil
}

// ReadTimeML reads one TimeML document with a token-level XML decoder.
// The raw text is the character data inside <TEXT> (the tags of EVENT,
// SIGNAL, TIMEX3 and any other element dropped); each TIMEX3 inside
// <TEXT> becomes a gold Timex whose span is measured in that decoded
// text. TIMEX3 with no text (anchors of durations) are not expressions of
// the text and are left out, as TempEval-3 leaves them out. Entities are
// decoded (HTML entity names are accepted too).
func ReadTimeML(r io.Reader) (*Doc, error) {
	dec := xml.NewDecoder(r)
	dec.Entity = xml.HTMLEntity
	var (
		d        Doc
		text     strings.Builder
		stack    []string // open element names
		inText   bool     // inside <TEXT>
		sawText  bool
		docID    strings.Builder
		open     []Timex // TIMEX3 open inside <TEXT>
		dctValue string
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("TimeML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			switch {
			case name == "TEXT" && !inText:
				if sawText {
					return nil, errors.New("TimeML: more than one <TEXT>")
				}
				inText, sawText = true, true
			case name == "TIMEX3" && inText:
				open = append(open, Timex{
					TID: attr(t, "tid"), Type: attr(t, "type"), Value: attr(t, "value"), Mod: attr(t, "mod"),
					Span: doc.Span{Start: text.Len()},
				})
			case name == "TIMEX3" && dctValue == "" &&
				(attr(t, "functionInDocument") == "CREATION_TIME" || parentIs(stack, "DCT")):
				dctValue = attr(t, "value")
			}
		case xml.EndElement:
			name := t.Name.Local
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch {
			case name == "TEXT" && inText && !contains(stack, "TEXT"):
				inText = false
			case name == "TIMEX3" && inText && len(open) > 0:
				x := open[len(open)-1]
				open = open[:len(open)-1]
				x.Span.End = text.Len()
				x.Text = text.String()[x.Span.Start:x.Span.End]
				if strings.TrimSpace(x.Text) != "" {
					d.Timexs = append(d.Timexs, x)
				}
			}
		case xml.CharData:
			switch {
			case inText:
				text.Write(t)
			case len(stack) > 0 && stack[len(stack)-1] == "DOCID":
				docID.Write(t)
			}
		}
	}
	if !sawText {
		return nil, errors.New("TimeML: no <TEXT> element")
	}
	d.ID = strings.TrimSpace(docID.String())
	d.Text = text.String()
	d.DCTValue = strings.TrimSpace(dctValue)
	d.DCT = parseDCT(d.DCTValue)
	// Nested TIMEX3 close before the one holding them: order by position.
	sortTimexs(d.Timexs)
	return &d, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// parentIs reports whether the element just opened (the top of stack)
// sits directly in an element named name.
func parentIs(stack []string, name string) bool {
	return len(stack) >= 2 && stack[len(stack)-2] == name
}

func contains(stack []string, name string) bool {
	for _, s := range stack {
		if s == name {
			return true
		}
	}
	return false
}

// parseDCT reads a TIMEX3 date or date-time value ("2013-03-22",
// "1998-02-27T10:30", "1998-02-27T10:30:00"); anything else is zero.
func parseDCT(v string) time.Time {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	if len(v) > 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// sortTimexs orders expressions by start, the longer first.
func sortTimexs(xs []Timex) {
	slices.SortStableFunc(xs, func(a, b Timex) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.End - a.Span.End
	})
}
