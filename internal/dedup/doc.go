// Package dedup finds near-duplicate articles: the copies of one wire story
// that syndication publishes again with a new headline, a dateline or a
// byline, a trimmed last paragraph, other line breaks, as a web page and as
// text. GDELT counts every copy again; dyad keeps one canonical article.
// Different articles about the same event are not duplicates here (that is
// the work of event clustering), even when they share facts, names and
// quotations.
//
// Sign computes a MinHash Signature of a text over its word shingles
// (NumHashes values, shingles of ShingleWords words); Similarity estimates
// the Jaccard similarity of two signatures, and texts at Threshold or above
// are near-duplicates. Bands gives the LSH band keys under which a store
// indexes a signature to find its candidates without comparing it with
// every other one; Encode and Decode give the versioned bytes to store.
// Index does the same in memory. ContentHash keys exact duplicates, up to
// white space.
//
// Signatures are deterministic: the same text has the same signature on
// every run, machine and Go version, so stored signatures stay comparable.
// docs/dedup.md explains the choices and has the measurements.
package dedup
