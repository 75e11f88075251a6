package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/timex"
)

func newTimexCmd() *cobra.Command {
	var (
		dateFlag string
		asJSON   bool
	)
	cmd := &cobra.Command{
		Use:   "timex [FILE|URL|-]",
		Short: "Find the time expressions of an article and normalize them (TIMEX3)",
		Long: `timex reads an article (standard input when no argument or "-", a file, or
an http(s) URL whose page is reduced to its main text) and prints its time
expressions: byte span, text, TIMEX3 type, value and mod, relative
expressions resolved against the story date. The story date is read from
the article header unless --date is given; without one, relative
expressions stay unresolved (values such as XXXX-01-16).
--json prints one JSON object per expression (JSON Lines).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dct, err := parseDateFlag(dateFlag)
			if err != nil {
				return err
			}
			art, err := openArticle(cmd, args)
			if err != nil {
				return err
			}
			from := "--date"
			if dct.IsZero() {
				from = "article header"
				if d, ok := extract.StoryDate(art.Text); ok {
					dct = d
				} else {
					fmt.Fprintf(cmd.ErrOrStderr(), "dyad: %s: no story date in the article header (give --date YYYY-MM-DD); relative expressions are left unresolved\n", articleID(art.Source))
				}
			}
			tg, err := timex.New()
			if err != nil {
				return fmt.Errorf("time-expression tagger: %w", err)
			}
			exprs := tg.Find(art.Text, dct)
			w := bufio.NewWriter(cmd.OutOrStdout())
			if asJSON {
				enc := json.NewEncoder(w)
				for i := range exprs {
					if err := enc.Encode(&exprs[i]); err != nil {
						return fmt.Errorf("writing expressions: %w", err)
					}
				}
				return w.Flush()
			}
			writeTimexTable(w, exprs, dct, from)
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&dateFlag, "date", "", "story date YYYY-MM-DD (default: read from the article header)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per expression (JSON Lines)")
	return cmd
}

// writeTimexTable prints the story date, then one row per expression.
func writeTimexTable(w *bufio.Writer, exprs []timex.Expr, dct time.Time, from string) {
	date := "story date unknown"
	if !dct.IsZero() {
		date = fmt.Sprintf("story date %s (from %s)", dct.Format("2006-01-02"), from)
	}
	fmt.Fprintf(w, "%s, %d time expressions\n\n", date, len(exprs))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "span\ttext\ttype\tvalue\tmod")
	for _, e := range exprs {
		fmt.Fprintf(tw, "%d-%d\t%s\t%s\t%s\t%s\n", e.Span.Start, e.Span.End,
			strings.Join(strings.Fields(e.Text), " "), e.Type, e.Value, e.Mod)
	}
	tw.Flush()
}
