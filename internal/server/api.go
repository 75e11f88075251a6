package server

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

// Limits of the pages a list returns.
const (
	defaultLimit = 50
	maxLimit     = 1000
)

// listPage is one page of a list: next is the cursor of the page after it,
// "" at the end.
type listPage[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

// cursor is what a page cursor carries, opaque to clients.
type cursor struct {
	ID      int64  `json:"i,omitempty"` // cluster id or article id
	Date    string `json:"d,omitempty"`
	N       int    `json:"n,omitempty"`
	Offset  int    `json:"o,omitempty"`
	Sort    string `json:"s,omitempty"` // the sort it pages, which must not change
	Started bool   `json:"b,omitempty"`
}

func (c cursor) String() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func parseCursor(s string) (cursor, error) {
	var c cursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil {
		return c, badRequest("cursor %q: not one this server gave", s)
	}
	return c, nil
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	v, err := s.cfg.Store.Version(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "version": s.cfg.Version, "schema": v})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPIDoc)
	return err
}

// filterOf reads the filter parameters of a list request.
func filterOf(q url.Values) (store.Filter, error) {
	f := store.Filter{
		Actor: q.Get("actor"), Source: q.Get("source"), Target: q.Get("target"), Country: q.Get("country"),
		Sector: q.Get("sector"), CAMEO: q.Get("cameo"), Root: q.Get("root"), Plover: q.Get("plover"),
		From: q.Get("from"), To: q.Get("to"), Place: q.Get("place"), Text: q.Get("q"),
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, badRequest("quad %q: want 1 to 4", v)
		}
		f.Quad = n
	}
	if err := checkDates(map[string]string{"from": f.From, "to": f.To}); err != nil {
		return f, err
	}
	var err error
	f.Limit, err = intParam(q, "limit", defaultLimit, 1, maxLimit)
	return f, err
}

// intParam reads an integer parameter between lo and hi.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s %q: want a number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// storeError turns the store's refusal of a full-text query into a 400;
// the other parameters are checked before the store sees them.
func storeError(err error) error {
	if err == nil {
		return nil
	}
	var he *httpError
	if errors.As(err, &he) || errors.Is(err, store.ErrNotFound) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, store.ErrBadQuery) {
		return badRequest("text query: %v", err)
	}
	return err
}

// events lists events (mentions), by article then position.
func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	c, err := parseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	if c.Started {
		f.AfterEvent = &store.EventRef{Article: c.ID, N: c.N}
	}
	limit := f.Limit
	f.Limit++ // one more tells whether a page follows
	out := listPage[store.Event]{Items: []store.Event{}}
	err = s.cfg.Store.EachEvent(r.Context(), f, func(e store.Event) error {
		out.Items = append(out.Items, e)
		return nil
	})
	if err != nil {
		return storeError(err)
	}
	if len(out.Items) > limit {
		out.Items = out.Items[:limit]
		last := out.Items[limit-1]
		out.Next = cursor{ID: last.ArticleID, N: last.N, Started: true}.String()
	}
	return writeJSON(w, http.StatusOK, out)
}

// clusters lists event clusters.
func (s *Server) clusters(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	f.Sort = q.Get("sort")
	switch f.Sort {
	case "", "id", "-id", "date", "-date":
	default:
		return badRequest("sort %q: want id, -id, date or -date", f.Sort)
	}
	c, err := parseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	if c.Started {
		if c.Sort != f.Sort {
			return badRequest("cursor: it pages sort %q, not %q", c.Sort, f.Sort)
		}
		f.After, f.AfterDate = c.ID, c.Date
	}
	limit := f.Limit
	f.Limit++
	cls, err := s.cfg.Store.Clusters(r.Context(), f)
	if err != nil {
		return storeError(err)
	}
	out := listPage[store.Cluster]{Items: cls}
	if out.Items == nil {
		out.Items = []store.Cluster{}
	}
	if len(cls) > limit {
		out.Items = cls[:limit]
		last := cls[limit-1]
		out.Next = cursor{ID: last.ID, Date: last.Date, Sort: f.Sort, Started: true}.String()
	}
	return writeJSON(w, http.StatusOK, out)
}

// idParam reads a numeric path parameter.
func idParam(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, badRequest("id %q: want a positive number", v)
	}
	return id, nil
}

