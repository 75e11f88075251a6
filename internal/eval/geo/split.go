package geoeval

import (
	"fmt"
	"hash/fnv"
)

// Split is a half of a suite, chosen by document, so that the resolver's
// rules can be chosen on one half (dev) and measured on the other (test).
type Split string

// The splits: every document, the dev half and the test half.
const (
	All  Split = "all"
	Dev  Split = "dev"
	Test Split = "test"
)

// ParseSplit reads a split's name ("" is All).
func ParseSplit(s string) (Split, error) {
	switch Split(s) {
	case "", All:
		return All, nil
	case Dev, Test:
		return Split(s), nil
	}
	return "", fmt.Errorf("unknown split %q (want all, dev or test)", s)
}

// Has reports whether the document with id belongs to the split: a
// document is in dev when the FNV-1a hash of its id is even, else in
// test. The hash depends on the id alone, not on the order of the file
// or on the other documents, so a document stays in its half when a
// suite is read differently.
func (s Split) Has(id string) bool {
	if s == All || s == "" {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return (h.Sum32()%2 == 0) == (s == Dev)
}

// Docs returns the documents of docs in the split, in order.
func (s Split) Docs(docs []*Doc) []*Doc {
	if s == All || s == "" {
		return docs
	}
	var out []*Doc
	for _, d := range docs {
		if s.Has(d.ID) {
			out = append(out, d)
		}
	}
	return out
}
