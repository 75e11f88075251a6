package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []string {
	return strings.Split(strings.TrimSpace(text), "\n\n")
}

// TestSimilarityTable checks what a syndicated copy of a wire story looks
// like against the story: near-duplicates for the edits of syndication,
// not for another article about the same missile strike (which shares the
// facts, the names and a quoted sentence).
func TestSimilarityTable(t *testing.T) {
	wire := readTestdata(t, "strike-wire.txt")
	other := readTestdata(t, "strike-other.txt")
	ps := paragraphs(wire)
	last := len(ps) - 1
	swapped := append([]string(nil), ps...)
	swapped[3], swapped[4] = swapped[4], swapped[3]
	tests := []struct {
		name     string
		text     string
		min, max float64
	}{
		{"identical", wire, 1, 1},
		{"rewrapped", strings.ReplaceAll(strings.ReplaceAll(wire, ". ", ".\r\n  "), "\n\n", "\n \t\n"), 1, 1},
		{"case and punctuation", strings.ToUpper(strings.ReplaceAll(wire, ",", " ;")), 1, 1},
		{"new headline", "Russian strike on Ukrainian grain port leaves dozen dead" + wire[strings.Index(wire, "\n"):], Threshold, 1},
		{"byline and agency", "By Anna Petrenko\n\n" + strings.Replace(wire, "ODESA, Ukraine -", "ODESA, Ukraine, Oct 8 (Reuters) -", 1), Threshold, 1},
		{"last paragraph trimmed", strings.Join(ps[:last], "\n\n"), Threshold, 1},
		{"paragraphs swapped", strings.Join(swapped, "\n\n"), Threshold, 1},
		{"all at once", "Russian strike on Ukrainian grain port leaves dozen dead\n\nBy Anna Petrenko\n\n" + strings.Join(swapped[1:last], "\n\n"), Threshold, 1},
		{"same event, other article", other, 0, 0.1},
		{"other article, headline only", strings.SplitN(other, "\n", 2)[0], 0, 0},
	}
	sig := Sign(wire)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Similarity(sig, Sign(tc.text))
			if s < tc.min || s > tc.max {
				t.Errorf("Similarity = %.3f, want in [%.2f, %.2f]", s, tc.min, tc.max)
			}
			if got := Similarity(Sign(tc.text), sig); got != s {
				t.Errorf("Similarity is not symmetric: %.3f and %.3f", s, got)
			}
		})
	}
}

// goldenText exercises every kind of word: ASCII, accents precomposed and
// decomposed, a ligature, full-width digits, Han characters, digits and
// punctuation.
const goldenText = `Dyad's golden text: the café and the cafe\u0301 serve ﬁsh at １２ o'clock,
東京 news, 3.5% growth; "quoted words" (in brackets) — and a few more words
so that the text is longer than the short-text limit of twenty words.`

// TestSignatureGolden pins the signature of fixed texts. If it fails, the
// hashing or the normalization has changed and every stored signature
// would stop matching new ones: restore the old behaviour, or make a new
// FormatVersion (and then update the golden values).
func TestSignatureGolden(t *testing.T) {
	tests := []struct {
		name, text string
		short      bool
		first      [4]uint32
		encSHA     string
		band0      uint64
	}{
		{"long", goldenText, false,
			[4]uint32{0x4605024, 0x9b9978f, 0x26cb8242, 0x1217c28f},
			"5efca1895bd9c9e2fb63d06177e751184ff419ee435bcc451018827df257ad1b", 0x380687c6e99a54eb},
		{"short", "Missile strike on Odesa port kills 12", true,
			[4]uint32{0x741baab5, 0x7f1087d2, 0xbb57deb2, 0xfcaa8931},
			"d63464cf6aa3e9709ef2b897c8812083f67df506af65d8363b7134a4aa9067c8", 0xd751d9068e3e69f1},
		{"empty", "", true,
			[4]uint32{0xb30d10c7, 0x28208777, 0xcfcc4a04, 0x6d753368},
			"43f905c40472a563bbaac2e7f3cd2d9219c3b765ae6cc77c4ff26ac77ceac71a", 0xf37b914b25303f3f},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Sign(tc.text)
			sum := sha256.Sum256(s.Encode())
			got := hex.EncodeToString(sum[:])
			if s.Short() != tc.short || [4]uint32(s.v[:4]) != tc.first || got != tc.encSHA || Bands(s)[0] != tc.band0 {
				t.Errorf("signature changed: short %v, first values %#v, SHA-256 of the encoding %s, band 0 %#x",
					s.Short(), [4]uint32(s.v[:4]), got, Bands(s)[0])
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Hello, World!", "hello world"},
		{"café", "cafe\u0301"},
		{"ﬁnal １２", "final 12"},
		{"don't  stop\r\n-- now", "don t stop now"},
		{"東京タワー", "東 京 タ ワ ー"},
		{"ΑΘΗΝΑ Москва", "αθηνα москва"},
		{"a\u00a0b\u200bc", "a b c"},
	}
	for _, tc := range tests {
		a, b := wordHashes(tc.a), wordHashes(tc.b)
		if !slices.Equal(a, b) {
			t.Errorf("%q and %q have different words (%d and %d)", tc.a, tc.b, len(a), len(b))
		}
	}
	if n := len(wordHashes("one two-three, four5 (six)")); n != 5 {
		t.Errorf("got %d words, want 5", n)
	}
}

// TestShort checks the rule for texts under MinWords words: equal only to
// texts with the same words.
func TestShort(t *testing.T) {
	short := "Missile strike on Odesa port kills 12, officials say"
	long := readTestdata(t, "strike-wire.txt")
	tests := []struct {
		a, b string
		want float64
	}{
		{short, "MISSILE STRIKE ON ODESA PORT KILLS 12 -- OFFICIALS SAY", 1},
		{short, "Missile strike on Odesa port kills 13, officials say", 0},
		{short, "Missile strike on Odesa port kills 12", 0},
		{short, long, 0},
		{"", "  \n ", 1},
		{"", short, 0},
	}
	for _, tc := range tests {
		if got := Similarity(Sign(tc.a), Sign(tc.b)); got != tc.want {
			t.Errorf("Similarity(%.20q, %.20q) = %.3f, want %.0f", tc.a, tc.b, got, tc.want)
		}
	}
	words := strings.Repeat("word ", MinWords)
	if s := Sign(words[5:]); !s.Short() {
		t.Errorf("%d words: not short", MinWords-1)
	}
	if s := Sign(words); s.Short() {
		t.Errorf("%d words: short", MinWords)
	}
}

// TestBands checks that equal bands give equal keys and that the keys of
// a signature differ.
func TestBands(t *testing.T) {
	a := Sign(readTestdata(t, "strike-wire.txt"))
	b := a
	b.v[0]++ // band 0 differs, the others not
	ka, kb := Bands(a), Bands(b)
	if len(ka) != NumBands {
		t.Fatalf("%d keys, want %d", len(ka), NumBands)
	}
	if ka[0] == kb[0] {
		t.Error("band 0 differs but its keys are equal")
	}
	seen := map[uint64]bool{}
	for i := range ka {
		if i > 0 && ka[i] != kb[i] {
			t.Errorf("band %d is equal but its keys differ", i)
		}
		if seen[ka[i]] {
			t.Errorf("key %#x twice", ka[i])
		}
		seen[ka[i]] = true
	}
}
