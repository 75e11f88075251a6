package geo

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

// Resolver finds the place names of a text and resolves each to a
// gazetteer entry. It is immutable and safe for concurrent use.
type Resolver struct {
	g        *Gazetteer
	demonyms map[string]string // normalized adjective or people ("Russian", "Russians") → state, alpha-3
}

// NewResolver returns a resolver over the gazetteer compiled into the
// binary.
func NewResolver() (*Resolver, error) {
	g, err := Embedded()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return NewResolverWith(g), nil
}

// NewResolverWith returns a resolver over g.
func NewResolverWith(g *Gazetteer) *Resolver { return &Resolver{g: g} }

// WithDemonyms returns a resolver, sharing r's gazetteer, that resolves a
// given name that is a state's adjective or people ("Russian",
// "Palestinians", keyed by alpha-3 code) to the state. Find does not
// take adjectives for places; ResolveSpans, given one, does.
func (r *Resolver) WithDemonyms(byState map[string][]string) *Resolver {
	c := *r
	c.demonyms = map[string]string{}
	for a3, adjs := range byState {
		for _, a := range adjs {
			k := Normalize(a)
			c.demonyms[k] = a3
			if !strings.HasSuffix(k, "s") {
				c.demonyms[k+"s"] = a3 // "Americans"
			}
		}
	}
	return &c
}

// Gazetteer returns the resolver's gazetteer.
func (r *Resolver) Gazetteer() *Gazetteer { return r.g }

// Find returns the place names of text, in order, each resolved to the
// entry that fits the text best.
func (r *Resolver) Find(text string) []Toponym { return r.FindWith(text, nil) }

// FindWith is Find with states the caller knows the text is about (its
// dateline's, its actors'), by alpha-3 code with a weight like that of a
// state the text names (1 for one mention).
func (r *Resolver) FindWith(text string, states map[string]float64) []Toponym {
	ms := r.recognize(text)
	r.resolve(text, ms, ms, states)
	out := make([]Toponym, len(ms))
	for i, m := range ms {
		out[i] = m.toponym(text)
	}
	return out
}

// ResolveSpans resolves the given place names of text (found by someone
// else: gold toponyms, an event's location phrase), one Toponym per span
// in order; Place is nil where no entry bears the name. The other place
// names of the text serve as context.
func (r *Resolver) ResolveSpans(text string, spans []doc.Span) []Toponym {
	given := make([]*mention, len(spans))
	for i, sp := range spans {
		given[i] = r.given(text, sp)
	}
	r.resolve(text, given, append(append([]*mention(nil), given...), r.recognize(text)...), nil)
	out := make([]Toponym, len(given))
	for i, m := range given {
		out[i] = m.toponym(text)
	}
	return out
}

// Candidates returns the entries ResolveSpans chooses among for the
// name at span of text, in Lookup's order; nil when none bears it.
func (r *Resolver) Candidates(text string, span doc.Span) []Place {
	return r.given(text, span).places
}

// given looks up a name someone else found in text, at sp.
func (r *Resolver) given(text string, sp doc.Span) *mention {
	m := &mention{span: sp}
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return m
	}
	name := text[sp.Start:sp.End]
	if word := countyList(text, sp.End); word != "" {
		m.places = r.g.Lookup(name + " " + word) // "Clarke" of "Clarke and Oconee counties"
	}
	if len(m.places) == 0 {
		m.places = r.lookup(name)
	}
	if a3, ok := r.demonyms[Normalize(name)]; ok {
		// "Canadian", "Spanish": the state, before the towns of that name
		if p, ok := r.g.Country(a3); ok && !has(m.places, p.ID) {
			m.places = append([]Place{p}, m.places...)
		}
	}
	if !hasRegion(m.places) {
		// "Ohioans", "Dagestani"; "English" before English, Indiana
		for _, p := range r.regionOfPeople(name) {
			if !has(m.places, p.ID) {
				m.places = append([]Place{p}, m.places...)
			}
		}
	}
	if len(m.places) == 0 {
		// "Colorado State University", "Dubai World Cup": the place a
		// name of something there holds
		if sub, ps := r.inner(name); len(ps) > 0 {
			m.places, m.key = ps, Normalize(sub)
		}
	}
	return m
}

