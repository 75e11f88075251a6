package actor

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/doc"
)

// parsed builds a sentence from "form/lemma/UPOS/head/deprel" items
// (heads 1-based, 0 for the root); an item starting with "~" is written
// with no space before it.
func parsed(items string) *doc.Sentence {
	s := tagged("")
	off := 0
	for _, it := range strings.Fields(items) {
		if strings.HasPrefix(it, "~") {
			it, off = it[1:], off-1
		}
		p := strings.Split(it, "/")
		h, _ := strconv.Atoi(p[3])
		s.Words = append(s.Words, doc.Word{Form: p[0], Lemma: p[1], UPOS: p[2], Head: h, Deprel: p[4],
			Span: doc.Span{Start: off, End: off + len(p[0])}})
		off += len(p[0]) + 1
	}
	return s
}

// TestCompoundSectors checks that a sector noun modified by conjoined
// states is one actor of each, and that conjoined sector nouns share
// the first one's states.
func TestCompoundSectors(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		sent string
		word string // the mention to look at, by its first word
		want string // its members' codes, or its own code without members
	}{
		{"The/the/DET/2/det ambassadors/ambassador/NOUN/9/nsubj of/of/ADP/4/case France/France/PROPN/2/nmod ,/,/PUNCT/6/punct " +
			"Germany/Germany/PROPN/4/conj and/and/CCONJ/8/cc Italy/Italy/PROPN/4/conj presented/present/VERB/0/root",
			"ambassadors", "FRAGOV DEUGOV ITAGOV"},
		{"Lawmakers/lawmaker/NOUN/8/nsubj and/and/CCONJ/3/cc officials/official/NOUN/1/conj in/in/ADP/5/case France/France/PROPN/1/nmod " +
			"and/and/CCONJ/7/cc Germany/Germany/PROPN/5/conj welcomed/welcome/VERB/0/root",
			"officials", "FRAGOV DEUGOV"},
		{"Lawmakers/lawmaker/NOUN/8/nsubj and/and/CCONJ/3/cc officials/official/NOUN/1/conj in/in/ADP/5/case France/France/PROPN/1/nmod " +
			"and/and/CCONJ/7/cc Germany/Germany/PROPN/5/conj welcomed/welcome/VERB/0/root",
			"Lawmakers", "FRALEG DEULEG"},
		{"Police/police/NOUN/2/nsubj arrested/arrest/VERB/0/root protesters/protester/NOUN/2/obj in/in/ADP/5/case Iran/Iran/PROPN/3/nmod",
			"Police", "---COP"}, // "in Iran" modifies the protesters, not the police
	} {
		s := parsed(tc.sent)
		var got string
		for _, m := range r.sentence(s, date) {
			if s.Words[m.First].Form != tc.word {
				continue
			}
			var codes []string
			for _, x := range m.Members {
				codes = append(codes, x.Code())
				if x.Span != m.Span {
					t.Errorf("%s: member %s has span %v, want the mention's %v", tc.word, x.Code(), x.Span, m.Span)
				}
			}
			if len(codes) == 0 {
				codes = []string{m.Code()}
			}
			got = strings.Join(codes, " ")
		}
		if got != tc.want {
			t.Errorf("%s in %q: got %q, want %q", tc.word, tc.sent[:min(60, len(tc.sent))], got, tc.want)
		}
	}
}

