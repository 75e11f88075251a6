package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/datadir"
	evevents "github.com/dyadproject/dyad/internal/eval/events"
	evgeo "github.com/dyadproject/dyad/internal/eval/geo"
	evtimex "github.com/dyadproject/dyad/internal/eval/timex"
	"github.com/dyadproject/dyad/internal/eval/ud"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/models"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/timex"
	"github.com/dyadproject/dyad/internal/treebank"
)

// evalFlags are the flags every suite takes (the `dyad eval` contract).
type evalFlags struct {
	data   string
	asJSON bool
}

func (f *evalFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.data, "data", "", "reference data folder (default $DYAD_DATA or ../shared/data)")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print one JSON object whose metrics are fractions between 0 and 1")
}

func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval SUITE",
		Short: "Score dyad on a reference suite",
		Long: `eval scores dyad on a reference suite from the data folder (--data, else
$DYAD_DATA, else ../shared/data) and prints a table, or with --json one
JSON object whose metrics are fractions between 0 and 1.`,
	}
	cmd.AddCommand(newEvalUDCmd(), newEvalEventsCmd(), newEvalDatesCmd(), newEvalTimexCmd(), newEvalGeoCmd(), newEvalLocationCmd())
	return cmd
}

func newEvalUDCmd() *cobra.Command {
	var (
		f         evalFlags
		split     string
		modelsDir string
	)
	cmd := &cobra.Command{
		Use:   "ud",
		Short: "CoNLL 2018 metrics on UD English-EWT test, from gold tokenization and from raw text",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := datadir.Require(f.data, treebank.EWT)
			if err != nil {
				return err
			}
			seg, err := segment.New()
			if err != nil {
				return err
			}
			syn, err := loadSyntax(modelsDir)
			if err != nil {
				return err
			}
			start := time.Now()
			r, err := ud.Run(cmd.Context(), dir, treebank.Split(split), seg, syn)
			if err != nil {
				return err
			}
			if f.asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				return enc.Encode(r.JSON())
			}
			return printUD(cmd.OutOrStdout(), r, split, time.Since(start))
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&split, "split", string(treebank.Test), "treebank split to score (test, dev)")
	cmd.Flags().StringVar(&modelsDir, "models", "", "folder of model files to score instead of the embedded ones")
	return cmd
}

// loadSyntax loads the syntax models from dir, or the embedded ones when
// dir is empty.
func loadSyntax(dir string) (*syntax.Analyzer, error) {
	return syntax.Load(models.Dir(dir))
}

func printUD(w io.Writer, r *ud.Result, split string, took time.Duration) error {
	fmt.Fprintf(w, "UD English-EWT %s: %d sentences, %d words (%.1fs)\n\n", split, r.Sentences, r.Words, took.Seconds())
	fmt.Fprintln(w, "From gold tokenization:")
	if err := ud.WriteTable(w, r.GoldTok); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nFrom raw text:")
	return ud.WriteTable(w, r.RawText)
}

