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
	even, odd := a.even[:len(row)], a.odd[:len(row)]
	for j, w := range row {
		even[j] += w & lanes
		odd[j] += (w >> 16) & lanes
	}
	a.rows++
	if a.rows == maxRows-1 {
		a.fold()
	}
}

// fold moves the dense sums into sums.
func (a *accum) fold() {
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
