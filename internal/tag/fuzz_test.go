package tag

import (
	"bytes"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// FuzzRead feeds arbitrary bytes to Read: it must fail cleanly or return a
// tagger that can tag.
func FuzzRead(f *testing.F) {
	train := []doc.Sentence{{Words: []doc.Word{
		{Form: "Iran", UPOS: "PROPN", XPOS: "NNP"}, {Form: "attacked", UPOS: "VERB", XPOS: "VBD"},
		{Form: "bases", UPOS: "NOUN", XPOS: "NNS"}, {Form: ".", UPOS: "PUNCT", XPOS: "."},
	}}}
	tg, err := Train(train, nil, TrainOptions{Epochs: 2})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := Read(bytes.NewReader(b), nil)
		if err != nil {
			return
		}
		s := doc.Sentence{Words: []doc.Word{{Form: "Pakistan"}, {Form: "condemned"}, {Form: "it"}}}
		tg.Tag(&s)
	})
}
