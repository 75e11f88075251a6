package segment

import (
	"fmt"
	"slices"
	"strings"
)

// The word lists below are data, not code: New parses and checks them once
// and turns them into maps, so a malformed entry is reported as an error
// instead of silently changing segmentation. Entries are separated by white
// space; a line starting with '#' is a comment.

// abbrevKind says how a word followed by a period behaves.
type abbrevKind uint8

const (
	// abbrevNone: not an abbreviation; the period is its own token.
	abbrevNone abbrevKind = iota
	// abbrevPlain is an abbreviation such as "etc." or "Inc." that may end
	// a sentence; it does so when the next word is a typical sentence start.
	abbrevPlain
	// abbrevTitle precedes a name ("Mr.", "Gen.", "St.") and practically
	// never ends a sentence.
	abbrevTitle
	// abbrevNumeric is an abbreviation only before a number ("No. 5",
	// "Vol. 3", "p. 12"); elsewhere "No." is a word and a full stop.
	abbrevNumeric
)

// titleAbbrevs precede what they qualify, mostly names, and practically
// never end a sentence. Case-sensitive.
const titleAbbrevs = `
Adm Amb Atty Brig Capt Cdr Cmdr Col Cpl Det Dr Drs Fr Gen Gov Hon Insp Lt Maj
Messrs Mlle Mme Mr Mrs Ms Msgr Mt Pres Prof Pvt Rep Reps Rev Sen Sens Sgt
Supt St Ste Sts Ft Gens Lt.Col Lt.Gen Maj.Gen Brig.Gen Col.Gen
e.g i.e E.g I.e P.S PS P.P.S vs Vs cf Cf viz approx Approx
`

// plainAbbrevs may end a sentence. Case-sensitive; the lowercase ones are
// matched as written only.
const plainAbbrevs = `
# months and days
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Mon Tue Tues Wed Thu Thur Thurs Fri Sat
# name suffixes, organisations and addresses
Jr Sr Esq Inc Corp Co Cos Ltd Bros Assn Assoc Dept Depts Univ Govt Intl Natl Ave Blvd Rd Hwy
Pl Sq Cres Ln Pkwy Apt Bldg Inst Mfg Plc LTD INC CORP
# US states and Canadian provinces as abbreviated in news style
Ala Ariz Ark Calif Colo Conn Fla Ga Kan Kans Ky La Md Mich Minn Mo Mont Neb Nev
Okla Ore Pa Tenn Tex Va Vt Wis Wyo Alta Ont Que Sask
# Latin and general
etc al est ca ibid Etc
eg ie Eg Ie esp Esp Attn attn ext Ext Tel tel Fax Mob Ph Para para
yrs hrs mins secs Yrs Hrs Mins wk wks mos Ref ref Misc misc
ft lb lbs oz qt Lb
`

// numericAbbrevs are abbreviations only when a number follows.
const numericAbbrevs = `
No Nos no nos Vol vol Vols vols p pp Pp Art art Fig fig Figs figs Ch ch Nr nr
Sec sec Op op Pt pt
`

// numberUnits are written directly after a number and split from it, as
// EWT does: "$11.5m" is $ 11.5 m, "5pm" is 5 pm, "10km" is 10 km. Ordinal
// and plural endings ("1st", "1990s") are not units and stay attached.
// Matched case-insensitively.
const numberUnits = `
m bn b k mn mln bln tn pm am mm cm km kg mg lb lbs oz ft sq x hz khz mhz ghz
kb mb gb tb kw mw gw kwh mph kph hr hrs min mins sec secs ml yr yrs kbps mbps
percent pct
`

// keptHyphenPrefixes are the first parts of hyphenated words that UD
// English-EWT keeps as one token ("e-mail", "non-violent", "re-election",
// "counter-terrorism", "mid-July"). Any other letter-hyphen-letter word is
// split into three tokens ("al - Qaeda", "well - known"), as EWT does.
// Matched case-insensitively.
const keptHyphenPrefixes = `
e non pre anti re mid over co post multi pro ex semi sub cross micro neo
counter un intra inter mis socio arch psycho extra ultra hyper infra
trans bi tri quasi pseudo macro mega mini meta
`

// keptHyphenSuffixes are last parts that keep a hyphenated word whole
// ("career-wise", "Holocaust-esque").
const keptHyphenSuffixes = `wise esque`

// slashWords are short forms written with a slash that EWT keeps whole.
// Matched case-insensitively.
const slashWords = `w/ w/o w/out b/c b/t l/c i/c i/s a/c`

