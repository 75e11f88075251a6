package ud

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

// Head values of word.head besides the document-wide index of the head.
const (
	headRoot = -1 // attached to the root
	headNone = -2 // not parsed (doc.Word.Head == -1)
	// For system heads mapped into gold indices: the system head word has no
	// gold counterpart, or the system word was not parsed. Both differ from
	// every gold value, so such a head is never correct.
	headUnaligned = -3
	headSysNone   = -4
)

// maxLCSCells bounds the table of one longest-common-subsequence alignment.
// Real multiword regions have a handful of words; only a pathological
// segmentation that chains overlapping tokens across a whole document gets
// near it, and it is reported as an error instead of exhausting memory.
const maxLCSCells = 1 << 22

// word is a doc.Word prepared for scoring: relations without subtypes,
// features reduced to the universal ones, heads as document-wide indices.
type word struct {
	form, lemma, upos, xpos string
	feats                   string // universal features only, sorted
	deprel                  string // without the ":subtype"
	head                    int    // document-wide word index, headRoot or headNone
	content, functional     bool   // kind of deprel, see isContent and isFunctional
	children                []int  // function-word dependents, in word order
}

// token is a surface token: a multiword token or a word outside one.
type token struct {
	raw         doc.Span // bytes in the text
	span        doc.Span // the span with whitespace removed, see normalize
	first, last int      // its words, document-wide, half-open
	multi       bool     // a multiword token
}

// side is one document of gold or system output ready for alignment, with
// every sentence's words and tokens in one document-wide sequence.
type side struct {
	words  []word
	tokens []token
	sents  []doc.Span // normalized spans of sentences with words
}

// normalize maps every byte offset p of text (0 ≤ p ≤ len(text)) to the
// number of non-space bytes in text[:p]. Spans mapped through it compare
// equal when they differ only by whitespace at their edges, which is how the
// shared task compares offsets: in the text with spaces taken out.
func normalize(text string) []int32 {
	norm := make([]int32, len(text)+1)
	var c int32
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		space := unicode.IsSpace(r)
		for k := range size {
			norm[i+k] = c
			if !space {
				c++
			}
		}
		i += size
	}
	norm[len(text)] = c
	return norm
}

// prepare checks d and turns it into a side. norm comes from normalize on
// d.Text.
func prepare(d *doc.Document, norm []int32) (*side, error) {
	n := 0
	for i := range d.Sentences {
		n += len(d.Sentences[i].Words)
	}
	sd := &side{
		words:  make([]word, 0, n),
		tokens: make([]token, 0, n),
		sents:  make([]doc.Span, 0, len(d.Sentences)),
	}
	text := len(d.Text)
	inText := func(s doc.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= text }
	for si := range d.Sentences {
		s := &d.Sentences[si]
		where := func() string { return fmt.Sprintf("sentence %d (%s)", si+1, s.ID) }
		base := len(sd.words)
		prevLast := 0
		for k, mt := range s.Multi {
			if mt.First < prevLast || mt.First >= mt.Last || mt.Last > len(s.Words) {
				return nil, fmt.Errorf("%s: multiword token %d %q covers words %d to %d of %d, out of order or range",
					where(), k+1, mt.Form, mt.First+1, mt.Last, len(s.Words))
			}
			if !inText(mt.Span) {
				return nil, fmt.Errorf("%s: multiword token %d %q: span [%d,%d) outside the text of %d bytes",
					where(), k+1, mt.Form, mt.Span.Start, mt.Span.End, text)
			}
			prevLast = mt.Last
		}
		for wi := range s.Words {
			w := &s.Words[wi]
			if !inText(w.Span) {
				return nil, fmt.Errorf("%s: word %d %q: span [%d,%d) outside the text of %d bytes",
					where(), wi+1, w.Form, w.Span.Start, w.Span.End, text)
			}
			pw := word{
				form:   w.Form,
				lemma:  w.Lemma,
				upos:   w.UPOS,
				xpos:   w.XPOS,
				feats:  universalFeats(w.Feats),
				deprel: universalRel(w.Deprel),
			}
			pw.content, pw.functional = isContent(pw.deprel), isFunctional(pw.deprel)
			switch {
			case w.Head == -1:
				pw.head = headNone
			case w.Head == 0:
				pw.head = headRoot
			case w.Head > 0 && w.Head <= len(s.Words):
				pw.head = base + w.Head - 1
			default:
				return nil, fmt.Errorf("%s: word %d %q: head %d outside the sentence of %d words",
					where(), wi+1, w.Form, w.Head, len(s.Words))
			}
			sd.words = append(sd.words, pw)
		}
		for i := base; i < len(sd.words); i++ {
			if h := sd.words[i].head; h >= 0 && sd.words[i].functional {
				sd.words[h].children = append(sd.words[h].children, i)
			}
		}
		firstTok := len(sd.tokens)
		m := 0
		for i := 0; i < len(s.Words); {
			var t token
			if m < len(s.Multi) && s.Multi[m].First == i {
				mt := &s.Multi[m]
				t = token{raw: mt.Span, first: base + i, last: base + mt.Last, multi: true}
				i = mt.Last
				m++
			} else {
				t = token{raw: s.Words[i].Span, first: base + i, last: base + i + 1}
				i++
			}
			t.span = doc.Span{Start: int(norm[t.raw.Start]), End: int(norm[t.raw.End])}
			if t.span.Len() == 0 {
				// The shared task rejects empty forms too: an empty token
				// cannot be placed among the others.
				return nil, fmt.Errorf("%s: token at bytes [%d,%d) is empty or only whitespace",
					where(), t.raw.Start, t.raw.End)
			}
			if len(sd.tokens) > 0 {
				if prev := sd.tokens[len(sd.tokens)-1]; t.span.Start < prev.span.End {
					return nil, fmt.Errorf("%s: token at bytes [%d,%d) overlaps or precedes the token at [%d,%d)",
						where(), t.raw.Start, t.raw.End, prev.raw.Start, prev.raw.End)
				}
			}
			sd.tokens = append(sd.tokens, t)
		}
		if len(sd.tokens) > firstTok {
			sd.sents = append(sd.sents, doc.Span{
				Start: sd.tokens[firstTok].span.Start,
				End:   sd.tokens[len(sd.tokens)-1].span.End,
			})
		}
	}
	return sd, nil
}

