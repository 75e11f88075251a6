package extract

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/dyadproject/dyad/internal/actor"
	"github.com/dyadproject/dyad/internal/cameo"
	"github.com/dyadproject/dyad/internal/coder"
	"github.com/dyadproject/dyad/internal/geo"
	"github.com/dyadproject/dyad/internal/models"
	"github.com/dyadproject/dyad/internal/segment"
	"github.com/dyadproject/dyad/internal/syntax"
	"github.com/dyadproject/dyad/internal/timex"
)

// Options choose the data an extractor loads; empty folders mean the
// embedded defaults.
type Options struct {
	Models   string // syntax models
	KB       string // actor knowledge base
	Patterns string // verb patterns
	Beam     int    // parser beam width, 0 for the trained width
	Coder    coder.Config
}

// Build loads every stage once and returns the extractor. Errors of the
// data files are reported as file:line.
func Build(o Options) (*Extractor, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("segmenter: %w", err)
	}
	syn, err := syntax.Load(models.Dir(o.Models))
	if err != nil {
		return nil, fmt.Errorf("syntax models: %w", err)
	}
	kb, err := actor.Load(dirOr(o.KB, actor.Embedded))
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	ont, err := cameo.Default()
	if err != nil {
		return nil, fmt.Errorf("load CAMEO ontology: %w", err)
	}
	dict, err := coder.LoadDict(dirOr(o.Patterns, coder.Embedded), ont)
	if err != nil {
		return nil, fmt.Errorf("load patterns: %w", err)
	}
	c, err := coder.New(dict, ont, o.Coder)
	if err != nil {
		return nil, err
	}
	tx, err := timex.New()
	if err != nil {
		return nil, fmt.Errorf("time expressions: %w", err)
	}
	gr, err := geo.NewResolver()
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	// The states' adjectives name borders ("the Iraqi border").
	adj := map[string][]string{}
	for code, c := range kb.Countries {
		adj[code] = c.Adjectives
	}
	gr = gr.WithDemonyms(adj)
	bs, err := geo.EmbeddedBorders()
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	x := New(seg, syn.WithBeam(o.Beam).WithoutFeatures(), actor.NewResolver(kb), c, tx, gr)
	x.borders = bs
	return x, nil
}

func dirOr(dir string, embedded func() fs.FS) fs.FS {
	if dir == "" {
		return embedded()
	}
	return os.DirFS(dir)
}

// Version names the coder an Options builds, for the history of codings
// kept with stored articles: the program's version (its VCS revision when
// the build stamped one, else program, such as a release number set at
// link time) and a digest of every data file it loads, so that a change
// of a model, a dictionary or a flag gives a new version.
func Version(o Options, program string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "beam=%d monadic=%v negated=%v\n", o.Beam, o.Coder.Monadic, o.Coder.KeepNegated)
	for _, fsys := range []fs.FS{models.Dir(o.Models), dirOr(o.KB, actor.Embedded), dirOr(o.Patterns, coder.Embedded)} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("coder version: %w", err)
		}
	}
	rev := program
	if bi, ok := debug.ReadBuildInfo(); ok {
		var dirty bool
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if dirty {
			rev += "+dirty"
		}
	}
	return fmt.Sprintf("dyad-%s data-%x", rev, h.Sum(nil)[:6]), nil
}
