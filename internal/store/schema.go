package store

// migrations are the schema changes, in order: the database's
// user_version is the number of them applied. A migration is never
// edited once released; a change of schema is a new one, so that every
// older database file keeps opening (docs/store.md).
var migrations = []string{
	// 1: articles with their sources and near-duplicate signatures,
	// codings (which coder version coded an article, when), events,
	// event clusters, entities, and the keys of skipped inputs.
	`
CREATE TABLE articles (
	id         INTEGER PRIMARY KEY,
	hash       TEXT NOT NULL UNIQUE,          -- SHA-256 of the whitespace-normalized text
	canonical  INTEGER NOT NULL,              -- itself, or the article it is a near-duplicate of
	similarity REAL NOT NULL DEFAULT 1,       -- estimated Jaccard similarity to the canonical article
	title      TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	url        TEXT NOT NULL DEFAULT '',
	author     TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',      -- story date, YYYY-MM-DD
	date_from  TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	language   TEXT NOT NULL DEFAULT '',
	warnings   TEXT NOT NULL DEFAULT '[]',    -- JSON array
	coding     INTEGER,                       -- the current coding
	ingested   TEXT NOT NULL
);
CREATE INDEX articles_canonical ON articles(canonical);
CREATE INDEX articles_date ON articles(date);

-- Every place an article was read from: a file, a record of a file
-- (PATH#ID), a URL. The key is what makes re-ingesting a no-op.
CREATE TABLE sources (
	key     TEXT PRIMARY KEY,
	article INTEGER NOT NULL REFERENCES articles(id),
	outlet  TEXT NOT NULL,                    -- the publisher: a URL's host, else the file's folder
	url     TEXT NOT NULL DEFAULT '',
	seen    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sources_article ON sources(article);

-- Inputs that were read but hold no article to store (empty, unreadable,
-- too long), with the reason, so that a second run skips them too.
CREATE TABLE skipped (
	key    TEXT PRIMARY KEY,
	reason TEXT NOT NULL,
	seen   TEXT NOT NULL
) WITHOUT ROWID;

-- MinHash signatures and their LSH band keys: candidates for near
-- duplicates are the articles sharing a band key.
CREATE TABLE signatures (
	article INTEGER PRIMARY KEY REFERENCES articles(id),
	sig     BLOB NOT NULL
);
CREATE TABLE bands (
	band    INTEGER NOT NULL,
	key     INTEGER NOT NULL,
	article INTEGER NOT NULL,
	PRIMARY KEY (band, key, article)
) WITHOUT ROWID;

-- Each time an article is coded: by which coder version, when, with how
-- many events. Recoding adds a row; the article's coding column names
-- the current one.
CREATE TABLE codings (
	id      INTEGER PRIMARY KEY,
	article INTEGER NOT NULL REFERENCES articles(id),
	coder   TEXT NOT NULL,
	coded   TEXT NOT NULL,
	events  INTEGER NOT NULL
);
CREATE INDEX codings_article ON codings(article);

-- Reports of one real event in one or many articles.
CREATE TABLE clusters (
	id        INTEGER PRIMARY KEY,
	src       TEXT NOT NULL,                  -- actor keys (docs/store.md)
	tgt       TEXT NOT NULL,
	root      TEXT NOT NULL,
	cameo     TEXT NOT NULL,                  -- of its first event
	quad      INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	date      TEXT NOT NULL,                  -- of its first event
	granularity TEXT NOT NULL,
	src_country TEXT NOT NULL,
	tgt_country TEXT NOT NULL,
	place     TEXT NOT NULL DEFAULT '',
	lat       REAL,
	lon       REAL,
	mentions  INTEGER NOT NULL DEFAULT 1,     -- events
	articles  INTEGER NOT NULL DEFAULT 1,     -- distinct canonical articles
	sources   INTEGER NOT NULL DEFAULT 1      -- distinct outlets
);
CREATE INDEX clusters_match ON clusters(src, tgt, root, granularity, date);

CREATE TABLE events (
	id          INTEGER PRIMARY KEY,
	article     INTEGER NOT NULL REFERENCES articles(id),
	canonical   INTEGER NOT NULL,             -- the article's canonical article
	coding      INTEGER NOT NULL REFERENCES codings(id),
	cluster     INTEGER NOT NULL REFERENCES clusters(id),
	eid         TEXT NOT NULL,                -- the event's id within its article
	date        TEXT NOT NULL,
	granularity TEXT NOT NULL,
	src_entity  TEXT NOT NULL, src_country TEXT NOT NULL, src_sector TEXT NOT NULL, src_code TEXT NOT NULL,
	tgt_entity  TEXT NOT NULL, tgt_country TEXT NOT NULL, tgt_sector TEXT NOT NULL, tgt_code TEXT NOT NULL,
	cameo       TEXT NOT NULL,
	root        TEXT NOT NULL,
	quad        INTEGER NOT NULL,
	goldstein   REAL NOT NULL,
	plover      TEXT NOT NULL,
	mode        TEXT NOT NULL,
	place       TEXT NOT NULL,
	geonameid   INTEGER NOT NULL,
	place_country TEXT NOT NULL,
	json        TEXT NOT NULL                 -- the whole event, evidence included
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_cluster ON events(cluster);
CREATE INDEX events_dyad ON events(src_country, tgt_country, date);

CREATE TABLE entities (
	entity  TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	country TEXT NOT NULL,
	sector  TEXT NOT NULL,
	kind    TEXT NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
`,

	// 2: the polling state of watched feeds (dyad watch), so that a
	// restarted watcher sends the same conditional requests and keeps
	// the same schedule and backoff. Times are RFC 3339 in UTC, '' for
	// never.
	`
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',   -- the ETag of the last 200, sent back as If-None-Match
	last_modified TEXT NOT NULL DEFAULT '',   -- its Last-Modified, sent back as If-Modified-Since
	last_polled   TEXT NOT NULL DEFAULT '',
	next_poll     TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0, -- polls failed in a row
	last_error    TEXT NOT NULL DEFAULT '',
	items         INTEGER NOT NULL DEFAULT 0  -- new items ingested from it, in all
) WITHOUT ROWID;
`,
	// 3: events as mentions. The events of a coding are kept once, in
	// codings.event_json (the JSON array of its events, S2-compressed by
	// the writer; the events of older files move over as a plain JSON
	// array), with the cluster of each in codings.cluster_ids; a narrow
	// row per event, clustered by (cluster, article, n), holds what
	// filters read. Version 1 kept each event's JSON in a row with three
	// indexes; with the writer's other changes, this stores about half
	// as many events a second again, in a smaller file (docs/store.md,
	// "Speed").
	`
ALTER TABLE codings ADD COLUMN event_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE codings ADD COLUMN cluster_ids TEXT NOT NULL DEFAULT '[]';

CREATE TABLE mentions (
	cluster     INTEGER NOT NULL,
	article     INTEGER NOT NULL,
	n           INTEGER NOT NULL,             -- the event's index in its coding's event_json
	date        TEXT NOT NULL,
	src_entity  TEXT NOT NULL, src_country TEXT NOT NULL, src_sector TEXT NOT NULL, src_code TEXT NOT NULL,
	tgt_entity  TEXT NOT NULL, tgt_country TEXT NOT NULL, tgt_sector TEXT NOT NULL, tgt_code TEXT NOT NULL,
	cameo       TEXT NOT NULL,
	quad        INTEGER NOT NULL,
	goldstein   REAL NOT NULL,
	plover      TEXT NOT NULL,
	place       TEXT NOT NULL,
	place_country TEXT NOT NULL,
	PRIMARY KEY (cluster, article, n)
) WITHOUT ROWID;

INSERT INTO mentions
	SELECT cluster, article, row_number() OVER (PARTITION BY coding ORDER BY id) - 1, date,
		src_entity, src_country, src_sector, src_code, tgt_entity, tgt_country, tgt_sector, tgt_code,
		cameo, quad, goldstein, plover, place, place_country
	FROM events;
UPDATE codings SET
	event_json = coalesce((SELECT json_group_array(json(e.json)) FROM (SELECT json FROM events WHERE coding = codings.id ORDER BY id) e), '[]'),
	cluster_ids = coalesce((SELECT json_group_array(e.cluster) FROM (SELECT cluster FROM events WHERE coding = codings.id ORDER BY id) e), '[]');
DROP TABLE events;
`,
	// 4: terms. The names and codes mentions and clusters hold (entities,
	// countries, sectors, CAMEO codes, PLOVER types, places, actor keys,
	// date granularities) are kept once in terms and stored as its ids:
	// binding an integer costs the writer a fraction of binding a string,
	// and the rows and the index shrink (docs/store.md, "Speed"). Dates
	// stay text, compared as such.
	`
CREATE TABLE terms (
	id   INTEGER PRIMARY KEY,
	term TEXT NOT NULL UNIQUE
);
INSERT INTO terms(term) SELECT term FROM (
	SELECT src_entity AS term FROM mentions UNION
	SELECT src_country FROM mentions UNION
	SELECT src_sector FROM mentions UNION
	SELECT src_code FROM mentions UNION
	SELECT tgt_entity FROM mentions UNION
	SELECT tgt_country FROM mentions UNION
	SELECT tgt_sector FROM mentions UNION
	SELECT tgt_code FROM mentions UNION
	SELECT cameo FROM mentions UNION
	SELECT plover FROM mentions UNION
	SELECT place FROM mentions UNION
	SELECT place_country FROM mentions UNION
	SELECT src FROM clusters UNION
	SELECT tgt FROM clusters UNION
	SELECT root FROM clusters UNION
	SELECT cameo FROM clusters UNION
	SELECT granularity FROM clusters UNION
	SELECT src_country FROM clusters UNION
	SELECT tgt_country FROM clusters UNION
	SELECT place FROM clusters
) ORDER BY term;

CREATE TABLE mentions4 (
	cluster     INTEGER NOT NULL,
	article     INTEGER NOT NULL,
	n           INTEGER NOT NULL,
	date        TEXT NOT NULL,
	src_entity  INTEGER NOT NULL, src_country INTEGER NOT NULL, src_sector INTEGER NOT NULL, src_code INTEGER NOT NULL,
	tgt_entity  INTEGER NOT NULL, tgt_country INTEGER NOT NULL, tgt_sector INTEGER NOT NULL, tgt_code INTEGER NOT NULL,
	cameo       INTEGER NOT NULL,
	quad        INTEGER NOT NULL,
	goldstein   REAL NOT NULL,
	plover      INTEGER NOT NULL,
	place       INTEGER NOT NULL,
	place_country INTEGER NOT NULL,
	PRIMARY KEY (cluster, article, n)
) WITHOUT ROWID;
INSERT INTO mentions4 SELECT m.cluster, m.article, m.n, m.date,
	(SELECT id FROM terms WHERE term = m.src_entity),
	(SELECT id FROM terms WHERE term = m.src_country),
	(SELECT id FROM terms WHERE term = m.src_sector),
	(SELECT id FROM terms WHERE term = m.src_code),
	(SELECT id FROM terms WHERE term = m.tgt_entity),
	(SELECT id FROM terms WHERE term = m.tgt_country),
	(SELECT id FROM terms WHERE term = m.tgt_sector),
	(SELECT id FROM terms WHERE term = m.tgt_code),
	(SELECT id FROM terms WHERE term = m.cameo),
	m.quad, m.goldstein,
	(SELECT id FROM terms WHERE term = m.plover),
	(SELECT id FROM terms WHERE term = m.place),
	(SELECT id FROM terms WHERE term = m.place_country)
	FROM mentions m;
DROP TABLE mentions;
ALTER TABLE mentions4 RENAME TO mentions;

CREATE TABLE clusters4 (
	id        INTEGER PRIMARY KEY,
	src       INTEGER NOT NULL,               -- actor keys (docs/store.md)
	tgt       INTEGER NOT NULL,
	root      INTEGER NOT NULL,
	cameo     INTEGER NOT NULL,               -- of its first event
	quad      INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	date      TEXT NOT NULL,                  -- of its first event
	granularity INTEGER NOT NULL,
	src_country INTEGER NOT NULL,
	tgt_country INTEGER NOT NULL,
	place     INTEGER NOT NULL,
	lat       REAL,
	lon       REAL,
	mentions  INTEGER NOT NULL DEFAULT 1,     -- events
	articles  INTEGER NOT NULL DEFAULT 1,     -- distinct canonical articles
	sources   INTEGER NOT NULL DEFAULT 1      -- distinct outlets
);
INSERT INTO clusters4 SELECT c.id,
	(SELECT id FROM terms WHERE term = c.src),
	(SELECT id FROM terms WHERE term = c.tgt),
	(SELECT id FROM terms WHERE term = c.root),
	(SELECT id FROM terms WHERE term = c.cameo),
	c.quad, c.goldstein, c.date,
	(SELECT id FROM terms WHERE term = c.granularity),
	(SELECT id FROM terms WHERE term = c.src_country),
	(SELECT id FROM terms WHERE term = c.tgt_country),
	(SELECT id FROM terms WHERE term = c.place),
	c.lat, c.lon, c.mentions, c.articles, c.sources
	FROM clusters c;
DROP TABLE clusters;
ALTER TABLE clusters4 RENAME TO clusters;
CREATE INDEX clusters_match ON clusters(src, tgt, root, granularity, date);
`,
	// 5: changes. Each write that makes or changes clusters logs which,
	// in one row: the ids of the clusters it made (first to last; none
	// when first > last) and those whose counts it changed or that it
	// dropped (touched: the sorted ids as unsigned varints, each the
	// difference from the one before). A reader that keeps what the
	// clusters add up to in memory (the series index) catches up from
	// it instead of reading every cluster again. The writer keeps the
	// last maxChanges rows.
	`
CREATE TABLE changes (
	seq     INTEGER PRIMARY KEY,
	first   INTEGER NOT NULL,
	last    INTEGER NOT NULL,
	touched BLOB NOT NULL
);
`,
	// 6: staged articles. Workers of a queue code articles and stage
	// them, each with its publishing run and its place in the run's
	// input; Merge writes them in that order (docs/scale.md). runs keeps
	// the next place of each run to write, and how many were written.
	`
CREATE TABLE staged (
	run     TEXT NOT NULL,
	seq     INTEGER NOT NULL,
	article BLOB NOT NULL,                    -- the coded article (encodeStaged)
	PRIMARY KEY (run, seq)
) WITHOUT ROWID;
CREATE TABLE runs (
	run    TEXT PRIMARY KEY,
	next   INTEGER NOT NULL DEFAULT 1,
	merged INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`,
}
