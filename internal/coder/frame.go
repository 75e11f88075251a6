package coder

import "strings"

// A frame is what a clause says about whether its event happened: it
// did, it is intended or promised, or it is only asked for, threatened,
// refused or denied (and the verb that says so codes the event).
type frame uint8

const (
	realized frame = iota
	intended       // "agreed to meet", "will send aid", "is ready to withdraw"
	governed       // "urged X to withdraw", "threatened to attack", "refused to meet"
)

// intentHeads govern an infinitive that states an intention.
var intentHeads = map[string]bool{
	"agree": true, "offer": true, "promise": true, "pledge": true, "vow": true, "decide": true,
	"plan": true, "intend": true, "commit": true, "prepare": true, "ready": true, "willing": true,
	"prepared": true, "eager": true, "determined": true, "want": true, "propose": true,
	"undertake": true, "hope": true, "expect": true, "aim": true, "resolve": true,
}

// embeddingHeads govern an infinitive whose event they code themselves:
// appeals, demands, threats, refusals, denials.
var embeddingHeads = map[string]bool{
	"urge": true, "ask": true, "call": true, "appeal": true, "demand": true, "request": true,
	"press": true, "threaten": true, "refuse": true, "decline": true, "reject": true, "deny": true,
	"fail": true, "warn": true, "oppose": true, "invite": true, "encourage": true, "order": true,
	"force": true, "allow": true, "permit": true, "tell": true, "advise": true, "persuade": true,
}

// futureAux mark an intention on the verb itself.
var futureAux = map[string]bool{"will": true, "would": true, "shall": true, "'ll": true}

// frameOf classifies the clause of verb i.
func (t *tree) frameOf(i int) frame {
	for _, k := range t.kids[i] {
		if t.rel(k) == "aux" && futureAux[strings.ToLower(t.s.Words[k].Lemma)] {
			return intended
		}
	}
	if t.rel(i) != "xcomp" {
		return realized
	}
	h := t.head(i)
	if h < 0 {
		return realized
	}
	l := strings.ToLower(t.s.Words[h].Lemma)
	switch {
	case intentHeads[l]:
		return intended
	case embeddingHeads[l]:
		return governed
	}
	return realized
}

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
	for n := len(code); n >= 2; n-- {
		if c, ok := intentCodes[code[:n]]; ok {
			return c
		}
	}
	return ""
}
