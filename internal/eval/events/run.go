package events

import (
	"context"
	"fmt"

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
// datadir.Resolve).
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
	case "tabari", "petr":
		return nil, fmt.Errorf("suite %s codes with its own fictional dictionaries and needs `dyad dict import`, which has not landed yet", suite)
	}
	return nil, fmt.Errorf("unknown suite %q (want one of %v)", suite, Suites)
}
