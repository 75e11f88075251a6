package morph

import (
	"errors"
	"sort"
	"strings"

	"github.com/dyadproject/dyad/internal/doc"
)

// maxSuffix is the longest word ending, in bytes, that suffix rules look
// at. Longer endings are almost always whole training words, which the
// lexicons already cover.
const maxSuffix = 10

// A suffix rule other than the most frequent of its ending is kept only if
// it explains at least 1/ruleShare of the ending's training types: rarer
// rules are noise more often than not, and dropping them keeps the model
// small.
const ruleShare = 5

// k2 and k3 are map keys of two and three strings; struct keys keep lookups
// free of allocations.
type k2 struct{ a, b string }
type k3 struct{ a, b, c string }

// rule is a suffix edit: remove the last strip bytes of the lower-cased
// form, then append add. n is the number of training types it explains.
type rule struct {
	strip int
	add   string
	n     int
}

// fcount is a FEATS value with the number of training words that had it.
type fcount struct {
	feats string
	n     int
}

// sig is the context of a word as the feature model sees it (see ctxSig).
type sig struct {
	kind uint8
	a, b string
}

// Kinds of sig.
const (
	sigSubj  uint8 = 1 + iota // finite verb: a = what stands before it (its subject, usually)
	sigAux                    // past participle: a = lemma of the auxiliary before it, or the word before it
	sigNeigh                  // other words: a = word before (skipping adverbs), b = word after
)

type ctx1Key struct {
	low, upos, xpos string
	s               sig
}

type ctx2Key struct {
	upos, xpos string
	s          sig
}

// Model is a trained lemmatizer and feature assigner. It is immutable after
// Train or Read and safe for concurrent use.
type Model struct {
	// Lemmas.
	exact  map[k3]string     // (form, UPOS, XPOS) → lemma
	lower  map[k2]string     // (lower-cased form, XPOS) → lemma
	irr    map[k2]string     // hand-written (lower-cased form, XPOS) → lemma
	verbs  map[string]string // lower-cased form seen with any VB* tag → lemma
	suffix map[k2][]rule     // (XPOS group, ending) → rules, most frequent first
	knownU map[k2]bool       // (lower-cased lemma, UPOS) seen in training
	lemCtx map[k3]string     // (lower-cased form, XPOS, next word) → lemma where the next word changes it ("'s been" → have)
	defX   map[string]string // UPOS → most frequent XPOS, for input without a known XPOS
	noLem  map[k2]bool       // (UPOS, XPOS) whose training words mostly have no lemma

	// Features.
	fLex   map[k3][]fcount      // (lower-cased form, UPOS, XPOS) → FEATS, most frequent first
	fPOS   map[k2]string        // (UPOS, XPOS) → most frequent FEATS
	fShape map[k3]string        // (UPOS, XPOS, shape of the form) → most frequent FEATS
	fCtx1  map[ctx1Key]string   // (lower-cased form, UPOS, XPOS, context) → FEATS where it beats fCtx2
	fCtx2  map[ctx2Key][]fcount // (UPOS, XPOS, context) → FEATS, most frequent first

	// Derived on build and load, not stored.
	known map[string]bool // every lower-cased lemma of knownU and irr
	tags  map[string]bool // every XPOS seen in training
	ends  map[k2]int      // (UPOS, last three bytes of a lemma) → lemmas of knownU
}

// Train builds a model from sentences with gold Form, Lemma, UPOS, XPOS and
// Feats. The result depends only on the sentences and their order.
func Train(sents []doc.Sentence) (*Model, error) {
	b := newBuilder()
	for i := range sents {
		b.addSentence(&sents[i])
	}
	if b.words == 0 {
		return nil, errors.New("morph: train: no words with a form and tags")
	}
	for i := range sents {
		b.addContexts(&sents[i])
	}
	return b.build(), nil
}

// Lemma returns the lemma of a word given its form and tags, without
// context. Annotate may do better for words whose lemma depends on the next
// word ("'s", "'d").
func (m *Model) Lemma(form, upos, xpos string) string {
	xpos = m.xposFor(upos, xpos)
	l, _ := m.lemma(form, strings.ToLower(form), upos, xpos)
	return l
}

// Feats returns the morphological features of a word without context, as
// a UD FEATS string with features sorted ("Number=Sing|Person=3"), or ""
// for none. Annotate uses the sentence around a word and is more accurate
// for verbs and pronouns.
func (m *Model) Feats(form, upos, xpos string) string {
	xpos = m.xposFor(upos, xpos)
	return m.baseFeats(form, strings.ToLower(form), upos, xpos)
}

