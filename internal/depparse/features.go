package depparse

import (
	pc "github.com/dyadproject/dyad/internal/perceptron"
)

// token holds the hashed values of one word that features read.
type token struct {
	w, p, u uint64 // lowercased form, XPOS, UPOS
	c, cf   uint64 // word cluster, coarse and fine, 0 when unknown
	nv, np  int32  // verbs and punctuation marks up to and including the word
	gl      uint64 // relation in the guide tree, 0 without a guide
}

// Values for absent positions and the root.
var (
	noneTok = token{w: pc.Hash("<none>"), p: pc.Hash("<none>"), u: pc.Hash("<none>"), c: pc.Hash("<none>"), cf: pc.Hash("<none>")}
	rootTok = token{w: pc.Hash("<root>"), p: pc.Hash("<root>"), u: pc.Hash("<root>"), c: pc.Hash("<root>"), cf: pc.Hash("<root>")}
)

// Feature template numbers: part of the model format; only append.
const (
	fS0wp uint64 = iota + 1
	fS0w
	fS0p
	fN0wp
	fN0w
	fN0p
	fN1wp
	fN1w
	fN1p
	fN2wp
	fN2w
	fN2p
	fS0wpN0wp
	fS0wpN0w
	fS0wN0wp
	fS0wpN0p
	fS0pN0wp
	fS0wN0w
	fS0pN0p
	fN0pN1p
	fN0pN1pN2p
	fS0pN0pN1p
	fS0hpS0pN0p
	fS0pS0lpN0p
	fS0pS0rpN0p
	fS0pN0pN0lp
	fS0wd
	fS0pd
	fN0wd
	fN0pd
	fS0wN0wd
	fS0pN0pd
	fS0wvr
	fS0pvr
	fS0wvl
	fS0pvl
	fN0wvl
	fN0pvl
	fS0hw
	fS0hp
	fS0l
	fS0lw
	fS0lp
	fS0ll
	fS0rw
	fS0rp
	fS0rl
	fN0lw
	fN0lp
	fN0ll
	fS0h2w
	fS0h2p
	fS0hl
	fS0l2w
	fS0l2p
	fS0l2l
	fS0r2w
	fS0r2p
	fS0r2l
	fN0l2w
	fN0l2p
	fN0l2l
	fS0pS0lpS0l2p
	fS0pS0rpS0r2p
	fS0pS0hpS0h2p
	fN0pN0lpN0l2p
	fS0wsr
	fS0psr
	fS0wsl
	fS0psl
	fN0wsl
	fN0psl
	// Beyond Zhang & Nivre: the second stack item, universal tags, the
	// number of stack items and word clusters.
	fS1wp
	fS1p
	fS1pS0pN0p
	fS0uN0u
	fS0uN0uN1u
	fDepth
	fS0cN0c
	fS0cN0p
	fS0pN0c
	fN0cN1c
	fS0c
	fN0c
	fN1c
	fBias
	fBetweenV
	fBetweenP
	fBetweenVPd
	// Guide features (stacking): the tree another parser built.
	fGuideRel
	fGuideRelP
	fGuideCost
	fGuideCostP
	fGuideS0Head
	fGuideN0Head
	fGuideS0HeadP
	fGuideN0HeadP
	fGuideS0Label
	fGuideN0Label
	fGuideRelLabels
)

// distance buckets the distance between S0 and N0.
func distance(s0, n0, n int) uint64 {
	if n0 == 0 {
		return 99
	}
	d := n0 - s0
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	case d <= 12:
		return 6
	}
	return 7
}

func lab(l int) uint64 { return uint64(l + 2) }

// Roles of the words whose form and tag some features read alone, such
// as S0's head or N0's leftmost child: a word's weights in a role are the
// same in every configuration, so decoding sums them once per sentence
// (see scorer).
const (
	roleS0h = iota
	roleS0h2
	roleS0l
	roleS0l2
	roleS0r
	roleS0r2
	roleN0l
	roleN0l2
	roleS1
	numRoles
)

// positions are the words the features of a configuration read: S0, N0
// and the words in each role, none when absent.
type positions struct {
	s0, n0 int
	role   [numRoles]int
}

