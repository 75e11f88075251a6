package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// got is what a test checks of an article: key, id, title, text, URL,
// author, published (doc.Timestamp.String()) and its source, and the
// warnings joined.
type got struct {
	key, id, title, text, url, author, published, from, warns string
}

func summary(a *Article) got {
	g := got{key: a.Source, id: a.ID, title: a.Title, text: a.Text, url: a.URL, author: a.Author, from: a.PublishedFrom, warns: strings.Join(a.Warnings, "; ")}
	if !a.Published.IsZero() {
		g.published = a.Published.String()
	}
	return g
}

// readFile writes content to a file of that name in a new folder and
// reads it.
func readFile(t *testing.T, name, content string, opt Options) (string, []got) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	var out []got
	for _, a := range readAll(t, path, opt) {
		out = append(out, summary(a))
	}
	return path, out
}

// check compares articles with the wanted ones: fields left empty in
// want are not compared but for key; text and warns are substrings; P
// in a key stands for the path read.
func check(t *testing.T, path string, arts []got, want []got) {
	t.Helper()
	if len(arts) != len(want) {
		t.Errorf("%d articles, want %d: %+v", len(arts), len(want), arts)
		return
	}
	for i, w := range want {
		a := arts[i]
		if k := strings.Replace(w.key, "P", path, 1); a.key != k {
			t.Errorf("article %d: key %q, want %q", i+1, a.key, k)
		}
		for _, c := range []struct{ name, got, want string }{
			{"id", a.id, w.id}, {"title", a.title, w.title}, {"url", a.url, w.url}, {"author", a.author, w.author},
			{"published", a.published, w.published}, {"from", a.from, w.from},
		} {
			if c.want != "" && c.got != c.want {
				t.Errorf("article %d (%s): %s %q, want %q", i+1, a.key, c.name, c.got, c.want)
			}
		}
		if !strings.Contains(a.text, w.text) || w.text == "" && a.text != "" {
			t.Errorf("article %d (%s): text %q, want %q", i+1, a.key, a.text, w.text)
		}
		if !strings.Contains(a.warns, w.warns) || w.warns == "" && a.warns != "" {
			t.Errorf("article %d (%s): warnings %q, want %q", i+1, a.key, a.warns, w.warns)
		}
	}
}

const jsonl = "\xef\xbb\xbf" + `{"id":"8011115","url":"https://www.voanews.com/a/8011115.html","title":"Iraq says key Islamic State leader is dead","author":"Jeff Seldin","published":"2025-03-14 20:30:26Z","text":"One of the Islamic State terror group's most senior leaders is dead."}
{"headline":"Iran invites Pakistan","Body":"Iran invited Pakistan to the summit.","date":"Fri, 12 Apr 2024 01:10:00 IRST","byline":["Ann Lee","Bo Chan"],"link":"https://news.example/2"}

not json at all
{"id":42,"text":"Pakistan condemned the attack.","published":"2024-02-30"}
[1,2]
{"id":"8011115","text":"The same id again."}
{"title":"Only a title"}
`

func TestReadJSONLines(t *testing.T) {
	want := []got{
		{key: "P#8011115", id: "8011115", title: "Iraq says key Islamic State leader is dead", url: "https://www.voanews.com/a/8011115.html", author: "Jeff Seldin",
			published: "2025-03-14T20:30:26Z", from: "record", text: "Iraq says key Islamic State leader is dead\n\nOne of the Islamic State"},
		{key: "P#2", title: "Iran invites Pakistan", url: "https://news.example/2", author: "Ann Lee, Bo Chan", published: "2024-04-12T01:10:00+03:30",
			text: "Iran invites Pakistan\n\nIran invited Pakistan to the summit."},
		{key: "P#4", warns: "line 4: not JSON"},
		{key: "P#42", id: "42", text: "Pakistan condemned the attack.", warns: `published: date "2024-02-30"`},
		{key: "P#6", warns: "line 6: not a JSON object"},
		{key: "P#8011115#2", id: "8011115", text: "The same id again."},
		{key: "P#8", text: "Only a title"},
	}
	for _, name := range []string{"a.jsonl", "a.ndjson", "a.json", "a.txt"} {
		t.Run(name, func(t *testing.T) {
			path, arts := readFile(t, name, jsonl, Options{})
			check(t, path, arts, want)
		})
	}
	// Standard input is told by its content; Kind reads any name as JSON Lines.
	var arts []got
	err := Read(context.Background(), "-", Options{Stdin: strings.NewReader(jsonl)}, func(a *Article) error {
		arts = append(arts, summary(a))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "-", arts, want)
	path, arts := readFile(t, "a.dat", "\n"+strings.TrimPrefix(jsonl, "\xef\xbb\xbf"), Options{Kind: "jsonl"})
	if len(arts) != len(want) || arts[0].key != path+"#8011115" || arts[1].key != path+"#3" {
		t.Errorf("Kind jsonl: %+v", arts)
	}
}

func TestReadJSONDocuments(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []got
	}{
		{"array.json", `[{"id":"a","title":"T","text":"Iran launched missile attacks."}, {"content":"Pakistan condemned the strikes.","publish_date":"2024-01-17"}, "x"]`,
			[]got{{key: "P#a", id: "a", title: "T", text: "T\n\nIran launched"}, {key: "P#2", text: "Pakistan condemned", published: "2024-01-17", from: "record"}, {key: "P#3", warns: "record 3: not a JSON object"}}},
		{"one.json", "{\n  \"title\": \"Ties restored\",\n  \"text\": \"Pakistan and Iran restored ties.\",\n  \"id\": \"z9\"\n}\n",
			[]got{{key: "P", id: "z9", text: "Ties restored\n\nPakistan and Iran restored ties."}}},
		{"empty.json", "  \n", nil},
		{"feed.json", `{"version":"https://jsonfeed.org/version/1.1","title":"World","items":[{"id":"1","url":"https://news.example/1","title":"Ties","content_text":"Pakistan and Iran restored ties."}]}`,
			[]got{{key: "https://news.example/1", url: "https://news.example/1", text: "Ties\n\nPakistan and Iran restored ties."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, arts := readFile(t, tc.name, tc.in, Options{})
			check(t, path, arts, tc.want)
		})
	}
	path := filepath.Join(t.TempDir(), "broken.json")
	os.WriteFile(path, []byte(`[{"text":"a"}, {"text":`), 0o644)
	if err := Read(context.Background(), path, Options{}, func(*Article) error { return nil }); err == nil || !strings.Contains(err.Error(), "not a JSON array") {
		t.Errorf("a broken array: err %v", err)
	}
}

// TestReadJSONLinesLimit: a line over the size limit is passed over with
// a warning, and the lines after it are read.
func TestReadJSONLinesLimit(t *testing.T) {
	in := `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 300) + `"}` + "\n" + `{"text":"after"}` + "\n"
	var arts []got
	err := Read(context.Background(), "-", Options{Stdin: bytes.NewReader([]byte(in)), MaxBytes: 100, Kind: "jsonl"}, func(a *Article) error {
		arts = append(arts, summary(a))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "-", arts, []got{{key: "-#1", text: "short"}, {key: "-#2", warns: "line 2: input exceeds the size limit"}, {key: "-#3", text: "after"}})
}