func tokenSpans(toks []token) []doc.Span {
	out := make([]doc.Span, len(toks))
	for i, t := range toks {
		out[i] = t.span
	}
	return out
}

// before orders spans by start, then by end.
func before(a, b doc.Span) bool {
	return a.Start < b.Start || a.Start == b.Start && a.End < b.End
}

func overlaps(a, b doc.Span) bool { return a.Start < b.End && b.Start < a.End }

// matchSpans counts the spans that gold and system share. Both lists are in
// the order prepare guarantees: sorted by start, then end.
func matchSpans(gold, system []doc.Span) Metric {
	m := Metric{Gold: len(gold), System: len(system)}
	for i, j := 0, 0; i < len(gold) && j < len(system); {
		switch {
		case gold[i] == system[j]:
			m.Correct++
			i++
			j++
		case before(gold[i], system[j]):
			i++
		default:
			j++
		}
	}
	return m
}

func unalignedIndex(n int) []int {
	a := make([]int, n)
	for i := range a {
		a[i] = -1
	}
	return a
}

// alignSpans aligns words by the shared task's definition. A multiword
// region is a smallest stretch of text that contains at least one multiword
// token (of either side) and cuts through none: overlapping multiword tokens
// of the two sides are merged into one region. In every region the words of
// the tokens lying wholly inside it are aligned by the longest common
// subsequence of their case-folded forms, so that "don't" split into
// do + n't matches a system that wrote the tokens "do" and "n't". Plain
// tokens that only partly overlap a region align nothing. Every other word
// is a token of its own and aligns with the word that has the same span.
func alignSpans(g, s *side) (g2s, s2g []int, err error) {
	g2s, s2g = unalignedIndex(len(g.words)), unalignedIndex(len(s.words))
	regions := multiRegions(g.tokens, s.tokens)
	gIn, gOut := classify(g.tokens, regions)
	sIn, sOut := classify(s.tokens, regions)
	for r := range regions {
		if err := alignLCS(g.words, gIn[r], s.words, sIn[r], g2s, s2g); err != nil {
			return nil, nil, err
		}
	}
	// Tokens outside every region are plain, one word each.
	for i, j := 0, 0; i < len(gOut) && j < len(sOut); {
		gt, st := &g.tokens[gOut[i]], &s.tokens[sOut[j]]
		switch {
		case gt.span == st.span:
			g2s[gt.first], s2g[st.first] = st.first, gt.first
			i++
			j++
		case before(gt.span, st.span):
			i++
		default:
			j++
		}
	}
	return g2s, s2g, nil
}

