package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	evdates "github.com/dyadproject/dyad/internal/eval/dates"
	"github.com/dyadproject/dyad/internal/extract"
)

func newEvalDatesCmd() *cobra.Command {
	var (
		f      evalFlags
		suite  string
		misses bool
	)
	cmd := &cobra.Command{
		Use:   "dates --suite semeval2015-timeline",
		Short: "Score event dating: the date each gold event mention gets",
		Long: `dates places each event mention of the SemEval-2015 TimeLine gold
timelines (track B, 90 Wikinews documents) at its word, dates the word by
the rules that date dyad's events (docs/timex.md), and compares the date
with the gold anchor at the gold's granularity. Mentions the gold leaves
undated (XXXX-XX-XX) are counted, not scored. --misses lists the wrong
dates.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := extract.Build(extract.Options{})
			if err != nil {
				return err
			}
			start := time.Now()
			r, err := evdates.Run(cmd.Context(), f.data, suite, x, misses)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if f.asJSON {
				return evdates.WriteJSON(w, r)
			}
			fmt.Fprintf(w, "(%.1fs)\n", time.Since(start).Seconds())
			return evdates.WriteTable(w, r)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&suite, "suite", "semeval2015-timeline", "suite: semeval2015-timeline")
	cmd.Flags().BoolVar(&misses, "misses", false, "list the mentions dated wrongly")
	return cmd
}
