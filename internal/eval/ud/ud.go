// Package ud scores a system's Universal Dependencies analysis against gold
// annotation with the metrics of the CoNLL 2018 shared task
// (https://universaldependencies.org/conll18/evaluation.html): Tokens,
// Sentences and Words measure segmentation; UPOS, XPOS, UFeats, AllTags and
// Lemmas measure tagging; UAS, LAS, CLAS, MLAS and BLEX measure parsing.
//
// Gold and system documents must have identical texts: the system is run on
// the gold raw text, so every token, word and sentence of both sides is a
// byte span into the same string. Tokens and sentences match when their
// spans match. Words are aligned as in the shared task: a multiword region
// is a smallest stretch of text that holds at least one multiword token of
// either side and cuts through none; inside it the words of the tokens
// lying wholly within are aligned by the longest common subsequence of their
// lowercased forms, and everywhere else a system word matches the gold word
// with the same span. Every word-level metric is computed over aligned word
// pairs with precision over system words and recall over gold words, so
// that segmentation errors lower all of them.
//
// Where this package departs from the official evaluation script
// (conll18_ud_eval.py) it is in cases the script rejects or that do not
// arise from CoNLL-U files:
//
//   - Spans are compared after discarding whitespace (unicode.IsSpace), the
//     counterpart of the script's comparison of offsets in the
//     concatenation of forms with spaces removed. For spans that start and
//     end on non-space bytes, which any sane tokenizer produces, this is
//     exact byte-span matching. Text between tokens that no token covers is
//     allowed here; the script requires the forms to spell the whole text.
//   - Forms are compared with strings.EqualFold (simple Unicode case
//     folding) where the script compares str.lower of both.
//   - The script refuses system output with cycles or several roots; this
//     package scores such trees as they are. Heads of -1 (not parsed) are
//     never correct.
//   - Sentences without words are ignored; CoNLL-U cannot express them.
//
// As in the script, a sentence's span runs from the start of its first
// token to the end of its last one, and a metric with neither gold nor
// system units has precision, recall and F1 of 0. conllu.Read reads a "_"
// lemma as "", and a gold lemma "" or "_" accepts any system lemma.
package ud

import (
	"errors"
	"fmt"
	"github.com/dyadproject/dyad/internal/eval/metric"
	"iter"

	"github.com/dyadproject/dyad/internal/doc"
)

// Metric counts one measure: Correct of Gold gold units and System system
// units were found. For word-level metrics Aligned is the number of aligned
// gold words the metric looked at (its denominator of AlignedAcc); for
// Tokens, Sentences and Words, which measure the alignment itself, it is 0.
type Metric struct {
	Correct, Gold, System, Aligned int
}

// P returns the precision, Correct/System, or 0 when the system has no units.
func (m Metric) P() float64 { return metric.Ratio(m.Correct, m.System) }

// R returns the recall, Correct/Gold, or 0 when the gold has no units.
func (m Metric) R() float64 { return metric.Ratio(m.Correct, m.Gold) }

// F1 returns the harmonic mean of P and R, 2·Correct/(Gold+System), or 0
// when both sides are empty.
func (m Metric) F1() float64 { return metric.Ratio(2*m.Correct, m.Gold+m.System) }

// AlignedAcc returns Correct/Aligned, the accuracy on aligned words that
// the shared task prints as AligndAcc: it separates tagging and parsing
// quality from segmentation quality. It is 0 when nothing was aligned.
func (m Metric) AlignedAcc() float64 { return metric.Ratio(m.Correct, m.Aligned) }

func (m *Metric) add(o Metric) {
	m.Correct += o.Correct
	m.Gold += o.Gold
	m.System += o.System
	m.Aligned += o.Aligned
}

// Scores holds every metric of the shared task.
//
//   - Tokens, Sentences: spans of surface tokens and of sentences.
//   - Words: syntactic words; Correct counts aligned word pairs.
//   - UPOS, XPOS: the universal and the language-specific tag.
//   - UFeats: the universal features (the 21 UD v2 features the shared task
//     listed) as a set; other features are ignored.
//   - AllTags: UPOS, XPOS and UFeats together.
//   - Lemmas: the lemma, always correct where the gold lemma is "_" or empty.
//   - UAS: the head is the system word aligned to the gold head (or both are
//     the root). LAS: UAS and the relation, without subtypes ("acl:relcl"
//     counts as "acl").
//   - CLAS: LAS over content words only (by their relation: nsubj, obj, obl,
//     amod, conj, root, ...; function words and punctuation are left out).
//   - MLAS: CLAS and also UPOS and UFeats of the content word and, for its
//     function-word children (aux, cop, mark, det, clf, case, cc), the same
//     aligned children with the same relation, UPOS and UFeats.
//   - BLEX: CLAS and also the lemma, with the Lemmas rule for "_".
type Scores struct {
	Tokens, Sentences, Words            Metric
	UPOS, XPOS, UFeats, AllTags, Lemmas Metric
	UAS, LAS, CLAS, MLAS, BLEX          Metric
}

