package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// dialect is what differs between the SQL databases a DB keeps its tables
// in. Statements are written once, in SQLite's syntax where the two
// agree, with the parts that differ taken from here.
type dialect struct {
	name string
	// dollar is whether placeholders are PostgreSQL's $N: the ? and ?NNN
	// of statements are rewritten (rebind).
	dollar bool
	// ids and texts are subqueries of the values of a JSON array bound
	// at the placeholder %s, as integers and as text (list).
	ids, texts string
	// jsonAgg is the aggregate making a JSON array of the values %s, "[]"
	// for none (agg).
	jsonAgg string
	// ftsTable is whether the full-text index is a table the writer
	// fills (SQLite's FTS5), not a column the database keeps.
	ftsTable bool
	// week is the Monday of the week of the date of c.date, as text;
	// NULL, or what SQLite makes of it, for text that is no date.
	week string
	// ftsArticles is a subquery of the ids of the articles matching the
	// full-text query bound at ?.
	ftsArticles string
	// search is the query of Search: the id, title, date, a snippet
	// with the matches between « and », and the number of events of
	// the articles matching the full-text query ?1, best first, from
	// ?3 on, ?2 of them.
	search string
	// upsertFeed writes a feed's row (feedCols), replacing one of its URL.
	upsertFeed string
	// generation reads a number that changes when another connection
	// writes (Generation): SQLite's data_version. writerGeneration reads
	// it in a writer's transaction, locking out other writers until it
	// ends where the database needs that; bumpGeneration, when set,
	// changes it at the end of a write, for the others to see.
	generation, writerGeneration, bumpGeneration string
	// version reads the schema version.
	version string
	// copy is whether the writer's queued rows go in with COPY (copy),
	// ids and partition keys included.
	copy bool
	// writerSetup sets up the writing connection.
	writerSetup string
	// ignore makes an INSERT of a row whose key is stored do nothing:
	// it follows INSERT on SQLite, the VALUES on PostgreSQL.
	ignorePrefix, ignoreSuffix string
}

var sqliteDialect = dialect{
	name:        "sqlite",
	ids:         `SELECT value FROM json_each(%s)`,
	texts:       `SELECT value FROM json_each(%s)`,
	jsonAgg:     `json_group_array(%s)`,
	ftsTable:    true,
	week:        `date(c.date, '-6 days', 'weekday 1')`,
	ftsArticles: `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`,
	search: `SELECT f.rowid, a.title, a.date, snippet(articles_fts, 1, '«', '»', '…', 24),
			coalesce((SELECT events FROM codings WHERE id = a.coding), 0)
		FROM articles_fts f JOIN articles a ON a.id = f.rowid
		WHERE articles_fts MATCH ?1 ORDER BY rank, f.rowid LIMIT ?2 OFFSET ?3`,
	upsertFeed:       `INSERT OR REPLACE INTO feeds(` + feedCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	ignorePrefix:     ` OR IGNORE`,
	generation:       `PRAGMA data_version`,
	writerGeneration: `PRAGMA data_version`,
	version:          `PRAGMA user_version`,
	writerSetup:      fmt.Sprintf("PRAGMA cache_size = %d", writerCacheKiB),
}

var postgresDialect = dialect{
	name:        "postgres",
	dollar:      true,
	ids:         `SELECT json_array_elements_text(%s::json)::bigint`,
	texts:       `SELECT json_array_elements_text(%s::json)`,
	jsonAgg:     `coalesce(json_agg(%s), '[]')`,
	week:        `dyad_week(c.date)`,
	ftsArticles: `SELECT id FROM articles WHERE fts @@ websearch_to_tsquery('simple', ?)`,
	search: `SELECT a.id, a.title, a.date,
			ts_headline('simple', a.text, q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=12'),
			coalesce((SELECT events FROM codings WHERE id = a.coding), 0)
		FROM articles a, websearch_to_tsquery('simple', ?1) q
		WHERE a.fts @@ q ORDER BY ts_rank(a.fts, q) DESC, a.id LIMIT ?2 OFFSET ?3`,
	upsertFeed: `INSERT INTO feeds(` + feedCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_polled = excluded.last_polled, next_poll = excluded.next_poll, failures = excluded.failures,
		last_error = excluded.last_error, items = excluded.items`,
	ignoreSuffix:     ` ON CONFLICT DO NOTHING`,
	generation:       `SELECT generation FROM meta`,
	writerGeneration: `SELECT generation FROM meta FOR UPDATE`,
	bumpGeneration:   `UPDATE meta SET generation = generation + 1 RETURNING generation`,
	version:          `SELECT version FROM dyad_schema`,
	copy:             true,
}

// list is the subquery of the values of the JSON array bound at the
// placeholder ph, as ids or texts.
func (d *dialect) list(ids, ph string) string { return fmt.Sprintf(ids, ph) }

// agg is the aggregate making a JSON array of the values expr.
func (d *dialect) agg(expr string) string { return fmt.Sprintf(d.jsonAgg, expr) }

// insertIgnore is an INSERT of rest ("INTO t(…) VALUES (…)") that does
// nothing for a row whose key is stored.
func (d *dialect) insertIgnore(rest string) string {
	return "INSERT" + d.ignorePrefix + " " + rest + d.ignoreSuffix
}

// rebind rewrites the placeholders of a statement for the dialect: on
// PostgreSQL, ?NNN becomes $NNN and a bare ? the next number after the
// largest so far, as SQLite numbers them. Quoted text is left alone.
func (d *dialect) rebind(q string) string {
	if !d.dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	largest := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := largest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			largest = max(largest, n)
			b.WriteString("$" + strconv.Itoa(n))
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// sqlDB, sqlConn and sqlTx are database/sql's handles with the
// statements they run rebound for the dialect.
type sqlDB struct {
	*sql.DB
	d *dialect
}

func (db sqlDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.DB.QueryContext(ctx, db.d.rebind(q), args...)
}

func (db sqlDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return db.DB.QueryRowContext(ctx, db.d.rebind(q), args...)
}

func (db sqlDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.DB.ExecContext(ctx, db.d.rebind(q), args...)
}

func (db sqlDB) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return db.DB.PrepareContext(ctx, db.d.rebind(q))
}

func (db sqlDB) BeginTx(ctx context.Context, opts *sql.TxOptions) (sqlTx, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	return sqlTx{tx, db.d}, err
}

func (db sqlDB) Conn(ctx context.Context) (sqlConn, error) {
	c, err := db.DB.Conn(ctx)
	return sqlConn{c, db.d}, err
}

type sqlConn struct {
	*sql.Conn
	d *dialect
}

func (c sqlConn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.Conn.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c sqlConn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return c.Conn.QueryRowContext(ctx, c.d.rebind(q), args...)
}

func (c sqlConn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.Conn.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c sqlConn) BeginTx(ctx context.Context, opts *sql.TxOptions) (sqlTx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	return sqlTx{tx, c.d}, err
}

type sqlTx struct {
	*sql.Tx
	d *dialect
}

func (tx sqlTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(ctx, tx.d.rebind(q), args...)
}

func (tx sqlTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(ctx, tx.d.rebind(q), args...)
}

func (tx sqlTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(ctx, tx.d.rebind(q), args...)
}
