// Package coder codes events from parsed sentences and their actor
// mentions: a dictionary of verb and noun patterns, written as data and
// compiled at load, is matched against the dependency parse; the subject
// (or the agent of a passive) is the source, the object or the object of
// the pattern's prepositions the target. See docs/coder.md.
package coder

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/dyadproject/dyad/internal/cameo"
)

//go:embed data/*.txt
var embedded embed.FS

// Embedded returns the pattern files built into dyad.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Pattern is one line of a pattern dictionary.
type Pattern struct {
	Code     string   // CAMEO code
	Lemma    string   // trigger lemma
	Particle string   // phrasal-verb particle, "" for none
	Noun     bool     // the trigger is a noun ("attack", "talks")
	Obj      []string // lemmas the object must have (nil: any)
	// ObjCase, when set, makes Obj constrain the noun of a prepositional
	// phrase on the verb instead of its direct object: obl=for:sanction
	// matches "called for sanctions".
	ObjCase string
	// Mod lists sets of lemmas; for each set, one of its lemmas must
	// modify the object (verbs) or the noun. A pattern file repeats mod=
	// for several sets ("mod=new mod=economic|military").
	Mod      [][]string
	Preps    []string // prepositions whose object is the target (nil: the defaults)
	Sym      bool     // the relation is mutual: code both directions
	Blame    bool     // the target is the agent of the event the object names
	NoTarget bool     // the event needs no target (PLOVER-style)
	Stem     bool     // the trigger matches every lemma it begins ("restor*", from TABARI)
	// Pre lists words that must stand before the trigger, in this order
	// (imported sequential patterns: "- SUGGESTED_+ * DEMAND").
	Pre []string
	// Negative marks a pattern whose own words negate the verb ("did
	// not *"): its events are not dropped as negated.
	Negative bool
	// TgtBefore (tgt=before): the target is the actor closest before the
	// verb, the source the first of the sentence ("Arnor suggested Gondor
	// should demand …"; TABARI's "- SUGGESTED + * DEMAND"). SrcAfter
	// (src=after): the source is the first actor after the verb ("- + WAS
	// * BY $": "Gondor was attacked by Arnor").
	TgtBefore, SrcAfter bool
	// PloverEvent and PloverMode (plover=EVENT/mode) replace what the
	// CAMEO code maps to where PLOVER draws a line CAMEO does not: a
	// resignation is CAMEO 0831 but PLOVER RETREAT/resign.
	PloverEvent, PloverMode string
	// Words marks a verb pattern of a "#! verbs: words" file (imported
	// from TABARI, which matches words, not parts of speech): its verb may
	// be any word the tagger did not make a verb, unless a determiner
	// makes it a noun.
	Words bool
	// Own marks a pattern of a "#! codes: any" file: its code is the
	// file's own (an imported suite's), so CAMEO's frames do not recode it.
	Own   bool
	Where string // file:line
	Text  string // the line as written
}

func (p *Pattern) specificity() int {
	n := 0
	if p.Particle != "" {
		n += 2
	}
	if p.Obj != nil {
		n += 4
	}
	n += 2 * len(p.Mod)
	n += 3 * len(p.Pre)
	return n
}

// Dict is a compiled pattern dictionary, indexed by trigger.
type Dict struct {
	verbs map[string][]*Pattern // by lemma
	nouns map[string][]*Pattern
	// stems holds the stem triggers of verbs and nouns by their first
	// minStem letters.
	verbStems, nounStems map[string][]*Pattern
	n                    int
	// community: a "#! codes: any" file (an imported TABARI or PETRARCH
	// dictionary) was loaded; as in those coders, a sector with no state
	// is then an actor ("---MIL").
	community bool
	// words: a "#! verbs: words" file (TABARI) was loaded.
	words bool
}

// minStem is the shortest stem trigger.
const minStem = 3

// lookup returns the patterns of lemma: its own, then those of stems it
// begins with.
func lookup(exact, stems map[string][]*Pattern, lemma string) []*Pattern {
	ps := exact[lemma]
	if len(stems) == 0 || len(lemma) < minStem {
		return ps
	}
	var more []*Pattern
	for _, p := range stems[lemma[:minStem]] {
		if strings.HasPrefix(lemma, p.Lemma) {
			more = append(more, p)
		}
	}
	if len(more) == 0 {
		return ps
	}
	return append(append([]*Pattern{}, ps...), more...)
}

// Len returns the number of patterns.
func (d *Dict) Len() int { return d.n }

// Codes returns the CAMEO codes the dictionary uses.
func (d *Dict) Codes() map[string]int {
	out := map[string]int{}
	for _, m := range []map[string][]*Pattern{d.verbs, d.nouns, d.verbStems, d.nounStems} {
		for _, ps := range m {
			for _, p := range ps {
				out[p.Code]++
			}
		}
	}
	return out
}

