package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/eval/location"
	"github.com/dyadproject/dyad/internal/extract"
)

func newEvalLocationCmd() *cobra.Command {
	var (
		f            evalFlags
		suite, split string
		misses       bool
	)
	cmd := &cobra.Command{
		Use:   "location --suite event-location [--split test|dev]",
		Short: "Score event location: the place each gold event verb gets",
		Long: `location reads the event_location data of Halterman (2019): news-wire
sentences with one event verb each and the place names where the verb's
event happened, if any. dyad locates each verb by the rules that locate
its events (docs/geo.md): it is right when its place overlaps a gold
place, or when it gives none and the gold has none. The scoreboard gives
accuracy, the precision and recall of the places given, and the accuracy
of taking the sentence's first place name. --split test (default) is the
494 adjudicated records; dev is the research assistants' 9,700, on which
rules are chosen. --misses lists the records located wrongly.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := extract.Build(extract.Options{})
			if err != nil {
				return err
			}
			start := time.Now()
			r, err := location.Run(cmd.Context(), f.data, suite, split, x, misses)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if f.asJSON {
				return location.WriteJSON(w, r)
			}
			fmt.Fprintf(w, "(%.1fs)\n", time.Since(start).Seconds())
			return location.WriteTable(w, r)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&suite, "suite", "event-location", "suite: event-location")
	cmd.Flags().StringVar(&split, "split", "test", "split: test (the adjudicated records) or dev")
	cmd.Flags().BoolVar(&misses, "misses", false, "list the records located wrongly")
	return cmd
}
