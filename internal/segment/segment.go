// Package segment splits raw text into sentences and words with byte
// offsets into the text, following the tokenization of Universal
// Dependencies English-EWT and tuned for news.
//
// Segmentation runs in three steps over one slice of tokens:
//
//  1. a scanner cuts the text at white space and splits each chunk into
//     surface tokens (words with the inner punctuation EWT keeps, such as
//     "U.S.", "11,000", "e-mail" or "can't"; punctuation runs such as "..."
//     or "?!"; URLs, e-mail addresses and emoticons);
//  2. a sentence splitter marks the tokens after which a sentence ends,
//     from blank lines, line breaks, final punctuation, abbreviations and
//     news datelines;
//  3. a builder turns tokens into doc.Word values, splitting clitics into
//     multiword tokens ("Iran’s" is Iran + ’s, "don't" is do + n't) and the
//     period off an abbreviation that ends a sentence ("U.S" + ".").
//
// See docs/segment.md for the rules and how they score on EWT.
package segment

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

// Segmenter splits text into sentences and words. It is immutable after
// New and safe for concurrent use.
type Segmenter struct {
	lx *lexicon
	// scratch recycles token buffers between calls; it only saves
	// allocations and never carries information from one call to the next.
	scratch sync.Pool
}

// maxPooledTokens bounds the token buffers kept for reuse, so that one
// huge input does not pin its buffer.
const maxPooledTokens = 1 << 16

// New builds a Segmenter. It parses and checks the built-in word lists
// once; an error means a list is malformed.
func New() (*Segmenter, error) {
	lx, err := compileLexicon()
	if err != nil {
		return nil, err
	}
	return &Segmenter{lx: lx}, nil
}

// Segment returns the sentences of text. Every word has a span of byte
// offsets into text, Form equal to the text of that span (for a word split
// off a multiword token, its part of the token) and Head -1. Tokens made
// of several words are listed in Sentence.Multi, like CoNLL-U ranges.
// Segment never fails: any input, including invalid UTF-8, yields spans
// inside text, in order and without overlap.
func (s *Segmenter) Segment(text string) []doc.Sentence {
	if len(text) == 0 {
		return nil
	}
	// News text has about one token per five bytes; a quarter of its
	// length rarely needs to grow.
	want := len(text)/4 + 8
	var buf []token
	if p, ok := s.scratch.Get().(*[]token); ok && cap(*p) >= want {
		buf = (*p)[:0]
	} else {
		buf = make([]token, 0, want)
	}
	sc := scanner{lx: s.lx, text: text, toks: buf}
	sc.tokenize()
	toks := sc.toks
	defer func() {
		if cap(toks) <= maxPooledTokens {
			toks = toks[:0]
			s.scratch.Put(&toks)
		}
	}()
	if len(toks) == 0 {
		return nil
	}
	softWraps(text, toks)
	markQuotes(text, toks)
	s.contextClitics(text, toks)
	s.boundaries(text, toks)
	return s.build(text, toks)
}

// softWraps removes the line breaks of hard-wrapped text, such as
// newswire bodies broken at 70 columns, so that only real line breaks
// (after titles, headers, list items and paragraphs) count in sentence
// splitting. In a block of at least three lines (between blank lines)
// whose longest line is at most maxWrapWidth bytes, a line break is a wrap
// when the line before it fills at least three quarters of that width
// and the next line is not indented.
func softWraps(text string, toks []token) {
	const maxWrapWidth = 100
	for b0 := 0; b0 < len(toks); {
		b1 := b0 + 1
		breaks := false
		for b1 < len(toks) && toks[b1].nl < 2 {
			if toks[b1].nl == 1 {
				breaks = true
			}
			b1++
		}
		if breaks {
			unwrap(text, toks[b0:b1], maxWrapWidth)
		}
		b0 = b1
	}
}

// unwrap handles one block of softWraps.
func unwrap(text string, block []token, maxWidth int) {
	width, lines := 0, 1
	lineStart := lineStartBefore(text, block[0].start)
	for k := 1; k <= len(block); k++ {
		if k == len(block) || block[k].nl > 0 {
			width = max(width, block[k-1].end-lineStart)
			if k < len(block) {
				lines++
				lineStart = lineStartBefore(text, block[k].start)
			}
		}
	}
	if lines < 3 || width > maxWidth {
		return
	}
	lineStart = lineStartBefore(text, block[0].start)
	for k := 1; k < len(block); k++ {
		if block[k].nl == 0 {
			continue
		}
		prevLen := block[k-1].end - lineStart
		lineStart = lineStartBefore(text, block[k].start)
		indented := lineStart < block[k].start
		if !indented && prevLen*4 >= width*3 {
			block[k].nl = 0
		}
	}
}

