package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/store"
)

// The dashboard: pages rendered with html/template (which escapes every
// value for its context) and the static files they load, all embedded.
// Pages run no inline script: a Content-Security-Policy allows scripts
// from this server's /static only.

//go:embed web/templates/*.html
var templateFS embed.FS

//go:embed web/static
var staticFS embed.FS

// pageRoutes are the dashboard's pages.
var pageRoutes = []route{
	{"GET", "/{$}", (*Server).overviewPage},
	{"GET", "/dyad/{a}/{b}", (*Server).dyadPage},
	{"GET", "/actor/{id}", (*Server).actorPage},
	{"GET", "/event/{id}", (*Server).eventPage},
	{"GET", "/article/{id}", (*Server).articlePage},
	{"GET", "/search", (*Server).searchPage},
	{"GET", "/map", (*Server).mapPage},
}

const contentPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// pageSet holds a template per page, each with the layout.
type pageSet map[string]*template.Template

func loadPages(onto *cameo.Ontology) (pageSet, error) {
	funcs := template.FuncMap{
		"add": func(a, b int) int { return a + b },
		"quadName": func(q int) string {
			if q < 1 || q > 4 {
				return ""
			}
			return [...]string{"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}[q-1]
		},
		"cameoLabel": func(code string) string {
			if c := onto.Lookup(code); c != nil {
				return c.Label
			}
			return ""
		},
		// partnerKey is the actor key of a partner, for a dyad page.
		"partnerKey": func(a store.ActorCount) string {
			return store.ActorKey(&event.Actor{Entity: a.Entity, Country: a.Country, Kind: a.Kind})
		},
	}
	ps := pageSet{}
	for _, name := range []string{"overview", "dyad", "actor", "event", "article", "search", "map", "error"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "web/templates/layout.html", "web/templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("server: page %s: %w", name, err)
		}
		ps[name] = t
	}
	return ps, nil
}

// render writes a page: rendered whole first, so that an error gives an
// error page, not half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data map[string]any) error {
	data["Version"] = s.cfg.Version
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", data); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", contentPolicy)
	w.WriteHeader(status)
	_, err := w.Write(b.Bytes())
	return err
}

// wrapPage is wrap for pages: errors are pages too.
func (s *Server) wrapPage(rt route) http.Handler {
	return s.wrap(route{rt.method, rt.path, func(s *Server, w http.ResponseWriter, r *http.Request) error {
		err := rt.handle(s, w, r)
		if err == nil {
			return nil
		}
		status, msg := http.StatusInternalServerError, "Something went wrong."
		var he *httpError
		switch {
		case errors.As(err, &he):
			status, msg = he.status, he.msg
		case errors.Is(err, store.ErrNotFound):
			status, msg = http.StatusNotFound, "Not in the store."
		default:
			s.cfg.Log.Error("page failed", "url", r.URL.String(), "err", err)
		}
		return s.render(w, status, "error", map[string]any{"Status": http.StatusText(status), "Message": msg})
	}})
}

// staticHandler serves the embedded static files, to be cached a day.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "web/static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// jsonAttr is v as JSON, for a data- attribute (html/template escapes
// it there).
func jsonAttr(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func (s *Server) overviewPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	counts, err := s.cfg.Store.Counts(ctx)
	if err != nil {
		return err
	}
	recent, err := s.cfg.Store.Clusters(ctx, store.Filter{Sort: "-id", Limit: 30})
	if err != nil {
		return err
	}
	// The index covers the year up to the last day an event is dated to
	// (not after today: a misdated event would move it).
	last, err := s.cfg.Store.LastDay(ctx, time.Now().UTC().Format("2006-01-02"))
	if err != nil {
		return err
	}
	var from string
	var index []store.Point
	if last != "" {
		t, _ := time.Parse("2006-01-02", last)
		from = t.AddDate(-1, 0, 0).Format("2006-01-02")
		if index, err = s.cfg.Store.SeriesOf(ctx, store.Filter{From: from, To: last}, "day"); err != nil {
			return err
		}
	}
	dyads, err := s.cfg.Store.TopDyads(ctx, "", 15)
	if err != nil {
		return err
	}
	idx, err := jsonAttr(index)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "overview", map[string]any{"Counts": counts, "Recent": recent, "Dyads": dyads,
		"Index": idx, "From": from})
}