// currencyPrefixes may be written directly before "$" and stay attached
// ("US$", "HK$"). Case-sensitive.
const currencyPrefixes = `US U A C NZ HK S NT R Z AU CA`

// tlds are last parts of bare domain names ("whitehouse.gov") and file
// names ("report.doc") that keep a word.word sequence together; elsewhere
// a period between two words is split off ("Sushi.They"), as in EWT.
// Matched case-insensitively.
const tlds = `
com org net gov edu mil int info biz io co uk us ca au de fr ir pk in cn ru
jp nz ie il tv me ly fm eu ac
doc docx xls xlsx pdf htm html txt jpg jpeg png gif mp3 mp4 ppt pptx csv zip
xml json exe url php asp aspx
`

// sentenceStarters are capitalised words that usually begin a sentence.
// After an abbreviation or initial with a period, a following starter
// means the period also ends the sentence ("... in the U.S. The ...").
const sentenceStarters = `
The A An This That These Those It Its He She They We I You His Her Their
Our My Your There Here But And Or So Yet If When While After Before As In
On At For From With By To Of Although Though Because Since However
Meanwhile Moreover Also Still Then Now Today Yesterday Last Next Some Many
Most All Both Each Every No Not Other Such What Which Who Why How Where
One Two Three Four Five Six Seven Eight Nine Ten Earlier Later Instead
Nevertheless Nonetheless Furthermore Indeed Thus Therefore Hence
Otherwise Besides Despite During Under Over Among Against Without Officials
Police Authorities Analysts Critics Witnesses Experts Sources Mr Mrs Ms Dr
Please Thanks Thank Do Does Did Is Are Was Were Will Would Can Could Should
Might Must Let Just Even Only Never Always Perhaps Maybe Yes Okay OK
`

// cliticTable lists tokens written without an apostrophe that EWT splits
// into several words, as "form=part|part": "dont" is do + nt, "gonna" is
// gon + na. Matched case-insensitively; the parts keep the token's case.
const cliticTable = `
cannot=can|not gonna=gon|na wanna=wan|na gotta=got|ta outta=out|ta
dunno=du|n|no gimme=gim|me lemme=lem|me sorta=sort|a
dont=do|nt didnt=did|nt doesnt=does|nt isnt=is|nt wasnt=was|nt arent=are|nt
werent=were|nt havent=have|nt hasnt=has|nt hadnt=had|nt couldnt=could|nt
wouldnt=would|nt shouldnt=should|nt wont=wo|nt cant=ca|nt aint=ai|nt
arnt=ar|nt mustnt=must|nt neednt=need|nt
im=i|m ive=i|ve youre=you|re youve=you|ve youll=you|ll theyre=they|re
theyve=they|ve itll=it|ll thats=that|s theres=there|s heres=here|s
whats=what|s hes=he|s shes=she|s
`

// itsIsBefore are words after which a written "its" can only be "it is"
// misspelt, which EWT splits into it + s ("its a shame", "its not").
// Matched case-insensitively.
const itsIsBefore = `
a an the not been just really too also gonna always still probably actually
definitely getting simply in for from between now nothing your like
`

// emoticons are kept whole, as in EWT. New sorts them longest first so
// that ":-)" wins over ":-".
const emoticons = `
:-) :-( :-D :-P :-p :-/ ;-) :'( >:( ^_^ -_- :) :( ;) :D :P :p ;P ;p :/ :O :o
:| =) =( =D <3 (: ^^ :3
`

// lexicon is the compiled form of the lists above.
type lexicon struct {
	abbrev      map[string]abbrevKind
	prefixes    map[string]bool
	suffixes    map[string]bool
	slash       map[string]bool
	currency    map[string]bool
	tlds        map[string]bool
	units       map[string]bool
	itsIs       map[string]bool
	emoticons   []string // longest first
	starters    map[string]bool
	cliticSplit map[string][]uint8 // lowercase form -> byte offsets of the cuts
	cliticLens  [26]uint16         // bit n of [c-'a'] set: a form of n bytes starts with c
}

