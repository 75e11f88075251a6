package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/coder"
)

func newActorsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actors",
		Short: "Work with the actor knowledge base",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [DIR]",
		Short: "Compile the actor knowledge base (the embedded one, or the files of DIR) and report every error as file:line",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fsys := actor.Embedded()
			where := "embedded knowledge base"
			if len(args) == 1 {
				fsys, where = os.DirFS(args[0]), args[0]
			}
			kb, err := actor.Load(fsys)
			if err != nil {
				return fmt.Errorf("%s:\n%w", where, err)
			}
			s := kb.Stats()
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d countries, %d people (%d terms in office), %d IGOs, %d armed groups, %d agent nouns, %d names\n",
				where, s.Countries, s.People, s.Terms, s.IGOs, s.Groups, s.Agents, s.Names)
			return nil
		},
	})
	return cmd
}

func newDictCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dict",
		Short: "Work with the verb-pattern dictionary",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [DIR]",
		Short: "Compile the verb patterns (the embedded ones, or the files of DIR) against the CAMEO ontology and report every error as file:line",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ont, err := cameo.Default()
			if err != nil {
				return err
			}
			fsys := coder.Embedded()
			where := "embedded patterns"
			if len(args) == 1 {
				fsys, where = os.DirFS(args[0]), args[0]
			}
			d, err := coder.LoadDict(fsys, ont)
			if err != nil {
				return fmt.Errorf("%s:\n%w", where, err)
			}
			codes := d.Codes()
			roots := map[string]bool{}
			for c := range codes {
				roots[c[:2]] = true
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d patterns, %d CAMEO codes in %d of 20 root classes (ontology: %d codes)\n",
				where, d.Len(), len(codes), len(roots), ont.Len())
			return nil
		},
	})
	return cmd
}
