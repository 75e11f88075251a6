package dedup

import (
	"flag"
	"fmt"
	"strings"
	"testing"
)

var sweep = flag.Bool("sweep", false, "TestShingleSweep: measure shingles of 3 to 6 words on the BBC corpus")

// TestShingleSweep prints, for shingles of 3 to 6 words, how many pairs of
// BBC articles reach the Threshold, how many lie just under it, and the
// recall of each synthetic variant: the table of docs/dedup.md from which
// ShingleWords was chosen. It compares every pair, so it runs only when
// asked: go test ./internal/dedup -run TestShingleSweep -sweep -v
func TestShingleSweep(t *testing.T) {
	if !*sweep {
		t.Skip("set -sweep to measure shingle lengths")
	}
	arts := loadCorpus(t, "eval/bbc-news-2225", "*/*.txt")
	var out strings.Builder
	fmt.Fprintf(&out, "k  pairs>=%.2f  [0.3,%.2f)  [0.2,0.3)", Threshold, Threshold)
	for _, v := range variants {
		fmt.Fprintf(&out, "  %s", v.name)
	}
	out.WriteByte('\n')
	for k := 3; k <= 6; k++ {
		sigs := make([]Signature, len(arts))
		for i, a := range arts {
			sigs[i] = sign(a.text, k, 5*k)
		}
		var above, near, low int
		for i := range sigs {
			for j := i + 1; j < len(sigs); j++ {
				switch s := Similarity(sigs[i], sigs[j]); {
				case s >= Threshold:
					above++
				case s >= 0.3:
					near++
				case s >= 0.2:
					low++
				}
			}
		}
		fmt.Fprintf(&out, "%d  %d  %d  %d", k, above, near, low)
		for _, v := range variants {
			hits := 0
			for _, i := range sample(len(arts)) {
				if Similarity(sigs[i], sign(v.edit(arts[i].text, arts, i), k, 5*k)) >= Threshold {
					hits++
				}
			}
			fmt.Fprintf(&out, "  %d", hits)
		}
		out.WriteByte('\n')
	}
	t.Log("\n" + out.String())
}
