package main

import (
	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/datadir"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/treebank"
)

func newTrainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Rebuild the committed models from the reference data",
	}
	cmd.AddCommand(newTrainSyntaxCmd())
	return cmd
}

func newTrainSyntaxCmd() *cobra.Command {
	var (
		data string
		opt  syntax.TrainOptions
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
			return syntax.Train(cmd.Context(), opt)
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "reference data folder (default $DYAD_DATA or ../shared/data)")
	f.StringVar(&opt.Out, "out", "internal/models", "folder to write the models to")
	f.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	f.IntVar(&opt.Folds, "folds", 5, "jackknife folds for the parser's training tags")
	f.IntVar(&opt.TaggerEpochs, "tagger-epochs", 12, "tagger epochs (the best on dev is kept)")
	f.IntVar(&opt.ParserEpochs, "parser-epochs", 15, "parser epochs (the best on dev is kept)")
	f.Float64Var(&opt.ParserExplore, "explore", 0.9, "probability of following the parser's own mistakes in training")
	return cmd
}
