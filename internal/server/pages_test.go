package server

import (
	"strings"
	"testing"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/event"
	"github.com/dyadproject/dyad/internal/store"
)

func TestPages(t *testing.T) {
	s := testServer(t, Config{Version: "test"})
	for path, want := range map[string][]string{
		"/":                      {"Most active dyads", `href="/dyad/IRN/PAK"`, `data-chart="index"`, "4 events in 3 event clusters"},
		"/dyad/IRN/PAK":          {`data-chart="series"`, `href="/event/1"`, `href="/event/3"`, "2024-01-16"},
		"/dyad/IRN/PAK?by=month": {"2024-01"},
		"/actor/IRN":             {"Partners", `href="/actor/PAK"`, `href="/dyad/IRN/PAK"`},
		"/event/1":               {`href="/article/1"`, `href="/article/2"`, "daily.example", "wire.example"},
		"/article/2":             {`<mark class="hl pred"`, "Strike in Panjgur", `id="e0"`, `id="e1"`},
		"/search?q=Panjgur":      {"<mark>Panjgur</mark>", `href="/article/1"`},
		"/search?q=%22":          {"text query"},
		"/map?from=2024-01-01":   {`data-map="/api/clusters?from=2024-01-01&amp;limit=1000&amp;sort=-date"`},
	} {
		rec := get(t, s, path, nil)
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Errorf("GET %s: %d", path, rec.Code)
			continue
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %s", path, w)
			}
		}
	}
	for path, status := range map[string]int{"/article/9": 404, "/event/x": 400, "/actor/nobody": 404, "/nowhere": 404,
		"/dyad/IRN/PAK?by=year": 400, "/map?from=soon": 400} {
		if rec := get(t, s, path, nil); rec.Code != status || !strings.Contains(rec.Body.String(), "<h1>") {
			t.Errorf("GET %s: %d, want %d with a page", path, rec.Code, status)
		}
	}
	if rec := get(t, s, "/static/vendor/uplot.min.js", nil); rec.Code != 200 || rec.Body.Len() < 40000 {
		t.Errorf("uPlot: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}

func TestSegments(t *testing.T) {
	text := "Iran struck Pakistan on Tuesday in Panjgur."
	sp := func(s, e int) doc.Span { return doc.Span{Start: s, End: e} }
	evs := []store.Event{{Event: event.Event{
		Source:   &event.Actor{Span: sp(0, 4)},
		Target:   &event.Actor{Span: sp(12, 20)},
		Evidence: event.Evidence{Predicate: event.Text{Span: sp(5, 11)}, Date: &event.Text{Span: sp(24, 31)}, Location: &event.Text{Span: sp(35, 42)}},
	}}, {Event: event.Event{
		Source:   &event.Actor{Span: sp(12, 20)}, // a second event, from the same words
		Evidence: event.Evidence{Predicate: event.Text{Span: sp(5, 11)}},
		Target:   &event.Actor{Span: sp(30, 99)}, // out of the text: left out
	}}}
	var got []string
	for _, s := range segments(text, evs) {
		got = append(got, s.Text+"|"+s.Classes)
	}
	want := []string{"Iran|src", " |", "struck|pred", " |", "Pakistan|src tgt", " on |", "Tuesday|date", " in |", "Panjgur|place", ".|"}
	if strings.Join(got, "/") != strings.Join(want, "/") {
		t.Errorf("segments:\n%v\nwant\n%v", got, want)
	}
	// Bounds inside a UTF-8 sequence are left out.
	if segs := segments("Türkiye", []store.Event{{Event: event.Event{Evidence: event.Evidence{Predicate: event.Text{Span: sp(0, 2)}}}}}); len(segs) != 1 || segs[0].Classes != "" {
		t.Errorf("a span ending inside ü: %+v", segs)
	}
}

// TestRelated checks the dyad page's related events: one side against a
// group operating in the other's country, or an event on their border.
func TestRelated(t *testing.T) {
	kb, err := actor.Load(actor.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	st := testStore(t)
	group := func(id string) *event.Actor {
		return &event.Actor{Entity: id, Name: id, Kind: "group", Country: kb.Orgs[id].Countries[0]}
	}
	state := func(c string) *event.Actor { return &event.Actor{Entity: c, Name: c, Country: c, Kind: "country"} }
	ev := func(id string, src, tgt *event.Actor, date string, loc *event.Location) event.Event {
		return event.Event{ID: id, Source: src, Target: tgt, CAMEO: "195", Root: "19", Quad: 4, Goldstein: -10, Date: date,
			DateGranularity: "day", Location: loc}
	}
	border := &event.Location{Name: "Iran–Pakistan border", Lat: 27.36, Lon: 62.76, Border: []string{"IRN", "PAK"}}
	if _, err := st.Write(t.Context(), []store.Article{{Key: "https://x.example/j", Hash: "j", Text: "j", Coder: "test", Events: []event.Event{
		ev("j-1", state("IRN"), group("JAA"), "2024-01-16", nil),
		ev("j-2", state("PAK"), group("BLA"), "2024-01-17", border),
		ev("j-3", state("PAK"), group("BLA"), "2024-02-01", nil), // in Pakistan only: not related to Iran
	}}}); err != nil {
		t.Fatal(err)
	}
	s := testServer(t, Config{Store: st, KB: kb})
	body := get(t, s, "/dyad/IRN/PAK", nil).Body.String()
	_, related, _ := strings.Cut(body, "Related events")
	for _, want := range []string{">JAA<", "2024-01-17", "Related events (2)"} {
		if !strings.Contains("Related events"+related, want) {
			t.Errorf("related events lack %s", want)
		}
	}
	if strings.Contains(related, "2024-02-01") {
		t.Error("Pakistan against the BLA in Pakistan is related to Iran")
	}
}
