package morph

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/tiny-v1.model from the tiny corpus")

func roundTrip(t *testing.T, m *Model) (*Model, int64) {
	t.Helper()
	var b bytes.Buffer
	n, err := m.WriteTo(&b)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(b.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, b.Len())
	}
	r, err := Read(&b)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return r, n
}

func TestRoundTripTiny(t *testing.T) {
	m := tinyModel(t)
	r, _ := roundTrip(t, m)
	if !reflect.DeepEqual(m, r) {
		t.Error("model read back differs from the model written")
	}
}

func TestRoundTripEWT(t *testing.T) {
	m, dev, _ := ewtModel(t)
	r, n := roundTrip(t, m)
	t.Logf("EWT model: %d bytes", n)
	if n > 4<<20 {
		t.Errorf("model is %d bytes, want a few MB at most", n)
	}
	if !reflect.DeepEqual(m, r) {
		t.Fatal("model read back differs from the model written")
	}
	// Same annotations on a slice of dev.
	for i := range min(len(dev), 300) {
		a, b := clearCopy(dev[i]), clearCopy(dev[i])
		m.Annotate(&a)
		r.Annotate(&b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("sentence %s annotated differently after a round trip", dev[i].ID)
		}
	}
}

func clearCopy(s doc.Sentence) doc.Sentence {
	c := s
	c.Words = make([]doc.Word, len(s.Words))
	for i, w := range s.Words {
		c.Words[i] = doc.Word{Form: w.Form, UPOS: w.UPOS, XPOS: w.XPOS}
	}
	return c
}

// TestReadV1Golden reads a version 1 file kept in testdata: files written
// by earlier versions must keep loading. Run with -update only when the
// tiny corpus changes, never to paper over a reader change.
func TestReadV1Golden(t *testing.T) {
	path := filepath.Join("testdata", "tiny-v1.model")
	if *updateGolden {
		var b bytes.Buffer
		if _, err := tinyModel(t).WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		t.Fatalf("Read %s: %v", path, err)
	}
	for _, c := range []lemmaCase{
		{"walked", "VERB", "VBD", "walk"},
		{"parked", "VERB", "VBD", "park"},
		{"fought", "VERB", "VBD", "fight"},
		{"Cats", "NOUN", "NNS", "cat"},
		{"Paris", "PROPN", "NNP", "Paris"},
	} {
		if got := m.Lemma(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("v1 model: Lemma(%q) = %q, want %q", c.form, got, c.want)
		}
	}
	if got := m.Feats("cats", "NOUN", "NNS"); got != "Number=Plur" {
		t.Errorf("v1 model: Feats(cats) = %q", got)
	}
}

func TestReadErrors(t *testing.T) {
	var good bytes.Buffer
	if _, err := tinyModel(t).WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	gz := func(body []byte) []byte {
		var b bytes.Buffer
		b.WriteString(magic)
		b.Write(binary.AppendUvarint(nil, 1))
		zw := gzip.NewWriter(&b)
		zw.Write(body)
		zw.Close()
		return b.Bytes()
	}
	huge := binary.AppendUvarint(nil, 1<<40)
	cases := map[string][]byte{
		"empty":          nil,
		"bad magic":      []byte("NOTMODEL\x01"),
		"future version": append([]byte(magic), 99),
		"truncated":      good.Bytes()[:good.Len()/2],
		"not gzip":       append([]byte(magic), 1, 'x', 'y'),
		"huge count":     gz(huge),
		"huge string":    gz(append(binary.AppendUvarint(nil, 1), huge...)),
		"bad index":      gz([]byte{1, 1, 'a', 1, 5, 0, 0, 0}),
		"trailing data":  gz(append(gzBody(t, good.Bytes()), 0)),
	}
	for name, in := range cases {
		if _, err := Read(bytes.NewReader(in)); err == nil {
			t.Errorf("%s: Read succeeded, want an error", name)
		} else if !strings.HasPrefix(err.Error(), "morph: ") {
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
	}
}

// gzBody returns the unpacked body of a model file.
func gzBody(t *testing.T, file []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(file[len(magic)+1:]))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzRead feeds Read arbitrary bytes: it must return an error or a model,
// never panic, and a model it returns must annotate without panicking.
func FuzzRead(f *testing.F) {
	var good bytes.Buffer
	m, err := Train(tinyCorpus(f))
	if err != nil {
		f.Fatal(err)
	}
	if _, err := m.WriteTo(&good); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:40])
	f.Add([]byte(magic))
	f.Add(append([]byte(magic), 1))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := doc.Sentence{Words: []doc.Word{
			{Form: "They", UPOS: "PRON", XPOS: "PRP"},
			{Form: "fought", UPOS: "VERB", XPOS: "VBD"},
			{Form: "x", UPOS: "NOUN", XPOS: "NN"},
		}}
		m.Annotate(&s)
		m.Lemma("carried", "VERB", "VBD")
		m.Feats("carried", "VERB", "VBD")
	})
}

// FuzzReadBody fuzzes the version 1 decoder behind the gzip layer, whose
// checksum would otherwise stop almost every mutation.
func FuzzReadBody(f *testing.F) {
	var good bytes.Buffer
	m, err := Train(tinyCorpus(f))
	if err != nil {
		f.Fatal(err)
	}
	if _, err := m.WriteTo(&good); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(good.Bytes()[len(magic)+1:]))
	if err != nil {
		f.Fatal(err)
	}
	var body bytes.Buffer
	if _, err := body.ReadFrom(zr); err != nil {
		f.Fatal(err)
	}
	f.Add(body.Bytes())
	f.Add(body.Bytes()[:body.Len()/3])
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readBodyV1(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := doc.Sentence{Words: []doc.Word{
			{Form: "They", UPOS: "PRON", XPOS: "PRP"},
			{Form: "fought", UPOS: "VERB", XPOS: "VBD"},
			{Form: "Walked", UPOS: "VERB", XPOS: "VBN"},
		}}
		m.Annotate(&s)
	})
}
