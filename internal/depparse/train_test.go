package depparse

import (
	"os"
	"strconv"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/treebank"
)

// TestTrainEWTGoldTags trains a parser on EWT train with gold tags and
// logs its dev scores: an experiment bench, not run by default.
// DYAD_BEAM sets the beam width (default 1, greedy), DYAD_EPOCHS the
// epochs (default 12), DYAD_TRAIN_SENTENCES a prefix of train to use.
func TestTrainEWTGoldTags(t *testing.T) {
	if os.Getenv("DYAD_SLOW") == "" {
		t.Skip("set DYAD_SLOW=1 to train on EWT")
	}
	env := func(name string, def int) int {
		if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
			return v
		}
		return def
	}
	dir := datatest.Dir(t, treebank.EWT)
	train, err := treebank.Load(dir, treebank.Train)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := treebank.Load(dir, treebank.Dev)
	if err != nil {
		t.Fatal(err)
	}
	train = train[:min(len(train), env("DYAD_TRAIN_SENTENCES", len(train)))]
	opt := TrainOptions{Epochs: env("DYAD_EPOCHS", 12), Seed: 1, Explore: 0.9, Beam: env("DYAD_BEAM", 1), Log: os.Stderr}
	if _, err := Train(train, dev, opt); err != nil {
		t.Fatal(err)
	}
}

func TestProjectivize(t *testing.T) {
	// 1←3 crosses 0→2: word 1's arc from 3 spans 2, which 3 does not dominate.
	heads := []int{-1, 3, 0, 2}
	projectivize(heads)
	if heads[1] != 2 {
		t.Errorf("heads %v, want word 1 lifted to 2", heads)
	}
}
