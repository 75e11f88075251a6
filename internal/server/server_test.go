package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/dyadproject/dyad/internal/store"
)

// testStore is a store of three articles from three outlets: two report
// Iran's strike on Pakistan of 2024-01-16 (one cluster), the third
// Pakistan's of 2024-01-18.
func testStore(t testing.TB) store.Store {
	t.Helper()
	return testStoreAt(t, filepath.Join(t.TempDir(), "dyad.db"))
}

// testStoreAt is testStore at a location: a file or a PostgreSQL URL.
func testStoreAt(t testing.TB, location string) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, location, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	country := func(c string) *event.Actor {
		return &event.Actor{Entity: c, Name: c, Country: c, Code: c, Kind: "country"}
	}
	strike := func(id, src, tgt, date string) event.Event {
		return event.Event{ID: id, Source: country(src), Target: country(tgt), CAMEO: "195", Root: "19", Quad: 4,
			Goldstein: -10, Date: date, DateGranularity: "day", Plover: event.Plover{Event: "ASSAULT", Mode: "aerial"},
			Location: &event.Location{Name: "Panjgur", Lat: 26.97, Lon: 64.09, Country: "PAK"}}
	}
	call := event.Event{ID: "c-1", Source: country("IRN"), Target: country("PAK"), CAMEO: "040", Root: "04", Quad: 1,
		Goldstein: 1, Date: "2024-04-12", DateGranularity: "day", Plover: event.Plover{Event: "CONSULT"}}
	if _, err := st.Write(ctx, []store.Article{
		{Key: "https://wire.example/a", URL: "https://wire.example/a", Hash: "h1", Title: "Iran strikes Pakistan",
			Text: "Iran struck militants in Panjgur with missiles.", Coder: "test", Date: "2024-01-16",
			Events: []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16")}},
		{Key: "https://daily.example/b", URL: "https://daily.example/b", Hash: "h2", Title: "Strike in Panjgur",
			Text: "Pakistan said Iran's missiles hit Panjgur.", Coder: "test", Date: "2024-01-17",
			Events: []event.Event{strike("b-1", "IRN", "PAK", "2024-01-16"), call}},
		{Key: "https://other.example/c", URL: "https://other.example/c", Hash: "h3", Title: "Pakistan retaliates",
			Text: "Pakistan struck Saravan in Iran.", Coder: "test", Date: "2024-01-18",
			Events: []event.Event{strike("c-1", "PAK", "IRN", "2024-01-18")}},
	}); err != nil {
		t.Fatal(err)
	}
	return st
}

func testServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = testStore(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get requests a path and decodes the JSON answer into v (when not nil).
func get(t *testing.T, h http.Handler, path string, v any) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if v != nil && rec.Code == http.StatusOK {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, rec.Body)
		}
	}
	return rec
}

// TestEndpoints asks every endpoint of a server of the SQLite store and
// of a PostgreSQL store holding the same articles.
func TestEndpoints(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testEndpoints(t, testStore(t)) })
	t.Run("postgres", func(t *testing.T) { testEndpoints(t, testStoreAt(t, pgtest.Start(t).CreateDB(t, "dyad"))) })
}

