package morph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// source tells which part of the model gave a lemma; Annotate lets context
// override only lexicon answers, and the evaluation reports by source.
type source uint8

const (
	srcExact     source = iota // (form, UPOS, XPOS) seen in training
	srcLower                   // (lower-cased form, XPOS) seen in training
	srcIrregular               // hand-written irregular form
	srcVerb                    // form seen with another verb tag
	srcRule                    // suffix rules or a number rule
	srcNone                    // nothing applied: the form itself
)

// lemma finds the lemma of a word; lf is strings.ToLower(form) and xpos has
// been through xposFor. The order goes from the most to the least specific
// evidence.
func (m *Model) lemma(form, lf, upos, xpos string) (string, source) {
	if form == "" {
		return "", srcNone
	}
	if l, ok := m.exact[k3{form, upos, xpos}]; ok {
		return l, srcExact
	}
	if l, ok := m.lower[k2{lf, xpos}]; ok {
		// The form was seen in another case. EWT lemmas of proper nouns
		// follow the form ("Holocaust" even if "holocaust" was seen), except
		// that all-lower and all-upper forms take the seen spelling
		// ("TEHRAN" → "Tehran", "asia" → "Asia").
		if isProper(upos, xpos) && hasUpper(form) && form != strings.ToUpper(form) {
			l = recase(form, lf, strings.ToLower(l), upos, xpos)
		}
		return l, srcLower
	}
	if l, ok := m.irr[k2{lf, xpos}]; ok {
		return recase(form, lf, l, upos, xpos), srcIrregular
	}
	if strings.HasPrefix(xpos, "VB") {
		// A verb form seen with another verb tag ("shot" as VBN, now VBD)
		// has the same lemma.
		if l, ok := m.verbs[lf]; ok {
			return recase(form, lf, l, upos, xpos), srcVerb
		}
	}
	if m.noLem[k2{upos, xpos}] {
		// Pieces of a word split by a typo ("X" with a Penn tag) have none.
		return "", srcRule
	}
	if xpos == "CD" && isGroupedNumber(form) {
		// EWT writes the lemma of "1,200" as "1200".
		return strings.ReplaceAll(form, ",", ""), srcRule
	}
	if l, ok := m.bySuffix(lf, upos, xpos); ok {
		return recase(form, lf, l, upos, xpos), srcRule
	}
	return recase(form, lf, lf, upos, xpos), srcNone
}

// bySuffix applies the suffix rules of the longest endings of lf that the
// training data had for the XPOS group. It prefers, from the longest ending
// down, an edit whose result is a lemma seen in training with the same UPOS,
// then one seen with any UPOS ("shelled" → "shell", not "shel"); failing
// that, for inflected tags, the edit weigh prefers, for others the most
// frequent edit of the longest ending seen on at least two training words,
// else of the longest ending.
func (m *Model) bySuffix(lf, upos, xpos string) (string, bool) {
	g := xposGroup(xpos)
	var levels [maxSuffix + 1][]rule
	n := 0
	for L := min(maxSuffix, len(lf)); L >= 0; L-- {
		if !suffixStart(lf, L) {
			continue
		}
		if rs, ok := m.suffix[k2{g, lf[len(lf)-L:]}]; ok && len(rs) > 0 {
			levels[n] = rs
			n++
		}
	}
	if n == 0 {
		return "", false
	}
	apply := func(r rule) (string, bool) {
		if r.strip > len(lf) {
			return "", false
		}
		return lf[:len(lf)-r.strip] + r.add, true
	}
	for tier := 0; tier < 2; tier++ {
		for _, rs := range levels[:n] {
			for _, r := range rs {
				v, ok := apply(r)
				if !ok || v == "" || v == lf && inflected(xpos) {
					continue
				}
				if tier == 0 && m.knownU[k2{v, upos}] || tier == 1 && m.known[v] {
					return v, true
				}
			}
		}
	}
	if inflected(xpos) {
		return m.weigh(levels[:min(2, n)], apply, upos)
	}
	for _, rs := range levels[:n] {
		if rs[0].n >= 2 {
			return apply(rs[0])
		}
	}
	return apply(levels[0][0])
}