// clusterView is a cluster with the articles and the events that report
// it (reports, not articles: that is the cluster's count of them).
type clusterView struct {
	store.Cluster
	Reports []store.ClusterArticle `json:"reports"`
	Events  []store.Event          `json:"events"`
}

func (s *Server) cluster(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	v, err := s.clusterView(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// clusterView reads a cluster with its reports and events, for the API
// and the event page.
func (s *Server) clusterView(ctx context.Context, id int64) (clusterView, error) {
	c, err := s.cfg.Store.Cluster(ctx, id)
	if err != nil {
		return clusterView{}, err
	}
	v := clusterView{Cluster: c, Events: []store.Event{}}
	if v.Reports, err = s.cfg.Store.ClusterArticles(ctx, id); err != nil {
		return v, err
	}
	err = s.cfg.Store.EachEvent(ctx, store.Filter{Cluster: id, Limit: maxLimit}, func(e store.Event) error {
		v.Events = append(v.Events, e)
		return nil
	})
	return v, err
}

// checkDates answers 400 for a date parameter that is not YYYY-MM-DD.
func checkDates(dates map[string]string) error {
	for name, d := range dates {
		if _, err := time.Parse("2006-01-02", d); d != "" && err != nil {
			return badRequest("%s %q: want YYYY-MM-DD", name, d)
		}
	}
	return nil
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	sq := store.SeriesQuery{A: q.Get("a"), B: q.Get("b"), By: q.Get("by"), From: q.Get("from"), To: q.Get("to")}
	if sq.A == "" {
		return badRequest("a: an actor key needed (IRN, an armed group's entity)")
	}
	switch sq.By {
	case "":
		sq.By = "day"
	case "day", "week", "month":
	default:
		return badRequest("by %q: want day, week or month", sq.By)
	}
	switch v := q.Get("directed"); v {
	case "", "false", "0":
	case "true", "1":
		sq.Directed = true
	default:
		return badRequest("directed %q: want true or false", v)
	}
	if err := checkDates(map[string]string{"from": sq.From, "to": sq.To}); err != nil {
		return err
	}
	pts, err := s.cfg.Store.Series(r.Context(), sq)
	if err != nil {
		return storeError(err)
	}
	if pts == nil {
		pts = []store.Point{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"a": sq.A, "b": sq.B, "by": sq.By, "directed": sq.Directed, "points": pts})
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	top, err := intParam(q, "top", 20, 1, maxLimit)
	if err != nil {
		return err
	}
	f.Limit = 0
	as, err := s.cfg.Store.Actors(r.Context(), f, top)
	if err != nil {
		return storeError(err)
	}
	if as == nil {
		as = []store.ActorCount{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": as})
}

// actorView is an actor's profile.
type actorView struct {
	store.Entity
	Offices  []office           `json:"offices"`  // a person's offices in time
	Partners []store.ActorCount `json:"partners"` // the actors it has the most events with
	Timeline []store.Point      `json:"timeline"` // its event clusters by month
}

// office is a term in an office.
type office struct {
	Country string `json:"country"`
	Office  string `json:"office"`
	Start   string `json:"start"`
	End     string `json:"end,omitempty"` // "" for an office held today
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) error {
	v, err := s.actorView(r.Context(), r.PathValue("id"), 20)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// actorView reads an actor's profile with its top partners, for the API
// and the actor page.
func (s *Server) actorView(ctx context.Context, id string, top int) (actorView, error) {
	e, err := s.cfg.Store.Entity(ctx, id)
	if err != nil {
		return actorView{}, err
	}
	v := actorView{Entity: e, Offices: []office{}, Partners: []store.ActorCount{}, Timeline: []store.Point{}}
	if p := s.person(id); p != nil {
		for _, t := range p.Terms {
			o := office{Country: t.Country, Office: t.Office, Start: t.Start.Format("2006-01-02")}
			if !t.End.IsZero() {
				o.End = t.End.Format("2006-01-02")
			}
			v.Offices = append(v.Offices, o)
		}
	}
	partners, err := s.cfg.Store.Partners(ctx, id, store.Filter{}, top)
	if err != nil {
		return v, err
	}
	timeline, err := s.cfg.Store.SeriesOf(ctx, store.Filter{Actor: id}, "month")
	if err != nil {
		return v, err
	}
	v.Partners = append(v.Partners, partners...)
	v.Timeline = append(v.Timeline, timeline...)
	return v, nil
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	if a.Clusters == nil {
		a.Clusters = []store.Cluster{}
	}
	return writeJSON(w, http.StatusOK, a)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return badRequest("q: a text query needed")
	}
	limit, err := intParam(q, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	c, err := parseCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	hits, err := s.cfg.Store.Search(r.Context(), text, c.Offset, limit+1)
	if err != nil {
		return storeError(err)
	}
	out := listPage[store.Hit]{Items: hits}
	if len(hits) > limit {
		out.Items = hits[:limit]
		out.Next = cursor{Offset: c.Offset + limit, Started: true}.String()
	}
	return writeJSON(w, http.StatusOK, out)
}

// ingestRequest is what POST /api/ingest takes: articles given whole,
// and URLs of pages or feeds to fetch.
type ingestRequest struct {
	Articles []ingestArticle `json:"articles"`
	URLs     []string        `json:"urls"`
}

type ingestArticle struct {
	ID        string `json:"id"` // the client's own id, unique among its articles
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Author    string `json:"author"`
	Published string `json:"published"` // RFC 3339, or a date
}

// ingestResult is what an ingest did.
type ingestResult struct {
	Read       int            `json:"read"`
	Known      int            `json:"known"` // already stored: passed over
	Articles   int            `json:"articles"`
	Near       int            `json:"near_duplicates"`
	Duplicates int            `json:"duplicates"`
	Events     int            `json:"events"`
	Clusters   int            `json:"clusters"`
	Skipped    map[string]int `json:"skipped"`
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		return &httpError{http.StatusUnauthorized, "an API key is needed: Authorization: Bearer KEY, or X-API-Key: KEY"}
	}
	if s.cfg.Ingest == nil {
		return &httpError{http.StatusServiceUnavailable, "this server does not ingest"}
	}
	var req ingestRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("body: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("body: one JSON object wanted")
	}
	if len(req.Articles) == 0 && len(req.URLs) == 0 {
		return badRequest("body: no articles and no urls")
	}
	arts := make([]*source.Article, 0, len(req.Articles))
	for i, a := range req.Articles {
		if strings.TrimSpace(a.Text) == "" {
			return badRequest("articles[%d]: no text", i)
		}
		sa := &source.Article{Source: a.URL, Title: a.Title, Text: a.Text, URL: a.URL, Author: a.Author}
		switch {
		case sa.Source != "":
		case a.ID != "":
			sa.Source = "api:" + a.ID
		default:
			sum := sha256.Sum256([]byte(a.Text))
			sa.Source = "api:" + hex.EncodeToString(sum[:8])
		}
		if a.Published != "" {
			ts, warn, err := source.ParseTime(a.Published)
			if err != nil {
				return badRequest("articles[%d].published %q: %v", i, a.Published, err)
			}
			sa.Published, sa.PublishedFrom = ts, "record"
			if warn != "" {
				sa.Warnings = append(sa.Warnings, warn)
			}
		}
		arts = append(arts, sa)
	}
	for i, u := range req.URLs {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return badRequest("urls[%d] %q: want an http or https URL", i, u)
		}
	}
	var total ingest.Stats
	total.Skipped = map[string]int{}
	add := func(st ingest.Stats) {
		total.Read += st.Read
		total.Known += st.Known
		total.Report.Add(st.Report)
		for k, n := range st.Skipped {
			total.Skipped[k] += n
		}
	}
	cfg := *s.cfg.Ingest
	if len(arts) > 0 {
		st, err := ingest.Articles(r.Context(), cfg, func(ctx context.Context, emit func(*source.Article) error) error {
			for _, a := range arts {
				if err := emit(a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		add(st)
	}
	if len(req.URLs) > 0 {
		st, err := ingest.Run(r.Context(), cfg, req.URLs)
		if err != nil {
			return &httpError{http.StatusBadGateway, fmt.Sprintf("ingest: %v", err)}
		}
		add(st)
	}
	return writeJSON(w, http.StatusOK, ingestResult{Read: total.Read, Known: total.Known, Articles: total.Articles,
		Near: total.Near, Duplicates: total.Duplicates, Events: total.Events, Clusters: total.Clusters, Skipped: total.Skipped})
}

// person returns the knowledge base's person of an entity id, if any.
func (s *Server) person(id string) *actor.Person {
	if s.cfg.KB == nil {
		return nil
	}
	return s.cfg.KB.People[id]
}
