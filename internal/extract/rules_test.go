package extract

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/coder"
)

// TestCodingRules checks each coding rule of docs/coder.md on a sentence
// of its own: the events that must be coded and those that must not.
func TestCodingRules(t *testing.T) {
	x := newTestExtractor(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		rule, text string
		want, not  []string // "SRC TGT CODE"
	}{
		{"blame: the agent of the condemned attack", "Pakistan condemned the attack by Israel on the Iranian embassy.",
			[]string{"PAK ISR 111", "ISR IRNGOV 180"}, []string{"PAK IRNGOV 111"}},
		{"parse repair: the first of two adjacent subjects modifies the second", "EU-member Poland is willing to defend Lithuania.",
			[]string{"POL LTU 032"}, []string{"IGOEUREEC LTU 032"}},
		{"place: a sea named after a state is not the state", "Iran sent warships to the Persian Gulf. India deployed ships to the South China Sea.",
			nil, []string{"IRN  150", "IRN IRN 150", "IND  150", "IND CHN 150"}},
		{"place: islands named in a dispute are not an actor", "Japan and China have been disputing the Senkaku/Diaoyu islands for years.",
			nil, []string{"JPN  110", "CHN  110"}},
		{"intention: agreed to meet", "Iran agreed to meet Pakistan.",
			[]string{"IRN PAK 036"}, []string{"IRN PAK 040"}},
		{"intention: will + cooperation", "Hungary said it will support Serbia.",
			[]string{"HUN SRB 032"}, []string{"HUN SRB 051"}},
		{"threat: threatened to attack", "Iran threatened to attack Israel.",
			[]string{"IRN ISR 130"}, []string{"IRN ISR 180"}},
		{"negation", "Iran did not attack Pakistan.",
			nil, []string{"IRN PAK 180"}},
		{"demand: X must … in what Y says", "Russia said Ukraine must withdraw its troops.",
			[]string{"RUS UKR 1056"}, []string{"UKR  087"}},
		{"antecedent: the two countries", "Iran and Pakistan met on Monday. The two countries restored ties.",
			[]string{"IRN PAK 050", "PAK IRN 050"}, nil},
		{"people of a state: Bosnian Serbs", "Bosnian Serbs attacked Croatia.",
			[]string{"BIH HRV 180"}, []string{"SRB HRV 180"}},
		{"title and office on the story date", "President Raisi telephoned President Zardari.",
			[]string{"IRNGOV PAKGOV 041"}, nil},
		{"counterpart", "Iranian President Ebrahim Raisi, in a telephone conversation with his Pakistani counterpart, praised Pakistan.",
			[]string{"IRNGOV PAKGOV 041"}, nil},
		{"light verb and its object", "Pakistan carried out strikes against the Baloch Liberation Army.",
			[]string{"PAK PAKREB 195"}, nil},
		{"same state on both sides gives no event", "Iran praised Tehran.",
			nil, []string{"IRN IRNGOV 051"}},
		{"coercion in the passive is the state where it happens", "Two Americans were arrested in Iran on Monday.",
			[]string{"IRNGOV USA 173"}, nil},
		{"so is investigation", "Two Americans were put under investigation in Iran on Monday.",
			[]string{"IRNGOV USA 090"}, nil},
		{"the one punished or thanked for doing did it", "Iran thanked Pakistan for helping Afghanistan.",
			[]string{"IRN PAK 051", "PAK AFG 070"}, []string{"IRN AFG 070"}},
		{"engaged in: a state, not a passive", "Serb forces were engaged in ethnic cleansing against Albanians.",
			[]string{"SRBMIL ALB 203"}, nil},
		{"a condition is no event", "Iran said it will attack Israel unless the United States agrees to withdraw its troops.",
			[]string{"IRN ISR 138"}, []string{"USA  081", "USA  087"}},
		{"nothing inside a condition happened", "Nigeria announced that it will withdraw its peacekeeping force from Chad unless the president arranged a ceasefire with Chadian rebels fighting to topple his government.",
			[]string{"NGA TCD 130"}, []string{"TCDREB TCDGOV 190"}},
		{"a decision or plan to do something is an intention", "While critical of Britain's decision to relinquish EU membership, he spoke.",
			[]string{"GBR IGOEUREEC 035"}, []string{"GBR IGOEUREEC 080"}},
		{"what may have happened is no event", "Iran may have attacked Israel.",
			nil, []string{"IRN ISR 180"}},
		{"swearing to fight is a threat", "Ethnic Albanians have sworn to fight the Macedonian army.",
			[]string{"ALB MKDMIL 1384"}, []string{"ALB MKDMIL 190"}},
		{"pressure to do something is no event of the doing", "Obama is being pressured by Congress to help Iran.",
			[]string{"USALEG USAGOV 100"}, []string{"USALEG IRN 070"}},
		{"a firefight is a fight with small arms", "Syrian rebels engaged Filipino peacekeepers in a firefight.",
			[]string{"SYRREB PHL 193"}, []string{"PHL SYRREB 190"}},
		{"a sector with no state is of the state where it acts", "Protesters attacked the police station in Cairo.",
			[]string{"EGYCVL EGYCOP 180"}, nil},
		{"the actor of the attack that caused the violence", "Four children were killed in Israeli tank shelling in the Gaza Strip.",
			[]string{"ISRMIL PSECVL 180"}, nil},
		{"predicate adjective", "Iran was critical of Pakistan's decision.",
			[]string{"IRN PAK 111"}, nil},
		{"a title's state beats a namesake's office", "Spanish Prime Minister Pedro Sanchez visited Beijing.",
			[]string{"ESPGOV CHN 042"}, []string{"COLGOV CHN 042"}},
		{"a given name the known person does not bear", "Michael Howard criticised Tony Blair.",
			nil, []string{"AUSGOV GBRGOV 111"}},
		{"one agent of each conjoined state", "The ambassadors of France, Germany and Italy met Iran's foreign minister.",
			[]string{"FRAGOV IRNGOV 040", "DEUGOV IRNGOV 040", "ITAGOV IRNGOV 040"}, nil},
		{"the state that leads a coalition", "The Saudi-led coalition struck Houthi positions in Yemen.",
			[]string{"SAU YEMREB 195"}, nil},
		{"the subject of a verb that organizes an event noun is its agent", "Pakistan organized talks with India on Monday.",
			[]string{"PAK IND 046"}, nil},
		{"but not of an event named inside its object", "Pakistan ordered an investigation into the attack on Iran.",
			nil, []string{"PAK IRN 180"}},
		{"it: an institution named in the singular", "The Pakistani army said it killed 33 BLA militants.",
			[]string{"PAKMIL PAKREB 180"}, nil},
		{"an event noun before a head that names no event", "The Arab League chief undertook a mediation mission between Syria and Lebanon.",
			[]string{"IGOMEAARL SYR 045", "IGOMEAARL LBN 045"}, nil},
		{"a day the parser took for the object", "Israel lifted Friday a blockade on Lebanon.",
			[]string{"ISR LBN 0872"}, nil},
		{"a group before a sector noun", "BLA insurgents attacked Pakistani troops on Monday.",
			[]string{"PAKREB PAKMIL 180"}, nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			res, err := x.Extract(context.Background(), Article{ID: "r", Text: tc.text, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			var all []string
			for _, e := range res.Events {
				k := e.Source.Code + " " + targetCode(&e) + " " + e.CAMEO
				got[k] = true
				all = append(all, k)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q: missing %q; got %q", tc.text, w, all)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("%q: should not code %q; got %q", tc.text, n, all)
				}
			}
		})
	}
}