// cword is what the context models see of a word of the sentence.
type cword struct {
	low, upos, xpos, lemma string
	src                    source
}

// Annotate sets Lemma and Feats of every word of s from its Form, UPOS and
// XPOS, using the neighbouring words where they decide (the subject of a
// verb, the auxiliary before a participle, the word after "'s").
func (m *Model) Annotate(s *doc.Sentence) {
	ws := m.lemmatize(s)
	for i := range ws {
		s.Words[i].Feats = m.ctxFeats(ws, i, s.Words[i].Form)
	}
}

// Lemmatize fills the lemma of every word of s, as Annotate does, and
// leaves Feats alone: for callers that read no features.
func (m *Model) Lemmatize(s *doc.Sentence) { m.lemmatize(s) }

// lemmatize sets the lemmas of s and returns the words as Annotate's
// feature pass reads them.
func (m *Model) lemmatize(s *doc.Sentence) []cword {
	if s == nil || len(s.Words) == 0 {
		return nil
	}
	ws := make([]cword, len(s.Words))
	for i := range s.Words {
		w := &s.Words[i]
		x := m.xposFor(w.UPOS, w.XPOS)
		lf := strings.ToLower(w.Form)
		l, src := m.lemma(w.Form, lf, w.UPOS, x)
		ws[i] = cword{low: lf, upos: w.UPOS, xpos: x, lemma: l, src: src}
	}
	for i := range ws {
		if ws[i].src <= srcLower && auxTag(ws[i].xpos) && len(m.lemCtx) > 0 {
			if l, ok := m.lemCtx[k3{ws[i].low, ws[i].xpos, nextSig(ws, i)}]; ok {
				ws[i].lemma = l
			}
		}
		s.Words[i].Lemma = ws[i].lemma
	}
	return ws
}

// xposFor returns xpos when the model knows it, else the most frequent XPOS
// of upos, so that a tagger giving no or unfamiliar XPOS still gets lemmas.
func (m *Model) xposFor(upos, xpos string) string {
	if m.tags[xpos] {
		return xpos
	}
	if d, ok := m.defX[upos]; ok {
		return d
	}
	return xpos
}

// derive fills the fields computed from the stored ones.
func (m *Model) derive() {
	m.known = make(map[string]bool, len(m.knownU)+len(m.irr))
	for k := range m.knownU {
		m.known[k.a] = true
	}
	for _, l := range m.irr {
		m.known[l] = true
	}
	m.ends = map[k2]int{}
	for k := range m.knownU {
		m.ends[k2{k.b, lemmaEnding(k.a)}]++
	}
	m.tags = make(map[string]bool)
	for k := range m.fPOS {
		m.tags[k.b] = true
	}
}

// builder gathers counts from the training sentences.
type builder struct {
	words  int
	exact  map[k3]map[string]int
	lower  map[k2]map[string]int
	verbs  map[string]map[string]int
	types  map[k3]bool // (lower form, lower lemma, XPOS)
	knownU map[k2]bool
	xpos   map[string]map[string]int // UPOS → XPOS → count
	noLem  map[k2][2]int             // (UPOS, XPOS) → words without a lemma, words

	fLex   map[k3]map[string]int
	fPOS   map[k2]map[string]int
	fShape map[k3]map[string]int

	lemCtx map[k3]map[string]int
	fCtx1  map[ctx1Key]map[string]int
	fCtx2  map[ctx2Key]map[string]int

	m *Model // lexical part, built before the contexts are counted
}

func newBuilder() *builder {
	return &builder{
		exact:  map[k3]map[string]int{},
		lower:  map[k2]map[string]int{},
		verbs:  map[string]map[string]int{},
		types:  map[k3]bool{},
		knownU: map[k2]bool{},
		xpos:   map[string]map[string]int{},
		noLem:  map[k2][2]int{},
		fLex:   map[k3]map[string]int{},
		fPOS:   map[k2]map[string]int{},
		fShape: map[k3]map[string]int{},
		lemCtx: map[k3]map[string]int{},
		fCtx1:  map[ctx1Key]map[string]int{},
		fCtx2:  map[ctx2Key]map[string]int{},
	}
}