// TestNamesOfOthers checks that a given name a known person does not
// bear makes someone else of that surname, and that the article's own
// full name decides what its surname alone means later on.
func TestNamesOfOthers(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2005, 1, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text string
		want []string // entity of each sentence's first mention
	}{
		// John Howard was Australia's prime minister; Michael Howard led
		// the British Conservatives.
		{"Michael Howard criticised the plan. Mr Howard said it would fail.", []string{"?michael howard", "?michael howard"}},
		{"Mr Howard said it would fail.", []string{"john-howard"}},
		{"John Howard said it would fail.", []string{"john-howard"}},
		// Joschka Fischer was Germany's foreign minister; Oskar Fischer
		// was East Germany's.
		{"Oskar Fischer visited Albania.", []string{"?oskar fischer"}},
		// "he" is the unknown person named last, not the known one before.
		{"Tony Blair met Mr Smithers. He criticised Albania.", []string{"tony-blair", "?mr smithers"}},
		// "she" is a woman when the text says so.
		{"Mrs Smithers met Mr Jones. She criticised Albania.", []string{"?mrs smithers", "?mrs smithers"}},
	} {
		d := &doc.Document{Text: tc.text}
		off := 0
		for _, sent := range strings.SplitAfter(tc.text, ". ") {
			var s doc.Sentence
			for _, f := range strings.Fields(strings.TrimSuffix(strings.TrimSpace(sent), ".")) {
				i := strings.Index(tc.text[off:], f) + off
				upos, lemma := "VERB", f
				switch {
				case f == "He":
					upos, lemma = "PRON", "he"
				case f == "She":
					upos, lemma = "PRON", "she"
				case f[0] >= 'A' && f[0] <= 'Z':
					upos = "PROPN"
				}
				s.Words = append(s.Words, doc.Word{Form: f, Lemma: lemma, UPOS: upos, Span: doc.Span{Start: i, End: i + len(f)}})
				off = i + len(f)
			}
			d.Sentences = append(d.Sentences, s)
		}
		all := r.Resolve(d, date)
		var got []string
		for _, ms := range all {
			if len(ms) > 0 {
				got = append(got, ms[0].Entity)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestHyphenCompounds checks states in hyphenated modifiers: the leader
// holds the noun, the sponsor does not.
func TestHyphenCompounds(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		sent string
		want string // code@text of each mention
	}{
		{"The/the/DET/5/det Saudi/Saudi/ADJ/4/obl ~-/-/PUNCT/2/punct ~led/lead/VERB/5/amod coalition/coalition/NOUN/6/nsubj struck/strike/VERB/0/root Yemen/Yemen/PROPN/6/obj",
			"SAU@Saudi-led coalition YEM@Yemen"},
		{"Iran/Iran/PROPN/3/obl ~-/-/PUNCT/1/punct ~backed/back/VERB/4/amod militias/militia/NOUN/5/nsubj attacked/attack/VERB/0/root US/US/PROPN/7/compound troops/troop/NOUN/5/obj",
			"---UAF@militias USAMIL@US troops"},
		{"French/French/ADJ/4/obl ~-/-/PUNCT/1/punct ~led/lead/VERB/4/amod police/police/NOUN/5/nsubj patrolled/patrol/VERB/0/root",
			"FRACOP@French-led police"},
		// Not glued: "Iran - backed by Russia - …" is no compound.
		{"Iran/Iran/PROPN/5/nsubj -/-/PUNCT/3/punct backed/back/VERB/1/acl by/by/ADP/5/case Russia/Russia/PROPN/3/obl",
			"IRN@Iran RUS@Russia"},
	} {
		s := parsed(tc.sent)
		var got []string
		for _, m := range r.sentence(s, date) {
			text := make([]string, 0)
			for _, w := range s.Words[m.First:m.Last] {
				text = append(text, w.Form)
			}
			got = append(got, m.Code()+"@"+strings.ReplaceAll(strings.Join(text, " "), " - ", "-"))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%.50s…: got %q, want %q", tc.sent, g, tc.want)
		}
	}
}

// embeddedResolver returns a resolver over the embedded knowledge base.
func embeddedResolver(t *testing.T) *Resolver {
	t.Helper()
	kb, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return NewResolver(kb)
}

// TestGroupsAsActors checks that a group before a sector noun is the
// actor, and that "the militant group" refers to the last group named.
func TestGroupsAsActors(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	s := parsed("BLA/BLA/PROPN/2/compound insurgents/insurgent/NOUN/3/nsubj ambushed/ambush/VERB/0/root troops/troop/NOUN/3/obj")
	ms := r.sentence(s, date)
	if len(ms) == 0 || ms[0].Entity != "BLA" || ms[0].Last != 2 {
		t.Errorf("BLA insurgents: got %+v, want the group BLA over both words", ms)
	}
	d := &doc.Document{Sentences: []doc.Sentence{
		*parsed("BLA/BLA/PROPN/2/nsubj attacked/attack/VERB/0/root Quetta/Quetta/PROPN/2/obj"),
		*parsed("The/the/DET/3/det militant/militant/ADJ/3/amod group/group/NOUN/4/nsubj denied/deny/VERB/0/root it/it/PRON/4/obj"),
	}}
	all := r.Resolve(d, date)
	if len(all[1]) == 0 || all[1][0].Entity != "BLA" || all[1][0].Via != "antecedent" {
		t.Errorf("the militant group: got %+v, want BLA by antecedent", all[1])
	}
}

func TestOfficersAndMonths(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	// An organisation's officer acts for the organisation.
	ms := r.sentence(parsed("Guterres/Guterres/PROPN/2/nsubj condemned/condemn/VERB/0/root Israel/Israel/PROPN/2/obj"), date)
	if len(ms) == 0 || ms[0].Entity != "antonio-guterres" || ms[0].Code() != "IGOUNO" || ms[0].Country != "" {
		t.Errorf("Guterres: got %+v, want antonio-guterres coded IGOUNO with no country", ms)
	}
	// A month in a date is not the person of that surname.
	date = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"May/May/PROPN/2/nsubj said/say/VERB/0/root", true},
		{"from/from/ADP/3/case 1/1/NUM/3/nummod May/May/PROPN/0/root", false},
		{"in/in/ADP/2/case May/May/PROPN/0/root", false},
		{"May/May/PROPN/0/root 2018/2018/NUM/1/nummod", false},
	} {
		got := false
		for _, m := range r.sentence(parsed(tc.s), date) {
			if m.Entity == "theresa-may" {
				got = true
			}
		}
		if got != tc.want {
			t.Errorf("%s: Theresa May found %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestPluralOnlyAgents(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC)
	ms := r.sentence(parsed("Israeli/Israeli/ADJ/2/amod forces/force/NOUN/3/nsubj killed/kill/VERB/0/root"), date)
	if len(ms) != 1 || ms[0].Code() != "ISRMIL" {
		t.Errorf("Israeli forces: got %+v, want one ISRMIL mention", ms)
	}
	ms = r.sentence(parsed("threatened/threaten/VERB/0/root to/to/PART/3/mark use/use/VERB/1/xcomp force/force/NOUN/3/obj"), date)
	for _, m := range ms {
		if m.Sector == "MIL" {
			t.Errorf("use force: got the actor %+v, want none", m)
		}
	}
}

func TestSubjectPronounSalience(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2004, 12, 6, 0, 0, 0, 0, time.UTC)
	d := &doc.Document{Sentences: []doc.Sentence{
		*parsed("Musharraf/Musharraf/PROPN/2/nsubj met/meet/VERB/0/root with/with/ADP/4/case Blair/Blair/PROPN/2/obl"),
		*parsed("He/he/PRON/2/nsubj arrived/arrive/VERB/0/root"),
		*parsed("Later/later/ADV/3/advmod he/he/PRON/3/nsubj met/meet/VERB/0/root Bush/Bush/PROPN/3/obj"),
		*parsed("Blair/Blair/PROPN/2/nsubj thanked/thank/VERB/0/root him/he/PRON/2/obj"),
	}}
	all := r.Resolve(d, date)
	for _, tc := range []struct {
		si   int
		want string
	}{
		{1, "pervez-musharraf"}, // the subject before, not the person after "with"
		{2, "pervez-musharraf"}, // "Later he": still clause-initial
	} {
		got := ""
		for _, m := range all[tc.si] {
			if m.Via == "antecedent" {
				got = m.Entity
			}
		}
		if got != tc.want {
			t.Errorf("sentence %d: he = %q, want %q", tc.si, got, tc.want)
		}
	}
}

func TestEthnicPeopleAndLeadersGovernments(t *testing.T) {
	r := embeddedResolver(t)
	date := time.Date(2001, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s, want string
	}{
		// An ethnic people with the state it lives in is of that state.
		{"Ethnic/ethnic/ADJ/2/amod Albanians/Albanian/PROPN/6/nsubj in/in/ADP/5/case south/south/ADJ/5/amod Serbia/Serbia/PROPN/2/nmod protested/protest/VERB/0/root", "SRBETH"},
		{"Albanians/Albanian/PROPN/4/nsubj of/of/ADP/3/case Serbia/Serbia/PROPN/1/nmod protested/protest/VERB/0/root", "SRBETH"},
		// Nationals abroad stay nationals.
		{"Americans/American/PROPN/4/nsubj in/in/ADP/3/case Iraq/Iraq/PROPN/1/nmod protested/protest/VERB/0/root", "USA"},
		// A sector noun is of the state of the place it is of.
		{"mayor/mayor/NOUN/0/root of/of/ADP/6/case the/the/DET/6/det West/West/PROPN/5/compound Bank/Bank/PROPN/6/compound city/city/NOUN/1/nmod", "PSEGOV"},
		// A sector noun is of the state of the body it is from.
		{"Doctors/doctor/NOUN/6/nsubj from/from/ADP/5/case American/American/ADJ/5/amod aid/aid/NOUN/5/compound groups/group/NOUN/1/nmod donated/donate/VERB/0/root", "USAHLH"},
		// A leader's government is of the leader's state.
		{"The/the/DET/2/det government/government/NOUN/6/nsubj of/of/ADP/5/case President/President/PROPN/5/compound Museveni/Museveni/PROPN/2/nmod banned/ban/VERB/0/root", "UGAGOV"},
	} {
		ms := r.sentence(parsed(tc.s), date)
		if len(ms) == 0 || ms[0].Code() != tc.want {
			t.Errorf("%s: got %+v, want %s first", tc.s, ms, tc.want)
		}
	}
}
