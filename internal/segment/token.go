package segment

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the coarse class of a surface token.
type tokKind uint8

const (
	kWord   tokKind = iota // letters and digits, with the inner punctuation EWT keeps
	kPunct                 // punctuation, including runs such as "..." or "?!"
	kSymbol                // other symbols, emoji and invalid bytes
	kURL                   // URLs and e-mail addresses
)

// tflag holds what the sentence splitter needs to know about a token.
type tflag uint32

const (
	fSpaceBefore tflag = 1 << iota // white space precedes the token
	fTerminal                      // a run of . ! ? … (sentence-final punctuation)
	fEllipsis                      // a terminal run of periods or … only, not a single "."
	fAbbrev                        // a word with its period attached ("Inc.", "U.S.", "J.")
	fTitle                         // an abbreviation that precedes names ("Mr.", "Gen.")
	fQuote                         // a quotation mark
	fOpenBr                        // ( [ {
	fCloseBr                       // ) ] }
	fDash                          // - -- – —
	fUpper                         // starts with an uppercase letter
	fLower                         // starts with a lowercase letter
	fDigit                         // starts with a digit
	fComma                         // , ; :
	fColon                         // :
	fSplitDot                      // ends a sentence; its final period is a word of its own
	fEnd                           // a sentence ends after this token
	fOpenQuote                     // a quotation mark that opens (white space before, none after)
	fCloseQuote                    // a quotation mark that closes
	fEmoticon                      // ":)", ";-)", "^_^"
	fRule                          // a separator line such as "*****" or "====="
)

// token is a surface token found by the scanner.
type token struct {
	start, end int
	flags      tflag
	kind       tokKind
	nl         uint8    // line breaks in the white space before the token (2 = blank line or more)
	ncut       uint8    // number of clitic cuts: the token is ncut+1 words
	cut        [3]uint8 // byte offsets of the cuts from start
}

// scanner splits a text into tokens. It lives for one call of Segment.
type scanner struct {
	lx     *lexicon
	text   string
	toks   []token
	nl     uint8 // line breaks seen since the last token
	space  bool  // white space seen since the last token
	squote bool  // an opening single quote awaits its closing quote
	at     bool  // the current chunk contains '@'
}

// spaceKind classifies a rune as white space: 0 not space, 1 space,
// 2 line break, 3 paragraph break. Control and invisible format
// characters count as space so that they never become tokens.
func spaceKind(r rune) uint8 {
	switch r {
	case '\n', 0x85, 0x2028:
		return 2
	case '\v', '\f', 0x2029:
		return 3
	case ' ', '\t', '\r', 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x200B,
		0x200E, 0x200F, 0x061C, 0x180E:
		return 1
	}
	switch {
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
		return 1
	case r >= 0x2000 && r <= 0x200A:
		return 1
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return 1
	}
	return 0
}

// isWordRune reports whether r belongs inside words: letters, digits and
// combining marks.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		lc := r | 0x20
		return 'a' <= lc && lc <= 'z' || '0' <= r && r <= '9'
	}
	return isWordRuneSlow(r)
}

// isWordRuneSlow is the non-ASCII part of isWordRune, kept out of line so
// that isWordRune inlines.
//
//go:noinline
func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// decode returns the rune at text[i:] and its width; an invalid byte is
// utf8.RuneError with width 1.
func decode(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decodeSlow(text, i)
}

// decodeSlow decodes a multi-byte rune, out of line so that decode inlines.
//
//go:noinline
func decodeSlow(text string, i int) (rune, int) {
	return utf8.DecodeRuneInString(text[i:])
}

// decodeLast returns the rune ending at text[:i].
func decodeLast(text string, i int) (rune, int) {
	if c := text[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(text[:i])
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '`' || r == 'ʼ' }

// isTerminalRune reports sentence-final punctuation.
func isTerminalRune(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '？', '！', '؟', '۔', '।', '॥':
		return true
	}
	return false
}

func isDashRune(r rune) bool {
	switch r {
	case '-', '–', '—', '―', '‒', '−', '‐', '‑', '⸺', '⸻':
		return true
	}
	return false
}

