package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/store"
)

// TestCache checks that an answer is computed once while the store stays
// the same, and computed again once it changes.
func TestCache(t *testing.T) {
	st := testStore(t)
	s := testServer(t, Config{Store: st})
	const path = "/api/series?b=PAK&a=IRN&by=month"
	first := get(t, s, path, nil).Body.String()
	if again := get(t, s, "/api/series?a=IRN&b=PAK&by=month", nil).Body.String(); again != first {
		t.Errorf("the same query in another order: %s, want %s", again, first)
	}
	metrics := get(t, s, "/metrics", nil).Body.String()
	for _, want := range []string{`dyad_http_cache_total{result="hit"} 1`, `dyad_http_cache_total{result="miss"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// A write makes a new generation: the answer is computed again.
	call := event.Event{ID: "d-1", Source: &event.Actor{Entity: "PAK", Country: "PAK", Kind: "country"},
		Target: &event.Actor{Entity: "IRN", Country: "IRN", Kind: "country"}, CAMEO: "040", Root: "04", Quad: 1,
		Goldstein: 1, Date: "2024-02-10", DateGranularity: "day"}
	if _, err := st.Write(context.Background(), []store.Article{{Key: "https://x.example/d", Hash: "d", Text: "d", Coder: "test",
		Events: []event.Event{call}}}); err != nil {
		t.Fatal(err)
	}
	after := get(t, s, path, nil).Body.String()
	if after == first || !strings.Contains(after, `{"period":"2024-02","events":1`) {
		t.Errorf("after a write: %s", after)
	}
	// Errors are not kept.
	get(t, s, "/api/series?a=IRN&by=year", nil)
	if rec := get(t, s, "/api/series?a=IRN&by=year", nil); rec.Code != 400 {
		t.Errorf("a bad query again: %d", rec.Code)
	}
	if !strings.Contains(get(t, s, "/metrics", nil).Body.String(), `dyad_http_cache_total{result="miss"} 4`) {
		t.Error("errors were kept")
	}
}

func TestCacheEvicts(t *testing.T) {
	c := newAnswerCache(800, newMetrics(testStore(t)).reg)
	for i := range 20 {
		c.put(&answer{key: strings.Repeat("k", i+1), status: 200, body: make([]byte, 60)}, 0)
	}
	if c.size > c.max || len(c.byKey) != c.order.Len() || len(c.byKey) == 0 {
		t.Errorf("size %d of %d, %d keys, %d in order", c.size, c.max, len(c.byKey), c.order.Len())
	}
	if _, ok := c.get("k", 0); ok {
		t.Error("the oldest answer was kept")
	}
	if _, ok := c.get(strings.Repeat("k", 20), 0); !ok {
		t.Error("the newest answer was dropped")
	}
	if _, ok := c.get(strings.Repeat("k", 20), 1); ok || c.size != 0 {
		t.Error("a new generation kept answers")
	}
}

// TestCacheTurns checks that a request waits for a turn to compute its
// answer, and gets 503 when its time runs out first.
func TestCacheTurns(t *testing.T) {
	s := testServer(t, Config{Timeout: 50 * time.Millisecond})
	for range cap(s.cache.turns) {
		s.cache.turns <- struct{}{}
	}
	if rec := get(t, s, "/api/series?a=IRN&b=PAK", nil); rec.Code != 503 || !strings.Contains(rec.Body.String(), "busy") {
		t.Errorf("with every turn taken: %d %s", rec.Code, rec.Body)
	}
	<-s.cache.turns
	if rec := get(t, s, "/api/series?a=IRN&b=PAK", nil); rec.Code != 200 {
		t.Errorf("with a turn free: %d %s", rec.Code, rec.Body)
	}
}
