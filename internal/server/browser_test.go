package server

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/dedup"
	"github.com/dyadproject/dyad/internal/extract/extracttest"
	"github.com/dyadproject/dyad/internal/ingest"
	"github.com/dyadproject/dyad/internal/source"
	"github.com/dyadproject/dyad/internal/store"
)

var screenshots = flag.Bool("screenshots", false, "write the browser test's screenshots to docs/screenshots")

// browser starts a headless Chromium (Debian's chromium) with no
// network besides the test server, or skips the test without one.
func browser(t *testing.T) (context.Context, *atomic.Int32) {
	t.Helper()
	path := os.Getenv("DYAD_CHROMIUM")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			t.Skip("skipping: no chromium (apt-get install -y chromium, or set DYAD_CHROMIUM)")
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("skipping: chromium does not start: %v", err)
	}
	// A page that opens a dialog (alert) ran script it should not have.
	var dialogs atomic.Int32
	opened := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range opened {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return ctx, &dialogs
}

// TestBrowser ingests the seed article and the VOA stories, serves them,
// and clicks through the dashboard in Chromium: overview → the Iran–
// Pakistan dyad (the April 2024 call, the January 2024 strikes) → an
// event → its article, whose evidence is highlighted.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: slow; run without -short")
	}
	data := datatest.Dir(t, "news/voa")
	seed := filepath.Join(data, "..", "..", "..", "seed", "iran-pakistan-2024-04-12.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("skipping: no seed article: %v", err)
	}
	ctx, dialogs := browser(t)

	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), store.Options{Similar: dedup.SimilarEncoded, Threshold: dedup.Threshold})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := ingest.Config{Store: st, Extractor: extracttest.Embedded(t), Coder: "test", Hash: dedup.ContentHash, Sign: dedup.SignEncoded}
	if _, err := ingest.Run(context.Background(), cfg, []string{seed, data}); err != nil {
		t.Fatal(err)
	}
	kb, err := actor.Load(actor.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s := testServer(t, Config{Store: st, KB: kb, Version: "test"})
	ts := httptest.NewServer(s)
	defer ts.Close()

	shot := func(name string) {
		t.Helper()
		if !*screenshots {
			return
		}
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // PNG
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	do("overview", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.chart canvas`)))
	shot("overview")
	do("to the dyad", chromedp.Click(chromedp.CSS(`a.dyad[href="/dyad/IRN/PAK"]`)), chromedp.WaitVisible(chromedp.CSS(`.chart canvas`)))
	canvases, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart canvas').length`))
	if err != nil {
		t.Fatal(err)
	}
	dyadText := text("main")
	shot("dyad")
	// The strike on Jaish al-Adl's bases of January 16: a related event.
	do("to the strike", chromedp.Click(chromedp.Search(`//tr[td[5][contains(., 'material conflict')]]//a[contains(., '2024-01-16')]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.reports a`)))
	eventTitle := text("h1")
	shot("event")
	do("to the article", chromedp.Click(chromedp.CSS(`ul.reports a`)), chromedp.WaitVisible(chromedp.CSS(`div.text mark.hl`)))
	articleTitle := text("h1")
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('div.text mark.hl')].map(m => m.className + '=' + m.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	shot("article")
	if canvases == 0 || !strings.Contains(dyadText, "2024-04-11") || !strings.Contains(dyadText, "2024-01-16") {
		t.Errorf("the dyad page: %d canvases, text %.800s", canvases, dyadText)
	}
	if !strings.Contains(eventTitle, "IRN") || !strings.Contains(eventTitle, "JAA") {
		t.Errorf("event title %q", eventTitle)
	}
	if !strings.Contains(articleTitle, "Dominating powers") {
		t.Errorf("article title %q", articleTitle)
	}
	joined := strings.Join(marks, "\n")
	for _, want := range []string{"hl pred=launched simultaneous drone and missile attacks", "hl src=Iran", "hl date=January 16",
		"hl tgt=Baloch Liberation Army", "hl place=Iran’s border", "hl pred=extended a formal invitation"} {
		if !strings.Contains(joined, want) {
			t.Errorf("article highlights lack %q:\n%s", want, joined)
		}
	}
	do("the map", chromedp.Navigate(ts.URL+"/map"), chromedp.WaitVisible(chromedp.CSS(`.map svg circle`)))
	shot("map")
	if n := dialogs.Load(); n != 0 {
		t.Errorf("%d dialogs opened", n)
	}
}

// TestBrowserEscapes stores an article made of markup and event-handler
// attributes, opens every page that shows it in Chromium, and checks that
// no script ran (no dialog opened) and that the markup shows as text.
func TestBrowserEscapes(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: slow; run without -short")
	}
	ctx, dialogs := browser(t)
	st := testStore(t)
	evil := `<script>alert("script")</script><img src=x onerror="alert('img')"> Iran condemned "the attack" <b onmouseover=alert(3)>here</b>.`
	cfg := &ingest.Config{Store: st, Extractor: extracttest.Embedded(t), Coder: "test", Hash: dedup.ContentHash, Workers: 1}
	if _, err := ingest.Articles(context.Background(), *cfg, func(ctx context.Context, emit func(*source.Article) error) error {
		return emit(&source.Article{Source: "api:evil", Title: `<img src=y onerror="alert('title')">`, Text: evil})
	}); err != nil {
		t.Fatal(err)
	}
	s := testServer(t, Config{Store: st})
	ts := httptest.NewServer(s)
	defer ts.Close()
	get := func(url, sel string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	text := get(ts.URL+"/article/4", "div.text")
	title := get(ts.URL+"/article/4", "h1")
	hits := get(ts.URL+"/search?q=condemned", "ol.hits")
	get(ts.URL+"/", "main")
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `<script>alert("script")</script>`) || !strings.Contains(title, "onerror") {
		t.Errorf("the markup is not shown as text: %q, %q", title, text)
	}
	if !strings.Contains(hits, "onerror") {
		t.Errorf("search hits: %q", hits)
	}
	if n := dialogs.Load(); n != 0 {
		t.Errorf("%d dialogs opened: script from the article ran", n)
	}
}
