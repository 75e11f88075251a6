package actor

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

type entryKind uint8

const (
	kindCountry entryKind = iota + 1
	kindAdjective
	kindCapital
	kindMetonym
	kindPerson
	kindIGO
	kindGroup
	kindAgent
	kindNamed
)

// entry is what a name stands for.
type entry struct {
	kind   entryKind
	id     string // country code, person id, org code or agent lemma
	sector string // capitals and metonyms: the sector they stand for
	exact  string // for short all-capital names: the form that must match as written
}

// index maps normalized phrases (see norm) to what they name. Phrases are
// matched word by word, so a name matches only whole words.
type index struct {
	m        map[string][]entry
	prefixes map[string]bool // every phrase that begins a longer indexed phrase
	// stems are phrases whose last word matches any word it begins
	// (written "Ethiop*": the stems of imported TABARI and PETRARCH
	// dictionaries).
	stems    map[string][]entry
	maxWords int
	size     int
}

func newIndex() *index {
	return &index{m: map[string][]entry{}, prefixes: map[string]bool{}, stems: map[string][]entry{}}
}

// minStem is the shortest stem that matches word beginnings.
const minStem = 3

// add indexes name. A name of at most five letters written all in
// capitals ("US", "IS") matches only as written.
func (x *index) add(name string, e entry) error {
	stem := strings.HasSuffix(strings.TrimSpace(name), "*")
	key := norm(strings.TrimSuffix(strings.TrimSpace(name), "*"))
	if key == "" {
		return fmt.Errorf("empty name for %s", e.id)
	}
	if stem {
		last := key[strings.LastIndexByte(key, ' ')+1:]
		if len(last) < minStem {
			return fmt.Errorf("stem %q of %s is shorter than %d letters", name, e.id, minStem)
		}
		x.stems[key] = append(x.stems[key], e)
		x.size++
		x.addPrefixes(key)
		if n := len(strings.Fields(key)); n > x.maxWords {
			x.maxWords = n
		}
		return nil
	}
	if isShortCaps(name) {
		e.exact = strings.Join(strings.Fields(name), " ")
	}
	for _, old := range x.m[key] {
		if old.kind == e.kind && old.id == e.id {
			return nil // the same name twice for one entity is harmless
		}
	}
	x.m[key] = append(x.m[key], e)
	x.size++
	x.addPrefixes(key)
	if n := len(strings.Fields(key)) + strings.Count(key, "'"); n > x.maxWords {
		x.maxWords = n
	}
	return nil
}

// addPrefixes records the phrases that begin key, at word boundaries and
// at the places where a glued clitic or split hyphen may end a word.
func (x *index) addPrefixes(key string) {
	for i := 1; i < len(key); i++ {
		if key[i] == ' ' || key[i] == '\'' || key[i] == '.' {
			x.prefixes[key[:i]] = true
			if key[i] != ' ' {
				x.prefixes[key[:i+1]] = true
			}
		}
	}
}

func isShortCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 5
}

// norm lowercases s, reads hyphens and dashes as spaces, unifies
// apostrophes, collapses spaces and writes the Arabic article "el" as
// "al", so that "Jaish ul-Adl" and "jaish ul adl" are one phrase, and
// "Omar El Bashir" and "Omar al-Bashir" one name.
func norm(s string) string { return arabicArticle(fold(s)) }

// fold lowercases s, reads hyphens and dashes as spaces, unifies
// apostrophes and collapses spaces.
func fold(s string) string {
	// Most words are plain ASCII letters and digits: they need no more
	// than lower-casing.
	plain, upper := true, false
	for i := 0; i < len(s) && plain; i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z':
			upper = true
		case c >= utf8.RuneSelf || c == '-' || c == '`' || c == ' ' || '\t' <= c && c <= '\r':
			plain = false
		}
	}
	if !plain {
		return normRunes(s)
	}
	if upper {
		return strings.ToLower(s)
	}
	return s
}

// normRunes is fold rune by rune.
func normRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r == '-' || r == '‐' || r == '‑' || r == '–' || r == '—' || unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		case r == '’' || r == '‘' || r == 'ʼ' || r == '`':
			r = '\''
		case r == utf8.RuneError:
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// arabicArticle rewrites every word "el" of a normalized phrase as "al".
func arabicArticle(s string) string {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "el")
		if j < 0 {
			return s
		}
		j += i
		if (j == 0 || s[j-1] == ' ') && (j+2 == len(s) || s[j+2] == ' ') {
			return s[:j] + "al" + arabicArticle(s[j+2:])
		}
		i = j + 1
	}
	return s
}

// match is a phrase found in a word sequence: words [first, last).
type match struct {
	first, last int
	entries     []entry
}

// find returns the leftmost-longest, non-overlapping phrases of the
// index in words. keys[i] is norm of word i; raw[i] its form as written;
// glued[i] reports that word i+1 follows word i with no space between.
func (x *index) find(keys, raw []string, glued []bool) []match {
	var (
		out []match
		buf [64]byte
	)
	b := buf[:0] // the phrase from word i to word j; map lookups by string(b) do not allocate
	spaced := func() bool { return len(b) > 0 && b[len(b)-1] == ' ' }
	for i := 0; i < len(keys); {
		best := match{}
		b = b[:0]
		if keys[i] == "" {
			i++
			continue
		}
		for j := i; j < len(keys) && j-i < 2*x.maxWords+1; j++ {
			// A word that normalizes to nothing (a hyphen split off as
			// its own word) reads as the space it stands for.
			if keys[j] == "" {
				if len(b) > 0 && !spaced() {
					b = append(b, ' ')
				}
				continue
			}
			if j > i && !glued[j-1] && !spaced() {
				b = append(b, ' ')
			}
			pre := len(b)
			b = append(b, keys[j]...)
			es, ok := x.m[string(b)]
			if !ok && len(x.stems) > 0 {
				es, ok = x.stem(string(b), pre)
			}
			if !ok {
				if !x.prefixes[string(b)] {
					break
				}
				continue
			}
			es = exactOK(es, raw, glued, i, j+1)
			if len(es) > 0 {
				best = match{i, j + 1, es}
			}
		}
		if best.entries != nil {
			out = append(out, best)
			i = best.last
			continue
		}
		i++
	}
	return out
}

// exactOK drops the case-sensitive entries that words[first:last] do not
// spell exactly.
func exactOK(es []entry, raw []string, glued []bool, first, last int) []entry {
	need := false
	for _, e := range es {
		if e.exact != "" {
			need = true
		}
	}
	if !need {
		return es
	}
	var b strings.Builder
	for j := first; j < last; j++ {
		if j > first && !glued[j-1] {
			b.WriteByte(' ')
		}
		b.WriteString(raw[j])
	}
	text := b.String()
	out := make([]entry, 0, len(es))
	for _, e := range es {
		if e.exact == "" || e.exact == text {
			out = append(out, e)
		}
	}
	return out
}

// stem looks for a stem that the last word of phrase (from byte pre on)
// begins with, longest first.
func (x *index) stem(phrase string, pre int) ([]entry, bool) {
	for end := len(phrase); end >= pre+minStem; end-- {
		if es, ok := x.stems[phrase[:end]]; ok {
			return es, true
		}
	}
	return nil, false
}
