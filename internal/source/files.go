package source

import (
	"path"
	"strings"
)

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