func positionsOf(st *state) positions {
	at := positions{s0: st.top(), n0: st.front()}
	for r := range at.role {
		at.role[r] = none
	}
	if len(st.stack) > 1 {
		at.role[roleS1] = st.stack[len(st.stack)-2]
	}
	if s0 := at.s0; s0 != none {
		if h := st.head[s0]; h != none {
			at.role[roleS0h] = h
			if h != 0 && st.head[h] != none {
				at.role[roleS0h2] = st.head[h]
			}
		}
		at.role[roleS0l], at.role[roleS0l2] = st.lm[s0], st.lm2[s0]
		at.role[roleS0r], at.role[roleS0r2] = st.rm[s0], st.rm2[s0]
	}
	at.role[roleN0l], at.role[roleN0l2] = st.lm[at.n0], st.lm2[at.n0]
	return at
}

// tokAt describes word i, noneTok when i is none.
func tokAt(toks []token, i int) *token {
	if i == none {
		return &noneTok
	}
	return &toks[i]
}

// features appends the keys of the configuration st; toks[i] describes
// word i (toks[0] is the root). guide, when not nil, holds the head of
// every word in the guide tree (stacking). The keys come in three parts
// that decoding scores separately (scorer): those that read only S0 and
// N0 and the words after N0 (pairFeatures), those that read one word in a
// role (roleFeatures), and the rest (structFeatures).
func features(dst []uint64, st *state, toks []token, guide []int) []uint64 {
	at := positionsOf(st)
	dst = pairFeatures(dst, toks, st.n, at.s0, at.n0)
	for r, i := range at.role {
		dst = roleFeatures(dst, r, tokAt(toks, i))
	}
	return structFeatures(dst, st, toks, guide, &at)
}

// pairFeatures appends the keys that read only S0 (s0i) and N0 (n0i) of
// a sentence of n words: the words, tags and clusters of S0, N0 and the
// two words after N0, their distance, and what lies between S0 and N0.
func pairFeatures(dst []uint64, toks []token, n, s0i, n0i int) []uint64 {
	n1i, n2i := none, none
	if n0i != 0 { // a word is at the buffer front
		n1i = 0
		if n0i+1 <= n {
			n1i = n0i + 1
		}
		switch {
		case n0i+2 <= n:
			n2i = n0i + 2
		case n0i+2 == n+1:
			n2i = 0
		}
	}
	s0, n0, n1, n2 := tokAt(toks, s0i), tokAt(toks, n0i), tokAt(toks, n1i), tokAt(toks, n2i)
	var d uint64
	if s0i != none {
		d = distance(s0i, n0i, n)
	}
	dst = append(dst,
		pc.F2(fS0wp, s0.w, s0.p),
		pc.F1(fS0w, s0.w),
		pc.F1(fS0p, s0.p),
		pc.F2(fN0wp, n0.w, n0.p),
		pc.F1(fN0w, n0.w),
		pc.F1(fN0p, n0.p),
		pc.F2(fN1wp, n1.w, n1.p),
		pc.F1(fN1w, n1.w),
		pc.F1(fN1p, n1.p),
		pc.F2(fN2wp, n2.w, n2.p),
		pc.F1(fN2w, n2.w),
		pc.F1(fN2p, n2.p),
		pc.F3(fS0wpN0wp, pc.Mix(s0.w, s0.p), n0.w, n0.p),
		pc.F3(fS0wpN0w, s0.w, s0.p, n0.w),
		pc.F3(fS0wN0wp, s0.w, n0.w, n0.p),
		pc.F3(fS0wpN0p, s0.w, s0.p, n0.p),
		pc.F3(fS0pN0wp, s0.p, n0.w, n0.p),
		pc.F2(fS0wN0w, s0.w, n0.w),
		pc.F2(fS0pN0p, s0.p, n0.p),
		pc.F2(fN0pN1p, n0.p, n1.p),
		pc.F3(fN0pN1pN2p, n0.p, n1.p, n2.p),
		pc.F3(fS0pN0pN1p, s0.p, n0.p, n1.p),
		pc.F2(fS0wd, s0.w, d),
		pc.F2(fS0pd, s0.p, d),
		pc.F2(fN0wd, n0.w, d),
		pc.F2(fN0pd, n0.p, d),
		pc.F3(fS0wN0wd, s0.w, n0.w, d),
		pc.F3(fS0pN0pd, s0.p, n0.p, d),
		pc.F2(fS0uN0u, s0.u, n0.u),
		pc.F3(fS0uN0uN1u, s0.u, n0.u, n1.u),
		pc.F1(fBias, 0),
	)
	if s0i != none {
		// Verbs and punctuation between S0 and N0: a greedy parser's
		// cheap view of the clause structure it has not built yet.
		last := n0i - 1
		if n0i == 0 {
			last = n
		}
		v := uint64(min(max(toks[last].nv-toks[s0i].nv, 0), 2))
		q := uint64(min(max(toks[last].np-toks[s0i].np, 0), 2))
		dst = append(dst,
			pc.F3(fBetweenV, s0.p, n0.p, v),
			pc.F3(fBetweenP, s0.p, n0.p, q),
			pc.F2(fBetweenVPd, v*3+q, d),
		)
	}
	if s0.c != 0 || n0.c != 0 {
		dst = append(dst,
			pc.F2(fS0cN0c, s0.c, n0.c),
			pc.F2(fS0cN0p, s0.c, n0.p),
			pc.F2(fS0pN0c, s0.p, n0.c),
			pc.F2(fN0cN1c, n0.c, n1.c),
			pc.F1(fS0c, s0.cf),
			pc.F1(fN0c, n0.cf),
			pc.F1(fN1c, n1.cf),
		)
	}
	return dst
}

