package server

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/extract/extracttest"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/store"
)

func post(t *testing.T, s *Server, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/ingest", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func TestIngest(t *testing.T) {
	st := testStore(t)
	cfg := &ingest.Config{Store: st, Extractor: extracttest.Embedded(t), Coder: "test", Hash: dedup.ContentHash,
		Sign: dedup.SignEncoded, Workers: 2}
	s := testServer(t, Config{Store: st, Ingest: cfg, APIKey: "secret key", MaxBody: 64 << 10})
	seed, err := os.ReadFile("../../../shared/seed/iran-pakistan-2024-04-12.txt")
	if err != nil {
		seed = []byte("Iran and Pakistan agreed on Friday to expand trade. Iranian Foreign Minister Hossein Amir-Abdollahian condemned the attack.")
	}
	body, _ := json.Marshal(ingestRequest{Articles: []ingestArticle{{ID: "seed", Title: "Iran, Pakistan", Text: string(seed),
		Published: "2024-04-12T10:00:00+05:00"}}})

	for _, c := range []struct {
		name   string
		header []string
		body   string
		status int
	}{
		{"no key", nil, string(body), 401},
		{"wrong key", []string{"Authorization", "Bearer secret"}, string(body), 401},
		{"wrong key, other header", []string{"X-API-Key", "secret kez"}, string(body), 401},
		{"too large", []string{"X-API-Key", "secret key"}, `{"articles": [{"text": "` + strings.Repeat("a", 70<<10) + `"}]}`, 413},
		{"not JSON", []string{"X-API-Key", "secret key"}, `articles`, 400},
		{"unknown field", []string{"X-API-Key", "secret key"}, `{"article": []}`, 400},
		{"nothing", []string{"X-API-Key", "secret key"}, `{}`, 400},
		{"no text", []string{"X-API-Key", "secret key"}, `{"articles": [{"title": "t"}]}`, 400},
		{"bad URL", []string{"X-API-Key", "secret key"}, `{"urls": ["file:///etc/passwd"]}`, 400},
		{"two objects", []string{"X-API-Key", "secret key"}, `{"urls": []} {}`, 400},
		{"bad date", []string{"X-API-Key", "secret key"}, `{"articles": [{"text": "t", "published": "soon"}]}`, 400},
	} {
		if rec := post(t, s, c.body, c.header...); rec.Code != c.status {
			t.Errorf("%s: %d, want %d: %.200s", c.name, rec.Code, c.status, rec.Body)
		}
	}
	before, _ := st.Counts(t.Context())
	rec := post(t, s, string(body), "Authorization", "Bearer secret key")
	var res ingestResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); rec.Code != 200 || err != nil || res.Articles != 1 || res.Events == 0 {
		t.Fatalf("ingest: %d %s", rec.Code, rec.Body)
	}
	after, _ := st.Counts(t.Context())
	if after.Articles != before.Articles+1 || after.Events != before.Events+res.Events {
		t.Errorf("counts %+v after %+v, result %+v", after, before, res)
	}
	// The same article again: known, nothing added.
	if rec := post(t, s, string(body), "Authorization", "Bearer secret key"); !strings.Contains(rec.Body.String(), `"known":1`) {
		t.Errorf("ingest again: %s", rec.Body)
	}
	var art store.ArticleView
	get(t, s, "/api/articles/4", &art)
	if art.Title != "Iran, Pakistan" || len(art.Events) != res.Events || art.Sources[0].Key != "api:seed" {
		t.Errorf("the ingested article: %q, %d events, %+v", art.Title, len(art.Events), art.Sources)
	}
	for _, e := range art.Events {
		sp := e.Evidence.Predicate.Span
		if sp.Start < 0 || sp.End > len(art.Text) || art.Text[sp.Start:sp.End] != e.Evidence.Predicate.Text {
			t.Errorf("event %s: predicate span %v is not %q in the text", e.ID, sp, e.Evidence.Predicate.Text)
		}
	}
}

// TestIngestEscapes stores an article made of markup and checks that the
// API never sends it back as markup: JSON escapes <, > and &.
func TestIngestEscapes(t *testing.T) {
	st := testStore(t)
	cfg := &ingest.Config{Store: st, Extractor: extracttest.Embedded(t), Coder: "test", Hash: dedup.ContentHash, Workers: 1}
	s := testServer(t, Config{Store: st, Ingest: cfg, APIKey: "k"})
	evil := `<script>alert("x")</script> Iran <img src=x onerror="alert(1)"> condemned the attack on Pakistan.`
	body, _ := json.Marshal(ingestRequest{Articles: []ingestArticle{{Title: `<b onmouseover="alert(2)">t</b>`, Text: evil}}})
	if rec := post(t, s, string(body), "X-API-Key", "k"); rec.Code != 200 {
		t.Fatalf("ingest: %d %s", rec.Code, rec.Body)
	}
	for _, path := range []string{"/api/articles/4", "/api/search?q=condemned", "/api/events?q=condemned", "/api/clusters?q=condemned"} {
		rec := get(t, s, path, nil)
		if b := rec.Body.String(); rec.Code != 200 || strings.ContainsAny(b, "<>") {
			t.Errorf("GET %s: %d, markup in %.300s", path, rec.Code, b)
		}
	}
}

// TestSeriesIndexFollowsIngest serves series from the store's series
// index and the cache of answers, ingests an article through the API,
// and checks that the series then are those of another handle of the
// same file, which reads them from the clusters.
func TestSeriesIndexFollowsIngest(t *testing.T) {
	st := testStore(t)
	if err := st.IndexSeries(t.Context()); err != nil {
		t.Fatal(err)
	}
	cfg := &ingest.Config{Store: st, Extractor: extracttest.Embedded(t), Coder: "test", Hash: dedup.ContentHash, Workers: 1}
	s := testServer(t, Config{Store: st, Ingest: cfg, APIKey: "k"})
	other, err := store.Open(t.Context(), st.Location(), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	plain := testServer(t, Config{Store: other, CacheBytes: -1})
	paths := []string{"/api/series?a=IRN&b=PAK&by=week", "/api/series?a=PAK&b=IRN&by=day&directed=true",
		"/api/series?a=IRN&by=month", "/api/series?a=PAK&by=day&from=2024-01-01&to=2024-04-30"}
	before := map[string]string{}
	for _, p := range paths {
		before[p] = get(t, s, p, nil).Body.String()
	}
	text := "Iran launched missile strikes on Pakistan on January 20, 2024. Pakistan condemned the attack on March 3, 2024."
	body, _ := json.Marshal(ingestRequest{Articles: []ingestArticle{{Title: "t", Text: text, Published: "2024-04-12T10:00:00Z"}}})
	if rec := post(t, s, string(body), "X-API-Key", "k"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"articles":1`) {
		t.Fatalf("ingest: %d %s", rec.Code, rec.Body)
	}
	changed := 0
	for _, p := range paths {
		got, want := get(t, s, p, nil), get(t, plain, p, nil)
		if got.Code != 200 || got.Body.String() != want.Body.String() {
			t.Errorf("GET %s after ingest: %d\n%s\nthe clusters say\n%s", p, got.Code, got.Body, want.Body)
		}
		if got.Body.String() != before[p] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the ingested article changed no series")
	}
}
