package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/store"
)

func newExportCmd() *cobra.Command {
	var (
		db, format, out string
		f               store.Filter
		mentions        bool
	)
	cmd := &cobra.Command{
		Use:   "export --format csv|cameo-tsv|plover|parquet",
		Short: "Export stored events for R, pandas and other tools",
		Long: `export writes the stored events the filters select to standard output or
--out: by default one row per real event (event cluster) with its counts of
mentions, articles and outlets; with --mentions every event of every
article.

Formats:
  csv        a header row, then one row per event (docs/store.md lists the columns)
  cameo-tsv  date, source, target, CAMEO code, root, Goldstein, quad class, then
             mentions, articles, outlets and cluster id (with --mentions: the
             article and sentence instead, as dyad extract writes it)
  plover     JSON Lines of PLOVER records, one per reported predicate (always
             mentions, with the cluster each belongs to)
  parquet    a Parquet file (needs --out) with the columns of csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "csv", "cameo-tsv", "plover":
			case "parquet":
				if out == "" || out == "-" {
					return fmt.Errorf("--format parquet needs --out FILE")
				}
			default:
				return fmt.Errorf("--format %q: want csv, cameo-tsv, plover or parquet", format)
			}
			st, err := openStore(cmd.Context(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = cmd.OutOrStdout()
			if out != "" && out != "-" {
				fh, err := os.Create(out)
				if err != nil {
					return err
				}
				defer fh.Close()
				w = fh
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			if err := export(cmd, st, f, format, mentions, bw); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
	storeFlag(cmd, &db)
	filterFlags(cmd, &f)
	cmd.Flags().StringVar(&format, "format", "csv", "csv, cameo-tsv, plover or parquet")
	cmd.Flags().StringVarP(&out, "out", "o", "", "the file to write (default: standard output)")
	cmd.Flags().BoolVar(&mentions, "mentions", false, "every event of every article, not one row per real event")
	return cmd
}

func export(cmd *cobra.Command, st store.Store, f store.Filter, format string, mentions bool, w io.Writer) error {
	ctx := cmd.Context()
	switch {
	case format == "plover":
		enc := json.NewEncoder(w)
		// The events of one predicate are consecutive rows of a
		// sentence: group them by sentence, as dyad extract does.
		var group []event.Event
		var groupArt int64
		clusterOf := map[string]int64{}
		flush := func() error {
			for _, r := range ploverRecords(group) {
				rec := struct {
					*ploverRecord
					Cluster int64 `json:"cluster"`
				}{r, clusterOf[r.ID]}
				if err := enc.Encode(rec); err != nil {
					return err
				}
			}
			group = group[:0]
			clear(clusterOf)
			return nil
		}
		err := st.EachEvent(ctx, f, func(e store.Event) error {
			if len(group) > 0 && (groupArt != e.ArticleID || group[0].Sentence != e.Sentence) {
				if err := flush(); err != nil {
					return err
				}
			}
			group, groupArt = append(group, e.Event), e.ArticleID
			clusterOf[e.ID] = e.Cluster
			return nil
		})
		if err != nil {
			return err
		}
		return flush()
	case format == "cameo-tsv" && mentions:
		return st.EachEvent(ctx, f, func(e store.Event) error { return writeCameoTSV(w, &e.Event) })
	case format == "cameo-tsv":
		return st.EachCluster(ctx, f, func(c store.Cluster) error {
			_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%.1f\t%d\t%d\t%d\t%d\t%d\n", c.Date, c.Source, c.Target,
				c.CAMEO, c.Root, c.Goldstein, c.Quad, c.Mentions, c.Articles, c.Sources, c.ID)
			return err
		})
	case format == "csv" && mentions:
		return mentionsCSV(ctx, st, f, w)
	case format == "csv":
		return clustersCSV(ctx, st, f, w)
	case format == "parquet" && mentions:
		return writeParquet(w, func(put func(mentionRow) error) error {
			return st.EachEvent(ctx, f, func(e store.Event) error { return put(toMentionRow(e)) })
		})
	default: // parquet
		return writeParquet(w, func(put func(clusterRow) error) error {
			return st.EachCluster(ctx, f, func(c store.Cluster) error { return put(toClusterRow(c)) })
		})
	}
}

// writeParquet writes the rows each passes to put as a Parquet file.
func writeParquet[T any](w io.Writer, each func(put func(T) error) error) error {
	pw := parquet.NewGenericWriter[T](w)
	err := each(func(r T) error {
		_, err := pw.Write([]T{r})
		return err
	})
	if err != nil {
		return err
	}
	return pw.Close()
}

// clusterRow is a Parquet row of an event cluster.
type clusterRow struct {
	ID        int64    `parquet:"id"`
	Date      string   `parquet:"date"`
	Source    string   `parquet:"source"`
	Target    string   `parquet:"target"`
	CAMEO     string   `parquet:"cameo"`
	Root      string   `parquet:"root"`
	Quad      int32    `parquet:"quad"`
	Goldstein float64  `parquet:"goldstein"`
	Place     string   `parquet:"place"`
	Lat       *float64 `parquet:"lat,optional"`
	Lon       *float64 `parquet:"lon,optional"`
	Mentions  int32    `parquet:"mentions"`
	Articles  int32    `parquet:"articles"`
	Sources   int32    `parquet:"sources"`
}

func toClusterRow(c store.Cluster) clusterRow {
	return clusterRow{ID: c.ID, Date: c.Date, Source: c.Source, Target: c.Target, CAMEO: c.CAMEO, Root: c.Root,
		Quad: int32(c.Quad), Goldstein: c.Goldstein, Place: c.Place, Lat: c.Lat, Lon: c.Lon,
		Mentions: int32(c.Mentions), Articles: int32(c.Articles), Sources: int32(c.Sources)}
}

// mentionRow is a Parquet row of one coded event.
type mentionRow struct {
	N            int32    `parquet:"n"`
	Cluster      int64    `parquet:"cluster"`
	ArticleID    int64    `parquet:"article_id"`
	ID           string   `parquet:"id"`
	Date         string   `parquet:"date"`
	Source       string   `parquet:"source"`
	SourceEntity string   `parquet:"source_entity"`
	Target       string   `parquet:"target"`
	TargetEntity string   `parquet:"target_entity"`
	CAMEO        string   `parquet:"cameo"`
	Root         string   `parquet:"root"`
	Quad         int32    `parquet:"quad"`
	Goldstein    float64  `parquet:"goldstein"`
	Plover       string   `parquet:"plover"`
	Mode         string   `parquet:"mode"`
	Place        string   `parquet:"place"`
	Lat          *float64 `parquet:"lat,optional"`
	Lon          *float64 `parquet:"lon,optional"`
	Sentence     string   `parquet:"sentence"`
	Predicate    string   `parquet:"predicate"`
	Pattern      string   `parquet:"pattern"`
	Coder        string   `parquet:"coder"`
}

func toMentionRow(e store.Event) mentionRow {
	r := mentionRecord(e)
	m := mentionRow{N: int32(e.N), Cluster: e.Cluster, ArticleID: e.ArticleID, ID: e.ID, Date: e.Date,
		Source: r[5], SourceEntity: r[6], Target: r[7], TargetEntity: r[8], CAMEO: e.CAMEO, Root: e.Root,
		Quad: int32(e.Quad), Goldstein: e.Goldstein, Plover: e.Plover.Event, Mode: e.Plover.Mode, Place: r[15],
		Sentence: r[18], Predicate: r[19], Pattern: r[20], Coder: e.Coder}
	if l := e.Location; l != nil {
		lat, lon := l.Lat, l.Lon
		m.Lat, m.Lon = &lat, &lon
	}
	return m
}
