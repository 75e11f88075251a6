// Package treebank loads the splits of a Universal Dependencies treebank
// laid out as in ../shared/data/ud-english-ewt: one CoNLL-U file per source
// document under sources/, and files.train, files.dev and files.test naming
// the documents of each split.
package treebank

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
)

// Split names a part of the treebank.
type Split string

// The three splits of a treebank.
const (
	Train Split = "train"
	Dev   Split = "dev"
	Test  Split = "test"
)

// EWT is the folder of UD English-EWT inside the data folder.
const EWT = "ud-english-ewt"

// Load reads every document of split from dir (a treebank folder such as
// DATA/ud-english-ewt), in the order files.SPLIT lists them.
func Load(dir string, split Split) ([]doc.Sentence, error) {
	list := filepath.Join(dir, "files."+string(split))
	f, err := os.Open(list)
	if err != nil {
		return nil, fmt.Errorf("treebank %s: %w", split, err)
	}
	defer f.Close()
	var (
		out  []doc.Sentence
		errs []error
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		sents, err := readFile(filepath.Join(dir, "sources", filepath.FromSlash(name)))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, sents...)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", list, err))
	}
	return out, errors.Join(errs...)
}

// LoadFile reads one CoNLL-U file.
func LoadFile(path string) ([]doc.Sentence, error) { return readFile(path) }

func readFile(path string) ([]doc.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := conllu.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return s, nil
}
