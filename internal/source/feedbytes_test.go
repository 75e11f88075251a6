package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestReadFeedBytes reads a feed held in memory as Read reads it from a
// file, refuses a page that is no feed, and follows one item's link.
func TestReadFeedBytes(t *testing.T) {
	ctx := context.Background()
	var arts []*Article
	err := ReadFeedBytes(ctx, "https://news.example/rss", []byte(rss), Options{}, func(a *Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 || arts[0].Source != "https://news.example/call" || arts[2].Source != "https://news.example/rss#3" {
		t.Fatalf("%d articles: %+v", len(arts), arts)
	}
	if err := ReadFeedBytes(ctx, "https://news.example/", []byte(page), Options{}, func(*Article) error { return nil }); err == nil {
		t.Error("a web page read as a feed")
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	a := &Article{Source: srv.URL + "/story", Title: "t", Text: "Summary only."}
	FollowLink(ctx, a, Options{})
	if !strings.Contains(a.Text, "Baloch Liberation Front") || len(a.Warnings) != 0 {
		t.Errorf("followed: text %q, warnings %q", a.Text, a.Warnings)
	}
}
