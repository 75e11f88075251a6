package cluster

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/treebank"
)

// A Source is one corpus under the shared data directory that BuildCorpus
// can read.
type Source struct {
	Name    string // short name, used in Stats and docs
	Path    string // relative to the data directory
	Licence string // as its SOURCES.md states it, in brief
	// Gold is true for text that is already tokenized (UD word forms);
	// such sentences are neither filtered nor deduplicated.
	Gold bool
	read func(dir string, emit func(doc []string)) (files int, err error)
	// readGold is used instead of read for Gold sources.
	readGold func(dir string, emit func(sent []string)) (files, docs int, err error)
}

// The sources BuildCorpus knows. DefaultSources lists those it uses by
// default; see docs/clusters.md for why the others are left out.
var (
	SourceEWTTrain = Source{Name: "ud-english-ewt-train", Path: "ud-english-ewt",
		Licence: "CC BY-SA 4.0", Gold: true, readGold: readEWTTrain}
	SourceBBC = Source{Name: "bbc-news-2225", Path: "eval/bbc-news-2225",
		Licence: "BBC copyright; research dataset (D. Greene, UCD)", read: readBBC}
	SourceReuters = Source{Name: "reuters-21578", Path: "eval/reuters-21578",
		Licence: "Reuters/Carnegie Group: free distribution for research purposes only", read: readReuters}
	SourceTE3Silver = Source{Name: "tempeval3-silver", Path: "eval/tempeval3-silver",
		Licence: "none stated (TempEval-3; AFP and Xinhua newswire from English Gigaword)", read: readTimeML}
	SourceVOA = Source{Name: "voa", Path: "news/voa",
		Licence: "public domain (US government work; credit VOA)", read: readVOA}
	// SourceWorldwideNewswire is the raw text of an NER evaluation set;
	// not in DefaultSources (see docs/clusters.md).
	SourceWorldwideNewswire = Source{Name: "worldwide-newswire", Path: "eval/worldwide-newswire",
		Licence: "none stated (article text belongs to the outlets)", read: readWorldwide}
)

// DefaultSources are the sources of the committed cluster file.
var DefaultSources = []Source{SourceEWTTrain, SourceBBC, SourceReuters, SourceTE3Silver, SourceVOA}

// SourceStats counts what BuildCorpus took from one source.
type SourceStats struct {
	Name, Path, Licence string
	Files, Docs         int
	Sentences, Tokens   int // kept
	Duplicates          int // sentences dropped as exact repeats
	Filtered            int // sentences dropped as tables or upper-case text
}

// Stats counts the corpus BuildCorpus built.
type Stats struct {
	Sources           []SourceStats
	Sentences, Tokens int
}

func (s Stats) String() string {
	var b strings.Builder
	for _, x := range s.Sources {
		fmt.Fprintf(&b, "%-22s %5d files %6d docs %8d sentences %9d tokens (dropped %d repeats, %d tables/caps)\n",
			x.Name, x.Files, x.Docs, x.Sentences, x.Tokens, x.Duplicates, x.Filtered)
	}
	fmt.Fprintf(&b, "%-22s %33d sentences %9d tokens\n", "total", s.Sentences, s.Tokens)
	return b.String()
}

