package store

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// OpenPostgres opens the store in the PostgreSQL database at the URL
// (postgres://user:password@host:port/database), and brings its schema up
// to date: many processes may share it (docs/scale.md).
func OpenPostgres(ctx context.Context, rawURL string, opt Options) (*DB, error) {
	if opt.Window <= 0 {
		opt.Window = 1
	}
	where := redact(rawURL)
	pool, err := pgxpool.New(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	if opt.ReadOnly {
		err = pgCheckVersion(ctx, pool)
	} else {
		err = pgMigrate(ctx, pool)
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	d := &postgresDialect
	db := stdlib.OpenDBFromPool(pool)
	return &DB{db: sqlDB{db, d}, d: d, sqls: writeSQL(d), path: where, opt: opt, keepChanges: maxChanges,
		closePool: pool.Close}, nil
}

// pgCheckVersion refuses a database whose schema this dyad does not write.
func pgCheckVersion(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	v, err := pgVersion(ctx, conn.Conn())
	if err != nil {
		return fmt.Errorf("schema version: %w (open it once for writing)", err)
	}
	if v != len(pgMigrations) {
		return fmt.Errorf("schema version %d, this dyad's is %d: open it once for writing with the newer of the two", v, len(pgMigrations))
	}
	return nil
}

// redact is a URL without its password.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// copy inserts and empties a queue with COPY. Clusters get their ids (the
// last rows() ids up to lastCluster), mentions the month they are
// partitioned by, whose partitions are made first.
func (w *writer) copy(ctx context.Context, q *queue) (int64, error) {
	n, width := q.rows(), len(q.cols)
	cols := q.cols
	rows := make([][]any, n)
	var last int64
	months := map[int]bool{}
	for i := range rows {
		row := q.args[i*width : (i+1)*width]
		switch q.name {
		case "clusters":
			last = w.lastCluster - int64(n-1-i)
			rows[i] = append([]any{last}, row...)
		case "mentions":
			date, _ := row[3].(string)
			m := monthOf(date)
			months[m] = true
			rows[i] = append([]any{m}, row...)
		default:
			rows[i] = row
		}
	}
	switch q.name {
	case "clusters":
		cols = append([]string{"id"}, cols...)
	case "mentions":
		cols = append([]string{"month"}, cols...)
	}
	err := w.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("driver connection %T is not pgx's", dc)
		}
		for m := range months {
			if err := ensurePartition(ctx, c.Conn(), m); err != nil {
				return fmt.Errorf("partition of month %d: %w", m, err)
			}
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{q.name}, cols, pgx.CopyFromRows(rows))
		return err
	})
	clear(q.args)
	q.args = q.args[:0]
	return last, err
}
