// Package actor is dyad's actor knowledge base and mention resolution:
// countries, people with offices valid in time, international
// organisations, armed groups and sector nouns, compiled from the data
// files of docs/actors.md, and the stage that finds them in parsed
// sentences and resolves titles, counterparts and anaphora against the
// story date.
package actor

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

//go:embed data/*.tsv
var embedded embed.FS

// Embedded returns the knowledge-base files built into dyad.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Country is a state.
type Country struct {
	Code, Name string
	Aliases    []string
	Adjectives []string
	Capitals   []string
	Metonyms   map[string]string // institution name → sector
	Status     string
}

// Term is a person's term in an office.
type Term struct {
	Country, Office string
	Start, End      time.Time // End is zero for an office held today
	Where           string    // file:line
	// Approx marks a term whose start or end is known only to the month
	// or year; such terms may overlap their neighbours.
	StartApprox, EndApprox bool
}

// Covers reports whether the term includes day t.
func (t Term) Covers(day time.Time) bool {
	return !day.Before(t.Start) && (t.End.IsZero() || !day.After(t.End))
}

// Person is a person with the offices they held.
type Person struct {
	ID, Name string
	Aliases  []string
	Terms    []Term
}

// Org is an international organisation or an armed group.
type Org struct {
	Code, Name string
	Aliases    []string
	CAMEO      string
	Countries  []string // groups: countries of operation, principal first
	Sector     string
	Group      bool
}

// Named is an actor of an actors.tsv file: a name with CAMEO actor codes
// valid in time (the shape of the community dictionaries).
type Named struct {
	ID, Name string
	Aliases  []string
	Codes    []DatedCode
}

// DatedCode is a CAMEO actor code and the days it applies.
type DatedCode struct {
	Code       string
	Start, End time.Time // zero: unbounded
}

// CodeOn returns the actor's code on day: the first dated code covering
// it, else the first undated one.
func (n *Named) CodeOn(day time.Time) string {
	fallback := ""
	for _, c := range n.Codes {
		if c.Start.IsZero() && c.End.IsZero() {
			if fallback == "" {
				fallback = c.Code
			}
			continue
		}
		if (c.Start.IsZero() || !day.Before(c.Start)) && (c.End.IsZero() || !day.After(c.End)) {
			return c.Code
		}
	}
	return fallback
}

// AgentNoun is a generic noun for a sector or a title for an office.
type AgentNoun struct {
	Lemma, Sector, Office string
	Written               string // as the file writes it: "PM" matches only in capitals
	// PluralOnly marks a noun that names the sector only in the plural
	// ("forces", not "the use of force"); the file writes it "force (plural)".
	PluralOnly bool
}

// Names reports whether the agent noun names its sector when its last
// word is w: a plural-only noun needs a plural form.
func (a *AgentNoun) Names(w doc.Word) bool {
	return !a.PluralOnly || !strings.EqualFold(w.Form, w.Lemma)
}

// KB is a compiled knowledge base. It is immutable and safe for concurrent
// use.
type KB struct {
	Countries map[string]*Country
	People    map[string]*Person
	Orgs      map[string]*Org
	Agents    map[string]*AgentNoun
	Named     map[string]*Named

	names  *index // surface names of countries, capitals, people, orgs
	agents *index // lemmas of agent nouns
	// holders lists, per country and office, the terms in it sorted by start.
	holders map[[2]string][]holder
}

type holder struct {
	person *Person
	term   Term
}

// Offices are the office names people.tsv and agents.tsv may use.
var offices = map[string]bool{
	"president": true, "vice_president": true, "prime_minister": true, "monarch": true,
	"crown_prince": true, "supreme_leader": true, "chancellor": true, "head_of_state": true,
	"head_of_government": true, "foreign_minister": true, "defence_minister": true,
	// Offices of international organisations (the person's country field
	// is then the organisation's code in igos.tsv or ngos.tsv).
	"secretary_general": true, "director_general": true, "high_representative": true,
	"high_commissioner": true, "managing_director": true, "prosecutor": true, "chair": true,
}

