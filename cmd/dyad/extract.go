package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/pipeline"
	"github.com/dyadproject/dyad/internal/source"
)

// extractOptions are the flags that build an extractor.
type extractOptions struct {
	models, kb, patterns string
	beam                 int
	monadic, negated     bool
}

func (o *extractOptions) flags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.models, "models", "", "folder of syntax model files to use instead of the embedded ones")
	cmd.Flags().StringVar(&o.kb, "kb", "", "folder of actor knowledge-base files to use instead of the embedded ones (docs/actors.md)")
	cmd.Flags().StringVar(&o.patterns, "patterns", "", "folder of verb-pattern files to use instead of the embedded ones (docs/coder.md)")
	cmd.Flags().IntVar(&o.beam, "beam", 0, "parser beam width: 1 is fastest, 0 keeps the trained width")
	cmd.Flags().BoolVar(&o.monadic, "monadic", false, "keep events that have a source but no target")
	cmd.Flags().BoolVar(&o.negated, "negated", false, "keep negated events (flagged \"negated\": true)")
}

func (o *extractOptions) options() extract.Options {
	return extract.Options{Models: o.models, KB: o.kb, Patterns: o.patterns, Beam: o.beam,
		Coder: coder.Config{Monadic: o.monadic, KeepNegated: o.negated}}
}

func (o *extractOptions) build() (*extract.Extractor, error) { return extract.Build(o.options()) }

