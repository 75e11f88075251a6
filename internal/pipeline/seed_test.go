package pipeline

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedPath is the canonical article, in ../seed beside the data folder.
func seedPath(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(datatest.Dir(tb, "../seed"), "iran-pakistan-2024-04-12.txt")
}

// seedArcsFloor is the number of expected arcs of testdata/seed-arcs.tsv
// the committed models must find. The goal is all of them; the floor
// records what the models reach, so that no change loses one silently.
const seedArcsFloor = 40

// TestSeedArcs checks the subject and object of every main verb of the
// seed article's key sentences against hand-written expectations.
func TestSeedArcs(t *testing.T) {
	text, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	d := newTestPipeline(t, 1).Document("seed", string(text))
	f, err := os.Open(filepath.Join("testdata", "seed-arcs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, checked, correct := 0, 0, 0
	for sc.Scan() {
		line++
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 {
			t.Fatalf("seed-arcs.tsv:%d: %d columns, want 4", line, len(cols))
		}
		start, head, rel, dep := cols[0], cols[1], cols[2], cols[3]
		s := findSentence(d, start)
		if s == nil {
			t.Errorf("seed-arcs.tsv:%d: no sentence starts with %q", line, start)
			continue
		}
		checked++
		h := -1
		for i, w := range s.Words {
			if w.Form == head {
				h = i + 1
				break
			}
		}
		if h < 0 {
			t.Errorf("seed-arcs.tsv:%d: no word %q in %q", line, head, start)
			continue
		}
		found := false
		for _, w := range s.Words {
			if w.Form == dep && w.Head == h && w.Deprel == rel {
				found = true
			}
		}
		if !found {
			t.Logf("seed-arcs.tsv:%d: missed %s -%s-> %s in %q; got\n%s", line, head, rel, dep, start, arcs(s))
			continue
		}
		correct++
	}
	if checked == 0 {
		t.Fatal("no expectations checked")
	}
	t.Logf("seed article: %d of %d expected arcs found", correct, checked)
	if correct < seedArcsFloor {
		t.Errorf("seed article: %d of %d expected arcs found, fewer than the floor %d", correct, checked, seedArcsFloor)
	}
}

func findSentence(d *doc.Document, start string) *doc.Sentence {
	for i := range d.Sentences {
		s := &d.Sentences[i]
		if strings.HasPrefix(d.Text[s.Span.Start:s.Span.End], start) {
			return s
		}
	}
	return nil
}

func arcs(s *doc.Sentence) string {
	var b strings.Builder
	for i, w := range s.Words {
		head := "ROOT"
		if w.Head > 0 {
			head = s.Words[w.Head-1].Form
		}
		b.WriteString("\t" + w.Form + " <-" + w.Deprel + "- " + head)
		if i%4 == 3 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestSeedGolden compares the full CoNLL-U analysis of the seed article
// with testdata/seed.conllu, so that every change of a model shows as a
// diff; regenerate with go test -update.
func TestSeedGolden(t *testing.T) {
	text, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	d := newTestPipeline(t, 1).Document("seed", string(text))
	var buf bytes.Buffer
	if err := conllu.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed.conllu")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("analysis of the seed article differs from %s (run go test -update and review the diff)", golden)
	}
}
