// Package watch polls news feeds and ingests their new items: the work
// of dyad watch. Each feed is polled on its own schedule with a
// conditional GET (If-None-Match and If-Modified-Since from the last
// successful poll), so that an unchanged feed costs a 304 and no coding;
// the items of a changed feed whose links the store does not know are
// coded and stored by internal/ingest. A feed that fails waits twice as
// long after each failure in a row (at most a day, and at least what a
// Retry-After asks), and never stops the others. Every feed's state is
// kept in the store, so a restarted watcher resumes its schedule, its
// backoff and its conditional requests (docs/watch.md).
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// Defaults and limits of a watcher.
const (
	DefaultEvery    = 15 * time.Minute
	MinInterval     = time.Minute      // no feed is polled more often, whatever is asked
	MaxBackoff      = 24 * time.Hour   // the longest wait of a failing feed, Retry-After included
	DefaultTimeout  = 30 * time.Second // for one request, its body included
	DefaultMaxBytes = 16 << 20         // of a feed's body
	DefaultParallel = 8                // requests at once, over all hosts
	UserAgent       = "dyad (+https://github.com/dyadproject/dyad)"
)

// Config is what a watcher needs besides its feeds.
type Config struct {
	// Ingest codes and stores new items; its Store also keeps the
	// feeds' state. Its Progress is not called.
	Ingest ingest.Config
	// Every is the wait between two polls of a feed: 0 means
	// DefaultEvery, and less than MinInterval is MinInterval.
	Every time.Duration
	// Follow codes the page each new item links to instead of the item's
	// summary (only new items' pages are fetched).
	Follow   bool
	Client   *http.Client  // nil means a client of this package
	Timeout  time.Duration // 0 means DefaultTimeout
	MaxBytes int64         // 0 means DefaultMaxBytes
	Parallel int           // 0 means DefaultParallel
	// Now is the clock the schedule is computed with; nil means
	// time.Now. Tests set it and call Poll themselves.
	Now func() time.Time
	// Seed seeds the jitter of backoff waits.
	Seed uint64
	// Report, when set, is called after each poll, from the goroutine
	// that polled.
	Report func(Result)
}

// Result is what one poll of a feed did.
type Result struct {
	URL    string
	Polled time.Time
	// Code is the HTTP status received: 200, 304, an error's; 0 when
	// none was (a network error, or the poll was skipped).
	Code int
	// Skipped, when set, is why the feed was not polled (Once passes
	// over a feed backing off or polled less than MinInterval ago).
	Skipped string
	Items   int // items in the feed (a 200)
	New     int // of which not stored before: coded now
	Events  int // events stored from them
	Err     error
	// Failures is how many polls in a row have failed, this one
	// included; Next is when the feed is due again.
	Failures int
	Next     time.Time
}

// String is the line dyad watch prints for a poll.
func (r Result) String() string {
	next := r.Next.Format("2006-01-02 15:04:05")
	switch {
	case r.Skipped != "":
		return fmt.Sprintf("%s: skipped, %s; next poll %s", r.URL, r.Skipped, next)
	case r.Err != nil:
		return fmt.Sprintf("%s: failed (%d in a row): %v; next poll %s", r.URL, r.Failures, r.Err, next)
	case r.Code == http.StatusNotModified:
		return fmt.Sprintf("%s: 304 not modified; next poll %s", r.URL, next)
	}
	return fmt.Sprintf("%s: %d, %d items, %d new, %d events; next poll %s", r.URL, r.Code, r.Items, r.New, r.Events, next)
}

// Watcher polls a fixed set of feeds. Its methods are safe for
// concurrent use; polls of one feed wait for each other.
type Watcher struct {
	cfg    Config
	client *http.Client
	jitter *jitter
	feeds  []*feed // in the order given
	byURL  map[string]*feed
	hosts  map[string]chan struct{} // one request per host at a time
	slots  chan struct{}            // Parallel requests at a time
	coding chan struct{}            // one feed coded at a time: it takes every core
}

// feed is one watched feed and its state.
type feed struct {
	mu    sync.Mutex // held through a poll
	state store.Feed
	host  string
}