// weigh chooses the lemma of an inflected form that no known lemma
// explains. Each candidate scores the sum of its rule's shares among the
// rules of the two longest matching endings, times how many training lemmas
// of the UPOS end like it (plus one half): "ceded" gives "cede" rather than
// "ced" because verb lemmas end in "-ede" but not in "-ced", while the shares
// keep the spelling habits of the ending ("-pped" → "-p").
func (m *Model) weigh(levels [][]rule, apply func(rule) (string, bool), upos string) (string, bool) {
	type cand struct {
		v     string
		share float64
	}
	var cs []cand
	for _, rs := range levels {
		total := 0
		for _, r := range rs {
			total += r.n
		}
		for _, r := range rs {
			v, ok := apply(r)
			if !ok {
				continue
			}
			sh := float64(r.n) / float64(total)
			i := 0
			for i < len(cs) && cs[i].v != v {
				i++
			}
			if i == len(cs) {
				cs = append(cs, cand{v, 0})
			}
			cs[i].share += sh
		}
	}
	best, bestScore := "", -1.0
	for _, c := range cs {
		score := c.share * (float64(m.ends[k2{upos, lemmaEnding(c.v)}]) + 0.5)
		if score > bestScore {
			best, bestScore = c.v, score
		}
	}
	return best, bestScore >= 0
}

// inflected reports whether words of the tag carry an inflectional ending
// that the lemma drops.
func inflected(xpos string) bool {
	switch xpos {
	case "VBD", "VBN", "VBG", "VBZ", "JJR", "JJS":
		return true
	}
	return false
}

// lemmaEnding returns the last three bytes of a lemma, or more to start on
// a rune; the whole lemma when it is shorter.
func lemmaEnding(l string) string {
	L := min(3, len(l))
	for L < len(l) && !utf8.RuneStart(l[len(l)-L]) {
		L++
	}
	return l[len(l)-L:]
}

// recase gives a lemma found for the lower-cased form the case EWT uses:
// proper nouns keep the case of the form ("Palestinians" → "Palestinian"),
// except that long all-capital words are title-cased ("TEHRAN" → "Tehran")
// while acronyms stay ("NATO"); other lemmas stay as found (lower case, or
// "I").
func recase(form, lf, lem, upos, xpos string) string {
	if !isProper(upos, xpos) || len(lf) != len(form) {
		return lem
	}
	p := commonPrefix(lf, lem)
	out := form[:p] + lem[p:]
	if isShouting(form) {
		r, size := utf8.DecodeRuneInString(out)
		out = string(unicode.ToUpper(r)) + strings.ToLower(out[size:])
	}
	return out
}

// isProper reports whether a word is a proper noun by either tag.
func isProper(upos, xpos string) bool {
	return upos == "PROPN" || xpos == "NNP" || xpos == "NNPS"
}

// isShouting reports whether form is all capital letters and at least five
// of them, the length from which EWT title-cases proper-noun lemmas.
func isShouting(form string) bool {
	n := 0
	for _, r := range form {
		if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 5
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// isGroupedNumber reports whether s is digits grouped by thousands with
// commas, with an optional decimal part: "1,200", "3,202.61".
func isGroupedNumber(s string) bool {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && (frac == "" || strings.Trim(frac, "0123456789") != "") {
		return false
	}
	groups := strings.Split(intPart, ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for i, g := range groups {
		if strings.Trim(g, "0123456789") != "" || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// commonPrefix returns the length in bytes of the longest common prefix of
// a and b that ends on a rune boundary of both.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && (n < len(a) && !utf8.RuneStart(a[n]) || n < len(b) && !utf8.RuneStart(b[n])) {
		n--
	}
	return n
}

// suffixStart reports whether the last L bytes of s start on a rune.
func suffixStart(s string, L int) bool {
	return L == len(s) || L == 0 || utf8.RuneStart(s[len(s)-L])
}

// xposGroup maps tags whose forms share endings and edits to one group for
// the suffix rules: past tense and past participle ("-ed"), base form and
// present ("-s" is not there, but both are bare).
func xposGroup(xpos string) string {
	switch xpos {
	case "VBD", "VBN":
		return "VBD|VBN"
	case "VB", "VBP":
		return "VB|VBP"
	}
	return xpos
}

// nextSig describes the word after i for lemmas that depend on it: a past
// participle by its form ("'s been" has the lemma have), anything else by
// its tag. Adverbs are skipped ("'s never been").
func nextSig(ws []cword, i int) string {
	j := i + 1
	for j < len(ws) && ws[j].xpos == "RB" {
		j++
	}
	if j >= len(ws) {
		return "EOS"
	}
	if ws[j].xpos == "VBN" {
		return ws[j].low
	}
	return ws[j].xpos
}
