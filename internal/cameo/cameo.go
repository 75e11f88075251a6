// Package cameo is the CAMEO event ontology: every code with its label,
// Goldstein weight, quad class and PLOVER event, mode and context. The
// table is a data file (cameo.tsv) compiled when the ontology is loaded.
package cameo

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

//go:embed cameo.tsv
var table string

// Quad classes, in GDELT's convention.
const (
	VerbalCoop   = 1
	MaterialCoop = 2
	VerbalConf   = 3
	MaterialConf = 4
)

// Code is one CAMEO event code.
type Code struct {
	Code      string  // "041", "1952"
	Root      string  // the two-digit root class, "04"
	Label     string  // "Discuss by telephone"
	Goldstein float64 // Goldstein (1992) weight, −10 … +10
	Quad      int     // 1 verbal cooperation … 4 material conflict
	// PLOVER event type, mode and contexts ("" or nil when CAMEO2PLOVER
	// gives none: PLOVER has no category for public statements).
	PloverEvent   string
	PloverMode    string
	PloverContext []string
}

// Ontology is the set of CAMEO codes. It is immutable once built.
type Ontology struct {
	codes map[string]*Code
}

// Default returns the ontology compiled from the embedded table.
func Default() (*Ontology, error) {
	return Parse("cameo.tsv", strings.NewReader(table))
}

// Parse compiles a table in the format of cameo.tsv. Errors name the line
// as file:line; all errors are returned together.
func Parse(name string, r io.Reader) (*Ontology, error) {
	o := &Ontology{codes: make(map[string]*Code)}
	var errs []error
	sc := bufio.NewScanner(r)
	line := 0
	given := map[*Code]bool{} // codes whose weight was given, not inherited
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 7 {
			errs = append(errs, fmt.Errorf("%s:%d: want 7 tab-separated fields, have %d", name, line, len(f)))
			continue
		}
		code := f[0]
		if !validCode(code) {
			errs = append(errs, fmt.Errorf("%s:%d: bad CAMEO code %q", name, line, code))
			continue
		}
		if _, dup := o.codes[code]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: code %s defined twice", name, line, code))
			continue
		}
		c := &Code{Code: code, Root: code[:2], Label: dash(f[1]), PloverEvent: dash(f[4]), PloverMode: dash(f[5])}
		if f[2] != "-" {
			g, err := strconv.ParseFloat(f[2], 64)
			if err != nil || g < -10 || g > 10 {
				errs = append(errs, fmt.Errorf("%s:%d: bad Goldstein weight %q", name, line, f[2]))
				continue
			}
			c.Goldstein = g
			given[c] = true
		}
		q, err := strconv.Atoi(f[3])
		if err != nil || q < VerbalCoop || q > MaterialConf {
			errs = append(errs, fmt.Errorf("%s:%d: bad quad class %q", name, line, f[3]))
			continue
		}
		c.Quad = q
		if ctx := dash(f[6]); ctx != "" {
			c.PloverContext = strings.Split(ctx, "|")
		}
		o.codes[code] = c
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	// Inherit what a code leaves out from its parent, shortest codes first
	// so that parents are complete before their children.
	codes := o.List()
	for _, c := range codes {
		p := o.parent(c.Code)
		if p == nil {
			if len(c.Code) > 2 {
				errs = append(errs, fmt.Errorf("%s: code %s has no parent code", name, c.Code))
			}
			continue
		}
		if c.Label == "" {
			c.Label = p.Label
		}
		if !given[c] {
			c.Goldstein = p.Goldstein
			given[c] = given[p]
		}
		// PLOVER folds CAMEO's appeals (02) into REQUEST; CAMEO2PLOVER
		// leaves them out.
		if c.PloverEvent == "" && c.Root == "02" {
			c.PloverEvent = "REQUEST"
		}
	}
	for _, root := range []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
		"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"} {
		if o.codes[root] == nil {
			errs = append(errs, fmt.Errorf("%s: root class %s missing", name, root))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return o, nil
}

// PloverEvent reports whether name is a PLOVER event type some code maps
// to ("ASSAULT", "RETREAT").
func (o *Ontology) PloverEvent(name string) bool {
	for _, c := range o.codes {
		if c.PloverEvent == name {
			return true
		}
	}
	return false
}

// parent returns the code one level up: 0412 → 041, 041 → 04, else nil.
func (o *Ontology) parent(code string) *Code {
	switch len(code) {
	case 3:
		return o.codes[code[:2]]
	case 4:
		if p := o.codes[code[:3]]; p != nil {
			return p
		}
		return o.codes[code[:2]]
	}
	return nil
}

// Lookup returns the code, or nil when the ontology has no such code.
func (o *Ontology) Lookup(code string) *Code { return o.codes[code] }

// List returns every code, sorted by length and then lexically, so that
// a parent comes before its children.
func (o *Ontology) List() []*Code {
	out := make([]*Code, 0, len(o.codes))
	for _, c := range o.codes {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Code) != len(out[j].Code) {
			return len(out[i].Code) < len(out[j].Code)
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// Len returns the number of codes.
func (o *Ontology) Len() int { return len(o.codes) }

func validCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	r, _ := strconv.Atoi(s[:2])
	return r >= 1 && r <= 20
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}