// lineStartBefore returns the offset after the last line break before
// position i, looking back over white space only.
func lineStartBefore(text string, i int) int {
	j := i
	for j > 0 {
		c := text[j-1]
		if c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			break
		}
		if c != ' ' && c != '\t' && c < utf8.RuneSelf {
			break
		}
		if c >= utf8.RuneSelf {
			r, n := decodeLast(text, j)
			if r == 0x2028 || r == 0x2029 || r == 0x85 || spaceKind(r) == 0 {
				break
			}
			j -= n
			continue
		}
		j--
	}
	return j
}

// contextClitics splits tokens whose words depend on the next token:
// "its" is it + s (a misspelt "it's") before words that cannot follow the
// possessive, as in "its a shame".
func (s *Segmenter) contextClitics(text string, toks []token) {
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.end-t.start != 3 || t.kind != kWord || t.ncut != 0 {
			continue
		}
		w := text[t.start:t.end]
		if w != "its" && w != "Its" && w != "ITS" {
			continue
		}
		nx := &toks[i+1]
		if nx.kind == kWord && nx.nl == 0 && nx.end-nx.start <= maxLexWord && foldLookup(s.lx.itsIs, text[nx.start:nx.end]) {
			t.ncut, t.cut[0] = 1, 2
		}
	}
}

// markQuotes decides for each quotation mark whether it opens or closes a
// quote, from the white space around it and, for a free-standing straight
// quote, from the count of straight quotes in the paragraph.
func markQuotes(text string, toks []token) {
	open := false // a straight double quote is open in this paragraph
	for i := range toks {
		t := &toks[i]
		if t.nl >= 2 {
			open = false
		}
		if t.flags&fQuote == 0 {
			continue
		}
		r, _ := decode(text, t.start)
		spaceBefore := i == 0 || t.flags&fSpaceBefore != 0
		spaceAfter := i+1 == len(toks) || toks[i+1].flags&fSpaceBefore != 0
		var opening bool
		switch {
		case r == '“' || r == '‘' || r == '«' || r == '„' || r == '‚':
			opening = true
		case r == '”' || r == '»':
			opening = false
		case !spaceBefore && toks[i-1].flags&(fOpenBr|fOpenQuote) == 0:
			opening = false
		case !spaceAfter:
			opening = true
		default:
			opening = !open
		}
		if opening {
			t.flags |= fOpenQuote
		} else {
			t.flags |= fCloseQuote
		}
		if r == '"' {
			open = opening
		}
	}
}

// boundaries sets fEnd on every token after which a sentence ends, and
// fSplitDot on abbreviations whose period also ends the sentence.
func (s *Segmenter) boundaries(text string, toks []token) {
	n := len(toks)
	start := 0 // first token of the current sentence
	for i := 0; i < n; i++ {
		if i > 0 && toks[i-1].flags&fEnd != 0 {
			start = i
		}
		if i == 0 || toks[i].nl >= 1 {
			if d := s.dateline(text, toks, i); d > i {
				toks[d].flags |= fEnd
				i = d
				continue
			}
		}
		t := &toks[i]
		if i+1 == n {
			t.flags |= fEnd
			break
		}
		nx := &toks[i+1]
		switch {
		case nx.nl >= 2:
			t.flags |= fEnd
		case t.flags&fTerminal != 0:
			j := i
			for j+1 < n && toks[j+1].nl == 0 && toks[j+1].flags&fSpaceBefore == 0 &&
				toks[j+1].flags&(fCloseQuote|fCloseBr) != 0 {
				j++
			}
			// An emoticon after the final punctuation belongs to the
			// sentence: "I can't rave enough! ;-)".
			for j+1 < n && toks[j+1].nl == 0 && toks[j+1].flags&fEmoticon != 0 {
				j++
			}
			if j+1 == n || toks[j+1].nl >= 2 ||
				!inParens(text, toks, start, i, j) && s.endsAfterTerminal(text, toks, i, j) {
				toks[j].flags |= fEnd
			}
			i = j
		case t.flags&fAbbrev != 0:
			if s.endsAfterAbbrev(text, toks, i) {
				t.flags |= fEnd
			}
		case t.flags&fRule != 0:
			// A separator ("*****", "=====") ends what precedes it.
			t.flags |= fEnd
			if i > start {
				toks[i-1].flags |= fEnd
			}
		case t.flags&fEmoticon != 0 || t.kind == kURL:
			// "... every week :) My birthday is ...", "see http://x.org Then ..."
			if nx.flags&(fUpper|fDigit) != 0 || nx.kind == kURL {
				t.flags |= fEnd
			}
		case nx.nl == 1:
			if endsAtLineBreak(text, toks, i) {
				t.flags |= fEnd
			}
		}
	}
	for i := range toks {
		if toks[i].flags&(fEnd|fAbbrev) == fEnd|fAbbrev && toks[i].ncut == 0 {
			toks[i].flags |= fSplitDot
		}
	}
}

