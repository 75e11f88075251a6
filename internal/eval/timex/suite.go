package timexeval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/timex"
)

// Suites are the suite names `dyad eval timex --suite` accepts.
var Suites = []string{"te3-platinum", "te3-aquaint", "te3-timebank", "wikiwars"}

// SuiteDir returns the folder of a suite's .tml files inside the data
// folder.
func SuiteDir(suite string) (string, error) {
	switch suite {
	case "te3-platinum":
		return "eval/tempeval3/Evaluation/te3-platinum", nil
	case "te3-aquaint":
		return "eval/tempeval3/Training/TBAQ-cleaned/AQUAINT", nil
	case "te3-timebank":
		return "eval/tempeval3/Training/TBAQ-cleaned/TimeBank", nil
	case "wikiwars":
		// The TIMEX3 conversion of WikiWars; its DCTs are the dates the
		// articles were downloaded.
		return "eval/wikiwars/whole-tml/tml", nil
	}
	return "", fmt.Errorf("unknown suite %q (want one of %s)", suite, strings.Join(Suites, ", "))
}

// ReadSuite reads the documents of a suite, in file-name order, from the
// data folder given by dataFlag (see datadir.Resolve).
func ReadSuite(dataFlag, suite string) ([]*Doc, error) {
	sub, err := SuiteDir(suite)
	if err != nil {
		return nil, err
	}
	dir, err := datadir.Require(dataFlag, sub)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("suite %s: %w", suite, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".tml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("suite %s: no .tml files in %s", suite, dir)
	}
	docs := make([]*Doc, 0, len(names))
	for _, n := range names {
		d, err := ReadTimeMLFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("suite %s: %w", suite, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Run scores tg on suite. dataDir is the data folder as --data gives it:
// "" resolves $DYAD_DATA, else ../shared/data (datadir.Resolve). The
// result holds the misses; clear them before printing a bare scoreboard.
func Run(ctx context.Context, dataDir, suite string, tg *timex.Tagger) (*Result, error) {
	docs, err := ReadSuite(dataDir, suite)
	if err != nil {
		return nil, err
	}
	return ScoreDocs(ctx, suite, docs, tg.Find)
}
