package depparse

import (
	"os"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/treebank"
)

func TestTrainEWTGoldTags(t *testing.T) {
	if os.Getenv("DYAD_SLOW") == "" {
		t.Skip("set DYAD_SLOW=1 to train on EWT")
	}
	dir := datatest.Dir(t, treebank.EWT)
	train, err := treebank.Load(dir, treebank.Train)
	if err != nil {
		t.Skipf("UD English-EWT not found (%v)", err)
	}
	dev, _ := treebank.Load(dir, treebank.Dev)
	p, err := Train(train, dev, TrainOptions{Epochs: 12, Seed: 1, Explore: 0.9, Log: os.Stderr})
	if err != nil {
		t.Fatal(err)
	}
	_ = p
}

func TestProjectivize(t *testing.T) {
	// 1←3 crosses 0→2: word 1's arc from 3 spans 2, which 3 does not dominate.
	heads := []int{-1, 3, 0, 2}
	projectivize(heads)
	if heads[1] != 2 {
		t.Errorf("heads %v, want word 1 lifted to 2", heads)
	}
}