// New makes a watcher of the feeds at urls, resuming the state the store
// keeps of each; a feed the store does not know is due at once.
func New(ctx context.Context, cfg Config, urls []string) (*Watcher, error) {
	if cfg.Ingest.Store == nil {
		return nil, fmt.Errorf("watch: no store")
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultEvery
	}
	cfg.Every = max(cfg.Every, MinInterval)
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = DefaultParallel
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Ingest.Progress = nil
	w := &Watcher{cfg: cfg, client: cfg.Client, jitter: newJitter(cfg.Seed), byURL: map[string]*feed{},
		hosts: map[string]chan struct{}{}, slots: make(chan struct{}, cfg.Parallel), coding: make(chan struct{}, 1)}
	if w.client == nil {
		w.client = &http.Client{Timeout: cfg.Timeout}
	}
	for _, raw := range urls {
		if w.byURL[raw] != nil {
			continue
		}
		if err := CheckURL(raw); err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		u, _ := url.Parse(raw)
		st, _, err := cfg.Ingest.Store.Feed(ctx, raw)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		f := &feed{state: st, host: strings.ToLower(u.Host)}
		if w.hosts[f.host] == nil {
			w.hosts[f.host] = make(chan struct{}, 1)
		}
		w.feeds = append(w.feeds, f)
		w.byURL[raw] = f
	}
	return w, nil
}

// Every is the wait between two polls of a feed, MinInterval at least.
func (w *Watcher) Every() time.Duration { return w.cfg.Every }

// State returns the state of a watched feed, and false for a URL not
// watched.
func (w *Watcher) State(url string) (store.Feed, bool) {
	f := w.byURL[url]
	if f == nil {
		return store.Feed{}, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state, true
}

// Run polls every feed when it is due until ctx is done, reporting each
// poll. A feed's failures delay its next poll and are reported; they
// never end the run.
func (w *Watcher) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, f := range w.feeds {
		wg.Go(func() {
			for {
				wait := w.due(f).Sub(w.cfg.Now())
				if wait > 0 {
					t := time.NewTimer(wait)
					select {
					case <-t.C:
					case <-ctx.Done():
						t.Stop()
						return
					}
				}
				r := w.poll(ctx, f)
				if ctx.Err() != nil {
					return
				}
				w.report(r)
			}
		})
	}
	wg.Wait()
}

// Once polls every feed once, at the same time but one request per host
// at a time, and returns the results in the order of the feeds. It
// passes over a feed still backing off from failures (as a Retry-After
// asks, say) or polled less than MinInterval ago, so that running it
// from cron as often as one likes stays polite.
func (w *Watcher) Once(ctx context.Context) []Result {
	out := make([]Result, len(w.feeds))
	var wg sync.WaitGroup
	for i, f := range w.feeds {
		wg.Go(func() {
			now := w.cfg.Now()
			f.mu.Lock()
			st := f.state
			f.mu.Unlock()
			switch {
			case st.Failures > 0 && now.Before(st.NextPoll):
				out[i] = Result{URL: st.URL, Skipped: fmt.Sprintf("backing off after %d failures (%s)", st.Failures, st.LastError),
					Failures: st.Failures, Next: st.NextPoll}
			case !st.LastPolled.IsZero() && now.Sub(st.LastPolled) < MinInterval:
				out[i] = Result{URL: st.URL, Skipped: fmt.Sprintf("polled less than %s ago", MinInterval),
					Failures: st.Failures, Next: st.NextPoll}
			default:
				out[i] = w.poll(ctx, f)
			}
			if ctx.Err() == nil {
				w.report(out[i])
			}
		})
	}
	wg.Wait()
	return out
}

// Poll polls the watched feed at url now, whether it is due or not, and
// saves its new state. A failure of the feed (or of saving its state) is
// the result's Err; when ctx ends first, the state is left as it was.
func (w *Watcher) Poll(ctx context.Context, url string) Result {
	f := w.byURL[url]
	if f == nil {
		return Result{URL: url, Err: fmt.Errorf("not a watched feed")}
	}
	return w.poll(ctx, f)
}

// due is when a feed is to be polled next: its NextPoll, and never less
// than MinInterval after its last poll.
func (w *Watcher) due(f *feed) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	next := f.state.NextPoll
	if !f.state.LastPolled.IsZero() {
		next = later(next, f.state.LastPolled.Add(MinInterval))
	}
	return next
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (w *Watcher) report(r Result) {
	if w.cfg.Report != nil {
		w.cfg.Report(r)
	}
}

// errStatus is a response other than 200 or 304.
type errStatus struct {
	status     string
	retryAfter time.Duration // what a 429 or 503 asked, 0 if nothing
}

func (e *errStatus) Error() string { return "HTTP " + e.status }