// LoadDict compiles every *.txt pattern file of fsys. Codes are checked
// against the ontology; all errors are returned, each as file:line.
func LoadDict(fsys fs.FS, o *cameo.Ontology) (*Dict, error) {
	d := &Dict{verbs: map[string][]*Pattern{}, nouns: map[string][]*Pattern{},
		verbStems: map[string][]*Pattern{}, nounStems: map[string][]*Pattern{}}
	files, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("load patterns: %w", err)
	}
	sort.Strings(files)
	var errs []error
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("load patterns: %w", err))
			continue
		}
		errs = append(errs, d.read(name, f, o)...)
		f.Close()
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, m := range []map[string][]*Pattern{d.verbs, d.nouns, d.verbStems, d.nounStems} {
		for _, ps := range m {
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].specificity() > ps[j].specificity() })
		}
	}
	return d, nil
}

func (d *Dict) read(name string, r io.Reader, o *cameo.Ontology) []error {
	var errs []error
	sc := bufio.NewScanner(r)
	line := 0
	anyCode := false // "#! codes: any": the file's codes are its own (an imported suite's)
	words := false   // "#! verbs: words": verbs match as words, whatever their tag (TABARI)
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "#!") {
			switch strings.Join(strings.Fields(text[2:]), " ") {
			case "codes: any":
				anyCode, d.community = true, true
				continue
			case "verbs: words":
				words, d.words = true, true
				continue
			}
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		p, err := parsePattern(f, o, anyCode)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		p.Where, p.Text, p.Own, p.Words = fmt.Sprintf("%s:%d", name, line), strings.Join(f, " "), anyCode, words && !p.Noun
		switch {
		case p.Stem && p.Noun:
			d.nounStems[p.Lemma[:minStem]] = append(d.nounStems[p.Lemma[:minStem]], p)
		case p.Stem:
			d.verbStems[p.Lemma[:minStem]] = append(d.verbStems[p.Lemma[:minStem]], p)
		case p.Noun:
			d.nouns[p.Lemma] = append(d.nouns[p.Lemma], p)
		default:
			d.verbs[p.Lemma] = append(d.verbs[p.Lemma], p)
		}
		d.n++
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", name, line+1, err))
	}
	return errs
}

// parsePattern reads "CODE TRIGGER [key=value|flag]...".
func parsePattern(f []string, o *cameo.Ontology, anyCode bool) (*Pattern, error) {
	if len(f) < 2 {
		return nil, errors.New("want CODE TRIGGER [options]")
	}
	p := &Pattern{Code: f[0]}
	if anyCode {
		if len(p.Code) < 2 || strings.ContainsAny(p.Code, "=|") {
			return nil, fmt.Errorf("bad code %q", p.Code)
		}
	} else if o.Lookup(p.Code) == nil {
		return nil, fmt.Errorf("unknown CAMEO code %q (a file of other codes starts with the line \"#! codes: any\")", p.Code)
	}
	trig := f[1]
	if t, ok := strings.CutPrefix(trig, "n:"); ok {
		p.Noun, trig = true, t
	}
	p.Lemma, p.Particle, _ = strings.Cut(strings.ToLower(trig), "_")
	if l, ok := strings.CutSuffix(p.Lemma, "*"); ok && p.Particle == "" {
		p.Lemma, p.Stem = l, true
		if len(l) < minStem {
			return nil, fmt.Errorf("stem trigger %q is shorter than %d letters", f[1], minStem)
		}
	}
	if p.Lemma == "" || strings.ContainsAny(p.Lemma, "=|*") {
		return nil, fmt.Errorf("bad trigger %q", f[1])
	}
	for _, opt := range f[2:] {
		k, v, hasV := strings.Cut(opt, "=")
		vals := strings.Split(strings.ToLower(v), "|")
		switch {
		case k == "obj" && hasV && v != "":
			p.Obj = vals
		case k == "obl" && hasV && strings.Contains(v, ":"):
			prep, nouns, _ := strings.Cut(strings.ToLower(v), ":")
			if prep == "" || nouns == "" {
				return nil, fmt.Errorf("bad option %q (want obl=PREP:LEMMA|…)", opt)
			}
			p.ObjCase, p.Obj = prep, strings.Split(nouns, "|")
		case k == "mod" && hasV && v != "":
			p.Mod = append(p.Mod, vals)
		case k == "prep" && hasV && v != "":
			p.Preps = vals
		case k == "pre" && hasV && v != "":
			p.Pre = vals
			for _, w := range vals {
				switch w {
				case "not", "n't", "never", "didn't", "won't", "can't", "don't", "doesn't", "no":
					p.Negative = true
				}
			}
		case k == "sym" && !hasV:
			p.Sym = true
		case k == "blame" && !hasV:
			p.Blame = true
		case k == "notarget" && !hasV:
			p.NoTarget = true
		case k == "tgt" && v == "before":
			p.TgtBefore = true
		case k == "src" && v == "after":
			p.SrcAfter = true
		case k == "plover" && hasV:
			ev, mode, _ := strings.Cut(v, "/")
			if !o.PloverEvent(ev) {
				return nil, fmt.Errorf("unknown PLOVER event %q in %q", ev, opt)
			}
			p.PloverEvent, p.PloverMode = ev, mode
		default:
			return nil, fmt.Errorf("bad option %q (want obj=, obl=, mod=, prep=, pre=, tgt=before, src=after, plover=, sym, blame or notarget)", opt)
		}
	}
	if p.Noun && p.Obj != nil {
		return nil, errors.New("a noun trigger takes no obj= or obl=")
	}
	return p, nil
}