// BuildCorpus reads the given sources (DefaultSources if none) under
// dataDir (the shared data folder, e.g. ../shared/data) and returns their
// tokenized sentences, in a fixed order, for Induce. Raw text is tokenized
// with Tokenize and split with SplitSentences; sentences that repeat one
// seen before (five tokens or more) and sentences that look like tables or
// all-capital headlines are dropped. The corpus is held in memory; the
// returned function may be iterated any number of times.
func BuildCorpus(dataDir string, sources ...Source) (func(yield func([]string) bool), Stats, error) {
	if len(sources) == 0 {
		sources = DefaultSources
	}
	var st Stats
	var all [][]string
	seen := map[uint64]bool{}
	for _, src := range sources {
		dir := filepath.Join(dataDir, src.Path)
		if _, err := os.Stat(dir); err != nil {
			return nil, st, fmt.Errorf("cluster: source %s: %w", src.Name, err)
		}
		ss := SourceStats{Name: src.Name, Path: src.Path, Licence: src.Licence}
		keep := func(s []string) {
			all = append(all, s)
			ss.Sentences++
			ss.Tokens += len(s)
		}
		var err error
		if src.Gold {
			ss.Files, ss.Docs, err = src.readGold(dir, func(s []string) {
				if len(s) > 0 {
					keep(s)
				}
			})
		} else {
			ss.Files, err = src.read(dir, func(doc []string) {
				ss.Docs++
				for _, p := range doc {
					for _, s := range SplitSentences(Tokenize(p)) {
						switch {
						case junk(s):
							ss.Filtered++
						case len(s) >= 5 && seenBefore(seen, s):
							ss.Duplicates++
						default:
							keep(s)
						}
					}
				}
			})
		}
		if err != nil {
			return nil, st, fmt.Errorf("cluster: source %s: %w", src.Name, err)
		}
		st.Sources = append(st.Sources, ss)
		st.Sentences += ss.Sentences
		st.Tokens += ss.Tokens
	}
	seq := func(yield func([]string) bool) {
		for _, s := range all {
			if !yield(s) {
				return
			}
		}
	}
	return seq, st, nil
}

func seenBefore(seen map[uint64]bool, s []string) bool {
	h := fnv.New64a()
	for _, t := range s {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	k := h.Sum64()
	if seen[k] {
		return true
	}
	seen[k] = true
	return false
}

// junk reports sentences that are mostly not prose: fewer than half the
// tokens have a letter (tables of figures), most words with letters are
// in capitals (Reuters headlines and tables), or short lines with "vs"
// (Reuters earnings tables: "Shr 57 cts vs 34 cts").
func junk(s []string) bool {
	letters, caps := 0, 0
	for _, t := range s {
		if t == "vs" && len(s) < 15 {
			return true
		}
		hasLetter, hasLower := false, false
		for _, r := range t {
			if unicode.IsLetter(r) {
				hasLetter = true
				if unicode.IsLower(r) {
					hasLower = true
				}
			}
		}
		if hasLetter {
			letters++
			if !hasLower && utf8.RuneCountInString(t) > 1 {
				caps++
			}
		}
	}
	if 2*letters < len(s) {
		return true
	}
	return letters >= 3 && 2*caps > letters
}

// readEWTTrain reads the word forms of the training documents of UD
// English-EWT (files.train) with the project's treebank reader. EWT keeps
// one document per source file, so files and docs are the same count.
func readEWTTrain(dir string, emit func([]string)) (files, docs int, err error) {
	sents, err := treebank.Load(dir, treebank.Train)
	if err != nil {
		return 0, 0, err
	}
	for _, s := range sents {
		if s.NewDoc {
			docs++
		}
		forms := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = w.Form
		}
		emit(forms)
	}
	return docs, docs, nil
}

// readFiles calls fn with the contents of every file under dir whose
// name matches, in path order, and returns how many there were.
func readFiles(dir string, match func(name string) bool, fn func(data []byte)) (int, error) {
	files, err := sortedFiles(dir, match)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		fn(data)
	}
	return len(files), nil
}

