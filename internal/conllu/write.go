package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/dyadproject/dyad/internal/doc"
)

// Write prints the sentences of d in CoNLL-U. SpaceAfter=No is derived from
// the spans: a token is followed by no space when the next token starts
// where it ends. A sentence whose multiword tokens do not cover consecutive
// words in order is reported as an error before anything of it is written.
func Write(w io.Writer, d *doc.Document) error {
	bw := bufio.NewWriter(w)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		toks, err := tokens(s)
		if err != nil {
			bw.Flush()
			return fmt.Errorf("conllu: writing sentence %d (%s): %w", si+1, s.ID, err)
		}
		if si == 0 && d.ID != "" {
			fmt.Fprintf(bw, "# newdoc id = %s\n", oneLine(d.ID))
		}
		if s.NewPar && si > 0 {
			bw.WriteString("# newpar\n")
		}
		id := s.ID
		if id == "" {
			id = strconv.Itoa(si + 1)
		}
		fmt.Fprintf(bw, "# sent_id = %s\n", oneLine(id))
		fmt.Fprintf(bw, "# text = %s\n", oneLine(sentenceText(d.Text, s)))
		for ti, t := range toks {
			misc := ""
			if ti+1 < len(toks) && toks[ti+1].span.Start == t.span.End {
				misc = "SpaceAfter=No"
			}
			if t.last-t.first > 1 {
				fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", t.first+1, t.last, field(t.form), field(misc))
				misc = ""
			}
			for i := t.first; i < t.last; i++ {
				wd := &s.Words[i]
				wm := misc
				if wd.Misc != "" {
					if wm != "" {
						wm = wd.Misc + "|" + wm
					} else {
						wm = wd.Misc
					}
				}
				head := "_"
				if wd.Head >= 0 {
					head = strconv.Itoa(wd.Head)
				}
				fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", i+1, field(wd.Form), field(wd.Lemma),
					field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.Deprel), field(wm))
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// token is a surface token of a sentence: words [first, last) with the
// span and form of their multiword token, or one word.
type token struct {
	first, last int
	span        doc.Span
	form        string
}

// tokens lists the surface tokens of s after checking its multiword tokens,
// which doc.Sentence.Tokens trusts: a range past the last word would make
// Write index out of bounds.
func tokens(s *doc.Sentence) ([]token, error) {
	toks := make([]token, 0, len(s.Words))
	m := 0
	for i := 0; i < len(s.Words); {
		if m < len(s.Multi) && s.Multi[m].First == i {
			mt := &s.Multi[m]
			if mt.Last <= i || mt.Last > len(s.Words) {
				return nil, fmt.Errorf("multiword token %q covers words %d to %d of %d", mt.Form, mt.First+1, mt.Last, len(s.Words))
			}
			toks = append(toks, token{first: i, last: mt.Last, span: mt.Span, form: mt.Form})
			i = mt.Last
			m++
			continue
		}
		toks = append(toks, token{first: i, last: i + 1, span: s.Words[i].Span, form: s.Words[i].Form})
		i++
	}
	if m < len(s.Multi) {
		mt := &s.Multi[m]
		return nil, fmt.Errorf("multiword token %q at words %d to %d is out of order or range (%d words)", mt.Form, mt.First+1, mt.Last, len(s.Words))
	}
	return toks, nil
}

func sentenceText(text string, s *doc.Sentence) string {
	if s.Span.Start >= 0 && s.Span.End <= len(text) && s.Span.Start <= s.Span.End && text != "" {
		return text[s.Span.Start:s.Span.End]
	}
	return s.Text
}

// field makes a value safe for one CoNLL-U column.
func field(v string) string {
	if v == "" {
		return "_"
	}
	return oneLine(v)
}

func oneLine(v string) string {
	b := []byte(v)
	changed := false
	for i, c := range b {
		if c == '\t' || c == '\n' || c == '\r' {
			b[i] = ' '
			changed = true
		}
	}
	if changed {
		return string(b)
	}
	return v
}
