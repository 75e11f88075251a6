package dedup

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestIndex(t *testing.T) {
	wire := readTestdata(t, "strike-wire.txt")
	other := readTestdata(t, "strike-other.txt")
	ps := paragraphs(wire)
	trimmed := strings.Join(ps[:len(ps)-1], "\n\n")

	var x Index[string] // the zero Index is ready
	if _, _, ok := x.Near(Sign(wire)); ok || x.Len() != 0 || len(x.Candidates(Sign(wire))) != 0 {
		t.Fatal("empty index finds something")
	}
	x.Add("wire", Sign(wire))
	x.Add("other", Sign(other))
	x.Add("short", Sign("Missile strike on Odesa port kills 12"))
	if x.Len() != 3 {
		t.Errorf("Len = %d", x.Len())
	}

	id, sim, ok := x.Near(Sign(trimmed))
	if !ok || id != "wire" || sim < Threshold {
		t.Errorf("Near(trimmed) = %q, %.3f, %v; want wire", id, sim, ok)
	}
	if got := x.Candidates(Sign(trimmed)); !slices.Equal(got, []string{"wire"}) {
		t.Errorf("Candidates(trimmed) = %q", got)
	}
	if id, _, ok := x.Near(Sign("MISSILE STRIKE ON ODESA PORT KILLS 12")); !ok || id != "short" {
		t.Errorf("Near(short) = %q, %v", id, ok)
	}
	if id, sim, ok := x.Near(Sign("A different headline altogether")); ok {
		t.Errorf("Near(unrelated) = %q, %.3f", id, sim)
	}

	// Adding an id again replaces its signature.
	x.Add("wire", Sign("Nothing like the story"))
	if x.Len() != 3 {
		t.Errorf("Len = %d after replacing", x.Len())
	}
	if id, _, ok := x.Near(Sign(trimmed)); ok {
		t.Errorf("Near(trimmed) = %q after its original was replaced", id)
	}

	// Of two equally similar ids the first added wins, and each id is a
	// candidate once.
	x.Add("copy1", Sign(wire))
	x.Add("copy2", Sign(wire))
	if id, sim, ok := x.Near(Sign(wire)); !ok || id != "copy1" || sim != 1 {
		t.Errorf("Near(wire) = %q, %.3f, %v; want copy1", id, sim, ok)
	}
	if got := x.Candidates(Sign(wire)); !slices.Equal(got, []string{"copy1", "copy2"}) {
		t.Errorf("Candidates(wire) = %q", got)
	}
}

// TestIndexConcurrent adds and looks up from several goroutines (run with
// -race).
func TestIndexConcurrent(t *testing.T) {
	var x Index[int]
	wire := readTestdata(t, "strike-wire.txt")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 20 {
				text := fmt.Sprintf("%s\n\nUpdate %d from writer %d.", wire, i, g)
				x.Add(g*100+i, Sign(text))
				if _, _, ok := x.Near(Sign(text)); !ok {
					t.Errorf("writer %d: copy %d not found", g, i)
				}
			}
		})
	}
	wg.Wait()
	if x.Len() != 80 {
		t.Errorf("Len = %d, want 80", x.Len())
	}
}