// isArtRune reports ASCII symbols that form one token when repeated or
// mixed, as in "<<", "***", "===>" or "|---+---|".
func isArtRune(r rune) bool {
	switch r {
	case '-', '=', '+', '<', '>', '*', '~', '_', '|', '#', '^', '\\':
		return true
	}
	return false
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›', '″', '‟', '‛', 'ʼ':
		return true
	}
	return false
}

// tokenize appends the tokens of text to toks.
func (sc *scanner) tokenize() {
	text := sc.text
	sc.nl, sc.space = 2, true // the text starts a paragraph
	for i := 0; i < len(text); {
		r, n := decode(text, i)
		if k := spaceKind(r); k != 0 {
			sc.space = true
			switch {
			case k == 3:
				sc.nl = 2
			case k == 2:
				if sc.nl < 2 {
					sc.nl++
				}
			case r == '\r' && (i+1 >= len(text) || text[i+1] != '\n'):
				if sc.nl < 2 {
					sc.nl++
				}
			}
			if sc.nl >= 2 {
				sc.squote = false // quotes do not run across paragraphs
			}
			i += n
			continue
		}
		// Find the end of the chunk of non-space text, noting whether it
		// may hold an e-mail address.
		j := i + n
		sc.at = r == '@'
		for j < len(text) {
			if c := text[j]; c > ' ' && c < utf8.RuneSelf-1 {
				if c == '@' {
					sc.at = true
				}
				j++
				continue
			}
			r, n := decode(text, j)
			if spaceKind(r) != 0 {
				break
			}
			j += n
		}
		for k := i; k < j; {
			k = sc.next(k, i, j)
		}
		i = j
	}
}

// emit appends the token text[start:end].
func (sc *scanner) emit(start, end int, kind tokKind, f tflag) {
	if sc.space {
		f |= fSpaceBefore
	}
	r, _ := decode(sc.text, start)
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'A' <= r && r <= 'Z':
			f |= fUpper
		case 'a' <= r && r <= 'z':
			f |= fLower
		case '0' <= r && r <= '9':
			f |= fDigit
		}
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		f |= fUpper
	case unicode.IsLower(r):
		f |= fLower
	case unicode.IsDigit(r):
		f |= fDigit
	}
	tk := token{start: start, end: end, flags: f, kind: kind, nl: sc.nl}
	if kind == kWord && end-start <= 255 {
		tk.cut, tk.ncut = sc.lx.clitics(sc.text[start:end])
	}
	sc.toks = append(sc.toks, tk)
	sc.nl, sc.space = 0, false
}

// next scans one or more tokens starting at i inside the chunk [a, b) of
// non-space text and returns the position after them.
func (sc *scanner) next(i, a, b int) int {
	text := sc.text
	switch text[i] {
	case 'h', 'H', 'f', 'F', 'w', 'W', 'm', 'M':
		if e := sc.url(i, b); e > i {
			sc.emit(i, e, kURL, 0)
			return e
		}
	}
	if sc.at {
		if e := sc.email(i, b); e > i {
			sc.emit(i, e, kURL, 0)
			return e
		}
	}
	r, n := decode(text, i)
	if isWordRune(r) {
		return sc.word(i, b)
	}
	// "#tag", "@user", "+44", ".5": a sign glued to a word at its start.
	if i+n < b && (i == a || !isWordRune(prevRune(text, i))) {
		r2, _ := decode(text, i+n)
		switch {
		case (r == '#' || r == '@') && isLetterRune(r2):
			return sc.word(i, b)
		case r == '+' && isDigitByte(text[i+1]):
			return sc.word(i, b)
		case r == '.' && isDigitByte(text[i+1]):
			return sc.word(i, b)
		}
	}
	return sc.punct(i, a, b, r, n)
}

func prevRune(text string, i int) rune {
	if i == 0 {
		return ' '
	}
	r, _ := decodeLast(text, i)
	return r
}

