package ud

import (
	"bufio"
	"fmt"
	"io"
)

// WriteTable prints s as the scoreboard of the shared task's evaluation
// script in verbose mode: one row per metric with precision, recall, F1 and,
// for metrics computed on aligned words, the accuracy on aligned words, all
// as percentages with two decimals. Keeping the layout lets our numbers be
// compared line by line with published results.
func WriteTable(w io.Writer, s Scores) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-11s|%10s |%10s |%10s |%10s\n", "Metric", "Precision", "Recall", "F1 Score", "AligndAcc")
	fmt.Fprintln(bw, "-----------+-----------+-----------+-----------+-----------")
	for _, r := range s.rows() {
		m := *r.m
		acc := ""
		if r.aligned {
			acc = fmt.Sprintf("%10.2f", 100*m.AlignedAcc())
		}
		fmt.Fprintf(bw, "%-11s|%10.2f |%10.2f |%10.2f |%s\n", r.name, 100*m.P(), 100*m.R(), 100*m.F1(), acc)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ud: writing score table: %w", err)
	}
	return nil
}
