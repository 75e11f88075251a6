// Package morph assigns lemmas and Universal Dependencies morphological
// features (FEATS) to English words whose universal (UPOS) and Penn (XPOS)
// tags are already known, as a tagger upstream provides them.
//
// The event coder downstream matches verb lemmas ("launched" → "launch",
// "was" → "be", "n't" → "not"), so the lemmatizer is tuned for accuracy on
// words it has never seen as much as on the training vocabulary. A Model is
// trained from a treebank (UD English-EWT) and combines:
//
//   - lexicons from the training data: the lemma of each (form, UPOS, XPOS)
//     and, case-insensitively, of each (form, XPOS), following EWT's case
//     conventions (proper nouns keep their case, other lemmas are lower case,
//     "I" stays upper case);
//   - a short hand-written list of English irregular verbs and nouns for
//     forms the treebank never shows ("sought", "slain", "crises");
//   - suffix-edit rules learned per XPOS ("strip k bytes, append s") for
//     all other words, choosing among the rules of the longest matching
//     suffix and preferring an edit whose result is a lemma seen in training;
//   - for features, the most frequent FEATS of (form, UPOS, XPOS) with a
//     back-off by word shape and tags, refined by the words around it when
//     Annotate sees a whole sentence: the subject of a finite verb gives its
//     Person and Number, a preceding "be" makes a participle passive, and so
//     on.
//
// A Model is immutable once trained or read and is safe for concurrent use.
// See docs/morph.md in this folder for the design, the file format and the
// measured accuracies.
package morph
