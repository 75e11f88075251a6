package perceptron

// accum sums the weights of the features of one scoring call. Sparse
// weights are added one by one to sums; dense rows are added four classes
// at a time: a row is stored as 64-bit words of four 16-bit lanes, each
// weight biased by 32768 so that it is unsigned, and two accumulators
// take the even and the odd lanes of each word into 32-bit lanes
// (masking, one shift, two additions for four weights). A 32-bit lane
// cannot overflow before 65536 rows, and fold subtracts the bias.
type accum struct {
	sums      []int32  // one per class
	even, odd []uint64 // one per row word
	rows      int64    // rows added since the last fold
	// Rows are added four at a time: the lanes of four rows are summed
	// before the accumulators are loaded and stored, which saves most of
	// those loads and stores.
	pending [4][]uint64
	np      int
}

const (
	lanes   = 0x0000ffff0000ffff
	bias    = 32768
	maxRows = 1 << 16
)

// rowWords is the number of words of a dense row of n classes.
func rowWords(n int) int { return (n + 3) / 4 }

// packRow packs the weights of a dense row of n classes, biased.
func packRow(dst []uint64, w []int16) []uint64 {
	for j := 0; j < len(w); j += 4 {
		var word uint64
		for l := range 4 {
			v := uint64(bias) // padding lanes hold a zero weight
			if j+l < len(w) {
				v = uint64(int32(w[j+l]) + bias)
			}
			word |= v << (16 * l)
		}
		dst = append(dst, word)
	}
	return dst
}

// unpackRow returns weight c of a packed row.
func unpackRow(row []uint64, c int) int16 {
	return int16(int32(row[c/4]>>(16*(c%4))&0xffff) - bias)
}

func (a *accum) addRow(row []uint64) {
	a.pending[a.np] = row
	if a.np++; a.np == len(a.pending) {
		a.addPending()
	}
}

// addPending adds the rows waiting in pending.
func (a *accum) addPending() {
	even, odd := a.even, a.odd
	switch a.np {
	case 4:
		r0, r1, r2, r3 := a.pending[0], a.pending[1], a.pending[2], a.pending[3]
		r0, r1, r2, r3 = r0[:len(even)], r1[:len(even)], r2[:len(even)], r3[:len(even)]
		odd = odd[:len(even)]
		for j := range even {
			w0, w1, w2, w3 := r0[j], r1[j], r2[j], r3[j]
			even[j] += w0&lanes + w1&lanes + w2&lanes + w3&lanes
			odd[j] += (w0>>16)&lanes + (w1>>16)&lanes + (w2>>16)&lanes + (w3>>16)&lanes
		}
	default:
		for _, row := range a.pending[:a.np] {
			row = row[:len(even)]
			odd := odd[:len(even)]
			for j := range even {
				even[j] += row[j] & lanes
				odd[j] += (row[j] >> 16) & lanes
			}
		}
	}
	a.rows += int64(a.np)
	a.np = 0
	if a.rows >= maxRows-int64(len(a.pending)) {
		a.fold()
	}
}

// fold moves the dense sums into sums.
func (a *accum) fold() {
	if a.np > 0 {
		a.addPending()
	}
	if a.rows == 0 {
		return
	}
	off := a.rows * bias
	n := len(a.sums)
	for j := range a.even {
		e, o := a.even[j], a.odd[j]
		lane := [4]uint64{e & 0xffffffff, o & 0xffffffff, e >> 32, o >> 32}
		for l, v := range lane {
			if c := 4*j + l; c < n {
				a.sums[c] += int32(int64(v) - off)
			}
		}
	}
	clear(a.even)
	clear(a.odd)
	a.rows = 0
}

// flush adds the sums to scores and clears the accumulator.
func (a *accum) flush(scores []float32) {
	a.fold()
	for c, v := range a.sums {
		scores[c] += float32(v)
	}
	clear(a.sums)
}

// flushInts adds the sums to sums and clears the accumulator.
func (a *accum) flushInts(sums []int32) {
	a.fold()
	for c, v := range a.sums {
		sums[c] += v
	}
	clear(a.sums)
}
