// Package ingest reads articles from every source a user names, codes
// them on every core and writes them to the store in batches: the work of
// dyad ingest. Inputs already in the store are passed over before coding,
// so that a run interrupted at any moment and started again ends with
// exactly what one uninterrupted run gives.
package ingest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/pipeline"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// Config is what a run needs besides its inputs.
type Config struct {
	Store     store.Store
	Extractor *extract.Extractor
	Coder     string // the coder version (extract.Version)
	// Hash is the exact-duplicate hash of a text, Sign its near-duplicate
	// signature and band keys (nil: no near-duplicate check).
	Hash func(text string) string
	Sign func(text string) ([]byte, []uint64)

	Workers  int           // articles coded at once; 0 means one per CPU
	Batch    int           // articles per transaction; 0 means 256
	MaxDelay time.Duration // longest wait before coded articles are written; 0 means 2 s
	Source   source.Options
	// Progress, when set, is called after each batch is written.
	Progress func(Stats)
}

// Stats count what a run did.
type Stats struct {
	Read        int // articles read from the inputs
	Known       int // of which already stored and passed over
	Coded       int // of which coded
	CodedEvents int // events coded (Report.Events counts those stored)
	store.Report
	Skipped map[string]int // inputs stored as skipped, by reason
	// Done and Total are the bytes of the input files read so far and in
	// all, for an estimate of the time left (0 when unknown: URLs, stdin).
	Done, Total int64
	Elapsed     time.Duration
}

// item is an article on its way through a run.
type item struct {
	key string
	art *source.Article
}

// Run ingests the articles of the named inputs (files, folders, URLs,
// "-"), in order, and returns what it did. It stops at the first error of
// reading an input or of the store; problems with one article are that
// article's warnings or its reason to be skipped.
func Run(ctx context.Context, cfg Config, names []string) (Stats, error) {
	files, total, err := Inputs(names)
	if err != nil {
		return Stats{}, err
	}
	r := newRunner(cfg)
	r.st.Total = total
	return r.articles(ctx, func(ctx context.Context, emit func(*source.Article) error) error {
		for _, f := range files {
			if err := source.Read(ctx, f.Name, cfg.Source, emit); err != nil {
				return fmt.Errorf("ingest %s: %w", f.Name, err)
			}
			r.done.Add(f.Size)
		}
		return nil
	})
}

// Articles ingests the articles that read passes to its emit function,
// in order, as Run does those of named inputs: an article whose key (its
// Source) the store knows is passed over, the others are coded on every
// core and written in batches. It is how articles that were not read by
// name, such as the items of a feed fetched by dyad watch, are ingested.
// read stops when emit fails, and what it returns is Articles' error.
func Articles(ctx context.Context, cfg Config, read func(ctx context.Context, emit func(*source.Article) error) error) (Stats, error) {
	return newRunner(cfg).articles(ctx, read)
}

// articles ingests what read emits: one goroutine reads and passes over
// the known inputs, drain codes and writes the others.
func (r *runner) articles(ctx context.Context, read func(context.Context, func(*source.Article) error) error) (Stats, error) {
	if r.cfg.Hash == nil {
		return Stats{}, fmt.Errorf("ingest: no hash function")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item, 64)
	var readErr error
	go func() {
		defer close(items)
		readErr = read(ctx, func(a *source.Article) error {
			return admit(ctx, r.cfg, a, func(known bool) {
				r.mu.Lock()
				r.st.Read++
				if known {
					r.st.Known++
				}
				r.mu.Unlock()
			}, items)
		})
	}()
	next := func() (item, bool, error) {
		it, ok := <-items
		return it, ok, nil
	}
	err := drain(ctx, r, next, func(ctx context.Context, it item) (coded, error) {
		return codeArticle(ctx, r.cfg, it)
	})
	cancel()
	for range items {
	}
	if err == nil {
		err = readErr
	}
	return r.stats(), err
}

// Recode codes the stored articles again whose current coding is not by
// cfg.Coder (every one when all is set), keeping their story dates, and
// replaces their events; each article's history of codings grows by one.
func Recode(ctx context.Context, cfg Config, all bool) (Stats, error) {
	r := newRunner(cfg)
	var page []store.Stored
	var after int64
	next := func() (store.Stored, bool, error) {
		if len(page) == 0 {
			var err error
			if page, err = cfg.Store.ToRecode(ctx, cfg.Coder, all, after, 256); err != nil || len(page) == 0 {
				return store.Stored{}, false, err
			}
		}
		a := page[0]
		page, after = page[1:], a.ID
		r.mu.Lock()
		r.st.Read++
		r.mu.Unlock()
		return a, true, nil
	}
	err := drain(ctx, r, next, func(ctx context.Context, a store.Stored) (coded, error) {
		date, _ := time.Parse("2006-01-02", a.Date)
		res, err := cfg.Extractor.Extract(ctx, extract.Article{ID: ArticleID(a.Key), Title: a.Title, Text: a.Text,
			Date: date, DateFrom: a.DateFrom})
		if err != nil {
			return coded{}, err
		}
		sa := store.Article{ID: a.ID, DateFrom: a.DateFrom, Coder: cfg.Coder, Events: res.Events}
		if err := sa.Encode(); err != nil {
			return coded{}, fmt.Errorf("article %d: %w", a.ID, err)
		}
		return coded{Article: sa, ran: true}, nil
	})
	return r.stats(), err
}

// runner keeps the account of a run.
type runner struct {
	cfg   Config
	start time.Time
	done  atomic.Int64
	mu    sync.Mutex // guards st
	st    Stats
}

