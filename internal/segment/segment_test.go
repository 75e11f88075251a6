package segment

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/doc"
)

func newSeg(tb testing.TB) *Segmenter {
	tb.Helper()
	s, err := New()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// render writes sentences as words separated by spaces, sentences by
// " ‖ " and multiword tokens as ⟨word word⟩.
func render(sents []doc.Sentence) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteString(" ‖ ")
		}
		m := 0
		for j, w := range s.Words {
			if j > 0 {
				b.WriteByte(' ')
			}
			if m < len(s.Multi) && s.Multi[m].First == j {
				b.WriteString("⟨")
			}
			b.WriteString(w.Form)
			if m < len(s.Multi) && s.Multi[m].Last == j+1 {
				b.WriteString("⟩")
				m++
			}
		}
	}
	return b.String()
}

// checkInvariants verifies what Segment promises for any input: spans
// inside the text, in order and without overlap, forms equal to the
// text they cover, multiword tokens that subdivide exactly, and every
// byte of the text that is not white space inside some word.
func checkInvariants(tb testing.TB, text string, sents []doc.Sentence) {
	tb.Helper()
	covered := make([]bool, len(text))
	prevEnd := 0
	for si, s := range sents {
		if len(s.Words) == 0 {
			tb.Fatalf("sentence %d has no words", si)
		}
		if s.Span.Start != s.Words[0].Span.Start || s.Span.End != s.Words[len(s.Words)-1].Span.End {
			tb.Fatalf("sentence %d span %v does not run from its first to its last word", si, s.Span)
		}
		if s.Span.Start < prevEnd {
			tb.Fatalf("sentence %d starts at %d before the previous sentence ends at %d", si, s.Span.Start, prevEnd)
		}
		m := 0
		for wi := 0; wi < len(s.Words); {
			if m < len(s.Multi) && s.Multi[m].First == wi {
				mt := s.Multi[m]
				if mt.Last <= mt.First+1 || mt.Last > len(s.Words) {
					tb.Fatalf("sentence %d: bad multiword range %d-%d", si, mt.First, mt.Last)
				}
				if mt.Span.Start < prevEnd || mt.Span.End > len(text) || mt.Span.Start >= mt.Span.End {
					tb.Fatalf("sentence %d: multiword span %v out of order or range", si, mt.Span)
				}
				if mt.Form != text[mt.Span.Start:mt.Span.End] {
					tb.Fatalf("multiword form %q != text %q", mt.Form, text[mt.Span.Start:mt.Span.End])
				}
				at := mt.Span.Start
				for k := mt.First; k < mt.Last; k++ {
					w := s.Words[k]
					if w.Span.Start != at || w.Span.End <= w.Span.Start || w.Span.End > mt.Span.End {
						tb.Fatalf("word %q of multiword %q does not subdivide it", w.Form, mt.Form)
					}
					checkWord(tb, text, w)
					at = w.Span.End
				}
				if at != mt.Span.End {
					tb.Fatalf("words of multiword %q stop at %d, token ends at %d", mt.Form, at, mt.Span.End)
				}
				for k := mt.Span.Start; k < mt.Span.End; k++ {
					covered[k] = true
				}
				prevEnd = mt.Span.End
				wi = mt.Last
				m++
				continue
			}
			w := s.Words[wi]
			if w.Span.Start < prevEnd {
				tb.Fatalf("word %d %q at %v overlaps the previous word ending at %d", wi, w.Form, w.Span, prevEnd)
			}
			checkWord(tb, text, w)
			for k := w.Span.Start; k < w.Span.End; k++ {
				covered[k] = true
			}
			prevEnd = w.Span.End
			wi++
		}
		if m != len(s.Multi) {
			tb.Fatalf("sentence %d: %d multiword tokens not aligned with words", si, len(s.Multi)-m)
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !covered[i] && (spaceKind(r) == 0 || r == utf8.RuneError && n == 1) {
			tb.Fatalf("byte %d (%q) is neither white space nor in a word", i, text[i:i+n])
		}
		i += n
	}
}

func checkWord(tb testing.TB, text string, w doc.Word) {
	tb.Helper()
	if w.Span.Start < 0 || w.Span.End > len(text) || w.Span.Start >= w.Span.End {
		tb.Fatalf("word %q span %v outside text of %d bytes", w.Form, w.Span, len(text))
	}
	if w.Form != text[w.Span.Start:w.Span.End] {
		tb.Fatalf("word form %q != text %q", w.Form, text[w.Span.Start:w.Span.End])
	}
	if w.Head != -1 {
		tb.Fatalf("word %q has head %d, want -1", w.Form, w.Head)
	}
}

type segCase struct {
	name, text, want string
}

func runCases(t *testing.T, cases []segCase) {
	t.Helper()
	s := newSeg(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := s.Segment(c.text)
			checkInvariants(t, c.text, got)
			if r := render(got); r != c.want {
				t.Errorf("Segment(%q)\n got: %s\nwant: %s", c.text, r, c.want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	s := newSeg(t)
	if len(s.lx.abbrev) == 0 || len(s.lx.cliticSplit) == 0 || len(s.lx.prefixes) == 0 {
		t.Fatal("word lists are empty")
	}
	if got := s.Segment(""); got != nil {
		t.Errorf("Segment(\"\") = %v, want nil", got)
	}
	if got := s.Segment(" \n\t\u00a0\u2003 "); got != nil {
		t.Errorf("Segment(spaces) = %v, want nil", got)
	}
}

func TestDatelines(t *testing.T) {
	runCases(t, []segCase{
		{"glued dash", "TEHRAN- Iranian President Ebrahim Raisi spoke.",
			"TEHRAN - ‖ Iranian President Ebrahim Raisi spoke ."},
		{"agency", "WASHINGTON (Reuters) - The U.S. Senate voted.",
			"WASHINGTON ( Reuters ) - ‖ The U.S. Senate voted ."},
		{"region date agency em dash", "GAZA CITY, April 12 (AP) — Strikes killed 11 people.",
			"GAZA CITY , April 12 ( AP ) — ‖ Strikes killed 11 people ."},
		{"header line", "Iran, Pakistan: Raisi\n\nApril 12, 2024 - 20:12\n\nTEHRAN- Raisi called.",
			"Iran , Pakistan : Raisi ‖ April 12 , 2024 - 20:12 ‖ TEHRAN - ‖ Raisi called ."},
		{"not a dateline: compound", "UN Secretary-General Antonio Guterres spoke.",
			"UN Secretary - General Antonio Guterres spoke ."},
		{"not a dateline: mid-line", "He said NATO - The alliance - was ready.",
			"He said NATO - The alliance - was ready ."},
		{"not a dateline: lowercase after dash", "LONDON - based firms grew.",
			"LONDON - based firms grew ."},
	})
}

func TestAbbreviations(t *testing.T) {
	runCases(t, []segCase{
		{"titles", "Gen. Bagheri met Mr. Smith and Dr. Jones.",
			"Gen. Bagheri met Mr. Smith and Dr. Jones ."},
		{"title before starter word", "Lt. Gen. The Reverend spoke.",
			"Lt. Gen. The Reverend spoke ."},
		{"months", "On Jan. 5 and Sept. 11 they met.",
			"On Jan. 5 and Sept. 11 they met ."},
		{"numeric No.", "It is the No. 1 priority. He said no.",
			"It is the No. 1 priority . ‖ He said no ."},
		{"No. without number", "The answer was No. Then he left.",
			"The answer was No . ‖ Then he left ."},
		{"dotted ends sentence", "He arrived in the U.S. The next day he left.",
			"He arrived in the U.S . ‖ The next day he left ."},
		{"dotted mid sentence", "The U.S. Army and U.N. forces met.",
			"The U.S. Army and U.N. forces met ."},
		{"name suffix ends sentence", "He met Martin Luther King Jr. The crowd cheered.",
			"He met Martin Luther King Jr . ‖ The crowd cheered ."},
		{"company", "Apple Inc. The firm said. Enron Corp. stock fell.",
			"Apple Inc . ‖ The firm said . ‖ Enron Corp. stock fell ."},
		{"etc at end", "Guns, drones, etc.\n\nNext.",
			"Guns , drones , etc . ‖ Next ."},
		{"times", "At 5 p.m. Tuesday and 9 a.m. The talks began.",
			"At 5 p.m. Tuesday and 9 a.m . ‖ The talks began ."},
		{"e.g. never ends", "Some states, e.g. Iran, agreed.",
			"Some states , e.g. Iran , agreed ."},
		{"unknown word and period", "They met in Tehran. Later they left.",
			"They met in Tehran . ‖ Later they left ."},
	})
}

func TestInitials(t *testing.T) {
	runCases(t, []segCase{
		{"tolkien", "J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it ."},
		{"glued initials", "J.R.R. Tolkien wrote it.", "J.R.R. Tolkien wrote it ."},
		{"middle initial", "George W. Bush spoke.", "George W. Bush spoke ."},
		{"initial then starter", "He took plan B. The rest failed.", "He took plan B . ‖ The rest failed ."},
	})
}

func TestNumbers(t *testing.T) {
	runCases(t, []segCase{
		{"thousands", "About 11,000 and 1,234,567 people.", "About 11,000 and 1,234,567 people ."},
		{"decimal", "It rose 3.5 points to 0.75.", "It rose 3.5 points to 0.75 ."},
		{"decade and ordinal", "In the 1990s and the 21st century.", "In the 1990s and the 21st century ."},
		{"time", "At 20:12 GMT.", "At 20:12 GMT ."},
		{"percent and currency", "Up 5% to $5.5bn, or US$3.", "Up 5 % to $ 5.5 bn , or US$ 3 ."},
		{"units", "A 10km march at 5pm.", "A 10 km march at 5 pm ."},
		{"range", "From 1969-1970 and 5-10 times.", "From 1969 - 1970 and 5 - 10 times ."},
		{"phone", "Call 713-853-3989 or 345-9945.", "Call 713-853-3989 or 345-9945 ."},
		{"dates", "On 11/28/2000 and 9/11, half is 1/2.", "On 11/28/2000 and 9/11 , half is 1 / 2 ."},
		{"not a thousands comma", "Scores 1,2 and 3,40.", "Scores 1 , 2 and 3 , 40 ."},
		{"year abbreviation", "Since '72 and the ’90s.", "Since '72 and the ’90s ."},
		{"signed and bare decimal", "Dial +44 now; .5 left.", "Dial +44 now ; .5 left ."},
	})
}

func TestHyphens(t *testing.T) {
	runCases(t, []segCase{
		{"arabic names", "Al-Zaman and al-Qaeda.", "Al - Zaman and al - Qaeda ."},
		{"jaish ul-adl", "Jaish ul-Adl attacked.", "Jaish ul - Adl attacked ."},
		{"eid", "Eid al-Fitr greetings.", "Eid al - Fitr greetings ."},
		{"compound", "A well-known, deep-rooted tie.", "A well - known , deep - rooted tie ."},
		{"kept prefixes", "His re-election, e-mail and counter-terrorism, cross-border.",
			"His re-election , e-mail and counter-terrorism , cross-border ."},
		{"suffix", "Career-wise it was fine.", "Career-wise it was fine ."},
		{"dashes", "Iran -- and Iraq — agreed – yes.", "Iran -- and Iraq — agreed – yes ."},
	})
}

func TestQuotes(t *testing.T) {
	runCases(t, []segCase{
		{"straight", `He said "no." She left.`, `He said " no . " ‖ She left .`},
		{"curly", "“We won’t stop,” he said. ‘Never.’",
			"“ We ⟨wo n’t⟩ stop , ” he said . ‖ ‘ Never . ’"},
		{"nested", `He said: "They called it 'peace.'" Then he left.`,
			`He said : " They called it ' peace . ' " ‖ Then he left .`},
		{"quote opens next sentence", `It was over. "We won," he said.`,
			`It was over . ‖ " We won , " he said .`},
		{"quoted title with possessive plural", "The 'players' union' said.",
			"The ' players ' union ' said ."},
		{"doubled", "He said ``yes'' twice.", "He said `` yes '' twice ."},
		{"guillemets", "«Non», dit-il.", "« Non » , dit - il ."},
	})
}

func TestClitics(t *testing.T) {
	runCases(t, []segCase{
		{"possessive", "Google's and Iran’s plans.", "⟨Google 's⟩ and ⟨Iran ’s⟩ plans ."},
		{"negation", "I don't know, it won't, can't, ain't.",
			"I ⟨do n't⟩ know , it ⟨wo n't⟩ , ⟨ca n't⟩ , ⟨ai n't⟩ ."},
		{"pronoun clitics", "I'm sure we'll see they've gone, he'd say.",
			"⟨I 'm⟩ sure ⟨we 'll⟩ see ⟨they 've⟩ gone , ⟨he 'd⟩ say ."},
		{"cannot gonna", "You cannot, I'm gonna wanna go.",
			"You ⟨can not⟩ , ⟨I 'm⟩ ⟨gon na⟩ ⟨wan na⟩ go ."},
		{"apostrophe-less", "I dont know, im sure, thats it.",
			"I ⟨do nt⟩ know , ⟨i m⟩ sure , ⟨that s⟩ it ."},
		{"plural possessive", "The workers' union and Sanders' letter.",
			"The ⟨workers '⟩ union and ⟨Sanders '⟩ letter ."},
		{"two clitics", "You shouldn't've.", "You ⟨should n't 've⟩ ."},
		{"uppercase", "IT'S DON'T.", "⟨IT 'S⟩ ⟨DO N'T⟩ ."},
		{"its as it is", "Its a shame its not over. Its members left.",
			"⟨It s⟩ a shame ⟨it s⟩ not over . ‖ Its members left ."},
		{"not clitics", "O'Connell's 1980's rock'n'roll.", "⟨O'Connell 's⟩ 1980's rock'n'roll ."},
		{"backtick", "mama`s here", "⟨mama `s⟩ here"},
	})
}

func TestUnicode(t *testing.T) {
	runCases(t, []segCase{
		{"no-break space", "Pakistan\u00a0and\u202fIran met.", "Pakistan and Iran met ."},
		{"em dash and ellipsis", "Wait… what—really?", "Wait … what — really ?"},
		{"ellipsis then capital", "He paused... Then he spoke.", "He paused ... ‖ Then he spoke ."},
		{"ellipsis then lowercase", "He paused... and spoke.", "He paused ... and spoke ."},
		{"arabic", "قال الرئيس مرحبا بالعالم. انتهى", "قال الرئيس مرحبا بالعالم . ‖ انتهى"},
		{"emoji", "Great news 😀👍🏽! Yes 🇮🇷.", "Great news 😀 👍🏽 ! ‖ Yes 🇮🇷 ."},
		{"accents", "Zürich and São Paulo.", "Zürich and São Paulo ."},
		{"combining mark", "Cafe\u0301 open.", "Cafe\u0301 open ."},
	})
}

func TestURLsAndEmails(t *testing.T) {
	runCases(t, []segCase{
		{"url end of sentence", "See https://example.com/a?x=1. Then go.",
			"See https://example.com/a?x=1 . ‖ Then go ."},
		{"url in parens", "Read it (http://en.wikipedia.org/wiki/Foo_(bar)) now.",
			"Read it ( http://en.wikipedia.org/wiki/Foo_(bar) ) now ."},
		{"www", "Visit www.irna.ir, the agency.", "Visit www.irna.ir , the agency ."},
		{"email", "Write to press@un.org or <a.b-c@gov.uk>.", "Write to press@un.org or < a.b-c@gov.uk > ."},
		{"bare domain", "Newsday.com reported it.", "Newsday.com reported it ."},
		{"missing space after period", "He left.They stayed.", "He left . ‖ They stayed ."},
		{"missing space before tld-like word", "He left.In May he came back.", "He left . ‖ In May he came back ."},
		{"host name", "Read bbc.co.uk and REPORT.DOC today.", "Read bbc.co.uk and REPORT.DOC today ."},
	})
}

func TestPunctuation(t *testing.T) {
	runCases(t, []segCase{
		{"runs", "What?! No!!! Really??", "What ?! ‖ No !!! ‖ Really ??"},
		{"ellipsis run", "Well.... ok", "Well .... ok"},
		{"brackets", "(See [the] {list}.)", "( See [ the ] { list } . )"},
		{"slash", "and/or he/she w/o it", "and / or he / she w/o it"},
		{"ampersand", "AT&T and Johnson & Johnson", "AT&T and Johnson & Johnson"},
		{"emoticon", "I loved it :) See you ;-)", "I loved it :) ‖ See you ;-)"},
		{"emoticon after stop", "Great trip! :D Next year again.", "Great trip ! :D ‖ Next year again ."},
		{"only punctuation", "?!... --- ***", "?!... ‖ --- ***"},
		{"list numbers", "Two points: 1. Talk first. 2. Then act.",
			"Two points : 1 . ‖ Talk first . ‖ 2 . Then act ."},
		{"question inside parentheses", "The aim is (maybe?) to win.", "The aim is ( maybe ? ) to win ."},
		{"parenthesis before blank line", "The aim is (maybe?)\n\nNext.", "The aim is ( maybe ? ) ‖ Next ."},
		{"separator line", "End of story. *****\nMore news ===== Sports", "End of story . ‖ ***** ‖ More news ‖ ===== ‖ Sports"},
	})
}

func TestSentences(t *testing.T) {
	runCases(t, []segCase{
		{"headline and blank line", "Iran warns Israel\n\nTehran said it would respond.",
			"Iran warns Israel ‖ Tehran said it would respond ."},
		{"title line", "Iran warns Israel\nTehran said it would respond.",
			"Iran warns Israel ‖ Tehran said it would respond ."},
		{"blank line always ends", "He said that\n\nthe talks failed",
			"He said that ‖ the talks failed"},
		{"line break inside sentence", "He said that the\ntalks failed.",
			"He said that the talks failed ."},
		{"line ending with comma", "Iran, Iraq,\nSyria agreed.", "Iran , Iraq , Syria agreed ."},
		{"lowercase after period", "It ended. then it began.", "It ended . ‖ then it began ."},
		{"closing quote and bracket", `(He left.) "Why?" she asked. Nobody knew.`,
			`( He left . ) ‖ " Why ? " she asked . ‖ Nobody knew .`},
		{"question then lowercase", "Why? because.", "Why ? ‖ because ."},
		{"windows line ends", "Title\r\n\r\nBody text.", "Title ‖ Body text ."},
		{"hard-wrapped newswire",
			"    Bean shippers were reluctant to offer shipment and\nonly limited sales were booked at 1,750 to 1,780\ndlrs per tonne to ports to be named at 2.27 times New\nYork prices, traders said.\n    New crop sales were light.",
			"Bean shippers were reluctant to offer shipment and only limited sales were booked at 1,750 to 1,780 dlrs per tonne to ports to be named at 2.27 times New York prices , traders said . ‖ New crop sales were light ."},
	})
}

// TestSeedArticle checks the canonical article of the project.
func TestSeedArticle(t *testing.T) {
	path := filepath.Join(dataDir(t), "..", "seed", "iran-pakistan-2024-04-12.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed article not found: %v", err)
	}
	text := string(data)
	s := newSeg(t)
	sents := s.Segment(text)
	checkInvariants(t, text, sents)
	// Title, date line, dateline and 17 body sentences.
	if len(sents) != 20 {
		for i, st := range sents {
			t.Logf("%d: %s", i, text[st.Span.Start:st.Span.End])
		}
		t.Fatalf("got %d sentences, want 20", len(sents))
	}
	wantSent := []string{
		"Dominating powers seeking insecurity between Iran, Pakistan: Raisi",
		"April 12, 2024 - 20:12",
		"TEHRAN-",
	}
	for i, w := range wantSent {
		if got := text[sents[i].Span.Start:sents[i].Span.End]; got != w {
			t.Errorf("sentence %d = %q, want %q", i, got, w)
		}
	}
	if got := render(sents[2:3]); got != "TEHRAN -" {
		t.Errorf("dateline words = %q, want \"TEHRAN -\"", got)
	}
	all := render(sents)
	for _, want := range []string{
		"close to ⟨Iran ’s⟩ border",
		"Jaish ul - Adl ,",
		"Eid al - Fitr greetings",
		"Iranian ⟨embassy 's⟩ consular",
		"the re-election of",
		"cross-border tensions over ⟨Iran 's⟩ counter-terrorism operations",
		`by " dominating powers " between`,
		`of " domineering powers , " who`,
		"at least 11 Iranian",
		"April 12 , 2024 - 20:12",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("segmentation lacks %q", want)
		}
	}
	last := sents[len(sents)-1]
	if got := text[last.Span.Start:last.Span.End]; !strings.HasPrefix(got, "The two countries fully restored ties") {
		t.Errorf("last sentence = %q", got)
	}
}

// TestRobustness feeds hostile input and checks the invariants.
func TestRobustness(t *testing.T) {
	s := newSeg(t)
	long := strings.Repeat("word, another-word U.S. 11,000 don't ", 10<<20/37)
	cases := map[string]string{
		"invalid utf8":   "ab\xff\xfe cd\xc3 e\x80f. \xe2\x80 Next.",
		"nul bytes":      "a\x00b \x00\x00 c.\x00 D",
		"controls":       "\x01\x02\x1b[31mred\x1b[0m\x7f",
		"only newline":   "\n\n\n",
		"only punct":     `!?.,;:'"()[]{}<>-–—…`,
		"lone apostr":    "' ’ ` ‘ s' 's n't",
		"emoji only":     "😀😀😀 👨‍👩‍👧 🏳️‍🌈 1️⃣",
		"arabic":         "إيران وباكستان، اتفاق. «نعم» ؟",
		"10 MB line":     long,
		"10 MB no space": strings.Repeat("a", 10<<20),
		"long clitic":    strings.Repeat("x", 300) + "'s " + strings.Repeat("y", 300) + "n't",
		"trailing abbr":  "Inc.",
		"dangling dash":  "TEHRAN-",
		"url only":       "http://",
		"at signs":       "@@ a@ @b a@b.",
		"dots":           ". .. ... .a a. a.b. .5.",
		"wrapped":        strings.Repeat("short line\n", 50),
		// Inputs that once took quadratic time.
		"dotted run": strings.Repeat("ab.", 1<<18/3) + "com",
		"dotted at":  strings.Repeat("ab.", 1<<18/3) + "@x",
		"open paren": "x (" + strings.Repeat(" a?)", 1<<18/4),
		"comma run":  strings.Repeat("a,", 1<<17) + "@b",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			checkInvariants(t, text, s.Segment(text))
		})
	}
}