// countyList returns "County" or "Parish" when the name ending at end
// stands in a list of names that "counties" or "parishes" closes
// ("Clarke, Oconee and Madison counties"), or is followed by "County" or
// "Parish" itself: the name is then a county's; else "".
func countyList(text string, end int) string {
	rest := text[end:]
	if len(rest) > 200 {
		rest = rest[:200]
	}
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' }) {
		switch strings.ToLower(f) {
		case "counties", "counties.", "county", "county.":
			return "County"
		case "parishes", "parishes.", "parish", "parish.":
			return "Parish"
		case "and", "or", "&":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(f); !unicode.IsUpper(r) || strings.ContainsAny(f, ".;:") {
			return ""
		}
	}
	return ""
}

// hasRegion reports whether ps holds a state, a region or a continent,
// sea or region of news.
func hasRegion(ps []Place) bool {
	for _, p := range ps {
		if p.Class == "A" && p.Code != "ADM2" || p.Class == "L" || p.Class == "H" {
			return true
		}
	}
	return false
}

// has reports whether ps holds the place with id.
func has(ps []Place, id int) bool {
	for _, p := range ps {
		if p.ID == id {
			return true
		}
	}
	return false
}

// mention is a place name of the text with its candidate entries.
type mention struct {
	span   doc.Span
	places []Place
	pick   int // index into places, -1 for none
	cue    bool
	key    string // the normalized name inside the span its places bear, if not the span's own
}