// roleFeatures appends the keys that read the word t in role r alone.
func roleFeatures(dst []uint64, r int, t *token) []uint64 {
	if r == roleS1 {
		return append(dst, pc.F2(fS1wp, t.w, t.p), pc.F1(fS1p, t.p))
	}
	// The templates of the word and of its tag in each other role.
	tmpl := [numRoles][2]uint64{
		roleS0h:  {fS0hw, fS0hp},
		roleS0h2: {fS0h2w, fS0h2p},
		roleS0l:  {fS0lw, fS0lp},
		roleS0l2: {fS0l2w, fS0l2p},
		roleS0r:  {fS0rw, fS0rp},
		roleS0r2: {fS0r2w, fS0r2p},
		roleN0l:  {fN0lw, fN0lp},
		roleN0l2: {fN0l2w, fN0l2p},
	}[r]
	return append(dst, pc.F1(tmpl[0], t.w), pc.F1(tmpl[1], t.p))
}

// structFeatures appends the keys that read the structure built so far
// beyond single words: relations, valencies and relation sets, the tags
// of S0 and N0 with their heads and children, the stack depth, and the
// guide tree when there is one.
func structFeatures(dst []uint64, st *state, toks []token, guide []int, at *positions) []uint64 {
	labelOf := func(i int) uint64 {
		if i == none {
			return 0
		}
		return lab(st.label[i])
	}
	s0i, n0i := at.s0, at.n0
	s0, n0 := tokAt(toks, s0i), tokAt(toks, n0i)
	tag := func(r int) uint64 { return tokAt(toks, at.role[r]).p }
	var s0vl, s0vr, s0sl, s0sr uint64
	if s0i != none {
		s0vl, s0vr = uint64(st.nl[s0i]), uint64(st.nr[s0i])
		s0sl, s0sr = st.ls[s0i], st.rs[s0i]
	}
	n0vl, n0sl := uint64(st.nl[n0i]), st.ls[n0i]
	depth := uint64(min(len(st.stack), 5))
	dst = append(dst,
		pc.F3(fS0hpS0pN0p, tag(roleS0h), s0.p, n0.p),
		pc.F3(fS0pS0lpN0p, s0.p, tag(roleS0l), n0.p),
		pc.F3(fS0pS0rpN0p, s0.p, tag(roleS0r), n0.p),
		pc.F3(fS0pN0pN0lp, s0.p, n0.p, tag(roleN0l)),
		pc.F2(fS0wvr, s0.w, s0vr),
		pc.F2(fS0pvr, s0.p, s0vr),
		pc.F2(fS0wvl, s0.w, s0vl),
		pc.F2(fS0pvl, s0.p, s0vl),
		pc.F2(fN0wvl, n0.w, n0vl),
		pc.F2(fN0pvl, n0.p, n0vl),
		pc.F1(fS0l, labelOf(s0i)),
		pc.F1(fS0ll, labelOf(at.role[roleS0l])),
		pc.F1(fS0rl, labelOf(at.role[roleS0r])),
		pc.F1(fN0ll, labelOf(at.role[roleN0l])),
		pc.F1(fS0hl, labelOf(at.role[roleS0h])),
		pc.F1(fS0l2l, labelOf(at.role[roleS0l2])),
		pc.F1(fS0r2l, labelOf(at.role[roleS0r2])),
		pc.F1(fN0l2l, labelOf(at.role[roleN0l2])),
		pc.F3(fS0pS0lpS0l2p, s0.p, tag(roleS0l), tag(roleS0l2)),
		pc.F3(fS0pS0rpS0r2p, s0.p, tag(roleS0r), tag(roleS0r2)),
		pc.F3(fS0pS0hpS0h2p, s0.p, tag(roleS0h), tag(roleS0h2)),
		pc.F3(fN0pN0lpN0l2p, n0.p, tag(roleN0l), tag(roleN0l2)),
		pc.F2(fS0wsr, s0.w, s0sr),
		pc.F2(fS0psr, s0.p, s0sr),
		pc.F2(fS0wsl, s0.w, s0sl),
		pc.F2(fS0psl, s0.p, s0sl),
		pc.F2(fN0wsl, n0.w, n0sl),
		pc.F2(fN0psl, n0.p, n0sl),
		pc.F3(fS1pS0pN0p, tag(roleS1), s0.p, n0.p),
		pc.F2(fDepth, depth, s0.p),
	)
	if guide != nil {
		dst = guideFeatures(dst, st, toks, guide, s0i, at.role[roleS1], n0i, s0, n0)
	}
	return dst
}

