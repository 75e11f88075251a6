package morph

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/dyadproject/dyad/internal/doc"
)

type lemmaCase struct {
	form, upos, xpos, want string
}

// newsLemmas are forms the event coder's verb dictionary depends on, many
// of them absent from EWT train: regular inflection with doubling, e
// restoration and y → i, irregular verbs and nouns, clitics and proper
// nouns.
var newsLemmas = []lemmaCase{
	// The brief's news verbs.
	{"launched", "VERB", "VBD", "launch"},
	{"launch", "VERB", "VB", "launch"},
	{"carried", "VERB", "VBD", "carry"},
	{"strikes", "VERB", "VBZ", "strike"},
	{"strikes", "NOUN", "NNS", "strike"},
	{"condemned", "VERB", "VBD", "condemn"},
	{"slammed", "VERB", "VBD", "slam"},
	{"restored", "VERB", "VBN", "restore"},
	{"lauded", "VERB", "VBD", "laud"},
	{"underscoring", "VERB", "VBG", "underscore"},
	{"was", "AUX", "VBD", "be"},
	{"were", "AUX", "VBD", "be"},
	{"is", "AUX", "VBZ", "be"},
	{"n't", "PART", "RB", "not"},
	{"'s", "PART", "POS", "'s"},
	{"'s", "AUX", "VBZ", "be"},
	{"'d", "AUX", "MD", "would"},
	{"'ve", "AUX", "VBP", "have"},
	// Irregular verbs, mostly unseen in EWT train.
	{"sought", "VERB", "VBD", "seek"},
	{"fought", "VERB", "VBD", "fight"},
	{"fought", "VERB", "VBN", "fight"},
	{"struck", "VERB", "VBD", "strike"},
	{"slain", "VERB", "VBN", "slay"},
	{"shot", "VERB", "VBD", "shoot"},
	{"withdrew", "VERB", "VBD", "withdraw"},
	{"overran", "VERB", "VBD", "overrun"},
	{"fled", "VERB", "VBD", "flee"},
	{"stolen", "VERB", "VBN", "steal"},
	{"sworn", "VERB", "VBN", "swear"},
	{"bore", "VERB", "VBD", "bear"},
	{"dying", "VERB", "VBG", "die"},
	{"tying", "VERB", "VBG", "tie"},
	{"went", "VERB", "VBD", "go"},
	{"said", "VERB", "VBD", "say"},
	{"left", "VERB", "VBD", "leave"},
	// Regular verbs of conflict and diplomacy news.
	{"shelled", "VERB", "VBD", "shell"},
	{"bombed", "VERB", "VBD", "bomb"},
	{"ousted", "VERB", "VBD", "oust"},
	{"vowed", "VERB", "VBD", "vow"},
	{"urged", "VERB", "VBD", "urge"},
	{"seized", "VERB", "VBD", "seize"},
	{"deployed", "VERB", "VBN", "deploy"},
	{"rallied", "VERB", "VBD", "rally"},
	{"clashed", "VERB", "VBD", "clash"},
	{"mobilizing", "VERB", "VBG", "mobilize"},
	{"denouncing", "VERB", "VBG", "denounce"},
	{"accusing", "VERB", "VBG", "accuse"},
	{"pledges", "VERB", "VBZ", "pledge"},
	{"targeting", "VERB", "VBG", "target"},
	{"rebuffed", "VERB", "VBD", "rebuff"},
	{"stabbed", "VERB", "VBD", "stab"},
	{"detained", "VERB", "VBN", "detain"},
	{"referred", "VERB", "VBD", "refer"},
	{"admitted", "VERB", "VBD", "admit"},
	{"visited", "VERB", "VBD", "visit"},
	{"travelled", "VERB", "VBD", "travel"},
	{"fleeing", "VERB", "VBG", "flee"},
	{"agreeing", "VERB", "VBG", "agree"},
	{"criticised", "VERB", "VBD", "criticise"},
	{"criticized", "VERB", "VBD", "criticize"},
	{"threatens", "VERB", "VBZ", "threaten"},
	{"kidnapped", "VERB", "VBN", "kidnap"},
	{"protesting", "VERB", "VBG", "protest"},
	{"negotiated", "VERB", "VBD", "negotiate"},
	{"imposed", "VERB", "VBD", "impose"},
	{"sanctioned", "VERB", "VBD", "sanction"},
	{"arrested", "VERB", "VBN", "arrest"},
	{"killed", "VERB", "VBN", "kill"},
	{"wounded", "VERB", "VBN", "wound"},
	{"expelled", "VERB", "VBD", "expel"},
	{"praised", "VERB", "VBD", "praise"},
	{"denied", "VERB", "VBD", "deny"},
	{"invaded", "VERB", "VBD", "invade"},
	{"occupies", "VERB", "VBZ", "occupy"},
	// Nouns.
	{"outfits", "NOUN", "NNS", "outfit"},
	{"militias", "NOUN", "NNS", "militia"},
	{"crises", "NOUN", "NNS", "crisis"},
	{"embargoes", "NOUN", "NNS", "embargo"},
	{"casualties", "NOUN", "NNS", "casualty"},
	{"hostages", "NOUN", "NNS", "hostage"},
	{"children", "NOUN", "NNS", "child"},
	{"women", "NOUN", "NNS", "woman"},
	{"policemen", "NOUN", "NNS", "policeman"},
	{"lives", "NOUN", "NNS", "life"},
	{"wolves", "NOUN", "NNS", "wolf"},
	{"talks", "NOUN", "NNS", "talk"},
	{"sanctions", "NOUN", "NNS", "sanction"},
	// Adjectives, pronouns, numbers.
	{"biggest", "ADJ", "JJS", "big"},
	{"hotter", "ADJ", "JJR", "hot"},
	{"better", "ADJ", "JJR", "good"},
	{"worst", "ADJ", "JJS", "bad"},
	{"me", "PRON", "PRP", "I"},
	{"them", "PRON", "PRP", "they"},
	{"i", "PRON", "PRP", "I"},
	{"an", "DET", "DT", "a"},
	{"1,200", "NUM", "CD", "1200"},
	{"12,345,678.5", "NUM", "CD", "12345678.5"},
	// Proper nouns keep their case; plural proper nouns lose the -s.
	{"Palestinians", "PROPN", "NNPS", "Palestinian"},
	{"Taliban", "PROPN", "NNP", "Taliban"},
	{"Hezbollah", "PROPN", "NNP", "Hezbollah"},
	{"Iran", "PROPN", "NNP", "Iran"},
	{"NATO", "PROPN", "NNP", "NATO"},
	// Capitalized common words are lower-cased.
	{"Launched", "VERB", "VBD", "launch"},
	{"The", "DET", "DT", "the"},
	{"SOUGHT", "VERB", "VBD", "seek"},
}

