package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/cluster"
	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/treebank"
)

func newTrainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Rebuild the committed models from the reference data",
	}
	cmd.AddCommand(newTrainSyntaxCmd(), newTrainClustersCmd(), newTrainGazetteerCmd(), newTrainBordersCmd())
	return cmd
}

func newTrainClustersCmd() *cobra.Command {
	var (
		data, out string
		seed      uint64
	)
	cmd := &cobra.Command{
		Use:   "clusters",
		Short: "Induce the word clusters from the unlabeled text of the reference data",
		Long: `clusters induces word clusters (exchange algorithm on the class-bigram
likelihood, at four granularities) from the text of EWT train and the news
corpora of the data folder, and writes them to --out. See docs/clusters.md.
Rebuild the syntax models afterwards: they are tied to the clusters.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := datadir.Require(data, "")
			if err != nil {
				return err
			}
			logf := func(format string, args ...any) { fmt.Fprintf(cmd.ErrOrStderr(), format+"\n", args...) }
			c, st, err := cluster.Train(cmd.Context(), dir, cluster.Options{Seed: seed, Logf: logf})
			if err != nil {
				return err
			}
			logf("corpus:\n%s", st)
			f, err := os.Create(out + ".tmp")
			if err != nil {
				return err
			}
			if _, err := c.WriteTo(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			return os.Rename(out+".tmp", out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "reference data folder (default $DYAD_DATA or ../shared/data)")
	f.StringVar(&out, "out", "internal/models/clusters.bin", "file to write the clusters to")
	f.Uint64Var(&seed, "seed", 0, "random seed")
	return cmd
}

func newTrainSyntaxCmd() *cobra.Command {
	var (
		data, clusters string
		opt            syntax.TrainOptions
	)
	cmd := &cobra.Command{
		Use:   "syntax",
		Short: "Train the tagger, lemmatizer and parser on UD English-EWT",
		Long: `syntax trains the tagger, lemmatizer and dependency parser from the train
split of UD English-EWT (DATA/ud-english-ewt), choosing epochs on dev, and
writes tagger.bin, morph.bin and parser.bin to --out. The test split is not
read. The same seed gives the same models.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := datadir.Require(data, treebank.EWT)
			if err != nil {
				return err
			}
			opt.Treebank = dir
			opt.Log = cmd.ErrOrStderr()
			if clusters != "" {
				f, err := os.Open(clusters)
				if err != nil {
					return fmt.Errorf("clusters: %w", err)
				}
				defer f.Close()
				if opt.Clusters, err = cluster.Read(f); err != nil {
					return fmt.Errorf("clusters %s: %w", clusters, err)
				}
			}
			return syntax.Train(cmd.Context(), opt)
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "reference data folder (default $DYAD_DATA or ../shared/data)")
	f.StringVar(&opt.Out, "out", "internal/models", "folder to write the models to")
	f.StringVar(&clusters, "clusters", "internal/models/clusters.bin", "word clusters for the features (from dyad train clusters; empty for none)")
	f.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	f.IntVar(&opt.Folds, "folds", 10, "jackknife folds for the parser's training tags")
	f.IntVar(&opt.TaggerEpochs, "tagger-epochs", 12, "tagger epochs (the best on dev is kept)")
	f.IntVar(&opt.ParserEpochs, "parser-epochs", 20, "parser epochs (the best on dev is kept)")
	f.Float64Var(&opt.ParserExplore, "explore", 0.9, "probability of following the parser's own mistakes in training (greedy parser)")
	f.IntVar(&opt.ParserBeam, "beam", 8, "beam width of the parser (1: greedy)")
	f.BoolVar(&opt.Stack, "stack", false, "stack the parser on a right-to-left greedy parser (docs/syntax.md: more accurate, slower)")
	f.IntVar(&opt.GuideEpochs, "guide-epochs", 15, "epochs of the right-to-left guide (the best on dev is kept)")
	return cmd
}