// TestConcurrent runs one Segmenter from many goroutines; with -race it
// checks that Segment shares no mutable state.
func TestConcurrent(t *testing.T) {
	s := newSeg(t)
	texts := []string{
		"TEHRAN- Iran’s president spoke. He said “no.”",
		"WASHINGTON (Reuters) - The U.S. Senate voted on Jan. 5.",
		"I don't know... maybe? Yes!",
	}
	want := make([]string, len(texts))
	for i, x := range texts {
		want[i] = render(s.Segment(x))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := (g + k) % len(texts)
				if got := render(s.Segment(texts[i])); got != want[i] {
					t.Errorf("concurrent Segment(%q) = %q, want %q", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzSegment(f *testing.F) {
	for _, seed := range []string{
		"TEHRAN- Iranian President Ebrahim Raisi, in a recent call, spoke.",
		"WASHINGTON (Reuters) - The U.S. Senate on Jan. 5 passed 11,000 bills.",
		"“We won’t stop,” he said. ‘Never.’ Iran’s border, the workers' union.",
		"J. R. R. Tolkien... http://x.org/a(b) a@b.c :) 😀👍🏽 20:12 5% $3.5bn",
		"Title\n\nApril 12, 2024 - 20:12\n\nBody text.\n",
		"ab\xff\xfe\x00 cd. e\u00a0f—g… 'ul-Adl' al-Qaeda's 713-853-3989 9/11",
		"    wrapped\nline one here\nline two here\n",
		"shouldn't've dont CANNOT gonna its a",
	} {
		f.Add(seed)
	}
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, s.Segment(text))
	})
}