func TestLemmaTable(t *testing.T) {
	m, _, _ := ewtModel(t)
	for _, c := range newsLemmas {
		if got := m.Lemma(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", c.form, c.upos, c.xpos, got, c.want)
		}
	}
}

func TestFeatsTable(t *testing.T) {
	m, _, _ := ewtModel(t)
	cases := []struct{ form, upos, xpos, want string }{
		{"launched", "VERB", "VBN", "Tense=Past|VerbForm=Part|Voice=Pass"},
		{"militias", "NOUN", "NNS", "Number=Plur"},
		{"Iran", "PROPN", "NNP", "Number=Sing"},
		{"Palestinians", "PROPN", "NNPS", "Number=Plur"},
		{"they", "PRON", "PRP", "Case=Nom|Number=Plur|Person=3|PronType=Prs"},
		{"them", "PRON", "PRP", "Case=Acc|Number=Plur|Person=3|PronType=Prs"},
		{"his", "PRON", "PRP$", "Case=Gen|Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs"},
		{"the", "DET", "DT", "Definite=Def|PronType=Art"},
		{"biggest", "ADJ", "JJS", "Degree=Sup"},
		{"17", "NUM", "CD", "NumForm=Digit|NumType=Card"},
		{"seventeen", "NUM", "CD", "NumForm=Word|NumType=Card"},
		{"and", "CCONJ", "CC", ""},
		{",", "PUNCT", ",", ""},
	}
	for _, c := range cases {
		if got := m.Feats(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("Feats(%q, %s, %s) = %q, want %q", c.form, c.upos, c.xpos, got, c.want)
		}
	}
}