// regionOfPeople reads a name as the people or adjective of a region or
// state ("Ohioans" → Ohio, "Ontarians" → Ontario, "Dagestani" →
// Dagestan, "Floridian" → Florida, "English" → England, "Kurdish" →
// Kurdistan, "Sicilian" → Sicily): the regions, states, continents and
// regions of news of the first stem that names some. It is asked for a
// given name whose entries hold no region (none, or towns only:
// English, Indiana).
func (r *Resolver) regionOfPeople(name string) []Place {
	if strings.ContainsRune(name, ' ') && !strings.HasPrefix(name, "South ") && !strings.HasPrefix(name, "North ") {
		return nil
	}
	for _, suf := range []struct{ cut, add string }{
		{"ians", "ia"}, {"ian", "ia"}, {"ians", "a"}, {"ian", "a"}, {"ians", "o"}, {"ian", "o"},
		{"ians", ""}, {"ian", ""}, {"ans", ""}, {"an", ""}, {"ans", "a"}, {"an", "a"}, {"ans", "as"}, {"an", "as"}, {"ns", ""}, {"n", ""},
		{"i", ""}, {"is", ""}, {"ese", ""}, {"ers", ""}, {"er", ""},
		{"ish", "and"}, {"ish", "eland"}, {"ish", "land"}, {"ish", "istan"}, {"ian", "y"}, {"ians", "y"},
	} {
		stem, ok := strings.CutSuffix(name, suf.cut)
		if !ok || len(stem) < 3 {
			continue
		}
		var out []Place
		for _, p := range r.g.Lookup(stem + suf.add) {
			if p.Class == "A" && (p.Code == "ADM1" || strings.HasPrefix(p.Code, "PCL")) || p.Class == "L" {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// inner returns the longest run of capitalized words inside name that
// names places, and those places; of runs of equal length, the one whose
// likeliest entry scores best with no context (a place's own name before
// a name it bears only as an alternate name: "Bank of England" is
// England, not the village one of whose names is Bank); none for a
// single word that is a common name of something else (stopNames).
func (r *Resolver) inner(name string) (string, []Place) {
	ws := words(name)
	for n := len(ws) - 1; n >= 1; n-- {
		best, bestScore := "", math.Inf(-1)
		var bestPlaces []Place
		for i := 0; i+n <= len(ws); i++ {
			run := ws[i : i+n]
			if !run[0].upper || !run[n-1].upper || !joinedBySpaces(name, run) {
				continue
			}
			if n == 1 && stopNames[strings.ToLower(run[0].text)] {
				continue
			}
			sub := name[run[0].start:run[n-1].end]
			ps := r.lookup(sub)
			if len(ps) == 0 {
				continue
			}
			key := Normalize(sub)
			s := math.Inf(-1)
			for _, p := range ps {
				v := score(p, textContext{}, nil)
				if p.ID >= 0 && Normalize(p.Name) != key {
					v -= 3
				}
				s = max(s, v)
			}
			if s > bestScore {
				best, bestScore, bestPlaces = sub, s, ps
			}
		}
		if best != "" {
			return best, bestPlaces
		}
	}
	return "", nil
}

// name is the mention's text, normalized ("" if its span is not in text),
// or the name inside it its places bear.
func (m *mention) name(text string) string {
	if m.key != "" {
		return m.key
	}
	if m.span.Start < 0 || m.span.End > len(text) || m.span.Start > m.span.End {
		return ""
	}
	return Normalize(text[m.span.Start:m.span.End])
}

func (m *mention) toponym(text string) Toponym {
	t := Toponym{Span: m.span, Candidates: len(m.places)}
	if m.span.Start >= 0 && m.span.End <= len(text) && m.span.Start <= m.span.End {
		t.Text = text[m.span.Start:m.span.End]
	}
	if m.pick >= 0 && m.pick < len(m.places) {
		p := m.places[m.pick]
		t.Place = &p
	}
	return t
}

// lookup returns the entries of a name as written in a text, trying it
// also without a leading "the" and a possessive ending.
func (r *Resolver) lookup(name string) []Place {
	name = strings.TrimSpace(name)
	if ps := r.g.LookupAbbrev(name); len(ps) > 0 {
		return ps // "U.S.", "UAE" as written in capitals
	}
	abbr := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	st, country := usStates[abbr], "USA"
	if st == "" {
		st, country = caProvinces[abbr], "CAN"
	}
	if st != "" {
		// "W.Va.", "Ind.", "Alta.": the state or province; "D.C.": the capital
		want := "ADM1"
		if st == "Washington" && abbr == "d.c." {
			want = "PPLC"
		}
		for _, p := range r.g.Lookup(st) {
			if p.Country == country && p.Code == want {
				return []Place{p}
			}
		}
	}
	if ps := r.g.Lookup(name); len(ps) > 0 {
		return ps
	}
	for _, s := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(name, s) {
			return r.lookup(strings.TrimSuffix(name, s))
		}
	}
	if l := strings.ToLower(name); strings.HasPrefix(l, "the ") {
		return r.g.Lookup(name[4:])
	}
	return nil
}

// word is a token of the text.
type word struct {
	start, end int
	text       string
	upper      bool // starts with a capital letter
	sentStart  bool // first word of a sentence
}

// words splits text into words (letters and digits, with inner hyphens,
// apostrophes and periods) and marks capitals and sentence starts.
func words(text string) []word {
	var ws []word
	sentStart := true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' && i+1 < len(text) && text[i+1] == '\n' {
				sentStart = true
			}
			if r == '-' && i+1 < len(text) && text[i+1] == ' ' || r == '—' || r == '–' {
				sentStart = sentStart || i < 80 // a dateline: "TEHRAN- Iranian …"
			}
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				j += m
				continue
			}
			if (c == '-' || c == '\'' || c == '’' || c == '.') && j+m < len(text) {
				if d, _ := utf8.DecodeRuneInString(text[j+m:]); unicode.IsLetter(d) {
					j += m
					continue
				}
			}
			break
		}
		if j < len(text) && text[j] == '.' && strings.Contains(text[i:j], ".") {
			j++ // "U.S."
		}
		ws = append(ws, word{start: i, end: j, text: text[i:j], upper: unicode.IsUpper(r), sentStart: sentStart})
		sentStart = false
		i = j
	}
	return ws
}

