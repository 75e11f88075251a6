package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

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

	// Skip, when set, is why the input holds no article to store (empty,
	// unreadable): only its key and the reason are kept.
	Skip string

	// ID, when set, names a stored article coded again (dyad recode):
	// its events are replaced by Events, coded by Coder, and a coding
	// is added to its history; of the other fields only DateFrom is
	// used.
	ID int64
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
func (s *Store) Write(ctx context.Context, batch []Article) (Report, error) {
	if s.opt.ReadOnly {
		return Report{}, fmt.Errorf("store: opened read-only")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rep, err := s.write(ctx, batch)
	if err != nil {
		s.cache = nil // it may hold what was rolled back
		return Report{}, err
	}
	return rep, nil
}

func (s *Store) write(ctx context.Context, batch []Article) (Report, error) {
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
	w, err := newWriter(ctx, tx, s.opt, s.cache)
	if err != nil {
		return rep, err
	}
	defer w.close()
	now := time.Now().UTC().Format(time.RFC3339)
	for i := range batch {
		if err := w.article(ctx, &batch[i], now, &rep); err != nil {
			return Report{}, fmt.Errorf("store %s: %w", batch[i].Key, err)
		}
	}
	if err := w.refresh(ctx); err != nil {
		return Report{}, err
	}
	if err := tx.Commit(); err != nil {
		return Report{}, fmt.Errorf("store: commit: %w", err)
	}
	if rep.Recoded > 0 {
		s.cache = nil // clusters left without events were dropped
	}
	return rep, nil
}

// writeConn makes the connection all writes go through, on first use.
// The caller holds s.mu.
func (s *Store) writeConn(ctx context.Context) error {
	if s.conn != nil {
		return nil
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	s.conn = c
	return nil
}

// checkCache drops the cache when another connection has written since
// this one last did (its data_version changed), or when it grew too big,
// and makes a new one when there is none.
func (s *Store) checkCache(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if v != s.dataVersion || s.cache != nil && s.cache.size > maxCached {
		s.cache, s.dataVersion = nil, v
	}
	if s.cache != nil {
		return nil
	}
	c := &cache{clusters: map[clusterKey][]*clusterRef{}, entities: map[string]bool{}}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) + 1 FROM clusters").Scan(&c.nextCluster); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	s.cache = c
	return nil
}

// writer holds one transaction's prepared statements, the rows waiting to
// be inserted several at a time, and the clusters it touched, whose
// counts are recomputed before the commit.
type writer struct {
	tx      *sql.Tx
	opt     Options
	cache   *cache
	stmts   map[string]*sql.Stmt
	touched map[int64]bool // clusters to recount

	newEvents [][]any // rows of events not yet inserted
}

// rowsPerInsert is how many rows one INSERT statement carries.
const rowsPerInsert = 32

var clusterCols = []string{"id", "src", "tgt", "root", "cameo", "quad", "goldstein", "date", "granularity",
	"src_country", "tgt_country", "place", "lat", "lon"}

var bandCols = []string{"band", "key", "article"}

var eventCols = []string{"article", "canonical", "coding", "cluster", "eid", "date", "granularity",
	"src_entity", "src_country", "src_sector", "src_code", "tgt_entity", "tgt_country", "tgt_sector", "tgt_code",
	"cameo", "root", "quad", "goldstein", "plover", "mode", "place", "geonameid", "place_country", "json"}

// insertSQL is an INSERT of n rows of the columns.
func insertSQL(table string, cols []string, n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	return "INSERT OR FAIL INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

var writeSQL = map[string]string{
	"known":      `SELECT (SELECT count(*) FROM sources WHERE key = ?1) + (SELECT count(*) FROM skipped WHERE key = ?1)`,
	"skip":       `INSERT OR IGNORE INTO skipped(key, reason, seen) VALUES (?, ?, ?)`,
	"byHash":     `SELECT id FROM articles WHERE hash = ?`,
	"source":     `INSERT INTO sources(key, article, outlet, url, seen) VALUES (?, ?, ?, ?, ?)`,
	"clustersOf": `SELECT DISTINCT cluster FROM events WHERE article = ?`,
	"sig":        `SELECT a.canonical, s.sig FROM signatures s JOIN articles a ON a.id = s.article WHERE s.article = ?`,
	"article": `INSERT INTO articles(hash, canonical, similarity, title, text, url, author, date, date_from, published, language, warnings, ingested)
		VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"canon":      `UPDATE articles SET canonical = ?, coding = ? WHERE id = ?`,
	"canonOf":    `SELECT canonical FROM articles WHERE id = ?`,
	"dropEvents": `DELETE FROM events WHERE article = ?`,
	"fts":        `INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)`,
	"putSig":     `INSERT INTO signatures(article, sig) VALUES (?, ?)`,
	"bands":      insertSQL("bands", bandCols, rowsPerInsert),
	"coding":     `INSERT INTO codings(article, coder, coded, events) VALUES (?, ?, ?, ?)`,
	"entity":     `INSERT OR IGNORE INTO entities(entity, name, country, sector, kind) VALUES (?, ?, ?, ?, ?)`,
	"events":     insertSQL("events", eventCols, rowsPerInsert),
	"newCluster": insertSQL("clusters", clusterCols, 1),
	"clustersOfKey": `SELECT id, date, lat, lon FROM clusters
		WHERE src = ? AND tgt = ? AND root = ? AND granularity = ?`,
	"setPlace": `UPDATE clusters SET place = ?, lat = ?, lon = ? WHERE id = ? AND lat IS NULL`,
	"countCluster": `UPDATE clusters SET
		mentions = (SELECT count(*) FROM events WHERE cluster = ?1),
		articles = (SELECT count(DISTINCT canonical) FROM events WHERE cluster = ?1),
		sources = (SELECT count(DISTINCT s.outlet) FROM sources s WHERE s.article IN (SELECT article FROM events WHERE cluster = ?1))
		WHERE id = ?1`,
	"dropEmpty": `DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE cluster = clusters.id)`,
}

func newWriter(ctx context.Context, tx *sql.Tx, opt Options, c *cache) (*writer, error) {
	w := &writer{tx: tx, opt: opt, cache: c, stmts: map[string]*sql.Stmt{},
		touched: map[int64]bool{}}
	for name, q := range writeSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("store: prepare %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	return w.stmts[name].ExecContext(ctx, args...)
}

func (w *writer) insert(ctx context.Context, name string, args ...any) (int64, error) {
	res, err := w.stmts[name].ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// article writes one article of a batch.
func (w *writer) article(ctx context.Context, a *Article, now string, rep *Report) error {
	if a.ID != 0 {
		return w.recode(ctx, a, now, rep)
	}
	var n int
	if err := w.stmts["known"].QueryRowContext(ctx, a.Key).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		rep.Known++
		return nil
	}
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
	var id int64
	switch err := w.stmts["byHash"].QueryRowContext(ctx, a.Hash).Scan(&id); err {
	case nil:
		rep.Duplicates++
		if _, err := w.exec(ctx, "source", a.Key, id, outlet, a.URL, now); err != nil {
			return err
		}
		return w.touchArticle(ctx, id)
	case sql.ErrNoRows:
	default:
		return err
	}
	canon, sim, err := w.nearest(ctx, a)
	if err != nil {
		return err
	}
	warnings, err := json.Marshal(nonNil(a.Warnings))
	if err != nil {
		return err
	}
	id, err = w.insert(ctx, "article", a.Hash, sim, a.Title, a.Text, a.URL, a.Author, a.Date, a.DateFrom,
		a.Published, a.Language, string(warnings), now)
	if err != nil {
		return err
	}
	rep.Articles++
	if canon == 0 {
		canon = id
	} else {
		rep.Near++
	}
	coding, err := w.insert(ctx, "coding", id, a.Coder, now, len(a.Events))
	if err != nil {
		return err
	}
	if _, err := w.exec(ctx, "canon", canon, coding, id); err != nil {
		return err
	}
	if _, err := w.exec(ctx, "source", a.Key, id, outlet, a.URL, now); err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, writeSQL["fts"], id, a.Title, a.Text); err != nil {
		return err
	}
	if a.Signature != nil {
		if _, err := w.exec(ctx, "putSig", id, a.Signature); err != nil {
			return err
		}
		rows := make([][]any, len(a.Bands))
		for b, k := range a.Bands {
			rows[b] = []any{b, int64(k), id}
		}
		if err := w.insertRows(ctx, "bands", bandCols, rows); err != nil {
			return err
		}
	}
	return w.events(ctx, id, canon, coding, a.Events, a.DateFrom == "today", rep)
}

// recode replaces the events of a stored article by those of a new
// coding; the clusters it leaves are recounted, and dropped when empty.
func (w *writer) recode(ctx context.Context, a *Article, now string, rep *Report) error {
	if err := w.touchArticle(ctx, a.ID); err != nil {
		return err
	}
	var canon int64
	if err := w.stmts["canonOf"].QueryRowContext(ctx, a.ID).Scan(&canon); err != nil {
		return fmt.Errorf("article %d: %w", a.ID, err)
	}
	if _, err := w.exec(ctx, "dropEvents", a.ID); err != nil {
		return err
	}
	coding, err := w.insert(ctx, "coding", a.ID, a.Coder, now, len(a.Events))
	if err != nil {
		return err
	}
	if _, err := w.exec(ctx, "canon", canon, coding, a.ID); err != nil {
		return err
	}
	rep.Recoded++
	if err := w.events(ctx, a.ID, canon, coding, a.Events, a.DateFrom == "today", rep); err != nil {
		return err
	}
	// An article stored long ago may have several outlets: the clusters
	// it opens now count them all.
	return w.touchArticle(ctx, a.ID)
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
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(a.Bands)), ", ")+
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

// touchArticle marks the clusters of an article's events for recounting.
func (w *writer) touchArticle(ctx context.Context, id int64) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	rows, err := w.stmts["clustersOf"].QueryContext(ctx, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return err
		}
		w.touched[c] = true
	}
	return rows.Err()
}

// events queues an article's events, each in its cluster.
func (w *writer) events(ctx context.Context, article, canon, coding int64, evs []event.Event, storyToday bool, rep *Report) error {
	for i := range evs {
		e := &evs[i]
		js, err := json.Marshal(e)
		if err != nil {
			return err
		}
		cl, err := w.cluster(ctx, e, storyToday, rep)
		if err != nil {
			return err
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
					return err
				}
			}
		}
		place, gid, pc := "", 0, ""
		if l := e.Location; l != nil {
			place, gid, pc = l.Name, l.GeonameID, l.Country
		}
		w.newEvents = append(w.newEvents, []any{article, canon, coding, cl, e.ID, e.Date, e.DateGranularity,
			src.Entity, src.Country, src.Sector, src.Code, tgt.Entity, tgt.Country, tgt.Sector, tgt.Code,
			e.CAMEO, e.Root, e.Quad, e.Goldstein, e.Plover.Event, e.Plover.Mode, place, gid, pc, string(js)})
		rep.Events++
		if len(w.newEvents) >= rowsPerInsert {
			if err := w.flush(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush inserts the queued events.
func (w *writer) flush(ctx context.Context) error {
	if err := w.insertRows(ctx, "events", eventCols, w.newEvents); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	w.newEvents = w.newEvents[:0]
	return nil
}

// insertRows inserts rows rowsPerInsert at a time with the prepared
// statement of that name, and the rest with one statement made for them.
func (w *writer) insertRows(ctx context.Context, name string, cols []string, rows [][]any) error {
	args := make([]any, 0, rowsPerInsert*len(cols))
	for len(rows) >= rowsPerInsert {
		args = args[:0]
		for _, r := range rows[:rowsPerInsert] {
			args = append(args, r...)
		}
		if _, err := w.exec(ctx, name, args...); err != nil {
			return err
		}
		rows = rows[rowsPerInsert:]
	}
	if len(rows) == 0 {
		return nil
	}
	args = args[:0]
	for _, r := range rows {
		args = append(args, r...)
	}
	_, err := w.tx.ExecContext(ctx, insertSQL(name, cols, len(rows)), args...)
	return err
}

// refresh recounts the mentions, articles and outlets of the clusters the
// transaction touched, and drops those left without events.
func (w *writer) refresh(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	ids := make([]int64, 0, len(w.touched))
	for id := range w.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, err := w.exec(ctx, "countCluster", id); err != nil {
			return fmt.Errorf("store: count cluster %d: %w", id, err)
		}
		if _, err := w.exec(ctx, "dropEmpty", id); err != nil {
			return fmt.Errorf("store: cluster %d: %w", id, err)
		}
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
