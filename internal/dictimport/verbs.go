package dictimport

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// CodeKnown reports whether a code is in the ontology the patterns will be
// compiled against; Verbs marks a file whose codes are not all known.
type CodeKnown func(code string) bool

var (
	petrHeaderRE = regexp.MustCompile(`^---\s+(.+?)\s*(\[[^\]]*\])?\s*---\s*$`)
	patternCode  = regexp.MustCompile(`\[([^\]]*)\]\s*$`)
)

// prepositions that introduce a target in a pattern ("- * TO +").
var prepositions = map[string]bool{
	"to": true, "with": true, "against": true, "on": true, "at": true, "for": true, "from": true,
	"into": true, "toward": true, "towards": true, "upon": true, "over": true, "of": true, "in": true,
	"by": true, "about": true, "between": true, "through": true, "under": true, "onto": true,
}

// articles are the words of a pattern's object phrase that no modifier
// relation holds.
var articles = map[string]bool{"the": true, "a": true, "an": true}

// maxExpansions bounds the patterns one line expands into through
// synsets and alternatives.
const maxExpansions = 40

// Verbs converts a TABARI (.verbs) or PETRARCH (--- VERB [code] ---
// blocks) verb dictionary into a dyad pattern file. A verb line becomes
// "CODE verb"; a pattern line ("- * DIPLOMATIC TIES [064]", "- * TO + [042]",
// "- * &TIETYPES TIES [...]") becomes obj=, mod= and prep= options on the
// verb, with synsets and { a | b } alternatives expanded. Patterns with
// words before the verb or that name the source are not expressible over
// a dependency parse in dyad's format and are skipped.
func Verbs(name string, r io.Reader, w io.Writer, f Format, known CodeKnown) (Report, error) {
	var rep Report
	ls, err := lines(r, f)
	if err != nil {
		return rep, fmt.Errorf("read %s: %w", name, err)
	}
	// Synsets: "&NAME" then "+member" lines, anywhere in the file.
	syn := map[string][]string{}
	cur := ""
	for _, l := range ls {
		t := strings.TrimSpace(l.text)
		switch {
		case strings.HasPrefix(t, "&"):
			cur = strings.TrimRight(strings.Fields(t)[0], "_")
		case strings.HasPrefix(t, "+") && cur != "":
			syn[cur] = append(syn[cur], strings.TrimSpace(t[1:]))
		default:
			cur = ""
		}
	}
	var out []string
	unknown := map[string]bool{}
	written := map[string]bool{}
	lastCode := map[string]string{} // a verb's own code, for its irregular forms
	emit := func(code, trig string, opts ...string) {
		if len(opts) == 0 {
			lastCode[trig] = code
		}
		l := strings.TrimSpace(code + " " + trig + " " + strings.Join(opts, " "))
		if written[l] {
			return
		}
		written[l] = true
		if known != nil && !known(code) {
			unknown[code] = true
		}
		out = append(out, l)
		rep.Written++
	}
	var verbs []string // the verbs of the current block
	blockCode := ""    // the code of a PETRARCH block, for its synonyms
	addVerb := func(v string) {
		for _, x := range verbs {
			if x == v {
				return
			}
		}
		verbs = append(verbs, v)
	}
	sect := ""
	for _, l := range ls {
		t := strings.TrimSpace(l.text)
		if section(t, &sect) || strings.HasPrefix(t, "&") || (strings.HasPrefix(t, "+") && !strings.Contains(t, "[")) {
			continue
		}
		if strings.HasPrefix(t, "{") {
			// TABARI's irregular forms of the block's verb ("{ ACTING_
			// ACTXD_ }"): the lemmatizer may leave them as they are, so
			// each becomes a trigger of the block too.
			code := ""
			if len(verbs) > 0 {
				code = lastCode[verbs[0]]
			}
			for _, f := range strings.Fields(strings.Trim(t, "{} ")) {
				v := verbTrigger(strings.TrimRight(f, "_") + "_")
				if v == "" {
					continue
				}
				addVerb(v)
				if code != "" {
					emit(code, v)
				}
			}
			continue
		}
		if m := petrHeaderRE.FindStringSubmatch(t); m != nil {
			rep.Read++
			verbs, blockCode = nil, firstCode(m[2])
			if v := verbTrigger(m[1]); v != "" {
				addVerb(v)
				if blockCode != "" {
					emit(blockCode, v)
				}
			}
			continue
		}
		if strings.HasPrefix(t, "-") {
			rep.Read++
			m := patternCode.FindStringSubmatch(t)
			if m == nil {
				rep.skip(name, l.n, "pattern without a code")
				continue
			}
			code := firstCode("[" + m[1] + "]")
			if code == "" {
				continue // "[---]": the pattern only blocks a coding
			}
			body := strings.TrimSpace(strings.TrimPrefix(t[:len(t)-len(m[0])], "-"))
			if len(verbs) == 0 {
				rep.skip(name, l.n, "pattern before any verb")
				continue
			}
			forms, why := expandPattern(body, syn)
			if why != "" {
				rep.skip(name, l.n, why)
				continue
			}
			for _, v := range verbs {
				for _, f := range forms {
					emit(code, v, f...)
				}
			}
			continue
		}
		// A verb line: "ABANDON  [345]" (TABARI: a new block) or a
		// synonym inside a PETRARCH block.
		rep.Read++
		head := strings.TrimSpace(codeRE.ReplaceAllString(strings.TrimPrefix(t, "+"), ""))
		v := verbTrigger(head)
		if v == "" {
			rep.skip(name, l.n, "not a verb: "+head)
			continue
		}
		code := firstCode(t)
		if !strings.HasPrefix(l.text, " ") && !strings.HasPrefix(l.text, "\t") && strings.Contains(t, "[") &&
			!strings.HasPrefix(t, "+") && blockCode == "" {
			verbs = []string{v} // TABARI: each coded verb line starts a block
		} else {
			addVerb(v)
		}
		if code == "" {
			code = blockCode
		}
		if code != "" {
			emit(code, v)
		}
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# verb patterns imported by dyad dict import from %s (docs/coder.md)\n", name)
	if f == TABARI {
		fmt.Fprintf(bw, "#! verbs: words\n")
	}
	if len(unknown) > 0 {
		codes := make([]string, 0, len(unknown))
		for c := range unknown {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		fmt.Fprintf(bw, "#! codes: any\n# codes outside CAMEO: %s\n", strings.Join(codes, " "))
	}
	for _, o := range out {
		fmt.Fprintln(bw, o)
	}
	return rep, bw.Flush()
}

// verbTrigger turns "CARRY_OUT" into "carry_out", "ABANDON_" into
// "abandon" and the stem "RESTOR" into "restor*" (TABARI and PETRARCH
// match a word without a final "_" as the beginning of words).
func verbTrigger(s string) string {
	s = strings.TrimSpace(s)
	exact := strings.HasSuffix(s, "_")
	f := strings.Fields(strings.ReplaceAll(strings.Trim(s, "_ "), "_", " "))
	if len(f) == 0 || len(f) > 2 {
		return ""
	}
	for _, w := range f {
		for _, r := range w {
			if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == '\'') {
				return ""
			}
		}
	}
	v := strings.ToLower(strings.Join(f, "_"))
	if !exact && len(f) == 1 && len(v) >= 4 {
		v += "*"
	}
	return v
}

// firstCode returns the first code of "[042:043]" style brackets, "" for
// none or "---".
func firstCode(s string) string {
	m := codeRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	c := strings.TrimSpace(m[1])
	if i := strings.IndexAny(c, ": "); i >= 0 {
		c = c[:i]
	}
	if len(c) < 2 || strings.Trim(c, "-") == "" {
		return "" // "---" blocks a coding; one-letter codes are placeholders
	}
	if strings.ContainsAny(c, "=|") {
		return ""
	}
	return c
}

// expandPattern turns the words of a pattern after its dash into sets of
// dyad options, or says why it cannot.
func expandPattern(body string, syn map[string][]string) ([][]string, string) {
	body = strings.NewReplacer("(", " ", ")", " ", "{", " { ", "}", " } ", "|", " | ").Replace(body)
	alts := expandAlternatives(strings.Fields(strings.ReplaceAll(body, "_", " ")))
	var out [][]string
	for _, toks := range alts {
		for _, toks := range expandSynsets(toks, syn) {
			opts, why := patternOptions(toks)
			if why != "" {
				return nil, why
			}
			out = append(out, opts)
			if len(out) >= maxExpansions {
				return out, ""
			}
		}
	}
	return dedupeOpts(out), ""
}

func dedupeOpts(xs [][]string) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for _, x := range xs {
		k := strings.Join(x, " ")
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// expandAlternatives expands "{ A | B }" groups.
func expandAlternatives(toks []string) [][]string {
	for i, t := range toks {
		if t != "{" {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j] != "}" {
			j++
		}
		if j == len(toks) {
			return [][]string{toks}
		}
		var choices [][]string
		var curr []string
		for _, x := range toks[i+1 : j] {
			if x == "|" {
				choices = append(choices, curr)
				curr = nil
				continue
			}
			curr = append(curr, x)
		}
		choices = append(choices, curr)
		var out [][]string
		for _, c := range choices {
			rest := append(append(append([]string{}, toks[:i]...), c...), toks[j+1:]...)
			out = append(out, expandAlternatives(rest)...)
			if len(out) >= maxExpansions {
				break
			}
		}
		return out
	}
	return [][]string{toks}
}

// expandSynsets replaces "&NAME" tokens by each member of the synset.
func expandSynsets(toks []string, syn map[string][]string) [][]string {
	for i, t := range toks {
		if !strings.HasPrefix(t, "&") {
			continue
		}
		members := syn[strings.TrimRight(t, "_")]
		var out [][]string
		for _, m := range members {
			mt := strings.Fields(strings.ReplaceAll(m, "_", " "))
			rest := append(append(append([]string{}, toks[:i]...), mt...), toks[i+1:]...)
			out = append(out, expandSynsets(rest, syn)...)
			if len(out) >= maxExpansions {
				break
			}
		}
		return out
	}
	return [][]string{toks}
}

// patternOptions reads "* DIPLOMATIC TIES", "* TO +", "$ * +" into dyad
// options.
func patternOptions(toks []string) ([]string, string) {
	star := -1
	for i, t := range toks {
		if t == "*" {
			star = i
			break
		}
	}
	if star < 0 {
		return nil, "no verb position (*)"
	}
	// Words before the verb must stand before it, in order: pre=w1|w2.
	// A target marker among them puts the target before the verb
	// (tgt=before), a source marker after it puts the source after
	// (src=after).
	var pre []string
	tgtBefore, srcAfter := false, false
	for _, t := range toks[star+1:] {
		if t == "$" {
			srcAfter = true
		}
	}
	for _, t := range toks[:star] {
		switch {
		case t == "+":
			tgtBefore = true
		case t == "$" || t == "%":
		case strings.HasPrefix(t, "&"):
			return nil, "unknown synset " + t
		case strings.ContainsAny(t, "=|:"):
			return nil, "bad word " + t
		default:
			pre = append(pre, strings.ToLower(t))
		}
	}
	var words []string
	prep := ""
	for _, t := range toks[star+1:] {
		switch t {
		case "$", "%":
			continue
		case "+":
			if n := len(words); n > 0 && prepositions[strings.ToLower(words[n-1])] {
				prep = strings.ToLower(words[n-1])
				words = words[:n-1]
			}
			continue
		}
		if strings.HasPrefix(t, "&") {
			return nil, "unknown synset " + t
		}
		words = append(words, strings.ToLower(t))
	}
	// A preposition heading the remaining words ("* FOR SANCTIONS") makes
	// them a prepositional phrase on the verb: obl=for:sanctions. Alone
	// ("* TO +") it names the target's phrase.
	oblCase := ""
	if len(words) > 0 && prepositions[words[0]] {
		if len(words) == 1 {
			if prep == "" {
				prep = words[0]
			}
		} else {
			oblCase = words[0]
		}
		words = words[1:]
	}
	var opts []string
	if n := len(words); n > 0 {
		// The object's head is its last word before any preposition.
		cut := n
		for i, w := range words {
			if prepositions[w] {
				cut = i
				if prep == "" {
					prep = w
				}
				break
			}
		}
		obj := words[:cut]
		if len(obj) > 0 && oblCase != "" {
			opts = append(opts, "obl="+oblCase+":"+obj[len(obj)-1])
		} else if len(obj) > 0 {
			opts = append(opts, "obj="+obj[len(obj)-1])
		}
		// Every word before the head must modify it ("* IMPROVED
		// ECONOMIC RELATIONS": mod=improved mod=economic), so that the
		// longer pattern wins over a shorter one, as in TABARI.
		for i := len(obj) - 2; i >= 0; i-- {
			if !articles[obj[i]] {
				opts = append(opts, "mod="+obj[i])
			}
		}
	}
	if prep != "" {
		opts = append(opts, "prep="+prep)
	}
	if len(pre) > 0 {
		opts = append(opts, "pre="+strings.Join(pre, "|"))
	}
	if tgtBefore {
		opts = append(opts, "tgt=before")
	}
	if srcAfter {
		opts = append(opts, "src=after")
	}
	if len(opts) == 0 {
		opts = []string{}
	}
	return opts, ""
}
