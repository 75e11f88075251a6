package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// storeFlag is the --db flag every store command has.
func storeFlag(cmd *cobra.Command, path *string) {
	cmd.Flags().StringVar(path, "store", "", "the store: a database file, or a PostgreSQL URL postgres://user:password@host/database (default $DYAD_DB, else "+store.DefaultPath()+")")
	cmd.Flags().StringVar(path, "db", "", "the same as --store")
}

// openStore opens the store at path, or at the default place.
func openStore(ctx context.Context, path string, readOnly bool) (store.Store, error) {
	if path == "" {
		path = store.DefaultPath()
	}
	return store.Open(ctx, path, store.Options{ReadOnly: readOnly, Similar: dedup.SimilarEncoded, Threshold: dedup.Threshold})
}

// ingestConfig builds the extractor, names its version and opens the
// store for writing: what dyad ingest, recode and watch code and store
// with. The caller closes the store.
func (o *extractOptions) ingestConfig(ctx context.Context, db string) (ingest.Config, error) {
	return o.ingestConfigWith(ctx, func() (store.Store, error) { return openStore(ctx, db, false) })
}

// ingestConfigWith is ingestConfig with the store opened by open.
func (o *extractOptions) ingestConfigWith(ctx context.Context, open func() (store.Store, error)) (ingest.Config, error) {
	x, err := o.build()
	if err != nil {
		return ingest.Config{}, err
	}
	ver, err := extract.Version(o.options(), version)
	if err != nil {
		return ingest.Config{}, err
	}
	st, err := open()
	if err != nil {
		return ingest.Config{}, err
	}
	return ingest.Config{Store: st, Extractor: x, Coder: ver, Hash: dedup.ContentHash, Sign: dedup.SignEncoded}, nil
}