func testEndpoints(t *testing.T, st store.Store) {
	s := testServer(t, Config{Store: st, Version: "test"})
	v, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]any
	if rec := get(t, s, "/healthz", &health); rec.Code != 200 || health["status"] != "ok" || health["schema"] != float64(v) {
		t.Errorf("healthz: %d %s", rec.Code, rec.Body)
	}

	var cls listPage[store.Cluster]
	get(t, s, "/api/clusters", &cls)
	if len(cls.Items) != 3 || cls.Next != "" || cls.Items[0].Mentions != 2 || cls.Items[0].Articles != 2 || cls.Items[0].Sources != 2 {
		t.Errorf("clusters: %+v", cls)
	}
	for _, c := range []struct {
		query string
		want  []int64
	}{
		{"source=PAK", []int64{3}},
		{"actor=PAK&quad=1", []int64{2}},
		{"root=19&sort=-date", []int64{3, 1}},
		{"sort=date", []int64{1, 3, 2}},
		{"plover=consult", []int64{2}},
		{"place=panjgur", []int64{1, 3}},
		{"from=2024-01-17&to=2024-01-31", []int64{3}},
		{"q=Saravan", []int64{3}},
		{"cameo=04", []int64{2}},
		{"country=IRN&sector=GOV", nil},
	} {
		var p listPage[store.Cluster]
		if rec := get(t, s, "/api/clusters?"+c.query, &p); rec.Code != 200 {
			t.Errorf("clusters?%s: %d %s", c.query, rec.Code, rec.Body)
			continue
		}
		var got []int64
		for _, cl := range p.Items {
			got = append(got, cl.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("clusters?%s: %v, want %v", c.query, got, c.want)
		}
	}

	var evs listPage[store.Event]
	get(t, s, "/api/events?target=PAK", &evs)
	if len(evs.Items) != 3 || evs.Items[0].ID != "a-1" || evs.Items[2].ID != "c-1" {
		t.Errorf("events?target=PAK: %+v", evs)
	}

	var cv clusterView
	get(t, s, "/api/clusters/1", &cv)
	if cv.ID != 1 || cv.Articles != 2 || len(cv.Reports) != 2 || len(cv.Events) != 2 || cv.Reports[1].Outlets[0] != "daily.example" {
		t.Errorf("cluster 1: %+v", cv)
	}

	var series struct {
		Points []store.Point `json:"points"`
	}
	get(t, s, "/api/series?a=IRN&b=PAK&by=month", &series)
	if len(series.Points) != 4 || series.Points[0].Period != "2024-01" || series.Points[0].Quad != [4]int{0, 0, 0, 2} ||
		series.Points[3].Quad != [4]int{1, 0, 0, 0} {
		t.Errorf("series IRN PAK by month: %+v", series.Points)
	}
	get(t, s, "/api/series?a=IRN&b=PAK&directed=true&from=2024-01-01&to=2024-01-31", &series)
	if len(series.Points) != 31 || series.Points[15].Events != 1 || series.Points[17].Events != 0 {
		t.Errorf("series IRN→PAK in January: %d points", len(series.Points))
	}

	var actors struct {
		Items []store.ActorCount `json:"items"`
	}
	get(t, s, "/api/actors?top=1", &actors)
	if len(actors.Items) != 1 || actors.Items[0].Entity != "IRN" || actors.Items[0].Events != 3 {
		t.Errorf("actors: %+v", actors)
	}
	var av actorView
	get(t, s, "/api/actors/PAK", &av)
	if av.Kind != "country" || len(av.Partners) != 1 || av.Partners[0].Entity != "IRN" || len(av.Timeline) != 4 {
		t.Errorf("actor PAK: %+v", av)
	}

	var art store.ArticleView
	get(t, s, "/api/articles/2", &art)
	if art.Title != "Strike in Panjgur" || len(art.Events) != 2 || len(art.Sources) != 1 || len(art.Clusters) != 2 {
		t.Errorf("article 2: %+v", art)
	}

	var hits listPage[store.Hit]
	get(t, s, "/api/search?q=Panjgur", &hits)
	if len(hits.Items) != 2 || !strings.Contains(hits.Items[0].Snippet, "«Panjgur»") {
		t.Errorf("search Panjgur: %+v", hits)
	}

	for path, want := range map[string]int{
		"/api/articles/99": 404, "/api/clusters/99": 404, "/api/actors/nobody": 404, "/api/nothing": 404,
		"/api/series?a=IRN": 200, "/api/openapi.json": 200,
	} {
		if rec := get(t, s, path, nil); rec.Code != want {
			t.Errorf("GET %s: %d, want %d: %s", path, rec.Code, want, rec.Body)
		}
	}
}