// multiRegions merges the spans of the multiword tokens of both sides into
// regions: overlapping spans join one region, which is as small as it can
// be. Tokens come sorted and non-overlapping from prepare.
func multiRegions(gt, st []token) []doc.Span {
	var regions []doc.Span
	add := func(sp doc.Span) {
		if n := len(regions); n > 0 && sp.Start < regions[n-1].End {
			regions[n-1].End = max(regions[n-1].End, sp.End)
			return
		}
		regions = append(regions, sp)
	}
	i, j := 0, 0
	for {
		for i < len(gt) && !gt[i].multi {
			i++
		}
		for j < len(st) && !st[j].multi {
			j++
		}
		switch {
		case i < len(gt) && (j == len(st) || !before(st[j].span, gt[i].span)):
			add(gt[i].span)
			i++
		case j < len(st):
			add(st[j].span)
			j++
		default:
			return regions
		}
	}
}

// wordRange is a half-open range [first, last) of document-wide word
// indices.
type wordRange struct{ first, last int }

// classify sorts the tokens of one side by where they lie. in[r] holds the
// words of the tokens wholly inside region r (they are consecutive because
// tokens are sorted); out lists the tokens that touch no region. Tokens that
// stick out of a region are in neither: their words stay unaligned.
func classify(toks []token, regions []doc.Span) (in []wordRange, out []int) {
	in = make([]wordRange, len(regions))
	for r := range in {
		in[r] = wordRange{-1, -1}
	}
	r := 0
	for i := range toks {
		t := &toks[i]
		for r < len(regions) && regions[r].End <= t.span.Start {
			r++
		}
		switch {
		case r == len(regions) || !overlaps(regions[r], t.span):
			out = append(out, i)
		case regions[r].Start <= t.span.Start && t.span.End <= regions[r].End:
			if in[r].first < 0 {
				in[r].first = t.first
			}
			in[r].last = t.last
		}
	}
	for r := range in {
		if in[r].first < 0 {
			in[r] = wordRange{}
		}
	}
	return in, out
}

// alignLCS aligns the gold words gr with the system words sr along a
// longest common subsequence of their case-folded forms.
func alignLCS(gw []word, gr wordRange, sw []word, sr wordRange, g2s, s2g []int) error {
	g0, s0 := gr.first, sr.first
	n, m := gr.last-gr.first, sr.last-sr.first
	if n == 0 || m == 0 {
		return nil
	}
	if n > maxLCSCells/m {
		return fmt.Errorf("multiword region of %d gold and %d system words (from gold word %d of the document) is too large to align",
			n, m, g0+1)
	}
	eq := func(i, j int) bool { return strings.EqualFold(gw[g0+i].form, sw[s0+j].form) }
	// lcs[i*w+j] is the length of the longest common subsequence of the
	// gold words from i and the system words from j.
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case eq(i, j):
			g2s[g0+i], s2g[s0+j] = s0+j, g0+i
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return nil
}

// alignIdentity aligns word i with word i after checking that both sides
// have the same sentences and tokens; see EvaluateGoldTokens.
func alignIdentity(g, s *side) (g2s, s2g []int, err error) {
	for i := range min(len(g.tokens), len(s.tokens)) {
		gt, st := &g.tokens[i], &s.tokens[i]
		if gt.raw != st.raw || gt.first != st.first || gt.last != st.last || gt.multi != st.multi {
			return nil, nil, fmt.Errorf("segmentation differs from gold at token %d: gold bytes [%d,%d) with %d words, system bytes [%d,%d) with %d words",
				i+1, gt.raw.Start, gt.raw.End, gt.last-gt.first, st.raw.Start, st.raw.End, st.last-st.first)
		}
	}
	if len(g.tokens) != len(s.tokens) || len(g.words) != len(s.words) {
		return nil, nil, fmt.Errorf("segmentation differs from gold: %d gold and %d system tokens, %d gold and %d system words",
			len(g.tokens), len(s.tokens), len(g.words), len(s.words))
	}
	if len(g.sents) != len(s.sents) {
		return nil, nil, fmt.Errorf("segmentation differs from gold: %d gold and %d system sentences", len(g.sents), len(s.sents))
	}
	for i := range g.sents {
		if g.sents[i] != s.sents[i] {
			return nil, nil, fmt.Errorf("segmentation differs from gold at sentence %d", i+1)
		}
	}
	g2s = make([]int, len(g.words))
	for i := range g2s {
		g2s[i] = i
	}
	return g2s, g2s, nil
}
