// Package store keeps articles, their sources and their events in an
// embedded SQLite database file (pure Go, no server): the default store
// of dyad (docs/store.md says why SQLite and not DuckDB).
//
// Writes come in batches, one transaction each: a crash loses at most the
// batch being written, never a committed article, and never leaves half
// an article. An input already stored (by its source key) or an article
// already stored (by the hash of its text) adds nothing, so ingesting the
// same input again, or resuming an interrupted run, is a no-op for what
// is done. A near-duplicate article (the same wire story with a new
// headline) is stored and coded but linked to its canonical article; the
// events of all articles are merged into event clusters, one per real
// event (same actors, class, date window and place).
//
// A Store is safe for concurrent use, but its writes are serialized:
// dyad writes from one goroutine and reads from any.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// SchemaVersion is the schema version this code writes: the number of
// migrations. A file of an older version is migrated when opened; one of
// a newer version is refused.
var SchemaVersion = len(migrations)

// Options configure a store.
type Options struct {
	// Similar estimates the similarity of two near-duplicate signatures
	// (Article.Signature); nil turns near-duplicate detection off.
	Similar func(a, b []byte) (float64, error)
	// Threshold is the similarity from which an article is a
	// near-duplicate of another.
	Threshold float64
	// Window is how many days apart two reports of one event may date
	// it; 0 means 1.
	Window int
	// ReadOnly opens the file for queries only.
	ReadOnly bool
}

// DB is a store in an SQL database: the embedded SQLite file (OpenSQLite),
// written by one process at a time and read by any number, or a
// PostgreSQL server shared by many. What differs between the two is in
// its dialect.
type DB struct {
	db   sqlDB
	path string
	opt  Options
	d    *dialect
	sqls map[string]string // the writer's statements in the dialect (writeSQL)
	// closePool closes what the database/sql handle is opened on, if
	// anything (PostgreSQL's pool).
	closePool func()

	mu sync.Mutex // serializes writes and guards what follows
	// conn is the connection all writes go through, so that its
	// data_version tells when another process has written.
	conn        sqlConn
	stmts       map[string]*sql.Stmt // the writer's statements (writeSQL), parsed once
	raw         rawStmts             // the driver's statements of conn (writer.insert)
	dataVersion int64
	cache       *cache // of what this connection wrote or read; nil when unknown

	genMu   sync.Mutex // guards genConn
	genConn sqlConn    // the connection Generation reads data_version on

	idx         atomic.Pointer[seriesIndex] // nil until IndexSeries
	keepChanges int64                       // rows of the change log the writer keeps: maxChanges, fewer in tests
}

// DefaultPath is where the store lives when the user names none:
// $DYAD_DB, else dyad/dyad.db in the user's data folder
// ($XDG_DATA_HOME, else ~/.local/share).
func DefaultPath() string {
	if p := os.Getenv("DYAD_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "dyad.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "dyad", "dyad.db")
}

// OpenSQLite opens the embedded store at path, creating the file and its
// folder on first use, and brings its schema up to date.
func OpenSQLite(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Window <= 0 {
		opt.Window = 1
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	// synchronous=NORMAL keeps every committed transaction through a
	// crash of the process (a power cut may lose the last ones, never
	// corrupt the file). A new file gets pages of 16 KiB: a write appends
	// fewer, larger frames to the log, which costs the writer less than
	// the default 4 KiB (docs/store.md, "Speed"); page_size does nothing
	// to a file that has pages already.
	//
	// Each connection has a page cache of its own: 8 MiB for the readers,
	// which look up a key or a hash, and more for the writer (writeConn).
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "page_size(16384)", "synchronous(NORMAL)", "cache_size(-8192)", "temp_store(2)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if opt.ReadOnly {
		q.Set("mode", "ro")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	d := &sqliteDialect
	s := &DB{db: sqlDB{db, d}, d: d, sqls: writeSQL(d), path: path, opt: opt, keepChanges: maxChanges}
	// WAL lets readers work beside the one writer. The file keeps the
	// mode; it is set here, not for every connection, so that the page
	// size above comes first on a new file.
	if !opt.ReadOnly {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		if err == nil && mode != "wal" {
			err = fmt.Errorf("journal mode %q", mode)
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: write-ahead log: %w", path, err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Location is the store's file.
func (s *DB) Location() string { return s.path }

// Close closes the database.
func (s *DB) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropWriteConn()
	s.genMu.Lock()
	if s.genConn.Conn != nil {
		s.genConn.Close()
		s.genConn = sqlConn{}
	}
	s.genMu.Unlock()
	err := s.db.Close()
	if s.closePool != nil {
		s.closePool()
	}
	return err
}

// migrate applies the migrations the file lacks, each in its own
// transaction with the version it brings.
func (s *DB) migrate(ctx context.Context) error {
	v, err := s.version(ctx)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this dyad's (%d): use a newer dyad", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	if s.opt.ReadOnly {
		return fmt.Errorf("schema version %d needs migrating to %d: open it once for writing", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// version is the schema version of the file: its user_version.
func (s *DB) version(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, s.d.version).Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// Version is the schema version of the open file.
func (s *DB) Version(ctx context.Context) (int, error) { return s.version(ctx) }

// Known reports whether an input key is already stored, as an article's
// source or as a skipped input: ingesting it again would add nothing.
func (s *DB) Known(ctx context.Context, key string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.sqls["known"], key).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return n > 0, nil
}

// KnownHash reports whether an article with this text hash is stored: a
// caller may skip coding it, since writing it would only add a source.
func (s *DB) KnownHash(ctx context.Context, hash string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE hash = ?`, hash).Scan(&n); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return n > 0, nil
}

// Counts are the sizes of a store's tables.
type Counts struct {
	Articles  int `json:"articles"`
	Canonical int `json:"canonical"` // articles that are not near-duplicates of another
	Sources   int `json:"sources"`
	Outlets   int `json:"outlets"`
	Skipped   int `json:"skipped"`
	Events    int `json:"events"`
	Clusters  int `json:"clusters"`
	Entities  int `json:"entities"`
}

// Counts counts what the store holds.
func (s *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM articles WHERE canonical = id),
		(SELECT count(*) FROM sources),
		(SELECT count(DISTINCT outlet) FROM sources),
		(SELECT count(*) FROM skipped),
		(SELECT count(*) FROM mentions),
		(SELECT count(*) FROM clusters),
		(SELECT count(*) FROM entities)`).Scan(&c.Articles, &c.Canonical, &c.Sources, &c.Outlets,
		&c.Skipped, &c.Events, &c.Clusters, &c.Entities)
	if err != nil {
		return c, fmt.Errorf("store: %w", err)
	}
	return c, nil
}

// Outlet names the publisher of an input: a URL's host without "www.",
// else the folder a file is in ("bbc-news-2225/politics" for
// bbc-news-2225/politics/001.txt; records inside a file, PATH#ID, are of
// the file's outlet).
func Outlet(key, rawURL string) string {
	for _, s := range []string{rawURL, key} {
		if u, err := url.Parse(s); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
			return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
		}
	}
	if key == "-" || key == "" {
		return "stdin"
	}
	if i := strings.Index(key, "#"); i >= 0 {
		key = key[:i]
	}
	dir := filepath.Dir(filepath.Clean(key))
	if dir == "." {
		return "."
	}
	return filepath.Join(filepath.Base(filepath.Dir(dir)), filepath.Base(dir))
}