// recognize finds the place names of text: phrases of capitalized words
// that the gazetteer holds, longest first, that are not common words,
// titles of people or the opening word of a sentence unless a place
// nobody could mistake (a state, a region, a city of a million).
func (r *Resolver) recognize(text string) []*mention {
	ws := words(text)
	lower := map[string]bool{} // words the text writes in lower case: common words
	for _, w := range ws {
		if !w.upper {
			lower[strings.ToLower(w.text)] = true
		}
	}
	var out []*mention
	maxN := max(r.g.MaxWords(), 1)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if !w.upper || stopNames[strings.ToLower(w.text)] {
			continue
		}
		if i > 0 && titles[strings.ToLower(strings.TrimSuffix(ws[i-1].text, "."))] {
			continue // "President Jackson", "Gen. Lee"
		}
		found := false
		for n := min(maxN, len(ws)-i); n >= 1 && !found; n-- {
			last := ws[i+n-1]
			if !last.upper || !joinedBySpaces(text, ws[i:i+n]) {
				continue
			}
			ps := r.lookup(text[w.start:last.end])
			if len(ps) == 0 {
				continue
			}
			cue := i > 0 && locative[strings.ToLower(ws[i-1].text)]
			if n == 1 && !unmistakable(ps) {
				switch {
				case lower[strings.ToLower(w.text)], w.sentStart:
					continue // a common word, or any word opening a sentence
				case insideName(text, ws, i):
					continue // "Asif Ali Zardari", "Baloch Liberation Front"
				case !cue && ps[0].Population < 5000:
					continue // a hamlet named with no "in", "near" …: rarely a place
				}
			}
			out = append(out, &mention{span: doc.Span{Start: w.start, End: last.end}, places: ps, pick: -1, cue: cue})
			i += n - 1
			found = true
		}
	}
	return out
}

// insideName reports whether word i stands inside a longer run of
// capitalized words (a person's or an organization's name).
func insideName(text string, ws []word, i int) bool {
	if i > 0 && ws[i-1].upper && !ws[i-1].sentStart && joinedBySpaces(text, ws[i-1:i+1]) {
		return true
	}
	return i+1 < len(ws) && ws[i+1].upper && joinedBySpaces(text, ws[i:i+2])
}

// joinedBySpaces reports whether the words follow one another with only
// spaces between them ("Khan Younis", not "Gaza, Israel").
func joinedBySpaces(text string, ws []word) bool {
	for k := 1; k < len(ws); k++ {
		if strings.TrimSpace(text[ws[k-1].end:ws[k].start]) != "" {
			return false
		}
	}
	return true
}

// unmistakable reports whether a name's entries include a state, a
// first-level region or a city of a million people (not a county or
// district: many bear a common word's or a person's name): such a name is a
// place even as the first word of a sentence.
func unmistakable(ps []Place) bool {
	for _, p := range ps {
		if p.Class == "A" && p.Code != "ADM2" || p.Population >= 1_000_000 {
			return true
		}
	}
	return false
}

