package server

import (
	"bytes"
	"container/list"
	"fmt"
	"net/http"
	"runtime"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"
)

// answerCache keeps the answers of the API's GET requests for as long as
// the store does not change (store.Store.Generation): between two
// ingests a dashboard asks for the same series again and again, and an
// answer read from memory costs microseconds where a series of a busy
// dyad costs tens of milliseconds (docs/server.md, "Load"). Concurrent
// requests for an answer not kept compute it once.
type answerCache struct {
	max    int64         // bytes of answers kept at most
	turns  chan struct{} // a token per answer being computed
	group  singleflight.Group
	hits   prometheus.Counter
	misses prometheus.Counter

	mu    sync.Mutex // guards what follows
	gen   int64      // the store generation of the answers kept
	size  int64
	order *list.List // of *answer, the most recently used first
	byKey map[string]*list.Element
}

// answer is a kept answer.
type answer struct {
	key         string
	status      int
	contentType string
	body        []byte
}

func newAnswerCache(max int64, reg *prometheus.Registry) *answerCache {
	c := &answerCache{max: max, order: list.New(), byKey: map[string]*list.Element{},
		turns: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	counts := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dyad_http_cache_total", Help: "GET API requests answered from the cache (hit) or computed (miss).",
	}, []string{"result"})
	reg.MustRegister(counts)
	c.hits, c.misses = counts.WithLabelValues("hit"), counts.WithLabelValues("miss")
	return c
}

// get returns the answer kept for key in generation gen. A new generation
// empties the cache.
func (c *answerCache) get(key string, gen int64) (*answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		c.gen, c.size = gen, 0
		c.order.Init()
		clear(c.byKey)
		return nil, false
	}
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*answer), true
}

// put keeps an answer of generation gen, dropping the least recently
// used ones to make room.
func (c *answerCache) put(a *answer, gen int64) {
	n := int64(len(a.body) + len(a.key))
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || n > c.max/8 {
		return
	}
	if _, ok := c.byKey[a.key]; ok {
		return
	}
	c.byKey[a.key] = c.order.PushFront(a)
	c.size += n
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*answer)
		c.order.Remove(last)
		delete(c.byKey, old.key)
		c.size -= int64(len(old.body) + len(old.key))
	}
}

// bufferWriter is a ResponseWriter that keeps the answer.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }

func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// serveCached answers a GET request from the cache, or computes the
// answer with compute, keeps it when it is a 200 and answers it.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, compute func(http.ResponseWriter)) {
	gen, err := s.cfg.Store.Generation(r.Context())
	if err != nil { // no generation: compute, keep nothing
		compute(w)
		return
	}
	key := r.URL.Path + "?" + r.URL.Query().Encode() // the parameters in one order
	a, ok := s.cache.get(key, gen)
	if ok {
		s.cache.hits.Inc()
	} else {
		s.cache.misses.Inc()
		v, _, _ := s.cache.group.Do(fmt.Sprint(gen, " ", key), func() (any, error) {
			bw := &bufferWriter{header: http.Header{}}
			// At most a few answers are computed at once: under a burst
			// of new queries the others wait for a turn rather than all
			// slowing down together.
			select {
			case s.cache.turns <- struct{}{}:
				defer func() { <-s.cache.turns }()
				compute(bw)
			case <-r.Context().Done():
				writeError(bw, &httpError{http.StatusServiceUnavailable, "busy: timed out waiting for a turn"})
			}
			a := &answer{key: key, status: bw.status, contentType: bw.header.Get("Content-Type"), body: bw.body.Bytes()}
			if a.status == http.StatusOK {
				s.cache.put(a, gen)
			}
			return a, nil
		})
		a = v.(*answer)
	}
	if a.contentType != "" {
		w.Header().Set("Content-Type", a.contentType)
	}
	w.WriteHeader(a.status)
	w.Write(a.body)
}
