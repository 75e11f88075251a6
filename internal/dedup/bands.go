package dedup

// The LSH banding of a signature. Two signatures are candidates when all
// BandRows values of at least one band are equal. For a pair of Jaccard
// similarity s that happens with probability 1 - (1 - s^BandRows)^NumBands,
// with 42 bands of 3 rows:
//
//	s     0.05   0.1    0.2    0.3    0.4    0.45   0.5    0.6
//	P     0.005  0.041  0.286  0.683  0.938  0.982  0.996  0.99996
//
// so a pair at the Threshold (0.5) is a candidate with probability 0.996.
// No split of 128 values is steeper: more rows per band would need more
// than 128 values to keep 0.99 at 0.5 (4 rows need 72 bands), so pairs
// near 0.3 are often candidates too. They are rare (12 of the 2.5 million
// BBC pairs lie between 0.3 and 0.5), and Similarity rejects them; what
// matters for the cost of a lookup is the far more common pair of
// unrelated articles, below 0.05, which is a candidate 1 time in 200.
const (
	// NumBands is the number of band keys of a signature.
	NumBands = 42
	// BandRows is the number of signature values hashed into one band
	// key. The last NumHashes - NumBands*BandRows (2) values take part
	// in Similarity only.
	BandRows = 3
)

// bandSeed starts the hash of each band key.
const bandSeed = 0x5a17c0de5eed0003

// Bands returns the NumBands LSH band keys of sig: key i hashes band
// number i with its BandRows values, so keys of different bands differ
// too and a store may index (band, key) or the key alone. Signatures that
// share a key are candidate near-duplicates, to be confirmed with
// Similarity against Threshold. The keys are as stable as the signature.
func Bands(sig Signature) []uint64 {
	keys := make([]uint64, NumBands)
	for b := range keys {
		h := fmix64(bandSeed ^ uint64(b))
		for _, v := range sig.v[b*BandRows : (b+1)*BandRows] {
			h = fmix64(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}
