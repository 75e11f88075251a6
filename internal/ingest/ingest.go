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
	Store     *store.Store
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
	Read   int // articles read from the inputs
	Known  int // of which already stored and passed over
	Coded  int // of which coded
	Events int // events coded
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
	var done atomic.Int64
	return run(ctx, cfg, total, &done, func(ctx context.Context, emit func(*source.Article) error) error {
		for _, f := range files {
			if err := source.Read(ctx, f.Name, cfg.Source, emit); err != nil {
				return fmt.Errorf("ingest %s: %w", f.Name, err)
			}
			done.Add(f.Size)
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
	var done atomic.Int64
	return run(ctx, cfg, 0, &done, read)
}

// run ingests what read emits; done counts the input bytes read so far,
// of total.
func run(ctx context.Context, cfg Config, total int64, done *atomic.Int64, read func(context.Context, func(*source.Article) error) error) (Stats, error) {
	start := time.Now()
	if cfg.Batch <= 0 {
		cfg.Batch = 256
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 2 * time.Second
	}
	if cfg.Hash == nil {
		return Stats{}, fmt.Errorf("ingest: no hash function")
	}
	var (
		mu sync.Mutex // guards st
		st = Stats{Skipped: map[string]int{}, Total: total}
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item, 64)
	var readErr error
	go func() {
		defer close(items)
		readErr = read(ctx, func(a *source.Article) error {
			return admit(ctx, cfg, a, func(known bool) {
				mu.Lock()
				st.Read++
				if known {
					st.Known++
				}
				mu.Unlock()
			}, items)
		})
	}()
	next := func() (item, bool, error) {
		it, ok := <-items
		return it, ok, nil
	}
	code := func(ctx context.Context, it item) (store.Article, error) {
		return codeArticle(ctx, cfg, it)
	}
	var batch []store.Article
	last := time.Now()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		rep, err := cfg.Store.Write(ctx, batch)
		if err != nil {
			return err
		}
		mu.Lock()
		st.Report.Add(rep)
		for _, a := range batch {
			if a.Skip != "" {
				st.Skipped[a.Skip]++
			}
		}
		st.Done = done.Load()
		st.Elapsed = time.Since(start)
		snap := st.clone()
		mu.Unlock()
		batch, last = batch[:0], time.Now()
		if cfg.Progress != nil {
			cfg.Progress(snap)
		}
		return nil
	}
	err := pipeline.Ordered(ctx, cfg.Workers, next, code, func(a store.Article) error {
		mu.Lock()
		st.Coded++
		st.Events += len(a.Events)
		mu.Unlock()
		batch = append(batch, a)
		if len(batch) >= cfg.Batch || time.Since(last) >= cfg.MaxDelay {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	cancel()
	for range items {
	}
	if err == nil {
		err = readErr
	}
	mu.Lock()
	defer mu.Unlock()
	st.Done = done.Load()
	st.Elapsed = time.Since(start)
	return st.clone(), err
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
	key := a.Source
	if key == "-" {
		key = "stdin#" + cfg.Hash(a.Text)[:16]
	}
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
func codeArticle(ctx context.Context, cfg Config, it item) (store.Article, error) {
	a := it.art
	text := a.Text
	if a.Title != "" && strings.TrimSpace(text) != "" && !strings.HasPrefix(text, a.Title) {
		text = a.Title + "\n\n" + text
	}
	sa := store.Article{Key: it.key, Title: a.Title, Text: text, Coder: cfg.Coder, Warnings: a.Warnings}
	switch {
	case strings.TrimSpace(text) == "":
		sa.Skip = "empty article"
		if len(a.Warnings) > 0 {
			sa.Skip = a.Warnings[0] // why it is empty
		}
		return sa, nil
	case len(text) > extract.MaxArticleBytes:
		sa.Skip = "longer than an article"
		return sa, nil
	}
	sa.Hash = cfg.Hash(text)
	if known, err := cfg.Store.KnownHash(ctx, sa.Hash); err != nil {
		return sa, err
	} else if known {
		return sa, nil // only a new source of a stored article
	}
	if cfg.Sign != nil {
		sa.Signature, sa.Bands = cfg.Sign(text)
	}
	res, err := cfg.Extractor.Extract(ctx, extract.Article{ID: ArticleID(it.key), Title: a.Title, Text: text,
		Published: a.Published, PublishedFrom: a.PublishedFrom, Crawled: a.Crawled, Warnings: a.Warnings})
	if err != nil {
		return sa, err
	}
	sa.Date, sa.DateFrom, sa.Published, sa.Language = res.Date, res.DateFrom, res.Published, res.Language
	sa.Warnings, sa.Events = res.Warnings, res.Events
	return sa, nil
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
