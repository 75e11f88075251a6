package cluster

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var toyOnce = sync.OnceValues(func() (*Clusters, error) {
	return Induce(context.Background(), seqOf(toyCorpus(2000)), Options{Classes: [NumLevels]int{2, 4, 8, 12}, Seed: 1, Note: "toy corpus"})
})

func toyClusters(t testing.TB) *Clusters {
	t.Helper()
	c, err := toyOnce()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func encode(t testing.TB, c *Clusters) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := c.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	c := toyClusters(t)
	data := encode(t, c)
	d, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !sameClusters(c, d) {
		t.Fatal("round trip changed the clusters")
	}
	for _, w := range []string{"Iran", "IRAN", "the", "The", "Monday", "11,000", "42", "nope"} {
		a, aok := c.Lookup(w)
		b, bok := d.Lookup(w)
		if a != b || aok != bok {
			t.Errorf("%s: %v %v before, %v %v after", w, a, aok, b, bok)
		}
	}
	if d.Info() != c.Info() || d.Levels() != c.Levels() || d.Len() != c.Len() || d.Count("Iran") != c.Count("Iran") || d.Count("Iran") == 0 {
		t.Error("metadata changed")
	}
	// Writing is deterministic.
	if !bytes.Equal(encode(t, d), data) {
		t.Error("re-encoding differs")
	}
}

// payload builds a version-1 file from raw payload bytes.
func payload(t testing.TB, p []byte, version uint32) []byte {
	var buf bytes.Buffer
	buf.WriteString(magic)
	binary.Write(&buf, binary.LittleEndian, version)
	zw := gzip.NewWriter(&buf)
	zw.Write(p)
	zw.Close()
	return buf.Bytes()
}

func uvs(xs ...uint64) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.AppendUvarint(b, x)
	}
	return b
}

func TestReadRejects(t *testing.T) {
	good := encode(t, toyClusters(t))
	word := func(key string, count uint64, ids ...uint64) []byte {
		b := uvs(uint64(len(key)))
		b = append(b, key...)
		return append(b, uvs(append([]uint64{count}, ids...)...)...)
	}
	head := append(uvs(0, 4, 2, 2, 4, 4), uvs(1)...)
	cases := map[string][]byte{
		"empty":         nil,
		"short header":  []byte("dyad"),
		"bad magic":     append([]byte("dyadcluX"), good[8:]...),
		"version 0":     payload(t, nil, 0),
		"version 99":    payload(t, nil, 99),
		"not gzip":      append(append([]byte{}, good[:12]...), "hello world"...),
		"truncated":     good[:len(good)-5],
		"bad crc":       append(append([]byte{}, good[:len(good)-8]...), 0, 0, 0, 0, 0, 0, 0, 0),
		"trailing data": payload(t, append(append(head[:len(head):len(head)], word("a", 1, 0, 0, 0, 0)...), 7), 1),
		"empty payload": payload(t, nil, 1),
		"huge info":     payload(t, uvs(1<<40), 1),
		"3 levels":      payload(t, uvs(0, 3, 2, 2, 2), 1),
		"zero classes":  payload(t, uvs(0, 4, 0, 2, 2, 2), 1),
		"decreasing":    payload(t, uvs(0, 4, 4, 2, 2, 2), 1),
		"huge classes":  payload(t, uvs(0, 4, 2, 2, 2, 1<<20), 1),
		"huge words":    payload(t, append(uvs(0, 4, 2, 2, 4, 4), uvs(1<<40)...), 1),
		"missing words": payload(t, append(uvs(0, 4, 2, 2, 4, 4), uvs(1000)...), 1),
		"id range":      payload(t, append(head[:len(head):len(head)], word("a", 1, 0, 0, 4, 0)...), 1),
		"empty key":     payload(t, append(head[:len(head):len(head)], word("", 1, 0, 0, 0, 0)...), 1),
		"long key":      payload(t, append(head[:len(head):len(head)], word(string(make([]byte, 65)), 1, 0, 0, 0, 0)...), 1),
		"bad utf8":      payload(t, append(head[:len(head):len(head)], word("\xff", 1, 0, 0, 0, 0)...), 1),
		"unnormalised":  payload(t, append(head[:len(head):len(head)], word("a1", 1, 0, 0, 0, 0)...), 1),
		"duplicate": payload(t, append(append(uvs(0, 4, 2, 2, 4, 4, 2), word("a", 1, 0, 0, 0, 0)...),
			word("a", 1, 0, 0, 0, 0)...), 1),
		"not nested": payload(t, append(append(uvs(0, 4, 2, 2, 4, 4, 2), word("a", 1, 0, 0, 0, 0)...),
			word("b", 1, 1, 1, 0, 0)...), 1),
	}
	for name, data := range cases {
		c, err := Read(bytes.NewReader(data))
		if err == nil || c != nil {
			t.Errorf("%s: no error", name)
		} else if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: error %v does not wrap ErrFormat", name, err)
		}
	}
	// The minimal valid file reads.
	if _, err := Read(bytes.NewReader(payload(t, append(head[:len(head):len(head)], word("a", 1, 0, 0, 0, 0)...), 1))); err != nil {
		t.Errorf("minimal file: %v", err)
	}
}

