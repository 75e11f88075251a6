package server

import (
	"bytes"
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
)

func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDoc)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIRoutes checks that the document names every route of the
// server and no other.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadDoc(t)
	var documented, served []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	for _, rt := range routes {
		served = append(served, rt.method+" "+rt.path)
	}
	slices.Sort(documented)
	slices.Sort(served)
	if !slices.Equal(documented, served) {
		t.Errorf("documented %v\nserved     %v", documented, served)
	}
}

// TestOpenAPIResponses sends requests to every operation and checks each
// request and each answer, errors included, against the document: the
// status must be one it lists, the body must fit its schema.
func TestOpenAPIResponses(t *testing.T) {
	doc := loadDoc(t)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	s := testServer(t, Config{APIKey: "k"})
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	seen := map[string]bool{}
	for _, c := range []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/healthz", "", 200},
		{"GET", "/api/openapi.json", "", 200},
		{"GET", "/api/events?target=PAK&limit=1", "", 200},
		{"GET", "/api/events?quad=7", "", 400},
		{"GET", "/api/clusters?sort=-date&limit=2", "", 200},
		{"GET", "/api/clusters?from=2024-99-01", "", 400},
		{"GET", "/api/clusters/1", "", 200},
		{"GET", "/api/clusters/77", "", 404},
		{"GET", "/api/series?a=IRN&b=PAK&by=week", "", 200},
		{"GET", "/api/series?a=IRN&by=hour", "", 400},
		{"GET", "/api/actors?top=5", "", 200},
		{"GET", "/api/actors/IRN", "", 200},
		{"GET", "/api/actors/nobody", "", 404},
		{"GET", "/api/articles/1", "", 200},
		{"GET", "/api/articles/9", "", 404},
		{"GET", "/api/search?q=missiles", "", 200},
		{"GET", "/api/search?q=%22", "", 400},
		{"POST", "/api/ingest", `{"articles": [{"text": "x"}]}`, 401},
		{"POST", "/api/ingest", `{"articles": [{"text": "Iran met Pakistan."}]}`, 503},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if c.status == 503 {
			req.Header.Set("Authorization", "Bearer k")
		}
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s %s: not in the document: %v", c.method, c.path, err)
			continue
		}
		seen[route.Method+" "+route.Path] = true
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
		if c.status < 400 {
			if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
				t.Errorf("%s %s: request: %v", c.method, c.path, err)
			}
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != c.status {
			t.Errorf("%s %s: %d, want %d: %s", c.method, c.path, rec.Code, c.status, rec.Body)
			continue
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(), Options: opts}
		out.SetBodyBytes(bytes.Clone(rec.Body.Bytes()))
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("%s %s: answer %d: %v", c.method, c.path, rec.Code, err)
		}
	}
	for _, rt := range routes {
		if !seen[rt.method+" "+rt.path] {
			t.Errorf("%s %s: not tested against the document", rt.method, rt.path)
		}
	}
}
