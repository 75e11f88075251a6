package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/extract"
	"github.com/dyadproject/dyad/internal/extract/extracttest"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/store"
)

// extractor is the embedded extractor, built once for all tests.
func extractor(tb testing.TB) *extract.Extractor { return extracttest.Embedded(tb) }

// clock is a settable clock: tests move it and poll, never sleep.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

var t0 = time.Date(2024, 4, 12, 6, 0, 0, 0, time.UTC)

func openStore(tb testing.TB, path string) store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), path, store.Options{Similar: dedup.SimilarEncoded, Threshold: dedup.Threshold})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// newWatcher watches the feeds with the store at path and the clock.
func newWatcher(tb testing.TB, st store.Store, clk *clock, urls ...string) *Watcher {
	tb.Helper()
	w, err := New(context.Background(), Config{
		Ingest: ingest.Config{Store: st, Extractor: extractor(tb), Coder: "test", Hash: dedup.ContentHash, Sign: dedup.SignEncoded, Workers: 2},
		Now:    clk.now, Seed: 1,
	}, urls)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// item is an RSS item; no link when link is "".
func item(link, title, text string) string {
	s := "<item><title>" + title + "</title>"
	if link != "" {
		s += "<link>" + link + "</link>"
	}
	return s + "<pubDate>Fri, 12 Apr 2024 01:10:00 GMT</pubDate><description>" + text + "</description></item>"
}

var (
	strike = item("https://news.example/strike", "Iran strikes Pakistan",
		"Iran fired missiles at Pakistan on Tuesday, Pakistan's foreign ministry said.")
	condemn = item("https://news.example/condemn", "Pakistan condemns strike",
		"Pakistan condemned the Iranian strike and recalled its ambassador from Tehran.")
	talks = item("https://news.example/talks", "Talks",
		"Iran and Pakistan agreed to hold talks on border security next week.")
)

// feedServer serves an RSS feed of its items, with an ETag naming its
// version and a Last-Modified, and answers 304 when a request's
// validators are the current ones. Responses put in fail are given first,
// one a request. It keeps the headers of every request.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	items    []string
	version  int
	modified time.Time
	fail     []func(http.ResponseWriter)
	requests []http.Header
}

