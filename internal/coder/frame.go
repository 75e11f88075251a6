package coder

import (
	"strings"

	"github.com/dyadproject/dyad/internal/mention"
)

// A frame is what a clause says about whether its event happened: it
// did, it is intended or promised, or it is only asked for, threatened,
// refused or denied (and the verb that says so codes the event).
type frame uint8

const (
	realized    frame = iota
	intended          // "agreed to meet", "will send aid", "is ready to withdraw"
	governed          // "urged X to withdraw", "threatened to attack", "refused to meet"
	obliged           // "Sudan must return the helicopter", "Israel should withdraw"
	conditioned       // "will withdraw its force unless …": a threat
	speculative       // "France may have beaten Scotland": no event in dyad's coding
)

// conditional reports whether verb i has an "unless" clause ("will
// launch an offensive unless Baghdad accepts"). "If" clauses are left
// out: "ready to send aid if it is attacked" is a promise.
func (t *tree) conditional(i int) bool { return t.condition(i, "unless") }

// condition reports whether verb i has a clause introduced by one of the
// marks.
func (t *tree) condition(i int, marks ...string) bool {
	for _, k := range t.kids[i] {
		if t.rel(k) == "advcl" && t.marked(k, marks...) {
			return true
		}
	}
	return false
}

// intentHeads govern an infinitive that states an intention.
var intentHeads = map[string]bool{
	"agree": true, "offer": true, "promise": true, "pledge": true, "vow": true, "decide": true,
	"plan": true, "intend": true, "commit": true, "prepare": true, "ready": true, "willing": true,
	"prepared": true, "eager": true, "determined": true, "want": true, "propose": true,
	"undertake": true, "hope": true, "expect": true, "aim": true, "resolve": true, "swear": true,
}

// embeddingHeads govern an infinitive whose event they code themselves:
// appeals, demands, threats, refusals, denials.
var embeddingHeads = map[string]bool{
	"urge": true, "ask": true, "call": true, "appeal": true, "demand": true, "request": true,
	"press": true, "threaten": true, "refuse": true, "decline": true, "reject": true, "deny": true,
	"fail": true, "warn": true, "oppose": true, "invite": true, "encourage": true, "order": true,
	"force": true, "allow": true, "permit": true, "tell": true, "advise": true, "persuade": true,
	"pressure": true, "pressurize": true, "pressurise": true, "push": true, "lobby": true, "require": true,
	"compel": true, "oblige": true, "instruct": true, "direct": true, "beg": true, "implore": true,
}

// embeddingNouns govern an infinitive as embeddingHeads do: "pressure
// from Congress to help Iran", "a call to withdraw".
var embeddingNouns = map[string]bool{
	"pressure": true, "call": true, "appeal": true, "demand": true, "request": true, "plea": true,
	"order": true, "invitation": true, "threat": true, "ultimatum": true, "refusal": true, "bid": true,
}

// futureAux mark an intention on the verb itself.
var futureAux = map[string]bool{"will": true, "would": true, "shall": true, "'ll": true}

// intentNouns govern an infinitive that states an intention: "an
// agreement to exchange prisoners".
var intentNouns = map[string]bool{
	"agreement": true, "deal": true, "accord": true, "consensus": true, "understanding": true,
	"pledge": true, "promise": true, "plan": true, "commitment": true, "decision": true, "offer": true,
}

// speculativeAux mark what may happen: a threat when a condition is
// attached ("may halt mediation if cooperation founders"), else no event
// ("France may have beaten Scotland", "may not be welcomed").
var speculativeAux = map[string]bool{"may": true, "might": true}

// obligingAux mark what someone is told to do.
var obligingAux = map[string]bool{"must": true, "should": true, "ought": true}

// frameOf classifies the clause of verb i.
func (t *tree) frameOf(i int) frame { return t.frameAt(i, 0) }

// maxFrameDepth bounds the climb through governing clauses.
const maxFrameDepth = 8

func (t *tree) frameAt(i, depth int) frame {
	if depth > maxFrameDepth {
		return realized
	}
	for _, k := range t.kids[i] {
		if t.rel(k) != "aux" {
			continue
		}
		l := strings.ToLower(t.s.Words[k].Lemma)
		switch {
		case futureAux[l] && t.conditional(i), speculativeAux[l] && t.condition(i, "if", "unless"):
			return conditioned
		case speculativeAux[l]:
			return speculative
		case futureAux[l]:
			return intended
		case obligingAux[l]:
			return obliged
		}
	}
	if depth == 0 && t.inCondition(i) {
		// "… unless President Oueddei arranged a ceasefire with rebels
		// fighting to topple his government": nothing in a condition
		// happened.
		return governed
	}
	rel := t.rel(i)
	if rel == "acl" {
		if h := t.head(i); h >= 0 && t.s.Words[h].UPOS == "NOUN" {
			switch l := strings.ToLower(t.s.Words[h].Lemma); {
			case embeddingNouns[l]:
				return governed
			case intentNouns[l] && t.purpose(i):
				// "reached a consensus to exchange information", "signed
				// a deal to build a pipeline": what is agreed is intended.
				return intended
			}
		}
		return realized
	}
	if rel != "xcomp" && rel != "advcl" {
		return realized
	}
	h := t.head(i)
	if h < 0 {
		return realized
	}
	if rel == "advcl" {
		// "… unless the president agrees to step down": a condition is
		// no event.
		if t.marked(i, "if", "unless") {
			return governed
		}
		// "was pressured by Congress to help Iran" (the infinitive
		// parsed as a clause of purpose) is governed as an xcomp is.
		if t.purpose(i) && embeddingHeads[strings.ToLower(t.s.Words[h].Lemma)] {
			return governed
		}
		// "will meet in Zurich to discuss …": a purpose shares the
		// intention of the verb it serves.
		if t.purpose(i) && t.frameAt(h, depth+1) == intended {
			return intended
		}
		return realized
	}
	l := strings.ToLower(t.s.Words[h].Lemma)
	switch {
	case intentHeads[l]:
		// "the US must be ready to mediate": what the speaker demands.
		if t.frameAt(h, depth+1) == obliged {
			return obliged
		}
		return intended
	case embeddingHeads[l]:
		return governed
	}
	if t.frameAt(h, depth+1) == intended {
		return intended
	}
	return realized
}

