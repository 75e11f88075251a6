package events

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dyadproject/dyad/internal/datadir"
)

// Suites are the suite names `dyad eval events --suite` accepts.
var Suites = []string{"petr2-gsr", "plover-gsr", "tabari", "petr"}

// Paths of the suites inside the data folder.
const (
	PETR2Path  = "events/validation/petrarch2/PETR2_GSR_validation.xml"
	PLOVERPath = "events/labeled/plover_gsr/PLOVER_GSR_CAMEO.txt"
)

// Run scores suite with code, reading the data folder given by flag (see
// datadir.Resolve). The tabari and petr suites code with their own
// dictionaries: build code over the folder ImportSuite returns.
func Run(ctx context.Context, suite, dataFlag string, code Coder) (*Score, error) {
	switch suite {
	case "petr2-gsr":
		p, err := datadir.Require(dataFlag, PETR2Path)
		if err != nil {
			return nil, err
		}
		recs, err := ReadPETR2(p)
		if err != nil {
			return nil, err
		}
		return ScoreCAMEO(ctx, suite, recs, code)
	case "plover-gsr":
		p, err := datadir.Require(dataFlag, PLOVERPath)
		if err != nil {
			return nil, err
		}
		recs, err := ReadPLOVER(p)
		if err != nil {
			return nil, err
		}
		return ScorePLOVER(ctx, recs, code)
	case "tabari":
		dir, err := datadir.Require(dataFlag, TABARIDir)
		if err != nil {
			return nil, err
		}
		recs, err := ReadTABARI(filepath.Join(dir, "Validate.text"))
		if err != nil {
			return nil, err
		}
		return ScoreCAMEO(ctx, suite, recs, code)
	case "petr":
		dir, err := datadir.Require(dataFlag, PETRDir)
		if err != nil {
			return nil, err
		}
		recs, err := ReadPETR2(filepath.Join(dir, "PETR.UnitTest.records.xml"))
		if err != nil {
			return nil, err
		}
		return ScoreCAMEO(ctx, suite, recs, code)
	}
	return nil, fmt.Errorf("unknown suite %q (want one of %v)", suite, Suites)
}
