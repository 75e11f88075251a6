package segment

// clitics returns where UD English-EWT cuts the token w into words, as
// byte offsets from its start: "don't" is do|n't, "Iran’s" is Iran|’s,
// "payers'" is payers|', "cannot" is can|not, "dont" is do|nt. A token
// that stays one word has no cuts. Tokens longer than 255 bytes are never
// cut.
func (lx *lexicon) clitics(w string) (cut [3]uint8, n uint8) {
	if len(w) < 2 || len(w) > 255 {
		return cut, 0
	}
	if !hasApostrophe(w) {
		if len(w) > maxLexWord || !lx.mayBeClitic(w) {
			return cut, 0
		}
		var buf [maxLexWord]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if cuts, ok := lx.cliticSplit[string(buf[:len(w)])]; ok {
			for i, c := range cuts {
				cut[i] = c
			}
			return cut, uint8(len(cuts))
		}
		return cut, 0
	}
	// Peel clitics off the end, at most three ("shouldn't've").
	var rev [3]uint8
	end := len(w)
	for n < 3 {
		c := cliticCut(w[:end], n == 0)
		if c <= 0 {
			break
		}
		rev[n] = uint8(c)
		n++
		end = c
	}
	for i := uint8(0); i < n; i++ {
		cut[i] = rev[n-1-i]
	}
	return cut, n
}

func hasApostrophe(w string) bool {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '\'', '`':
			return true
		case 0xE2: // ’ is E2 80 99
			if i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 {
				return true
			}
		case 0xCA: // ʼ is CA BC
			if i+1 < len(w) && w[i+1] == 0xBC {
				return true
			}
		}
	}
	return false
}

// apostropheBefore returns the width of an apostrophe ending at w[:i], or 0.
func apostropheBefore(w string, i int) int {
	switch {
	case i >= 1 && (w[i-1] == '\'' || w[i-1] == '`'):
		return 1
	case i >= 3 && w[i-3] == 0xE2 && w[i-2] == 0x80 && w[i-1] == 0x99:
		return 3
	case i >= 2 && w[i-2] == 0xCA && w[i-1] == 0xBC:
		return 2
	}
	return 0
}

// cliticCut returns the offset where the last clitic of w starts, or -1.
// The possessive apostrophe of a plural ("payers'") is only a clitic at
// the very end of the token (last is true).
func cliticCut(w string, last bool) int {
	n := len(w)
	if last {
		if a := apostropheBefore(w, n); a > 0 && n-a >= 2 {
			if c := w[n-a-1]; c == 's' || c == 'S' {
				return n - a
			}
			return -1
		}
	}
	// Suffix letters after the apostrophe: s m d ll re ve, or n't.
	for k := 1; k <= 2 && k < n; k++ {
		suf := w[n-k:]
		a := apostropheBefore(w, n-k)
		if a == 0 {
			continue
		}
		p := n - k - a // apostrophe position
		switch lower2(suf) {
		case "s", "m", "d", "ll", "re", "ve":
			if p >= 1 && (isLetterRune(prevRune(w, p)) || suf == "s" && w[p-1] == '.' && p >= 2) {
				return p // "Iran's", "U.S.'s"
			}
		case "t":
			if p >= 2 && (w[p-1] == 'n' || w[p-1] == 'N') && isLetterRune(prevRune(w, p-1)) {
				return p - 1
			}
		}
		return -1
	}
	return -1
}

// lower2 lowercases a suffix of at most two ASCII letters without
// allocating (the results are constants).
func lower2(s string) string {
	switch len(s) {
	case 1:
		switch s[0] | 0x20 {
		case 's':
			return "s"
		case 'm':
			return "m"
		case 'd':
			return "d"
		case 't':
			return "t"
		}
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		switch {
		case a == 'l' && b == 'l':
			return "ll"
		case a == 'r' && b == 'e':
			return "re"
		case a == 'v' && b == 'e':
			return "ve"
		}
	}
	return ""
}

// mayBeClitic is a quick filter before the cliticTable lookup: it checks
// the first letter and the length against those of the table's forms.
func (lx *lexicon) mayBeClitic(w string) bool {
	c := w[0] | 0x20
	if c < 'a' || c > 'z' || len(w) > 15 {
		return false
	}
	return lx.cliticLens[c-'a']&(1<<len(w)) != 0
}
