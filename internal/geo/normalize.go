package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the key under which the gazetteer files a name: lower
// case, diacritics removed (Ḩudaydah → hudaydah, Łódź → lodz), hyphens,
// dashes, slashes and other punctuation read as spaces, apostrophes and
// periods dropped (Ma'rib → marib, D.C. → dc), spaces collapsed, and the
// abbreviations St, Ste, Mt and Ft spelled out as words (St. Petersburg →
// saint petersburg). Names that differ only in these ways are the same
// key, so Lookup("ST. PETERSBURG") finds Saint Petersburg.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start, or after a space: drop leading and repeated spaces
	emit := func(r rune) {
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			return
		}
		b.WriteRune(r)
		space = false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			emit(r)
		case r >= 'A' && r <= 'Z':
			emit(r + 'a' - 'A')
		case r == '\'' || r == '.' || r == '`' || r == 0x2019 || r == 0x2018 || r == 0x02BB || r == 0x02BC || r == 0x00B4 || r == 0x02BE || r == 0x02BF:
			// apostrophes, ʻokina, ayn and hamza signs, periods: dropped
		case r < utf8.RuneSelf:
			emit(' ') // hyphens, commas, parentheses, slashes, spaces, controls
		case unicode.Is(unicode.Mn, r):
			// combining marks left by the decomposition: diacritics
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := fold[r]; ok {
				for _, c := range f {
					emit(c)
				}
				continue
			}
			emit(unicode.ToLower(r))
		default:
			emit(' ') // dashes, no-break spaces, other punctuation and symbols
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	if !strings.Contains(out, "st") && !strings.Contains(out, "mt") && !strings.Contains(out, "ft") {
		return out
	}
	words := strings.Split(out, " ")
	changed := false
	for i, w := range words {
		if full, ok := abbrev[w]; ok {
			words[i] = full
			changed = true
		}
	}
	if !changed {
		return out
	}
	return strings.Join(words, " ")
}

// abbrev spells out the abbreviations of place names.
var abbrev = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// fold maps the Latin letters that have no canonical decomposition to
// their usual ASCII spelling.
var fold = map[rune]string{
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ß': "ss", 'ẞ': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l",
	'ƒ': "f", 'ɨ': "i", 'ʉ': "u", 'ŋ': "ng", 'Ŋ': "ng", 'ə': "e", 'Ə': "e",
}

// wordCount is the number of words of a normalized key.
func wordCount(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}
