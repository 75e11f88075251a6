// Package doc holds the types every pipeline stage shares: a document's
// text and the sentences, tokens and words found in it. Every annotation
// carries byte offsets into Document.Text so that evidence can always be
// shown in the original article.
package doc

// Span is a half-open byte range [Start, End) into a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies inside s.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Word is a syntactic word in the sense of Universal Dependencies: the unit
// that receives a part of speech, a lemma and a head. Most words are whole
// surface tokens; clitics split one token into several words ("Iran's" is
// the token of the words "Iran" and "'s").
type Word struct {
	Span   Span   // bytes of the word in the text; words of one multiword token may share the token's span
	Form   string // the word as written (for split clitics, its part of the token)
	Lemma  string
	UPOS   string // universal part of speech
	XPOS   string // Penn Treebank tag
	Feats  string // morphological features, "Number=Sing|..." or "" for none
	Head   int    // 1-based index of the head word in the sentence, 0 for the root, -1 when not parsed
	Deprel string // universal dependency relation to the head
	Misc   string // CoNLL-U MISC column as read (without SpaceAfter), "" when empty
}

// MultiToken is a surface token made of several words, such as "don't"
// (do + n't). Words[First:Last] are its words.
type MultiToken struct {
	First, Last int // word indices, 0-based, half-open
	Span        Span
	Form        string
}

// Sentence is a sentence of a document with its words.
type Sentence struct {
	Span  Span
	Words []Word
	Multi []MultiToken // sorted by First; empty when no token splits into words
	ID    string       // sent_id when known
	Text  string       // the sentence text as given by a treebank, "" otherwise
	// NewDoc and NewPar mark the first sentence of a document or paragraph
	// in treebank input.
	NewDoc, NewPar bool
}

// Tokens returns the surface tokens of s: a multiword token counts once,
// every other word is its own token. Each token is returned as the half-open
// range of its words.
func (s *Sentence) Tokens() [][2]int {
	toks := make([][2]int, 0, len(s.Words))
	m := 0
	for i := 0; i < len(s.Words); {
		if m < len(s.Multi) && s.Multi[m].First == i && s.Multi[m].Last > i {
			toks = append(toks, [2]int{i, s.Multi[m].Last})
			i = s.Multi[m].Last
			m++
			continue
		}
		toks = append(toks, [2]int{i, i + 1})
		i++
	}
	return toks
}

// Document is a text and what the pipeline found in it.
type Document struct {
	ID        string
	Text      string
	Sentences []Sentence
}
