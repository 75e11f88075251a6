package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	geoeval "github.com/dyadproject/dyad/internal/eval/geo"
	"github.com/dyadproject/dyad/internal/geo"
)

func newGeoCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "geo [FILE|URL|-]",
		Short: "Find the place names of an article and resolve them to GeoNames places",
		Long: `geo reads an article (standard input when no argument or "-", a file, or
an http(s) URL whose page is reduced to its main text) and prints its
toponyms: byte span, text, the place each was resolved to (name, first-level
region, country, latitude, longitude, GeoNames id) and how many gazetteer
entries bear the name. A toponym resolved to no place has empty place
columns. --json prints one JSON object per toponym (JSON Lines).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			art, err := openArticle(cmd, args)
			if err != nil {
				return err
			}
			r, err := geoeval.NewResolver()
			if err != nil {
				return fmt.Errorf("place resolver: %w", err)
			}
			tops := r.Find(art.Text)
			w := bufio.NewWriter(cmd.OutOrStdout())
			if asJSON {
				enc := json.NewEncoder(w)
				for i := range tops {
					if err := enc.Encode(&tops[i]); err != nil {
						return fmt.Errorf("writing toponyms: %w", err)
					}
				}
				return w.Flush()
			}
			writeGeoTable(w, tops)
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per toponym (JSON Lines)")
	return cmd
}

// writeGeoTable prints the count, then one row per toponym.
func writeGeoTable(w *bufio.Writer, tops []geo.Toponym) {
	fmt.Fprintf(w, "%d toponyms\n\n", len(tops))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "span\ttext\tplace\tadmin1\tcountry\tlat\tlon\tgeonameid\tcandidates")
	for _, t := range tops {
		fmt.Fprintf(tw, "%d-%d\t%s\t", t.Span.Start, t.Span.End, strings.Join(strings.Fields(t.Text), " "))
		if p := t.Place; p != nil {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.4f\t%.4f\t%d\t", p.Name, p.Admin1, p.Country, p.Lat, p.Lon, p.ID)
		} else {
			fmt.Fprint(tw, "-\t\t\t\t\t\t")
		}
		fmt.Fprintln(tw, strconv.Itoa(t.Candidates))
	}
	tw.Flush()
}