func inc[K comparable](m map[K]map[string]int, k K, v string) {
	c := m[k]
	if c == nil {
		c = map[string]int{}
		m[k] = c
	}
	c[v]++
}

// addSentence counts the context-free statistics of one sentence.
func (b *builder) addSentence(s *doc.Sentence) {
	for _, w := range s.Words {
		if w.Form == "" || w.UPOS == "" || w.XPOS == "" {
			continue
		}
		b.words++
		lf := strings.ToLower(w.Form)
		inc(b.xpos, w.UPOS, w.XPOS)
		inc(b.fLex, k3{lf, w.UPOS, w.XPOS}, w.Feats)
		inc(b.fPOS, k2{w.UPOS, w.XPOS}, w.Feats)
		inc(b.fShape, k3{w.UPOS, w.XPOS, shapeOf(w.Form)}, w.Feats)
		// An empty lemma is EWT's "_", given to the pieces of a word split
		// by a typo ("goeswith"); the lexicons learn it for those forms,
		// but it teaches no suffix rule.
		inc(b.exact, k3{w.Form, w.UPOS, w.XPOS}, w.Lemma)
		inc(b.lower, k2{lf, w.XPOS}, w.Lemma)
		nl := b.noLem[k2{w.UPOS, w.XPOS}]
		nl[1]++
		if w.Lemma == "" {
			nl[0]++
		}
		b.noLem[k2{w.UPOS, w.XPOS}] = nl
		if w.Lemma == "" {
			continue
		}
		if strings.HasPrefix(w.XPOS, "VB") {
			inc(b.verbs, lf, strings.ToLower(w.Lemma))
		}
		ll := strings.ToLower(w.Lemma)
		b.types[k3{lf, ll, w.XPOS}] = true
		b.knownU[k2{ll, w.UPOS}] = true
	}
}

// goldWords returns the context view of a training sentence, with gold
// lemmas, or nil when a word lacks tags.
func goldWords(s *doc.Sentence) []cword {
	ws := make([]cword, len(s.Words))
	for i, w := range s.Words {
		if w.Form == "" || w.UPOS == "" || w.XPOS == "" {
			return nil
		}
		ws[i] = cword{low: strings.ToLower(w.Form), upos: w.UPOS, xpos: w.XPOS, lemma: w.Lemma}
	}
	return ws
}

// addContexts counts the context statistics of one sentence. It runs after
// the lexical tables are final, so it can skip words whose lemma no context
// changes.
func (b *builder) addContexts(s *doc.Sentence) {
	if b.m == nil {
		b.m = b.buildLexical()
	}
	ws := goldWords(s)
	if ws == nil {
		return
	}
	for i, w := range ws {
		if lc := b.lower[k2{w.low, w.xpos}]; len(lc) > 1 {
			inc(b.lemCtx, k3{w.low, w.xpos, nextSig(ws, i)}, s.Words[i].Lemma)
		}
		sg, ok := ctxSig(ws, i)
		if !ok {
			continue
		}
		f := s.Words[i].Feats
		inc(b.fCtx1, ctx1Key{w.low, w.upos, w.xpos, sg}, f)
		inc(b.fCtx2, ctx2Key{w.upos, w.xpos, sg}, f)
	}
}

// best returns the most frequent value of c, the smallest string on ties,
// with its count and the total count.
func best(c map[string]int) (v string, n, total int) {
	for k, x := range c {
		total += x
		if x > n || x == n && k < v {
			v, n = k, x
		}
	}
	return v, n, total
}

// sortedCounts returns c as fcounts, most frequent first, ties by string.
func sortedCounts(c map[string]int) []fcount {
	out := make([]fcount, 0, len(c))
	for k, n := range c {
		out = append(out, fcount{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].feats < out[j].feats
	})
	return out
}