func (s *Server) dyadPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a, b := r.PathValue("a"), r.PathValue("b")
	by := r.URL.Query().Get("by")
	switch by {
	case "":
		by = "week"
	case "day", "week", "month":
	default:
		return badRequest("by %q: want day, week or month", by)
	}
	pts, err := s.cfg.Store.Series(ctx, store.SeriesQuery{A: a, B: b, By: by})
	if err != nil {
		return err
	}
	var cls []store.Cluster
	for _, f := range []store.Filter{{Source: a, Target: b}, {Source: b, Target: a}} {
		f.Sort, f.Limit = "-date", 500
		got, err := s.cfg.Store.Clusters(ctx, f)
		if err != nil {
			return err
		}
		cls = append(cls, got...)
	}
	slices.SortFunc(cls, func(x, y store.Cluster) int {
		if c := strings.Compare(y.Date, x.Date); c != 0 {
			return c
		}
		return int(y.ID - x.ID)
	})
	related, err := s.relatedClusters(ctx, a, b, cls)
	if err != nil {
		return err
	}
	series, err := jsonAttr(pts)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "dyad", map[string]any{"A": a, "B": b, "By": by, "Series": series, "Clusters": cls,
		"Related": related})
}

// maxRelatedScan bounds the events of each side a dyad page looks
// through for related events.
const maxRelatedScan = 20000

