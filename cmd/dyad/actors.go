package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/dictimport"
)

func newActorsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actors",
		Short: "Work with the actor knowledge base",
	}
	addActorQuery(cmd)
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
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d countries, %d people (%d terms in office), %d IGOs, %d NGOs, %d armed groups, %d agent nouns, %d named actors, %d names\n",
				where, s.Countries, s.People, s.Terms, s.IGOs, s.NGOs, s.Groups, s.Agents, s.Named, s.Names)
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
			known, other := 0, 0
			for c := range codes {
				if ont.Lookup(c) == nil {
					other++
					continue
				}
				known++
				roots[c[:2]] = true
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d patterns, %d CAMEO codes in %d of 20 root classes (ontology: %d codes)",
				where, d.Len(), known, len(roots), ont.Len())
			if other > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), ", %d codes outside CAMEO", other)
			}
			fmt.Fprintln(cmd.OutOrStdout())
			return nil
		},
	})
	cmd.AddCommand(newDictImportCmd())
	return cmd
}

func newDictImportCmd() *cobra.Command {
	var format, kind, out string
	cmd := &cobra.Command{
		Use:   "import --format petrarch|tabari [--kind actors|agents|verbs] FILE... [--out DIR]",
		Short: "Convert TABARI or PETRARCH dictionaries (actors, agents, verb patterns) into dyad's files",
		Long: `import converts community dictionaries into dyad's formats: actors into an
actors-NAME.tsv knowledge-base file, agents into agents-NAME.tsv, verb
patterns into verbs-NAME.txt (docs/actors.md, docs/coder.md). The kind is
taken from the file name (actors, agents, verbs) unless --kind says it.
Without --out the result goes to standard output; with --out DIR files are
written there, ready for dyad extract --kb DIR / --patterns DIR. What cannot
be expressed in dyad's formats is counted and the first cases are listed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "petrarch" && format != "tabari" {
				return fmt.Errorf("--format %q: want petrarch or tabari", format)
			}
			ont, err := cameo.Default()
			if err != nil {
				return err
			}
			known := func(c string) bool { return ont.Lookup(c) != nil }
			fm := dictimport.PETRARCH
			if format == "tabari" {
				fm = dictimport.TABARI
			}
			for _, name := range args {
				k := kind
				if k == "" {
					k = kindOf(name)
				}
				if k == "" {
					return fmt.Errorf("%s: say --kind actors, agents or verbs", name)
				}
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				var b strings.Builder
				rep, err := dictimport.Convert(k, filepath.Base(name), f, &b, fm, known)
				f.Close()
				if err != nil {
					return err
				}
				dest := cmd.OutOrStdout()
				target := "standard output"
				if out != "" {
					target = filepath.Join(out, dictimport.FileName(k, filepath.Base(name)))
					if err := os.MkdirAll(out, 0o755); err != nil {
						return err
					}
					if err := os.WriteFile(target, []byte(b.String()), 0o644); err != nil {
						return err
					}
				} else if _, err := io.WriteString(dest, b.String()); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%s (%s %s) → %s: %d read, %d written, %d not expressible\n",
					name, format, k, target, rep.Read, rep.Written, rep.Skipped)
				for _, n := range rep.Notes {
					fmt.Fprintf(cmd.ErrOrStderr(), "  %s\n", n)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "dictionary format: petrarch or tabari")
	cmd.Flags().StringVar(&kind, "kind", "", "actors, agents or verbs (default: from the file name)")
	cmd.Flags().StringVar(&out, "out", "", "folder to write the converted files to (default: standard output)")
	return cmd
}

// kindOf guesses a dictionary's kind from its file name.
func kindOf(name string) string {
	n := strings.ToLower(filepath.Base(name))
	switch {
	case strings.Contains(n, "actor"):
		return "actors"
	case strings.Contains(n, "agent"):
		return "agents"
	case strings.Contains(n, "verb"):
		return "verbs"
	}
	return ""
}
