package events

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/dictimport"
)

// Paths of the suites with their own dictionaries.
const (
	TABARIDir = "events/validation/tabari"
	PETRDir   = "events/validation/petrarch"
)

var (
	// A record header: a YYMMDD date and an id, sometimes followed by
	// a document number ("920102  FBIS-002-001  CEP20020711000013") or
	// preceded by the date again ("950101  950101  AGENTS-11").
	tabariHeader = regexp.MustCompile(`^(\d{6})\s+(?:\d{6}\s+)?(\S+)(?:\s+\S+)?\s*$`)
	tabariEvent  = regexp.MustCompile(`\\n\s*(-?)\{([^}]*)\}`)
)

// ReadTABARI reads TABARI's Validate.text up to the FINAL record: a
// "YYMMDD ID" header (see tabariHeader), the text, then a /* … */ block whose "\n{ SRC / TGT
// / CODE }" lines are the expected events ("-{…}" marks events TABARI
// codes only in complex mode; {+++}, {---} and {###} expect none).
func ReadTABARI(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read TABARI suite: %w", err)
	}
	defer f.Close()
	var out []Record
	var cur *Record
	var text, note strings.Builder
	inNote := false
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = strings.Join(strings.Fields(text.String()), " ")
		for _, m := range tabariEvent.FindAllStringSubmatch(note.String(), -1) {
			if m[1] == "-" {
				continue
			}
			parts := strings.Split(m[2], "/")
			if len(parts) != 3 {
				continue // {+++}, {---}, {###}, OPTION records
			}
			c := Coding{stateless(strings.TrimSpace(parts[0])), stateless(strings.TrimSpace(parts[1])), strings.Fields(strings.TrimSpace(parts[2]) + " ")[0]}
			if c.Source == "" || c.Code == "" {
				continue
			}
			cur.Want = append(cur.Want, c)
		}
		cur.NoEvents = len(cur.Want) == 0
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if m := tabariHeader.FindStringSubmatch(l); m != nil && !inNote {
			flush()
			if strings.HasPrefix(m[2], "FINAL") {
				cur = nil
				break
			}
			d, _ := time.Parse("060102", m[1])
			if d.Year() >= 2050 {
				d = d.AddDate(-100, 0, 0)
			}
			out = append(out, Record{ID: m[2], Date: d, Category: category(m[2])})
			cur = &out[len(out)-1]
			text.Reset()
			note.Reset()
			continue
		}
		if cur == nil || strings.HasPrefix(l, "#") {
			continue
		}
		if i := strings.Index(l, "/*"); i >= 0 && !inNote {
			text.WriteString(l[:i])
			text.WriteByte(' ')
			l, inNote = l[i:], true
		}
		if inNote {
			note.WriteString(l)
			note.WriteByte('\n')
			if strings.Contains(l, "*/") {
				inNote = false
			}
			continue
		}
		text.WriteString(l)
		text.WriteByte(' ')
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// Records that only set options or start the suite have no text.
	kept := out[:0]
	for _, r := range out {
		if r.Text != "" {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// stateless writes TABARI's code of an agent with no actor ("~MIL") as
// dyad and PETRARCH write it ("---MIL").
func stateless(code string) string {
	if rest, ok := strings.CutPrefix(code, "~"); ok {
		return "---" + rest
	}
	return code
}

// category is a record id without its number: "DEMO-01" → "DEMO".
func category(id string) string {
	if i := strings.LastIndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// suiteDicts names each suite's dictionaries, as its project file does.
var suiteDicts = map[string]struct {
	dir    string
	format dictimport.Format
	actors []string
	agents []string
	verbs  []string
}{
	"tabari": {TABARIDir, dictimport.TABARI, []string{"TABARI.Demo.actors"}, []string{"Validate.agents"}, []string{"TABARI.Demo.verbs"}},
	"petr":   {PETRDir, dictimport.PETRARCH, []string{"PETR.Validate.actors.txt"}, []string{"PETR.Validate.agents.txt"}, []string{"PETR.Validate.verbs.txt"}},
}

// ImportSuite converts a suite's own dictionaries into dyad files in a
// new folder under tmp and returns it: both the knowledge base and the
// pattern folder. It also returns the import reports.
func ImportSuite(suite, dataFlag, tmp string) (string, []string, error) {
	sd, ok := suiteDicts[suite]
	if !ok {
		return "", nil, fmt.Errorf("suite %s has no dictionaries of its own", suite)
	}
	src, err := datadir.Require(dataFlag, sd.dir)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp(tmp, "dyad-"+suite+"-")
	if err != nil {
		return "", nil, err
	}
	ont, err := cameo.Default()
	if err != nil {
		return "", nil, err
	}
	var notes []string
	run := func(kind string, names []string) error {
		for _, n := range names {
			in, err := os.Open(filepath.Join(src, n))
			if err != nil {
				return err
			}
			var b strings.Builder
			rep, err := dictimport.Convert(kind, n, in, &b, sd.format, func(c string) bool { return ont.Lookup(c) != nil })
			in.Close()
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, dictimport.FileName(kind, n)), []byte(b.String()), 0o644); err != nil {
				return err
			}
			notes = append(notes, fmt.Sprintf("%s: %d read, %d written, %d not expressible", n, rep.Read, rep.Written, rep.Skipped))
		}
		return nil
	}
	for _, k := range []struct {
		kind  string
		names []string
	}{{"actors", sd.actors}, {"agents", sd.agents}, {"verbs", sd.verbs}} {
		if err := run(k.kind, k.names); err != nil {
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("import %s dictionaries: %w", suite, err)
		}
	}
	return dir, notes, nil
}
