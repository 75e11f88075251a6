package tag

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/doc"
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// wordInfo holds the hashes of one word that the feature templates read,
// computed once per sentence.
type wordInfo struct {
	lower, exact, shape uint64
	suf                 [4]uint64 // suffixes of 1..4 runes of the lowercased form
	pre                 [3]uint64 // prefixes of 1..3 runes
	title, upper, digit bool
	hyphen, punctOnly   bool
	amb                 uint64                    // ambiguity class: the tags seen with the word in training
	cl                  [cluster.NumLevels]uint64 // word cluster ids coarse to fine, noCluster when unknown
}

// Sentence-boundary pseudo-words and the ambiguity class of unknown words.
var (
	startWord  = wordInfo{lower: pc.Hash("<s>"), exact: pc.Hash("<s>"), shape: pc.Hash("<s>"), amb: pc.Hash("<s>"), cl: [cluster.NumLevels]uint64{2, 2, 2, 2}}
	endWord    = wordInfo{lower: pc.Hash("</s>"), exact: pc.Hash("</s>"), shape: pc.Hash("</s>"), amb: pc.Hash("</s>"), cl: [cluster.NumLevels]uint64{3, 3, 3, 3}}
	unknownAmb = pc.Hash("<unk>")
	noCluster  = [cluster.NumLevels]uint64{1 << 40, 1 << 40, 1 << 40, 1 << 40}
)

func describe(form string) wordInfo {
	wi := wordInfo{lower: pc.HashLower(form), exact: pc.Hash(form), shape: shapeHash(form)}
	// Collect up to the last 4 and first 3 runes, lowercased.
	var runes [64]rune
	n := 0
	for _, r := range form {
		if n < len(runes) {
			runes[n] = unicode.ToLower(r)
			n++
		}
		switch {
		case unicode.IsDigit(r):
			wi.digit = true
		case r == '-':
			wi.hyphen = true
		}
	}
	for k := 1; k <= 4; k++ {
		if k > n {
			wi.suf[k-1] = wi.suf[max(k-2, 0)]
			continue
		}
		wi.suf[k-1] = hashRunes(runes[n-k : n])
	}
	for k := 1; k <= 3; k++ {
		if k > n {
			wi.pre[k-1] = wi.pre[max(k-2, 0)]
			continue
		}
		wi.pre[k-1] = hashRunes(runes[:k])
	}
	r, _ := utf8.DecodeRuneInString(form)
	wi.title = unicode.IsUpper(r)
	wi.upper = wi.title
	wi.punctOnly = form != ""
	for _, r := range form {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			wi.upper = false
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			wi.punctOnly = false
		}
	}
	return wi
}

func hashRunes(rs []rune) uint64 {
	var buf [4 * utf8.UTFMax]byte
	b := buf[:0]
	for _, r := range rs {
		b = utf8.AppendRune(b, r)
	}
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// shapeHash maps a form to its compressed shape ("Xx", "d,d", "x-x"),
// so that unknown words share evidence with known ones of the same shape.
func shapeHash(form string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range form {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		default:
			c = 'u'
		}
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= 1099511628211
		if n++; n > 8 {
			break
		}
	}
	return h
}

// Feature template numbers. They are part of the model format: never
// renumber, only append.
const (
	tBias uint64 = iota + 1
	tW
	tExact
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tFlags
	tWm1
	tWp1
	tWm2
	tWp2
	tSufM1
	tSufP1
	tShapeM1
	tShapeP1
	tP1
	tP2
	tP1P2
	tP1W
	tWm1W
	tWWp1
	tFirst
	tP1Suf3
	tWp1Wp2
	tWm2Wm1
	tAmb
	tAmbP1
	tAmbP2
	tAmbM1
	tAmbWAmbP1
	tP1AmbP1
	tC0
	tC1
	tC2
	tC3
	tCm1a
	tCm1b
	tCp1a
	tCp1b
	tCp2a
	tP1C2
	tC3Cp1
)

