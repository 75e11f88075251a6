package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/store"
)

// filterFlags are the flags that select events, shared by the query
// commands.
func filterFlags(cmd *cobra.Command, f *store.Filter) {
	fl := cmd.Flags()
	fl.StringVar(&f.Actor, "actor", "", "an actor on either side: entity (ebrahim-raisi), country (IRN) or CAMEO code (IRNGOV)")
	fl.StringVar(&f.Source, "source", "", "the source actor: entity, country or CAMEO code")
	fl.StringVar(&f.Target, "target", "", "the target actor: entity, country or CAMEO code")
	fl.StringVar(&f.Country, "country", "", "a country (alpha-3) on either side")
	fl.StringVar(&f.Sector, "sector", "", "a sector on either side (GOV, MIL, COP, REB, ...)")
	fl.StringVar(&f.CAMEO, "cameo", "", "a CAMEO code or prefix (19: the root, 195: one code)")
	fl.IntVar(&f.Quad, "quad", 0, "a quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	fl.StringVar(&f.Plover, "plover", "", "a PLOVER event type (ASSAULT, CONSULT, ...)")
	fl.StringVar(&f.From, "from", "", "first date, YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&f.Place, "place", "", "a place name, or the country (alpha-3) where events happened")
	fl.StringVar(&f.Text, "text", "", "full-text search of the articles (SQLite FTS5 syntax: missile AND Pakistan, \"drone strike\")")
}

func newEventsCmd() *cobra.Command {
	var (
		db, format string
		f          store.Filter
		mentions   bool
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List stored events: one row per real event (cluster), or every mention",
		Long: `events lists the stored events the filters select. By default one row per
event cluster: one real event however many articles report it, with its
counts of mentions, articles and outlets (docs/store.md). --mentions lists
every event coded from every article instead, with its evidence.

Formats: table (default), json, jsonl, csv.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "table", "json", "jsonl", "csv":
			default:
				return fmt.Errorf("--format %q: want table, json, jsonl or csv", format)
			}
			st, err := openStore(cmd.Context(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			if mentions {
				return writeMentions(cmd, st, f, format, w)
			}
			return writeClusters(cmd, st, f, format, w)
		},
	}
	storeFlag(cmd, &db)
	filterFlags(cmd, &f)
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "the most rows (0: all)")
	cmd.Flags().Int64Var(&f.After, "after", 0, "only rows of a greater id, a cluster's or with --mentions an article's (to page through results)")
	cmd.Flags().StringVar(&format, "format", "table", "table, json, jsonl or csv")
	cmd.Flags().BoolVar(&mentions, "mentions", false, "every coded event of every article, not one row per real event")
	return cmd
}

var clusterHeader = []string{"id", "date", "source", "target", "cameo", "root", "quad", "goldstein", "place", "lat", "lon", "mentions", "articles", "sources"}

func clusterRecord(c store.Cluster) []string {
	ll := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', 4, 64)
	}
	return []string{strconv.FormatInt(c.ID, 10), c.Date, c.Source, c.Target, c.CAMEO, c.Root, strconv.Itoa(c.Quad),
		strconv.FormatFloat(c.Goldstein, 'f', 1, 64), c.Place, ll(c.Lat), ll(c.Lon),
		strconv.Itoa(c.Mentions), strconv.Itoa(c.Articles), strconv.Itoa(c.Sources)}
}

func writeClusters(cmd *cobra.Command, st store.Store, f store.Filter, format string, w io.Writer) error {
	ctx := cmd.Context()
	switch format {
	case "json":
		cls, err := st.Clusters(ctx, f)
		if err != nil {
			return err
		}
		if cls == nil {
			cls = []store.Cluster{}
		}
		return writeJSON(w, cls)
	case "jsonl":
		enc := json.NewEncoder(w)
		return st.EachCluster(ctx, f, func(c store.Cluster) error { return enc.Encode(c) })
	case "csv":
		return clustersCSV(ctx, st, f, w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join([]string{"id", "date", "source", "target", "cameo", "quad", "goldstein", "place", "mentions", "articles", "sources"}, "\t")))
	err := st.EachCluster(ctx, f, func(c store.Cluster) error {
		r := clusterRecord(c)
		_, err := fmt.Fprintln(tw, strings.Join([]string{r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[11], r[12], r[13]}, "\t"))
		return err
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

var mentionHeader = []string{"n", "cluster", "article_id", "id", "date", "source", "source_entity", "target", "target_entity",
	"cameo", "root", "quad", "goldstein", "plover", "mode", "place", "lat", "lon", "sentence", "predicate", "pattern", "coder"}

func mentionRecord(e store.Event) []string {
	src, tgt := "", ""
	srcEnt, tgtEnt := "", ""
	if e.Source != nil {
		src, srcEnt = e.Source.Code, e.Source.Entity
	}
	if e.Target != nil {
		tgt, tgtEnt = e.Target.Code, e.Target.Entity
	}
	place, lat, lon := "", "", ""
	if l := e.Location; l != nil {
		place, lat, lon = l.Name, strconv.FormatFloat(l.Lat, 'f', 4, 64), strconv.FormatFloat(l.Lon, 'f', 4, 64)
	}
	return []string{strconv.Itoa(e.N), strconv.FormatInt(e.Cluster, 10), strconv.FormatInt(e.ArticleID, 10),
		e.ID, e.Date, src, srcEnt, tgt, tgtEnt, e.CAMEO, e.Root, strconv.Itoa(e.Quad),
		strconv.FormatFloat(e.Goldstein, 'f', 1, 64), e.Plover.Event, e.Plover.Mode, place, lat, lon,
		e.Evidence.Sentence.Text, e.Evidence.Predicate.Text, e.Evidence.Pattern, e.Coder}
}

func writeMentions(cmd *cobra.Command, st store.Store, f store.Filter, format string, w io.Writer) error {
	ctx := cmd.Context()
	switch format {
	case "json":
		evs := []store.Event{}
		if err := st.EachEvent(ctx, f, func(e store.Event) error { evs = append(evs, e); return nil }); err != nil {
			return err
		}
		return writeJSON(w, evs)
	case "jsonl":
		enc := json.NewEncoder(w)
		return st.EachEvent(ctx, f, func(e store.Event) error { return enc.Encode(e) })
	case "csv":
		return mentionsCSV(ctx, st, f, w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tCLUSTER\tDATE\tSOURCE\tTARGET\tCAMEO\tQUAD\tPLACE\tPREDICATE")
	err := st.EachEvent(ctx, f, func(e store.Event) error {
		r := mentionRecord(e)
		_, err := fmt.Fprintln(tw, strings.Join([]string{r[2], r[1], r[4], r[5], r[7], r[9], r[11], r[15], r[19]}, "\t"))
		return err
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// clustersCSV writes the selected event clusters as CSV with a header.
func clustersCSV(ctx context.Context, st store.Store, f store.Filter, w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(clusterHeader)
	if err := st.EachCluster(ctx, f, func(c store.Cluster) error { return cw.Write(clusterRecord(c)) }); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// mentionsCSV writes the selected events as CSV with a header.
func mentionsCSV(ctx context.Context, st store.Store, f store.Filter, w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(mentionHeader)
	if err := st.EachEvent(ctx, f, func(e store.Event) error { return cw.Write(mentionRecord(e)) }); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func newSeriesCmd() *cobra.Command {
	var (
		db, format string
		q          store.SeriesQuery
	)
	cmd := &cobra.Command{
		Use:   "series A B",
		Short: "A dyad's time series: events by quad class, Goldstein sum and mean, per day, week or month",
		Long: `series counts the real events (event clusters, each once however many
articles report it) between two actors per period, by quad class (1 verbal
cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict), with the sum and mean of their Goldstein scores and the mentions
behind them: the dyad series analysts plot. A and B are states (IRN, PAK)
or groups (JAA); both directions count unless --directed. Every period
from the first to the last is listed, empty ones with zeros.

Formats: table (default), json, csv.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "table", "json", "csv":
			default:
				return fmt.Errorf("--format %q: want table, json or csv", format)
			}
			q.A, q.B = actorKeyArg(args[0]), actorKeyArg(args[1])
			st, err := openStore(cmd.Context(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()
			pts, err := st.Series(cmd.Context(), q)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			switch format {
			case "json":
				if pts == nil {
					pts = []store.Point{}
				}
				return writeJSON(w, pts)
			case "csv":
				cw := csv.NewWriter(w)
				cw.Write([]string{"period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean", "mentions"})
				for _, p := range pts {
					cw.Write(pointRecord(p))
				}
				cw.Flush()
				return cw.Error()
			}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "PERIOD\tEVENTS\tVERB COOP\tMAT COOP\tVERB CONFL\tMAT CONFL\tGOLDSTEIN\tMEAN\tMENTIONS\t")
			for _, p := range pts {
				fmt.Fprintln(tw, strings.Join(pointRecord(p), "\t")+"\t")
			}
			return tw.Flush()
		},
	}
	storeFlag(cmd, &db)
	cmd.Flags().StringVar(&q.By, "by", "day", "day, week or month")
	cmd.Flags().BoolVar(&q.Directed, "directed", false, "only events of A against B")
	cmd.Flags().StringVar(&q.From, "from", "", "first date, YYYY-MM-DD")
	cmd.Flags().StringVar(&q.To, "to", "", "last date, YYYY-MM-DD")
	cmd.Flags().StringVar(&format, "format", "table", "table, json or csv")
	return cmd
}

// actorKeyArg reads an actor key from the command line: state, group and
// organisation codes in any case ("irn", "isil", "nato"); a provisional
// entity ("?sistan baluchestan") as it is.
func actorKeyArg(s string) string {
	if strings.HasPrefix(s, "?") {
		return s
	}
	return strings.ToUpper(s)
}

func pointRecord(p store.Point) []string {
	return []string{p.Period, strconv.Itoa(p.Events), strconv.Itoa(p.Quad[0]), strconv.Itoa(p.Quad[1]),
		strconv.Itoa(p.Quad[2]), strconv.Itoa(p.Quad[3]), strconv.FormatFloat(p.GoldsteinSum, 'f', 1, 64),
		strconv.FormatFloat(p.GoldsteinMean, 'f', 2, 64), strconv.Itoa(p.Mentions)}
}

// addActorQuery makes dyad actors list the stored actors: the most active
// ones, or with an argument the partners of one.
func addActorQuery(cmd *cobra.Command) {
	var (
		db, format string
		f          store.Filter
		top        int
	)
	cmd.Short = "List the most active actors of the stored events, or an actor's partners; check the knowledge base"
	cmd.Long = `actors lists the actors of the stored events the filters select, the most
active first: the number of real events (event clusters) each is a side of,
by quad class, and the mean Goldstein score. With an ACTOR (entity
"ebrahim-raisi", country "IRN" or CAMEO code "IRNGOV"), it lists that
actor's partners instead. "dyad actors check" compiles the knowledge base.

Formats: table (default), json, csv.`
	cmd.Args = cobra.MaximumNArgs(1)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch format {
		case "table", "json", "csv":
		default:
			return fmt.Errorf("--format %q: want table, json or csv", format)
		}
		st, err := openStore(cmd.Context(), db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		var acts []store.ActorCount
		if len(args) == 1 {
			acts, err = st.Partners(cmd.Context(), args[0], f, top)
		} else {
			acts, err = st.Actors(cmd.Context(), f, top)
		}
		if err != nil {
			return err
		}
		w := bufio.NewWriter(cmd.OutOrStdout())
		defer w.Flush()
		rec := func(a store.ActorCount) []string {
			return []string{a.Entity, a.Name, a.Country, a.Sector, a.Kind, strconv.Itoa(a.Events), strconv.Itoa(a.Quad[0]),
				strconv.Itoa(a.Quad[1]), strconv.Itoa(a.Quad[2]), strconv.Itoa(a.Quad[3]), strconv.FormatFloat(a.Goldstein, 'f', 2, 64)}
		}
		switch format {
		case "json":
			if acts == nil {
				acts = []store.ActorCount{}
			}
			return writeJSON(w, acts)
		case "csv":
			cw := csv.NewWriter(w)
			cw.Write([]string{"entity", "name", "country", "sector", "kind", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_mean"})
			for _, a := range acts {
				cw.Write(rec(a))
			}
			cw.Flush()
			return cw.Error()
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ENTITY\tNAME\tCOUNTRY\tSECTOR\tKIND\tEVENTS\tQ1\tQ2\tQ3\tQ4\tGOLDSTEIN")
		for _, a := range acts {
			fmt.Fprintln(tw, strings.Join(rec(a), "\t"))
		}
		return tw.Flush()
	}
	storeFlag(cmd, &db)
	filterFlags(cmd, &f)
	cmd.Flags().IntVar(&top, "top", 20, "the most actors listed (0: all)")
	cmd.Flags().StringVar(&format, "format", "table", "table, json or csv")
}
