package syntax

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/models"
)

func TestLoadAndAnalyze(t *testing.T) {
	a, err := Load(models.FS)
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Sentence{Words: []doc.Word{{Form: "Pakistan"}, {Form: "carried"}, {Form: "out"}, {Form: "strikes"}, {Form: "."}}}
	a.Analyze(&s)
	want := []struct{ lemma, upos, rel string }{
		{"Pakistan", "PROPN", "nsubj"}, {"carry", "VERB", "root"}, {"out", "ADP", "compound:prt"}, {"strike", "NOUN", "obj"}, {".", "PUNCT", "punct"},
	}
	for i, w := range s.Words {
		if w.Lemma != want[i].lemma || w.UPOS != want[i].upos || w.Deprel != want[i].rel {
			t.Errorf("word %d %q: %s %s %s, want %+v", i+1, w.Form, w.Lemma, w.UPOS, w.Deprel, want[i])
		}
	}
}

func TestLoadReportsEveryMissingModel(t *testing.T) {
	_, err := Load(fstest.MapFS{})
	if err == nil {
		t.Fatal("no error for an empty folder")
	}
	for _, name := range []string{TaggerFile, MorphFile, ParserFile} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

// BenchmarkLoad measures loading the embedded models: the start-up cost
// of every dyad command that analyzes text.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(models.FS); err != nil {
			b.Fatal(err)
		}
	}
}