// Sectors are the CAMEO sector codes the files may use.
var sectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "REB": true, "INS": true, "SEP": true, "UAF": true,
	"RAD": true, "OPP": true, "CVL": true, "JUD": true, "LEG": true, "BUS": true, "MED": true,
	"HLH": true, "EDU": true, "REF": true, "SPY": true, "LAB": true, "REL": true, "CRM": true,
	"NGO": true, "IGO": true, "ELI": true, "AGR": true, "ENV": true, "PTY": true, "HRI": true,
	"MOD": true, "IMG": true, "NGM": true, "MNC": true, "DEV": true, "SET": true, "ETH": true,
	"PRO": true, "UIS": true, "CHR": true, "MUS": true, "JEW": true, "BUD": true, "HIN": true,
}

// validSector accepts a CAMEO sector code: three capitals, or a sequence
// of them as imported dictionaries compose them ("GOVFRM", "REBMBR").
// The embedded files use only the codes of sectors (a test checks).
func validSector(s string) bool {
	return sectors[s] || cameoRE.MatchString(s)
}

var (
	codeRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	orgRE   = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,7}$`)
	slugRE  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	cameoRE = regexp.MustCompile(`^[A-Z]{3}([A-Z]{3})*$`)
	// namedCodeRE accepts the codes of imported dictionaries, which are
	// CAMEO-like but not always three-letter units ("AR1", "ITHTV").
	namedCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,15}$`)
)

// Load compiles the knowledge base in fsys (the files of docs/actors.md;
// each is optional). It returns every error, each as file:line: message.
func Load(fsys fs.FS) (*KB, error) {
	kb := &KB{
		Countries: map[string]*Country{},
		People:    map[string]*Person{},
		Orgs:      map[string]*Org{},
		Agents:    map[string]*AgentNoun{},
		Named:     map[string]*Named{},
		holders:   map[[2]string][]holder{},
	}
	var errs []error
	files, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	sort.Strings(files)
	// Countries first, then organisations: the other files refer to them.
	order := func(f string) int {
		switch {
		case f == "countries.tsv":
			return 0
		case f == "igos.tsv" || f == "ngos.tsv":
			return 1
		case f == "people.tsv" || strings.HasPrefix(f, "people-"):
			return 3
		}
		return 2
	}
	sort.SliceStable(files, func(i, j int) bool { return order(files[i]) < order(files[j]) })
	for _, name := range files {
		var parse func(string, int, []string) error
		var fields int
		switch {
		case name == "countries.tsv":
			parse, fields = kb.parseCountry, 7
		case name == "people.tsv" || strings.HasPrefix(name, "people-"):
			parse, fields = kb.parsePerson, 7
		case name == "igos.tsv":
			parse, fields = kb.parseIGO, 4
		case name == "ngos.tsv":
			parse, fields = kb.parseNGO, 4
		case name == "groups.tsv":
			parse, fields = kb.parseGroup, 6
		case name == "agents.tsv" || strings.HasPrefix(name, "agents-"):
			parse, fields = kb.parseAgent, 3
		case name == "actors.tsv" || strings.HasPrefix(name, "actors-"):
			parse, fields = kb.parseNamed, 6
		default:
			errs = append(errs, fmt.Errorf("%s: unknown knowledge-base file (see docs/actors.md)", name))
			continue
		}
		f, err := fsys.Open(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("load actors: %w", err))
			continue
		}
		errs = append(errs, readTSV(name, f, fields, parse)...)
		f.Close()
	}
	errs = append(errs, kb.compile()...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return kb, nil
}

// readTSV calls parse for each record of a tab-separated file and returns
// its errors prefixed with file:line.
func readTSV(name string, r io.Reader, fields int, parse func(string, int, []string) error) []error {
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != fields {
			errs = append(errs, fmt.Errorf("%s:%d: want %d tab-separated fields, have %d", name, line, fields, len(f)))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
			if f[i] == "-" {
				f[i] = ""
			}
		}
		if err := parse(name, line, f); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", name, line+1, err))
	}
	return errs
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" && v != "-" {
			out = append(out, v)
		}
	}
	return out
}