// sentence builds a doc.Sentence from "form/UPOS/XPOS" items.
func sentence(t testing.TB, items ...string) doc.Sentence {
	t.Helper()
	var s doc.Sentence
	for _, it := range items {
		p := strings.Split(it, "/")
		if len(p) != 3 {
			t.Fatalf("bad item %q", it)
		}
		s.Words = append(s.Words, doc.Word{Form: p[0], UPOS: p[1], XPOS: p[2]})
	}
	return s
}

func TestAnnotateContext(t *testing.T) {
	m, _, _ := ewtModel(t)
	s := sentence(t, "He/PRON/PRP", "'s/AUX/VBZ", "been/AUX/VBN", "arrested/VERB/VBN", "and/CCONJ/CC",
		"we/PRON/PRP", "condemned/VERB/VBD", "it/PRON/PRP", "./PUNCT/.")
	m.Annotate(&s)
	want := []struct{ lemma, feats string }{
		{"he", "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"},
		{"have", ""},
		{"be", ""},
		{"arrest", "Tense=Past|VerbForm=Part|Voice=Pass"},
		{"and", ""},
		{"we", "Case=Nom|Number=Plur|Person=1|PronType=Prs"},
		{"condemn", "Mood=Ind|Number=Plur|Person=1|Tense=Past|VerbForm=Fin"},
		{"it", "Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs"},
		{".", ""},
	}
	for i, w := range s.Words {
		if w.Lemma != want[i].lemma {
			t.Errorf("word %d %q: lemma %q, want %q", i, w.Form, w.Lemma, want[i].lemma)
		}
		if want[i].feats != "" && w.Feats != want[i].feats {
			t.Errorf("word %d %q: feats %q, want %q", i, w.Form, w.Feats, want[i].feats)
		}
	}
	// Context-free calls agree with Annotate where context does not matter.
	if got := m.Lemma("'s", "AUX", "VBZ"); got != "be" {
		t.Errorf("Lemma('s, AUX, VBZ) = %q, want be without context", got)
	}
}

func TestAnnotateEdgeCases(t *testing.T) {
	m := tinyModel(t)
	m.Annotate(nil)
	var empty doc.Sentence
	m.Annotate(&empty)
	s := sentence(t, "/X/", "Zorblax/PROPN/NNP", "blorked/VERB/VBD", "x/NOSUCH/NOSUCH")
	m.Annotate(&s) // must not panic on empty forms and unknown tags
	if s.Words[0].Lemma != "" {
		t.Errorf("empty form: lemma %q", s.Words[0].Lemma)
	}
	if s.Words[1].Lemma != "Zorblax" {
		t.Errorf("unseen proper noun: lemma %q, want Zorblax", s.Words[1].Lemma)
	}
}

