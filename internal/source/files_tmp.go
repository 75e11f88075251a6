package source

// TEMPORARY until the source branch lands.

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files lists the readable files of a folder, sorted, or the name itself.
func Files(name string) ([]string, error) {
	if name == "-" || strings.Contains(name, "://") {
		return []string{name}, nil
	}
	st, err := os.Stat(name)
	if err != nil || !st.IsDir() {
		return []string{name}, nil
	}
	var out []string
	err = filepath.WalkDir(name, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt", ".text", ".html", ".htm", ".xhtml", ".rss", ".atom", ".warc", ".gz":
			if !d.IsDir() {
				out = append(out, p)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
