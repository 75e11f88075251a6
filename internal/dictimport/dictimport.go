// Package dictimport converts the community dictionaries of TABARI and
// PETRARCH (actors, agents, verb patterns) into dyad's formats (the
// actors.tsv and agents.tsv files of docs/actors.md and the pattern files
// of docs/coder.md), so that users can bring the dictionaries they have
// maintained for years. The conversion is lossy where the formats differ;
// every record that cannot be expressed is counted and reported.
package dictimport

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Report counts what an import read, wrote and left out.
type Report struct {
	Read, Written, Skipped int
	// Notes name the skipped records, as file:line: reason (at most 50).
	Notes []string
}

func (r *Report) skip(name string, line int, why string) {
	r.Skipped++
	if len(r.Notes) < 50 {
		r.Notes = append(r.Notes, fmt.Sprintf("%s:%d: %s", name, line, why))
	}
}

// line is one logical line of a dictionary with its number.
type line struct {
	n    int
	text string
}

// Format is a dictionary format.
type Format int

// The formats Actors, Agents and Verbs read.
const (
	PETRARCH Format = iota // comments start with #
	TABARI                 // comments start with ; ("#" is part of codes like [###])
)

// lines reads a dictionary, dropping <!-- --> blocks and comments, and
// returns the remaining non-blank lines with their numbers.
func lines(r io.Reader, f Format) ([]line, error) {
	var out []line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	n, inComment := 0, false
	for sc.Scan() {
		n++
		t := sc.Text()
		for {
			if inComment {
				i := strings.Index(t, "-->")
				if i < 0 {
					t = ""
					break
				}
				t, inComment = t[i+3:], false
				continue
			}
			i := strings.Index(t, "<!--")
			if i < 0 {
				break
			}
			rest := t[i+4:]
			t = t[:i]
			if j := strings.Index(rest, "-->"); j >= 0 {
				t += rest[j+3:]
			} else {
				inComment = true
			}
		}
		cut := "#"
		if f == TABARI {
			cut = ";"
			if strings.HasPrefix(strings.TrimSpace(t), "#") {
				t = ""
			}
		}
		if i := strings.IndexAny(t, cut); i >= 0 {
			t = t[:i]
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		out = append(out, line{n, strings.TrimRight(t, " \t\r")})
	}
	return out, sc.Err()
}

var (
	codeRE  = regexp.MustCompile(`\[([^\]]*)\]`)
	actorRE = regexp.MustCompile(`^(---|[A-Za-z0-9]{2,15})$`)
)

// phrase turns a dictionary phrase ("IRAN_", "AL_GORE", "ETHIOP") into a
// dyad name: words spaced, a trailing "_" (the word ends here) dropped,
// and a final word without it marked as a stem ("Ethiop*").
func phrase(s string) string {
	s = strings.TrimSpace(s)
	exact := strings.HasSuffix(s, "_")
	s = strings.Trim(s, "_ ")
	words := strings.Fields(strings.ReplaceAll(s, "_", " "))
	if len(words) == 0 {
		return ""
	}
	for i, w := range words {
		if len(words) == 1 {
			words[i] = titleCase(w)
		} else {
			words[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
	}
	name := strings.Join(words, " ")
	last := words[len(words)-1]
	if i := strings.LastIndexAny(last, "-"); i >= 0 {
		last = last[i+1:]
	}
	if !exact && len(last) >= 4 && !strings.ContainsAny(last, ".'") {
		name += "*"
	}
	return name
}

// titleCase writes a dictionary word (upper case) as a name; words of
// at most five capitals keep their case, so that acronyms still match
// only as written.
func titleCase(w string) string {
	if len(w) <= 5 && strings.ToUpper(w) == w && !strings.ContainsAny(w, "-.'") {
		letters := 0
		for _, r := range w {
			if r >= 'A' && r <= 'Z' {
				letters++
			}
		}
		if letters == len(w) && len(w) <= 2 {
			return w
		}
	}
	return strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
}

var slugNonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(slugNonAlnum.ReplaceAllString(strings.ToLower(strings.TrimSuffix(s, "*")), "-"), "-")
}

// dated is a code with the dates it applies.
type dated struct {
	code       string
	start, end string // YYYY-MM-DD or ""
}

// parseCodes reads the bracketed codes of a line: "[USAGOV 991201-010114]
// [---]", "[IRNGOV >091101]", "[AR1 <911226]".
func parseCodes(s string) ([]dated, error) {
	var out []dated
	for _, m := range codeRE.FindAllStringSubmatch(s, -1) {
		f := strings.Fields(m[1])
		if len(f) == 0 {
			continue
		}
		d := dated{code: strings.ToUpper(strings.TrimPrefix(f[0], "~"))}
		switch d.code {
		case "###", "+++":
			d.code = "---" // TABARI: not an actor
		}
		if len(f) == 1 && (strings.HasPrefix(f[0], "<") || strings.HasPrefix(f[0], ">") || f[0][0] >= '0' && f[0][0] <= '9' && len(f[0]) > 5) {
			return nil, fmt.Errorf("date without a code %q", m[1])
		}
		for _, c := range strings.Split(d.code, "/") {
			if !actorRE.MatchString(c) || (c == "---" && c != d.code) {
				return nil, fmt.Errorf("bad actor code %q", f[0])
			}
		}
		if len(f) > 1 {
			r := strings.Join(f[1:], "")
			var err error
			switch {
			case strings.HasPrefix(r, "<"):
				d.end, err = yymmdd(r[1:])
			case strings.HasPrefix(r, ">"):
				d.start, err = yymmdd(r[1:])
			default:
				a, b, ok := strings.Cut(r, "-")
				if !ok {
					return nil, fmt.Errorf("bad date range %q", r)
				}
				if d.start, err = yymmdd(a); err == nil {
					d.end, err = yymmdd(b)
				}
			}
			if err != nil {
				return nil, err
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// yymmdd converts the dictionaries' dates, YYMMDD (years before 50 are in
// this century) or YYYYMMDD as PETRARCH also writes them.
func yymmdd(s string) (string, error) {
	s = strings.TrimSpace(s)
	layout := "060102"
	if len(s) == 8 {
		layout = "20060102"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return "", fmt.Errorf("bad date %q", s)
	}
	if len(s) == 6 && t.Year() >= 2050 {
		t = t.AddDate(-100, 0, 0)
	}
	return t.Format("2006-01-02"), nil
}

// Actors converts a TABARI or PETRARCH actor dictionary into actors.tsv
// records: one line per code, with the dates it applies.
func Actors(name string, r io.Reader, w io.Writer, f Format) (Report, error) {
	var rep Report
	ls, err := lines(r, f)
	if err != nil {
		return rep, fmt.Errorf("read %s: %w", name, err)
	}
	type actor struct {
		name    string
		aliases []string
		codes   []dated
		line    int
	}
	var acts []*actor
	var cur *actor
	sect := ""
	for _, l := range ls {
		t := strings.TrimSpace(l.text)
		if section(t, &sect) {
			continue // TABARI's <NOUN>, <ADJECTIVE>, <SYNSETS>, <TIME> lists
		}
		entry := !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "[")
		if entry {
			rep.Read++
		}
		codes, err := parseCodes(t)
		if err != nil {
			rep.skip(name, l.n, err.Error())
			if entry {
				cur = nil
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "+"):
			if cur == nil {
				rep.skip(name, l.n, "alias before any actor")
				continue
			}
			if p := phrase(codeRE.ReplaceAllString(t[1:], "")); p != "" {
				cur.aliases = append(cur.aliases, p)
			}
			cur.codes = append(cur.codes, codes...)
		case strings.HasPrefix(t, "["):
			if cur == nil {
				rep.skip(name, l.n, "code before any actor")
				continue
			}
			cur.codes = append(cur.codes, codes...)
		default:
			p := phrase(codeRE.ReplaceAllString(t, ""))
			if p == "" {
				rep.skip(name, l.n, "no name")
				cur = nil
				continue
			}
			cur = &actor{name: p, codes: codes, line: l.n}
			acts = append(acts, cur)
		}
	}
	ids := map[string]int{}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# actors imported by dyad dict import from %s (docs/actors.md)\n# id\tname\taliases\tcode\tstart\tend\n", name)
	for _, a := range acts {
		if len(a.codes) == 0 {
			rep.skip(name, a.line, "actor "+a.name+" has no code")
			continue
		}
		id := slug(a.name)
		if id == "" {
			rep.skip(name, a.line, "no usable name")
			continue
		}
		if n := ids[id]; n > 0 {
			ids[id]++
			id = fmt.Sprintf("%s-%d", id, n+1)
		} else {
			ids[id] = 1
		}
		aliases := dedupe(a.aliases, a.name)
		for _, c := range a.codes {
			fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\n", id, a.name, orDash(strings.Join(aliases, "|")), c.code, orDash(c.start), orDash(c.end))
		}
		rep.Written++
	}
	return rep, bw.Flush()
}

func dedupe(xs []string, not string) []string {
	seen := map[string]bool{strings.ToLower(not): true}
	var out []string
	for _, x := range xs {
		if k := strings.ToLower(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

var substRE = regexp.MustCompile(`^!([A-Z]+)!\s*=\s*(.*)$`)

// Agents converts a TABARI or PETRARCH agent dictionary ("POLICE [~COP]",
// "FOREIGN_MINISTER_ [ ~GOVFRM]", with !PERSON! substitutions) into
// agents.tsv records. Plural lists are dropped: dyad matches lemmas.
func Agents(name string, r io.Reader, w io.Writer, f Format) (Report, error) {
	var rep Report
	ls, err := lines(r, f)
	if err != nil {
		return rep, fmt.Errorf("read %s: %w", name, err)
	}
	subst := map[string][]string{}
	bySector := map[string][]string{}
	seen := map[string]bool{}
	var order []string
	for _, l := range ls {
		t := strings.TrimSpace(l.text)
		if m := substRE.FindStringSubmatch(t); m != nil {
			for _, v := range strings.Split(m[2], ",") {
				if v = strings.TrimSpace(v); v != "" {
					subst[m[1]] = append(subst[m[1]], v)
				}
			}
			continue
		}
		rep.Read++
		codes := codeRE.FindStringSubmatch(t)
		if codes == nil {
			rep.skip(name, l.n, "no code")
			continue
		}
		code := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(codes[1]), " ", ""))
		code = strings.Trim(code, "~")
		if !actorRE.MatchString(code) || code == "---" {
			rep.skip(name, l.n, "bad agent code "+codes[1])
			continue
		}
		head := t[:strings.Index(t, codes[0])]
		if i := strings.IndexByte(head, '{'); i >= 0 {
			head = head[:i]
		}
		for _, form := range expandSubst(strings.TrimSpace(head), subst) {
			n := strings.ToLower(strings.TrimSuffix(strings.Trim(phrase(form), " "), "*"))
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			if bySector[code] == nil {
				order = append(order, code)
			}
			bySector[code] = append(bySector[code], n)
			rep.Written++
		}
	}
	sort.Strings(order)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# agents imported by dyad dict import from %s (docs/actors.md)\n# nouns\tsector\toffice\n", name)
	for _, code := range order {
		fmt.Fprintf(bw, "%s\t%s\t-\n", strings.Join(bySector[code], "|"), code)
	}
	return rep, bw.Flush()
}

// expandSubst expands !NAME! markers with their substitutions.
func expandSubst(s string, subst map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}
	}
	key := s[i+1 : i+1+j]
	var out []string
	for _, v := range subst[key] {
		out = append(out, expandSubst(s[:i]+v+s[i+2+j:], subst)...)
	}
	return out
}

// Convert imports one dictionary of the given kind (actors, agents or
// verbs).
func Convert(kind, name string, r io.Reader, w io.Writer, f Format, known CodeKnown) (Report, error) {
	switch kind {
	case "actors":
		return Actors(name, r, w, f)
	case "agents":
		return Agents(name, r, w, f)
	case "verbs":
		return Verbs(name, r, w, f, known)
	}
	return Report{}, fmt.Errorf("unknown dictionary kind %q (want actors, agents or verbs)", kind)
}

// FileName is the dyad file an imported dictionary is written to:
// "actors-phoenix-countries-actors.tsv", "verbs-cameo-2-0.txt".
func FileName(kind, src string) string {
	base := src
	if i := strings.LastIndexAny(base, "/\\"); i >= 0 {
		base = base[i+1:]
	}
	base = strings.ToLower(strings.NewReplacer(".", "-", "_", "-").Replace(base))
	if kind == "verbs" {
		return kind + "-" + base + ".txt"
	}
	return kind + "-" + base + ".tsv"
}

// sectionTag is a line that opens or closes a section: "<SYNSETS>",
// "</TIME>".
var sectionTag = regexp.MustCompile(`^</?[A-Za-z_]+>$`)

// section tracks TABARI's <NOUN>, <ADJECTIVE>, <SYNSETS>, <TIME> blocks:
// it reports whether line t opens, closes or lies inside one.
func section(t string, cur *string) bool {
	if strings.HasPrefix(t, "<!") {
		return true // a comment written "<! -- … -->", which lines does not see as one
	}
	if sectionTag.MatchString(t) {
		if strings.HasPrefix(t, "</") {
			*cur = ""
		} else {
			*cur = t
		}
		return true
	}
	return *cur != ""
}
