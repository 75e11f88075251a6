// Package datadir finds the reference data folder (../shared/data beside
// the repository): from a command-line flag, else the DYAD_DATA
// environment variable, else ../shared/data relative to the working
// directory or to the module root.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Env is the environment variable that names the data folder.
const Env = "DYAD_DATA"

// Default is the data folder relative to the repository root.
const Default = "../shared/data"

// Resolve returns the data folder: flag when set, else $DYAD_DATA, else
// the default relative to the working directory, else relative to the
// module root found above it.
func Resolve(flag string) string {
	if flag != "" {
		return flag
	}
	if d := os.Getenv(Env); d != "" {
		return d
	}
	if _, err := os.Stat(Default); err == nil {
		return Default
	}
	if root, err := moduleRoot(); err == nil {
		d := filepath.Join(root, filepath.FromSlash(Default))
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	return Default
}

// Require returns the folder sub inside the data folder, or an error that
// says how to point dyad at the data.
func Require(flag, sub string) (string, error) {
	d := filepath.Join(Resolve(flag), filepath.FromSlash(sub))
	if _, err := os.Stat(d); err != nil {
		return "", fmt.Errorf("reference data %s not found (set --data DIR or %s): %w", d, Env, err)
	}
	return d, nil
}

// moduleRoot walks up from the working directory to the folder holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found")
		}
		dir = parent
	}
}
