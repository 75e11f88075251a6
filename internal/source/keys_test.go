package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysStable reads each kind of many articles twice: the keys are the
// same both times, and no key repeats, though records share ids and a
// crawl holds one page twice.
func TestKeysStable(t *testing.T) {
	recs := testWARC()
	again := map[string]string{ // the key of an article met again (P: the path)
		"array.json": "P#a#2", "sample.zip": "P#a.csv#3#3", "world.rss": "https://news.example/call#2", "crawl.warc": "https://news.example/a#2",
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"voa.jsonl":        jsonl,
		"array.json":       `[{"id":"a","text":"x"},{"id":"a","text":"y"},{"text":"z"}]`,
		"guardian.csv":     guardianCSV,
		"sample.zip":       string(testZip(t, "a.csv", guardianCSV, "b.jsonl", jsonl, "c.txt", "text", "a.csv", guardianCSV)),
		"reut2-000.sgm":    reuters,
		"world.rss":        strings.Replace(rss, "https://news.example/summary", "https://news.example/call", 1),
		"crawl.warc":       string(bytes.Join(append(recs, recs[2]), nil)),
		"AFP_ENG_0001.tml": tempeval,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		var runs [2][]string
		for i := range runs {
			for _, a := range readAll(t, path, Options{MaxBytes: 4096}) {
				runs[i] = append(runs[i], a.Source)
			}
		}
		if a, b := strings.Join(runs[0], "\n"), strings.Join(runs[1], "\n"); a != b || a == "" {
			t.Errorf("%s: keys differ between runs:\n%s\n--\n%s", name, a, b)
		}
		seen := map[string]bool{}
		for _, k := range runs[0] {
			if seen[k] {
				t.Errorf("%s: key %s repeats", name, k)
			}
			seen[k] = true
		}
		if k := strings.Replace(again[name], "P", path, 1); k != "" && !seen[k] {
			t.Errorf("%s: no key %s among %q", name, k, runs[0])
		}
	}
}