// fields splits a list into entries, dropping '#' comment lines.
func fields(list string) []string {
	var out []string
	for line := range strings.SplitSeq(list, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// maxLexWord bounds list entries; lookups fold case into a buffer this big.
const maxLexWord = 24

func compileLexicon() (*lexicon, error) {
	lx := &lexicon{
		abbrev:      map[string]abbrevKind{},
		prefixes:    map[string]bool{},
		suffixes:    map[string]bool{},
		slash:       map[string]bool{},
		currency:    map[string]bool{},
		tlds:        map[string]bool{},
		units:       map[string]bool{},
		itsIs:       map[string]bool{},
		starters:    map[string]bool{},
		cliticSplit: map[string][]uint8{},
	}
	check := func(list, w string, lower bool) error {
		if len(w) > maxLexWord {
			return fmt.Errorf("segment: %s entry %q longer than %d bytes", list, w, maxLexWord)
		}
		if lower && strings.ToLower(w) != w {
			return fmt.Errorf("segment: %s entry %q must be lowercase", list, w)
		}
		return nil
	}
	// A word may have one kind only; a duplicate is a mistake in the lists.
	for _, l := range []struct {
		name string
		list string
		kind abbrevKind
	}{
		{"plainAbbrevs", plainAbbrevs, abbrevPlain},
		{"titleAbbrevs", titleAbbrevs, abbrevTitle},
		{"numericAbbrevs", numericAbbrevs, abbrevNumeric},
	} {
		for _, w := range fields(l.list) {
			if err := check(l.name, w, false); err != nil {
				return nil, err
			}
			if strings.HasSuffix(w, ".") {
				return nil, fmt.Errorf("segment: %s entry %q: write abbreviations without the final period", l.name, w)
			}
			if _, dup := lx.abbrev[w]; dup {
				return nil, fmt.Errorf("segment: abbreviation %q listed twice", w)
			}
			lx.abbrev[w] = l.kind
		}
	}
	sets := []struct {
		name  string
		list  string
		lower bool
		m     map[string]bool
	}{
		{"keptHyphenPrefixes", keptHyphenPrefixes, true, lx.prefixes},
		{"keptHyphenSuffixes", keptHyphenSuffixes, true, lx.suffixes},
		{"slashWords", slashWords, true, lx.slash},
		{"currencyPrefixes", currencyPrefixes, false, lx.currency},
		{"tlds", tlds, true, lx.tlds},
		{"numberUnits", numberUnits, true, lx.units},
		{"itsIsBefore", itsIsBefore, true, lx.itsIs},
		{"sentenceStarters", sentenceStarters, false, lx.starters},
	}
	for _, s := range sets {
		for _, w := range fields(s.list) {
			if err := check(s.name, w, s.lower); err != nil {
				return nil, err
			}
			if s.m[w] {
				return nil, fmt.Errorf("segment: %s lists %q twice", s.name, w)
			}
			s.m[w] = true
		}
	}
	for _, e := range fields(emoticons) {
		if slices.Contains(lx.emoticons, e) {
			return nil, fmt.Errorf("segment: emoticon %q listed twice", e)
		}
		lx.emoticons = append(lx.emoticons, e)
	}
	slices.SortStableFunc(lx.emoticons, func(a, b string) int { return len(b) - len(a) })
	for _, e := range fields(cliticTable) {
		form, parts, ok := strings.Cut(e, "=")
		if !ok || form == "" {
			return nil, fmt.Errorf("segment: cliticTable entry %q: want form=part|part", e)
		}
		if err := check("cliticTable", form, true); err != nil {
			return nil, err
		}
		var cuts []uint8
		joined, off := "", 0
		for i, p := range strings.Split(parts, "|") {
			if p == "" {
				return nil, fmt.Errorf("segment: cliticTable entry %q: empty part", e)
			}
			if i > 0 {
				cuts = append(cuts, uint8(off))
			}
			off += len(p)
			joined += p
		}
		if joined != form || len(cuts) == 0 {
			return nil, fmt.Errorf("segment: cliticTable entry %q: parts do not spell the form", e)
		}
		if _, dup := lx.cliticSplit[form]; dup {
			return nil, fmt.Errorf("segment: cliticTable lists %q twice", form)
		}
		lx.cliticSplit[form] = cuts
		if c := form[0]; c < 'a' || c > 'z' || len(form) > 15 {
			return nil, fmt.Errorf("segment: cliticTable entry %q: must start with a-z and be at most 15 bytes", e)
		}
		lx.cliticLens[form[0]-'a'] |= 1 << len(form)
	}
	return lx, nil
}

// foldLookup reports whether the ASCII-lowercased w is in m, without
// allocating.
func foldLookup(m map[string]bool, w string) bool {
	if len(w) > maxLexWord {
		return false
	}
	var buf [maxLexWord]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(w)])]
}
