// Package models embeds dyad's trained models so that the binary works on
// a fresh machine with nothing else installed. Every file here is built by
// a dyad command from ../shared/data; README.md in this folder says which,
// and states the licence of each model.
package models

import (
	"embed"
	"io/fs"
	"os"
)

// FS holds the model files.
//
//go:embed *.bin borders.tsv README.md
var FS embed.FS

// Dir returns the model files of dir, or the embedded ones when dir is
// empty (the --models flag).
func Dir(dir string) fs.FS {
	if dir == "" {
		return FS
	}
	return os.DirFS(dir)
}
