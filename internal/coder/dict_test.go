package coder

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyadproject/dyad/internal/cameo"
)

// TestPatternErrors checks that each bad pattern line is reported as
// file:line with what is wrong, and that good options compile.
func TestPatternErrors(t *testing.T) {
	o, err := cameo.Default()
	if err != nil {
		t.Fatal(err)
	}
	src := "0831 resign prep=from|as plover=RETREAT/resign\n" +
		"0831 quit plover=LEAVE\n" +
		"999 x\n" +
		"111 condemn blame=1\n"
	_, err = LoadDict(fstest.MapFS{"p.txt": {Data: []byte(src)}}, o)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`p.txt:2: unknown PLOVER event "LEAVE"`,
		"p.txt:3:",
		`p.txt:4: bad option "blame=1"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "p.txt:1:") {
		t.Errorf("a good line reported: %v", err)
	}
	d, err := LoadDict(fstest.MapFS{"p.txt": {Data: []byte("0831 resign prep=from|as plover=RETREAT/resign\n")}}, o)
	if err != nil {
		t.Fatal(err)
	}
	ps := d.verbs["resign"]
	if len(ps) != 1 || ps[0].PloverEvent != "RETREAT" || ps[0].PloverMode != "resign" {
		t.Errorf("plover= option: got %+v", ps)
	}
}
