package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractSources codes a feed and a WARC archive: one result per item
// or page, each with its own story date and where that date came from.
func TestExtractSources(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "world.rss")
	os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
<item><title>Pakistan condemns attack</title><link>https://news.example/1</link>
<pubDate>Fri, 12 Apr 2024 01:10:00 IRST</pubDate>
<description>Pakistan condemned the attack by Israel on the Iranian embassy in Damascus on Thursday.</description></item>
<item><title>Undated</title><link>https://news.example/2</link><pubDate>Fri, 31 Feb 2024 10:00 GMT</pubDate>
<description>Iran invited Pakistan to the summit.</description></item>
</channel></rss>`), 0o644)

	body := "<html><head><title>Strikes</title></head><body><article><p>Iran launched missile attacks on Pakistan on January 16, officials said on Friday. " +
		"The strikes hit the village of Koh-e-Sabz in Balochistan, and Pakistan condemned Iran on Wednesday.</p></article></body></html>"
	resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	warc := fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"+
		"WARC-Date: 2024-01-19T06:00:00Z\r\nWARC-Target-URI: https://news.example/strikes\r\n"+
		"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(resp), resp)
	arc := filepath.Join(dir, "crawl.warc")
	os.WriteFile(arc, []byte(warc), 0o644)

	root := newRoot()
	var stdout, stderr bytes.Buffer
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	root.SetArgs([]string{"extract", "--format", "json", feed, arc})
	if err := root.Execute(); err != nil {
		t.Fatalf("dyad extract: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(stderr.String(), "dyad: https://news.example/2: feed item date") {
		t.Errorf("stderr lacks the bad date's warning:\n%s", stderr.String())
	}
	dec := json.NewDecoder(strings.NewReader(out))
	type result struct {
		Article, Date, Published string
		DateFrom                 string `json:"date_from"`
		Warnings                 []string
		Events                   []struct{ CAMEO, Date string }
	}
	var got []result
	for dec.More() {
		var r result
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("%d results, want 3:\n%s", len(got), out)
	}
	if r := got[0]; r.Article != "https://news.example/1" || r.Date != "2024-04-12" || r.DateFrom != "feed" || r.Published != "2024-04-12T01:10:00+03:30" ||
		len(r.Events) == 0 || r.Events[0].Date != "2024-04-11" {
		t.Errorf("feed item 1: %+v", r)
	}
	if r := got[1]; r.DateFrom == "feed" || len(r.Warnings) == 0 || !strings.Contains(r.Warnings[0], "feed item date") {
		t.Errorf("feed item 2 (February 31): %+v", r)
	}
	// The crawl date is the story date: "on Friday" is January 19.
	if r := got[2]; r.Article != "https://news.example/strikes" || r.Date != "2024-01-19" || r.DateFrom != "crawl" || len(r.Events) == 0 {
		t.Errorf("archived page: %+v", r)
	}
}

// TestExtractFolder codes a folder's JSON Lines, JSON and text files,
// passing over its README; a bad JSON line is reported and the rest read.
func TestExtractFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Pakistan condemned Israel."), 0o644)
	os.WriteFile(filepath.Join(dir, "voa.jsonl"), []byte(`{"id":"a1","title":"Condemnation","published":"2024-04-12T10:00:00Z","text":"Pakistan condemned Israel on Thursday."}`+"\nnot json\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "one.json"), []byte(`{"headline":"Invitation","body":"Iran invited Pakistan to the summit.","date":"2024-04-10"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "story.txt"), []byte("Iran launched missile attacks on Pakistan."), 0o644)
	root := newRoot()
	var stdout, stderr bytes.Buffer
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	root.SetArgs([]string{"extract", "--format", "json", dir})
	if err := root.Execute(); err != nil {
		t.Fatalf("dyad extract: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(&stdout)
	var got []string
	for dec.More() {
		var r struct {
			Article, Date string
			DateFrom      string `json:"date_from"`
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Article+" "+r.Date+" "+r.DateFrom)
	}
	if len(got) != 4 || got[0] != "one 2024-04-10 record" || !strings.HasPrefix(got[1], "story ") ||
		got[2] != "a1 2024-04-12 record" || !strings.HasPrefix(got[3], "voa#2 ") {
		t.Errorf("articles %q", got)
	}
	if !strings.Contains(stderr.String(), "dyad: voa#2: line 2: not JSON") {
		t.Errorf("stderr lacks the bad line:\n%s", stderr.String())
	}
}
