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

// TestWithoutFeatures checks that an analyzer without features gives the
// same tags, lemmas and parse, and no Feats, and that WithBeam keeps it so.
func TestWithoutFeatures(t *testing.T) {
	a, err := Load(models.FS)
	if err != nil {
		t.Fatal(err)
	}
	words := func() []doc.Word {
		var ws []doc.Word
		for _, f := range strings.Fields("Iranian troops were killed in the attacks on Tuesday .") {
			ws = append(ws, doc.Word{Form: f})
		}
		return ws
	}
	full, lean := doc.Sentence{Words: words()}, doc.Sentence{Words: words()}
	a.Analyze(&full)
	a.WithoutFeatures().WithBeam(4).WithBeam(8).Analyze(&lean)
	feats := 0
	for i, w := range lean.Words {
		f := full.Words[i]
		if w.Lemma != f.Lemma || w.UPOS != f.UPOS || w.Head != f.Head || w.Deprel != f.Deprel {
			t.Errorf("word %d %q: %+v, want %+v but for Feats", i+1, w.Form, w, f)
		}
		if w.Feats != "" {
			t.Errorf("word %d %q: Feats %q, want none", i+1, w.Form, w.Feats)
		}
		if f.Feats != "" {
			feats++
		}
	}
	if feats == 0 {
		t.Error("the full analyzer gave no Feats")
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