// endsAfterTerminal decides whether a sentence ends after token j, where
// toks[i] is final punctuation and toks[i+1:j+1] closing quotes or
// brackets.
func (s *Segmenter) endsAfterTerminal(text string, toks []token, i, j int) bool {
	nx := &toks[j+1]
	if nx.nl >= 1 {
		return true
	}
	t := &toks[i]
	if t.flags&fEllipsis == 0 && text[t.start] == '.' && t.end-t.start == 1 && listMarker(text, toks, i) {
		return false // "2. What kind of paint ...": a list item number
	}
	if nx.flags&fSpaceBefore == 0 && (t.flags&fEllipsis != 0 || nx.flags&fUpper == 0) {
		return false // "pain...I don't believe", "v.2": no space, no break
	}
	switch {
	case nx.flags&fLower != 0:
		// Web text often starts sentences in lowercase; but an ellipsis
		// followed by lowercase usually continues the sentence, and so
		// does a quote followed by lowercase ("Why?" she asked).
		return t.flags&fEllipsis == 0 && toks[j].flags&fCloseQuote == 0
	case nx.flags&(fComma|fCloseBr|fCloseQuote) != 0:
		return false // "Yahoo!, ..." or "(what?)"
	case nx.flags&fTerminal != 0:
		return false
	}
	return true
}

// maxParenLook bounds how far inParens looks back for an opening
// parenthesis, keeping long unbroken text linear.
const maxParenLook = 200

