// Package lang tells the language of an article, so that dyad codes only
// the English ones and keeps the others marked (their events need
// dictionaries of their own). It wraps github.com/abadojack/whatlanggo
// (MIT), a trigram detector of 84 languages in pure Go.
package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// sample is how much of an article is read: a news article's first
// paragraph tells its language as well as the whole text (the figures
// below are the same with 400 and 4,000 bytes), and detection costs time
// in proportion (BenchmarkDetect).
const sample = 500

// Detect returns the ISO 639-3 code of the language of text ("eng",
// "spa") and whether the detector is sure of it: its confidence is at
// least whatlanggo's reliability threshold, which short texts rarely
// reach. On the 2,225 BBC and 89 VOA articles of the data folder no text
// is reliably anything but English; of the 765 Spanish sentences of the
// UD-PETRARCH validation set, 676 are reliably Spanish (docs/sources.md).
func Detect(text string) (code string, reliable bool) {
	if len(text) > sample {
		cut := sample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut-- // not inside a rune
		}
		text = text[:cut]
	}
	if englishWords(text) {
		return "eng", true
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Lang.Iso6393() == "" {
		return "", false
	}
	return info.Lang.Iso6393(), info.IsReliable()
}

// english are frequent English function words that are not also common
// words of another language detected here ("in", "on", "was", "die",
// "for" and "to" are German, French, Scandinavian or Slavic words too).
var english = map[string]bool{
	"the": true, "of": true, "and": true, "said": true, "with": true, "from": true, "that": true,
	"this": true, "which": true, "who": true, "would": true, "been": true, "were": true, "are": true,
	"had": true, "has": true, "have": true, "their": true, "they": true, "his": true, "its": true,
	"it": true, "at": true, "after": true, "not": true, "be": true, "than": true, "there": true,
	"about": true, "into": true, "over": true, "against": true,
}

// englishWords reports whether at least one word in twelve of a text of
// ten words or more is an English function word: running English has one
// in four or five, other languages almost none. Trigrams alone take short
// English news full of names for another language ("Iran launched missile
// and drone strikes on Pakistan on Tuesday …" reads as Finnish).
func englishWords(text string) bool {
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if english[strings.ToLower(w)] {
			hits++
		}
	}
	return words >= 10 && hits*12 >= words
}
