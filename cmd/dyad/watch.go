package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/watch"
)

func newWatchCmd() *cobra.Command {
	var (
		opt          extractOptions
		db           string
		every        time.Duration
		follow, once bool
	)
	cmd := &cobra.Command{
		Use:   "watch [--db PATH] [--every 15m] [--follow] [--once] FEED_URL|FILE_OF_URLS...",
		Short: "Poll RSS/Atom/JSON feeds and ingest their new items, politely",
		Long: `watch polls news feeds and ingests the items the store does not hold yet, as
dyad ingest does. A name with :// is a feed URL, any other a file of feed
URLs, one a line (# starts a comment).

Each feed is polled every --every (never more often than once a minute) with
a conditional GET: the ETag and Last-Modified of its last successful poll are
sent back, so an unchanged feed costs a 304 and no coding. A feed that fails
(network, HTTP 4xx or 5xx, a body that is no feed) waits --every times 2, 4,
8... after each failure in a row, at most a day, and at least what a 429's
or 503's Retry-After asks; a success resets it. A failing feed is reported
and never stops the others. One request per host at a time, a User-Agent
naming dyad, 30 s and 16 MiB per feed.

The feeds' state (validators, next poll, failures, last error) is kept in the
store, so a restarted watcher resumes where it stopped. One line per poll is
printed on stderr: the feed, its status, items, new items, events and the
next poll. watch runs until Ctrl-C; --once polls every feed once and exits
(for cron: it passes over feeds backing off or polled less than a minute
ago, and fails when a feed failed).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			errw := cmd.ErrOrStderr()
			urls, err := watch.URLs(args)
			if err != nil {
				return err
			}
			if len(urls) == 0 {
				return fmt.Errorf("no feed to watch in %q", args)
			}
			if every < watch.MinInterval {
				fmt.Fprintf(errw, "dyad watch: --every %s is under the minimum: polling every %s\n", every, watch.MinInterval)
			}
			icfg, err := opt.ingestConfig(ctx, db)
			if err != nil {
				return err
			}
			st := icfg.Store
			defer st.Close()
			var mu sync.Mutex // one line at a time
			w, err := watch.New(ctx, watch.Config{
				Ingest: icfg, Every: every, Follow: follow, Seed: uint64(time.Now().UnixNano()),
				Report: func(r watch.Result) {
					mu.Lock()
					defer mu.Unlock()
					fmt.Fprintln(errw, "dyad watch:", r)
				},
			}, urls)
			if err != nil {
				return err
			}
			if once {
				failed := 0
				for _, r := range w.Once(ctx) {
					if r.Err != nil {
						failed++
					}
				}
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("watch: %w", err)
				}
				if failed > 0 {
					return fmt.Errorf("watch: %d of %d feeds failed", failed, len(urls))
				}
				return nil
			}
			fmt.Fprintf(errw, "dyad watch: %d feeds every %s into %s; Ctrl-C stops\n", len(urls), w.Every(), st.Location())
			w.Run(ctx)
			return nil
		},
	}
	opt.flags(cmd)
	storeFlag(cmd, &db)
	cmd.Flags().DurationVar(&every, "every", watch.DefaultEvery, "how often each feed is polled (at least 1m)")
	cmd.Flags().BoolVar(&follow, "follow", false, "code the page each new item links to instead of its summary")
	cmd.Flags().BoolVar(&once, "once", false, "poll every feed once and exit")
	return cmd
}