// sortedFiles lists the regular files under dir whose names match, in
// lexical order of their paths.
func sortedFiles(dir string, match func(name string) bool) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && match(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// paragraphs splits text at blank lines and joins the lines of each
// paragraph with spaces.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// utf8Text returns data as a string, decoding it as Latin-1 if it is not
// valid UTF-8.
func utf8Text(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	for _, c := range data {
		b.WriteRune(rune(c))
	}
	return b.String()
}

// readBBC reads the BBC articles: title on the first line, then
// paragraphs.
func readBBC(dir string, emit func([]string)) (int, error) {
	return readFiles(dir, func(n string) bool {
		return strings.HasSuffix(n, ".txt") && strings.TrimLeft(strings.TrimSuffix(n, ".txt"), "0123456789") == ""
	}, func(data []byte) { emit(paragraphs(utf8Text(data))) })
}

var (
	reutersDoc  = regexp.MustCompile(`(?s)<REUTERS[^>]*>.*?</REUTERS>`)
	reutersBody = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reutersEnd  = regexp.MustCompile(`(?i)\s*reuter\s*(&#3;)?\s*$`)
	ctrlEntity  = regexp.MustCompile(`&#[0-9]+;`)
)

// readReuters reads the BODY of each Reuters-21578 story. In the bodies a
// new paragraph starts with an indented line; the closing "Reuter" and
// the angle brackets around company names are dropped. Titles, all in
// capitals, are left out.
func readReuters(dir string, emit func([]string)) (int, error) {
	return readFiles(dir, func(n string) bool { return strings.HasSuffix(n, ".sgm") }, func(data []byte) {
		for _, d := range reutersDoc.FindAll(data, -1) {
			m := reutersBody.FindSubmatch(d)
			if m == nil {
				continue
			}
			body := reutersEnd.ReplaceAllString(utf8Text(m[1]), "")
			body = ctrlEntity.ReplaceAllString(body, " ")
			body = html.UnescapeString(body)
			body = strings.NewReplacer("<", "", ">", "").Replace(body)
			var paras []string
			var cur []string
			for _, line := range strings.Split(body, "\n") {
				if strings.TrimSpace(line) == "" || (line[0] == ' ' || line[0] == '\t') {
					if len(cur) > 0 {
						paras = append(paras, strings.Join(cur, " "))
					}
					cur = cur[:0]
				}
				if t := strings.TrimSpace(line); t != "" {
					cur = append(cur, t)
				}
			}
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
			}
			emit(paras)
		}
	})
}

var (
	timemlTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	timemlText  = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	anyTag      = regexp.MustCompile(`<[^>]*>`)
)

// readTimeML reads the TITLE and TEXT of TimeML documents, tags removed.
func readTimeML(dir string, emit func([]string)) (int, error) {
	return readFiles(dir, func(n string) bool { return strings.HasSuffix(n, ".tml") }, func(data []byte) {
		var doc []string
		for _, re := range []*regexp.Regexp{timemlTitle, timemlText} {
			if m := re.FindSubmatch(data); m != nil {
				t := html.UnescapeString(anyTag.ReplaceAllString(utf8Text(m[1]), ""))
				doc = append(doc, paragraphs(t)...)
			}
		}
		emit(doc)
	})
}

// readVOA reads the title and text of each VOA story.
func readVOA(dir string, emit func([]string)) (int, error) {
	data, err := os.ReadFile(filepath.Join(dir, "voa_stories.jsonl"))
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return 1, err
		}
		emit(append(paragraphs(rec.Title), paragraphs(rec.Text)...))
	}
	return 1, sc.Err()
}

// readWorldwide reads the raw articles of the Worldwide Newswire set (the
// first line of each is its URL). The zip archives there duplicate the
// text files and are skipped.
func readWorldwide(dir string, emit func([]string)) (int, error) {
	return readFiles(filepath.Join(dir, "original_articles"), func(n string) bool { return strings.HasSuffix(n, ".txt") }, func(data []byte) {
		t := utf8Text(data)
		if i := strings.IndexByte(t, '\n'); i >= 0 && strings.HasPrefix(t, "http") {
			t = t[i+1:]
		}
		emit(paragraphs(t))
	})
}

// Train builds the corpus of DefaultSources under dataDir and induces
// clusters from it, recording the corpus counts in the clusters' Info. It
// is what `dyad train clusters` runs; with the same code, data and
// Options it writes the same file.
func Train(ctx context.Context, dataDir string, opt Options) (*Clusters, Stats, error) {
	seq, st, err := BuildCorpus(dataDir)
	if err != nil {
		return nil, st, err
	}
	note := "corpus: " + corpusNote(st)
	if opt.Note != "" {
		note += "; " + opt.Note
	}
	opt.Note = note
	c, err := Induce(ctx, seq, opt)
	return c, st, err
}

func corpusNote(st Stats) string {
	var parts []string
	for _, s := range st.Sources {
		parts = append(parts, fmt.Sprintf("%s %d tokens", s.Name, s.Tokens))
	}
	return strings.Join(parts, ", ")
}
