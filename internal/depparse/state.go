package depparse

// Transitions of the arc-eager system (Nivre 2003) with the root placed at
// the end of the buffer (Ballesteros & Nivre 2013). Class numbers: SHIFT,
// REDUCE, then LEFT and RIGHT interleaved for each label.
const (
	shift  = 0
	reduce = 1
)

func leftOf(label int) int  { return 2 + 2*label }
func rightOf(label int) int { return 3 + 2*label }

// move splits a class into its transition kind and label.
func move(class int) (kind, label int) {
	if class < 2 {
		return class, -1
	}
	return 2 + (class-2)%2, (class - 2) / 2
}

const (
	kindLeft  = 2
	kindRight = 3
	none      = -1
)

// state is a parser configuration over words 1..n; index 0 is the root,
// which sits after word n in the buffer.
type state struct {
	n       int
	stack   []int
	b       int // buffer front: a word 1..n, or n+1 for the root
	head    []int
	label   []int
	lm, lm2 []int // leftmost and second leftmost child, or none
	rm, rm2 []int // rightmost and second rightmost child, or none
	nl, nr  []int // number of left and right children
	ls, rs  []uint64
	inStack []bool
}

func newState(n int) *state {
	s := &state{n: n, b: 1}
	s.reset(n)
	return s
}

func (s *state) reset(n int) {
	s.n, s.b = n, 1
	s.stack = s.stack[:0]
	grow := func(v []int, fill int) []int {
		if cap(v) < n+1 {
			v = make([]int, n+1)
		}
		v = v[:n+1]
		for i := range v {
			v[i] = fill
		}
		return v
	}
	s.head = grow(s.head, none)
	s.label = grow(s.label, none)
	s.lm, s.lm2 = grow(s.lm, none), grow(s.lm2, none)
	s.rm, s.rm2 = grow(s.rm, none), grow(s.rm2, none)
	s.nl, s.nr = grow(s.nl, 0), grow(s.nr, 0)
	if cap(s.ls) < n+1 {
		s.ls, s.rs, s.inStack = make([]uint64, n+1), make([]uint64, n+1), make([]bool, n+1)
	}
	s.ls, s.rs, s.inStack = s.ls[:n+1], s.rs[:n+1], s.inStack[:n+1]
	clear(s.ls)
	clear(s.rs)
	clear(s.inStack)
}

// front is the word at the buffer front (0 for the root).
func (s *state) front() int {
	if s.b > s.n {
		return 0
	}
	return s.b
}

func (s *state) done() bool { return s.b > s.n && len(s.stack) == 0 }

func (s *state) top() int {
	if len(s.stack) == 0 {
		return none
	}
	return s.stack[len(s.stack)-1]
}

// valid reports whether the labelled transition class can be applied.
// The root takes exactly one label, "root" (label id rootLabel), and only
// through LEFT.
func (s *state) valid(class, rootLabel int) bool {
	kind, label := move(class)
	if !s.validKind(kind) {
		return false
	}
	switch kind {
	case kindLeft:
		return (s.b > s.n) == (label == rootLabel)
	case kindRight:
		return label != rootLabel
	}
	return true
}

func (s *state) apply(class int) {
	kind, label := move(class)
	switch kind {
	case shift:
		s.push(s.b)
		s.b++
	case reduce:
		s.pop()
	case kindLeft:
		d := s.pop()
		s.arc(s.front(), d, label)
	default:
		d := s.b
		s.arc(s.top(), d, label)
		s.push(d)
		s.b++
	}
}

func (s *state) push(i int) {
	s.stack = append(s.stack, i)
	s.inStack[i] = true
}

func (s *state) pop() int {
	i := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.inStack[i] = false
	return i
}

