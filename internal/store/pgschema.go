package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgMigrations are the schema changes of the PostgreSQL store, in order:
// dyad_schema holds how many are applied. As with the file's
// (migrations), a released one is never edited. The tables are the
// file's (docs/store.md), with PostgreSQL's types; mentions, one row per
// event, is partitioned by the month of the event's date (docs/scale.md).
var pgMigrations = []string{
	// 1: the tables of the file's schema version 5. Text compares and
	// sorts byte by byte (COLLATE "C"), as in SQLite, whatever the
	// database's locale.
	`
CREATE TABLE articles (
	id         bigint PRIMARY KEY,
	hash       text COLLATE "C" NOT NULL UNIQUE,
	canonical  bigint NOT NULL,
	similarity double precision NOT NULL DEFAULT 1,
	title      text COLLATE "C" NOT NULL DEFAULT '',
	text       text COLLATE "C" NOT NULL,
	url        text COLLATE "C" NOT NULL DEFAULT '',
	author     text COLLATE "C" NOT NULL DEFAULT '',
	date       text COLLATE "C" NOT NULL DEFAULT '',
	date_from  text COLLATE "C" NOT NULL DEFAULT '',
	published  text COLLATE "C" NOT NULL DEFAULT '',
	language   text COLLATE "C" NOT NULL DEFAULT '',
	warnings   text COLLATE "C" NOT NULL DEFAULT '[]',
	coding     bigint,
	ingested   text COLLATE "C" NOT NULL,
	fts        tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED
);
CREATE INDEX articles_canonical ON articles(canonical);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_fts ON articles USING gin(fts);

CREATE TABLE sources (
	key     text COLLATE "C" PRIMARY KEY,
	article bigint NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
	outlet  text COLLATE "C" NOT NULL,
	url     text COLLATE "C" NOT NULL DEFAULT '',
	seen    text COLLATE "C" NOT NULL
);
CREATE INDEX sources_article ON sources(article);

CREATE TABLE skipped (
	key    text COLLATE "C" PRIMARY KEY,
	reason text COLLATE "C" NOT NULL,
	seen   text COLLATE "C" NOT NULL
);

CREATE TABLE signatures (
	article bigint PRIMARY KEY REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
	sig     bytea NOT NULL
);

CREATE TABLE bands (
	band    integer NOT NULL,
	key     bigint NOT NULL,
	article bigint NOT NULL,
	PRIMARY KEY (band, key, article)
);

CREATE TABLE codings (
	id          bigint PRIMARY KEY,
	article     bigint NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
	coder       text COLLATE "C" NOT NULL,
	coded       text COLLATE "C" NOT NULL,
	events      integer NOT NULL,
	event_json  bytea NOT NULL,
	cluster_ids text COLLATE "C" NOT NULL DEFAULT '[]'
);
CREATE INDEX codings_article ON codings(article);

CREATE TABLE entities (
	entity  text COLLATE "C" PRIMARY KEY,
	name    text COLLATE "C" NOT NULL,
	country text COLLATE "C" NOT NULL,
	sector  text COLLATE "C" NOT NULL,
	kind    text COLLATE "C" NOT NULL
);

CREATE TABLE feeds (
	url           text COLLATE "C" PRIMARY KEY,
	etag          text COLLATE "C" NOT NULL DEFAULT '',
	last_modified text COLLATE "C" NOT NULL DEFAULT '',
	last_polled   text COLLATE "C" NOT NULL DEFAULT '',
	next_poll     text COLLATE "C" NOT NULL DEFAULT '',
	failures      integer NOT NULL DEFAULT 0,
	last_error    text COLLATE "C" NOT NULL DEFAULT '',
	items         integer NOT NULL DEFAULT 0
);

CREATE TABLE terms (
	id   bigint PRIMARY KEY,
	term text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE clusters (
	id          bigint PRIMARY KEY,
	src         bigint NOT NULL,
	tgt         bigint NOT NULL,
	root        bigint NOT NULL,
	cameo       bigint NOT NULL,
	quad        integer NOT NULL,
	goldstein   double precision NOT NULL,
	date        text COLLATE "C" NOT NULL,
	granularity bigint NOT NULL,
	src_country bigint NOT NULL,
	tgt_country bigint NOT NULL,
	place       bigint NOT NULL,
	lat         double precision,
	lon         double precision,
	mentions    integer NOT NULL DEFAULT 1,
	articles    integer NOT NULL DEFAULT 1,
	sources     integer NOT NULL DEFAULT 1
);
CREATE INDEX clusters_match ON clusters(src, tgt, root, granularity, date);

-- month is YYYYMM of the event's date; 0 for a date that names no month.
CREATE TABLE mentions (
	month       integer NOT NULL,
	cluster     bigint NOT NULL,
	article     bigint NOT NULL,
	n           integer NOT NULL,
	date        text COLLATE "C" NOT NULL,
	src_entity  bigint NOT NULL, src_country bigint NOT NULL, src_sector bigint NOT NULL, src_code bigint NOT NULL,
	tgt_entity  bigint NOT NULL, tgt_country bigint NOT NULL, tgt_sector bigint NOT NULL, tgt_code bigint NOT NULL,
	cameo       bigint NOT NULL,
	quad        integer NOT NULL,
	goldstein   double precision NOT NULL,
	plover      bigint NOT NULL,
	place       bigint NOT NULL,
	place_country bigint NOT NULL,
	PRIMARY KEY (cluster, article, n, month)
) PARTITION BY RANGE (month);
CREATE TABLE mentions_other PARTITION OF mentions DEFAULT;

CREATE TABLE changes (
	seq     bigserial PRIMARY KEY,
	first   bigint NOT NULL,
	last    bigint NOT NULL,
	touched bytea NOT NULL
);

-- generation counts the writes: Generation reads it, and a writer keeps
-- its caches while it is the one it wrote last.
CREATE TABLE meta (
	one        boolean PRIMARY KEY DEFAULT true CHECK (one),
	generation bigint NOT NULL DEFAULT 0
);
INSERT INTO meta DEFAULT VALUES;

-- dyad_week is the Monday of the week of a date (YYYY-MM-DD), NULL for
-- text that is no date, where a cast would fail the whole query.
CREATE FUNCTION dyad_week(d text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	RETURN to_char(date_trunc('week', d::date), 'YYYY-MM-DD');
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
`,
	// 2: staged articles, as the file's version 6.
	`
CREATE TABLE staged (
	run     text COLLATE "C" NOT NULL,
	seq     bigint NOT NULL,
	article bytea NOT NULL,
	PRIMARY KEY (run, seq)
);
CREATE TABLE runs (
	run    text COLLATE "C" PRIMARY KEY,
	next   bigint NOT NULL DEFAULT 1,
	merged bigint NOT NULL DEFAULT 0
);
`,
}