// hasPrefixFold reports whether s starts with the lowercase ASCII prefix p,
// ignoring case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// url returns the end of a URL starting at i, or i when there is none.
// A URL runs to the end of the chunk, minus trailing punctuation and
// closing brackets that are not part of it.
func (sc *scanner) url(i, b int) int {
	s := sc.text[i:b]
	var p int
	switch {
	case hasPrefixFold(s, "http://"):
		p = 7
	case hasPrefixFold(s, "https://"):
		p = 8
	case hasPrefixFold(s, "ftp://"):
		p = 6
	case hasPrefixFold(s, "www.") && len(s) > 4 && isWordRune(rune(s[4])):
		p = 4
	case hasPrefixFold(s, "mailto:"):
		p = 7
	default:
		return i
	}
	e := p
	open := 0
	for e < len(s) {
		c := s[e]
		if c == '<' || c == '>' || c == '"' || c == '[' || c == ']' {
			break
		}
		if c == '(' {
			open++
		}
		if c == ')' {
			if open == 0 {
				break
			}
			open--
		}
		if c >= utf8.RuneSelf {
			r, _ := decode(s, e)
			if isQuoteRune(r) || r == '…' {
				break
			}
		}
		e++
	}
	for e > p {
		c := s[e-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '*' {
			e--
			continue
		}
		break
	}
	if e <= p {
		return i
	}
	return i + e
}

// email returns the end of an e-mail address starting at i, or i.
func (sc *scanner) email(i, b int) int {
	s := sc.text[i:b]
	at := -1
	// The local part of an address has at most 64 bytes (RFC 5321);
	// the bound also keeps scanning linear.
	for k := 0; k < len(s) && k <= 64; k++ {
		c := s[k]
		if c == '@' {
			at = k
			break
		}
		if !(isDigitByte(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '.' || c == '_' || c == '-' || c == '+' || c == '%') {
			return i
		}
	}
	if at <= 0 || !isWordRune(rune(s[0])) {
		return i
	}
	e := at + 1
	for e < len(s) {
		c := s[e]
		if isDigitByte(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '.' || c == '-' || c == '_' {
			e++
			continue
		}
		break
	}
	for e > at+1 && (s[e-1] == '.' || s[e-1] == '-') {
		e--
	}
	if e == at+1 {
		return i
	}
	return i + e
}

// word scans a word starting at a and emits it, with the inner
// punctuation EWT keeps inside tokens and, for abbreviations, the final
// period. It returns the position after the word.
func (sc *scanner) word(a, b int) int {
	text := sc.text
	i := a
	seg := a // start of the current part (after the last kept '.', '-' or '/')
	if c := text[i]; c == '#' || c == '@' || c == '+' || c == '.' {
		i++
	}
	dotChainEnd := -1 // inside a domain or file name whose dots are all kept
	digitsOnly := true
	for i < b {
		// ASCII letters and digits first: most of the bytes of a word.
		var (
			r rune
			n int
		)
		if c := text[i]; c < utf8.RuneSelf {
			if lc := c | 0x20; 'a' <= lc && lc <= 'z' {
				digitsOnly = false
				i++
				continue
			}
			if '0' <= c && c <= '9' {
				i++
				continue
			}
			r, n = rune(c), 1
		} else {
			r, n = decodeSlow(text, i)
			if isWordRuneSlow(r) {
				digitsOnly = false
				i += n
				continue
			}
		}
		if i+n >= b {
			break
		}
		r2, n2 := decode(text, i+n)
		prev := prevRune(text, i)
		keep := false
		switch {
		case r == '.':
			if isWordRune(r2) {
				if i < dotChainEnd {
					keep = true
				} else if e, ok := sc.keepDot(a, seg, i, b); ok {
					keep = true
					dotChainEnd = e
				}
			}
		case r == ',':
			// 11,000 but not "1,2" or "duck,Guinea".
			keep = i-seg <= 3 && digitsOnly && i > a && isDigitByte(text[i-1]) &&
				i+4 <= b && isDigitByte(text[i+1]) && isDigitByte(text[i+2]) && isDigitByte(text[i+3]) &&
				(i+4 == b || !isDigitByte(text[i+4]))
			if keep {
				seg = i + 1
				i++
				continue
			}
		case r == ':':
			keep = prev < utf8.RuneSelf && isDigitByte(byte(prev)) && r2 < utf8.RuneSelf && isDigitByte(byte(r2))
		case isApostrophe(r):
			if isLetterRune(prev) && isLetterRune(r2) {
				keep = true
			} else if prev < utf8.RuneSelf && isDigitByte(byte(prev)) && (r2 == 's' || r2 == 'S') {
				// "1990's", "80's"
				keep = i+n+n2 >= b || !isWordRune(nextRune(text, i+n+n2, b))
			}
		case r == '-' || r == '‐' || r == '‑':
			if isWordRune(r2) && i < dotChainEnd {
				keep = true
			} else if isWordRune(r2) && sc.keepHyphen(a, seg, i, b) {
				keep = true
				seg = i + n
				i += n
				continue
			}
		case r == '/':
			if isWordRune(r2) && sc.keepSlash(a, i, b) {
				seg = i + 1
				i++
				continue
			}
		case r == '&':
			keep = isLetterRune(prev) && isLetterRune(r2) && i-seg <= 4 && wordRunLen(text, i+1, b) <= 4
		case r == '_' || r == 0xAD || r == 0x200C || r == 0x200D:
			keep = isWordRune(r2) || r2 == '_'
		}
		if !keep {
			break
		}
		i += n
	}
	end := i
	// "5pm", "$11.5m": a unit written after a number is a token of its own.
	if isDigitByte(text[a]) {
		p := a
		for p < end && (isDigitByte(text[p]) || text[p] == '.' || text[p] == ',' || text[p] == ':') {
			p++
		}
		if p < end && isDigitByte(text[p-1]) && end-p <= maxLexWord && foldLookup(sc.lx.units, text[p:end]) {
			sc.emit(a, p, kWord, 0)
			return p
		}
	}
	var f tflag
	if end < b {
		r, n := decode(text, end)
		switch {
		case (r == '\'' || r == '’') && !sc.squote && end-a >= 2 && (text[end-1] == 's' || text[end-1] == 'S') &&
			(end+n == b || !isWordRune(nextRune(text, end+n, b)) && !isQuoteRune(nextRune(text, end+n, b))):
			// Possessive plural: "payers'" is payers + '.
			end += n
		case r == '/' && end-a == 1 && (end+1 == b || !isWordRune(nextRune(text, end+1, b))) && foldLookup(sc.lx.slash, text[a:end+1]):
			end++ // "w/"
		case r == '$' && sc.lx.currency[text[a:end]]:
			end++ // "US$"
		case r == '.' && (end+1 == b || text[end+1] != '.'):
			if kind := sc.abbrevKind(a, end, b); kind != abbrevNone {
				f |= fAbbrev
				if kind == abbrevTitle {
					f |= fTitle
				}
				end++
				// "U.S.'s": the possessive stays on the abbreviation.
				if end < b {
					if r2, n2 := decode(text, end); isApostrophe(r2) && end+n2 < b && (text[end+n2] == 's' || text[end+n2] == 'S') &&
						(end+n2+1 == b || !isWordRune(nextRune(text, end+n2+1, b))) {
						end += n2 + 1
						f &^= fAbbrev | fTitle
					}
				}
			}
		}
	}
	sc.emit(a, end, kWord, f)
	return end
}

func nextRune(text string, i, b int) rune {
	if i >= b {
		return ' '
	}
	r, _ := decode(text, i)
	return r
}

// wordRunLen counts the bytes of word runes from i.
func wordRunLen(text string, i, b int) int {
	j := i
	for j < b {
		r, n := decode(text, j)
		if !isWordRune(r) {
			break
		}
		j += n
	}
	return j - i
}

// keepDot decides whether the period at i, between the part starting at
// seg and a following word rune, stays inside the token. It keeps decimal
// numbers (3.5), dotted abbreviations (U.S, e.g, Ph.D), and domain or file
// names whose last part is a known ending (bbc.co.uk, report.doc). It
// returns the end of the dotted chain so that later dots of a kept chain
// need no new decision.
func (sc *scanner) keepDot(start, seg, i, b int) (int, bool) {
	text := sc.text
	left := text[seg:i]
	rl := wordRunLen(text, i+1, b)
	right := text[i+1 : i+1+rl]
	if allDigits(left) && allDigits(right) {
		return i, true
	}
	if seg == start && isNewsgroupTop(left) {
		return wordEnd(text, i, b), true // alt.animals.cat
	}
	if hasDigit(left) && hasDigit(right) {
		return i, true // v2.0, 3.5mm
	}
	if runeCount(left) == 1 || (runeCount(right) == 1 && (i+1+rl == b || text[i+1+rl] == '.')) {
		return i, true // U.S, e.g, Ph.D
	}
	// Find the end of the chain of dot-separated parts and check its
	// last part. Host names have few parts; bounding the look-ahead keeps
	// long runs such as "ab.ab.ab..." linear.
	const maxParts = 8
	j := i + 1 + rl
	last := right
	for parts := 2; j < b && text[j] == '.' && j+1 < b; parts++ {
		if parts > maxParts {
			return i, false
		}
		n := wordRunLen(text, j+1, b)
		if n == 0 {
			break
		}
		last = text[j+1 : j+1+n]
		j += 1 + n
	}
	// Host names and file endings are written in one case: "bbc.co.uk",
	// "REPORT.DOC", but not "left.In".
	if (isLowerASCII(last) || isUpperASCII(last)) && foldLookup(sc.lx.tlds, last) {
		return j, true
	}
	return i, false
}

// isNewsgroupTop reports the top levels of Usenet newsgroup names, which
// EWT keeps whole ("alt.animals.cat").
func isNewsgroupTop(s string) bool {
	switch s {
	case "alt", "comp", "misc", "rec", "sci", "soc", "talk", "news":
		return true
	}
	return false
}

// wordEnd returns the end of a run of word runes, periods, hyphens and
// underscores starting at i.
func wordEnd(text string, i, b int) int {
	for i < b {
		r, n := decode(text, i)
		if !isWordRune(r) && r != '.' && r != '-' && r != '_' {
			break
		}
		i += n
	}
	for i > 0 && (text[i-1] == '.' || text[i-1] == '-') {
		i--
	}
	return i
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			return true
		}
	}
	return false
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// keepHyphen decides whether the hyphen at i stays inside the word that
// started at a, whose current part starts at seg. EWT splits hyphenated
// compounds ("al - Qaeda", "well - known") but keeps a set of prefixes
// ("e-mail", "re-election"), a few suffixes ("-wise") and phone numbers
// and numeric dates ("713-853-3989", "11-20-2000").
func (sc *scanner) keepHyphen(a, seg, i, b int) bool {
	text := sc.text
	left := text[seg:i]
	if foldLookup(sc.lx.prefixes, left) {
		return true
	}
	rl := wordRunLen(text, i+1, b)
	right := text[i+1 : i+1+rl]
	if foldLookup(sc.lx.suffixes, right) && (i+1+rl == b || !isWordRune(nextRune(text, i+1+rl, b))) {
		return true
	}
	if !allDigits(left) || !allDigits(right) {
		return false
	}
	// A chain of digit groups: keep phone numbers, zip+4 and numeric
	// dates, split ranges such as 1969-1970 or 5-10.
	if seg != a && text[seg-1] == '-' {
		return true // a later hyphen of a chain already kept
	}
	groups, lastLen := 1, 0
	j := i
	for j < b && text[j] == '-' {
		n := 0
		for j+1+n < b && isDigitByte(text[j+1+n]) {
			n++
		}
		if n == 0 {
			break
		}
		groups++
		lastLen = n
		j += 1 + n
	}
	if groups >= 3 {
		return true
	}
	return lastLen == 4 && len(left) != 4
}

// keepSlash decides whether the slash at i stays inside the word that
// started at a: numeric dates (11/28/2000, 9/11) and a few short forms
// (w/o, b/c) stay whole; "and/or" and fractions such as 1/2 are split.
func (sc *scanner) keepSlash(a, i, b int) bool {
	text := sc.text
	rl := wordRunLen(text, i+1, b)
	if foldLookup(sc.lx.slash, text[a:i+1+rl]) {
		return true
	}
	left := text[a:i]
	right := text[i+1 : i+1+rl]
	if !allDigits(right) {
		return false
	}
	// Split off any earlier date part: "11/28" of "11/28/2000".
	if k := lastByte(left, '/'); k >= 0 {
		return allDigits(left[k+1:]) && allDigits(left[:k])
	}
	if !allDigits(left) {
		return false
	}
	if j := i + 1 + rl; j < b && text[j] == '/' && j+1 < b && isDigitByte(text[j+1]) {
		return true // three-part date
	}
	if len(left) > 2 || len(right) > 2 || len(left)+len(right) < 3 {
		return false
	}
	m, d := atoi2(left), atoi2(right)
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func lastByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func atoi2(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// abbrevKind decides whether the word text[a:end], followed by a period
// at end, is an abbreviation that keeps the period.
func (sc *scanner) abbrevKind(a, end, b int) abbrevKind {
	text := sc.text
	w := text[a:end]
	if k, ok := sc.lx.abbrev[w]; ok {
		if k != abbrevNumeric {
			return k
		}
		// "No. 5": a digit must follow, after at most some spaces.
		j := end + 1
		for j < len(text) && (text[j] == ' ' || text[j] == 0xA0) {
			j++
		}
		if j < len(text) && isDigitByte(text[j]) {
			return abbrevPlain
		}
		return abbrevNone
	}
	r, n := decode(text, a)
	if n == len(w) && isLetterRune(r) {
		return abbrevPlain // an initial: "J." or "b."
	}
	// Dotted abbreviations: U.S, e.g, a.m, Ph.D, U.S.A.
	dots, letters, maxPart, part := 0, 0, 0, 0
	for k := 0; k < len(w); k++ {
		c := w[k]
		switch {
		case c == '.':
			dots++
			part = 0
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			letters++
			part++
			if part > maxPart {
				maxPart = part
			}
		default:
			return abbrevNone
		}
	}
	if dots > 0 && maxPart <= 3 {
		return abbrevPlain
	}
	return abbrevNone
}

// punct scans punctuation or a symbol at i (rune r of width n) inside the
// chunk [a, b).
func (sc *scanner) punct(i, a, b int, r rune, n int) int {
	text := sc.text
	if e := sc.emoticon(i, b); e > i {
		sc.emit(i, e, kSymbol, fEmoticon)
		return e
	}
	switch {
	case isTerminalRune(r):
		j := i + n
		periods := r == '.' || r == '…'
		count := 1
		for j < b {
			r2, n2 := decode(text, j)
			if !isTerminalRune(r2) {
				break
			}
			if r2 != '.' && r2 != '…' {
				periods = false
			}
			count++
			j += n2
		}
		f := fTerminal
		if periods && (count > 1 || r == '…') {
			f |= fEllipsis
		}
		sc.emit(i, j, kPunct, f)
		return j
	case isQuoteRune(r):
		return sc.quote(i, a, b, r, n)
	case r == '(' || r == '[' || r == '{':
		sc.emit(i, i+1, kPunct, fOpenBr)
		return i + 1
	case r == ')' || r == ']' || r == '}':
		sc.emit(i, i+1, kPunct, fCloseBr)
		return i + 1
	case r == ',' || r == ';' || r == '،' || r == '؛':
		sc.emit(i, i+n, kPunct, fComma)
		return i + n
	case r == ':':
		sc.emit(i, i+n, kPunct, fComma|fColon)
		return i + n
	case isArtRune(r):
		j := i + 1
		same := true
		for j < b && isArtRune(rune(text[j])) {
			if text[j] != text[i] {
				same = false
			}
			j++
		}
		if !same && j-i >= 2 {
			sc.emit(i, j, kPunct, 0) // "->", "===>", "|--+--|"
			return j
		}
		// A run of one character: "--", "***", "<<". A lone '-' glued
		// between two words was split by word and stays one character.
		j = i + 1
		for j < b && text[j] == text[i] {
			j++
		}
		var f tflag
		if r == '-' {
			f = fDash
		}
		if j-i >= 3 && (r == '*' || r == '=' || r == '_' || r == '~' || r == '#' || r == '-' && j-i >= 4) {
			f |= fRule // "*****", "=====", "-----"
		}
		sc.emit(i, j, kPunct, f)
		return j
	case isDashRune(r):
		j := i + n
		for j < b {
			r2, n2 := decode(text, j)
			if r2 != r {
				break
			}
			j += n2
		}
		sc.emit(i, j, kPunct, fDash)
		return j
	case r == '$':
		j := i + 1
		for j < b && text[j] == '$' {
			j++
		}
		sc.emit(i, j, kSymbol, 0)
		return j
	case r == utf8.RuneError && n == 1:
		// Invalid bytes: one token for a run of them.
		j := i + 1
		for j < b {
			r2, n2 := decode(text, j)
			if r2 != utf8.RuneError || n2 != 1 {
				break
			}
			j++
		}
		sc.emit(i, j, kSymbol, 0)
		return j
	}
	// Any other symbol, with the modifiers of an emoji sequence.
	j := i + n
	for j < b {
		r2, n2 := decode(text, j)
		switch {
		case r2 == 0xFE0E || r2 == 0xFE0F || r2 == 0x20E3 || (r2 >= 0x1F3FB && r2 <= 0x1F3FF) ||
			(r2 >= 0xE0020 && r2 <= 0xE007F) || unicode.IsMark(r2):
			j += n2
			continue
		case r2 == 0x200D && j+n2 < b:
			_, n3 := decode(text, j+n2)
			j += n2 + n3
			continue
		case r >= 0x1F1E6 && r <= 0x1F1FF && r2 >= 0x1F1E6 && r2 <= 0x1F1FF && j == i+n:
			j += n2 // a flag: two regional indicators
			continue
		}
		break
	}
	sc.emit(i, j, kSymbol, 0)
	return j
}

// quote scans a quotation mark at i.
func (sc *scanner) quote(i, a, b int, r rune, n int) int {
	text := sc.text
	j := i + n
	// Doubled marks are one token in EWT: '' `` ‘’ ’’.
	if j < b {
		r2, n2 := decode(text, j)
		if (r == '\'' || r == '`') && r2 == r || (r == '‘' || r == '’') && (r2 == '’' || r2 == '‘') {
			sc.emit(i, j+n2, kPunct, fQuote)
			return j + n2
		}
	}
	if r == '\'' || r == '’' || r == '‘' {
		// '72 and ’90s: an abbreviated year is one token.
		k := j
		for k < b && isDigitByte(text[k]) {
			k++
		}
		if k-j == 2 && (k == b || !isWordRune(nextRune(text, k, b)) || text[k] == 's') {
			if k < b && text[k] == 's' {
				k++
			}
			sc.emit(i, k, kWord, 0)
			return k
		}
	}
	// Track single quotes so that a closing quote after a word ending in
	// s is not taken for a plural possessive ("the 'players' union").
	before := i == a || !isWordRune(prevRune(text, i)) && !isTerminalRune(prevRune(text, i))
	after := j < b && isWordRune(nextRune(text, j, b))
	if (r == '\'' || r == '‘') && before && after {
		sc.squote = true
	}
	if (r == '\'' || r == '’') && i > a && !after {
		sc.squote = false
	}
	sc.emit(i, j, kPunct, fQuote)
	return j
}

// emoticon returns the end of an emoticon at i, or i. An emoticon must end
// the chunk or be followed by punctuation, so that "(see:)" style text in
// the middle of words is left alone.
func (sc *scanner) emoticon(i, b int) int {
	text := sc.text
	c := text[i]
	if c != ':' && c != ';' && c != '^' && c != '-' && c != '=' && c != '<' && c != '(' && c != '>' {
		return i
	}
	for _, e := range sc.lx.emoticons {
		if i+len(e) <= b && text[i:i+len(e)] == e {
			k := i + len(e)
			if k == b || !isWordRune(nextRune(text, k, b)) {
				if e == "(:" && k < b {
					continue
				}
				return k
			}
		}
	}
	return i
}
