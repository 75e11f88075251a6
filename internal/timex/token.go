package timex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the class of a token.
type kind uint8

const (
	word  kind = iota // letters, with inner periods and apostrophes ("p.m.", "Jan.", "o'clock")
	num               // digits, with inner : / . , - ("10:30", "2024-01-16", "1,200")
	punct             // anything else, one rune
)

// token is a word, number or punctuation mark of the text.
type token struct {
	start, end int // bytes in the text
	text       string
	low        string
	kind       kind
	glued      bool // no space between this token and the next
	sentEnd    bool // a sentence ends after this token
}

// tokenize splits text into tokens with their byte offsets. It reads any
// bytes: invalid UTF-8 is punctuation.
func tokenize(text string) []token {
	var ts []token
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
			continue
		case unicode.IsLetter(r):
			j := scanWord(text, i)
			ts = append(ts, token{start: i, end: j, text: text[i:j], kind: word})
			i = j
		case r >= '0' && r <= '9':
			j := scanNumber(text, i)
			if k := rangeDash(text[i:j], text[j:]); k > 0 {
				// "1915-17", "6-7": two numbers and a dash
				ts = append(ts, token{start: i, end: i + k, text: text[i : i+k], kind: num},
					token{start: i + k, end: i + k + 1, text: "-", kind: punct})
				i += k + 1
			}
			ts = append(ts, token{start: i, end: j, text: text[i:j], kind: num})
			i = j
		default:
			ts = append(ts, token{start: i, end: i + w, text: text[i : i+w], kind: punct})
			i += w
		}
	}
	for k := range ts {
		ts[k].low = strings.ToLower(ts[k].text)
		if k+1 < len(ts) {
			ts[k].glued = ts[k].end == ts[k+1].start
		}
		if t := ts[k]; t.kind == punct && (t.text == "." || t.text == "!" || t.text == "?") {
			ts[k].sentEnd = true
		}
		if t := ts[k]; t.kind == word && strings.HasSuffix(t.text, ".") && k+1 < len(ts) && isUpperStart(ts[k+1].text) && !abbrevs[strings.ToLower(t.text)] {
			ts[k].sentEnd = true // "… in 1998 p.m. The …" is rare; "Inc. The" ends
		}
	}
	return ts
}

// abbrevs end with a period that does not end a sentence.
var abbrevs = map[string]bool{
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true, "mon.": true, "tue.": true,
	"tues.": true, "wed.": true, "thu.": true, "thur.": true, "thurs.": true, "fri.": true, "sat.": true,
	"sun.": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true, "gen.": true, "sen.": true,
	"rep.": true, "gov.": true, "st.": true, "u.s.": true, "u.n.": true, "a.m.": true, "p.m.": true,
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// scanWord returns the end of the word starting at i: letters, and inner
// periods or apostrophes followed by a letter ("p.m", "o'clock"), and a
// final period after a single letter or a known abbreviation ("p.m.",
// "Jan.").
func scanWord(text string, i int) int {
	j := i
	for j < len(text) {
		r, w := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) {
			j += w
			continue
		}
		if (r == '.' || r == '\'' || r == '’') && j+w < len(text) {
			n, nw := utf8.DecodeRuneInString(text[j+w:])
			switch {
			case !unicode.IsLetter(n):
			case r == '.' && j-i <= 2: // "p.m", "U.S"
				j += w
				continue
			case r != '.' && !possessive(text[j+w:], nw): // "o'clock", not "Friday's"
				j += w
				continue
			}
		}
		break
	}
	if j < len(text) && text[j] == '.' {
		w := strings.ToLower(text[i:j]) + "."
		if abbrevs[w] || strings.Contains(text[i:j], ".") {
			j++
		}
	}
	return j
}

// possessive reports whether rest, which follows an apostrophe, is the
// possessive "s" ending the word.
func possessive(rest string, w int) bool {
	if rest[0] != 's' && rest[0] != 'S' {
		return false
	}
	if len(rest) == w {
		return true
	}
	n, _ := utf8.DecodeRuneInString(rest[w:])
	return !unicode.IsLetter(n)
}

// scanNumber returns the end of the number starting at i: digits with
// inner ':', '/', '.', ',' and '-' each followed by a digit, and an
// ordinal suffix ("16th") or a decade's "s" ("1990s").
func scanNumber(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if c >= '0' && c <= '9' {
			j++
			continue
		}
		if (c == ':' || c == '/' || c == '.' || c == ',' || c == '-') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	for _, suf := range []string{"st", "nd", "rd", "th", "s"} {
		if len(text)-j >= len(suf) && strings.EqualFold(text[j:j+len(suf)], suf) {
			k := j + len(suf)
			if k == len(text) || !unicode.IsLetter(rune(text[k])) {
				return k
			}
		}
	}
	return j
}

// rangeDash returns the offset of the dash in a number that is a range
// of years, "1915-17" or "1861-1865" (the second year after the first,
// in the same century for two digits, within a century for four), of
// years before rest " BC", "499-493", or of days, "6-7" (the grammar
// reads the days only next to a month: a score "6-7" stays no date),
// else 0. ISO months ("2024-01") are not ranges: their second part is
// smaller.
func rangeDash(s, rest string) int {
	dash := strings.IndexByte(s, '-')
	if dash < 1 || dash > 4 || len(s)-dash-1 < 1 || len(s)-dash-1 > 4 {
		return 0
	}
	first, err1 := strconv.Atoi(s[:dash])
	second, err2 := strconv.Atoi(s[dash+1:])
	if err1 != nil || err2 != nil {
		return 0
	}
	r := strings.TrimLeft(rest, " ")
	switch {
	case len(r) < len(rest) && (strings.HasPrefix(r, "BC") || strings.HasPrefix(r, "B.C.")):
		return dash // "499-493 BC"
	case dash <= 2 && len(s) <= 5 && first >= 1 && first < second && second <= 31:
		return dash // "6-7 January"
	case dash != 4 || first < 1000 || first > 2199:
		return 0
	}
	if len(s) == 7 {
		second += first / 100 * 100
	}
	if len(s) != 7 && len(s) != 9 || second <= first || second-first >= 100 {
		return 0
	}
	return dash
}