// resolve picks an entry for each mention of ms, reading the context of
// all (ms and other place names of the text). States and regions named in
// the text, and the places named unambiguously, make the others' states
// and regions likelier; "Rask, Iran" and "Alexandria, Louisiana" are
// read as a place and the state or region it is in.
func (r *Resolver) resolve(text string, ms, all []*mention, hint map[string]float64) {
	// The states and regions each name of the text stands for, by name: a
	// name is not its own context (the three "Washington"s of a story do
	// not make the state of Washington likelier).
	total := textContext{states: map[string]float64{}, regions: map[string]float64{}}
	for code, w := range hint {
		total.states[code] += w
	}
	byName := map[string]*textContext{}
	for _, m := range all {
		if len(m.places) == 0 {
			continue
		}
		name := m.name(text)
		c := byName[name]
		if c == nil {
			c = &textContext{states: map[string]float64{}, regions: map[string]float64{}}
			byName[name] = c
		}
		top := prior(m.places)
		c.add(top, len(m.places) > 1)
		total.add(top, len(m.places) > 1)
	}
	// The other names of the text, each once (its first mention), for the
	// neighbours of a place: at most maxContext of them.
	var named []namedMention
	seen := map[string]bool{}
	for _, o := range all {
		if name := o.name(text); len(o.places) > 0 && !seen[name] && len(named) < maxContext {
			seen[name] = true
			named = append(named, namedMention{name, o})
		}
	}
	// Each mention's candidates scored without the neighbours, once.
	base := make([][]float64, len(ms))
	bonus := make([][]bool, len(ms)) // a candidate the neighbours may raise
	for i, m := range ms {
		m.pick = -1
		if len(m.places) == 0 {
			continue
		}
		in := r.container(text, m, all)
		written := m.name(text)
		ctx := total
		if own := byName[written]; own != nil {
			ctx.selfStates, ctx.selfRegions = own.states, own.regions
		}
		base[i] = make([]float64, len(m.places))
		bonus[i] = make([]bool, len(m.places))
		best := math.Inf(-1)
		// A state's name is the state's unless "Name, State" says
		// otherwise: its towns of that country ("California",
		// Pennsylvania; "Oregon", Ohio) take no strength from the region
		// and the neighbours, where several such towns of one state would
		// lift one another.
		stateNamed := map[string]bool{}
		for _, p := range m.places {
			if p.Code == "ADM1" && Normalize(p.Name) == written {
				stateNamed[p.Country] = true
			}
		}
		noRegion := ctx
		noRegion.regions, noRegion.selfRegions = nil, nil
		for k, p := range m.places {
			shadowed := in == nil && local(p) && stateNamed[p.Country]
			c := ctx
			if shadowed {
				c = noRegion
			}
			s := score(p, c, in)
			own := p.ID < 0 || Normalize(p.Name) == written // curated, region and country names count as own
			if !own {
				s -= 3 // a GeoNames place that bears the name only as an alternate name
			}
			base[i][k] = s
			bonus[i][k] = own && (local(p) || p.Code == "ADM1") && !shadowed
			if s > best {
				best, m.pick = s, k
			}
		}
		for k := range bonus[i] {
			// The neighbours add at most maxNeighbours: a candidate further
			// behind cannot win.
			bonus[i][k] = bonus[i][k] && base[i][k]+maxNeighbours >= best
		}
	}
	// Then two more rounds that also read the places picked for the other
	// names (their regions, and whether they lie near).
	type key struct {
		id   int
		self string
	}
	for round := 1; round < 3; round++ {
		cache := map[key]float64{} // the same name's candidates, once a round
		for i, m := range ms {
			if len(m.places) == 0 {
				continue
			}
			written := m.name(text)
			best, bestScore := -1, math.Inf(-1)
			for k, p := range m.places {
				s := base[i][k]
				if bonus[i][k] {
					b, ok := cache[key{p.ID, written}]
					if !ok {
						b = neighbours(p, written, named)
						cache[key{p.ID, written}] = b
					}
					s += b
				}
				if s > bestScore {
					best, bestScore = k, s
				}
			}
			m.pick = best
		}
	}
}

// maxContext is how many other names of a text the neighbours of a place
// are looked for among; maxNeighbours the most they add.
const (
	maxContext    = 100
	maxNeighbours = 4
)

// namedMention is a name of the text and its first mention.
type namedMention struct {
	name string
	m    *mention
}

// prior returns the place of ps that scores best with no context.
func prior(ps []Place) Place {
	best, bestScore := 0, math.Inf(-1)
	for k, p := range ps {
		if s := score(p, textContext{}, nil); s > bestScore {
			best, bestScore = k, s
		}
	}
	return ps[best]
}

// textContext is what the names of a text stand for: states and regions
// (alpha-3 code or region name → weight), less what one name itself
// stands for (self), since a name is not its own context.
type textContext struct {
	states, regions, selfStates, selfRegions map[string]float64
}

