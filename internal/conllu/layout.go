package conllu

import (
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// Join lays treebank sentences out as documents, the way the CoNLL 2018
// shared task built its raw text: sentences of a paragraph are separated by
// one space, paragraphs by a blank line, and a new document starts at every
// "# newdoc". Word and sentence spans are shifted to offsets in the
// document text.
func Join(sents []doc.Sentence) []doc.Document {
	var (
		docs []doc.Document
		b    strings.Builder
		cur  doc.Document
	)
	flush := func() {
		if len(cur.Sentences) > 0 {
			cur.Text = b.String()
			docs = append(docs, cur)
		}
		cur = doc.Document{}
		b.Reset()
	}
	for _, s := range sents {
		if s.NewDoc && len(cur.Sentences) > 0 {
			flush()
		}
		if len(cur.Sentences) > 0 {
			if s.NewPar {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		if cur.ID == "" {
			cur.ID = docID(s.ID)
		}
		off := b.Len()
		b.WriteString(s.Text)
		s.Words = append([]doc.Word(nil), s.Words...)
		s.Multi = append([]doc.MultiToken(nil), s.Multi...)
		for j := range s.Words {
			s.Words[j].Span.Start += off
			s.Words[j].Span.End += off
		}
		for j := range s.Multi {
			s.Multi[j].Span.Start += off
			s.Multi[j].Span.End += off
		}
		s.Span = doc.Span{Start: off, End: off + s.Span.End}
		cur.Sentences = append(cur.Sentences, s)
	}
	flush()
	return docs
}

// docID derives a document id from a sentence id such as "doc-0001".
func docID(sentID string) string {
	if i := strings.LastIndexByte(sentID, '-'); i > 0 {
		return sentID[:i]
	}
	return sentID
}
