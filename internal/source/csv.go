package source

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readCSV reads a CSV file of articles, streamed: a header row names the
// columns (see aliases), and each row after it is an article. Quotes are
// read leniently and quoted fields may span lines. A row with more or
// fewer fields than the header is read with a warning; a row that cannot
// be parsed is an article with no text and a warning. A file with
// neither a text nor a title column is an error.
func (rd *reader) readCSV(key string, br *bufio.Reader) error {
	skipBOM(br)
	lim := &recordLimit{r: br, max: rd.opt.maxBytes()}
	cr := csv.NewReader(lim)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: header: %w", key, err)
	}
	cols := columns(header)
	if cols[fieldText] < 0 && cols[fieldTitle] < 0 {
		return fmt.Errorf("read %s: no text column in the header %q (want one of %s)", key, header, strings.Join(aliases[fieldText], ", "))
	}
	for n := 1; ; n++ {
		start := cr.InputOffset()
		lim.mark = start
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && cr.InputOffset() > start:
			if err := rd.fail(recordKey(key, "", n), "record %d: %v, skipped", n, err); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("read %s: record %d: %w", key, n, err)
		}
		var warns []string
		if len(row) != len(header) {
			line, _ := cr.FieldPos(0)
			warns = append(warns, fmt.Sprintf("record %d (line %d): %d fields, the header has %d", n, line, len(row), len(header)))
		}
		var rec record
		for f, i := range cols {
			if i >= 0 && i < len(row) {
				rec.val[f], rec.name[f] = strings.TrimSpace(row[i]), header[i]
			}
		}
		if err := rd.send(recordArticle(key, n, false, &rec, warns)); err != nil {
			return err
		}
	}
}

// recordLimit reads from r and fails once more than max bytes (and what
// a reader buffers ahead) have been read past mark, the offset where the
// record being read starts: no one record of a stream holds much more
// than the size limit in memory.
// readAhead is what a record reader may buffer past a record's end.
const readAhead = 64 << 10

type recordLimit struct {
	r               io.Reader
	max, mark, read int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.read-l.mark > l.max+readAhead {
		return 0, fmt.Errorf("a record %w (%d bytes)", ErrTooLarge, l.max)
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}