// guideFeatures appends the keys that read the guide tree: how S0 and N0
// are related in it, where each one's guide head is, their guide
// relations, and what each transition would cost if the guide were right
// (the dynamic oracle's costs against the guide tree), from which the
// parser learns when to trust it.
func guideFeatures(dst []uint64, st *state, toks []token, guide []int, s0i, s1i, n0i int, s0, n0 *token) []uint64 {
	rel := uint64(0)
	if s0i != none {
		switch {
		case guide[s0i] == n0i:
			rel = 1
		case n0i != 0 && guide[n0i] == s0i:
			rel = 2
		}
	}
	// where returns where the guide head of word i is now: 0 none, 1 the
	// root, 2 S0, 3 S1, 4 deeper in the stack, 5 N0, 6 N1, 7 further in
	// the buffer, 8 elsewhere (already reduced).
	where := func(i int) uint64 {
		if i == none || i == 0 {
			return 0
		}
		g := guide[i]
		switch {
		case g < 0:
			return 0
		case g == 0:
			return 1
		case g == s0i:
			return 2
		case g == s1i:
			return 3
		case st.inStack[g]:
			return 4
		case g == n0i:
			return 5
		case g == n0i+1:
			return 6
		case g >= st.b:
			return 7
		}
		return 8
	}
	costs := st.kindCosts(guide)
	var cv uint64
	for _, c := range costs {
		cv = cv*4 + uint64(min(c+1, 3))
	}
	gl := func(i int) uint64 {
		if i == none {
			return 0
		}
		return toks[i].gl
	}
	ws0, wn0 := where(s0i), where(n0i)
	return append(dst,
		pc.F1(fGuideRel, rel),
		pc.F3(fGuideRelP, rel, s0.p, n0.p),
		pc.F1(fGuideCost, cv),
		pc.F3(fGuideCostP, cv, s0.p, n0.p),
		pc.F1(fGuideS0Head, ws0),
		pc.F1(fGuideN0Head, wn0),
		pc.F2(fGuideS0HeadP, ws0, s0.p),
		pc.F2(fGuideN0HeadP, wn0, n0.p),
		pc.F3(fGuideS0Label, gl(s0i), ws0, rel),
		pc.F3(fGuideN0Label, gl(n0i), wn0, rel),
		pc.F3(fGuideRelLabels, rel, gl(s0i), gl(n0i)),
	)
}