func (kb *KB) parseCountry(_ string, _ int, f []string) error {
	if !codeRE.MatchString(f[0]) {
		return fmt.Errorf("bad country code %q", f[0])
	}
	if kb.Countries[f[0]] != nil {
		return fmt.Errorf("country %s defined twice", f[0])
	}
	if f[1] == "" {
		return fmt.Errorf("country %s has no name", f[0])
	}
	c := &Country{Code: f[0], Name: f[1], Aliases: list(f[2]), Adjectives: list(f[3]),
		Capitals: list(f[4]), Metonyms: map[string]string{}, Status: f[6]}
	for _, m := range list(f[5]) {
		name, sector, ok := strings.Cut(m, "=")
		if !ok || !sectors[sector] {
			return fmt.Errorf("metonym %q: want NAME=SECTOR with a CAMEO sector", m)
		}
		c.Metonyms[name] = sector
	}
	switch c.Status {
	case "UN", "observer", "other":
	default:
		return fmt.Errorf("status %q: want UN, observer or other", c.Status)
	}
	kb.Countries[c.Code] = c
	return nil
}

func (kb *KB) parsePerson(name string, line int, f []string) error {
	if !slugRE.MatchString(f[0]) {
		return fmt.Errorf("bad person id %q (want a lowercase slug)", f[0])
	}
	if f[1] == "" {
		return fmt.Errorf("person %s has no name", f[0])
	}
	if kb.Countries[f[3]] == nil {
		if o := kb.Orgs[f[3]]; o == nil || o.Group {
			return fmt.Errorf("unknown country or organisation %q", f[3])
		}
	}
	if !offices[f[4]] {
		return fmt.Errorf("unknown office %q", f[4])
	}
	start, err := parseDate(f[5], false)
	if err != nil || f[5] == "" {
		return fmt.Errorf("bad start date %q", f[5])
	}
	var end time.Time
	if f[6] != "" {
		if end, err = parseDate(f[6], true); err != nil {
			return fmt.Errorf("bad end date %q", f[6])
		}
		if end.Before(start) {
			return fmt.Errorf("term ends (%s) before it starts (%s)", f[6], f[5])
		}
	}
	p := kb.People[f[0]]
	if p == nil {
		p = &Person{ID: f[0], Name: f[1]}
		kb.People[f[0]] = p
	} else if p.Name != f[1] {
		return fmt.Errorf("person %s named %q here and %q before", f[0], f[1], p.Name)
	}
	for _, a := range list(f[2]) {
		if !contains(p.Aliases, a) {
			p.Aliases = append(p.Aliases, a)
		}
	}
	p.Terms = append(p.Terms, Term{Country: f[3], Office: f[4], Start: start, End: end,
		Where: fmt.Sprintf("%s:%d", name, line), StartApprox: len(f[5]) < 10, EndApprox: f[6] != "" && len(f[6]) < 10})
	return nil
}