// add adds what a name stands for: the state, or the region and its
// state, of top, its likeliest entry (prior), at half weight when the
// name is ambiguous. Only the likeliest entry counts: "Paris" stands for
// France, not for the United States where most of its twenty entries
// lie (a story about London, Paris and Berlin is not about Ohio).
func (c *textContext) add(top Place, ambiguous bool) {
	weight := 1.0
	if ambiguous {
		weight = 0.5
	}
	switch {
	case top.Country == "":
	case strings.HasPrefix(top.Code, "PCL"):
		c.states[top.Country] += 2 * weight
	case top.Code == "ADM1":
		c.regions[top.Admin1] += 2 * weight
		c.states[top.Country] += weight
	default:
		c.states[top.Country] += weight
	}
}

func (c textContext) state(code string) float64    { return c.states[code] - c.selfStates[code] }
func (c textContext) region(admin1 string) float64 { return c.regions[admin1] - c.selfRegions[admin1] }

// score is a candidate's prior and the states and regions of the text.
func score(p Place, c textContext, in *Place) float64 {
	s := math.Log10(float64(p.Population) + 10)
	if p.Code == "ADM1" {
		s /= 2 // a region's population is that of its places: half its weight
	}
	switch {
	case strings.HasPrefix(p.Code, "PCL"):
		s += 4
	case p.Code == "ADM1":
		s += 4
	case p.Code == "PPLC":
		s += 2
	case p.Code == "PPLA":
		s += 1
	case p.Code == "CONT":
		s += 8 // a continent: no population of its own
	case p.Class == "H" || p.Code == "RGN":
		s += 6 // a sea, a gulf, a region of news: the same
	}
	if p.Country != "" {
		s += math.Min(c.state(p.Country), 4)
		s += math.Min(c.region(p.Admin1), 3)
	}
	if in != nil && (p.Country == in.Country && strings.HasPrefix(in.Code, "PCL") || p.Admin1 != "" && p.Admin1 == in.Admin1 && in.Code == "ADM1") {
		s += 10
	}
	return s
}

// local reports whether p is a place or a county, whose neighbours in a
// text tell where the text is (not a state, a region or a continent).
func local(p Place) bool {
	return p.Class == "P" || p.Code == "ADM2"
}

// neighbours scores a place by the other place names of the text: a
// name counts when the place picked for it, or failing that (at a
// quarter weight) one of its towns and counties, lies in the same region
// or within 100 km; each sum is capped at 2 (maxNeighbours in all). A
// region counts only the places picked in it.
func neighbours(p Place, self string, names []namedMention) float64 {
	region, near := 0.0, 0.0
	for _, nm := range names {
		if nm.name == self {
			continue // the name itself
		}
		o := nm.m
		r, n := 0.0, 0.0
		for k, q := range o.places {
			if k >= 30 {
				break
			}
			if !local(q) {
				continue
			}
			w := 0.25
			if k == o.pick {
				w = 1
			}
			if q.Country == p.Country && q.Admin1 != "" && q.Admin1 == p.Admin1 && (k == o.pick || local(p)) {
				r = max(r, w)
			}
			if local(p) && math.Abs(p.Lat-q.Lat) < 1 && distanceKm(p.Lat, p.Lon, q.Lat, q.Lon) < 100 {
				n = max(n, w)
			}
		}
		region += r
		near += n
	}
	return math.Min(region, maxNeighbours/2) + math.Min(near, maxNeighbours/2)
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371.0088 * math.Asin(math.Sqrt(min(1, a)))
}

// container returns the state or region named right after m ("Rask,
// Iran"), nil if none; not a state after a name that may be a state
// itself ("Russia, U.S. officials": a list, not Russia, Ohio), nor
// anything after a region's name ("Nevada, Ohio, Oregon").
func (r *Resolver) container(text string, m *mention, all []*mention) *Place {
	rest := text[m.span.End:]
	trim := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(trim, ",") && !strings.HasPrefix(trim, "(") {
		return nil
	}
	at := m.span.End + (len(rest) - len(trim)) + 1
	// A state is in no other state, a state's region in no other region:
	// "in Russia, U.S. officials said" and "Nevada, Ohio, Oregon" are
	// lists (not Russia, Ohio or Nevada, Ohio).
	written := m.name(text)
	country, region := false, false
	for _, p := range m.places {
		country = country || strings.HasPrefix(p.Code, "PCL")
		region = region || p.Code == "ADM1" && Normalize(p.Name) == written
	}
	if region {
		return nil
	}
	for _, o := range all {
		if o == m || o.span.Start < at || o.span.Start > at+2 || len(o.places) == 0 {
			continue
		}
		for k := range o.places {
			if p := o.places[k]; strings.HasPrefix(p.Code, "PCL") && !country || p.Code == "ADM1" {
				return &o.places[k]
			}
		}
	}
	return nil
}

