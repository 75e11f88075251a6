package cameo

import (
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	o, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if o.Len() < 300 {
		t.Errorf("%d codes, want at least 300", o.Len())
	}
	for _, tc := range []struct {
		code, root, plover string
		quad               int
		goldstein          float64
	}{
		{"041", "04", "CONSULT", VerbalCoop, 1.0},
		{"111", "11", "ACCUSE", VerbalConf, -2.0},
		{"195", "19", "ASSAULT", MaterialConf, -10},
		{"1952", "19", "ASSAULT", MaterialConf, -10}, // weight inherited from 195
		{"036", "03", "AGREE", VerbalCoop, 4.0},
		{"020", "02", "REQUEST", VerbalCoop, 3.0}, // appeals fold into REQUEST
	} {
		c := o.Lookup(tc.code)
		if c == nil {
			t.Errorf("%s missing", tc.code)
			continue
		}
		if c.Root != tc.root || c.PloverEvent != tc.plover || c.Quad != tc.quad || c.Goldstein != tc.goldstein || c.Label == "" {
			t.Errorf("%s = %+v", tc.code, *c)
		}
	}
	for _, c := range o.List() {
		if c.Label == "" {
			t.Errorf("%s has no label", c.Code)
		}
	}
}

func TestParseErrors(t *testing.T) {
	in := "01\tstatement\t0\t1\t-\t-\t-\n" +
		"x1\tbad\t0\t1\t-\t-\t-\n" +
		"011\tdecline\t99\t1\t-\t-\t-\n" +
		"012\tshort\n"
	_, err := Parse("t.tsv", strings.NewReader(in))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"t.tsv:2: bad CAMEO code", "t.tsv:3: bad Goldstein", "t.tsv:4: want 7", "root class 02 missing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