// parseDate reads YYYY-MM-DD, YYYY-MM or YYYY; a partial date is the first
// day of its period, or the last when end is set.
func parseDate(s string, end bool) (time.Time, error) {
	for _, l := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(l.layout, s)
		if err != nil || len(s) != len(l.layout) {
			continue
		}
		if end && (l.years > 0 || l.months > 0) {
			t = t.AddDate(l.years, l.months, -1)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

func (kb *KB) parseIGO(_ string, _ int, f []string) error {
	return kb.addOrg(&Org{Code: f[0], Name: f[1], Aliases: list(f[2]), CAMEO: f[3], Sector: "IGO"})
}

func (kb *KB) parseNGO(_ string, _ int, f []string) error {
	return kb.addOrg(&Org{Code: f[0], Name: f[1], Aliases: list(f[2]), CAMEO: f[3], Sector: "NGO"})
}

func (kb *KB) parseGroup(_ string, _ int, f []string) error {
	o := &Org{Code: f[0], Name: f[1], Aliases: list(f[2]), Countries: list(f[3]), Sector: f[4], CAMEO: f[5], Group: true}
	for _, c := range o.Countries {
		if kb.Countries[c] == nil {
			return fmt.Errorf("unknown country %q", c)
		}
	}
	if !validSector(o.Sector) {
		return fmt.Errorf("unknown sector %q", o.Sector)
	}
	return kb.addOrg(o)
}

func (kb *KB) addOrg(o *Org) error {
	if !orgRE.MatchString(o.Code) {
		return fmt.Errorf("bad code %q (want 2–8 capitals or digits)", o.Code)
	}
	if kb.Orgs[o.Code] != nil {
		return fmt.Errorf("code %s defined twice", o.Code)
	}
	if o.Name == "" {
		return fmt.Errorf("%s has no name", o.Code)
	}
	if o.CAMEO != "" && !cameoRE.MatchString(o.CAMEO) {
		return fmt.Errorf("bad CAMEO actor code %q", o.CAMEO)
	}
	kb.Orgs[o.Code] = o
	return nil
}

func (kb *KB) parseNamed(_ string, _ int, f []string) error {
	if !slugRE.MatchString(f[0]) {
		return fmt.Errorf("bad actor id %q (want a lowercase slug)", f[0])
	}
	if f[1] == "" {
		return fmt.Errorf("actor %s has no name", f[0])
	}
	if f[3] != "---" {
		// "ELR/GAL": a name that stands for several actors at once.
		for _, c := range strings.Split(f[3], "/") {
			if !namedCodeRE.MatchString(c) {
				return fmt.Errorf("bad actor code %q", f[3])
			}
		}
	}
	var c DatedCode
	var err error
	c.Code = f[3]
	if f[4] != "" {
		if c.Start, err = parseDate(f[4], false); err != nil {
			return err
		}
	}
	if f[5] != "" {
		if c.End, err = parseDate(f[5], true); err != nil {
			return err
		}
	}
	n := kb.Named[f[0]]
	if n == nil {
		n = &Named{ID: f[0], Name: f[1]}
		kb.Named[f[0]] = n
	} else if n.Name != f[1] {
		return fmt.Errorf("actor %s named %q here and %q before", f[0], f[1], n.Name)
	}
	for _, a := range list(f[2]) {
		if !contains(n.Aliases, a) {
			n.Aliases = append(n.Aliases, a)
		}
	}
	n.Codes = append(n.Codes, c)
	return nil
}

func (kb *KB) parseAgent(_ string, _ int, f []string) error {
	if !validSector(f[1]) {
		return fmt.Errorf("unknown sector %q", f[1])
	}
	if f[2] != "" && !offices[f[2]] {
		return fmt.Errorf("unknown office %q", f[2])
	}
	nouns := list(f[0])
	if len(nouns) == 0 {
		return errors.New("no nouns")
	}
	for _, n := range nouns {
		n, plural := strings.CutSuffix(n, " (plural)")
		key := strings.ToLower(n)
		if kb.Agents[key] != nil {
			return fmt.Errorf("noun %q listed twice", n)
		}
		kb.Agents[key] = &AgentNoun{Lemma: key, Written: n, Sector: f[1], Office: f[2], PluralOnly: plural}
	}
	return nil
}

// compile builds the name indexes and the office-holder tables.
func (kb *KB) compile() []error {
	var errs []error
	kb.names = newIndex()
	kb.agents = newIndex()
	add := func(name string, e entry) {
		if err := kb.names.add(name, e); err != nil {
			errs = append(errs, err)
		}
	}
	for _, c := range sortedKeys(kb.Countries) {
		cn := kb.Countries[c]
		for _, n := range append([]string{cn.Name}, cn.Aliases...) {
			add(n, entry{kind: kindCountry, id: c})
		}
		for _, n := range cn.Adjectives {
			add(n, entry{kind: kindAdjective, id: c})
		}
		for _, n := range cn.Capitals {
			add(n, entry{kind: kindCapital, id: c, sector: "GOV"})
		}
		for n, s := range cn.Metonyms {
			add(n, entry{kind: kindMetonym, id: c, sector: s})
		}
	}
	for _, id := range sortedKeys(kb.People) {
		p := kb.People[id]
		sort.Slice(p.Terms, func(i, j int) bool { return p.Terms[i].Start.Before(p.Terms[j].Start) })
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			add(n, entry{kind: kindPerson, id: id})
		}
		for _, t := range p.Terms {
			k := [2]string{t.Country, t.Office}
			kb.holders[k] = append(kb.holders[k], holder{p, t})
		}
	}
	for _, code := range sortedKeys(kb.Orgs) {
		o := kb.Orgs[code]
		k := kindIGO
		if o.Group {
			k = kindGroup
		}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			add(n, entry{kind: k, id: code})
		}
	}
	for _, id := range sortedKeys(kb.Named) {
		n := kb.Named[id]
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			add(name, entry{kind: kindNamed, id: id})
		}
	}
	for _, n := range sortedKeys(kb.Agents) {
		if err := kb.agents.add(kb.Agents[n].Written, entry{kind: kindAgent, id: n}); err != nil {
			errs = append(errs, err)
		}
	}
	for k, hs := range kb.holders {
		sort.Slice(hs, func(i, j int) bool { return hs[i].term.Start.Before(hs[j].term.Start) })
		for i := 1; i < len(hs); i++ {
			prev := hs[i-1].term
			if prev.EndApprox || hs[i].term.StartApprox {
				continue
			}
			if !prev.End.IsZero() && hs[i].term.Start.Before(prev.End) || prev.End.IsZero() {
				errs = append(errs, fmt.Errorf("%s: %s %s term of %s overlaps the term of %s (%s)",
					hs[i].term.Where, k[0], k[1], hs[i].person.ID, hs[i-1].person.ID, prev.Where))
			}
		}
	}
	return errs
}

