// Command dyad turns news into structured, explainable political events.
// This file wires the subcommands; each lives in its own file.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "dyad:", err)
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "dyad",
		Short:         "dyad: who did what to whom, when and where, from the news",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.AddCommand(newExtractCmd(), newActorsCmd(), newDictCmd(), newParseCmd(), newTimexCmd(), newGeoCmd(), newEvalCmd(), newTrainCmd(), newIngestCmd(),
		newEventsCmd(), newSeriesCmd(), newExportCmd(), newRecodeCmd(), newWatchCmd(), newServeCmd(),
		newWorkerCmd(), newNatsCmd(), newQueueCmd())
	return root
}
