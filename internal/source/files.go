package source

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Files returns the sources name stands for, sorted: for a folder, the
// files in it and its subfolders whose names end in a kind Read reads
// (.txt .text .html .htm .xhtml .rss .atom .warc .gz .jsonl .ndjson
// .json .csv .zip .sgm .sgml .tml), but for documentation (README,
// LICENSE, SOURCES.md and the like) and hidden files and folders; for
// anything else (a file, a URL, "-"), name itself. A path is the folder's
// name joined with the file's path in it, so that the same folder named
// the same way lists the same paths, and its articles get the same keys.
func Files(name string) ([]string, error) {
	if name == "-" || name == "" || isURL(name) {
		return []string{name}, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{name}, nil
	}
	var out []string
	err = filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == name {
			return nil
		}
		base := d.Name()
		switch {
		case strings.HasPrefix(base, ".") && d.IsDir():
			return filepath.SkipDir
		case d.IsDir() || strings.HasPrefix(base, ".") || !isReadableName(base) || isDocName(base):
			return nil
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// readableExts are the name endings of the files Files lists.
var readableExts = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".rss": true, ".atom": true, ".warc": true, ".gz": true,
	".jsonl": true, ".ndjson": true, ".json": true, ".csv": true, ".zip": true,
	".sgm": true, ".sgml": true, ".tml": true,
}

// docNames are the names (before the first dot, in capitals) of the
// documentation files that sit beside data: not articles.
var docNames = map[string]bool{
	"README": true, "LICENSE": true, "LICENCE": true, "COPYING": true, "NOTICE": true,
	"AUTHORS": true, "CHANGELOG": true, "CHANGES": true, "SOURCES": true, "CONTRIBUTING": true,
	"INSTALL": true, "HISTORY": true, "CITATION": true,
}

// isReadableName reports whether a file name has an ending Files lists.
func isReadableName(base string) bool {
	return readableExts[strings.ToLower(path.Ext(base))]
}

// isDocName reports whether a file name is documentation's: README,
// LICENSE, SOURCES.md and the like, in any case and with any ending.
func isDocName(base string) bool {
	stem, _, _ := strings.Cut(base, ".")
	stem = strings.ToUpper(stem)
	return docNames[stem] || strings.HasPrefix(stem, "README")
}
