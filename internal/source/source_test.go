package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const page = `<!doctype html><html><head><title>Iran and Pakistan restore ties</title></head><body>
<nav>Home | World | Sport | Business | Video</nav>
<article><h1>Iran and Pakistan restore ties</h1>
<p>The two countries fully restored ties in the next weeks as ambassadors resumed duties in late January, officials in Tehran and Islamabad said on Thursday.</p>
<p>Pakistan carried out strikes on January 17 against bases of the separatist Baloch Liberation Front, which Tehran slammed as unbalanced.</p>
<p>Iranian President Ebrahim Raisi extended Eid al-Fitr greetings to Pakistan in a telephone call with his Pakistani counterpart Asif Ali Zardari.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>`

func TestOpen(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		case "/story.txt":
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("Iran launched missile attacks."))
		case "/big":
			w.Write([]byte(strings.Repeat("x", 2048)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte("Zardari condemned the attack.\xff"), 0o644)
	htmlFile := filepath.Join(dir, "a.html")
	os.WriteFile(htmlFile, []byte(page), 0o644)

	ctx := context.Background()
	for _, tc := range []struct {
		name, arg string
		stdin     string
		want      []string // substrings of the text
		notWant   []string
	}{
		{name: "stdin", arg: "-", stdin: "Raisi lauded the resilience.", want: []string{"Raisi lauded"}},
		{name: "file with invalid UTF-8", arg: txt, want: []string{"Zardari condemned the attack.\uFFFD"}},
		{name: "html file", arg: htmlFile, want: []string{"restored ties", "Baloch Liberation Front"}, notWant: []string{"<p>", "Copyright"}},
		{name: "html url", arg: srv.URL + "/story.html", want: []string{"Iran and Pakistan restore ties", "restored ties", "Eid al-Fitr"}, notWant: []string{"<p>", "Home | World"}},
		{name: "text url", arg: srv.URL + "/story.txt", want: []string{"Iran launched missile attacks."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Open(ctx, tc.arg, Options{Stdin: strings.NewReader(tc.stdin)})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text %q lacks %q", a.Text, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(a.Text, w) {
					t.Errorf("text %q contains %q", a.Text, w)
				}
			}
		})
	}
	if _, err := Open(ctx, srv.URL+"/big", Options{MaxBytes: 1024}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized response: err %v, want ErrTooLarge", err)
	}
	if _, err := Open(ctx, srv.URL+"/missing", Options{}); err == nil {
		t.Error("404: no error")
	}
	if _, err := Open(ctx, filepath.Join(dir, "none.txt"), Options{}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestPublished(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, head, body, want string
	}{
		{"article:published_time", `<meta property="article:published_time" content="2024-04-12T20:12:00+03:30">`, "", "2024-04-12 +0330"},
		{"JSON-LD datePublished", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Iran and Pakistan restore ties","datePublished":"2024-04-12T08:00:00Z"}</script>`, "", "2024-04-12 +0000"},
		{"a time element", "", `<time datetime="2024-04-11">Thursday</time>`, "2024-04-11 +0000"},
		{"a zone abbreviation", `<meta property="article:published_time" content="Fri, 12 Apr 2024 01:10:00 IRST">`, "", "2024-04-12 +0330"},
		{"nothing", "", "", ""},
		{"a bad datetime", "", `<time datetime="yesterday">then</time>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := strings.Replace(strings.Replace(page, "</head>", tc.head+"</head>", 1), "<article>", "<article>"+tc.body, 1)
			f := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".html")
			os.WriteFile(f, []byte(p), 0o644)
			a, err := Open(context.Background(), f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !a.Published.IsZero() {
				got = a.Published.Time.Format("2006-01-02 -0700")
			}
			if got != tc.want {
				t.Errorf("published %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPageMetadata: a page's byline, canonical URL and title.
func TestPageMetadata(t *testing.T) {
	p := strings.Replace(page, "</head>", `<link rel="canonical" href="https://news.example/ties"><meta name="author" content="Jane Doe"></head>`, 1)
	a, err := fromHTML(&Article{Source: "p.html"}, []byte(p), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Iran and Pakistan restore ties" || a.Author != "Jane Doe" || a.URL != "https://news.example/ties" {
		t.Errorf("title %q, author %q, url %q", a.Title, a.Author, a.URL)
	}
	if strings.Contains(a.Text, "Copyright") || !strings.Contains(a.Text, "Baloch Liberation Front") {
		t.Errorf("main text %q", a.Text)
	}
	p = strings.Replace(page, "</head>", `<meta property="og:url" content="https://news.example/og"></head>`, 1)
	if a, err := fromHTML(&Article{Source: "p.html"}, []byte(p), nil); err != nil || a.URL != "https://news.example/og" || a.Author != "" {
		t.Errorf("og:url: %+v, %v", a, err)
	}
}

// TestEmptyPage: a page with no main text is an article with no text and
// a warning, not an error that would stop a folder.
func TestEmptyPage(t *testing.T) {
	path, arts := readFile(t, "empty.html", "<html><head><title></title></head><body><nav></nav></body></html>", Options{})
	check(t, path, arts, []got{{key: "P", warns: "extract " + path}})
}

// FuzzFromHTML feeds arbitrary bytes to the page reader: main text,
// title and publication metadata never panic, and a date is never absurd.
func FuzzFromHTML(f *testing.F) {
	f.Add([]byte(page))
	f.Add([]byte(`<html><head><meta property="article:published_time" content="99999-02-30T25:61"></head><body><time datetime="2024-02-30">x</time><p>Iran.</p></body></html>`))
	f.Add([]byte("<time datetime=\"\xff\xfe\">"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := fromHTML(&Article{Source: "fuzz"}, b, nil)
		if err != nil {
			return
		}
		if y := a.Published.Time.Year(); !a.Published.IsZero() && (y <= 1900 || y > 9999) {
			t.Fatalf("absurd publication date %v", a.Published)
		}
	})
}

// TestFetchLimits: ten redirects are followed, an eleventh is an error
// that says so, and a slow server is cut off by the timeout.
func TestFetchLimits(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var hop int
		switch _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &hop); {
		case r.URL.Path == "/story.txt":
			w.Write([]byte("Iran launched missile attacks."))
		case r.URL.Path == "/slow":
			time.Sleep(300 * time.Millisecond)
		case err == nil && hop > 0:
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", hop-1), http.StatusFound)
		case err == nil:
			http.Redirect(w, r, "/story.txt", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	if a, err := Open(ctx, srv.URL+"/hop/9", Options{}); err != nil || a.Text != "Iran launched missile attacks." {
		t.Errorf("10 redirects: %v, %v", a, err)
	}
	if _, err := Open(ctx, srv.URL+"/hop/10", Options{}); err == nil || !strings.Contains(err.Error(), "more than 10 redirects") {
		t.Errorf("11 redirects: err %v", err)
	}
	if _, err := Open(ctx, srv.URL+"/slow", Options{Timeout: 50 * time.Millisecond}); err == nil {
		t.Error("slow server: no timeout")
	}
}

func TestCanonicalURL(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{`<html><head><link rel="canonical" href="https://news.example/a"><meta property="og:url" content="https://news.example/b"></head></html>`, "https://news.example/a"},
		{`<html><head><meta property="og:url" content="https://news.example/b"></head><body><link rel=canonical href="https://x.example/"></body></html>`, "https://news.example/b"},
		{`<html><head><link rel="canonical" href="/relative"></head></html>`, ""},
		{`<p>no head`, ""},
	} {
		if got := canonicalURL([]byte(c.page)); got != c.want {
			t.Errorf("canonicalURL(%.50q) = %q, want %q", c.page, got, c.want)
		}
	}
}