// buildLexical builds everything but the context tables.
func (b *builder) buildLexical() *Model {
	m := &Model{
		exact:  make(map[k3]string, len(b.exact)),
		lower:  make(map[k2]string, len(b.lower)),
		irr:    map[k2]string{},
		verbs:  make(map[string]string, len(b.verbs)),
		knownU: b.knownU,
		defX:   map[string]string{},
		noLem:  map[k2]bool{},
		fLex:   make(map[k3][]fcount, len(b.fLex)),
		fPOS:   map[k2]string{},
		fShape: map[k3]string{},
		lemCtx: map[k3]string{},
		fCtx1:  map[ctx1Key]string{},
		fCtx2:  map[ctx2Key][]fcount{},
	}
	for k, c := range b.exact {
		m.exact[k], _, _ = best(c)
	}
	for k, c := range b.lower {
		m.lower[k], _, _ = best(c)
	}
	for k, c := range b.verbs {
		m.verbs[k], _, _ = best(c)
	}
	for k, c := range b.xpos {
		m.defX[k], _, _ = best(c)
	}
	for k, c := range b.noLem {
		if 2*c[0] > c[1] {
			m.noLem[k] = true
		}
	}
	for k, c := range b.fLex {
		m.fLex[k] = sortedCounts(c)
	}
	for k, c := range b.fPOS {
		m.fPOS[k], _, _ = best(c)
	}
	for k, c := range b.fShape {
		m.fShape[k], _, _ = best(c)
	}

	// Suffix rules count word types, not tokens: unseen words behave like
	// rare ones, not like "was" or "children".
	counts := map[k2]map[rule]int{}
	addRule := func(lf, ll, xpos string, wholeOnly bool) {
		p := commonPrefix(lf, ll)
		r := rule{strip: len(lf) - p, add: ll[p:]}
		g := xposGroup(xpos)
		for L := min(maxSuffix, len(lf)); L >= 0; L-- {
			if wholeOnly && L != len(lf) {
				break
			}
			if r.strip > L || !suffixStart(lf, L) {
				continue
			}
			k := k2{g, lf[len(lf)-L:]}
			c := counts[k]
			if c == nil {
				c = map[rule]int{}
				counts[k] = c
			}
			c[r]++
		}
	}
	for t := range b.types {
		addRule(t.a, t.b, t.c, false)
	}
	// Hand-written irregulars count only where the treebank is silent, and
	// only as whole words, so that "overran" finds "ran" but "-an" endings
	// in general learn nothing from them.
	for _, e := range irregulars() {
		k := k2{e.form, e.xpos}
		if _, seen := m.lower[k]; seen {
			continue
		}
		if _, dup := m.irr[k]; dup {
			continue
		}
		m.irr[k] = e.lemma
		addRule(e.form, e.lemma, e.xpos, true)
	}
	m.suffix = make(map[k2][]rule, len(counts))
	for k, c := range counts {
		rs := make([]rule, 0, len(c))
		total := 0
		for r, n := range c {
			r.n = n
			rs = append(rs, r)
			total += n
		}
		sortRules(rs)
		keep := rs[:1]
		for _, r := range rs[1:] {
			if r.n*ruleShare >= total {
				keep = append(keep, r)
			}
		}
		m.suffix[k] = keep
	}
	m.derive()
	return m
}

// auxTag reports whether xpos is a tag of finite auxiliaries and modals,
// whose clitic forms ("'s", "'d") have lemmas that depend on the next word.
func auxTag(xpos string) bool {
	switch xpos {
	case "VBZ", "VBD", "VBP", "MD":
		return true
	}
	return false
}

func sortRules(rs []rule) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].n != rs[j].n {
			return rs[i].n > rs[j].n
		}
		if rs[i].strip != rs[j].strip {
			return rs[i].strip < rs[j].strip
		}
		return rs[i].add < rs[j].add
	})
}

// build finishes the model: the context tables keep only entries that
// change an answer.
func (b *builder) build() *Model {
	m := b.m
	if m == nil {
		m = b.buildLexical()
	}
	// Context lemmas are for auxiliary clitics ("'s been" → have, "'d gone"
	// → have); for other words the differences the contexts show in EWT are
	// case and typo noise.
	for k, c := range b.lemCtx {
		l, n, total := best(c)
		if total < 2 || 2*n <= total || l == "" || !auxTag(k.b) ||
			strings.EqualFold(l, m.lower[k2{k.a, k.b}]) {
			continue
		}
		m.lemCtx[k] = l
	}
	for k, c := range b.fCtx2 {
		m.fCtx2[k] = sortedCounts(c)
	}
	for k, c := range b.fCtx1 {
		f, _, total := best(c)
		if total < 2 {
			continue
		}
		opts := m.fLex[k3{k.low, k.upos, k.xpos}]
		if f == m.chooseCtx(ctx2Key{k.upos, k.xpos, k.s}, opts, m.backoffFeats(opts, "", k.upos, k.xpos)) {
			continue
		}
		m.fCtx1[k] = f
	}
	return m
}
