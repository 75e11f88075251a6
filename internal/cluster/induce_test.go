package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// toyCorpus has three word groups in distinct contexts: days of the week,
// countries and numbers (all of which normalise to digit shapes or are
// spelled out), plus shared function words.
func toyCorpus(n int) [][]string {
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	countries := []string{"Iran", "Pakistan", "France", "Germany", "Japan", "Brazil", "Kenya", "India"}
	numbers := []string{"11,000", "3.5", "two", "five", "seven", "12", "dozens", "hundreds"}
	subjects := []string{"officials", "he", "she", "they", "ministers", "police"}
	verbs := []string{"said", "reported", "announced", "confirmed"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	var out [][]string
	for range n {
		var s string
		switch rng.IntN(4) {
		case 0:
			s = fmt.Sprintf("%s %s on %s that %s people died .", pick(subjects), pick(verbs), pick(days), pick(numbers))
		case 1:
			s = fmt.Sprintf("the talks in %s ended on %s .", pick(countries), pick(days))
		case 2:
			s = fmt.Sprintf("%s %s that %s and %s signed a deal .", pick(subjects), pick(verbs), pick(countries), pick(countries))
		default:
			s = fmt.Sprintf("about %s soldiers left %s last %s .", pick(numbers), pick(countries), pick(days))
		}
		out = append(out, strings.Fields(s))
	}
	return out
}

func seqOf(sents [][]string) func(func([]string) bool) {
	return func(yield func([]string) bool) {
		for _, s := range sents {
			if !yield(s) {
				return
			}
		}
	}
}

func TestInduceToy(t *testing.T) {
	corpus := toyCorpus(3000)
	opt := Options{Classes: [NumLevels]int{2, 4, 8, 12}, Seed: 7}
	c, err := Induce(context.Background(), seqOf(corpus), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(c.Info())
	groups := map[string][]string{
		"days":      {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
		"countries": {"Iran", "Pakistan", "France", "Germany", "Japan", "Brazil", "Kenya", "India"},
		"numbers":   {"11,000", "3.5", "two", "five", "seven", "12", "dozens", "hundreds"},
	}
	// At level 2 (8 classes) each group must be one cluster, and the three
	// clusters must differ.
	const level = 2
	seen := map[uint32]string{}
	for name, words := range groups {
		first, ok := c.Lookup(words[0])
		if !ok {
			t.Fatalf("%s: no cluster", words[0])
		}
		for _, w := range words {
			ids, ok := c.Lookup(w)
			if !ok {
				t.Fatalf("%s: no cluster", w)
			}
			if ids[level] != first[level] {
				t.Errorf("%s: %s in %v, %s in %v", name, w, ids, words[0], first)
			}
		}
		if other, dup := seen[first[level]]; dup {
			t.Errorf("%s and %s share cluster %d", name, other, first[level])
		}
		seen[first[level]] = name
	}
	// Nesting: equal fine ids imply equal coarse ids.
	checkNested(t, c)
	// Digits are normalised: an unseen number of a seen shape is found.
	if a, ok := c.Lookup("99,999"); !ok || a != mustLookup(t, c, "11,000") {
		t.Errorf("99,999: %v %v", a, ok)
	}
	// Lowercase fallback and the alias for an all-caps form.
	if a, ok := c.Lookup("IRAN"); !ok || a != mustLookup(t, c, "Iran") {
		t.Errorf("IRAN: %v %v", a, ok)
	}
	if a, ok := c.Lookup("The"); !ok || a != mustLookup(t, c, "the") {
		t.Errorf("The: %v %v", a, ok)
	}
	if _, ok := c.Lookup("Atlantis"); ok {
		t.Error("Atlantis has a cluster")
	}

	// Deterministic given the seed.
	c2, err := Induce(context.Background(), seqOf(corpus), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !sameClusters(c, c2) {
		t.Error("two runs with the same seed differ")
	}
}

func mustLookup(t *testing.T, c *Clusters, w string) [NumLevels]uint32 {
	t.Helper()
	ids, ok := c.Lookup(w)
	if !ok {
		t.Fatalf("%s: no cluster", w)
	}
	return ids
}

func checkNested(t *testing.T, c *Clusters) {
	t.Helper()
	for l := 0; l+1 < NumLevels; l++ {
		parent := map[uint16]uint16{}
		for _, e := range c.ents[:c.words] {
			if p, ok := parent[e.ids[l+1]]; ok && p != e.ids[l] {
				t.Fatalf("level %d class %d has parents %d and %d", l+1, e.ids[l+1], p, e.ids[l])
			}
			parent[e.ids[l+1]] = e.ids[l]
		}
		for _, e := range c.ents[:c.words] {
			for k := range NumLevels {
				if uint32(e.ids[k]) >= c.levels[k] {
					t.Fatalf("id %d at level %d of %d", e.ids[k], k, c.levels[k])
				}
			}
		}
	}
}

func sameClusters(a, b *Clusters) bool {
	if a.levels != b.levels || a.info != b.info || a.words != b.words || len(a.ents) != len(b.ents) {
		return false
	}
	for i := range a.ents {
		ea, eb := a.ents[i], b.ents[i]
		if a.keys[ea.off:ea.off+uint32(ea.n)] != b.keys[eb.off:eb.off+uint32(eb.n)] || ea.ids != eb.ids || ea.count != eb.count {
			return false
		}
	}
	return true
}

func TestInduceErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Induce(ctx, seqOf(nil), Options{}); err == nil {
		t.Error("empty corpus: no error")
	}
	if _, err := Induce(ctx, seqOf(toyCorpus(10)), Options{Classes: [NumLevels]int{8, 4, 2, 1}}); err == nil {
		t.Error("decreasing classes: no error")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Induce(cctx, seqOf(toyCorpus(100)), Options{}); err == nil {
		t.Error("cancelled context: no error")
	}
	// Fewer words than classes: levels shrink to fit.
	c, err := Induce(ctx, seqOf([][]string{{"a", "b", "a", "b", "a", "b"}}), Options{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 2 || c.Levels()[3] > 2 {
		t.Errorf("tiny: %d words, levels %v", c.Len(), c.Levels())
	}
}
