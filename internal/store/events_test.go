package store

import (
	"reflect"
	"testing"

	"github.com/dyadproject/dyad/internal/event"
)

func TestEncodeEvents(t *testing.T) {
	evs := []event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 26.4, 62.6), strike("a-2", "PAK", "IRN", "2024-01-18", 0, 0)}
	b, err := encodeEvents(evs)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != eventsFormat {
		t.Fatalf("format byte %d, want %d", b[0], eventsFormat)
	}
	got, err := decodeEvents(b)
	if err != nil || !reflect.DeepEqual(got, evs) {
		t.Errorf("round trip: %v, %+v", err, got)
	}
	if got, err := decodeEvents([]byte(`[{"id":"x-1","cameo":"195"}]`)); err != nil || len(got) != 1 || got[0].ID != "x-1" {
		t.Errorf("a migrated plain array: %v, %+v", err, got)
	}
	for _, bad := range [][]byte{{9, 1, 2}, {eventsFormat, 0xff, 0xff}, []byte("[{")} {
		if _, err := decodeEvents(bad); err == nil {
			t.Errorf("decodeEvents(%q): no error", bad)
		}
	}
}

// FuzzDecodeEvents: a blob read from a file is outside input; no panic.
func FuzzDecodeEvents(f *testing.F) {
	b, _ := encodeEvents([]event.Event{strike("a-1", "IRN", "PAK", "2024-01-16", 0, 0)})
	f.Add(b)
	f.Add([]byte(`[{"id":"x"}]`))
	f.Add([]byte{eventsFormat})
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeEvents(b)
	})
}