// Files once written must keep loading: testdata holds one file per
// format version, written by that version's code.
func TestReadOldVersions(t *testing.T) {
	files, _ := filepath.Glob("testdata/clusters-v*.bin")
	if len(files) == 0 {
		t.Fatal("no testdata/clusters-v*.bin")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Read(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if ids, ok := c.Lookup("Tuesday"); !ok {
			t.Errorf("%s: Tuesday has no cluster", f)
		} else if c2, ok := c.Lookup("Friday"); !ok || c2 != ids {
			t.Errorf("%s: Tuesday %v, Friday %v", f, ids, c2)
		}
	}
}

var updateTestdata = os.Getenv("CLUSTER_UPDATE_TESTDATA") != ""

// TestWriteTestdata writes the current version's file when asked.
func TestWriteTestdata(t *testing.T) {
	if !updateTestdata {
		t.Skip("set CLUSTER_UPDATE_TESTDATA=1 to write the current version's testdata file")
	}
	name := filepath.Join("testdata", "clusters-v"+string(rune('0'+CurrentVersion))+".bin")
	if err := os.WriteFile(name, encode(t, toyClusters(t)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func FuzzRead(f *testing.F) {
	good := encode(f, toyClusters(f))
	f.Add(good)
	f.Add(good[:40])
	f.Add(payload(f, uvs(0, 4, 2, 2, 4, 4, 1, 1, 'a', 1, 0, 0, 0, 0), 1))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Read(bytes.NewReader(data))
		if err != nil {
			if c != nil {
				t.Fatal("clusters and an error")
			}
			return
		}
		// Whatever loads must work and survive a round trip.
		c.Lookup("Iran")
		c.Lookup("IRAN")
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		d, err := Read(&buf)
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if !sameClusters(c, d) {
			t.Fatal("round trip changed the clusters")
		}
	})
}

func TestConcurrentLookup(t *testing.T) {
	c := toyClusters(t)
	want := mustLookup(t, c, "Iran")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				if ids, ok := c.Lookup("IRAN"); !ok || ids != want {
					t.Error("concurrent lookup differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkLookup(b *testing.B) {
	c := toyClusters(b)
	words := []string{"Iran", "Tuesday", "said", "IRAN", "11,000", "Atlantis", "officials", "The"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		c.Lookup(words[i%len(words)])
	}
}

func TestLookupAllocs(t *testing.T) {
	c := toyClusters(t)
	long := string(bytes.Repeat([]byte("É"), 100))
	for _, w := range []string{"Iran", "IRAN", "ÉTAT", "11,000", "nope", long, ""} {
		if n := testing.AllocsPerRun(100, func() { c.Lookup(w) }); n != 0 {
			t.Errorf("Lookup(%q): %v allocs", w, n)
		}
	}
	var nilc *Clusters
	if _, ok := nilc.Lookup("x"); ok {
		t.Error("nil Clusters found a word")
	}
}

// BenchmarkLookupModel looks words up in the committed model, if present.
func BenchmarkLookupModel(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "models", "clusters.bin"))
	if err != nil {
		b.Skip("no ../models/clusters.bin")
	}
	c, err := Read(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"Iran", "Tuesday", "attacked", "militants", "11,000", "the", "IRAN", "Attacked", "Khyber", "Balochistan", "said", "."}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		c.Lookup(words[i%len(words)])
	}
}
