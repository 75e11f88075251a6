package dedup

import (
	"strings"
	"testing"
)

func TestContentHash(t *testing.T) {
	const text = "Missile strike on Odesa port\n\nA missile struck the port, officials said."
	same := []string{
		text,
		"  Missile strike on Odesa port\r\n\r\nA missile struck the\n port,   officials said.  \n",
		"Missile\tstrike on Odesa port A missile struck the port, officials\u00a0said.",
		"\u3000Missile strike on Odesa port\u2029A missile struck the port, officials said.\v",
	}
	other := []string{
		strings.ToUpper(text),
		strings.Replace(text, ",", "", 1),
		strings.Replace(text, "port,", "port ,", 1),
		strings.Replace(text, "struck", "stru\u200bck", 1),
		text + ".",
	}
	want := ContentHash(text)
	if len(want) != 64 {
		t.Fatalf("hash %q is not hex SHA-256", want)
	}
	for _, s := range same {
		if got := ContentHash(s); got != want {
			t.Errorf("ContentHash(%q) differs", s)
		}
	}
	for _, s := range other {
		if got := ContentHash(s); got == want {
			t.Errorf("ContentHash(%q) is the same", s)
		}
	}
	// Golden: the SHA-256 of the normalized text, which a store persists.
	if got := ContentHash(text); got != "59929fb86a5eacec7b72318f3d826109b97bf4c288d845b2f84f295ced0ff732" {
		t.Errorf("ContentHash changed: %s", got)
	}
	if got, empty := ContentHash(" \n\t "), ContentHash(""); got != empty || empty != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("white space only: %s, empty: %s", got, empty)
	}
	// Invalid UTF-8 is hashed as it is, and long texts across the
	// buffer's flushes.
	if ContentHash("a\xffb") == ContentHash("a\xfeb") {
		t.Error("invalid bytes are not hashed")
	}
	long := strings.Repeat("word  ", 3000)
	if ContentHash(long) != ContentHash(strings.Repeat("word\n", 3000)) {
		t.Error("long texts differ")
	}
}
