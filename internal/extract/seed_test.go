package extract

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	defaultOnce sync.Once
	defaultX    *Extractor
	defaultErr  error
)

// newTestExtractor builds the default extractor once per test binary.
func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	defaultOnce.Do(func() { defaultX, defaultErr = Build(Options{}) })
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultX
}

const seedPath = "../../../shared/seed/iran-pakistan-2024-04-12.txt"

// seedWant are the events a careful human coder finds in the seed
// article (issue 3): source → target, allowed root classes. An actor is a
// country code or a knowledge-base entity; "|" separates alternatives.
var seedWant = []struct {
	what     string
	src, tgt string
	roots    string
	either   bool   // the relation is mutual: either direction counts
	date     string // the event's date (issue 4), "" where the issue lists none
	place    string // "COUNTRY name": where it happened (issue 4), "" where the issue names none
}{
	{"Raisi and Zardari consult by telephone", "IRN", "PAK", "04", true, "2024-04-11", ""},
	{"Zardari condemns Israel", "PAK", "ISR", "11", false, "2024-04-11", ""},
	{"Israel attacks the Iranian embassy in Damascus", "ISR", "IRN", "18|19", false, "", "SYR Damascus"},
	{"Zardari invites Raisi", "PAK", "IRN", "02|03|04", false, "2024-04-11", ""},
	{"Iran strikes Jaish ul-Adl", "IRN", "JAA", "19", false, "2024-01-16", ""},
	{"Jaish ul-Adl attacks police in Rask", "JAA", "IRN", "18|19", false, "2023-12", "IRN Rask"},
	{"Jaish ul-Adl attacks a police station on January 10", "JAA", "IRN", "18|19", false, "2024-01-10", ""},
	{"Pakistan strikes the BLF and BLA", "PAK", "BLF|BLA", "19", false, "2024-01-17", ""},
	{"Tehran slams Pakistan's strikes", "IRN", "PAK", "11", false, "", ""},
	{"Iran and Pakistan restore ties", "IRN", "PAK", "05|06", true, "2024-01", ""}, // late January
}

// seedAllowed are root classes of the greetings, praise and appeals the
// article also contains, which are not counted as extra events.
var seedAllowed = map[string]bool{"01": true, "02": true, "05": true}

// seedFloors: at least 9 of the 10 events, at most 3 others (issue 3).
const (
	seedFound = 9
	seedExtra = 3
)

func actorIs(a *event.Actor, want string) bool {
	if a == nil {
		return false
	}
	for _, w := range strings.Split(want, "|") {
		if a.Entity == w || (len(w) == 3 && a.Country == w && a.Kind != "group" && a.Kind != "igo") {
			return true
		}
	}
	return false
}

func TestSeedArticle(t *testing.T) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not found (%v): run from a checkout beside ../shared", err)
	}
	x := newTestExtractor(t)
	res, err := x.Extract(context.Background(), Article{ID: "seed", Text: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Date != "2024-04-12" || res.DateFrom != "text" {
		t.Errorf("story date %s from %s, want 2024-04-12 from text", res.Date, res.DateFrom)
	}
	used := make([]bool, len(res.Events))
	found := 0
	for _, w := range seedWant {
		hit := -1
		for i := range res.Events {
			e := &res.Events[i]
			if used[i] || !strings.Contains(w.roots, e.Root) {
				continue
			}
			if (actorIs(e.Source, w.src) && actorIs(e.Target, w.tgt)) ||
				(w.either && actorIs(e.Source, w.tgt) && actorIs(e.Target, w.src)) {
				hit = i
				break
			}
		}
		if hit < 0 {
			t.Logf("missing: %s (%s → %s, %s)", w.what, w.src, w.tgt, w.roots)
			continue
		}
		found++
		used[hit] = true
		if e := &res.Events[hit]; w.date != "" && e.Date != w.date {
			t.Errorf("%s: dated %s (%s, from %s), want %s", w.what, e.Date, e.DateGranularity, e.DateSource, w.date)
		}
		if e := &res.Events[hit]; w.place != "" && (e.Location == nil || e.Location.Country != w.place[:3] || !strings.Contains(e.Evidence.Location.Text, w.place[4:])) {
			t.Errorf("%s: located at %s, want %s", w.what, placeOf(e), w.place)
		}
		// The reverse direction of a mutual relation, and the other
		// member of a compound actor ("the BLF and BLA"), are the same
		// event.
		for i := range res.Events {
			e, h := &res.Events[i], &res.Events[hit]
			if used[i] || e.Root != h.Root || e.Sentence != h.Sentence {
				continue
			}
			if (actorIs(e.Source, w.src) && actorIs(e.Target, w.tgt)) ||
				(w.either && actorIs(e.Source, w.tgt) && actorIs(e.Target, w.src)) {
				used[i] = true
			}
		}
	}
	extra := 0
	for i, e := range res.Events {
		if used[i] || seedAllowed[e.Root] {
			continue
		}
		extra++
		t.Logf("extra: %s %s → %s in %q", e.CAMEO, e.Source.Code, targetCode(&e), e.Evidence.Predicate.Text)
	}
	t.Logf("seed article: %d of %d events found, %d extra, %d events in all", found, len(seedWant), extra, len(res.Events))
	if found < seedFound {
		t.Errorf("found %d of %d expected events, want at least %d", found, len(seedWant), seedFound)
	}
	if extra > seedExtra {
		t.Errorf("%d extra events, want at most %d", extra, seedExtra)
	}
	golden(t, "seed.golden.jsonl", res.Events)
}

// lineNumber is the line of a pattern's file:line, left out of golden
// files so that editing a dictionary does not move every event.
var lineNumber = regexp.MustCompile(`:\d+:`)

func targetCode(e *event.Event) string {
	if e.Target == nil {
		return "-"
	}
	return e.Target.Code
}

// golden compares events with a golden JSON Lines file; -update rewrites it.
func golden(t *testing.T, name string, events []event.Event) {
	t.Helper()
	var b strings.Builder
	for _, e := range events {
		// The golden file keeps what a coder decides, not the prose.
		line, err := json.Marshal(struct {
			Sentence int    `json:"sentence"`
			Source   string `json:"source"`
			Target   string `json:"target"`
			CAMEO    string `json:"cameo"`
			Pred     string `json:"predicate"`
			Pattern  string `json:"pattern"`
			Date     string `json:"date"`
			Place    string `json:"place,omitempty"`
		}{e.Sentence, e.Source.Code + " " + e.Source.Entity, targetCode(&e) + " " + targetEntity(&e), e.CAMEO, e.Evidence.Predicate.Text,
			lineNumber.ReplaceAllString(e.Evidence.Pattern, ":"), strings.TrimSpace(e.Date + " " + e.DateMod + " " + e.DateSource), placeOf(&e)})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	datatest.Golden(t, filepath.Join("testdata", name), []byte(b.String()), *update)
}

// placeOf is the event's location as "name, country (geonameid)".
func placeOf(e *event.Event) string {
	if e.Location == nil {
		return ""
	}
	if len(e.Location.Border) > 0 {
		return fmt.Sprintf("%s (%s)", e.Location.Name, strings.Join(e.Location.Border, "|"))
	}
	return fmt.Sprintf("%s, %s (%d)", e.Location.Name, e.Location.Country, e.Location.GeonameID)
}

func targetEntity(e *event.Event) string {
	if e.Target == nil {
		return ""
	}
	return e.Target.Entity
}
