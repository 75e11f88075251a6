// Package server serves the store to people: a JSON API (documented by
// the OpenAPI document it serves at /api/openapi.json), health and
// Prometheus metrics. A Server is built once from its Config and is safe
// for concurrent use; cmd/dyad's serve command runs it in an http.Server
// with timeouts.
package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/store"
)

// Config is what a Server serves.
type Config struct {
	Store store.Store
	// Ingest codes and stores what POST /api/ingest receives; nil turns
	// the endpoint off (503).
	Ingest *ingest.Config
	// APIKey is the key POST /api/ingest wants, in an "Authorization:
	// Bearer KEY" or "X-API-Key: KEY" header; "" refuses every request.
	APIKey string
	// KB gives actor profiles their offices in time; nil: none.
	KB *actor.KB
	// MaxBody is the largest request body accepted, in bytes; 0 means
	// 4 MiB. Larger ones get 413.
	MaxBody int64
	// Timeout bounds the work of one request; 0 means 30 s (ingest: ten
	// times as long).
	Timeout time.Duration
	// CacheBytes is how many bytes of answers the server keeps for as
	// long as the store does not change; 0 means 64 MiB, < 0 none.
	CacheBytes int64
	// Version is reported by /healthz.
	Version string
	Log     *slog.Logger // nil: discard
}

// Server is the HTTP handler of the API.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	metrics *metrics
	pages   pageSet
	cache   *answerCache // nil: answers are not kept
}

// route is one endpoint: the API document must name every route and no
// other (TestOpenAPIRoutes).
type route struct {
	method, path string
	handle       func(s *Server, w http.ResponseWriter, r *http.Request) error
}

var routes = []route{
	{"GET", "/healthz", (*Server).health},
	{"GET", "/api/openapi.json", (*Server).openAPI},
	{"GET", "/api/events", (*Server).events},
	{"GET", "/api/clusters", (*Server).clusters},
	{"GET", "/api/clusters/{id}", (*Server).cluster},
	{"GET", "/api/series", (*Server).series},
	{"GET", "/api/actors", (*Server).actors},
	{"GET", "/api/actors/{id}", (*Server).actor},
	{"GET", "/api/articles/{id}", (*Server).article},
	{"GET", "/api/search", (*Server).search},
	{"POST", "/api/ingest", (*Server).ingest},
}

//go:embed openapi.json
var openAPIDoc []byte

// New makes a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 4 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	onto, err := cameo.Default()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	pages, err := loadPages(onto)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(cfg.Store), pages: pages}
	switch {
	case cfg.CacheBytes == 0:
		s.cache = newAnswerCache(64<<20, s.metrics.reg)
	case cfg.CacheBytes > 0:
		s.cache = newAnswerCache(cfg.CacheBytes, s.metrics.reg)
	}
	for _, rt := range routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	for _, rt := range pageRoutes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrapPage(rt))
	}
	s.mux.Handle("GET /static/", staticHandler())
	s.mux.Handle("/", s.wrapPage(route{"GET", "/", (*Server).notFoundPage}))
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &httpError{http.StatusNotFound, "no such endpoint: " + r.Method + " " + r.URL.Path})
	})
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Every answer is data, not a page to run in: browsers are told not
	// to guess types, not to frame it, and no other origin may read it
	// (no CORS headers are sent).
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

// httpError is an error with the status it answers.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// wrap turns a route's handler into an http.Handler: it bounds the body
// and the time, answers errors as JSON and counts the request.
func (s *Server) wrap(rt route) http.Handler {
	timeout := s.cfg.Timeout
	if rt.method == "POST" {
		timeout *= 10
	}
	name := rt.method + " " + rt.path
	cached := rt.method == "GET" && strings.HasPrefix(rt.path, "/api/") && rt.path != "/api/openapi.json"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r = r.WithContext(ctx)
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		if cached && s.cache != nil {
			s.serveCached(sw, r, func(w http.ResponseWriter) { s.handle(rt, name, w, r) })
		} else {
			s.handle(rt, name, sw, r)
		}
		s.metrics.observe(name, sw.status, time.Since(start))
	})
}

// handle runs a route's handler and answers its error, if any.
func (s *Server) handle(rt route, name string, w http.ResponseWriter, r *http.Request) {
	err := rt.handle(s, w, r)
	if err == nil {
		return
	}
	if sw, ok := w.(*statusWriter); ok && sw.wrote {
		return // the answer was begun (the client went away): nothing more to say
	}
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
	case errors.As(err, &mbe):
		he = &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", mbe.Limit)}
	case errors.Is(err, store.ErrNotFound):
		he = &httpError{http.StatusNotFound, err.Error()}
	case errors.Is(r.Context().Err(), context.DeadlineExceeded):
		he = &httpError{http.StatusServiceUnavailable, "timed out"}
	case errors.Is(r.Context().Err(), context.Canceled):
		he = &httpError{http.StatusServiceUnavailable, "canceled"} // the client has gone
	default:
		s.cfg.Log.Error("request failed", "route", name, "url", r.URL.String(), "err", err)
		he = &httpError{http.StatusInternalServerError, "internal error"}
	}
	writeError(w, he)
}

// statusWriter remembers the status written, for the metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

func writeError(w http.ResponseWriter, e *httpError) {
	writeJSON(w, e.status, map[string]string{"error": e.msg})
}

// authorized reports whether a request carries the API key, compared in
// constant time.
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.APIKey == "" {
		return false
	}
	key := r.Header.Get("X-API-Key")
	if a := r.Header.Get("Authorization"); key == "" && strings.HasPrefix(a, "Bearer ") {
		key = strings.TrimPrefix(a, "Bearer ")
	}
	return subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.APIKey)) == 1
}

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(st store.Store) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dyad_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "dyad_http_request_duration_seconds", Help: "Time to answer a request, by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
	}, []string{"route"})
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), storeCollector{st})
	return m
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, fmt.Sprint(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

// storeCollector reports what the store holds when scraped.
type storeCollector struct{ st store.Store }

var storeDesc = prometheus.NewDesc("dyad_store_rows", "Rows the store holds, by kind.", []string{"kind"}, nil)

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) { ch <- storeDesc }

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n, err := c.st.Counts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(storeDesc, err)
		return
	}
	for kind, v := range map[string]int{"articles": n.Articles, "sources": n.Sources, "events": n.Events,
		"clusters": n.Clusters, "entities": n.Entities, "skipped": n.Skipped} {
		ch <- prometheus.MustNewConstMetric(storeDesc, prometheus.GaugeValue, float64(v), kind)
	}
}