// pgMigrate applies the migrations the database lacks, each in its own
// transaction, and refuses a database of a newer schema. An advisory lock
// keeps two processes opening the same new database from both applying
// them.
func pgMigrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, pgLockMigrate); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, pgLockMigrate)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS dyad_schema (version integer NOT NULL)`); err != nil {
		return err
	}
	v, err := pgVersion(ctx, conn.Conn())
	if err != nil {
		return err
	}
	if v > len(pgMigrations) {
		return fmt.Errorf("schema version %d is newer than this dyad's (%d): use a newer dyad", v, len(pgMigrations))
	}
	for i := v; i < len(pgMigrations); i++ {
		err := pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, pgMigrations[i]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DELETE FROM dyad_schema; INSERT INTO dyad_schema VALUES (`+strconv.Itoa(i+1)+`)`)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", i+1, err)
		}
	}
	return nil
}

// pgVersion is the schema version of the database: 0 before the first
// migration.
func pgVersion(ctx context.Context, conn *pgx.Conn) (int, error) {
	var v int
	err := conn.QueryRow(ctx, `SELECT version FROM dyad_schema`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// pgLockMigrate is the advisory lock key taken while migrating, in one
// space with any other application's: "dyad" in ASCII, then 1.
const pgLockMigrate int64 = 0x64796164_0001

// monthOf is the partition key of an event's date: YYYYMM, or 0 when the
// date names no month of a year (a year alone, or no date).
func monthOf(date string) int {
	if len(date) < 7 || date[4] != '-' {
		return 0
	}
	y, err1 := strconv.Atoi(date[:4])
	m, err2 := strconv.Atoi(date[5:7])
	if err1 != nil || err2 != nil || y < 1 || m < 1 || m > 12 {
		return 0
	}
	return y*100 + m
}

// ensurePartition makes the partition of mentions holding month, when
// missing, in the writer's transaction: writers take turns (the meta row
// is locked), so no other makes it meanwhile.
func ensurePartition(ctx context.Context, conn *pgx.Conn, month int) error {
	if month == 0 {
		return nil
	}
	next := month + 1
	if month%100 == 12 {
		next = (month/100+1)*100 + 1
	}
	_, err := conn.Exec(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS mentions_%d PARTITION OF mentions FOR VALUES FROM (%d) TO (%d)`, month, month, next))
	return err
}
