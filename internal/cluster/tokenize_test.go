package cluster

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by " | "
	}{
		{"Iran's foreign minister didn't comment.", "Iran | 's | foreign | minister | did | n't | comment | ."},
		{"They're here, we'll see; I'm sure you've heard, he'd say", "They | 're | here | , | we | 'll | see | ; | I | 'm | sure | you | 've | heard | , | he | 'd | say"},
		{"can't won't CAN'T cannot gonna", "ca | n't | wo | n't | CA | N'T | can | not | gon | na"},
		{"Pakistan’s army doesn’t", "Pakistan | ’s | army | does | n’t"},
		{"the states' rights", "the | states | ' | rights"},
		{"11,000 troops and 3.5 percent, at 12:30 on 3/4/2005", "11,000 | troops | and | 3.5 | percent | , | at | 12:30 | on | 3/4/2005"},
		{"cost $5.50 (about 5%).", "cost | $ | 5.50 | ( | about | 5 | % | ) | ."},
		{"Mr. Khan met Dr. Lee in the U.S. on Jan. 5.", "Mr. | Khan | met | Dr. | Lee | in | the | U.S. | on | Jan. | 5 | ."},
		{"J. R. R. Tolkien, e.g. this", "J. | R. | R. | Tolkien | , | e.g. | this"},
		{"anti-government al-Qaeda cross-border", "anti | - | government | al | - | Qaeda | cross | - | border"},
		{"call 555-1234 now", "call | 555-1234 | now"},
		{"wait... what?! -- \"No\"", "wait | ... | what | ?! | -- | \" | No | \""},
		{"``quoted'' text", "`` | quoted | '' | text"},
		{"AT&T and S&P", "AT&T | and | S&P"},
		{"see http://www.example.com/a?b=1, or mail info@voanews.com.", "see | http://www.example.com/a?b=1 | , | or | mail | info@voanews.com | ."},
		{"(www.bbc.co.uk)", "( | www.bbc.co.uk | )"},
		{"O'Brien's rock'n'roll", "O'Brien | 's | rock'n'roll"},
		{"John 's car n't", "John | 's | car | n't"},
		{"the '90s", "the | ' | 90s"},
		{"Zürich café naïve", "Zürich | café | naïve"},
		{"  \t\n ", ""},
		{"end.Next", "end.Next"},
	}
	for _, tt := range tests {
		got := strings.Join(Tokenize(tt.in), " | ")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left. She stayed.", []string{"He left .", "She stayed ."}},
		{`He said "no." Then he left.`, []string{`He said " no . "`, "Then he left ."}},
		{`He left. "Why?" she asked.`, []string{"He left .", `" Why ? " she asked .`}},
		{"Mr. Smith met Gen. Lee. They talked.", []string{"Mr. Smith met Gen. Lee .", "They talked ."}},
		{"It rose 5.2 percent... analysts said.", []string{"It rose 5.2 percent ... analysts said ."}},
		{"Really?! Yes. 2005 was good", []string{"Really ?!", "Yes .", "2005 was good"}},
		{"(It ended.) Then more.", []string{"( It ended . )", "Then more ."}},
		{"no terminal", []string{"no terminal"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range SplitSentences(Tokenize(tt.in)) {
			got = append(got, strings.Join(s, " "))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SplitSentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"11,000": "00,000", "1990s": "0000s", "Iran": "Iran", "’s": "'s",
		"“": "\"", "F-16": "F-00", "\xff": "\uFFFD",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJunk(t *testing.T) {
	for s, want := range map[string]bool{
		"Shr 57 cts vs 34 cts":                      true,
		"1,234 5,678 9.1 2.3 abc":                   true,
		"BAHIA COCOA REVIEW SAYS RAIN":              true,
		"The U.S. and NATO said the EU would act .": false,
		"Iran 's army said on Tuesday .":            false,
	} {
		if got := junk(strings.Fields(s)); got != want {
			t.Errorf("junk(%q) = %v, want %v", s, got, want)
		}
	}
}
