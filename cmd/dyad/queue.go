package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// publish is dyad ingest --queue: the inputs' articles go on the queue for
// workers, as one new run. With a store named, inputs it holds are passed
// over.
func publish(cmd *cobra.Command, queueURL, db string, follow, quiet bool, args []string) error {
	ctx := cmd.Context()
	cfg := ingest.Config{Hash: dedup.ContentHash, Source: source.Options{Stdin: cmd.InOrStdin(), Follow: follow}}
	if db != "" {
		st, err := openStore(ctx, db, false) // a new store gets its schema, for the workers
		if err != nil {
			return err
		}
		defer st.Close()
		cfg.Store = st
	}
	q, err := queue.Connect(ctx, queueURL, queue.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	run := ingest.NewRun()
	ps, err := ingest.Publish(ctx, cfg, q, run, args, nil)
	if !quiet {
		w := cmd.ErrOrStderr()
		fmt.Fprintf(w, "dyad ingest: run %s on %s in %s\n", run, queueURL, ps.Elapsed.Round(time.Millisecond))
		fmt.Fprintf(w, "  articles read      %8d\n", ps.Read)
		fmt.Fprintf(w, "  already stored     %8d  (passed over)\n", ps.Known)
		fmt.Fprintf(w, "  published          %8d  (%.0f articles/s)\n", ps.Published, float64(ps.Published)/max(ps.Elapsed.Seconds(), 1e-9))
		fmt.Fprintf(w, "  on the queue already %6d  (duplicates)\n", ps.Duplicates)
	}
	return err
}

func newWorkerCmd() *cobra.Command {
	var (
		opt      extractOptions
		db       string
		queueURL string
		workers  int
		batch    int
		metrics  string
		idle     time.Duration
	)
	cmd := &cobra.Command{
		Use:   "worker --queue nats://HOST:4222 --store postgres://…",
		Short: "Code articles from the queue into the store: one of many workers",
		Long: `worker takes the articles dyad ingest --queue published, codes them on
every core, stages them in the store and acks them; what is staged is
written to the store in the order each run read its inputs, so that any
number of workers on any number of machines leave the store as one dyad
ingest would (docs/scale.md). A worker killed at any moment loses
nothing: the queue delivers what it had not acked to another.

A message delivered five times without being done goes to the dead
letters (dyad queue dead) and is stored as a skipped input with the
reason. --metrics serves Prometheus metrics: articles coded, staged and
merged, redeliveries, dead letters, and the queue's lag.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if queueURL == "" {
				return fmt.Errorf("worker: --queue needed")
			}
			ctx := cmd.Context()
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			// A worker may start while the store or the queue is down
			// (a server restarting): it waits for them.
			cfg, err := opt.ingestConfigWith(ctx, func() (store.Store, error) {
				return retry(ctx, log, "store", func() (store.Store, error) { return openStore(ctx, db, false) })
			})
			if err != nil {
				return err
			}
			defer cfg.Store.Close()
			cfg.Workers = workers
			q, err := retry(ctx, log, "queue", func() (*queue.Queue, error) { return queue.Connect(ctx, queueURL, queue.Options{}) })
			if err != nil {
				return err
			}
			defer q.Close()
			m := newWorkerMetrics()
			if metrics != "" {
				ln, err := net.Listen("tcp", metrics)
				if err != nil {
					return err
				}
				mux := http.NewServeMux()
				mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
				hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
				go hs.Serve(ln)
				defer hs.Close()
				log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
			}
			log.Info("worker started", "queue", queueURL, "store", cfg.Store.Location(), "coder", cfg.Coder)
			var last ingest.WorkStats
			ws, err := ingest.Work(ctx, cfg, q, ingest.WorkOptions{Batch: batch, Idle: idle, Progress: func(s ingest.WorkStats) {
				if s.Errors > last.Errors {
					log.Warn("going on after an error", "err", s.LastError, "errors", s.Errors)
				}
				m.add(last, s)
				last = s
				if qs, err := q.Status(ctx); err == nil {
					m.lag.Set(float64(qs.Pending + uint64(qs.AckPending)))
				}
			}})
			log.Info("worker stopped", "coded", ws.Coded, "staged", ws.Staged, "merged", ws.Merged, "events", ws.Report.Events,
				"redelivered", ws.Redelivered, "dead", ws.Dead, "elapsed", ws.Elapsed.Round(time.Millisecond))
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		},
	}
	opt.flags(cmd)
	storeFlag(cmd, &db)
	cmd.Flags().StringVar(&queueURL, "queue", "", "the NATS server of the queue, nats://host:4222")
	cmd.Flags().IntVar(&workers, "workers", 0, "articles coded at once (0: one per CPU)")
	cmd.Flags().IntVar(&batch, "batch", 0, "messages fetched at once (0: four per coding goroutine)")
	cmd.Flags().StringVar(&metrics, "metrics", "", "serve Prometheus metrics on this address (host:port)")
	cmd.Flags().DurationVar(&idle, "idle", 0, "stop once the queue has been empty this long (0: never)")
	return cmd
}

// retry calls open until it succeeds or ctx ends, a second or more apart,
// logging each failure.
func retry[T any](ctx context.Context, log *slog.Logger, what string, open func() (T, error)) (T, error) {
	wait := time.Second
	for {
		v, err := open()
		if err == nil {
			return v, nil
		}
		log.Warn("waiting for the "+what, "err", err, "again in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return v, err
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// workerMetrics are a worker's Prometheus metrics.
type workerMetrics struct {
	reg      *prometheus.Registry
	articles *prometheus.CounterVec
	merged   prometheus.Counter
	events   prometheus.Counter
	lag      prometheus.Gauge
}

func newWorkerMetrics() *workerMetrics {
	m := &workerMetrics{reg: prometheus.NewRegistry(),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dyad_worker_articles_total",
			Help: "Articles a worker took from the queue, by what became of them: coded, staged, redelivered (delivered again), retried (given back after an error), dead (sent to the dead letters)."}, []string{"result"}),
		merged: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_worker_merged_total", Help: "Staged articles the worker wrote to the store."}),
		events: prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_worker_events_total", Help: "Events the worker wrote to the store."}),
		lag:    prometheus.NewGauge(prometheus.GaugeOpts{Name: "dyad_queue_lag", Help: "Messages on the queue not yet done: not delivered, or delivered and not acked."}),
	}
	m.reg.MustRegister(m.articles, m.merged, m.events, m.lag, prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// add counts what a worker did since last.
func (m *workerMetrics) add(last, now ingest.WorkStats) {
	for result, d := range map[string]int{"coded": now.Coded - last.Coded, "staged": now.Staged - last.Staged,
		"redelivered": now.Redelivered - last.Redelivered, "retried": now.Retried - last.Retried, "dead": now.Dead - last.Dead} {
		m.articles.WithLabelValues(result).Add(float64(d))
	}
	m.merged.Add(float64(now.Merged - last.Merged))
	m.events.Add(float64(now.Report.Events - last.Report.Events))
}

func newNatsCmd() *cobra.Command {
	var addr, dir string
	cmd := &cobra.Command{
		Use:   "nats [--addr 127.0.0.1:4222] [--dir DIR]",
		Short: "Run a NATS server with JetStream: the queue of dyad worker, on one machine",
		Long: `nats runs an embedded NATS server with JetStream, keeping its streams in
--dir, until Ctrl-C: a queue for dyad ingest --queue and dyad worker with
nothing to install. A queue for many machines listens on an address they
reach (--addr 0.0.0.0:4222); for more than one queue server, run NATS's
own cluster (docs/scale.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			host, p, err := net.SplitHostPort(addr)
			if err != nil {
				return fmt.Errorf("--addr: %w", err)
			}
			port, err := strconv.Atoi(p)
			if err != nil {
				return fmt.Errorf("--addr: %w", err)
			}
			if dir == "" {
				dir = filepath.Join(filepath.Dir(store.DefaultPath()), "nats")
			}
			srv, err := queue.StartServer(host, port, dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "dyad nats: %s (streams in %s); Ctrl-C stops\n", srv.URL(), dir)
			<-cmd.Context().Done()
			srv.Shutdown()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:4222", "the address to listen on")
	cmd.Flags().StringVar(&dir, "dir", "", "where the streams are kept (default: nats/ beside the default store)")
	return cmd
}

func newQueueCmd() *cobra.Command {
	var queueURL, db, format string
	cmd := &cobra.Command{
		Use:   "queue",
		Short: "Look at the queue of dyad worker: status, dead letters",
	}
	status := &cobra.Command{
		Use:   "status --queue nats://HOST:4222 [--store LOCATION]",
		Short: "What the queue holds, and with --store, how far each run is written",
		Args:  cobra.NoArgs,
		RunE: withQueue(&queueURL, func(ctx context.Context, cmd *cobra.Command, q *queue.Queue) error {
			qs, err := q.Status(ctx)
			if err != nil {
				return err
			}
			var runs []store.Run
			if db != "" {
				st, err := openStore(ctx, db, true)
				if err != nil {
					return err
				}
				defer st.Close()
				if runs, err = st.Runs(ctx); err != nil {
					return err
				}
			}
			return printQueueStatus(cmd.OutOrStdout(), format, qs, runs)
		}),
	}
	dead := &cobra.Command{
		Use:   "dead --queue nats://HOST:4222",
		Short: "The dead letters: articles no worker could code, with the reason",
		Args:  cobra.NoArgs,
		RunE: withQueue(&queueURL, func(ctx context.Context, cmd *cobra.Command, q *queue.Queue) error {
			dls, err := q.DeadLetters(ctx, 1000)
			if err != nil {
				return err
			}
			if format == "json" {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(dls)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "run\tseq\tkey\treason")
			for _, d := range dls {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", d.Run, d.Seq, d.Key, d.Reason)
			}
			return tw.Flush()
		}),
	}
	for _, c := range []*cobra.Command{status, dead} {
		c.Flags().StringVar(&queueURL, "queue", "nats://127.0.0.1:4222", "the NATS server of the queue")
		c.Flags().StringVar(&format, "format", "table", "table or json")
	}
	storeFlag(status, &db)
	cmd.AddCommand(status, dead)
	return cmd
}

// withQueue is the RunE of a command that connects to the queue at *url.
func withQueue(url *string, fn func(context.Context, *cobra.Command, *queue.Queue) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		q, err := queue.Connect(cmd.Context(), *url, queue.Options{})
		if err != nil {
			return err
		}
		defer q.Close()
		return fn(cmd.Context(), cmd, q)
	}
}

func printQueueStatus(w io.Writer, format string, qs queue.Status, runs []store.Run) error {
	if format == "json" {
		return json.NewEncoder(w).Encode(struct {
			Queue queue.Status `json:"queue"`
			Runs  []store.Run  `json:"runs,omitempty"`
		}{qs, runs})
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "on the queue\t%d\n", qs.Messages)
	fmt.Fprintf(tw, "  not yet delivered\t%d\n", qs.Pending)
	fmt.Fprintf(tw, "  delivered, not acked\t%d\n", qs.AckPending)
	fmt.Fprintf(tw, "  redelivered, not acked\t%d\n", qs.Redelivered)
	fmt.Fprintf(tw, "dead letters\t%d\n", qs.Dead)
	if len(runs) > 0 {
		fmt.Fprintln(tw, "\nrun\twritten\tstaged, waiting\tnext")
		for _, r := range runs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", r.Run, r.Merged, r.Staged, r.Next)
		}
	}
	return tw.Flush()
}