// All yields the metrics in the shared task's order with their names.
func (s Scores) All() iter.Seq2[string, Metric] {
	return func(yield func(string, Metric) bool) {
		for _, r := range s.rows() {
			if !yield(r.name, *r.m) {
				return
			}
		}
	}
}

type row struct {
	name    string
	m       *Metric
	aligned bool // whether AlignedAcc is meaningful
}

func (s *Scores) rows() []row {
	return []row{
		{"Tokens", &s.Tokens, false},
		{"Sentences", &s.Sentences, false},
		{"Words", &s.Words, false},
		{"UPOS", &s.UPOS, true},
		{"XPOS", &s.XPOS, true},
		{"UFeats", &s.UFeats, true},
		{"AllTags", &s.AllTags, true},
		{"Lemmas", &s.Lemmas, true},
		{"UAS", &s.UAS, true},
		{"LAS", &s.LAS, true},
		{"CLAS", &s.CLAS, true},
		{"MLAS", &s.MLAS, true},
		{"BLEX", &s.BLEX, true},
	}
}

// Add adds the counts of o to s, so that scores of several evaluations can
// be pooled (micro-averaged).
func (s *Scores) Add(o Scores) {
	dst, src := s.rows(), o.rows()
	for i := range dst {
		dst[i].m.add(*src[i].m)
	}
}

// Evaluate scores system against gold. The two slices must hold the same
// number of documents, and each system document must have exactly the
// text of the gold document at the same index; the system may segment that
// text into sentences, tokens and words in any way.
//
// Spans must lie inside the text; tokens must not be empty (or only
// whitespace), overlap or go backwards; multiword tokens must cover
// consecutive words in order; heads must be -1 (not parsed), 0 (root) or a
// word of the same sentence. Input that breaks these rules is reported as
// an error naming the document and sentence rather than scored, because
// the alignment is undefined for it.
func Evaluate(gold, system []doc.Document) (Scores, error) {
	return evaluate(gold, system, alignSpans)
}

// EvaluateGoldTokens scores a system that was given the gold segmentation,
// for example a tagger or parser run on the copies StripAnnotations makes.
// Every system document must have the gold document's text, sentences and
// tokens, with as many words in each token as gold; word i is then aligned
// to gold word i without looking at forms, and Tokens, Sentences and Words
// are 100%. A
// difference in segmentation is reported as an error, which catches a
// component that changed the words it was asked to annotate.
func EvaluateGoldTokens(gold, system []doc.Document) (Scores, error) {
	return evaluate(gold, system, alignIdentity)
}

// aligner aligns the words of one document pair, returning for each gold
// word the index of its system word and for each system word its gold word,
// or unaligned.
type aligner func(g, s *side) (g2s, s2g []int, err error)

func evaluate(gold, system []doc.Document, align aligner) (Scores, error) {
	var total Scores
	if len(gold) != len(system) {
		return total, fmt.Errorf("ud: %d gold documents but %d system documents", len(gold), len(system))
	}
	var errs []error
	for i := range gold {
		sc, err := evaluateDoc(&gold[i], &system[i], align)
		if err != nil {
			errs = append(errs, fmt.Errorf("ud: document %d (%s): %w", i+1, gold[i].ID, err))
			continue
		}
		total.Add(sc)
	}
	if len(errs) > 0 {
		return total, errors.Join(errs...)
	}
	return total, nil
}

func evaluateDoc(gd, sd *doc.Document, align aligner) (Scores, error) {
	var sc Scores
	if gd.Text != sd.Text {
		return sc, fmt.Errorf("system text differs from gold text at byte %d", firstDiff(gd.Text, sd.Text))
	}
	norm := normalize(gd.Text)
	g, err := prepare(gd, norm)
	if err != nil {
		return sc, fmt.Errorf("gold: %w", err)
	}
	s, err := prepare(sd, norm)
	if err != nil {
		return sc, fmt.Errorf("system: %w", err)
	}
	sc.Tokens = matchSpans(tokenSpans(g.tokens), tokenSpans(s.tokens))
	sc.Sentences = matchSpans(g.sents, s.sents)
	g2s, s2g, err := align(g, s)
	if err != nil {
		return sc, err
	}
	score(&sc, g, s, g2s, s2g)
	return sc, nil
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// StripAnnotations returns deep copies of docs that keep the texts,
// sentences, tokens and word forms but clear every annotation a tagger,
// lemmatizer or parser would predict (Lemma, UPOS, XPOS, Feats, Deprel and
// Misc; Head becomes -1). Annotating the copies and scoring them with
// EvaluateGoldTokens measures a component on gold segmentation without
// letting gold values leak into its input.
func StripAnnotations(docs []doc.Document) []doc.Document {
	out := make([]doc.Document, len(docs))
	for i, d := range docs {
		d.Sentences = append([]doc.Sentence(nil), d.Sentences...)
		for j := range d.Sentences {
			s := &d.Sentences[j]
			s.Multi = append([]doc.MultiToken(nil), s.Multi...)
			s.Words = append([]doc.Word(nil), s.Words...)
			for k := range s.Words {
				w := &s.Words[k]
				*w = doc.Word{Span: w.Span, Form: w.Form, Head: -1}
			}
		}
		out[i] = d
	}
	return out
}
