package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer written by the server's goroutine and read by
// the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe ingests the test story, serves the store on a free port,
// reads an event cluster through the API and stops the server with its
// context, as Ctrl-C does.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	run(t, "", "ingest", "--db", db, "--quiet", storyDir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	root := newRoot()
	var out syncBuffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	addr := regexp.MustCompile(`http://([0-9.:]+)/`)
	var base string
	for i := 0; i < 100 && base == ""; i++ {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if base == "" {
		t.Fatalf("no address printed: %s", out.String())
	}
	resp, err := http.Get(base + "/api/clusters?source=IRN&target=PAK")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var page struct {
		Items []struct {
			Date     string `json:"date"`
			Articles int    `json:"articles"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil || resp.StatusCode != 200 || len(page.Items) == 0 || page.Items[0].Date != "2024-01-16" {
		t.Errorf("clusters: %d %s", resp.StatusCode, body)
	}
	// With no API key the server does not ingest.
	resp, err = http.Post(base+"/api/ingest", "application/json", strings.NewReader(`{"urls": []}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("ingest with no key: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}
