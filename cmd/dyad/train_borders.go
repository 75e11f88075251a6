package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/geo"
)

func newTrainBordersCmd() *cobra.Command {
	var (
		out string
		opt geo.BorderOptions
	)
	cmd := &cobra.Command{
		Use:   "borders",
		Short: "Compute the land borders between states from Natural Earth's country shapes",
		Long: `borders computes the land border of every pair of neighbouring states and a
point on it, which locates events "near the border with Iran" (docs/geo.md,
"Borders"), and writes them to --out.

  shapes   Natural Earth 4.1.0 admin-0 countries at 1:50m (public domain), as
           TopoJSON from the npm package world-atlas 2.0.2 (ISC), fetched from
           the npm registry and checked against its sha512 integrity, or --atlas
  codes    ISO 3166-1 numeric to alpha-3 from Debian iso-codes

The build is deterministic for given inputs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Logf = func(format string, args ...any) { fmt.Fprintf(cmd.ErrOrStderr(), format+"\n", args...) }
			list, err := geo.BuildBorders(cmd.Context(), opt)
			if err != nil {
				return err
			}
			f, err := os.Create(out + ".tmp")
			if err != nil {
				return err
			}
			if err := geo.WriteBorders(f, list); err != nil {
				f.Close()
				return fmt.Errorf("%s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return err
			}
			opt.Logf("borders: %d land borders; %s", len(list), out)
			return os.Rename(out+".tmp", out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "internal/models/borders.tsv", "file to write the borders to")
	f.StringVar(&opt.Atlas, "atlas", "", "world-atlas countries-50m.json or its tarball (default: fetch it from the npm registry)")
	f.StringVar(&opt.ISOCodes, "iso-codes", geo.DefaultISOCodes, "folder of Debian iso-codes' JSON files (iso_3166-1.json)")
	return cmd
}
