package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadproject/dyad/internal/pipeline"
	"github.com/dyadproject/dyad/internal/queue"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// NewRun names a publishing run: its start time, then random bytes, so
// that runs sort by when they began and two never share a name.
func NewRun() string {
	b := make([]byte, 4)
	rand.Read(b)
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// PublishStats count what a publishing run did.
type PublishStats struct {
	Run        string
	Read       int // articles read from the inputs
	Known      int // of which the store holds already (with a store)
	Published  int // of which put on the queue: the run's articles 1 to Published
	Duplicates int // of which the queue had within its duplicate window
	Done       int64
	Total      int64
	Elapsed    time.Duration
}

// Publish reads the named inputs, in order, as Run does, and puts their
// articles on the queue as the run's articles 1, 2, … for workers to code
// (Work). With cfg.Store set, inputs the store holds are passed over. A
// message the queue has seen (the same input with the same text, within
// its duplicate window) takes no place in the run, so that the run's
// places have no gaps for the merge to wait at.
func Publish(ctx context.Context, cfg Config, q *queue.Queue, run string, names []string, progress func(PublishStats)) (PublishStats, error) {
	start := time.Now()
	st := PublishStats{Run: run}
	files, total, err := Inputs(names)
	if err != nil {
		return st, err
	}
	st.Total = total
	for _, f := range files {
		err := source.Read(ctx, f.Name, cfg.Source, func(a *source.Article) error {
			st.Read++
			key := articleKey(cfg, a)
			if cfg.Store != nil {
				known, err := cfg.Store.Known(ctx, key)
				if err != nil {
					return err
				}
				if known {
					st.Known++
					return nil
				}
			}
			isNew, err := publishOnce(ctx, q, queue.Message{Run: run, Seq: int64(st.Published + 1), Key: key, Article: *a})
			if err != nil {
				return err
			}
			if isNew {
				st.Published++
			} else {
				st.Duplicates++
			}
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("publish %s: %w", f.Name, err)
		}
		st.Done += f.Size
		st.Elapsed = time.Since(start)
		if progress != nil {
			progress(st)
		}
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// publishOnce publishes a message, trying again after an error. When a
// try that failed was stored after all, the next is a duplicate of the
// run's own message, and the message is new.
func publishOnce(ctx context.Context, q *queue.Queue, m queue.Message) (bool, error) {
	var err error
	for try := range 5 {
		var isNew bool
		if isNew, err = q.Publish(ctx, m); err == nil {
			return isNew || try > 0, nil
		}
		select {
		case <-time.After(time.Duration(try+1) * 500 * time.Millisecond):
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	return false, err
}

// articleKey is the key an article is stored under: its source, or for
// standard input the hash of its text.
func articleKey(cfg Config, a *source.Article) string {
	if a.Source == "-" {
		return "stdin#" + cfg.Hash(a.Text)[:16]
	}
	return a.Source
}

// WorkOptions configure a worker.
type WorkOptions struct {
	// Batch is how many messages are fetched at once; 0 means four per
	// coding goroutine.
	Batch int
	// Idle, when set, ends Work once the queue has held nothing to do
	// for that long and nothing staged is left to write.
	Idle time.Duration
	// Progress, when set, is called after each batch.
	Progress func(WorkStats)
}

// WorkStats count what a worker did.
type WorkStats struct {
	Coded       int // articles coded
	Staged      int // articles staged (coded, known, or skipped)
	Redelivered int // deliveries after the first
	Retried     int // messages given back after an error
	Dead        int // messages sent to the dead letters
	Merged      int // staged articles this worker wrote
	store.Report
	Errors    int    // errors of the queue or the store, after each of which the worker went on
	LastError string // the last of them
	Elapsed   time.Duration
}

// Work takes articles from the queue, codes them on every core, stages
// them in the store and acks them, and merges what is staged into the
// store in each run's order, until ctx ends (or it is idle, with Idle
// set). Fetching, coding and staging overlap: one goroutine fetches, the
// coding goroutines take each message as they are free, and staged
// articles are merged every mergeEvery of them and whenever the queue is
// empty. A message that fails is given back to be tried again,
// elsewhere or later. Failing on the delivery before its last, it is
// sent to the dead letters and staged as a skipped input with the error
// as the reason, so that the merge does not wait for it; on its last
// delivery (the workers before crashed on it) it is not coded, and goes
// the same way.
func Work(ctx context.Context, cfg Config, q *queue.Queue, opt WorkOptions) (WorkStats, error) {
	r := newRunner(cfg)
	if opt.Batch <= 0 {
		opt.Batch = 4 * r.cfg.Workers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	var st WorkStats
	// An error of the queue or the store (a server restarting) is not
	// the end: what was not acked comes again, what was staged is merged
	// later. It is counted and reported, and the worker goes on after a
	// pause.
	pause := func() {
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
		}
	}
	var mu sync.Mutex // guards the fetcher's errors, reported with the stats
	var fetchErrs int
	var fetchErr string
	// While the store fails, the worker takes no more messages: each
	// delivery counts towards a message's last, and the store being
	// down is no fault of the message's.
	var storeDown atomic.Bool
	// The fetcher sends each delivery, and a nil one whenever the queue
	// had nothing: time to merge, and to see whether the worker is idle.
	deliveries := make(chan *queue.Delivery, opt.Batch)
	go func() {
		defer close(deliveries)
		for ctx.Err() == nil {
			if storeDown.Load() {
				if _, err := r.cfg.Store.Generation(ctx); err != nil {
					pause()
					continue
				}
				storeDown.Store(false)
			}
			ds, err := q.Fetch(ctx, opt.Batch, time.Second)
			if err != nil {
				if ctx.Err() == nil {
					mu.Lock()
					fetchErrs++
					fetchErr = err.Error()
					mu.Unlock()
					pause()
				}
				continue
			}
			if len(ds) == 0 {
				ds = []*queue.Delivery{nil}
			}
			for _, d := range ds {
				select {
				case deliveries <- d:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	next := func() (*queue.Delivery, bool, error) {
		d, ok := <-deliveries
		return d, ok, nil
	}
	type result struct {
		d   *queue.Delivery
		a   coded
		err error
	}
	report := func(err error) {
		if err != nil {
			st.Errors++
			st.LastError = err.Error()
		}
		mu.Lock()
		st.Errors += fetchErrs
		if fetchErrs > 0 {
			st.LastError = fetchErr
		}
		fetchErrs = 0
		mu.Unlock()
		st.Elapsed = time.Since(start)
		if opt.Progress != nil {
			opt.Progress(st)
		}
	}
	const mergeEvery = 64
	unmerged := 0
	idleSince := time.Now()
	errIdle := errors.New("idle")
	err := pipeline.Ordered(ctx, r.cfg.Workers, next, func(ctx context.Context, d *queue.Delivery) (result, error) {
		switch {
		case d == nil:
			return result{}, nil
		case d.Last:
			return result{d: d, err: fmt.Errorf("delivered %d times without being done: a worker failed or crashed on it each time", d.Attempt)}, nil
		}
		a, err := codeMessage(ctx, r.cfg, d)
		return result{d, a, err}, nil
	}, func(res result) error {
		if d := res.d; d != nil {
			idleSince = time.Now()
			if err := settle(ctx, r.cfg.Store, q, d, res.a, res.err, &st); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				storeDown.Store(true)
				report(err)
				pause()
				return nil
			}
			if unmerged++; unmerged < mergeEvery {
				return nil
			}
		}
		merged, err := mergeAll(ctx, r.cfg.Store, &st)
		unmerged = 0
		if err != nil && ctx.Err() == nil {
			storeDown.Store(true)
			report(err)
			pause()
			return nil
		}
		report(nil)
		if merged > 0 {
			idleSince = time.Now()
		}
		if res.d == nil && opt.Idle > 0 && time.Since(idleSince) >= opt.Idle {
			return errIdle
		}
		return nil
	})
	cancel()
	for range deliveries {
	}
	st.Elapsed = time.Since(start)
	if errors.Is(err, errIdle) {
		return st, nil
	}
	if err == nil || errors.Is(err, context.Canceled) {
		err = ctx.Err()
	}
	return st, err
}

// settle stages the result of coding a delivery and acks it, gives it
// back after an error, or, when it would next be on its last delivery
// (or is), sends it to the dead letters and stages it as a skipped input
// with the error as the reason.
func settle(ctx context.Context, st store.Store, q *queue.Queue, d *queue.Delivery, c coded, codeErr error, ws *WorkStats) error {
	if d.Attempt > 1 {
		ws.Redelivered++
	}
	a := c.Article
	switch {
	case codeErr != nil && errors.Is(codeErr, context.Canceled):
		return codeErr
	case codeErr != nil && !d.NextIsLast:
		ws.Retried++
		return d.Retry(5 * time.Second)
	case codeErr != nil:
		if err := q.Dead(ctx, d, codeErr.Error()); err != nil {
			return err
		}
		ws.Dead++
		a = store.Article{Key: d.Key, Skip: "dead letter: " + codeErr.Error()}
	}
	if err := st.Stage(ctx, d.Run, d.Seq, a); err != nil {
		return err
	}
	ws.Staged++
	if c.ran {
		ws.Coded++
	}
	if codeErr == nil {
		// An ack that fails (the message came again meanwhile) leaves a
		// redelivery, staged again to no effect.
		d.Ack(ctx)
	}
	return nil
}

// codeMessage codes the article of a delivery, unless the store holds its
// input already.
func codeMessage(ctx context.Context, cfg Config, d *queue.Delivery) (coded, error) {
	known, err := cfg.Store.Known(ctx, d.Key)
	if err != nil {
		return coded{}, err
	}
	if known {
		return coded{Article: store.Article{Key: d.Key}}, nil // written already: Write passes it over
	}
	a := d.Article
	return codeArticle(ctx, cfg, item{key: d.Key, art: &a})
}

// mergeAll merges what is staged until nothing more can be, and returns
// how many staged articles it wrote.
func mergeAll(ctx context.Context, st store.Store, ws *WorkStats) (int, error) {
	total := 0
	for {
		rep, n, err := st.Merge(ctx, 512)
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, nil
		}
		total += n
		ws.Merged += n
		ws.Report.Add(rep)
	}
}
