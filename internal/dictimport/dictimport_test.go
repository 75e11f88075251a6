package dictimport

import (
	"strings"
	"testing"
)

func TestActors(t *testing.T) {
	in := `<!-- a comment
spanning lines -->
IRAN_  [IRN]
+IRANIAN
+ISLAMIC_REPUBLIC_OF_IRAN # a comment
ASIF_ALI_ZARDARI
+PRESIDENT_ZARDARI
	[PAKGOV 080909-130908]
	[PAKELI >130909]
ETHIOP [ETH]
BAD [1/34]
LORIEN [ELR/GAL]
`
	var b strings.Builder
	rep, err := Actors("a.txt", strings.NewReader(in), &b, PETRARCH)
	if err != nil {
		t.Fatal(err)
	}
	want := "iran\tIran\tIranian*|Islamic Republic Of Iran*\tIRN\t-\t-\n" +
		"asif-ali-zardari\tAsif Ali Zardari*\tPresident Zardari*\tPAKGOV\t2008-09-09\t2013-09-08\n" +
		"asif-ali-zardari\tAsif Ali Zardari*\tPresident Zardari*\tPAKELI\t2013-09-09\t-\n" +
		"ethiop\tEthiop*\t-\tETH\t-\t-\n" +
		"lorien\tLorien*\t-\tELR/GAL\t-\t-\n"
	got := b.String()[strings.Index(b.String(), "iran\t"):]
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if rep.Read != 5 || rep.Written != 4 || rep.Skipped != 1 {
		t.Errorf("report %+v, want 5 read, 4 written, 1 skipped", rep)
	}
}

// TestPETRARCHDatesAndComments checks PETRARCH's eight-digit dates and a
// comment written "<! -- … -->", which must not hide the rest of the file.
func TestPETRARCHDatesAndComments(t *testing.T) {
	in := "IRAN [IRN]\n<! -- NEW ACTORS -->\nSAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n\t[HOBMIL 20080120-20121109]\nGONDOR [GON]\n"
	var b strings.Builder
	rep, err := Actors("a.txt", strings.NewReader(in), &b, PETRARCH)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sam-gamgee\tSam Gamgee*\t-\tHOBCIV\t-\t2008-01-20\n",
		"sam-gamgee\tSam Gamgee*\t-\tHOBMIL\t2008-01-20\t2012-11-09\n", "gondor\tGondor*\t-\tGON\t-\t-\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	if rep.Read != 3 || rep.Skipped != 0 {
		t.Errorf("report %+v, want 3 read, none skipped", rep)
	}
}

func TestTABARIActorComments(t *testing.T) {
	in := "ENT  [### <890101] [ENT] ;comment\n#OLD [XXX]\nGOLLUM ; pas\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n"
	var b strings.Builder
	if _, err := Actors("t.actors", strings.NewReader(in), &b, TABARI); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ent\tEnt\t-\t---\t-\t1989-01-01\n", "ent\tEnt\t-\tENT\t-\t-\n",
		"gollum\tGollum*\t-\tHOB\t-\t1995-06-01\n", "gollum\tGollum*\t-\tHOBGOV\t1995-06-01\t1999-08-15\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "XXX") {
		t.Error("a #-commented TABARI line was imported")
	}
}

func TestAgents(t *testing.T) {
	in := "!PERSON! = MAN, MEN, WOMAN\nPOLICE!PERSON! [~COP] # note\nFOREIGN_MINISTER_ [ ~GOVFRM]\nPOLICEMAN [~COP]\nNOCODE\n"
	var b strings.Builder
	rep, err := Agents("ag.txt", strings.NewReader(in), &b, PETRARCH)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"policeman|policemen|policewoman\tCOP\t-\n", "foreign minister\tGOVFRM\t-\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	if rep.Skipped != 1 {
		t.Errorf("skipped %d, want 1 (no code)", rep.Skipped)
	}
}

func TestVerbs(t *testing.T) {
	in := `&TIETYPES
+MILITARY
+ECONOMIC
--- RESTORE_  [050]  ---
RESTORE_
RE-ESTABLISH_
- * DIPLOMATIC TIES [064]
- * &TIETYPES TIES [062]
- * (TO) + [042:043]
- $ * + [051]
- IN_* [075]
- * {X | Y} C [999]
- * IMPROVED &TIETYPES RELATIONS [904]
- * A RAID [211]
ABANDON  [345]
- * EFFORT [987]
`
	var b strings.Builder
	rep, err := Verbs("v.txt", strings.NewReader(in), &b, TABARI, func(c string) bool { return c < "100" })
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"#! codes: any\n", "#! verbs: words\n",
		"050 restore\n", "050 re-establish\n",
		"064 restore obj=ties mod=diplomatic\n", "064 re-establish obj=ties mod=diplomatic\n",
		"062 restore obj=ties mod=military\n", "062 restore obj=ties mod=economic\n",
		"042 restore prep=to\n", "051 restore\n",
		"999 restore obj=c mod=x\n", "999 restore obj=c mod=y\n",
		"904 restore obj=relations mod=military mod=improved\n", // every modifier word
		"211 restore obj=raid\n",                                // but no article
		"345 abandon*\n", "987 abandon* obj=effort\n",
		"075 restore pre=in\n", // words before the verb
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if rep.Skipped != 0 {
		t.Errorf("skipped %d, want 0: %v", rep.Skipped, rep.Notes)
	}
}

// FuzzImport checks that any bytes give a report or an error, never a
// panic, in every format and kind.
func FuzzImport(f *testing.F) {
	for _, s := range []string{"IRAN_ [IRN]\n+IRANIAN\n", "\t[X 991301-]\n", "!A! = B\nX!A! [~GOV]\n",
		"--- X [1] ---\n- * {A | &S} + [2]\n&S\n+T\n", "<!-- x", "- * [", "[", "{ } | & ! ~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fm := range []Format{PETRARCH, TABARI} {
			var b strings.Builder
			Actors("f", strings.NewReader(s), &b, fm)
			Agents("f", strings.NewReader(s), &b, fm)
			Verbs("f", strings.NewReader(s), &b, fm, nil)
		}
	})
}
