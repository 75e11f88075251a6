package dedup

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzDecode checks that Decode never panics and that what it accepts
// encodes back to the same bytes.
func FuzzDecode(f *testing.F) {
	f.Add(Sign("a short text").Encode())
	f.Add(Sign(goldenText).Encode())
	f.Add([]byte{})
	f.Add([]byte{FormatVersion, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b)
		if err != nil {
			return
		}
		if !bytes.Equal(s.Encode(), b) {
			t.Errorf("Decode then Encode changed %x", b)
		}
	})
}

// FuzzSignature checks that any text, valid UTF-8 or not, signs without a
// panic, the same way twice, and that its signature survives encoding; and
// that ContentHash joins words as strings.Fields splits them.
func FuzzSignature(f *testing.F) {
	f.Add(goldenText)
	f.Add("")
	f.Add("Missile strike on Odesa port kills 12")
	f.Add("\xff\xfe caf\u0301e 東京 ﬁ")
	f.Fuzz(func(t *testing.T, text string) {
		s := Sign(text)
		if s2 := Sign(text); s2 != s {
			t.Fatalf("two signatures of %q differ", text)
		}
		if Similarity(s, s) != 1 {
			t.Errorf("Similarity with itself is %v", Similarity(s, s))
		}
		d, err := Decode(s.Encode())
		if err != nil || d != s {
			t.Errorf("encoding round trip: %v", err)
		}
		if ContentHash(text) != ContentHash(strings.Join(strings.Fields(text), " ")) {
			t.Errorf("ContentHash does not normalize white space as strings.Fields does")
		}
		if len(Bands(s)) != NumBands {
			t.Errorf("%d bands", len(Bands(s)))
		}
	})
}