func newIngestCmd() *cobra.Command {
	var (
		opt       extractOptions
		db        string
		workers   int
		batch     int
		follow    bool
		quiet     bool
		every     time.Duration
		noProgess bool
		queueURL  string
	)
	cmd := &cobra.Command{
		Use:   "ingest [FILE|DIR|URL|-]...",
		Short: "Read, code and store articles: files, folders, URLs, feeds, archives, JSON Lines",
		Long: `ingest reads articles from every source named (as dyad extract does:
text, web pages, RSS/Atom feeds, WARC archives, JSON Lines, and the files of
folders), codes them on every core and writes articles, sources and events
to the store, one transaction per batch.

An input already in the store (by its key: its path, PATH#ID for a record
of a file, or its URL) is passed over before coding, and an article whose
text is stored already only adds a source. So running the same command
again adds nothing, and a run interrupted at any moment (Ctrl-C, kill -9, a
crash) is resumed by running it again. A near-duplicate (the same story
with a new headline) is stored, coded and linked to its canonical article;
events reporting one real event are merged into one event cluster
(docs/store.md).

On a terminal a progress bar shows the rate and the time left; otherwise a
line is printed every --every. A summary ends the run.

With --queue, the articles are not coded here but published to a NATS
queue, in order, as one run, for dyad worker processes on any machines to
code and store (docs/scale.md); with --store too, inputs the store holds
are passed over.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"-"}
			}
			if queueURL != "" {
				return publish(cmd, queueURL, db, follow, quiet, args)
			}
			ctx := cmd.Context()
			cfg, err := opt.ingestConfig(ctx, db)
			if err != nil {
				return err
			}
			st := cfg.Store
			defer st.Close()
			errw := cmd.ErrOrStderr()
			prog := newProgress(errw, quiet, noProgess, every)
			cfg.Workers, cfg.Batch, cfg.Progress = workers, batch, prog.update
			cfg.Source = source.Options{Stdin: cmd.InOrStdin(), Follow: follow}
			stats, err := ingest.Run(ctx, cfg, args)
			prog.finish(stats)
			if !quiet {
				printSummary(errw, st.Location(), stats)
			}
			return err
		},
	}
	opt.flags(cmd)
	storeFlag(cmd, &db)
	cmd.Flags().IntVar(&workers, "workers", 0, "articles coded at once (0: one per CPU)")
	cmd.Flags().IntVar(&batch, "batch", 256, "articles written per transaction")
	cmd.Flags().BoolVar(&follow, "follow", false, "for feeds: code the page each item links to")
	cmd.Flags().StringVar(&queueURL, "queue", "", "publish the articles to this NATS queue for dyad worker, instead of coding them (nats://host:4222)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	cmd.Flags().BoolVar(&noProgess, "no-progress", false, "print periodic lines even on a terminal")
	cmd.Flags().DurationVar(&every, "every", 10*time.Second, "how often a progress line is printed when not on a terminal")
	return cmd
}

// progress shows how a run goes: a bar with rate and time left on a
// terminal, a line every so often otherwise.
type progress struct {
	w     io.Writer
	quiet bool
	every time.Duration
	last  time.Time
	p     *mpb.Progress
	bar   *mpb.Bar
	line  atomic.Value // the status the bar shows
}

func newProgress(w io.Writer, quiet, plain bool, every time.Duration) *progress {
	pr := &progress{w: w, quiet: quiet, every: every, last: time.Now()}
	// A bar needs a terminal that says how wide it is (a pseudo-terminal
	// of zero columns gets lines).
	if f, ok := w.(*os.File); ok && !quiet && !plain && term.IsTerminal(int(f.Fd())) && termWidth(f) > 0 {
		pr.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
		pr.bar = pr.p.New(0, mpb.BarStyle(),
			mpb.PrependDecorators(decor.Name("ingest "), decor.Percentage(decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { l, _ := pr.line.Load().(string); return l }),
				decor.Name(" ETA "), decor.EwmaETA(decor.ET_STYLE_GO, 30)))
	}
	return pr
}

func termWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

func (pr *progress) update(s ingest.Stats) {
	if pr.quiet {
		return
	}
	if pr.bar != nil {
		pr.line.Store(statusLine(s))
		if s.Total > 0 {
			pr.bar.SetTotal(s.Total, false)
			pr.bar.EwmaSetCurrent(s.Done, s.Elapsed)
		}
		return
	}
	if time.Since(pr.last) >= pr.every {
		pr.last = time.Now()
		fmt.Fprintf(pr.w, "dyad ingest: %s\n", statusLine(s))
	}
}

func (pr *progress) finish(s ingest.Stats) {
	if pr.bar != nil {
		pr.line.Store(statusLine(s))
		pr.bar.SetTotal(-1, true)
		pr.p.Wait()
	}
}

// statusLine is a one-line account of a run so far.
func statusLine(s ingest.Stats) string {
	secs := s.Elapsed.Seconds()
	if secs <= 0 {
		secs = 1e-9
	}
	line := fmt.Sprintf("%d articles read, %d new, %d events, %.1f articles/s, %.1f events/s",
		s.Read, s.Articles, s.Report.Events, float64(s.Coded)/secs, float64(s.Report.Events)/secs)
	if s.Total > 0 {
		line += fmt.Sprintf(", %.0f%% of the input", 100*float64(s.Done)/float64(s.Total))
	}
	return line
}

// printSummary ends a run: what was read, stored, passed over and why.
func printSummary(w io.Writer, path string, s ingest.Stats) {
	fmt.Fprintf(w, "dyad ingest: %s in %s\n", path, s.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  articles read      %8d\n", s.Read)
	fmt.Fprintf(w, "  already stored     %8d  (passed over)\n", s.Known+s.Report.Known)
	fmt.Fprintf(w, "  coded              %8d  (%.1f articles/s)\n", s.Coded, float64(s.Coded)/max(s.Elapsed.Seconds(), 1e-9))
	fmt.Fprintf(w, "  new articles       %8d  (%d near-duplicates of a stored article)\n", s.Articles, s.Near)
	fmt.Fprintf(w, "  exact duplicates   %8d  (a new source of a stored article)\n", s.Duplicates)
	fmt.Fprintf(w, "  skipped            %8d\n", s.Report.Skipped)
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		return s.Skipped[reasons[i]] > s.Skipped[reasons[j]] || s.Skipped[reasons[i]] == s.Skipped[reasons[j]] && reasons[i] < reasons[j]
	})
	for _, r := range reasons {
		fmt.Fprintf(w, "    %6d  %s\n", s.Skipped[r], strings.TrimSpace(r))
	}
	fmt.Fprintf(w, "  events             %8d  (%.1f events/s)\n", s.Report.Events, float64(s.Report.Events)/max(s.Elapsed.Seconds(), 1e-9))
	fmt.Fprintf(w, "  new event clusters %8d\n", s.Clusters)
}

func newRecodeCmd() *cobra.Command {
	var (
		opt     extractOptions
		db      string
		workers int
		all     bool
		quiet   bool
	)
	cmd := &cobra.Command{
		Use:   "recode",
		Short: "Code the stored articles again after a change of dictionaries, models or dyad itself",
		Long: `recode codes again every stored article whose current events were coded by
another coder version than this one (a version names the program and a
digest of its models, dictionaries and coding flags; --all codes every
article), keeping each article's story date. The article's events are
replaced and its event clusters recounted; the history of its codings (which
version, when, how many events) is kept (docs/store.md). Interrupted, it
resumes where it stopped when run again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, err := opt.ingestConfig(ctx, db)
			if err != nil {
				return err
			}
			st := cfg.Store
			defer st.Close()
			cfg.Workers = workers
			stats, err := ingest.Recode(ctx, cfg, all)
			if !quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "dyad recode: %s: %d articles coded again by %s in %s, %d events (%d new event clusters)\n",
					st.Location(), stats.Recoded, cfg.Coder, stats.Elapsed.Round(time.Millisecond), stats.Report.Events, stats.Clusters)
			}
			return err
		},
	}
	opt.flags(cmd)
	storeFlag(cmd, &db)
	cmd.Flags().IntVar(&workers, "workers", 0, "articles coded at once (0: one per CPU)")
	cmd.Flags().BoolVar(&all, "all", false, "code every article again, whatever coded it")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}
