package server

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzQuery sends lists any query string: the server answers 200 or 400,
// never an error of its own.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"actor=IRN&quad=4", "sort=-date&limit=2&cursor=eyJpIjoxfQ", "q=%22a", "from=2024-01-01&to=2023-01-01",
		"cursor=%00", "limit=-1", "a=IRN&b=PAK&by=month&directed=true", "q=NEAR(a b)", "place=%27;DROP"} {
		f.Add(q)
	}
	s, err := New(Config{Store: testStore(f)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := url.ParseQuery(q); err != nil {
			return
		}
		for _, path := range []string{"/api/clusters?", "/api/events?", "/api/search?q=x&", "/api/series?a=IRN&", "/api/actors?", "/search?", "/map?"} {
			base, query, _ := strings.Cut(path, "?")
			req := httptest.NewRequest("GET", base, nil)
			req.URL.RawQuery = query + q
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Errorf("GET %s%s: %d %s", path, q, rec.Code, strings.TrimSpace(rec.Body.String()))
			}
		}
	})
}

// FuzzCursor checks that any cursor parses or is refused, with no panic.
func FuzzCursor(f *testing.F) {
	f.Add(cursor{ID: 3, Date: "2024-01-16", Sort: "date", Started: true}.String())
	f.Add("")
	f.Add("!!")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCursor(s)
		if err == nil && s != "" && c.String() == "" {
			t.Errorf("%q parsed to %+v", s, c)
		}
	})
}
