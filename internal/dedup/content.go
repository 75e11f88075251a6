package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
	"unicode/utf8"
)

// ContentHash returns the hex SHA-256 of text with its white space
// normalized, the key of exact duplicates: the same text wrapped into other
// lines, indented, or with trailing spaces or other line endings has one
// hash.
//
// Normalization does exactly this: every maximal run of white space (the
// runes for which unicode.IsSpace holds: space, tab, the line breaks CR, LF,
// VT, FF, NEL, U+2028 and U+2029, the no-break space U+00A0 and the other
// space separators of category Zs) becomes one space U+0020, and runs at
// the start and the end are removed. Nothing else changes: case,
// punctuation, Unicode normal form and zero-width characters are hashed as
// they are, and so are bytes that are not valid UTF-8. Text made only of
// white space hashes as the empty string.
func ContentHash(text string) string {
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	started := false // a non-space rune has been written
	space := false   // a space is owed before the next non-space rune
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			space = started
			i += n
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = append(buf, text[i:i+n]...)
		started = true
		i += n
		if len(buf) >= 4000 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}
