package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatchOnce runs dyad watch --once twice on a feed served with an
// ETag, named once by URL and once in a file of URLs: the first run
// ingests its item, the second gets a 304.
func TestWatchOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"1"`)
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title><item><title>Iran strikes Pakistan</title>
<link>https://news.example/strike</link><pubDate>Tue, 16 Jan 2024 20:00:00 GMT</pubDate>
<description>Iran fired missiles at Pakistan on Tuesday.</description></item></channel></rss>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "dyad.db")
	out := run(t, "", "watch", "--db", db, "--once", srv.URL+"/rss")
	if !strings.Contains(out, srv.URL+"/rss: 200, 1 items, 1 new") || !strings.Contains(out, "next poll") {
		t.Errorf("first run:\n%s", out)
	}
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# one feed\n"+srv.URL+"/rss\n"), 0o644)
	// Polled less than a minute ago: passed over.
	out = run(t, "", "watch", "--db", db, "--once", list)
	if !strings.Contains(out, "skipped, polled less than 1m0s ago") {
		t.Errorf("second run:\n%s", out)
	}
	// As if polled an hour ago: a conditional request, and a 304.
	ctx := context.Background()
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := st.Feed(ctx, srv.URL+"/rss")
	if err != nil {
		t.Fatal(err)
	}
	f.LastPolled, f.NextPoll = f.LastPolled.Add(-time.Hour), f.NextPoll.Add(-time.Hour)
	if err := st.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out = run(t, "", "watch", "--db", db, "--once", list)
	if !strings.Contains(out, srv.URL+"/rss: 304 not modified") {
		t.Errorf("third run:\n%s", out)
	}
}
