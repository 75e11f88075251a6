package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dyadproject/dyad/internal/pgtest"
)

// The conformance tests run on every implementation of the store: the
// SQLite file, and a PostgreSQL database of a server the test binary
// starts once (internal/pgtest), a new database each test. Without
// PostgreSQL's binaries the PostgreSQL runs skip, saying so.

var (
	pgOnce   sync.Once
	pgServer *pgtest.Server
	pgErr    error
	pgDBs    atomic.Int64
)

func TestMain(m *testing.M) {
	code := m.Run()
	if pgServer != nil {
		pgServer.Close()
	}
	os.Exit(code)
}

// newPostgresDB makes a new database on the test binary's PostgreSQL
// server, started on first use, and returns its URL.
func newPostgresDB(tb testing.TB) string {
	tb.Helper()
	pgOnce.Do(func() { pgServer, pgErr = pgtest.New() })
	if pgErr != nil {
		tb.Skipf("skipping the PostgreSQL store: %v", pgErr)
	}
	url, err := pgServer.NewDB(fmt.Sprint("dyad", pgDBs.Add(1)))
	if err != nil {
		tb.Fatal(err)
	}
	return url
}

// openPostgresTest opens a store in a new database of the test binary's
// PostgreSQL server.
func openPostgresTest(tb testing.TB, opt Options) *DB {
	tb.Helper()
	s, err := OpenPostgres(context.Background(), newPostgresDB(tb), opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// eachStore runs a test on each implementation of the store.
func eachStore(t *testing.T, opt Options, test func(t *testing.T, s *DB)) {
	t.Run("sqlite", func(t *testing.T) { test(t, openTest(t, opt)) })
	t.Run("postgres", func(t *testing.T) { test(t, openPostgresTest(t, opt)) })
}

// eachLocation runs a test on each implementation of the store with a
// function opening a handle of one store, as another process would.
func eachLocation(t *testing.T, test func(t *testing.T, open func(Options) *DB)) {
	opener := func(t *testing.T, loc string, openAt func(context.Context, string, Options) (*DB, error)) func(Options) *DB {
		return func(opt Options) *DB {
			t.Helper()
			s, err := openAt(context.Background(), loc, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		test(t, opener(t, filepath.Join(t.TempDir(), "dyad.db"), OpenSQLite))
	})
	t.Run("postgres", func(t *testing.T) {
		test(t, opener(t, newPostgresDB(t), OpenPostgres))
	})
}
