// Package dates scores event dating on the SemEval-2015 TimeLine gold
// set: for each event mention the gold timelines anchor to a date, the
// date dyad's dating rules give the mention's word (docs/timex.md).
package dates

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/extract"
)

// Suites are the suite names `dyad eval dates --suite` accepts.
var Suites = []string{"semeval2015-timeline"}

// Sub is the suite's folder inside the data folder.
const Sub = "eval/semeval2015-timeline"

// Mention is a gold event mention anchored to a date.
type Mention struct {
	Doc      string `json:"doc"`
	Sentence int    `json:"sentence"`
	Word     string `json:"word"`
	Gold     string `json:"gold"` // "2008-03-01", "2008-03-XX", "2008-XX-XX"
	Offset   int    `json:"offset"`
}

// Doc is a track-B document: its text rebuilt from its tokens (a space
// between tokens, a line per sentence), creation time and gold mentions.
type Doc struct {
	ID       string
	DCT      time.Time
	Text     string
	tokens   map[[2]int][2]int // (sentence, token) → byte span
	sentToks map[int][]string
	Mentions []Mention
}

// Result is the suite's scoreboard.
type Result struct {
	Suite    string  `json:"suite"`
	Accuracy float64 `json:"accuracy"` // exact date, over mentions with a gold date
	// Compatible counts a date that agrees with the gold one as far as both
	// go ("2008-03" for "2008-03-01").
	Compatible float64        `json:"compatible"`
	Mentions   int            `json:"mentions"`  // mentions with a gold date
	Undated    int            `json:"undated"`   // mentions whose gold date is unknown (XXXX-XX-XX), not scored
	NotFound   int            `json:"not_found"` // mentions whose word is not in its sentence
	BySource   map[string]int `json:"by_source"` // where dyad's dates came from
	Correct    map[string]int `json:"correct"`   // exact dates by source
	Misses     []Miss         `json:"misses,omitempty"`
}

// Miss is a mention dated wrongly.
type Miss struct {
	Mention
	Got    string `json:"got"`
	Source string `json:"source"`
}

// Run dates every gold mention of the suite with x and scores the dates.
func Run(ctx context.Context, dataFlag, suite string, x *extract.Extractor, misses bool) (*Result, error) {
	if suite != "semeval2015-timeline" {
		return nil, fmt.Errorf("unknown suite %q (want one of %s)", suite, strings.Join(Suites, ", "))
	}
	dir, err := datadir.Require(dataFlag, Sub)
	if err != nil {
		return nil, err
	}
	docs, err := ReadSuite(dir)
	if err != nil {
		return nil, err
	}
	r := &Result{Suite: suite, BySource: map[string]int{}, Correct: map[string]int{}}
	exact, compat := 0, 0
	for _, d := range docs {
		var offs []int
		var ms []Mention
		for _, m := range d.Mentions {
			if m.Offset < 0 {
				r.NotFound++
				continue
			}
			if strings.HasPrefix(m.Gold, "XXXX") {
				r.Undated++
				continue
			}
			offs = append(offs, m.Offset)
			ms = append(ms, m)
		}
		if len(offs) == 0 {
			continue
		}
		got, err := x.DateWords(ctx, extract.Article{ID: d.ID, Text: d.Text, Date: d.DCT}, offs)
		if err != nil {
			return nil, fmt.Errorf("doc %s: %w", d.ID, err)
		}
		for k, m := range ms {
			r.Mentions++
			g := got[k]
			r.BySource[g.Source]++
			switch {
			case sameDate(g.Date, m.Gold):
				exact++
				compat++
				r.Correct[g.Source]++
			case compatible(g.Date, m.Gold):
				compat++
				fallthrough
			default:
				if misses {
					r.Misses = append(r.Misses, Miss{Mention: m, Got: g.Date, Source: g.Source})
				}
			}
		}
	}
	if r.Mentions > 0 {
		r.Accuracy = float64(exact) / float64(r.Mentions)
		r.Compatible = float64(compat) / float64(r.Mentions)
	}
	return r, nil
}

// goldParts returns the known parts of a gold date ("2008-03-XX" → 2008,
// 03).
func goldParts(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "-") {
		if p == "" || strings.HasPrefix(p, "X") {
			break
		}
		out = append(out, p)
	}
	return out
}

// sameDate reports whether dyad's date names the gold date at the gold's
// granularity.
func sameDate(got, gold string) bool {
	return strings.Join(goldParts(got), "-") == strings.Join(goldParts(gold), "-")
}

// compatible reports whether the two dates agree on the parts both give.
func compatible(got, gold string) bool {
	a, b := goldParts(got), goldParts(gold)
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) > 0 && len(b) > 0
}