func newFeedServer(tb testing.TB, items ...string) *feedServer {
	s := &feedServer{items: items, version: 1, modified: t0.Add(-time.Hour)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Header.Clone())
	if len(s.fail) > 0 {
		f := s.fail[0]
		s.fail = s.fail[1:]
		f(w)
		return
	}
	etag, lastMod := fmt.Sprintf(`"v%d"`, s.version), s.modified.Format(http.TimeFormat)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lastMod)
	if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>%s</channel></rss>`, strings.Join(s.items, ""))
}

// publish puts an item first, as a feed does with its newest.
func (s *feedServer) publish(it string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append([]string{it}, s.items...)
	s.version++
	s.modified = s.modified.Add(time.Hour)
}

// count is the number of requests served.
func (s *feedServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// last is the headers of the last request.
func (s *feedServer) last() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[len(s.requests)-1]
}

func counts(tb testing.TB, st store.Store) store.Counts {
	tb.Helper()
	c, err := st.Counts(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestConditionalPolls polls a feed three times: a 200 with validators,
// a 304 to the conditional request (nothing coded), and after a new item
// a 200 of which exactly that item is new.
func TestConditionalPolls(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, strike, condemn)
	url := srv.URL + "/world.rss"
	clk := &clock{t: t0}
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w := newWatcher(t, st, clk, url)

	r := w.Poll(ctx, url)
	if r.Err != nil || r.Code != 200 || r.Items != 2 || r.New != 2 || r.Events == 0 || !r.Next.Equal(t0.Add(DefaultEvery)) {
		t.Fatalf("first poll: %+v", r)
	}
	h := srv.last()
	if h.Get("User-Agent") != UserAgent || h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request's headers: %v", h)
	}
	before := counts(t, st)

	clk.set(r.Next)
	r = w.Poll(ctx, url)
	if r.Err != nil || r.Code != 304 || r.New != 0 || r.Items != 0 {
		t.Fatalf("second poll: %+v", r)
	}
	h = srv.last()
	if h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != t0.Add(-time.Hour).Format(http.TimeFormat) {
		t.Errorf("second request's conditional headers: %v", h)
	}
	if after := counts(t, st); after != before {
		t.Errorf("a 304 changed the store: %+v -> %+v", before, after)
	}

	srv.publish(talks)
	clk.set(r.Next)
	r = w.Poll(ctx, url)
	if r.Err != nil || r.Code != 200 || r.Items != 3 || r.New != 1 {
		t.Fatalf("third poll: %+v", r)
	}
	if after := counts(t, st); after.Articles != before.Articles+1 || after.Sources != before.Sources+1 {
		t.Errorf("third poll: counts %+v -> %+v, want one article more", before, after)
	}
	if known, err := st.Known(ctx, "https://news.example/talks"); err != nil || !known {
		t.Errorf("the new item is not stored: %v, %v", known, err)
	}
	f, ok, err := st.Feed(ctx, url)
	if err != nil || !ok || f.ETag != `"v2"` || f.Items != 3 || f.Failures != 0 || !f.LastPolled.Equal(clk.now()) {
		t.Errorf("stored state: %+v, %v, %v", f, ok, err)
	}
	if s := r.String(); !strings.Contains(s, "200, 3 items, 1 new") {
		t.Errorf("line %q", s)
	}
}

// TestBackoff fails a feed with a 500, a 429 and a 503 that ask to
// retry after two and three hours, then serves it: each failure doubles
// the wait (less up to a tenth of jitter) or waits as long as asked, and
// the success resets the schedule.
func TestBackoff(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, strike)
	url := srv.URL + "/feed"
	clk := &clock{t: t0}
	srv.fail = []func(http.ResponseWriter){
		func(w http.ResponseWriter) { http.Error(w, "boom", http.StatusInternalServerError) },
		func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "7200")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		},
		func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", clk.now().Add(3*time.Hour).UTC().Format(http.TimeFormat))
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		},
	}
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w := newWatcher(t, st, clk, url)
	every := DefaultEvery

	r := w.Poll(ctx, url)
	if r.Err == nil || r.Code != 500 || r.Failures != 1 || !strings.Contains(r.Err.Error(), "500") {
		t.Fatalf("500: %+v", r)
	}
	if wait := r.Next.Sub(t0); wait <= 2*every*9/10 || wait > 2*every {
		t.Errorf("after a 500 the feed waits %s, want (27m, 30m]", wait)
	}
	// Once passes over a feed backing off.
	clk.set(t0.Add(10 * time.Minute))
	if rs := w.Once(ctx); rs[0].Skipped == "" || srv.count() != 1 {
		t.Errorf("Once polled a feed backing off: %+v", rs[0])
	}

	t1 := r.Next
	clk.set(t1)
	r = w.Poll(ctx, url)
	if r.Code != 429 || r.Failures != 2 || !r.Next.Equal(t1.Add(2*time.Hour)) {
		t.Fatalf("429 with Retry-After 7200: %+v, want the next poll at %s", r, t1.Add(2*time.Hour))
	}

	t2 := r.Next
	clk.set(t2)
	r = w.Poll(ctx, url)
	want := t2.Add(3 * time.Hour).Truncate(time.Second) // an HTTP date has seconds
	if r.Code != 503 || r.Failures != 3 || !r.Next.Equal(want) {
		t.Fatalf("503 with a Retry-After date: %+v, want the next poll at %s", r, want)
	}
	if f, _, _ := st.Feed(ctx, url); f.Failures != 3 || !strings.Contains(f.LastError, "503") || !f.NextPoll.Equal(want) {
		t.Errorf("stored state after 3 failures: %+v", f)
	}

	t3 := r.Next
	clk.set(t3)
	r = w.Poll(ctx, url)
	if r.Err != nil || r.Code != 200 || r.New != 1 || r.Failures != 0 || !r.Next.Equal(t3.Add(every)) {
		t.Fatalf("recovered: %+v", r)
	}
	if f, _, _ := st.Feed(ctx, url); f.Failures != 0 || f.LastError != "" || f.ETag != `"v1"` {
		t.Errorf("stored state after the success: %+v", f)
	}
}

// TestBackoffDelay checks the waits: doubling from twice the interval,
// capped at a day, however many failures; jitter takes at most a tenth
// off, the same way for the same seed.
func TestBackoffDelay(t *testing.T) {
	every := 15 * time.Minute
	for n, want := range map[int]time.Duration{1: 30 * time.Minute, 2: time.Hour, 3: 2 * time.Hour, 6: 16 * time.Hour,
		7: MaxBackoff, 64: MaxBackoff, 1 << 30: MaxBackoff} {
		if got := backoff(every, MaxBackoff, n); got != want {
			t.Errorf("backoff after %d failures: %s, want %s", n, got, want)
		}
	}
	a, b := newJitter(7), newJitter(7)
	for range 1000 {
		d := time.Hour
		got := a.apply(d)
		if got <= d*9/10 || got > d {
			t.Fatalf("jitter of %s: %s", d, got)
		}
		if again := b.apply(d); again != got {
			t.Fatalf("same seed, other draws: %s, %s", got, again)
		}
	}
}

// TestRestart polls a good and a failing feed, closes the store, and
// resumes with a new watcher: the conditional request and the backoff
// go on from the stored state.
func TestRestart(t *testing.T) {
	ctx := context.Background()
	good := newFeedServer(t, strike)
	bad := newFeedServer(t)
	bad.fail = []func(http.ResponseWriter){func(w http.ResponseWriter) { http.Error(w, "down", http.StatusBadGateway) }}
	gURL, bURL := good.URL+"/rss", bad.URL+"/rss"
	clk := &clock{t: t0}
	path := filepath.Join(t.TempDir(), "dyad.db")
	st := openStore(t, path)
	w := newWatcher(t, st, clk, gURL, bURL)
	rs := w.Once(ctx)
	if rs[0].Code != 200 || rs[0].New != 1 || rs[1].Code != 502 || rs[1].Failures != 1 {
		t.Fatalf("first run: %+v", rs)
	}
	failedUntil := rs[1].Next
	st.Close()

	clk.set(t0.Add(20 * time.Minute))
	st = openStore(t, path)
	w = newWatcher(t, st, clk, gURL, bURL)
	if s, _ := w.State(gURL); s.ETag != `"v1"` || !s.LastPolled.Equal(t0) || s.Items != 1 {
		t.Errorf("reloaded state of the good feed: %+v", s)
	}
	if s, _ := w.State(bURL); s.Failures != 1 || !s.NextPoll.Equal(failedUntil) || !strings.Contains(s.LastError, "502") {
		t.Errorf("reloaded state of the failing feed: %+v", s)
	}
	rs = w.Once(ctx)
	if rs[0].Code != 304 || good.last().Get("If-None-Match") != `"v1"` {
		t.Errorf("after the restart the good feed: %+v, If-None-Match %q", rs[0], good.last().Get("If-None-Match"))
	}
	if rs[1].Skipped == "" || bad.count() != 1 {
		t.Errorf("after the restart the failing feed was polled before its time: %+v", rs[1])
	}
}

// TestUnparseable serves a web page and an oversized feed beside a good
// feed: the two fail, keep no validators and store nothing, and the good
// one is ingested.
func TestUnparseable(t *testing.T) {
	ctx := context.Background()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"page"`)
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/big" {
			w.Write([]byte(strings.Repeat("x", 4<<10)))
			return
		}
		fmt.Fprint(w, "<!doctype html><html><body><p>Not a feed.</p></body></html>")
	}))
	defer page.Close()
	good := newFeedServer(t, strike, condemn)
	clk := &clock{t: t0}
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w, err := New(ctx, Config{
		Ingest:   ingest.Config{Store: st, Extractor: extractor(t), Coder: "test", Hash: dedup.ContentHash, Workers: 2},
		Now:      clk.now,
		MaxBytes: 2 << 10,
	}, []string{page.URL + "/", page.URL + "/big", good.URL + "/rss"})
	if err != nil {
		t.Fatal(err)
	}
	rs := w.Once(ctx)
	if r := rs[0]; r.Err == nil || r.Code != 200 || r.Failures != 1 || r.New != 0 {
		t.Errorf("a web page: %+v", r)
	}
	if r := rs[1]; r.Err == nil || !strings.Contains(r.Err.Error(), "larger than") || r.Failures != 1 {
		t.Errorf("an oversized feed: %+v", r)
	}
	if r := rs[2]; r.Err != nil || r.New != 2 {
		t.Errorf("the good feed: %+v", r)
	}
	if s, _ := w.State(page.URL + "/"); s.ETag != "" || s.LastError == "" {
		t.Errorf("the page's state: %+v", s)
	}
	if c := counts(t, st); c.Sources != 2 {
		t.Errorf("%d sources stored, want the good feed's 2", c.Sources)
	}
}