func newRunner(cfg Config) *runner {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 256
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 2 * time.Second
	}
	return &runner{cfg: cfg, start: time.Now(), st: Stats{Skipped: map[string]int{}}}
}

func (r *runner) stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.st.Done = r.done.Load()
	r.st.Elapsed = time.Since(r.start)
	return r.st.clone()
}

// coded is an article ready to store, and whether it was coded (not an
// exact duplicate of a stored one, nor skipped).
type coded struct {
	store.Article
	ran bool
}

// drain codes the jobs next gives on every core and writes the results in
// order, a batch per transaction: when the batch is full, or when its
// oldest article has waited MaxDelay, so that an interrupted run loses
// little work.
func drain[T any](ctx context.Context, r *runner, next func() (T, bool, error), code func(context.Context, T) (coded, error)) error {
	// Batches are written on a goroutine of their own, one waiting at
	// most, so that coding goes on during a write.
	send, wait := pipeline.Background(ctx, 1, func(batch []store.Article) error {
		rep, err := r.cfg.Store.Write(ctx, batch)
		if err != nil {
			return err
		}
		r.mu.Lock()
		r.st.Report.Add(rep)
		for _, a := range batch {
			if a.Skip != "" {
				r.st.Skipped[a.Skip]++
			}
		}
		r.mu.Unlock()
		if r.cfg.Progress != nil {
			r.cfg.Progress(r.stats())
		}
		return nil
	})
	var batch []store.Article
	last := time.Now()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		b := batch
		batch, last = nil, time.Now()
		return send(b)
	}
	err := pipeline.Ordered(ctx, r.cfg.Workers, next, code, func(a coded) error {
		if a.ran {
			r.mu.Lock()
			r.st.Coded++
			r.st.CodedEvents += len(a.Events)
			r.mu.Unlock()
		}
		batch = append(batch, a.Article)
		if len(batch) >= r.cfg.Batch || time.Since(last) >= r.cfg.MaxDelay {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if werr := wait(); err == nil {
		err = werr
	}
	return err
}

func (s Stats) clone() Stats {
	c := s
	c.Skipped = make(map[string]int, len(s.Skipped))
	for k, v := range s.Skipped {
		c.Skipped[k] = v
	}
	return c
}

// admit sends an article to be coded unless the store holds its key
// already, counting it either way. The key is the article's source, or
// for standard input the hash of its text.
func admit(ctx context.Context, cfg Config, a *source.Article, count func(known bool), out chan<- item) error {
	key := articleKey(cfg, a)
	known, err := cfg.Store.Known(ctx, key)
	if err != nil {
		return err
	}
	count(known)
	if known {
		return nil
	}
	select {
	case out <- item{key: key, art: a}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// codeArticle codes one article unless the store holds its text already.
// The text stored and hashed is the one coded, headline first, so that
// the spans of its events are offsets into it.
func codeArticle(ctx context.Context, cfg Config, it item) (coded, error) {
	a := it.art
	text := a.Text
	if a.Title != "" && strings.TrimSpace(text) != "" && !strings.HasPrefix(text, a.Title) {
		text = a.Title + "\n\n" + text
	}
	sa := store.Article{Key: it.key, URL: a.URL, Title: a.Title, Text: text, Author: a.Author,
		Coder: cfg.Coder, Warnings: a.Warnings}
	switch {
	case strings.TrimSpace(text) == "":
		sa.Skip = "empty article"
		if len(a.Warnings) > 0 {
			sa.Skip = a.Warnings[0] // why it is empty
		}
		return coded{Article: sa}, nil
	case len(text) > extract.MaxArticleBytes:
		sa.Skip = "longer than an article"
		return coded{Article: sa}, nil
	}
	sa.Hash = cfg.Hash(text)
	if known, err := cfg.Store.KnownHash(ctx, sa.Hash); err != nil {
		return coded{}, err
	} else if known {
		return coded{Article: sa}, nil // only a new source of a stored article
	}
	if cfg.Sign != nil {
		sa.Signature, sa.Bands = cfg.Sign(text)
	}
	res, err := cfg.Extractor.Extract(ctx, extract.Article{ID: ArticleID(it.key), Title: a.Title, Text: text,
		Published: a.Published, PublishedFrom: a.PublishedFrom, Crawled: a.Crawled, Warnings: a.Warnings})
	if err != nil {
		return coded{}, err
	}
	sa.Date, sa.DateFrom, sa.Published, sa.Language = res.Date, res.DateFrom, res.Published, res.Language
	sa.Warnings, sa.Events = res.Warnings, res.Events
	// Encoded here, on every core, not by the one writer.
	if err := sa.Encode(); err != nil {
		return coded{}, fmt.Errorf("%s: %w", it.key, err)
	}
	return coded{Article: sa, ran: true}, nil
}

// ArticleID is the id an ingested article's events carry: its key
// without folders.
func ArticleID(key string) string {
	if strings.Contains(key, "://") {
		return key
	}
	if i := strings.LastIndex(key, "/"); i >= 0 {
		key = key[i+1:]
	}
	return key
}

// Input is a file or another source to read, with its size in bytes
// (0 when unknown).
type Input struct {
	Name string
	Size int64
}

// Inputs expands the names into the files to read, in order: a folder
// gives its readable files, sorted (source.Files).
func Inputs(names []string) ([]Input, int64, error) {
	var out []Input
	var total int64
	for _, n := range names {
		files, err := source.Files(n)
		if err != nil {
			return nil, 0, err
		}
		for _, f := range files {
			in := Input{Name: f}
			if st, err := os.Stat(f); err == nil && !st.IsDir() {
				in.Size = st.Size()
			}
			out = append(out, in)
			total += in.Size
		}
	}
	return out, total, nil
}
