package ud

import (
	"slices"
	"strings"
)

// score adds the word-level counts of one aligned document pair to sc.
// g2s and s2g map gold word indices to system ones and back, -1 where a
// word is not aligned.
func score(sc *Scores, g, s *side, g2s, s2g []int) {
	wordMetrics := []*Metric{&sc.Words, &sc.UPOS, &sc.XPOS, &sc.UFeats, &sc.AllTags, &sc.Lemmas, &sc.UAS, &sc.LAS}
	contentMetrics := []*Metric{&sc.CLAS, &sc.MLAS, &sc.BLEX}
	gContent, sContent := 0, 0
	for i := range g.words {
		if g.words[i].content {
			gContent++
		}
	}
	for i := range s.words {
		if s.words[i].content {
			sContent++
		}
	}
	for _, m := range wordMetrics {
		m.Gold += len(g.words)
		m.System += len(s.words)
	}
	for _, m := range contentMetrics {
		m.Gold += gContent
		m.System += sContent
	}
	// sysHead maps the head of a system word into gold indices, so that it
	// can be compared with the gold word's head.
	sysHead := func(h int) int {
		switch {
		case h == headNone:
			return headSysNone
		case h < 0:
			return h
		case s2g[h] < 0:
			return headUnaligned
		}
		return s2g[h]
	}
	for gi, si := range g2s {
		if si < 0 {
			continue
		}
		gw, sw := &g.words[gi], &s.words[si]
		sc.Words.Correct++
		for _, m := range wordMetrics[1:] {
			m.Aligned++
		}
		upos, xpos, feats := gw.upos == sw.upos, gw.xpos == sw.xpos, gw.feats == sw.feats
		lemma := lemmaMatch(gw.lemma, sw.lemma)
		uas := gw.head == sysHead(sw.head)
		las := uas && gw.deprel == sw.deprel
		count(&sc.UPOS, upos)
		count(&sc.XPOS, xpos)
		count(&sc.UFeats, feats)
		count(&sc.AllTags, upos && xpos && feats)
		count(&sc.Lemmas, lemma)
		count(&sc.UAS, uas)
		count(&sc.LAS, las)
		if !gw.content {
			continue
		}
		for _, m := range contentMetrics {
			m.Aligned++
		}
		count(&sc.CLAS, las)
		count(&sc.MLAS, las && upos && feats && childrenMatch(g, s, gw, sw, s2g))
		count(&sc.BLEX, las && lemma)
	}
}

func count(m *Metric, ok bool) {
	if ok {
		m.Correct++
	}
}

// lemmaMatch compares lemmas exactly, except that a gold lemma of "_" (or
// none) means the treebank does not annotate it and any system lemma counts
// as correct, as in the shared task.
func lemmaMatch(gold, system string) bool {
	return gold == "_" || gold == "" || gold == system
}

// childrenMatch reports whether the function-word children of the aligned
// content words gw and sw correspond one to one, in order: each system
// child is aligned to the gold child at the same position and has the same
// relation, UPOS and universal features. This is the part of MLAS beyond
// CLAS, UPOS and UFeats.
func childrenMatch(g, s *side, gw, sw *word, s2g []int) bool {
	if len(gw.children) != len(sw.children) {
		return false
	}
	for k, gi := range gw.children {
		si := sw.children[k]
		gc, sc := &g.words[gi], &s.words[si]
		if s2g[si] != gi || gc.deprel != sc.deprel || gc.upos != sc.upos || gc.feats != sc.feats {
			return false
		}
	}
	return true
}

// universalRel drops the language-specific subtype of a relation:
// "acl:relcl" becomes "acl". The shared task compares relations this way in
// LAS, CLAS, MLAS and BLEX.
func universalRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// isContent reports whether a relation (without subtype) attaches a content
// word, the words CLAS, MLAS and BLEX are computed over.
func isContent(rel string) bool {
	switch rel {
	case "nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "vocative",
		"expl", "dislocated", "advcl", "advmod", "discourse", "nmod", "appos",
		"nummod", "acl", "amod", "conj", "fixed", "flat", "compound", "list",
		"parataxis", "orphan", "goeswith", "reparandum", "root", "dep":
		return true
	}
	return false
}

// isFunctional reports whether a relation (without subtype) attaches a
// function word, whose annotation MLAS checks together with its head.
func isFunctional(rel string) bool {
	switch rel {
	case "aux", "cop", "mark", "det", "clf", "case", "cc":
		return true
	}
	return false
}

// isUniversalFeature reports whether name is one of the universal features
// of UD v2 that the shared task scored; language-specific features and
// later additions (such as Typo or ExtPos) are ignored by UFeats.
func isUniversalFeature(name string) bool {
	switch name {
	case "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender",
		"Animacy", "Number", "Case", "Definite", "Degree", "VerbForm", "Mood",
		"Tense", "Aspect", "Voice", "Evident", "Polarity", "Person", "Polite":
		return true
	}
	return false
}

// universalFeats returns the universal features of a FEATS value in sorted
// order, so that equal feature sets compare equal as strings.
func universalFeats(feats string) string {
	if feats == "" || feats == "_" {
		return ""
	}
	canonical, prev := true, ""
	for f := range strings.SplitSeq(feats, "|") {
		name, _, _ := strings.Cut(f, "=")
		if !isUniversalFeature(name) || f <= prev {
			canonical = false
			break
		}
		prev = f
	}
	if canonical {
		return feats
	}
	var keep []string
	for f := range strings.SplitSeq(feats, "|") {
		name, _, _ := strings.Cut(f, "=")
		if isUniversalFeature(name) {
			keep = append(keep, f)
		}
	}
	slices.Sort(keep)
	return strings.Join(keep, "|")
}