// TestBadParameters checks that bad parameters get 400 and a message
// naming them.
func TestBadParameters(t *testing.T) {
	s := testServer(t, Config{})
	for path, want := range map[string]string{
		"/api/clusters?quad=9":           "quad",
		"/api/clusters?from=yesterday":   "from",
		"/api/clusters?to=2024-13-01":    "to",
		"/api/clusters?limit=0":          "limit",
		"/api/clusters?limit=5000":       "limit",
		"/api/clusters?sort=mentions":    "sort",
		"/api/clusters?cursor=xyz":       "cursor",
		"/api/events?cursor=%25%25":      "cursor",
		"/api/clusters?q=%22unclosed":    "text query",
		"/api/clusters/abc":              "id",
		"/api/articles/0":                "id",
		"/api/series":                    "a:",
		"/api/series?a=IRN&by=year":      "by",
		"/api/series?a=IRN&directed=may": "directed",
		"/api/series?a=IRN&from=2024":    "from",
		"/api/search":                    "q:",
		"/api/search?q=AND":              "text query",
		"/api/actors?top=-1":             "top",
	} {
		rec := get(t, s, path, nil)
		var e map[string]string
		json.Unmarshal(rec.Body.Bytes(), &e)
		if rec.Code != 400 || !strings.Contains(e["error"], want) {
			t.Errorf("GET %s: %d %q, want 400 naming %q", path, rec.Code, e["error"], want)
		}
	}
	// A cursor of one sort does not page another.
	var p listPage[store.Cluster]
	get(t, s, "/api/clusters?sort=date&limit=1", &p)
	if rec := get(t, s, "/api/clusters?sort=-date&cursor="+p.Next, nil); rec.Code != 400 {
		t.Errorf("a date cursor with sort -date: %d", rec.Code)
	}
}

// TestPagination follows the next cursors of every list and checks that
// the pages hold every row once, in order.
func TestPagination(t *testing.T) {
	s := testServer(t, Config{})
	for _, c := range []struct{ path, all string }{
		{"/api/clusters?limit=1", "/api/clusters"},
		{"/api/clusters?limit=2&sort=-date", "/api/clusters?sort=-date"},
		{"/api/clusters?limit=1&sort=date&root=19", "/api/clusters?sort=date&root=19"},
		{"/api/clusters?limit=2&sort=-id", "/api/clusters?sort=-id"},
		{"/api/events?limit=1", "/api/events"},
		{"/api/events?limit=3", "/api/events"},
		{"/api/search?q=Panjgur+OR+Saravan&limit=1", "/api/search?q=Panjgur+OR+Saravan"},
	} {
		var all listPage[json.RawMessage]
		get(t, s, c.all, &all)
		var got []json.RawMessage
		path, pages := c.path, 0
		for {
			var p listPage[json.RawMessage]
			if rec := get(t, s, path, &p); rec.Code != 200 {
				t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
			}
			got = append(got, p.Items...)
			pages++
			if p.Next == "" || pages > 10 {
				break
			}
			path = c.path + "&cursor=" + url.QueryEscape(p.Next)
		}
		if len(got) != len(all.Items) || len(got) == 0 {
			t.Errorf("%s: %d rows in %d pages, want %d", c.path, len(got), pages, len(all.Items))
			continue
		}
		for i := range got {
			if string(got[i]) != string(all.Items[i]) {
				t.Errorf("%s: row %d differs from the unpaged list", c.path, i)
			}
		}
	}
}

func TestMetrics(t *testing.T) {
	s := testServer(t, Config{})
	get(t, s, "/api/clusters", nil)
	get(t, s, "/api/clusters?quad=9", nil)
	rec := get(t, s, "/metrics", nil)
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`dyad_http_requests_total{code="200",route="GET /api/clusters"} 1`,
		`dyad_http_requests_total{code="400",route="GET /api/clusters"} 1`,
		`dyad_store_rows{kind="clusters"} 3`,
		`dyad_http_request_duration_seconds_bucket`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestHeaders(t *testing.T) {
	s := testServer(t, Config{})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/clusters", nil)
	req.Header.Set("Origin", "https://evil.example")
	s.ServeHTTP(rec, req)
	h := rec.Header()
	if h.Get("Access-Control-Allow-Origin") != "" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Content-Type") != "application/json" {
		t.Errorf("headers: %v", h)
	}
}

// TestErrorAfterAnswerBegun: a handler that fails once its answer is
// begun (the client went away mid-way) gets no error status written
// over it.
func TestErrorAfterAnswerBegun(t *testing.T) {
	s := testServer(t, Config{})
	rt := route{"GET", "/x", func(s *Server, w http.ResponseWriter, r *http.Request) error {
		w.Write([]byte(`{"partial":`))
		return errors.New("write: broken pipe")
	}}
	rec := httptest.NewRecorder()
	sw := &statusWriter{ResponseWriter: rec, status: http.StatusOK}
	s.handle(rt, "GET /x", sw, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 200 || rec.Body.String() != `{"partial":` || sw.status != 200 {
		t.Errorf("answer %d %q (status %d), want the begun answer alone", rec.Code, rec.Body, sw.status)
	}
}