// TestPloverRules checks the rules of monadic (PLOVER) mode.
func TestPloverRules(t *testing.T) {
	x, err := Build(Options{Coder: coder.Config{Monadic: true}})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, want, why string
	}{
		{"Angry activists staged rallies in the capital.", "---CVL PROTEST", "a sector with no state is a PLOVER actor"},
		{"Four children were killed in Israeli tank shelling on Friday.", "ISRMIL ASSAULT",
			"the actor of the attack that caused the violence is its source"},
		{"A journalist has been killed in a car bomb explosion in eastern Beirut.", "LBN ASSAULT",
			"unattributed violence is the act of the state where it happened"},
		{"Three US servicemen were killed by a roadside bomb outside the Iraqi city of Basra.", "IRQ ASSAULT",
			"the state where it happened, named in the phrase of the agent"},
		{"Hundreds of thousands of people blocked streets in Hong Kong.", "HKGCVL PROTEST",
			"people with no state are of the state where they act"},
		{"On Monday, aid agencies said Iran condemned Israel.", "IRN ACCUSE",
			"an event noun in an actor's name (aid agencies) is no event"},
		{"Georgian President Eduard Shevardnadze resigned on Sunday.", "GEOGOV RETREAT",
			"a resignation is CAMEO 0831 but PLOVER RETREAT (plover= in the pattern)"},
	} {
		res, err := x.Extract(context.Background(), Article{ID: "r", Text: tc.text, Date: date})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range res.Events {
			got = append(got, e.Source.Code+" "+e.Plover.Event)
		}
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%s: %q: got %q, want %q first", tc.why, tc.text, got, tc.want)
		}
	}
}