// relatedClusters returns the clusters that involve the two sides of a
// dyad without being between them: one side against a group that
// operates in the other's country (Iran's strikes on Jaish al-Adl's bases
// in Pakistan), or an event placed in the other's country or on their
// border. dyad holds the dyad's own clusters, left out.
func (s *Server) relatedClusters(ctx context.Context, a, b string, dyad []store.Cluster) ([]store.Cluster, error) {
	seen := map[int64]bool{}
	for _, c := range dyad {
		seen[c.ID] = true
	}
	var ids []int64
	for _, side := range [][2]string{{a, b}, {b, a}} {
		x, y := side[0], side[1]
		err := s.cfg.Store.EachEvent(ctx, store.Filter{Actor: x, Limit: maxRelatedScan}, func(e store.Event) error {
			var other *event.Actor
			switch {
			case store.ActorKey(e.Source) == x:
				other = e.Target
			case store.ActorKey(e.Target) == x:
				other = e.Source
			default:
				return nil
			}
			if seen[e.Cluster] || other == nil || store.ActorKey(other) == x {
				return nil
			}
			if s.operatesIn(other, y) || placedIn(e.Location, x, y) {
				seen[e.Cluster] = true
				ids = append(ids, e.Cluster)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var out []store.Cluster
	for _, id := range ids {
		c, err := s.cfg.Store.Cluster(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(p, q store.Cluster) int { return strings.Compare(q.Date, p.Date) })
	return out, nil
}

// operatesIn reports whether an actor is a group that the knowledge base
// says operates in a country.
func (s *Server) operatesIn(a *event.Actor, country string) bool {
	if s.cfg.KB == nil || a.Kind != "group" {
		return false
	}
	o := s.cfg.KB.Orgs[a.Entity]
	return o != nil && slices.Contains(o.Countries, country)
}

// placedIn reports whether an event is placed in country y or on the
// border of x and y.
func placedIn(l *event.Location, x, y string) bool {
	if l == nil {
		return false
	}
	return l.Country == y || slices.Contains(l.Border, x) && slices.Contains(l.Border, y)
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.actorView(r.Context(), r.PathValue("id"), 30)
	if err != nil {
		return err
	}
	tl, err := jsonAttr(v.Timeline)
	if err != nil {
		return err
	}
	// The actor's key, for links to dyad pages: a state's country, a
	// group's entity; a person or an agent has none of its own.
	key := ""
	switch v.Kind {
	case "country", "group", "igo":
		key = v.Entity.Entity
	}
	return s.render(w, http.StatusOK, "actor", map[string]any{"Actor": v.Entity, "Partners": v.Partners, "Timeline": tl,
		"Offices": v.Offices, "Key": key})
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	v, err := s.clusterView(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "event", map[string]any{"Cluster": v.Cluster, "Reports": v.Reports, "Events": v.Events})
}

// segment is a piece of an article's text and the evidence it is part
// of: Classes names the kinds of span (src, tgt, pred, date, place),
// Event the first event whose evidence it is.
type segment struct {
	Text    string
	Classes string
	Event   int
}

// segments cuts an article's text at the bounds of its events' evidence
// spans, so that each piece is marked with every kind of span covering
// it. Spans out of the text or inside a UTF-8 sequence are left out.
func segments(text string, evs []store.Event) []segment {
	type span struct {
		start, end int
		class      string
		event      int
	}
	var spans []span
	add := func(start, end int, class string, ev int) {
		if start < 0 || end > len(text) || start >= end || !utf8.RuneStart(text[start]) ||
			(end < len(text) && !utf8.RuneStart(text[end])) {
			return
		}
		spans = append(spans, span{start, end, class, ev})
	}
	for i, e := range evs {
		if e.Source != nil {
			add(e.Source.Span.Start, e.Source.Span.End, "src", i)
		}
		if e.Target != nil {
			add(e.Target.Span.Start, e.Target.Span.End, "tgt", i)
		}
		add(e.Evidence.Predicate.Span.Start, e.Evidence.Predicate.Span.End, "pred", i)
		if d := e.Evidence.Date; d != nil {
			add(d.Span.Start, d.Span.End, "date", i)
		}
		if l := e.Evidence.Location; l != nil {
			add(l.Span.Start, l.Span.End, "place", i)
		}
	}
	cuts := []int{0, len(text)}
	for _, sp := range spans {
		cuts = append(cuts, sp.start, sp.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		start, end := cuts[i], cuts[i+1]
		seg := segment{Text: text[start:end], Event: -1}
		var classes []string
		for _, sp := range spans {
			if sp.start <= start && end <= sp.end {
				if !slices.Contains(classes, sp.class) {
					classes = append(classes, sp.class)
				}
				if seg.Event < 0 || sp.event < seg.Event {
					seg.Event = sp.event
				}
			}
		}
		slices.Sort(classes)
		seg.Classes = strings.Join(classes, " ")
		out = append(out, seg)
	}
	return out
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	// An article read from plain text has its headline as the first line
	// of its text, not as a title.
	title := a.Title
	if title == "" {
		title, _, _ = strings.Cut(strings.TrimSpace(a.Text), "\n")
		if r := []rune(title); len(r) > 120 {
			title = string(r[:120]) + "…"
		}
	}
	return s.render(w, http.StatusOK, "article", map[string]any{"Article": a, "Title": title, "Segments": segments(a.Text, a.Events)})
}

// snippetPart is a piece of a search snippet, marked when it matched.
type snippetPart struct {
	Text string
	Mark bool
}

// hitView is a search hit with its snippet cut at the match markers.
type hitView struct {
	store.Hit
	Snippet []snippetPart
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	data := map[string]any{"Q": q}
	if q != "" {
		hits, err := s.cfg.Store.Search(r.Context(), q, 0, 50)
		if err := storeError(err); err != nil {
			var he *httpError
			if !errors.As(err, &he) {
				return err
			}
			data["Error"] = he.msg
		}
		var views []hitView
		for _, h := range hits {
			v := hitView{Hit: h}
			for i, part := range strings.Split(strings.ReplaceAll(h.Snippet, "«", "»"), "»") {
				if part != "" {
					v.Snippet = append(v.Snippet, snippetPart{part, i%2 == 1})
				}
			}
			views = append(views, v)
		}
		data["Hits"] = views
	}
	return s.render(w, http.StatusOK, "search", data)
}

func (s *Server) notFoundPage(w http.ResponseWriter, r *http.Request) error {
	return &httpError{http.StatusNotFound, "No page here."}
}

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, to, actor := q.Get("from"), q.Get("to"), q.Get("actor")
	if err := checkDates(map[string]string{"from": from, "to": to}); err != nil {
		return err
	}
	api := url.Values{"limit": {"1000"}, "sort": {"-date"}}
	for k, v := range map[string]string{"from": from, "to": to, "actor": actor} {
		if v != "" {
			api.Set(k, v)
		}
	}
	return s.render(w, http.StatusOK, "map", map[string]any{"From": from, "To": to, "Actor": actor,
		"Query": "/api/clusters?" + api.Encode()})
}