// ReadSuite reads the three corpora of the suite under dir: the track-B
// documents and the gold timelines, each mention placed at its word.
func ReadSuite(dir string) ([]*Doc, error) {
	var docs []*Doc
	for _, c := range []string{"corpus_1", "corpus_2", "corpus_3"} {
		byID := map[string]*Doc{}
		files, err := filepath.Glob(filepath.Join(dir, c, "corpus_trackB_TimeML", "*.tml"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("read %s: no track-B documents in %s", c, dir)
		}
		sort.Strings(files)
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				return nil, err
			}
			d, err := ReadDoc(fh)
			fh.Close()
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f, err)
			}
			d.ID = c + "/" + d.ID
			byID[strings.TrimPrefix(d.ID, c+"/")] = d
			docs = append(docs, d)
		}
		lines, err := filepath.Glob(filepath.Join(dir, c, "TimeLines_Gold_Standard", "*.txt"))
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, f := range lines {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			for _, l := range strings.Split(string(b), "\n") {
				fs := strings.Split(strings.TrimRight(l, "\r"), "\t")
				if len(fs) < 3 {
					continue
				}
				for _, ref := range fs[2:] {
					parts := strings.SplitN(ref, "-", 3)
					if len(parts) != 3 || seen[ref] {
						continue
					}
					seen[ref] = true
					d := byID[parts[0]]
					sent, err := strconv.Atoi(parts[1])
					if d == nil || err != nil {
						continue
					}
					d.Mentions = append(d.Mentions, Mention{Doc: d.ID, Sentence: sent, Word: parts[2], Gold: fs[1], Offset: d.offset(sent, parts[2])})
				}
			}
		}
	}
	return docs, nil
}

// offset returns the byte offset of the first token of sentence sent
// that is word, -1 if none.
func (d *Doc) offset(sent int, w string) int {
	for k, t := range d.sentToks[sent] {
		if t == w {
			return d.tokens[[2]int{sent, k}][0]
		}
	}
	return -1
}

// ReadDoc reads a track-B TimeML document.
func ReadDoc(r io.Reader) (*Doc, error) {
	dec := xml.NewDecoder(r)
	d := &Doc{tokens: map[[2]int][2]int{}, sentToks: map[int][]string{}}
	var b strings.Builder
	var path []string
	sent := -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			if t.Name.Local == "s" {
				sent = -1
				for _, a := range t.Attr {
					if a.Name.Local == "id" {
						sent, _ = strconv.Atoi(a.Value)
					}
				}
				if b.Len() > 0 {
					b.WriteByte('\n')
				}
			}
			if t.Name.Local == "TIMEX3" && inside(path, "DCT") {
				for _, a := range t.Attr {
					if a.Name.Local == "value" {
						// One document writes its creation time day first
						// ("03-02-2009" for February 3, as its text says).
						for _, layout := range []string{"2006-01-02", "02-01-2006"} {
							if v, err := time.Parse(layout, a.Value[:min(len(a.Value), 10)]); err == nil {
								d.DCT = v
								break
							}
						}
					}
				}
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		case xml.CharData:
			switch {
			case inside(path, "DOCID"):
				d.ID += strings.TrimSpace(string(t))
			case inside(path, "s") && sent >= 0:
				for _, w := range strings.Fields(string(t)) {
					if n := len(d.sentToks[sent]); n > 0 || b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
						b.WriteByte(' ')
					}
					d.tokens[[2]int{sent, len(d.sentToks[sent])}] = [2]int{b.Len(), b.Len() + len(w)}
					d.sentToks[sent] = append(d.sentToks[sent], w)
					b.WriteString(w)
				}
			}
		}
	}
	if d.ID == "" {
		return nil, fmt.Errorf("no DOCID")
	}
	if d.DCT.IsZero() {
		return nil, fmt.Errorf("doc %s: no creation time", d.ID)
	}
	d.Text = b.String()
	return d, nil
}

func inside(path []string, name string) bool {
	for _, p := range path {
		if p == name {
			return true
		}
	}
	return false
}

// WriteJSON writes r as one indented JSON object.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes r for people: the misses, one a line, then the
// accuracy and the dates by the rule that gave them.
func WriteTable(w io.Writer, r *Result) error {
	for _, m := range r.Misses {
		fmt.Fprintf(w, "%s s%d %q gold %s got %s (%s)\n", m.Doc, m.Sentence, m.Word, m.Gold, m.Got, m.Source)
	}
	fmt.Fprintf(w, "%s: %d dated mentions (%d undated, %d not found)\n", r.Suite, r.Mentions, r.Undated, r.NotFound)
	fmt.Fprintf(w, "exact date %.1f%%, compatible %.1f%%\n", 100*r.Accuracy, 100*r.Compatible)
	var srcs []string
	for s := range r.BySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		if _, err := fmt.Fprintf(w, "  %-8s %4d dated, %4d exact\n", s, r.BySource[s], r.Correct[s]); err != nil {
			return err
		}
	}
	return nil
}
