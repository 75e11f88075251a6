package segment

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/treebank"
)

// dataDir returns the shared data folder (env DYAD_DATA, default the
// repository's ../shared/data) or skips the test when EWT is not there.
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("DYAD_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, treebank.EWT, "files.test")); err != nil {
		tb.Skipf("UD English-EWT not found under %s (set DYAD_DATA to the data folder): %v", dir, err)
	}
	return dir
}

// loadEWT returns the documents of one EWT split as raw text with gold
// sentences and words.
func loadEWT(tb testing.TB, split treebank.Split) []doc.Document {
	tb.Helper()
	sents, err := treebank.Load(filepath.Join(dataDir(tb), treebank.EWT), split)
	if err != nil {
		tb.Fatalf("load EWT %s: %v", split, err)
	}
	return conllu.Join(sents)
}