// inCondition reports whether word i is inside a clause introduced by
// "if" or "unless".
func (t *tree) inCondition(i int) bool {
	for d := 0; i >= 0 && d < maxFrameDepth; d++ {
		if t.rel(i) == "advcl" && t.marked(i, "if", "unless") {
			return true
		}
		i = t.head(i)
	}
	return false
}

// marked reports whether clause i is introduced by one of the words.
func (t *tree) marked(i int, words ...string) bool {
	for _, k := range t.kids[i] {
		if t.rel(k) == "mark" {
			for _, w := range words {
				if strings.EqualFold(t.s.Words[k].Lemma, w) {
					return true
				}
			}
		}
	}
	return false
}

// purpose reports whether clause i is an infinitive of purpose ("to
// discuss").
func (t *tree) purpose(i int) bool { return t.marked(i, "to") }

// intentCodes map cooperative codes to the CAMEO code of the intention to
// do them (root 03), most specific first; PLOVER codes such promises as
// AGREE.
var intentCodes = map[string]string{
	"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
	"061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"081": "0351", "0861": "0353", "085": "0354", "087": "0356", "0871": "0356",
	"083": "0342", "084": "0344", "086": "0355",
}

// intentCode returns the code of the intention to do code, or "" when
// code is not cooperative.
func intentCode(code string) string {
	if verbalRoot(code) {
		return code // "will condemn", "would propose": the act itself
	}
	return longestPrefix(intentCodes, code)
}

// verbalRoot reports whether code is a verbal act (statements, appeals,
// intentions, demands, disapproval, rejection, threats): announcing it
// for the future is still that act, as CAMEO codes it.
func verbalRoot(code string) bool {
	switch code[:2] {
	case "01", "02", "03", "10", "11", "12", "13":
		return true
	}
	return false
}

// threatCodes map conflictual codes to the CAMEO threat of them (root 13):
// PLOVER codes announced conflict as THREATEN.
var threatCodes = map[string]string{
	"14": "133", "15": "138", "16": "131", "161": "1313", "163": "1312", "164": "134",
	"17": "137", "172": "132", "18": "138", "19": "1384", "20": "1383",
}

// threatCode returns the code of a threat to do code, or "".
func threatCode(code string) string { return longestPrefix(threatCodes, code) }

// rejectCodes map cooperative codes to the refusal of them (root 12).
var rejectCodes = map[string]string{
	"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124",
	"083": "123", "084": "123", "087": "1246",
}

// rejectCode returns the code of refusing to do code, or "".
func rejectCode(code string) string { return longestPrefix(rejectCodes, code) }

// demandCodes map codes to the demand that they be done (root 10).
var demandCodes = map[string]string{
	"03": "100", "04": "106", "05": "102", "06": "101", "07": "103", "08": "105",
	"081": "1051", "083": "104", "087": "1056", "0841": "1053",
	"10": "100", "11": "100", "12": "100", "13": "100", "14": "100", "15": "100", "16": "100",
	"17": "100", "18": "100", "19": "100", "20": "100",
}

// demandCode returns the code of demanding code, or "".
func demandCode(code string) string { return longestPrefix(demandCodes, code) }

func longestPrefix(m map[string]string, code string) string {
	for n := len(code); n >= 2; n-- {
		if c, ok := m[code[:n]]; ok {
			return c
		}
	}
	return ""
}

// sayingVerbs report what others must do.
var sayingVerbs = map[string]bool{
	"say": true, "declare": true, "announce": true, "insist": true, "state": true, "tell": true,
	"stress": true, "warn": true, "add": true, "reiterate": true, "argue": true, "demand": true,
	"conclude": true, "write": true, "believe": true, "maintain": true, "urge": true,
}

// sayingNouns carry what others must do: "a reminder to Iraq that it
// must cooperate".
var sayingNouns = map[string]bool{
	"reminder": true, "warning": true, "statement": true, "demand": true, "call": true,
	"appeal": true, "declaration": true, "ultimatum": true, "message": true, "letter": true,
	"insistence": true, "request": true,
}

// speaker returns the subject of the verb of saying whose complement
// holds verb i ("Russia said [Sudan must return …]"), or of the verb whose
// object is a noun of saying that the clause completes ("Chirac issued a
// reminder to Iraq [that it must cooperate]").
func (t *tree) speaker(i int) []mention.Mention {
	for j, depth := i, 0; depth < 3; depth++ {
		h := t.head(j)
		if h < 0 {
			return nil
		}
		hl := strings.ToLower(t.s.Words[h].Lemma)
		switch {
		case t.rel(j) == "ccomp" && sayingVerbs[hl]:
			return t.verbSource(h)
		case (t.rel(j) == "acl" || t.rel(j) == "ccomp") && sayingNouns[hl]:
			if v := t.head(h); v >= 0 && t.s.Words[v].UPOS == "VERB" {
				return t.verbSource(v)
			}
			return nil
		}
		j = h
	}
	return nil
}