// Holder returns the person who held office in country on day, or nil.
func (kb *KB) Holder(country, office string, day time.Time) (*Person, Term) {
	hs := kb.holders[[2]string{country, office}]
	for i := len(hs) - 1; i >= 0; i-- {
		if hs[i].term.Covers(day) {
			return hs[i].person, hs[i].term
		}
	}
	return nil, Term{}
}

// Office returns the term p held on day (the first by the order of
// offices when several), and whether there is one.
func (p *Person) Office(day time.Time) (Term, bool) {
	best, ok := Term{}, false
	for _, t := range p.Terms {
		if t.Covers(day) && (!ok || officeRank(t.Office) < officeRank(best.Office)) {
			best, ok = t, true
		}
	}
	return best, ok
}

// officeRank orders offices for a person holding several at once.
func officeRank(o string) int {
	switch o {
	case "supreme_leader", "monarch", "president", "head_of_state":
		return 0
	case "prime_minister", "chancellor", "head_of_government":
		return 1
	case "crown_prince", "vice_president":
		return 2
	}
	return 3
}

// Stats counts the knowledge base's records.
type Stats struct {
	Countries, People, Terms, IGOs, NGOs, Groups, Agents, Named, Names int
}

// Stats returns counts of what the knowledge base holds.
func (kb *KB) Stats() Stats {
	s := Stats{Countries: len(kb.Countries), People: len(kb.People), Agents: len(kb.Agents), Named: len(kb.Named), Names: kb.names.size}
	for _, p := range kb.People {
		s.Terms += len(p.Terms)
	}
	for _, o := range kb.Orgs {
		switch {
		case o.Group:
			s.Groups++
		case o.Sector == "NGO":
			s.NGOs++
		default:
			s.IGOs++
		}
	}
	return s
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