func newEvalEventsCmd() *cobra.Command {
	var (
		f      evalFlags
		suite  string
		opt    extractOptions
		misses bool
	)
	cmd := &cobra.Command{
		Use:   "events --suite petr2-gsr|plover-gsr|tabari|petr",
		Short: "Score event coding on the peers' gold suites",
		Long: `events codes the sentences of a gold suite and compares the events:
petr2-gsr (PETRARCH-2 gold set, 78 AFP sentences, dyad's own knowledge base;
exact source, target and CAMEO code), plover-gsr (322 PLOVER records, event
type and source country of the first event), tabari and petr (the TABARI and
PETRARCH suites with their own dictionaries; need dyad dict import).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if suite == "plover-gsr" {
				opt.monadic = true
			}
			if suite == "tabari" || suite == "petr" {
				dir, notes, err := evevents.ImportSuite(suite, f.data, "")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				for _, n := range notes {
					fmt.Fprintf(cmd.ErrOrStderr(), "dyad: imported %s\n", n)
				}
				opt.kb, opt.patterns = dir, dir
			}
			x, err := opt.build()
			if err != nil {
				return err
			}
			code := func(ctx context.Context, id, text string, date time.Time) ([]event.Event, error) {
				res, err := x.Extract(ctx, extract.Article{ID: id, Text: text, Date: date})
				if err != nil {
					return nil, err
				}
				return res.Events, nil
			}
			start := time.Now()
			s, err := evevents.Run(cmd.Context(), suite, f.data, code)
			if err != nil {
				return err
			}
			if f.asJSON {
				return evevents.WriteJSON(cmd.OutOrStdout(), s)
			}
			if misses {
				for _, m := range s.Misses {
					fmt.Fprintln(cmd.OutOrStdout(), m)
				}
				fmt.Fprintln(cmd.OutOrStdout())
			}
			fmt.Fprintf(cmd.OutOrStdout(), "(%.1fs)\n", time.Since(start).Seconds())
			return evevents.WriteTable(cmd.OutOrStdout(), s)
		},
	}
	f.register(cmd)
	opt.flags(cmd)
	cmd.Flags().StringVar(&suite, "suite", "petr2-gsr", "suite: petr2-gsr, plover-gsr, tabari or petr")
	cmd.Flags().BoolVar(&misses, "misses", false, "list the records not coded exactly")
	return cmd
}

func newEvalTimexCmd() *cobra.Command {
	var (
		f         evalFlags
		suite     string
		misses    bool
		system    string
		exportDir string
	)
	cmd := &cobra.Command{
		Use:   "timex --suite te3-platinum|te3-aquaint|te3-timebank|wikiwars [--system FILE.jsonl | --export-docs DIR]",
		Short: "Score time expressions the TempEval-3 way: extents, types and values",
		Long: `timex finds the time expressions of a TimeML gold suite, each document
normalized against its creation time, and scores them as the TempEval-3
entity scorer does: strict (identical extent) and relaxed (overlapping
extent) precision, recall and F1, then type and value accuracy over the
relaxed matches, and value F1 = value accuracy x relaxed F1.
Suites: te3-platinum (the TempEval-3 test set, 20 documents), te3-aquaint
and te3-timebank (its training corpora), wikiwars (Wikipedia war
narratives, TIMEX3 conversion). --misses lists the gold expressions missed
or normalized differently and the spurious ones.

To score another system with the same reader and scorer: --export-docs DIR
writes each document's raw text (DIR/<doc>.txt) and DIR/docs.jsonl, one
{"doc","dct","file"} a line; run the system on those files; then --system
FILE scores its output, one JSON object a line:
  {"doc":"AP_20130322","start":120,"end":134,"type":"DATE","value":"2013-03-22"}
start and end are byte offsets into the document's text (UTF-8), type one
of DATE, TIME, DURATION, SET; "mod" is optional (docs/timex.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if system != "" && exportDir != "" {
				return errors.New("--system and --export-docs exclude each other")
			}
			start := time.Now()
			if exportDir != "" {
				docs, err := evtimex.ReadSuite(f.data, suite)
				if err != nil {
					return err
				}
				if err := evtimex.ExportDocs(exportDir, docs); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %d documents of %s and docs.jsonl to %s\n", len(docs), suite, exportDir)
				return nil
			}
			r, err := scoreTimex(cmd, f.data, suite, system)
			if err != nil {
				return err
			}
			if !misses {
				r.Misses = nil
			}
			w := cmd.OutOrStdout()
			if f.asJSON {
				return evtimex.WriteJSON(w, r)
			}
			writeMisses(w, r.Misses, misses, time.Since(start))
			return evtimex.WriteTable(w, r)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&suite, "suite", "te3-platinum", "suite: te3-platinum, te3-aquaint, te3-timebank or wikiwars")
	cmd.Flags().BoolVar(&misses, "misses", false, "list missed, mis-normalized and spurious expressions (with --json: a \"misses\" array)")
	cmd.Flags().StringVar(&system, "system", "", "score an outside system's expressions from this JSON Lines file (- for stdin) instead of dyad's")
	cmd.Flags().StringVar(&exportDir, "export-docs", "", "write each document's raw text to DIR/<doc>.txt and DIR/docs.jsonl ({\"doc\",\"dct\",\"file\"}), score nothing")
	return cmd
}

// scoreTimex scores dyad's tagger on suite, or with system set the
// expressions of that JSON Lines file ("-" is standard input).
func scoreTimex(cmd *cobra.Command, data, suite, system string) (*evtimex.Result, error) {
	if system == "" {
		tg, err := timex.New()
		if err != nil {
			return nil, fmt.Errorf("time-expression tagger: %w", err)
		}
		return evtimex.Run(cmd.Context(), data, suite, tg)
	}
	docs, err := evtimex.ReadSuite(data, suite)
	if err != nil {
		return nil, err
	}
	var in io.Reader = cmd.InOrStdin()
	if system != "-" {
		f, err := os.Open(system)
		if err != nil {
			return nil, fmt.Errorf("system output: %w", err)
		}
		defer f.Close()
		in = f
	}
	sys, err := evtimex.ReadSystem(in, docs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", system, err)
	}
	r, err := evtimex.ScoreSystem(cmd.Context(), suite, docs, sys)
	if err != nil {
		return nil, err
	}
	r.System = filepath.Base(system)
	return r, nil
}

func newEvalGeoCmd() *cobra.Command {
	var (
		f      evalFlags
		suite  string
		misses bool
		e2e    bool
		split  string
	)
	cmd := &cobra.Command{
		Use:   "geo --suite lgl|geowebnews|tr-news|geovirus [--split dev|test|all]",
		Short: "Score geocoding: error in km, accuracy within 161 km, mean and median error, AUC",
		Long: `geo resolves the gold toponyms of a geoparsing corpus and scores them as
Gritta et al. ("A pragmatic guide to geoparsing evaluation", LREV 2019) do:
for each gold toponym with coordinates, the great-circle error in km between
the gold and the resolved place; accuracy within 161 km, mean and median
error, and the AUC of the sorted log errors (0 is perfect, 1 all wrong). A
toponym left unresolved counts with the largest error, 20,039 km.
Suites: lgl (local US news, 4,462 toponyms with GeoNames ids), geowebnews
(2,399 with GeoNames ids), tr-news (1,275), geovirus (2,167, Wikinews on
epidemics). --e2e lets the resolver find the toponyms itself and adds
geotagging precision, recall and F1 (spans matched by overlap); the
geocoding is then scored over the gold toponyms it found. --errors (or
--misses) lists the toponyms geocoded more than 161 km away or not at all,
each with its bucket (unresolved, coordinates, admin1-vs-city,
wrong-country, wrong-place) and whether a candidate lay within 161 km,
and counts them by bucket. --split dev or test scores one half of the
documents (by a hash of the document id), to choose rules on dev and
measure them on test.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := evgeo.NewResolver()
			if err != nil {
				return fmt.Errorf("place resolver: %w", err)
			}
			start := time.Now()
			sp, err := evgeo.ParseSplit(split)
			if err != nil {
				return err
			}
			res, err := evgeo.Run(cmd.Context(), f.data, suite, r, evgeo.RunOptions{E2E: e2e, Split: sp})
			if err != nil {
				return err
			}
			if !misses {
				res.Misses, res.Buckets = nil, nil
			}
			w := cmd.OutOrStdout()
			if f.asJSON {
				return evgeo.WriteJSON(w, res)
			}
			writeMisses(w, res.Misses, misses, time.Since(start))
			return evgeo.WriteTable(w, res)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&suite, "suite", "lgl", "suite: lgl, geowebnews, tr-news or geovirus")
	cmd.Flags().BoolVar(&misses, "errors", false, "list the toponyms geocoded more than 161 km away, with their buckets (with --json: \"misses\" and \"buckets\")")
	cmd.Flags().BoolVar(&misses, "misses", false, "the same as --errors")
	cmd.Flags().StringVar(&split, "split", "all", "documents to score: all, dev or test (halves by a hash of the document id)")
	cmd.Flags().BoolVar(&e2e, "e2e", false, "find the toponyms too (geotagging P/R/F1), instead of resolving the gold ones")
	return cmd
}

// writeMisses prints the misses of a suite one a line, a blank line after
// them when they were asked for (shown), then the time the run took.
func writeMisses[M fmt.Stringer](w io.Writer, misses []M, shown bool, took time.Duration) {
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	if shown {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "(%.1fs)\n", took.Seconds())
}