// Label feature templates: part of the model format; only append.
const (
	lBias uint64 = iota + 1
	lHw
	lHp
	lDw
	lDp
	lHpDp
	lHwDp
	lHpDw
	lHwDw
	lDirDist
	lDirDistHpDp
	lDu
	lHu
	lHuDu
	lDlp
	lDll
	lDrp
	lDrl
	lDsl
	lDsr
	lHl
	lHsl
	lHsr
	lN1p
	lDpN1p
	lHhp
	lDc
	lHc
	lDcHp
	lDpHc
	lDvl
	lDvr
	lDwDir
	lHwDir
	lDm1p
	lDp1p
	lDlw
	lHpDlw
	lDpDlw
	lDrw
	lHwDpDir
	lHpDwDir
	lS1p
	lN0pDir
)

// labelFeatures appends the keys that choose the relation of the arc
// h → d about to be added by a transition of kind.
func labelFeatures(dst []uint64, st *state, toks []token, h, d, kind int) []uint64 {
	tok := func(i int) *token {
		if i == none || i > st.n {
			return &noneTok
		}
		return &toks[i]
	}
	labelOf := func(i int) uint64 {
		if i == none || st.label[i] == none {
			return 0
		}
		return lab(st.label[i])
	}
	ht, dt := tok(h), tok(d)
	dir := uint64(kind)
	dist := uint64(7)
	if h != 0 {
		dist = distance(min(h, d), max(h, d), st.n)
	}
	dl, dr := st.lm[d], st.rm[d]
	hh := none
	if h != 0 && st.head[h] != none {
		hh = st.head[h]
	}
	n1 := none
	if st.b+1 <= st.n {
		n1 = st.b + 1
	}
	n0 := st.front()
	s1 := none
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	dm1, dp1 := none, none
	if d > 1 {
		dm1 = d - 1
	}
	if d < st.n {
		dp1 = d + 1
	}
	return append(dst,
		pc.F1(lBias, 0),
		pc.F1(lHw, ht.w),
		pc.F1(lHp, ht.p),
		pc.F1(lDw, dt.w),
		pc.F1(lDp, dt.p),
		pc.F2(lHpDp, ht.p, dt.p),
		pc.F2(lHwDp, ht.w, dt.p),
		pc.F2(lHpDw, ht.p, dt.w),
		pc.F2(lHwDw, ht.w, dt.w),
		pc.F2(lDirDist, dir, dist),
		pc.F3(lDirDistHpDp, dir*16+dist, ht.p, dt.p),
		pc.F1(lDu, dt.u),
		pc.F1(lHu, ht.u),
		pc.F2(lHuDu, ht.u, dt.u),
		pc.F2(lDlp, dt.p, tok(dl).p),
		pc.F1(lDll, labelOf(dl)),
		pc.F2(lDrp, dt.p, tok(dr).p),
		pc.F1(lDrl, labelOf(dr)),
		pc.F2(lDsl, dt.p, st.ls[d]),
		pc.F2(lDsr, dt.p, st.rs[d]),
		pc.F2(lHl, ht.p, labelOf(h)),
		pc.F2(lHsl, ht.p, st.ls[h]),
		pc.F2(lHsr, ht.p, st.rs[h]),
		pc.F1(lN1p, tok(n1).p),
		pc.F2(lDpN1p, dt.p, tok(n1).p),
		pc.F2(lHhp, ht.p, tok(hh).p),
		pc.F1(lDc, dt.cf),
		pc.F1(lHc, ht.cf),
		pc.F2(lDcHp, dt.c, ht.p),
		pc.F2(lDpHc, dt.p, ht.c),
		pc.F2(lDvl, dt.p, uint64(st.nl[d])),
		pc.F2(lDvr, dt.p, uint64(st.nr[d])),
		pc.F2(lDwDir, dt.w, dir),
		pc.F2(lHwDir, ht.w, dir),
		pc.F2(lDm1p, dt.p, tok(dm1).p),
		pc.F2(lDp1p, dt.p, tok(dp1).p),
		pc.F1(lDlw, tok(dl).w),
		pc.F2(lHpDlw, ht.p, tok(dl).w),
		pc.F2(lDpDlw, dt.p, tok(dl).w),
		pc.F1(lDrw, tok(dr).w),
		pc.F3(lHwDpDir, ht.w, dt.p, dir),
		pc.F3(lHpDwDir, ht.p, dt.w, dir),
		pc.F2(lS1p, dt.p, tok(s1).p),
		pc.F2(lN0pDir, tok(n0).p, dir),
	)
}
