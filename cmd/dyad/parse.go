package main

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/conllu"
	"github.com/dyadproject/dyad/internal/doc"
	"github.com/dyadproject/dyad/internal/pipeline"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/source"
)

func newParseCmd() *cobra.Command {
	var (
		workers, beam int
		modelsDir     string
	)
	cmd := &cobra.Command{
		Use:   "parse [FILE|URL|-]",
		Short: "Segment, tag, lemmatize and parse an article; print CoNLL-U",
		Long: `parse reads an article (standard input when no argument or "-", a file, or
an http(s) URL whose page is reduced to its main text) and prints its
sentences in CoNLL-U with Universal Dependencies parts of speech, lemmas,
features, heads and relations.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			art, err := openArticle(cmd, args)
			if err != nil {
				return err
			}
			p, err := newPipeline(workers, modelsDir, beam)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			n := 0
			err = p.Stream(cmd.Context(), art.Text, func(sents []doc.Sentence) error {
				for i := range sents {
					n++
					sents[i].ID = strconv.Itoa(n)
				}
				return conllu.Write(w, &doc.Document{Text: art.Text, Sentences: sents})
			})
			if err != nil {
				return err
			}
			return w.Flush()
		},
	}
	cmd.Flags().IntVar(&workers, "workers", 0, "parallel workers (0: one per CPU)")
	cmd.Flags().StringVar(&modelsDir, "models", "", "folder of model files to use instead of the embedded ones")
	cmd.Flags().IntVar(&beam, "beam", 0, "parser beam width: 1 is fastest, 0 keeps the trained width (8)")
	return cmd
}

// openArticle reads the one article named by args: standard input when
// there is no argument or it is "-", else a file or a URL.
func openArticle(cmd *cobra.Command, args []string) (*source.Article, error) {
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	return source.Open(cmd.Context(), name, source.Options{Stdin: cmd.InOrStdin()})
}

// newPipeline builds the pipeline over the models in modelsDir, or the
// embedded ones.
func newPipeline(workers int, modelsDir string, beam int) (*pipeline.Pipeline, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("segmenter: %w", err)
	}
	syn, err := loadSyntax(modelsDir)
	if err != nil {
		return nil, err
	}
	return pipeline.New(seg, syn.WithBeam(beam), workers), nil
}
