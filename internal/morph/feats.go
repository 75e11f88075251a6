package morph

import (
	"strings"
	"unicode"
)

// baseFeats returns the context-free features of a word: the most frequent
// FEATS of its lower-cased form with its tags, else the most frequent of
// words of the same tags and shape ("3/4" is a fraction, "seventeen" a
// number word), else of the same tags.
func (m *Model) baseFeats(form, lf, upos, xpos string) string {
	return m.backoffFeats(m.fLex[k3{lf, upos, xpos}], form, upos, xpos)
}

// backoffFeats is baseFeats given the form's own FEATS counts opts.
func (m *Model) backoffFeats(opts []fcount, form, upos, xpos string) string {
	if len(opts) > 0 {
		return opts[0].feats
	}
	if f, ok := m.fShape[k3{upos, xpos, shapeOf(form)}]; ok {
		return f
	}
	return m.fPOS[k2{upos, xpos}]
}

// shapeOf classes a form by its characters for the feature back-off.
func shapeOf(s string) string {
	var digit, upper, lower, slash, other bool
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == '/':
			slash = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case r == ',' || r == '.' || r == '-':
		default:
			other = true
		}
	}
	switch {
	case digit && slash:
		return "frac"
	case digit && !upper && !lower:
		return "num"
	case digit:
		return "alnum"
	case upper && !lower:
		return "upper"
	case upper:
		return "cap"
	case lower:
		return "lower"
	case other:
		return "other"
	}
	return "punct"
}

// ctxFeats returns the features of word i of a sentence. Where the form's
// features depend on syntax (Person and Number of a finite verb, Voice of a
// participle, Mood of a base form, Case of "it" and "you", PronType of
// "what"), the context tables choose among the FEATS the form had in
// training; elsewhere it is baseFeats.
func (m *Model) ctxFeats(ws []cword, i int, form string) string {
	w := ws[i]
	opts := m.fLex[k3{w.low, w.upos, w.xpos}]
	sg, ok := ctxSig(ws, i)
	if !ok {
		return m.backoffFeats(opts, form, w.upos, w.xpos)
	}
	if len(opts) > 0 {
		if f, ok := m.fCtx1[ctx1Key{w.low, w.upos, w.xpos, sg}]; ok {
			return f
		}
	}
	return m.chooseCtx(ctx2Key{w.upos, w.xpos, sg}, opts, m.backoffFeats(opts, form, w.upos, w.xpos))
}

// chooseCtx picks, among the FEATS the form had in training, the one most
// frequent for words of its tags in this context, the form's own counts
// breaking ties; a form never seen takes the context's most frequent FEATS.
func (m *Model) chooseCtx(k ctx2Key, opts []fcount, base string) string {
	dist := m.fCtx2[k]
	if len(dist) == 0 {
		return base
	}
	if len(opts) == 0 {
		return dist[0].feats
	}
	bestF, bestC, bestN := base, 0, -1
	for _, o := range opts {
		c := 0
		for _, d := range dist {
			if d.feats == o.feats {
				c = d.n
				break
			}
		}
		if c > bestC || c == bestC && c > 0 && o.n > bestN {
			bestF, bestC, bestN = o.feats, c, o.n
		}
	}
	return bestF
}

// ctxSig describes the context of word i for the feature model, or reports
// false for words whose features do not depend on it.
func ctxSig(ws []cword, i int) (sig, bool) {
	switch ws[i].xpos {
	case "VBD", "VBP", "VBZ":
		// The subject usually stands right before the verb and its
		// auxiliaries and adverbs ("we have not seen" → "we").
		j := i - 1
		for j >= 0 && (ws[j].xpos == "RB" || ws[j].xpos == "MD" || isAux(ws[j]) || ws[j].low == "n't" || ws[j].low == "not") {
			j--
		}
		return sig{kind: sigSubj, a: wsig(ws, j)}, true
	case "VBN":
		// Passive when the nearest auxiliary to the left is "be" or "get".
		j, k := i-1, 0
		for j >= 0 && k < 4 && !isAux(ws[j]) {
			if !participleGap(ws[j].xpos) {
				break
			}
			j--
			k++
		}
		if j >= 0 && isAux(ws[j]) {
			return sig{kind: sigAux, a: ws[j].lemma}, true
		}
		return sig{kind: sigAux, a: wsig(ws, i-1)}, true
	case "VB", "VBG", "PRP", "WP", "WRB", "WDT", "MD":
		j := i - 1
		for j >= 0 && ws[j].xpos == "RB" {
			j--
		}
		return sig{kind: sigNeigh, a: wsig(ws, j), b: wsig(ws, i+1)}, true
	}
	return sig{}, false
}

// participleGap reports whether a word with this tag may stand between an
// auxiliary and its participle ("was not", "was he", "has the court").
func participleGap(xpos string) bool {
	switch xpos {
	case "RB", "PRP", "NN", "NNS", "NNP", "DT", "JJ", "CC", ",":
		return true
	}
	return false
}

func isAux(w cword) bool { return w.upos == "AUX" && strings.HasPrefix(w.xpos, "VB") }

// wsig describes word j as a neighbour: function words by their form,
// punctuation as "P", other words by their tag, and the sentence edges.
func wsig(ws []cword, j int) string {
	if j < 0 {
		return "BOS"
	}
	if j >= len(ws) {
		return "EOS"
	}
	w := ws[j]
	switch w.xpos {
	case "PRP", "MD", "TO", "WP", "EX", "DT", "CC", "IN", "WRB", "WDT", "POS", "UH", "RP":
		return w.low
	case ".", ",", ":", "-LRB-", "-RRB-", "``", "''", "HYPH", "NFP":
		return "P"
	}
	if isAux(w) {
		return w.low
	}
	return w.xpos
}
