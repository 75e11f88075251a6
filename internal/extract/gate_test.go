package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
)

// TestGateKeepsEveryEvent checks that mayHoldEvent is a bound: every
// sentence of real news is parsed and coded, and each event must come
// from a sentence it accepts, in CAMEO mode (events need a target) and in
// monadic mode. In CAMEO mode no event is lost by the rest of
// worthParsing either on this sample; in monadic mode it drops, by
// design, events of unknown actors alone.
func TestGateKeepsEveryEvent(t *testing.T) {
	var texts []string
	if b, err := os.ReadFile(seedPath); err == nil {
		texts = append(texts, string(b))
	}
	texts = append(texts, newsArticles(t, 150)...)
	if f, err := os.Open(filepath.Join(datatest.Dir(t, "news/voa"), "voa_stories.jsonl")); err == nil {
		dec := json.NewDecoder(f)
		for {
			var a struct{ Text string }
			if dec.Decode(&a) != nil {
				break
			}
			texts = append(texts, a.Text)
		}
		f.Close()
	}
	monadic, err := Build(Options{Coder: coder.Config{Monadic: true}})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		x    *Extractor
	}{{"cameo", newTestExtractor(t)}, {"monadic", monadic}} {
		var sents, kept, events int
		for _, text := range texts {
			x := c.x
			d := &doc.Document{ID: "a", Text: text, Sentences: x.seg.Segment(text)}
			for i := range d.Sentences {
				x.syn.Tag(&d.Sentences[i])
			}
			worth, _ := x.worthParsing(d)
			bound := make([]bool, len(d.Sentences))
			for i := range d.Sentences {
				s := &d.Sentences[i]
				bound[i] = x.mayHoldEvent(s, x.resolver.Candidates(s))
			}
			for i := range d.Sentences {
				x.syn.Parse(&d.Sentences[i])
			}
			evs := x.coder.Code(d, x.resolver.Resolve(d, date), date)
			for _, e := range evs {
				if !bound[e.Sentence] || c.name == "cameo" && !worth[e.Sentence] {
					t.Errorf("%s: event %s in a sentence left unparsed: %q", c.name, e.CAMEO, e.Evidence.Sentence.Text)
				}
			}
			sents += len(d.Sentences)
			events += len(evs)
			for _, w := range worth {
				if w {
					kept++
				}
			}
		}
		t.Logf("%s: %d articles, %d sentences, %d worth parsing, %d events", c.name, len(texts), sents, kept, events)
	}
}