// TestItemsWithoutLinks keys items that have no link by their text, not
// by their position: a new item put first is the only new one.
func TestItemsWithoutLinks(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, item("", "Iran strikes Pakistan", "Iran fired missiles at Pakistan on Tuesday."))
	url := srv.URL + "/rss"
	clk := &clock{t: t0}
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w := newWatcher(t, st, clk, url)
	if r := w.Poll(ctx, url); r.New != 1 {
		t.Fatalf("first poll: %+v", r)
	}
	srv.publish(item("", "Talks", "Iran and Pakistan agreed to hold talks next week."))
	clk.set(t0.Add(time.Hour))
	if r := w.Poll(ctx, url); r.Items != 2 || r.New != 1 {
		t.Errorf("second poll: %+v, want 1 new of 2", r)
	}
}

// TestMinInterval asks for polls every 10 s and gets one a minute: Once
// passes over a feed polled less than a minute ago.
func TestMinInterval(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t, strike)
	url := srv.URL + "/rss"
	clk := &clock{t: t0}
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w, err := New(ctx, Config{Ingest: ingest.Config{Store: st, Extractor: extractor(t), Coder: "test", Hash: dedup.ContentHash},
		Every: 10 * time.Second, Now: clk.now}, []string{url})
	if err != nil {
		t.Fatal(err)
	}
	if w.Every() != MinInterval {
		t.Errorf("interval %s, want %s", w.Every(), MinInterval)
	}
	if r := w.Once(ctx)[0]; r.Code != 200 || !r.Next.Equal(t0.Add(MinInterval)) {
		t.Fatalf("first: %+v", r)
	}
	clk.set(t0.Add(30 * time.Second))
	if r := w.Once(ctx)[0]; r.Skipped == "" || srv.count() != 1 {
		t.Errorf("polled again after 30 s: %+v", r)
	}
	if due := w.due(w.feeds[0]); !due.Equal(t0.Add(MinInterval)) {
		t.Errorf("due at %s", due)
	}
}