func newExtractCmd() *cobra.Command {
	var (
		opt        extractOptions
		format, in string
		workers    int
		dateFlag   string
		follow     bool
	)
	cmd := &cobra.Command{
		Use:   "extract [FILE|DIR|URL|-]...",
		Short: "Code the events of articles: who did what to whom, when and where",
		Long: `extract reads articles and prints their events. It reads standard input
when no argument or "-" is given, files, the readable files of a folder,
and http(s) URLs; the content and the name tell a text, a web page, an
RSS/Atom/JSON feed (one article per item; --follow codes the linked pages),
a WARC or WARC.gz archive (one article per HTML or text response), JSON
Lines or JSON of articles (fields id, url, title, published, text, author
and their common aliases) apart (docs/sources.md). --in jsonl, json or csv
reads every input as that kind.

Formats: json (default; one readable object per article with its events),
jsonl (one event per line), plover (one PLOVER record per predicate, with
actor and recipient lists),
cameo-tsv (date, source, target, CAMEO code, root, Goldstein, quad class,
article, sentence).

The story date, against which "on Thursday" is read, is, in this order:
--date; a web page's publication metadata, a feed item's date or a
record's date field (JSON, CSV, Reuters, TimeML); the article's header line
("April 12, 2024 - 20:12"); an archive's WARC-Date; else today, with a
warning. date_from in the output says which. Dates keep the publisher's
time zone: "01:10 IRST" on April 12 is April 12.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := parseDateFlag(dateFlag)
			if err != nil {
				return err
			}
			switch in {
			case "text", "jsonl", "json", "csv":
			default:
				return fmt.Errorf("--in %q: want text, jsonl, json or csv", in)
			}
			switch format {
			case "json", "jsonl", "plover", "cameo-tsv":
			default:
				return fmt.Errorf("--format %q: want json, jsonl, plover or cameo-tsv", format)
			}
			x, err := opt.build()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				args = []string{"-"}
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			defer w.Flush()
			// Articles are read in order by one goroutine, coded by
			// --workers goroutines, and written in input order.
			ctx, cancel := context.WithCancel(cmd.Context())
			defer cancel()
			arts := make(chan extract.Article)
			var readErr error
			go func() {
				defer close(arts)
				send := func(a extract.Article) error {
					select {
					case arts <- a:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				readErr = readArticles(ctx, cmd, args, in, follow, send)
			}()
			next := func() (extract.Article, bool, error) {
				a, ok := <-arts
				return a, ok, nil
			}
			code := func(ctx context.Context, a extract.Article) (*extract.Result, error) {
				if !date.IsZero() {
					a.Date, a.DateFrom = date, ""
				}
				return x.Extract(ctx, a)
			}
			err = pipeline.Ordered(ctx, workers, next, code, func(res *extract.Result) error {
				for _, warn := range res.Warnings {
					fmt.Fprintf(cmd.ErrOrStderr(), "dyad: %s: %s\n", res.Article, warn)
				}
				return writeEvents(w, format, res)
			})
			cancel()
			for range arts {
			}
			if err == nil {
				err = readErr
			}
			if err != nil {
				return err
			}
			return w.Flush()
		},
	}
	opt.flags(cmd)
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, jsonl, plover or cameo-tsv")
	cmd.Flags().StringVar(&in, "in", "text", "input kind: text (told by content and name), or every input read as jsonl (JSON Lines of articles), json or csv")
	cmd.Flags().StringVar(&dateFlag, "date", "", "story date YYYY-MM-DD (default: read from the article)")
	cmd.Flags().IntVar(&workers, "workers", 0, "articles coded at once (0: one per CPU)")
	cmd.Flags().BoolVar(&follow, "follow", false, "for feeds: fetch the page each item links to and code its main text instead of the item's summary")
	return cmd
}

// readArticles sends every article the arguments name: files, the
// readable files of folders, URLs and standard input, each read as
// --in says (text: told by content and name).
func readArticles(ctx context.Context, cmd *cobra.Command, args []string, in string, follow bool, send func(extract.Article) error) error {
	kind := in
	if kind == "text" {
		kind = ""
	}
	for _, name := range args {
		names, err := source.Files(name)
		if err != nil {
			return err
		}
		for _, n := range names {
			opt := source.Options{Stdin: cmd.InOrStdin(), Follow: follow, Kind: kind}
			err := source.Read(ctx, n, opt, func(art *source.Article) error {
				return send(extract.Article{ID: articleName(n, art), Title: art.Title, Text: art.Text, Published: art.Published,
					PublishedFrom: art.PublishedFrom, Crawled: art.Crawled, Warnings: art.Warnings})
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// articleName names an article of the source n in dyad's output: a
// record by its own id, an article of a file after the file (without
// folders), a feed item or an archived page by its URL.
func articleName(n string, a *source.Article) string {
	if a.ID != "" {
		return a.ID
	}
	if a.Source == n {
		return articleID(n)
	}
	if rest, ok := strings.CutPrefix(a.Source, n+"#"); ok {
		return articleID(n) + "#" + rest
	}
	return a.Source
}

// articleID names an article after its file, without folders.
func articleID(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	if strings.Contains(name, "://") {
		return name
	}
	return strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
}

// parseDateFlag reads --date (YYYY-MM-DD); "" is the zero time.
func parseDateFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

func writeEvents(w io.Writer, format string, res *extract.Result) error {
	switch format {
	case "json":
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "jsonl":
		enc := json.NewEncoder(w)
		for i := range res.Events {
			if err := enc.Encode(&res.Events[i]); err != nil {
				return err
			}
		}
	case "plover":
		enc := json.NewEncoder(w)
		for _, r := range ploverRecords(res.Events) {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
	case "cameo-tsv":
		for i := range res.Events {
			if err := writeCameoTSV(w, &res.Events[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeCameoTSV writes an event as a line of date, source, target, CAMEO
// code, root, Goldstein, quad class, article and sentence.
func writeCameoTSV(w io.Writer, e *event.Event) error {
	src, tgt := "", ""
	if e.Source != nil {
		src = e.Source.Code
	}
	if e.Target != nil {
		tgt = e.Target.Code
	}
	_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%.1f\t%d\t%s\t%d\n", e.Date, src, tgt,
		e.CAMEO, e.Root, e.Goldstein, e.Quad, e.Article, e.Sentence)
	return err
}

// ploverActor is one actor of a PLOVER record.
type ploverActor struct {
	Name    string `json:"name"`
	Entity  string `json:"entity"`
	Country string `json:"country"`
	Type    string `json:"type"`
	Text    string `json:"text"`
}

// ploverRecord is the PLOVER interchange shape of an event: one record
// per predicate, with the lists of its actors and recipients (where CAMEO
// output has one dyad per pair).
type ploverRecord struct {
	ID        string        `json:"id"`
	Date      string        `json:"date"`
	Event     string        `json:"event"`
	Mode      string        `json:"mode"`
	Context   []string      `json:"context"`
	Actor     []ploverActor `json:"actor"`
	Recipient []ploverActor `json:"recipient"`
	EventText string        `json:"event_text"`
	CAMEO     string        `json:"cameo"`
	Article   string        `json:"source_article"`
	Sentence  int           `json:"sentence"`
	Pattern   string        `json:"pattern"`
}

// ploverRecords groups the events of one predicate (a compound actor
// coded pair by pair, or a mutual relation coded both ways) into one
// PLOVER record with actor lists, in the order of the events.
func ploverRecords(evs []event.Event) []*ploverRecord {
	var out []*ploverRecord
	byKey := map[string]*ploverRecord{}
	add := func(list []ploverActor, a *event.Actor) []ploverActor {
		if a == nil {
			return list
		}
		for _, x := range list {
			if x.Entity == a.Entity && x.Country == a.Country && x.Type == a.Sector {
				return list
			}
		}
		return append(list, ploverActor{a.Name, a.Entity, a.Country, a.Sector, a.Text})
	}
	for i := range evs {
		e := &evs[i]
		src, tgt := e.Source, e.Target
		if e.Evidence.Symmetric {
			continue // the other direction of a mutual relation: already listed
		}
		key := fmt.Sprintf("%s|%d|%d|%s", e.Article, e.Sentence, e.Evidence.Predicate.Span.Start, e.CAMEO)
		r := byKey[key]
		if r == nil {
			r = &ploverRecord{ID: e.ID, Date: e.Date, Event: e.Plover.Event, Mode: e.Plover.Mode,
				Context: e.Plover.Context, EventText: e.Evidence.Predicate.Text, CAMEO: e.CAMEO,
				Article: e.Article, Sentence: e.Sentence, Pattern: e.Evidence.Pattern,
				Actor: []ploverActor{}, Recipient: []ploverActor{}}
			byKey[key] = r
			out = append(out, r)
		}
		r.Actor = add(r.Actor, src)
		r.Recipient = add(r.Recipient, tgt)
	}
	return out
}