func (w *Watcher) poll(ctx context.Context, f *feed) Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.state
	now := w.cfg.Now()
	r := Result{URL: st.URL, Polled: now}
	code, body, hdr, err := w.fetch(ctx, f.host, st)
	r.Code = code
	if err == nil && code == http.StatusOK {
		err = w.ingest(ctx, st.URL, body, &r)
	}
	if ctx.Err() != nil {
		r.Err = ctx.Err()
		return r
	}
	st.LastPolled = now
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		wait := w.jitter.apply(backoff(w.cfg.Every, MaxBackoff, st.Failures))
		if es, ok := errors.AsType[*errStatus](err); ok {
			wait = max(wait, es.retryAfter)
		}
		st.NextPoll = now.Add(wait)
		r.Err = err
	} else {
		// The validators of a 200 replace the old ones; a 304 may
		// bring a new ETag too (RFC 9110, 15.4.5).
		if code == http.StatusOK {
			st.ETag, st.LastModified = hdr.Get("ETag"), hdr.Get("Last-Modified")
		} else if e := hdr.Get("ETag"); e != "" {
			st.ETag = e
		}
		st.Failures, st.LastError = 0, ""
		st.NextPoll = now.Add(w.cfg.Every)
		st.Items += r.New
	}
	r.Failures, r.Next = st.Failures, st.NextPoll
	if err := w.cfg.Ingest.Store.SaveFeed(ctx, st); err != nil {
		r.Err = errors.Join(r.Err, err)
	}
	f.state = st
	return r
}

// fetch sends the conditional GET of a feed and returns the status, the
// body of a 200 and the headers. A status other than 200 and 304 is an
// *errStatus.
func (w *Watcher) fetch(ctx context.Context, host string, st store.Feed) (int, []byte, http.Header, error) {
	release, err := w.acquire(ctx, host)
	if err != nil {
		return 0, nil, nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, w.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, st.URL, nil)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return 0, nil, nil, err // it names the method and URL
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		b, err := io.ReadAll(io.LimitReader(resp.Body, w.cfg.MaxBytes+1))
		if err != nil {
			return resp.StatusCode, nil, resp.Header, fmt.Errorf("read the feed: %w", err)
		}
		if int64(len(b)) > w.cfg.MaxBytes {
			return resp.StatusCode, nil, resp.Header, fmt.Errorf("the feed is larger than %d bytes", w.cfg.MaxBytes)
		}
		return resp.StatusCode, b, resp.Header, nil
	case http.StatusNotModified:
		return resp.StatusCode, nil, resp.Header, nil
	}
	// Read a little of an error's body, so that the connection can be
	// used again.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	e := &errStatus{status: resp.Status}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.retryAfter, _ = ParseRetryAfter(resp.Header.Get("Retry-After"), w.cfg.Now(), MaxBackoff)
	}
	return resp.StatusCode, nil, resp.Header, e
}

// acquire waits for the host to have no request of this watcher in
// flight and for a free slot, and returns what gives them back.
func (w *Watcher) acquire(ctx context.Context, host string) (func(), error) {
	h := w.hosts[host]
	select {
	case h <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case w.slots <- struct{}{}:
	case <-ctx.Done():
		<-h
		return nil, ctx.Err()
	}
	return func() { <-w.slots; <-h }, nil
}

// ingest reads the feed in body and ingests the items the store does not
// hold, counting them in r. A body that is no feed is an error, and so is
// a failure of the store.
func (w *Watcher) ingest(ctx context.Context, feedURL string, body []byte, r *Result) error {
	select {
	case w.coding <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-w.coding }()
	opt := source.Options{MaxBytes: w.cfg.MaxBytes, Timeout: w.cfg.Timeout, UserAgent: UserAgent}
	cfg := w.cfg.Ingest
	stats, err := ingest.Articles(ctx, cfg, func(ctx context.Context, emit func(*source.Article) error) error {
		return source.ReadFeedBytes(ctx, feedURL, body, opt, func(a *source.Article) error {
			a.Source = itemKey(feedURL, a, cfg.Hash)
			if w.cfg.Follow && strings.Contains(a.Source, "://") && !strings.HasPrefix(a.Source, feedURL+"#") {
				known, err := cfg.Store.Known(ctx, a.Source)
				if err != nil {
					return err
				}
				if !known {
					source.FollowLink(ctx, a, opt) // one page at a time
				}
			}
			return emit(a)
		})
	})
	r.Items, r.New, r.Events = stats.Read, stats.Read-stats.Known, stats.Report.Events
	return err
}

// itemKey is the key an item is stored under: its link, or for an item
// without one the feed's URL and the hash of its text. The source reader
// numbers such items by position (URL#3), which a watcher cannot use: the
// third item of the next poll is another one.
func itemKey(feedURL string, a *source.Article, hash func(string) string) string {
	rest, ok := strings.CutPrefix(a.Source, feedURL+"#")
	if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
		return a.Source
	}
	h := hash(a.Text)
	return feedURL + "#" + h[:min(len(h), 16)]
}
