package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds a small tokenizer and sentence splitter that turn raw
// corpus text into roughly UD-English tokens for cluster induction. It is
// not dyad's segmenter (internal/segment) and need not agree with it in
// every detail: clusters only need the frequent patterns right.

// abbrevs keep their final period ("Mr.", "Inc.", "Jan."). Words with an
// inner period ("U.S.", "e.g.") and single letters ("J.") keep it too.
var abbrevs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		Mr Mrs Ms Dr Jr Sr St Mt Ft Messrs Mme Prof Rev Hon Gov Sen Sens Rep Reps
		Gen Col Lt Maj Capt Cpt Sgt Cpl Pvt Adm Cmdr Brig Pres Supt Det Insp Amb
		Inc Corp Co Ltd Bros Cos Dept Univ Assn Ave Blvd Rd Ste No Nos Vol pp
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
		Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
		etc vs approx est fig cf al
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass
		Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis
		Wyo`) {
		m[w] = true
	}
	return m
}()

// Tokenize splits text into tokens much as UD English does: punctuation
// apart, clitics split ("don't" → "do" "n't", "Iran's" → "Iran" "'s"),
// hyphens between letters split, numbers such as "11,000", "3.5" and
// "12:30" kept whole, abbreviations keeping their period, URLs and e-mail
// addresses kept whole. Tokens are substrings of text.
func Tokenize(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			break
		}
		text = text[i:]
		j := strings.IndexFunc(text, unicode.IsSpace)
		if j < 0 {
			j = len(text)
		}
		out = tokenizeChunk(out, text[:j])
		text = text[j:]
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApos(r rune) bool { return r == '\'' || r == '\u2019' }

// runeAt decodes the rune at s[i:], or returns -1 past the end.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func urlish(s string) bool {
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") {
		return true
	}
	at := strings.IndexByte(s, '@')
	return at > 0 && strings.Contains(s[at:], ".") && isWordRune(lastRune(strings.TrimRight(s, ".,;:!?)]}\"'")))
}

// tokenizeChunk tokenizes one whitespace-free chunk.
func tokenizeChunk(out []string, s string) []string {
	if urlish(strings.TrimLeft(s, "([{\"'<")) {
		// Peel brackets and quotes off both ends, keep the rest whole.
		lead := len(s) - len(strings.TrimLeft(s, "([{\"'<"))
		for k := range lead {
			out = append(out, s[k:k+1])
		}
		s = s[lead:]
		core := strings.TrimRight(s, ".,;:!?)]}\"'>")
		out = append(out, core)
		for k := len(core); k < len(s); k++ {
			out = append(out, s[k:k+1])
		}
		return out
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := scanWord(s, i)
			w := s[i:j]
			if j < len(s) && s[j] == '.' && !strings.HasPrefix(s[j:], "..") && keepsPeriod(w) {
				j++
				w = s[i:j]
			}
			out = splitClitics(out, w)
			i = j
		case isApos(r) && i == 0:
			// A clitic written apart: "'s", "'re", "n't" is a word run.
			j := scanWord(s, i+size)
			if j > i+size && isClitic(strings.ToLower(s[i+size:j])) {
				out = append(out, s[i:j])
				i = j
				continue
			}
			out = append(out, s[i:i+size])
			i += size
		default:
			j := i + size
			switch r {
			case '.', '-', '!', '?', '`', '\'', '*', '=', '_':
				// Runs: "...", "--", "?!", "``", "''".
				for j < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					if r2 == r || (r == '!' || r == '?') && (r2 == '!' || r2 == '?') {
						j += n2
						continue
					}
					break
				}
				if r == '\'' && j-i > 2 {
					j = i + 2
				}
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out
}

// scanWord returns the end of the word starting at i: letters, digits and
// marks, joined by an inner period ("U.S", "3.5"), a comma, colon, slash or
// hyphen between digits ("11,000", "12:30", "1/2", "555-1234"), an
// apostrophe or ampersand between letters ("don't", "AT&T").
func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += n
			continue
		}
		if j == i {
			break
		}
		prev := lastRune(s[i:j])
		next, _ := runeAt(s, j+n)
		if next < 0 {
			break
		}
		join := false
		switch {
		case r == '.':
			join = isWordRune(prev) && isWordRune(next)
		case r == ',' || r == ':' || r == '/' || r == '-':
			join = unicode.IsDigit(prev) && unicode.IsDigit(next)
		case isApos(r) || r == '&':
			join = unicode.IsLetter(prev) && unicode.IsLetter(next)
		}
		if !join {
			break
		}
		j += n
	}
	return j
}

func keepsPeriod(w string) bool {
	if abbrevs[w] || strings.Contains(w, ".") {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsLetter(r)
}

func isClitic(l string) bool {
	switch l {
	case "s", "m", "d", "re", "ve", "ll":
		return true
	}
	return false
}

// splitClitics appends w, split before a final clitic, and splits the
// few fused forms UD English splits.
func splitClitics(out []string, w string) []string {
	switch strings.ToLower(w) {
	case "cannot":
		return append(out, w[:3], w[3:])
	case "gonna", "wanna", "gotta":
		return append(out, w[:3], w[3:])
	}
	// Last apostrophe.
	p, n := -1, 0
	for k, r := range w {
		if isApos(r) {
			p, n = k, utf8.RuneLen(r)
		}
	}
	if p <= 0 {
		return append(out, w)
	}
	suf := strings.ToLower(w[p+n:])
	switch {
	case isClitic(suf):
		return append(out, w[:p], w[p:])
	case suf == "t" && p >= 2 && (w[p-1] == 'n' || w[p-1] == 'N'):
		return append(out, w[:p-1], w[p-1:])
	}
	return append(out, w)
}

// SplitSentences splits a paragraph's tokens into sentences: after ".",
// "!", "?" or an ellipsis (and any closing quotes or brackets after it)
// when the next token starts with an upper-case letter, a digit or an
// opening quote or bracket.
func SplitSentences(toks []string) [][]string {
	var out [][]string
	start := 0
	quotes := 0 // straight double quotes seen in this sentence
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t == "\"" {
			quotes++
		}
		if !terminal(t) {
			continue
		}
		j := i + 1
		for j < len(toks) {
			u := toks[j]
			if u == "\"" && quotes%2 == 1 {
				quotes++
			} else if !(u == ")" || u == "]" || u == "''" || u == "\u201D" || u == "\u2019" || u == "'") {
				break
			}
			j++
		}
		if j < len(toks) && !startsSentence(toks[j]) {
			continue
		}
		out = append(out, toks[start:j])
		start, i, quotes = j, j-1, 0
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

func terminal(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if r != '.' && r != '!' && r != '?' && r != '\u2026' {
			return false
		}
	}
	return true
}

func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"\u201C`(['\u2018", r)
}