// inParens reports whether the final punctuation toks[i], followed by the
// closers toks[i+1:j+1], ends a parenthesis opened inside the sentence
// that started at toks[start]: "Goal is to (politely?) refute ...".
func inParens(text string, toks []token, start, i, j int) bool {
	if text[toks[i].start] == '.' {
		return false // "(see below.) Next ..." usually does end the sentence
	}
	closes := false
	for k := i + 1; k <= j; k++ {
		if text[toks[k].start] == ')' {
			closes = true
		}
	}
	if !closes {
		return false
	}
	depth := 0
	for k := i - 1; k > start && k > i-maxParenLook; k-- {
		switch text[toks[k].start] {
		case ')':
			depth++
		case '(':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// listMarker reports whether the period toks[i] follows a list item number
// at the start of a sentence or line, as in "2. What kind ...".
func listMarker(text string, toks []token, i int) bool {
	if i == 0 {
		return false
	}
	p := &toks[i-1]
	if p.flags&fSpaceBefore == 0 && i-1 > 0 || toks[i].flags&fSpaceBefore != 0 || p.end-p.start > 2 || p.flags&fDigit == 0 {
		return false
	}
	if i+1 < len(toks) && toks[i+1].flags&fSpaceBefore == 0 {
		return false
	}
	return i-1 == 0 || p.nl >= 1 || toks[i-2].flags&fEnd != 0
}

// endsAfterAbbrev decides whether the abbreviation toks[i] ("Inc.", "U.S.")
// also ends its sentence.
func (s *Segmenter) endsAfterAbbrev(text string, toks []token, i int) bool {
	t, nx := &toks[i], &toks[i+1]
	if nx.flags&(fLower|fDigit|fComma|fCloseBr|fCloseQuote|fTerminal) != 0 {
		return false
	}
	if nx.nl >= 1 {
		return nx.flags&(fUpper|fOpenQuote|fOpenBr) != 0
	}
	if t.flags&fTitle != 0 {
		return false
	}
	return nx.flags&fUpper != 0 && s.lx.starters[text[nx.start:nx.end]]
}

// endsAtLineBreak decides whether a line that ends without final
// punctuation ends a sentence: a title or header line does, a line broken
// inside a sentence does not.
func endsAtLineBreak(text string, toks []token, i int) bool {
	t, nx := &toks[i], &toks[i+1]
	if t.flags&(fComma|fDash|fOpenBr|fOpenQuote) != 0 && t.flags&fColon == 0 {
		return false
	}
	return nx.flags&(fUpper|fDigit|fOpenQuote|fOpenBr) != 0 || nx.kind == kSymbol
}

// dateline recognises a news dateline at the start of a line, such as
// "TEHRAN-", "WASHINGTON (Reuters) -" or "GAZA CITY, April 12 (AP) —",
// and returns the index of its dash; the dateline is then a sentence of
// its own, which keeps the place name out of the first sentence's parse.
// A dateline is one or more all-capital words, optionally a comma and a
// few capitalised words or numbers (a region or a date), optionally an
// agency in parentheses, then a dash with white space after it and a
// capitalised word. It returns -1 when the line does not start with one.
func (s *Segmenter) dateline(text string, toks []token, i int) int {
	const maxLen = 14
	isCaps := func(t *token) bool { return t.kind == kWord && allCaps(text[t.start:t.end]) }
	if !isCaps(&toks[i]) || toks[i].end-toks[i].start < 3 {
		return -1 // "PS-" is no place name
	}
	k := i + 1
	for k < len(toks) && k < i+4 && isCaps(&toks[k]) {
		k++
	}
	if k < len(toks) && toks[k].flags&fComma != 0 && toks[k].flags&fColon == 0 {
		k++
		n := 0
		for k < len(toks) && n < 5 && toks[k].kind == kWord && toks[k].flags&(fUpper|fDigit) != 0 {
			k++
			n++
			if k < len(toks) && toks[k].flags&fComma != 0 && toks[k].flags&fColon == 0 {
				k++ // "April 12, 2024"
			}
		}
		if n == 0 {
			return -1
		}
	}
	if k < len(toks) && toks[k].flags&fOpenBr != 0 {
		k++
		n := 0
		for k < len(toks) && n < 4 && toks[k].kind == kWord && toks[k].flags&fUpper != 0 {
			k++
			n++
		}
		if n == 0 || k >= len(toks) || toks[k].flags&fCloseBr == 0 {
			return -1
		}
		k++
	}
	if k+1 >= len(toks) || k > i+maxLen || toks[k].flags&fDash == 0 {
		return -1
	}
	for m := i + 1; m <= k+1; m++ {
		if toks[m].nl > 0 {
			return -1
		}
	}
	nx := &toks[k+1]
	if nx.flags&fSpaceBefore == 0 || nx.flags&(fUpper|fOpenQuote|fDigit) == 0 {
		return -1
	}
	return k
}

// allCaps reports whether w has at least two letters and no lowercase
// letter ("TEHRAN", "U.S.").
func allCaps(w string) bool {
	letters := 0
	for i := 0; i < len(w); {
		r, n := decode(w, i)
		i += n
		if isLetterRune(r) {
			if r < 0x80 && 'a' <= r && r <= 'z' || r >= 0x80 && unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// build turns tokens into sentences of words.
func (s *Segmenter) build(text string, toks []token) []doc.Sentence {
	nWords, nMulti, nSent := 0, 0, 0
	for i := range toks {
		t := &toks[i]
		nWords += 1 + int(t.ncut)
		if t.ncut > 0 {
			nMulti++
		}
		if t.flags&fSplitDot != 0 {
			nWords++
		}
		if t.flags&fEnd != 0 {
			nSent++
		}
	}
	words := make([]doc.Word, 0, nWords)
	var multi []doc.MultiToken
	if nMulti > 0 {
		multi = make([]doc.MultiToken, 0, nMulti)
	}
	sents := make([]doc.Sentence, 0, nSent)
	w0, m0 := 0, 0
	for i := range toks {
		t := &toks[i]
		switch {
		case t.ncut > 0:
			first := len(words)
			a := t.start
			for c := 0; c <= int(t.ncut); c++ {
				e := t.end
				if c < int(t.ncut) {
					e = t.start + int(t.cut[c])
				}
				words = append(words, doc.Word{Span: doc.Span{Start: a, End: e}, Form: text[a:e], Head: -1})
				a = e
			}
			multi = append(multi, doc.MultiToken{
				First: first - w0, Last: len(words) - w0,
				Span: doc.Span{Start: t.start, End: t.end}, Form: text[t.start:t.end],
			})
		case t.flags&fSplitDot != 0:
			words = append(words,
				doc.Word{Span: doc.Span{Start: t.start, End: t.end - 1}, Form: text[t.start : t.end-1], Head: -1},
				doc.Word{Span: doc.Span{Start: t.end - 1, End: t.end}, Form: text[t.end-1 : t.end], Head: -1})
		default:
			words = append(words, doc.Word{Span: doc.Span{Start: t.start, End: t.end}, Form: text[t.start:t.end], Head: -1})
		}
		if t.flags&fEnd != 0 {
			st := doc.Sentence{
				Span:  doc.Span{Start: words[w0].Span.Start, End: words[len(words)-1].Span.End},
				Words: words[w0:len(words):len(words)],
			}
			if len(multi) > m0 {
				st.Multi = multi[m0:len(multi):len(multi)]
			}
			sents = append(sents, st)
			w0, m0 = len(words), len(multi)
		}
	}
	return sents
}