// TestHostLimit holds the one request slot of a host: another request to
// it waits (here until its context ends) while one to another host goes.
func TestHostLimit(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	w, err := New(ctx, Config{Ingest: ingest.Config{Store: st, Hash: dedup.ContentHash}},
		[]string{"https://a.example/1", "https://A.example/2", "https://b.example/1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.hosts) != 2 {
		t.Fatalf("%d hosts, want 2", len(w.hosts))
	}
	release, err := w.acquire(ctx, "a.example")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case w.hosts["a.example"] <- struct{}{}:
		t.Fatal("the busy host's slot is free")
	default:
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := w.acquire(done, "a.example"); err == nil {
		t.Error("a second request to a busy host went")
	}
	other, err := w.acquire(ctx, "b.example")
	if err != nil {
		t.Fatal(err)
	}
	other()
	release()
	again, err := w.acquire(ctx, "a.example")
	if err != nil {
		t.Fatal(err)
	}
	again()
}

// TestRun runs the watcher on the real clock until both feeds have been
// polled once, then ends it.
func TestRun(t *testing.T) {
	a := newFeedServer(t, strike)
	b := newFeedServer(t, condemn)
	st := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var got []Result
	w, err := New(ctx, Config{
		Ingest: ingest.Config{Store: st, Extractor: extractor(t), Coder: "test", Hash: dedup.ContentHash, Workers: 2},
		Report: func(r Result) {
			mu.Lock()
			defer mu.Unlock()
			if got = append(got, r); len(got) == 2 {
				cancel()
			}
		},
	}, []string{a.URL + "/rss", b.URL + "/rss"})
	if err != nil {
		t.Fatal(err)
	}
	w.Run(ctx)
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("%d polls reported, want 2: %+v", len(got), got)
	}
	for _, r := range got {
		if r.Err != nil || r.Code != 200 || r.New != 1 {
			t.Errorf("%+v", r)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 4, 12, 6, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"99999999999999999999999", MaxBackoff, true},
		{"172800", MaxBackoff, true},
		{"Fri, 12 Apr 2024 07:30:00 GMT", 90 * time.Minute, true},
		{"Fri, 12 Apr 2024 05:00:00 GMT", 0, true},
		{"Friday, 12-Apr-24 06:01:00 GMT", time.Minute, true},
		{"", 0, false},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
	} {
		got, ok := ParseRetryAfter(c.in, now, MaxBackoff)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseRetryAfter(%q) = %s, %v; want %s, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseList(t *testing.T) {
	got, err := ParseList(strings.NewReader("# world news\n\nhttps://a.example/rss\n  http://b.example/atom?x=1#top   # a comment\n"))
	if err != nil || strings.Join(got, " ") != "https://a.example/rss http://b.example/atom?x=1#top" {
		t.Errorf("got %q, %v", got, err)
	}
	for _, bad := range []string{"https://a.example/rss extra\n", "ftp://a.example/rss\n", "\nnews.example/rss\n", "https:///rss\n"} {
		if _, err := ParseList(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("ParseList(%q): error %v, want one naming the line", bad, err)
		}
	}
}
