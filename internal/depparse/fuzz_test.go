package depparse

import (
	"bytes"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

// FuzzRead feeds arbitrary bytes to Read: it must fail cleanly or return a
// parser that parses into a tree.
func FuzzRead(f *testing.F) {
	w := func(form, xpos string, head int, rel string) doc.Word {
		return doc.Word{Form: form, UPOS: xpos, XPOS: xpos, Head: head, Deprel: rel}
	}
	train := []doc.Sentence{{Words: []doc.Word{
		w("Iran", "NNP", 2, "nsubj"), w("attacked", "VBD", 0, "root"), w("bases", "NNS", 2, "obj"), w(".", ".", 2, "punct"),
	}}}
	p, err := Train(train, nil, TrainOptions{Epochs: 2})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	// A stacked parser with its right-to-left guide inside.
	g, err := Train(train, nil, TrainOptions{Epochs: 2, Reverse: true})
	if err != nil {
		f.Fatal(err)
	}
	sp, err := Train(train, nil, TrainOptions{Epochs: 2, Guide: g, TrainGuides: train})
	if err != nil {
		f.Fatal(err)
	}
	buf.Reset()
	if _, err := sp.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Read(bytes.NewReader(b), nil)
		if err != nil {
			return
		}
		s := doc.Sentence{Words: []doc.Word{w("Pakistan", "NNP", -1, ""), w("condemned", "VBD", -1, ""), w("it", "PRP", -1, "")}}
		p.Parse(&s)
		roots := 0
		for i, wd := range s.Words {
			if wd.Head < 0 || wd.Head > len(s.Words) || wd.Head == i+1 {
				t.Fatalf("word %d head %d", i+1, wd.Head)
			}
			if wd.Head == 0 {
				roots++
			}
		}
		if roots != 1 {
			t.Fatalf("%d roots", roots)
		}
	})
}