// locative words introduce a place.
var locative = map[string]bool{"in": true, "at": true, "near": true, "from": true, "to": true,
	"outside": true, "across": true, "into": true, "toward": true, "towards": true, "of": true}

// titles stand before a person's name.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "president": true,
	"gen": true, "general": true, "sen": true, "senator": true, "rep": true, "gov": true, "governor": true,
	"judge": true, "minister": true, "king": true, "queen": true, "prince": true, "pope": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "mayor": true, "saint": false}

// stopNames are capitalized words that name places somewhere but are far
// more often something else in English news.
var stopNames = map[string]bool{
	"the": true, "a": true, "an": true, "i": true, "he": true, "she": true, "we": true, "they": true,
	"it": true, "this": true, "that": true, "but": true, "and": true, "or": true, "if": true,
	"police": true, "army": true, "president": true, "mobile": true, "reading": true, "nice": true,
	"bath": true, "split": true, "van": true, "march": true, "may": true, "june": true, "july": true,
	"august": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "god": true, "hope": true, "union": true, "university": true,
	"north": true, "south": true, "east": true, "west": true, "central": true, "city": true,
	"county": true, "state": true, "center": true, "centre": true, "street": true, "church": true,
	"mission": true, "eid": true, "ramadan": true, "christmas": true, "easter": true,
}

// caProvinces are the Canadian Press abbreviations of Canada's provinces
// and territories that news writes after a town ("Innisfail, Alta."),
// with their GeoNames names.
var caProvinces = map[string]string{
	"alta.": "Alberta", "b.c.": "British Columbia", "man.": "Manitoba", "n.b.": "New Brunswick",
	"n.l.": "Newfoundland and Labrador", "nfld.": "Newfoundland and Labrador", "n.s.": "Nova Scotia",
	"ont.": "Ontario", "p.e.i.": "Prince Edward Island", "que.": "Quebec", "sask.": "Saskatchewan",
	"n.w.t.": "Northwest Territories", "y.t.": "Yukon",
}

// usStates are the AP-style abbreviations of the United States' states
// that news writes after a town ("Charleston, W.Va."), with their names.
var usStates = map[string]string{
	"ala.": "Alabama", "ariz.": "Arizona", "ark.": "Arkansas", "calif.": "California",
	"colo.": "Colorado", "conn.": "Connecticut", "del.": "Delaware", "fla.": "Florida",
	"ga.": "Georgia", "ill.": "Illinois", "ind.": "Indiana", "kan.": "Kansas", "kans.": "Kansas",
	"ky.": "Kentucky", "la.": "Louisiana", "md.": "Maryland", "mass.": "Massachusetts",
	"mich.": "Michigan", "minn.": "Minnesota", "miss.": "Mississippi", "mo.": "Missouri",
	"mont.": "Montana", "neb.": "Nebraska", "nev.": "Nevada", "n.h.": "New Hampshire",
	"n.j.": "New Jersey", "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
	"n.d.": "North Dakota", "okla.": "Oklahoma", "ore.": "Oregon", "pa.": "Pennsylvania",
	"r.i.": "Rhode Island", "s.c.": "South Carolina", "s.d.": "South Dakota", "tenn.": "Tennessee",
	"vt.": "Vermont", "va.": "Virginia", "wash.": "Washington", "w.va.": "West Virginia",
	"wis.": "Wisconsin", "wyo.": "Wyoming", "d.c.": "Washington",
}
