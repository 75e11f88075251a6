package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/s2"

	"github.com/dyadproject/dyad/internal/event"
)

// Article is an article to write, with its events.
type Article struct {
	Key    string // the input it was read from: a path, PATH#ID, a URL (unique)
	URL    string
	Outlet string // "" means Outlet(Key, URL)

	Title, Text, Author string
	Hash                string // ContentHash of Text: equal hashes are one article

	Date, DateFrom, Published, Language string
	Warnings                            []string

	// Signature is the article's near-duplicate signature and Bands its
	// LSH band keys (internal/dedup); nil means not checked.
	Signature []byte
	Bands     []uint64

	Coder  string // the coder version that coded Events
	Events []event.Event
	// Encoded is Events as the store keeps them (Encode); nil means
	// Write encodes them. Callers that code articles on several cores
	// encode them there, and spare the one writer the work.
	Encoded []byte

	// Skip, when set, is why the input holds no article to store (empty,
	// unreadable): only its key and the reason are kept.
	Skip string

	// ID, when set, names a stored article coded again (dyad recode):
	// its events are replaced by Events, coded by Coder, and a coding
	// is added to its history; of the other fields only DateFrom is
	// used.
	ID int64
}

// Encode sets a.Encoded from a.Events.
func (a *Article) Encode() error {
	b, err := encodeEvents(a.Events)
	if err != nil {
		return fmt.Errorf("encode events: %w", err)
	}
	a.Encoded = b
	return nil
}

// Report counts what a write did.
type Report struct {
	Articles   int // new articles, near-duplicates included
	Near       int // of which near-duplicates of a stored article
	Duplicates int // inputs whose text was already stored: a new source only
	Known      int // inputs already stored: nothing added
	Skipped    int // inputs with no article, recorded with their reason
	Recoded    int // stored articles coded again
	Events     int
	Clusters   int // new event clusters
}

// Add adds the counts of o to r.
func (r *Report) Add(o Report) {
	r.Articles += o.Articles
	r.Near += o.Near
	r.Duplicates += o.Duplicates
	r.Known += o.Known
	r.Skipped += o.Skipped
	r.Events += o.Events
	r.Clusters += o.Clusters
	r.Recoded += o.Recoded
}

// Write stores a batch of articles in one transaction: all of them or,
// on error, none.
func (s *DB) Write(ctx context.Context, batch []Article) (Report, error) {
	return s.writeWith(ctx, func(context.Context, sqlTx) ([]Article, func(context.Context, sqlTx) error, error) {
		return batch, nil, nil
	})
}

// txWork gives a write transaction its batch, read in the transaction
// once the writers' lock is held, and what to do after writing it, before
// the commit (done may be nil).
type txWork func(ctx context.Context, tx sqlTx) (batch []Article, done func(context.Context, sqlTx) error, err error)

