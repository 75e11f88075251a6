// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies (https://universaldependencies.org/format.html).
//
// Read turns a treebank into doc.Sentence values whose word spans are byte
// offsets into the sentence text rebuilt from the word forms and their
// SpaceAfter=No marks; Join lays sentences out as documents so that raw-text
// evaluation and training see real offsets.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// maxLine bounds one input line; a longer line is an error, not a crash.
const maxLine = 16 << 20

// Error is a problem with the input at a line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Read parses all sentences of r. Empty nodes (IDs such as 8.1) are
// skipped. Word spans are relative to the sentence's own text, which starts
// at offset 0; Sentence.Span covers it. Malformed input is reported as an
// *Error with the number of the offending line, together with the
// sentences read before it.
func Read(r io.Reader) ([]doc.Sentence, error) {
	var (
		out     []doc.Sentence
		cur     doc.Sentence
		started bool
		b       strings.Builder // rebuilt sentence text
		end     int             // end of the last token in b, before its trailing space
		lines   []int           // input line of each word of cur
		pending struct {        // a multiword token awaiting its words
			first, last int
			form        string
			noSpace     bool
			active      bool
			line        int
		}
		lineNo int
	)
	flush := func() error {
		defer func() {
			cur = doc.Sentence{}
			b.Reset()
			end = 0
			lines = lines[:0]
			started = false
			pending.active = false
		}()
		if !started {
			return nil
		}
		if pending.active {
			return &Error{pending.line, fmt.Sprintf("multiword token %d-%d %q ends after %d of its words",
				pending.first, pending.last, pending.form, len(cur.Words)-pending.first+1)}
		}
		for i, w := range cur.Words {
			if w.Head > len(cur.Words) {
				return &Error{lines[i], fmt.Sprintf("head %d beyond the %d words of the sentence", w.Head, len(cur.Words))}
			}
		}
		// The text is rebuilt from the words so that it always agrees
		// with the spans; "# text" is only a cross-check for validators.
		// It ends with the last token: a form may itself end in a space.
		cur.Text = b.String()[:end]
		cur.Span = doc.Span{Start: 0, End: len(cur.Text)}
		out = append(out, cur)
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			if err := flush(); err != nil {
				return out, err
			}
			continue
		}
		if line[0] == '#' {
			if started && (len(cur.Words) > 0 || len(cur.Multi) > 0) {
				return out, &Error{lineNo, "comment inside a sentence"}
			}
			started = true
			key, val, _ := strings.Cut(strings.TrimSpace(line[1:]), "=")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			switch {
			case key == "sent_id":
				cur.ID = val
			case strings.HasPrefix(key, "newdoc"):
				cur.NewDoc, cur.NewPar = true, true
			case strings.HasPrefix(key, "newpar"):
				cur.NewPar = true
			}
			continue
		}
		started = true
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return out, &Error{lineNo, fmt.Sprintf("%d columns, want 10", len(cols))}
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // empty node of the enhanced graph
		}
		noSpace := hasSpaceAfterNo(cols[9])
		if a, z, ok := strings.Cut(id, "-"); ok {
			if pending.active {
				return out, &Error{lineNo, fmt.Sprintf("multiword token %q starts inside multiword token %d-%d", id, pending.first, pending.last)}
			}
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(z)
			// A range covers at least two words; "2-2" would make a
			// token that Write cannot tell from a plain word.
			if err1 != nil || err2 != nil || first != len(cur.Words)+1 || last <= first || last-first > 64 {
				return out, &Error{lineNo, fmt.Sprintf("bad multiword token range %q", id)}
			}
			pending.first, pending.last, pending.form, pending.noSpace, pending.active, pending.line = first, last, cols[1], noSpace, true, lineNo
			cur.Multi = append(cur.Multi, doc.MultiToken{First: first - 1, Last: last, Form: cols[1]})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return out, &Error{lineNo, fmt.Sprintf("word id %q out of sequence", id)}
		}
		w := doc.Word{
			Form:   cols[1],
			Lemma:  unscore(cols[2], ""),
			UPOS:   unscore(cols[3], ""),
			XPOS:   unscore(cols[4], ""),
			Feats:  unscore(cols[5], ""),
			Deprel: unscore(cols[7], ""),
			Misc:   dropSpaceAfter(cols[9]),
			Head:   -1,
		}
		if cols[6] != "_" {
			h, err := strconv.Atoi(cols[6])
			if err != nil || h < 0 {
				return out, &Error{lineNo, fmt.Sprintf("bad head %q", cols[6])}
			}
			w.Head = h
		}
		lines = append(lines, lineNo)
		if pending.active {
			// A word of a multiword token (ids are checked to run on from
			// the range): its span is its part of the token when the word
			// forms spell the token, else the token.
			m := &cur.Multi[len(cur.Multi)-1]
			if n == pending.first {
				m.Span.Start = b.Len()
				b.WriteString(pending.form)
				m.Span.End = b.Len()
				end = b.Len()
				if !pending.noSpace {
					b.WriteByte(' ')
				}
			}
			w.Span = m.Span
			cur.Words = append(cur.Words, w)
			if n == pending.last {
				pending.active = false
				splitSpans(cur.Words[m.First:m.Last], m.Form, m.Span.Start)
			}
			continue
		}
		w.Span.Start = b.Len()
		b.WriteString(w.Form)
		w.Span.End = b.Len()
		end = b.Len()
		if !noSpace {
			b.WriteByte(' ')
		}
		cur.Words = append(cur.Words, w)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	if err := flush(); err != nil {
		return out, err
	}
	return out, nil
}

// splitSpans gives each word of a multiword token its own part of the token
// when the word forms concatenate to the token form.
func splitSpans(words []doc.Word, form string, start int) {
	var sb strings.Builder
	for _, w := range words {
		sb.WriteString(w.Form)
	}
	if sb.String() != form {
		return
	}
	off := start
	for i := range words {
		words[i].Span = doc.Span{Start: off, End: off + len(words[i].Form)}
		off += len(words[i].Form)
	}
}

func unscore(v, def string) string {
	if v == "_" {
		return def
	}
	return v
}

func hasSpaceAfterNo(misc string) bool {
	for f := range strings.SplitSeq(misc, "|") {
		if f == "SpaceAfter=No" {
			return true
		}
	}
	return false
}

func dropSpaceAfter(misc string) string {
	if misc == "_" || misc == "" {
		return ""
	}
	var keep []string
	for f := range strings.SplitSeq(misc, "|") {
		if f != "SpaceAfter=No" {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, "|")
}
