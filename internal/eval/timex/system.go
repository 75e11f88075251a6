package timexeval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

// SystemRecord is one line of an outside system's output, the input of
// `dyad eval timex --system FILE`: one time expression of one document of
// the suite, its extent in bytes of the document's raw text (Doc.Text,
// the text ExportDocs writes), its TIMEX3 type and value, and an optional
// mod.
type SystemRecord struct {
	Doc   string `json:"doc"`   // the document's name (Doc.ID, as docs.jsonl gives it)
	Start int    `json:"start"` // first byte of the expression
	End   int    `json:"end"`   // byte after the last one
	Type  string `json:"type"`  // DATE, TIME, DURATION or SET
	Value string `json:"value"` // TIMEX3 value ("2013-03-22", "P1M")
	Mod   string `json:"mod,omitempty"`
}

// ExportRecord is one line of docs.jsonl, written by ExportDocs: the name
// of a document, its creation time as its TIMEX3 value ("2013-03-22",
// "1998-02-27T10:30:00") and the file, in the same folder, that holds its
// raw text.
type ExportRecord struct {
	Doc  string `json:"doc"`
	DCT  string `json:"dct"`
	File string `json:"file"`
}

// maxSystemLine bounds one line of a system file.
const maxSystemLine = 1 << 20

// ReadSystem reads an outside system's expressions, one JSON object a
// line (SystemRecord; blank lines are skipped), and checks each against
// the suite's documents: the document must be one of docs, the extent
// must lie inside its text, be non-empty and fall on UTF-8 character
// boundaries, and the type must be a TIMEX3 type. The result maps each
// document name to its expressions, in the file's order.
func ReadSystem(r io.Reader, docs []*Doc) (map[string][]Timex, error) {
	byID := make(map[string]*Doc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	out := map[string][]Timex{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxSystemLine)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec SystemRecord
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, fmt.Errorf("system line %d: %w", n, err)
		}
		x, err := rec.check(byID)
		if err != nil {
			return nil, fmt.Errorf("system line %d: %w", n, err)
		}
		out[rec.Doc] = append(out[rec.Doc], x)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("system file: %w", err)
	}
	return out, nil
}

// check validates a record against the suite and returns the scorer's
// view of it.
func (rec SystemRecord) check(byID map[string]*Doc) (Timex, error) {
	d, ok := byID[rec.Doc]
	if !ok {
		return Timex{}, fmt.Errorf("document %q is not in the suite", rec.Doc)
	}
	if rec.Start < 0 || rec.End > len(d.Text) || rec.Start >= rec.End {
		return Timex{}, fmt.Errorf("%s: extent %d-%d outside the text (0-%d) or empty", rec.Doc, rec.Start, rec.End, len(d.Text))
	}
	if !boundary(d.Text, rec.Start) || !boundary(d.Text, rec.End) {
		return Timex{}, fmt.Errorf("%s: extent %d-%d splits a UTF-8 character (offsets are bytes)", rec.Doc, rec.Start, rec.End)
	}
	switch rec.Type {
	case "DATE", "TIME", "DURATION", "SET":
	default:
		return Timex{}, fmt.Errorf("%s %d-%d: type %q, want DATE, TIME, DURATION or SET", rec.Doc, rec.Start, rec.End, rec.Type)
	}
	span := doc.Span{Start: rec.Start, End: rec.End}
	return Timex{Span: span, Text: d.Text[span.Start:span.End], Type: rec.Type, Value: rec.Value, Mod: rec.Mod}, nil
}

// boundary reports whether byte offset i of s starts a character (or is
// the end of s).
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// ScoreSystem scores an outside system's expressions (ReadSystem) on the
// suite's documents with the scorer ScoreDocs uses; a document the system
// gave nothing for counts its gold expressions as missed.
func ScoreSystem(ctx context.Context, suite string, docs []*Doc, sys map[string][]Timex) (*Result, error) {
	return score(ctx, suite, docs, func(d *Doc) []Timex { return sys[d.ID] })
}

// ExportDocs writes each document's raw text, exactly the text the scorer
// measures extents in, to dir/<doc>.txt, and dir/docs.jsonl with one
// ExportRecord a line, in the suite's order, so that an outside system
// reads the same text and creation time as dyad. dir is created when
// missing; document names that are not plain file names, or that repeat,
// are an error.
func ExportDocs(dir string, docs []*Doc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export docs: %w", err)
	}
	var index bytes.Buffer
	enc := json.NewEncoder(&index)
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		if err := checkDocName(d.ID); err != nil {
			return fmt.Errorf("export docs: %w", err)
		}
		if seen[d.ID] {
			return fmt.Errorf("export docs: document %q appears twice", d.ID)
		}
		seen[d.ID] = true
		file := d.ID + ".txt"
		if err := os.WriteFile(filepath.Join(dir, file), []byte(d.Text), 0o644); err != nil {
			return fmt.Errorf("export docs: %w", err)
		}
		if err := enc.Encode(ExportRecord{Doc: d.ID, DCT: d.DCTValue, File: file}); err != nil {
			return fmt.Errorf("export docs: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "docs.jsonl"), index.Bytes(), 0o644); err != nil {
		return fmt.Errorf("export docs: %w", err)
	}
	return nil
}

// checkDocName refuses document names that cannot be a file name of
// their own.
func checkDocName(id string) error {
	switch {
	case id == "", id == ".", id == "..":
		return fmt.Errorf("document name %q is not a file name", id)
	case strings.ContainsAny(id, `/\`+"\x00"):
		return fmt.Errorf("document name %q holds a path separator", id)
	}
	return nil
}
