package tag

import (
	"os"
	"testing"

	"github.com/dyadproject/dyad/internal/datadir/datatest"
	"github.com/dyadproject/dyad/internal/treebank"
)

func TestTrainEWT(t *testing.T) {
	if os.Getenv("DYAD_SLOW") == "" {
		t.Skip("set DYAD_SLOW=1 to train on EWT (about a minute)")
	}
	dir := datatest.Dir(t, treebank.EWT)
	train, err := treebank.Load(dir, treebank.Train)
	if err != nil {
		t.Skipf("UD English-EWT not found (%v)", err)
	}
	dev, _ := treebank.Load(dir, treebank.Dev)
	tg, err := Train(train, dev, TrainOptions{Epochs: 10, Seed: 1, Log: os.Stderr, Clusters: committedClusters(t)})
	if err != nil {
		t.Fatal(err)
	}
	j, u, x := tg.Accuracy(dev)
	t.Logf("dev joint %.2f upos %.2f xpos %.2f", 100*j, 100*u, 100*x)
	if u < 0.95 {
		t.Errorf("dev UPOS %.4f below 0.95", u)
	}
}