func (s *state) arc(h, d, label int) {
	s.head[d], s.label[d] = h, label
	bit := uint64(1) << (uint(label) & 63)
	if d < h || h == 0 {
		s.nl[h]++
		s.ls[h] |= bit
		if s.lm[h] == none || d < s.lm[h] {
			s.lm2[h], s.lm[h] = s.lm[h], d
		} else if s.lm2[h] == none || d < s.lm2[h] {
			s.lm2[h] = d
		}
		return
	}
	s.nr[h]++
	s.rs[h] |= bit
	if s.rm[h] == none || d > s.rm[h] {
		s.rm2[h], s.rm[h] = s.rm[h], d
	} else if s.rm2[h] == none || d > s.rm2[h] {
		s.rm2[h] = d
	}
}

// inBuffer reports whether word k (0 = root) is still in the buffer.
func (s *state) inBuffer(k int) bool { return k == 0 || k >= s.b }

// kindCosts returns, for each transition kind, the number of gold arcs
// the transition makes unreachable (Goldberg & Nivre 2012), or -1 when
// the kind is not valid. gold indexes words 1..n.
func (s *state) kindCosts(gold []int) [4]int {
	cost := [4]int{-1, -1, -1, -1}
	s0, b := s.top(), s.front()
	atRoot := s.b > s.n
	// SHIFT: b loses heads and dependents on the stack.
	if !atRoot {
		c := 0
		for _, k := range s.stack {
			if gold[b] == k || (gold[k] == b && s.head[k] == none) {
				c++
			}
		}
		cost[shift] = c
	}
	if s0 == none {
		return cost
	}
	// s0's dependents still in the buffer.
	deps := 0
	for k := s.b; k <= s.n; k++ {
		if gold[k] == s0 {
			deps++
		}
	}
	if s.head[s0] != none {
		// REDUCE: s0 loses its dependents in the buffer.
		cost[reduce] = deps
	} else {
		// LEFT: s0 loses its head, unless it is b, and its dependents in
		// the buffer.
		c := deps
		if gold[s0] != b && s.inBuffer(gold[s0]) {
			c++
		}
		cost[kindLeft] = c
	}
	if atRoot {
		return cost
	}
	// RIGHT: b loses a head elsewhere on the stack or in the buffer and
	// its headless dependents on the stack.
	c := 0
	if g := gold[b]; g != s0 && (g != 0 && s.inStack[g] || s.inBuffer(g)) {
		c++
	}
	for _, k := range s.stack {
		if gold[k] == b && s.head[k] == none {
			c++
		}
	}
	cost[kindRight] = c
	return cost
}

// validKind reports whether a transition of the kind can be applied.
func (s *state) validKind(kind int) bool {
	atRoot := s.b > s.n
	switch kind {
	case shift:
		return !atRoot
	case reduce:
		return len(s.stack) > 0 && s.head[s.top()] != none
	case kindLeft:
		return len(s.stack) > 0 && s.head[s.top()] == none
	default:
		return len(s.stack) > 0 && !atRoot
	}
}

// arcOf returns the head and dependent of the arc a LEFT or RIGHT
// transition would add.
func (s *state) arcOf(kind int) (h, d int) {
	if kind == kindLeft {
		return s.front(), s.top()
	}
	return s.top(), s.b
}

// copyFrom makes s a copy of o, reusing s's memory.
func (s *state) copyFrom(o *state) {
	s.n, s.b = o.n, o.b
	s.stack = append(s.stack[:0], o.stack...)
	s.head = append(s.head[:0], o.head...)
	s.label = append(s.label[:0], o.label...)
	s.lm = append(s.lm[:0], o.lm...)
	s.lm2 = append(s.lm2[:0], o.lm2...)
	s.rm = append(s.rm[:0], o.rm...)
	s.rm2 = append(s.rm2[:0], o.rm2...)
	s.nl = append(s.nl[:0], o.nl...)
	s.nr = append(s.nr[:0], o.nr...)
	s.ls = append(s.ls[:0], o.ls...)
	s.rs = append(s.rs[:0], o.rs...)
	s.inStack = append(s.inStack[:0], o.inStack...)
}