// tinyCorpus is a small hand-made training set for tests that must run
// without the treebank.
func tinyCorpus(t testing.TB) []doc.Sentence {
	t.Helper()
	rows := [][]string{
		{"They/they/PRON/PRP/Case=Nom|Number=Plur|Person=3|PronType=Prs", "walked/walk/VERB/VBD/Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", "home/home/ADV/RB/_", "./././PUNCT/_"},
		{"She/she/PRON/PRP/Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs", "talked/talk/VERB/VBD/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", "and/and/CCONJ/CC/_", "jumped/jump/VERB/VBD/Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", "./././PUNCT/_"},
		{"The/the/DET/DT/Definite=Def|PronType=Art", "cats/cat/NOUN/NNS/Number=Plur", "were/be/AUX/VBD/Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", "stopped/stop/VERB/VBN/Tense=Past|VerbForm=Part|Voice=Pass", "in/in/ADP/IN/_", "Paris/Paris/PROPN/NNP/Number=Sing", "./././PUNCT/_"},
		{"Dogs/dog/NOUN/NNS/Number=Plur", "hopped/hop/VERB/VBD/Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", "over/over/ADP/IN/_", "tables/table/NOUN/NNS/Number=Plur", "./././PUNCT/_"},
		{"Parties/party/NOUN/NNS/Number=Plur", "carried/carry/VERB/VBD/Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", "12/12/NUM/CD/NumForm=Digit|NumType=Card", "flags/flag/NOUN/NNS/Number=Plur", "./././PUNCT/_"},
	}
	var out []doc.Sentence
	for _, r := range rows {
		var s doc.Sentence
		for _, w := range r {
			p := strings.Split(w, "/")
			if len(p) != 5 {
				t.Fatalf("bad row item %q", w)
			}
			f := p[4]
			if f == "_" {
				f = ""
			}
			s.Words = append(s.Words, doc.Word{Form: p[0], Lemma: p[1], UPOS: p[2], XPOS: p[3], Feats: f})
		}
		out = append(out, s)
	}
	return out
}

var tiny struct {
	once sync.Once
	m    *Model
	err  error
}

func tinyModel(t testing.TB) *Model {
	t.Helper()
	tiny.once.Do(func() { tiny.m, tiny.err = Train(tinyCorpus(t)) })
	if tiny.err != nil {
		t.Fatal(tiny.err)
	}
	return tiny.m
}

func TestTinyModel(t *testing.T) {
	m := tinyModel(t)
	for _, c := range []lemmaCase{
		{"walked", "VERB", "VBD", "walk"},
		{"parked", "VERB", "VBD", "park"},        // suffix rule
		{"fought", "VERB", "VBD", "fight"},       // irregular list
		{"outfought", "VERB", "VBD", "outfight"}, // irregular as a word ending
		{"chairs", "NOUN", "NNS", "chair"},
		{"Lyon", "PROPN", "NNP", "Lyon"},
		{"THE", "DET", "DT", "the"},
		{"9,000", "NUM", "CD", "9000"},
	} {
		if got := m.Lemma(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", c.form, c.upos, c.xpos, got, c.want)
		}
	}
	if got, want := m.Feats("chairs", "NOUN", "NNS"), "Number=Plur"; got != want {
		t.Errorf("Feats(chairs) = %q, want %q", got, want)
	}
	if got := m.Feats("in", "ADP", "IN"); got != "" {
		t.Errorf("Feats(in) = %q, want empty", got)
	}
}

func TestTrainEmpty(t *testing.T) {
	if _, err := Train(nil); err == nil {
		t.Error("Train(nil) succeeded, want an error")
	}
	if _, err := Train([]doc.Sentence{{Words: []doc.Word{{Form: "x"}}}}); err == nil {
		t.Error("Train of untagged words succeeded, want an error")
	}
}

func TestTrainDeterministic(t *testing.T) {
	write := func() []byte {
		m, err := Train(tinyCorpus(t))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := m.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if a, b := write(), write(); !bytes.Equal(a, b) {
		t.Error("two trainings on the same data wrote different models")
	}
}

// TestConcurrentUse annotates from several goroutines at once; run with
// -race it checks that a model is safe for concurrent use.
func TestConcurrentUse(t *testing.T) {
	m := tinyModel(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				s := sentence(t, "They/PRON/PRP", "walked/VERB/VBD", "and/CCONJ/CC", "fought/VERB/VBD", "./PUNCT/.")
				m.Annotate(&s)
				if s.Words[1].Lemma != "walk" || s.Words[3].Lemma != "fight" {
					t.Errorf("goroutine %d, round %d: lemmas %q %q", g, i, s.Words[1].Lemma, s.Words[3].Lemma)
					return
				}
				m.Lemma("parked", "VERB", "VBD")
				m.Feats("cats", "NOUN", "NNS")
			}
		}()
	}
	wg.Wait()
}
