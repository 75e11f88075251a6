package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/server"
	"github.com/dyadproject/dyad/internal/store"
)

func newServeCmd() *cobra.Command {
	var (
		opt     extractOptions
		db      string
		addr    string
		keyFile string
		maxBody int64
		// indexSeries builds the store's series index.
		indexSeries bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the store over HTTP: a JSON API, health and metrics",
		Long: `serve answers the JSON API documented at /api/openapi.json (events,
event clusters, dyad series, actors, articles with their evidence, full-text
search), /healthz and Prometheus /metrics, on --addr (loopback by default).

POST /api/ingest codes and stores articles and the pages or feeds of URLs.
It needs the API key, read from $DYAD_API_KEY or the first line of
--api-key-file, in an "Authorization: Bearer KEY" or "X-API-Key: KEY"
header; with no key the server does not ingest, and opens the store for
reading only. No other origin may read the answers (no CORS headers).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			key := os.Getenv("DYAD_API_KEY")
			if keyFile != "" {
				b, err := os.ReadFile(keyFile)
				if err != nil {
					return fmt.Errorf("api key: %w", err)
				}
				key, _, _ = strings.Cut(string(b), "\n")
				key = strings.TrimSpace(key)
			}
			var st store.Store
			var icfg *ingest.Config
			if key != "" {
				cfg, err := opt.ingestConfig(ctx, db)
				if err != nil {
					return err
				}
				st, icfg = cfg.Store, &cfg
			} else {
				var err error
				if st, err = openStore(ctx, db, true); err != nil {
					return fmt.Errorf("%w (run dyad ingest first, or set DYAD_API_KEY to ingest through the API)", err)
				}
			}
			defer st.Close()
			kb, err := actor.Load(actor.Embedded())
			if err != nil {
				return err
			}
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			srv, err := server.New(server.Config{Store: st, Ingest: icfg, APIKey: key, KB: kb, MaxBody: maxBody,
				Version: version, Log: log})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
				WriteTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
				ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
			ingesting := "no ingest (no API key)"
			if icfg != nil {
				ingesting = "POST /api/ingest with the API key"
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "dyad serve: http://%s/ (store %s; %s)\n", ln.Addr(), st.Location(), ingesting)
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			if indexSeries {
				// Series are read from the store's clusters until the
				// index is built: about 4 s per million events.
				go func() {
					start := time.Now()
					if err := st.IndexSeries(ctx); err != nil {
						log.Warn("series index not built: series are read from the store", "err", err)
						return
					}
					log.Info("series index built", "took", time.Since(start).Round(time.Millisecond))
				}()
			}
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return err
			}
			if err := <-done; !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	opt.flags(cmd)
	storeFlag(cmd, &db)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on")
	cmd.Flags().StringVar(&keyFile, "api-key-file", "", "a file whose first line is the API key (default $DYAD_API_KEY)")
	cmd.Flags().Int64Var(&maxBody, "max-body", 4<<20, "the largest request body, in bytes")
	cmd.Flags().BoolVar(&indexSeries, "index-series", true, "keep the sums of dyad series in memory (about 180 bytes an event cluster), answering each in microseconds")
	return cmd
}