// TestWordVerbs checks the verbs of a "#! verbs: words" file (imported
// from TABARI): they match a word the tagger did not make a verb, unless a
// determiner makes it a noun; and that with any community dictionary only
// the first verb of a clause codes.
func TestWordVerbs(t *testing.T) {
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header, text string
		want         int
	}{
		{"#! verbs: words\n", "Estonia actxd from Libya on Monday.", 1},
		{"", "Estonia actxd from Libya on Monday.", 0},
		{"#! verbs: words\n", "Estonia welcomed the actxd from Libya on Monday.", 0},
		// Community dictionaries code the first verb of a clause only;
		// dyad's own code every verb.
		{"#! verbs: words\n", "Iran attacked Iraq after criticizing Syria.", 1},
		{"", "Iran attacked Iraq after criticizing Syria.", 1},
		{"own", "Iran attacked Iraq after criticizing Syria.", 2},
		// A verb written as TABARI writes it, a form with its particle.
		{"#! verbs: words\n", "Iran carried out exercises against Iraq.", 1},
		{"", "Iran carried out exercises against Iraq.", 0},
	} {
		head := "#! codes: any\n" + tc.header
		if tc.header == "own" {
			head = ""
		}
		x := extractorWith(t, head+"100 actxd\n190 attack\n111 criticize\n182 carried_out obj=exercises\n")
		res, err := x.Extract(context.Background(), Article{ID: "r", Text: tc.text, Date: date})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Events) != tc.want {
			t.Errorf("%q with %q: %d events, want %d", tc.text, tc.header, len(res.Events), tc.want)
		}
	}
}

// TestImportedPatterns checks options that imported patterns use: every
// mod= set must be met, so that the longer of two patterns wins ("improved
// economic relations" over "economic relations"), and roles the pattern
// places, the target before the verb (TABARI's "- SUGGESTED + * DEMAND")
// and the source after it ("- + WAS * BY $").
func TestImportedPatterns(t *testing.T) {
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		pats  string
		cases map[string]string // text → its events "SRC TGT CODE", sorted, joined by ", "
	}{
		{"#! codes: any\n901 abandon obj=relations mod=economic\n904 abandon obj=relations mod=economic mod=improved\n",
			map[string]string{
				"Iran abandoned its improved economic relations with Iraq.": "IRN IRQ 904",
				"Iran abandoned its economic relations with Iraq.":          "IRN IRQ 901",
			}},
		{"#! codes: any\n161 condemn pre=suggested tgt=before\n223 attack pre=was tgt=before src=after\n",
			map[string]string{
				"Iran suggested Iraq should condemn Syria.": "IRN IRQ 161",
				"Iraq was attacked by Iran on Monday.":      "IRN IRQ 223",
			}},
		// A community dictionary codes no event of a name it lacks, and
		// a compound source with no target anywhere acts on itself.
		{"#! codes: any\n190 attack\n064 renew obj=ties\n",
			map[string]string{
				"Iran attacked Iraq on Monday.":         "IRN IRQ 190",
				"Iran attacked Zorblax Corp on Monday.": "",
				"Iran and Iraq renewed ties on Monday.": "IRN IRQ 064, IRQ IRN 064",
			}},
	} {
		x := extractorWith(t, tc.pats)
		for text, want := range tc.cases {
			res, err := x.Extract(context.Background(), Article{ID: "r", Text: text, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Events {
				got = append(got, e.Source.Code+" "+targetCode(&e)+" "+e.CAMEO)
			}
			sort.Strings(got)
			if strings.Join(got, ", ") != want {
				t.Errorf("%q: got %q, want [%s]", text, got, want)
			}
		}
	}
}

// extractorWith builds an extractor over the default models and
// knowledge base and the one pattern file pats.
func extractorWith(t *testing.T, pats string) *Extractor {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "verbs-test.txt"), []byte(pats), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := Build(Options{Patterns: dir})
	if err != nil {
		t.Fatal(err)
	}
	return x
}
