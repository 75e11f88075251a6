package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpen: a path or a file:// URL opens the embedded store; a URL of a
// scheme no store serves is refused with a message naming it.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, loc := range []string{filepath.Join(dir, "a.db"), "file://" + filepath.Join(dir, "b.db")} {
		s, err := Open(ctx, loc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if _, ok := s.(*DB); !ok || !strings.HasSuffix(s.Location(), ".db") || strings.HasPrefix(s.Location(), "file:") {
			t.Errorf("%s: %T at %s", loc, s, s.Location())
		}
		s.Close()
	}
	if _, err := Open(ctx, "mysql://host/db", Options{}); err == nil || !strings.Contains(err.Error(), `"mysql"`) {
		t.Errorf("mysql://: %v", err)
	}
}