// features appends the keys for word i of words (padded with two
// boundary words on each side, so words[i+2] is the word) given the tags
// predicted for the two previous words.
func features(dst []uint64, words []wordInfo, i int, p1, p2 uint64) []uint64 {
	w := &words[i+2]
	m1, m2, n1, n2 := &words[i+1], &words[i], &words[i+3], &words[i+4]
	flags := uint64(0)
	for j, b := range []bool{w.title, w.upper, w.digit, w.hyphen, w.punctOnly, i == 0} {
		if b {
			flags |= 1 << j
		}
	}
	dst = append(dst,
		pc.F1(tBias, 0),
		pc.F1(tW, w.lower),
		pc.F1(tExact, w.exact),
		pc.F1(tSuf1, w.suf[0]),
		pc.F1(tSuf2, w.suf[1]),
		pc.F1(tSuf3, w.suf[2]),
		pc.F1(tSuf4, w.suf[3]),
		pc.F1(tPre1, w.pre[0]),
		pc.F1(tPre2, w.pre[1]),
		pc.F1(tPre3, w.pre[2]),
		pc.F1(tShape, w.shape),
		pc.F1(tFlags, flags),
		pc.F1(tWm1, m1.lower),
		pc.F1(tWp1, n1.lower),
		pc.F1(tWm2, m2.lower),
		pc.F1(tWp2, n2.lower),
		pc.F1(tSufM1, m1.suf[2]),
		pc.F1(tSufP1, n1.suf[2]),
		pc.F1(tShapeM1, m1.shape),
		pc.F1(tShapeP1, n1.shape),
		pc.F1(tP1, p1),
		pc.F1(tP2, p2),
		pc.F2(tP1P2, p1, p2),
		pc.F2(tP1W, p1, w.lower),
		pc.F2(tWm1W, m1.lower, w.lower),
		pc.F2(tWWp1, w.lower, n1.lower),
		pc.F2(tFirst, boolVal(i == 0), w.shape),
		pc.F2(tP1Suf3, p1, w.suf[2]),
		pc.F2(tWp1Wp2, n1.lower, n2.lower),
		pc.F2(tWm2Wm1, m2.lower, m1.lower),
		pc.F1(tAmb, w.amb),
		pc.F1(tAmbP1, n1.amb),
		pc.F1(tAmbP2, n2.amb),
		pc.F1(tAmbM1, m1.amb),
		pc.F2(tAmbWAmbP1, w.amb, n1.amb),
		pc.F2(tP1AmbP1, p1, n1.amb),
	)
	if w.cl != noCluster || n1.cl != noCluster {
		dst = append(dst,
			pc.F1(tC0, w.cl[0]),
			pc.F1(tC1, w.cl[1]),
			pc.F1(tC2, w.cl[2]),
			pc.F1(tC3, w.cl[3]),
			pc.F1(tCm1a, m1.cl[1]),
			pc.F1(tCm1b, m1.cl[2]),
			pc.F1(tCp1a, n1.cl[1]),
			pc.F1(tCp1b, n1.cl[2]),
			pc.F1(tCp2a, n2.cl[1]),
			pc.F2(tP1C2, p1, w.cl[2]),
			pc.F2(tC3Cp1, w.cl[3], n1.cl[1]),
		)
	}
	return dst
}

func boolVal(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// describeSentence fills words with the padded descriptions of s; amb
// gives the ambiguity classes of known lowercased forms.
func describeSentence(words []wordInfo, s *doc.Sentence, amb map[uint64]uint64, cl *cluster.Clusters) []wordInfo {
	words = append(words[:0], startWord, startWord)
	for i := range s.Words {
		wi := describe(s.Words[i].Form)
		wi.cl = noCluster
		if cl != nil {
			if ids, ok := cl.Lookup(s.Words[i].Form); ok {
				for l, id := range ids {
					wi.cl[l] = uint64(id)
				}
			}
		}
		if a, ok := amb[wi.lower]; ok {
			wi.amb = a
		} else {
			wi.amb = unknownAmb
		}
		words = append(words, wi)
	}
	return append(words, endWord, endWord)
}