// writeWith runs a write transaction.
func (s *DB) writeWith(ctx context.Context, work txWork) (Report, error) {
	if s.opt.ReadOnly {
		return Report{}, fmt.Errorf("store: opened read-only")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rep, err := s.write(ctx, work)
	if err != nil {
		s.cache = nil // it may hold what was rolled back
		s.dropWriteConn()
		return Report{}, err
	}
	return rep, nil
}

// dropWriteConn closes the writing connection and its statements, after
// an error: should the connection be what failed (a database server
// restarted), the next write opens another. The caller holds s.mu.
func (s *DB) dropWriteConn() {
	if s.conn.Conn == nil {
		return
	}
	for _, st := range s.stmts {
		st.Close()
	}
	s.raw.close(s.conn)
	s.conn.Close()
	s.conn, s.stmts, s.raw = sqlConn{}, nil, nil
}

func (s *DB) write(ctx context.Context, work txWork) (Report, error) {
	var rep Report
	if err := s.writeConn(ctx); err != nil {
		return rep, err
	}
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	if err := s.checkCache(ctx, tx); err != nil {
		return rep, err
	}
	batch, done, err := work(ctx, tx)
	if err != nil {
		return rep, fmt.Errorf("store: %w", err)
	}
	w := newWriter(ctx, s, tx)
	if err := w.lookup(ctx, batch); err != nil {
		return rep, fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	first := w.cache.nextCluster
	for i := range batch {
		if err := w.article(ctx, &batch[i], now, &rep); err != nil {
			return Report{}, fmt.Errorf("store %s: %w", batch[i].Key, err)
		}
	}
	if err := w.logChanges(ctx, first); err != nil {
		return Report{}, err
	}
	if err := w.refresh(ctx); err != nil {
		return Report{}, err
	}
	if done != nil {
		if err := done(ctx, tx); err != nil {
			return Report{}, fmt.Errorf("store: %w", err)
		}
	}
	generation := s.dataVersion
	if s.d.bumpGeneration != "" {
		if err := tx.QueryRowContext(ctx, s.d.bumpGeneration).Scan(&generation); err != nil {
			return Report{}, fmt.Errorf("store: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Report{}, fmt.Errorf("store: commit: %w", err)
	}
	s.dataVersion = generation
	if rep.Recoded > 0 {
		s.cache = nil // clusters left without events were dropped
	}
	return rep, nil
}

// writerCacheKiB is the page cache of the writing connection, as
// PRAGMA cache_size takes it (negative: KiB): 32 MiB.
const writerCacheKiB = -32768

// writeConn makes the connection all writes go through and prepares the
// writer's statements, on first use. The caller holds s.mu.
func (s *DB) writeConn(ctx context.Context) error {
	if s.conn.Conn != nil {
		return nil
	}
	stmts := make(map[string]*sql.Stmt, len(s.sqls))
	for name, q := range s.sqls {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			for _, st := range stmts {
				st.Close()
			}
			return fmt.Errorf("store: prepare %s: %w", name, err)
		}
		stmts[name] = st
	}
	c, err := s.db.Conn(ctx)
	if err == nil {
		if s.d.writerSetup != "" {
			if _, err = c.ExecContext(ctx, s.d.writerSetup); err != nil {
				c.Close()
			}
		}
	}
	if err != nil {
		for _, st := range stmts {
			st.Close()
		}
		return fmt.Errorf("store: %w", err)
	}
	s.conn, s.stmts, s.raw = c, stmts, rawStmts{}
	return nil
}

// checkCache drops the cache when another connection has written since
// this one last did (its data_version changed), or when it grew too big,
// and makes a new one when there is none.
func (s *DB) checkCache(ctx context.Context, tx sqlTx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, s.d.writerGeneration).Scan(&v); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if v != s.dataVersion || s.cache != nil && s.cache.size > maxCached {
		s.cache, s.dataVersion = nil, v
	}
	if s.cache != nil {
		return nil
	}
	c := &cache{clusters: map[clusterKey]*keyClusters{}, entities: map[string]bool{}, boxed: map[string]any{},
		terms: map[string]any{}, counts: map[int64]clusterCounts{},
		members: map[member]struct{}{}, outlets: map[string]int64{}}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) + 1 FROM clusters),
		(SELECT coalesce(max(id), 0) + 1 FROM articles), (SELECT coalesce(max(id), 0) + 1 FROM codings),
		(SELECT coalesce(max(id), 0) + 1 FROM terms)`).Scan(
		&c.nextCluster, &c.nextArticle, &c.nextCoding, &c.nextTerm); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	// Terms are few (names, codes, places): all of them are read at once.
	rows, err := tx.QueryContext(ctx, `SELECT id, term FROM terms`)
	if err != nil {
		return fmt.Errorf("store: terms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return fmt.Errorf("store: terms: %w", err)
		}
		c.terms[t] = any(id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: terms: %w", err)
	}
	c.size += len(c.terms)
	s.cache = c
	return nil
}

// writer holds one transaction's prepared statements, the rows waiting to
// be inserted several at a time, and the clusters it touched, whose
// counts are recomputed before the commit.
type writer struct {
	tx    sqlTx
	conn  sqlConn // the connection of tx
	raw   rawStmts
	nv    []driver.NamedValue // the values of a raw statement
	opt   Options
	d     *dialect
	cache *cache
	// keepChanges is how many rows of the change log to keep.
	keepChanges int64
	stmts       map[string]*sql.Stmt
	touched     map[int64]bool // clusters whose counts to write
	// known holds the keys of the batch that are stored, and byHash the
	// articles of its texts, those the writer adds included (lookup).
	known  map[string]bool
	byHash map[string]int64
	// recoding is whether the transaction recodes articles: it takes
	// events out of clusters, and the clusters it touched are counted
	// again from the store.
	recoding bool

	terms    queue // new terms not yet inserted
	mentions queue // mentions not yet inserted
	clusters queue // clusters not yet inserted, in id order
	// lastCluster is the id of the last queued cluster: the queued ones
	// are those of the last clusters.rows() ids.
	lastCluster int64
}

// queue holds rows waiting to be inserted several to a statement, their
// values one after another: the values of rows are not boxed one slice
// each, for a write boxes tens of thousands of them.
type queue struct {
	name string // of the statement inserting rowsPerInsert rows
	cols []string
	args []any
}

func (q *queue) rows() int { return len(q.args) / len(q.cols) }

// row returns the values of the i-th queued row.
func (q *queue) row(i int) []any { return q.args[i*len(q.cols) : (i+1)*len(q.cols)] }

// rowsPerInsert is how many rows one INSERT statement carries.
const rowsPerInsert = 32

var clusterCols = []string{"src", "tgt", "root", "cameo", "quad", "goldstein", "date", "granularity",
	"src_country", "tgt_country", "place", "lat", "lon"}

var termCols = []string{"id", "term"}

var bandCols = []string{"band", "key", "article"}

var mentionCols = []string{"cluster", "article", "n", "date",
	"src_entity", "src_country", "src_sector", "src_code", "tgt_entity", "tgt_country", "tgt_sector", "tgt_code",
	"cameo", "quad", "goldstein", "plover", "place", "place_country"}

// insertSQL is an INSERT of n rows of the columns.
func insertSQL(table string, cols []string, n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return "INSERT OR FAIL INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// writeSQL is the writer's statements in a dialect.
func writeSQL(d *dialect) map[string]string {
	m := map[string]string{
		"known": `SELECT (SELECT count(*) FROM sources WHERE key = ?1) + (SELECT count(*) FROM skipped WHERE key = ?1)`,
		// Which keys of a batch (a JSON array) are stored, and the articles
		// of its texts.
		"knownKeys": `SELECT key FROM sources WHERE key IN (` + d.list(d.texts, "?1") + `)
		UNION ALL SELECT key FROM skipped WHERE key IN (` + d.list(d.texts, "?1") + `)`,
		"byHashes":   `SELECT hash, id FROM articles WHERE hash IN (` + d.list(d.texts, "?1") + `)`,
		"skip":       d.insertIgnore(`INTO skipped(key, reason, seen) VALUES (?, ?, ?)`),
		"source":     `INSERT INTO sources(key, article, outlet, url, seen) VALUES (?, ?, ?, ?, ?)`,
		"clustersOf": `SELECT c.cluster_ids FROM articles a JOIN codings c ON c.id = a.coding WHERE a.id = ?`,
		"sig":        `SELECT a.canonical, s.sig FROM signatures s JOIN articles a ON a.id = s.article WHERE s.article = ?`,
		"article": `INSERT INTO articles(id, hash, canonical, similarity, title, text, url, author, date, date_from, published, language, warnings, coding, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"setCoding":   `UPDATE articles SET coding = ? WHERE id = ?`,
		"hasArticle":  `SELECT count(*) FROM articles WHERE id = ?`,
		"dropMention": `DELETE FROM mentions WHERE cluster = ? AND article = ?`,
		"putSig":      `INSERT INTO signatures(article, sig) VALUES (?, ?)`,
		"coding":      `INSERT INTO codings(id, article, coder, coded, events, event_json, cluster_ids) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		"entity":      d.insertIgnore(`INTO entities(entity, name, country, sector, kind) VALUES (?, ?, ?, ?, ?)`),
		"clustersOfKey": `SELECT id, date, lat, lon FROM clusters
		WHERE src = ? AND tgt = ? AND root = ? AND granularity = ?`,
		"setPlace": `UPDATE clusters SET place = ?, lat = ?, lon = ? WHERE id = ? AND lat IS NULL`,
		// What a cluster's counts count, for the writer to add to
		// (loadCounts).
		"clusterCounts": `SELECT (SELECT count(*) FROM mentions WHERE cluster = ?1),
		(SELECT ` + d.agg("DISTINCT a.canonical") + ` FROM mentions m JOIN articles a ON a.id = m.article WHERE m.cluster = ?1),
		(SELECT ` + d.agg("DISTINCT s.outlet") + ` FROM sources s WHERE s.article IN (SELECT article FROM mentions WHERE cluster = ?1))`,
		"setCounts": `UPDATE clusters SET mentions = ?, articles = ?, sources = ? WHERE id = ?`,
		// The clusters a recoding touched, a JSON array of ids, counted
		// again from the store in one statement.
		"countClusters": `WITH t(id) AS (` + d.list(d.ids, "?1") + `),
		m AS (SELECT e.cluster, count(*) AS mentions, count(DISTINCT a.canonical) AS articles
			FROM t JOIN mentions e ON e.cluster = t.id JOIN articles a ON a.id = e.article GROUP BY e.cluster),
		o AS (SELECT e.cluster, count(DISTINCT s.outlet) AS sources
			FROM t JOIN mentions e ON e.cluster = t.id JOIN sources s ON s.article = e.article GROUP BY e.cluster)
		UPDATE clusters SET mentions = m.mentions, articles = m.articles, sources = coalesce(o.sources, 0)
		FROM m LEFT JOIN o ON o.cluster = m.cluster WHERE clusters.id = m.cluster`,
		"dropEmpty": `DELETE FROM clusters WHERE id IN (` + d.list(d.ids, "?1") + `)
		AND NOT EXISTS (SELECT 1 FROM mentions WHERE cluster = clusters.id)`,
		"logChanges":   `INSERT INTO changes(first, last, touched) VALUES (?, ?, ?) RETURNING seq`,
		"pruneChanges": `DELETE FROM changes WHERE seq <= ?`,
	}
	if d.ftsTable { // SQLite's full-text index; PostgreSQL's is a column
		m["fts"] = `INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)`
	}
	return m
}

// newWriter makes the writer of a transaction of the store's writing
// connection. Its statements are the store's bound to the transaction:
// database/sql prepares each once on the connection and then reuses it.
func newWriter(ctx context.Context, s *DB, tx sqlTx) *writer {
	w := &writer{tx: tx, conn: s.conn, raw: s.raw, opt: s.opt, d: s.d, cache: s.cache, keepChanges: s.keepChanges,
		stmts: make(map[string]*sql.Stmt, len(s.stmts)), touched: map[int64]bool{},
		terms:    queue{name: "terms", cols: termCols},
		mentions: queue{name: "mentions", cols: mentionCols}, clusters: queue{name: "clusters", cols: clusterCols}}
	for name, st := range s.stmts {
		w.stmts[name] = tx.StmtContext(ctx, st)
	}
	return w
}

func (w *writer) exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	return w.stmts[name].ExecContext(ctx, args...)
}

// lookup reads at once which keys of a batch are stored and which of
// its texts are, so that an article needs no query of its own.
func (w *writer) lookup(ctx context.Context, batch []Article) error {
	var keys, hashes []string
	for i := range batch {
		if a := &batch[i]; a.ID == 0 {
			keys = append(keys, a.Key)
			if a.Hash != "" {
				hashes = append(hashes, a.Hash)
			}
		}
	}
	w.known, w.byHash = make(map[string]bool, len(keys)), make(map[string]int64, len(hashes))
	if len(keys) == 0 {
		return nil
	}
	read := func(name string, list []string, row func(*sql.Rows) error) error {
		js, err := json.Marshal(list)
		if err != nil {
			return err
		}
		rows, err := w.stmts[name].QueryContext(ctx, string(js))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if err := read("knownKeys", keys, func(rows *sql.Rows) error {
		var k string
		err := rows.Scan(&k)
		w.known[k] = true
		return err
	}); err != nil {
		return fmt.Errorf("stored keys: %w", err)
	}
	if err := read("byHashes", hashes, func(rows *sql.Rows) error {
		var h string
		var id int64
		err := rows.Scan(&h, &id)
		w.byHash[h] = id
		return err
	}); err != nil {
		return fmt.Errorf("stored texts: %w", err)
	}
	return nil
}

// article writes one article of a batch.
func (w *writer) article(ctx context.Context, a *Article, now string, rep *Report) error {
	if a.ID != 0 {
		return w.recode(ctx, a, now, rep)
	}
	if w.known[a.Key] {
		rep.Known++
		return nil
	}
	w.known[a.Key] = true
	if a.Skip != "" {
		rep.Skipped++
		_, err := w.exec(ctx, "skip", a.Key, a.Skip, now)
		return err
	}
	outlet := a.Outlet
	if outlet == "" {
		outlet = Outlet(a.Key, a.URL)
	}
	// The same text again: one more source of the stored article, whose
	// clusters may now count one more outlet.
	if id, ok := w.byHash[a.Hash]; ok {
		rep.Duplicates++
		if _, err := w.exec(ctx, "source", a.Key, id, outlet, a.URL, now); err != nil {
			return err
		}
		return w.touchArticle(ctx, id, outlet)
	}
	canon, sim, err := w.nearest(ctx, a)
	if err != nil {
		return err
	}
	warnings, err := json.Marshal(nonNil(a.Warnings))
	if err != nil {
		return err
	}
	// Ids are taken from the cache's counters, so that the article row
	// is written once, its canonical article and coding known.
	id := w.cache.nextArticle
	w.cache.nextArticle++
	w.byHash[a.Hash] = id
	rep.Articles++
	if canon == 0 {
		canon = id
	} else {
		rep.Near++
	}
	coding, err := w.coding(ctx, id, a, &counted{canon, outlet}, now, rep)
	if err != nil {
		return err
	}
	if _, err := w.exec(ctx, "article", id, a.Hash, canon, sim, a.Title, a.Text, a.URL, a.Author, a.Date, a.DateFrom,
		a.Published, a.Language, string(warnings), coding, now); err != nil {
		return err
	}
	if _, err := w.exec(ctx, "source", a.Key, id, outlet, a.URL, now); err != nil {
		return err
	}
	if w.d.ftsTable {
		if _, err := w.exec(ctx, "fts", id, a.Title, a.Text); err != nil {
			return err
		}
	}
	if a.Signature != nil {
		if _, err := w.exec(ctx, "putSig", id, a.Signature); err != nil {
			return err
		}
		bands := queue{name: "bands", cols: bandCols, args: make([]any, 0, len(bandCols)*len(a.Bands))}
		for b, k := range a.Bands {
			bands.args = append(bands.args, b, int64(k), id)
		}
		if _, err := w.insert(ctx, &bands); err != nil {
			return err
		}
	}
	return nil
}

// coding stores the events of an article's new coding: its mentions, each
// in its cluster, and the coding with the events' JSON. It returns the
// coding's id, for the article to name as its current one.
func (w *writer) coding(ctx context.Context, article int64, a *Article, by *counted, now string, rep *Report) (int64, error) {
	clusters, err := w.events(ctx, article, a.Events, a.DateFrom == "today", by, rep)
	if err != nil {
		return 0, err
	}
	evs := a.Encoded
	if evs == nil {
		var err error
		if evs, err = encodeEvents(a.Events); err != nil {
			return 0, err
		}
	}
	cls, err := json.Marshal(clusters)
	if err != nil {
		return 0, err
	}
	id := w.cache.nextCoding
	w.cache.nextCoding++
	if _, err := w.exec(ctx, "coding", id, article, a.Coder, now, len(a.Events), evs, string(cls)); err != nil {
		return 0, err
	}
	return id, nil
}

// recode replaces the events of a stored article by those of a new
// coding; the clusters it leaves are recounted, and dropped when empty.
func (w *writer) recode(ctx context.Context, a *Article, now string, rep *Report) error {
	var n int
	if err := w.stmts["hasArticle"].QueryRowContext(ctx, a.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("recode article %d: %w", a.ID, ErrNotFound)
	}
	old, err := w.currentClusters(ctx, a.ID)
	if err != nil {
		return err
	}
	w.recoding = true
	for _, c := range old {
		w.touched[c] = true
		if _, err := w.exec(ctx, "dropMention", c, a.ID); err != nil {
			return err
		}
	}
	rep.Recoded++
	coding, err := w.coding(ctx, a.ID, a, nil, now, rep)
	if err != nil {
		return err
	}
	if _, err := w.exec(ctx, "setCoding", coding, a.ID); err != nil {
		return err
	}
	// An article stored long ago may have several outlets: the clusters
	// it opens now count them all.
	return w.touchArticle(ctx, a.ID, "")
}

// nearest returns the canonical article a is a near-duplicate of, with
// the similarity, or 0 when it is none's. Candidates share an LSH band
// key; the most similar one at or over the threshold wins, the lowest id
// on ties, so that the result does not depend on the order of rows.
func (w *writer) nearest(ctx context.Context, a *Article) (int64, float64, error) {
	if a.Signature == nil || w.opt.Similar == nil {
		return 0, 1, nil
	}
	var cands []int64
	if len(a.Bands) > 0 {
		args := make([]any, 0, 2*len(a.Bands))
		for b, k := range a.Bands {
			args = append(args, b, int64(k))
		}
		// A join, not "(band, key) IN (VALUES …)", which SQLite answers
		// by scanning the table.
		rows, err := w.tx.QueryContext(ctx, `SELECT DISTINCT b.article FROM (VALUES `+
			strings.TrimSuffix(strings.Repeat("(CAST(? AS INTEGER), CAST(? AS BIGINT)), ", len(a.Bands)), ", ")+
			`) AS v JOIN bands b ON b.band = v.column1 AND b.key = v.column2`, args...)
		if err != nil {
			return 0, 0, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return 0, 0, err
			}
			cands = append(cands, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, 0, err
		}
	}
	slices.Sort(cands)
	var best int64
	bestSim := 0.0
	for _, id := range cands {
		var canon int64
		var sig []byte
		if err := w.stmts["sig"].QueryRowContext(ctx, id).Scan(&canon, &sig); err != nil {
			return 0, 0, err
		}
		sim, err := w.opt.Similar(a.Signature, sig)
		if err != nil {
			return 0, 0, fmt.Errorf("signature of article %d: %w", id, err)
		}
		if sim >= w.opt.Threshold && sim > bestSim {
			best, bestSim = canon, sim
		}
	}
	if best == 0 {
		return 0, 1, nil
	}
	return best, bestSim, nil
}

// touchArticle marks the clusters of an article's events for writing
// their counts: the article has a new outlet (an outlet "" is unknown:
// they are counted again from the store).
func (w *writer) touchArticle(ctx context.Context, id int64, outlet string) error {
	cls, err := w.currentClusters(ctx, id)
	if err != nil {
		return err
	}
	for _, c := range cls {
		w.touched[c] = true
		if outlet == "" {
			continue
		}
		if err := w.loadCounts(ctx, c); err != nil {
			return err
		}
		w.cache.countOutlet(c, outlet)
	}
	return nil
}

// currentClusters returns the clusters of the events of an article's
// current coding, after writing the queued mentions.
func (w *writer) currentClusters(ctx context.Context, id int64) ([]int64, error) {
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	return scanClusterIDs(w.stmts["clustersOf"].QueryRowContext(ctx, id), id)
}

// counted is what a new article adds to the counts of the clusters of its
// events: its canonical article and its one outlet.
type counted struct {
	canonical int64
	outlet    string
}

// events queues the mentions of an article's events, each in its
// cluster, and returns the clusters in the order of the events. by is
// what the article adds to the counts of the clusters, nil for a
// recoding (its clusters are counted again from the store).
func (w *writer) events(ctx context.Context, article int64, evs []event.Event, storyToday bool, by *counted, rep *Report) ([]int64, error) {
	clusters := make([]int64, len(evs))
	for i := range evs {
		e := &evs[i]
		cl, err := w.cluster(ctx, e, storyToday, rep)
		if err != nil {
			return nil, err
		}
		clusters[i] = cl
		if by != nil {
			w.cache.count(cl, by.canonical, by.outlet)
		}
		src, tgt := actorOrEmpty(e.Source), actorOrEmpty(e.Target)
		for _, a := range []*event.Actor{e.Source, e.Target} {
			if a != nil && a.Entity != "" && !w.cache.entities[a.Entity] {
				w.cache.entities[a.Entity] = true
				w.cache.size++
				sector, kind := a.Sector, a.Kind
				if kind == "agent" && a.Entity == a.Country {
					// "US lawmakers": the entity is the state; the
					// sector belongs to the mention.
					sector, kind = "", "country"
				}
				if _, err := w.exec(ctx, "entity", a.Entity, a.Name, a.Country, sector, kind); err != nil {
					return nil, err
				}
			}
		}
		place, pc := "", ""
		if l := e.Location; l != nil {
			place, pc = l.Name, l.Country
		}
		w.mentions.args = append(w.mentions.args, cl, article, i, w.cache.box(e.Date),
			w.term(src.Entity), w.term(src.Country), w.term(src.Sector), w.term(src.Code),
			w.term(tgt.Entity), w.term(tgt.Country), w.term(tgt.Sector), w.term(tgt.Code),
			w.term(e.CAMEO), e.Quad, e.Goldstein, w.term(e.Plover.Event), w.term(place), w.term(pc))
		rep.Events++
		if w.mentions.rows() >= rowsPerInsert {
			if err := w.flush(ctx); err != nil {
				return nil, err
			}
		}
	}
	return clusters, nil
}

// flush inserts the queued terms, clusters and mentions.
func (w *writer) flush(ctx context.Context) error {
	if _, err := w.insert(ctx, &w.terms); err != nil {
		return fmt.Errorf("insert terms: %w", err)
	}
	if n := w.clusters.rows(); n > 0 {
		last, err := w.insert(ctx, &w.clusters)
		if err != nil {
			return fmt.Errorf("insert clusters: %w", err)
		}
		if last != w.lastCluster {
			return fmt.Errorf("insert clusters: the last got id %d, the writer counted %d", last, w.lastCluster)
		}
	}
	if _, err := w.insert(ctx, &w.mentions); err != nil {
		return fmt.Errorf("insert mentions: %w", err)
	}
	return nil
}

// insert inserts and empties a queue, rowsPerInsert rows a statement. It
// returns the row id of the last row. The statements are the driver's,
// of the writing connection, prepared once: database/sql would copy and
// check each of the tens of thousands of values a batch binds.
func (w *writer) insert(ctx context.Context, q *queue) (int64, error) {
	if len(q.args) == 0 {
		return 0, nil
	}
	if w.d.copy {
		return w.copy(ctx, q)
	}
	var last int64
	err := w.conn.Raw(func(dc any) error {
		args, width := q.args, len(q.cols)
		for len(args) > 0 {
			n := min(rowsPerInsert, len(args)/width)
			st, err := w.raw.stmt(ctx, dc, q, n)
			if err != nil {
				return err
			}
			w.nv = w.nv[:0]
			for i, v := range args[:n*width] {
				if x, ok := v.(int); ok {
					v = int64(x)
				}
				w.nv = append(w.nv, driver.NamedValue{Ordinal: i + 1, Value: v})
			}
			res, err := st.ExecContext(ctx, w.nv)
			if err != nil {
				return err
			}
			if last, err = res.LastInsertId(); err != nil {
				return err
			}
			args = args[n*width:]
		}
		return nil
	})
	clear(q.args) // let go of what the values held
	q.args = q.args[:0]
	clear(w.nv)
	return last, err
}

// rawStmts are the driver's statements of the writing connection that
// insert n rows of a queue, prepared on first use. They are used within
// sql.Conn.Raw only.
type rawStmts map[rawKey]driver.StmtExecContext

type rawKey struct {
	name string
	n    int
}

func (r rawStmts) stmt(ctx context.Context, dc any, q *queue, n int) (driver.StmtExecContext, error) {
	k := rawKey{q.name, n}
	if st, ok := r[k]; ok {
		return st, nil
	}
	p, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return nil, fmt.Errorf("driver connection %T prepares no statements", dc)
	}
	st, err := p.PrepareContext(ctx, insertSQL(q.name, q.cols, n))
	if err != nil {
		return nil, err
	}
	ex, ok := st.(driver.StmtExecContext)
	if !ok {
		st.Close()
		return nil, fmt.Errorf("driver statement %T executes with no context", st)
	}
	r[k] = ex
	return ex, nil
}

// close closes the statements.
func (r rawStmts) close(conn sqlConn) {
	conn.Raw(func(any) error {
		for k, st := range r {
			if c, ok := st.(driver.Stmt); ok {
				c.Close()
			}
			delete(r, k)
		}
		return nil
	})
}

// refresh writes the queued rows and the counts of the clusters the
// transaction touched: those the writer keeps, or, after a recoding,
// counted again from the store, dropping the clusters left without
// events.
func (w *writer) refresh(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	if len(w.touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(w.touched))
	for id := range w.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if !w.recoding {
		for _, id := range ids {
			c := w.cache.counts[id]
			if _, err := w.exec(ctx, "setCounts", c.mentions, c.articles, c.sources, id); err != nil {
				return fmt.Errorf("store: counts of cluster %d: %w", id, err)
			}
		}
		clear(w.touched)
		return nil
	}
	// A recoding took events out of clusters: they are counted again
	// from the store, and dropped when empty.
	js, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	if _, err := w.exec(ctx, "countClusters", string(js)); err != nil {
		return fmt.Errorf("store: count clusters: %w", err)
	}
	if _, err := w.exec(ctx, "dropEmpty", string(js)); err != nil {
		return fmt.Errorf("store: drop empty clusters: %w", err)
	}
	clear(w.touched)
	return nil
}

func actorOrEmpty(a *event.Actor) event.Actor {
	if a == nil {
		return event.Actor{}
	}
	return *a
}

// eventsFormat is the first byte of an encoded events blob: 1 is the
// JSON array of the events, compressed with S2.
const eventsFormat = 1

// encodeEvents is the blob codings.event_json holds: the events' JSON,
// compressed. Evidence makes an event's JSON about a kilobyte, most of it
// field names and repeated text; compressed, the pages a transaction
// writes shrink several times, and so its commit.
func encodeEvents(evs []event.Event) ([]byte, error) {
	if evs == nil {
		evs = []event.Event{}
	}
	js, err := json.Marshal(evs)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1, 1+s2.MaxEncodedLen(len(js)))
	out[0] = eventsFormat
	enc := s2.Encode(out[1:cap(out)], js)
	return out[:1+len(enc)], nil
}

// decodeEvents reads an events blob: compressed (eventsFormat), or the
// plain JSON array that migration 3 moved the events of older files to.
func decodeEvents(b []byte) ([]event.Event, error) {
	var js []byte
	switch {
	case len(b) == 0:
		return nil, nil
	case b[0] == '[':
		js = b
	case b[0] == eventsFormat:
		var err error
		if js, err = s2.Decode(nil, b[1:]); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
	default:
		return nil, fmt.Errorf("events: unknown format %d", b[0])
	}
	var evs []event.Event
	if err := json.Unmarshal(js, &evs); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return evs, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
