package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
)

// ErrNotFound is returned for an article, cluster or entity the store
// does not hold.
var ErrNotFound = errors.New("not found")

// ErrBadQuery is returned for a full-text query SQLite cannot parse.
var ErrBadQuery = errors.New("bad text query")

// textError is the error of a query that failed: ErrBadQuery when it had
// a full-text query and SQLite's error is its generic one (code 1), which
// is how it refuses a query it cannot parse: what the user typed is
// wrong, not the store.
func textError(what, text string, err error) error {
	var se *sqlite.Error
	if text != "" && errors.As(err, &se) && se.Code() == 1 {
		return fmt.Errorf("%w %q: %s", ErrBadQuery, text, strings.TrimPrefix(se.Error(), "SQL logic error: "))
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// ArticleView is a stored article with its sources and the events of its
// current coding, whose spans are byte offsets into Text.
type ArticleView struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	Text       string    `json:"text"`
	URL        string    `json:"url,omitempty"`
	Author     string    `json:"author,omitempty"`
	Date       string    `json:"date"`      // the story date, YYYY-MM-DD
	DateFrom   string    `json:"date_from"` // where the story date came from
	Published  string    `json:"published,omitempty"`
	Language   string    `json:"language,omitempty"`
	Warnings   []string  `json:"warnings"`
	Canonical  int64     `json:"canonical"` // itself, or the article it is a near-duplicate of
	Similarity float64   `json:"similarity"`
	Ingested   string    `json:"ingested"`
	Coder      string    `json:"coder"`
	Sources    []Source  `json:"sources"`
	Events     []Event   `json:"events"`
	Codings    []Coding  `json:"codings"`
	Clusters   []Cluster `json:"clusters"` // the clusters of its events, by id
}

// Source is an input an article was read from.
type Source struct {
	Key    string `json:"key"`
	Outlet string `json:"outlet"`
	URL    string `json:"url,omitempty"`
	Seen   string `json:"seen"`
}

// Article returns a stored article, or ErrNotFound.
func (s *DB) Article(ctx context.Context, id int64) (ArticleView, error) {
	a := ArticleView{ID: id}
	var warnings string
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT a.title, a.text, a.url, a.author, a.date, a.date_from, a.published,
			a.language, a.warnings, a.canonical, a.similarity, a.ingested, coalesce(c.coder, ''), c.event_json
		FROM articles a LEFT JOIN codings c ON c.id = a.coding WHERE a.id = ?`, id).Scan(
		&a.Title, &a.Text, &a.URL, &a.Author, &a.Date, &a.DateFrom, &a.Published, &a.Language, &warnings,
		&a.Canonical, &a.Similarity, &a.Ingested, &a.Coder, &blob)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return a, ErrNotFound
	case err != nil:
		return a, fmt.Errorf("store: article %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(warnings), &a.Warnings); err != nil {
		return a, fmt.Errorf("store: article %d: warnings: %w", id, err)
	}
	evs, err := decodeEvents(blob)
	if err != nil {
		return a, fmt.Errorf("store: article %d: %w", id, err)
	}
	cls, err := s.currentClusters(ctx, id)
	if err != nil {
		return a, err
	}
	a.Events = make([]Event, len(evs))
	for i := range evs {
		a.Events[i] = Event{Event: evs[i], ArticleID: id, N: i, Coder: a.Coder}
		if i < len(cls) {
			a.Events[i].Cluster = cls[i]
		}
	}
	if a.Sources, err = s.sources(ctx, id); err != nil {
		return a, err
	}
	if a.Codings, err = s.Codings(ctx, id); err != nil {
		return a, err
	}
	seen := map[int64]bool{}
	for _, c := range cls {
		if seen[c] {
			continue
		}
		seen[c] = true
		cl, err := s.Cluster(ctx, c)
		if err != nil {
			return a, err
		}
		a.Clusters = append(a.Clusters, cl)
	}
	return a, nil
}

// currentClusters returns the cluster of each event of an article's
// current coding.
func (s *DB) currentClusters(ctx context.Context, id int64) ([]int64, error) {
	cls, err := scanClusterIDs(s.db.QueryRowContext(ctx, s.sqls["clustersOf"], id), id)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return cls, nil
}

// scanClusterIDs reads the row of the clustersOf query (writeSQL) for
// article id: the cluster of each event of its current coding, none for
// an article with no coding.
func scanClusterIDs(row *sql.Row, id int64) ([]int64, error) {
	var js sql.NullString
	if err := row.Scan(&js); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("clusters of article %d: %w", id, err)
	}
	var cls []int64
	if js.Valid {
		if err := json.Unmarshal([]byte(js.String), &cls); err != nil {
			return nil, fmt.Errorf("clusters of article %d: %w", id, err)
		}
	}
	return cls, nil
}

func (s *DB) sources(ctx context.Context, id int64) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, outlet, url, seen FROM sources WHERE article = ? ORDER BY seen, key`, id)
	if err != nil {
		return nil, fmt.Errorf("store: sources of article %d: %w", id, err)
	}
	defer rows.Close()
	out := []Source{}
	for rows.Next() {
		var src Source
		if err := rows.Scan(&src.Key, &src.Outlet, &src.URL, &src.Seen); err != nil {
			return nil, fmt.Errorf("store: sources of article %d: %w", id, err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// Cluster returns an event cluster, or ErrNotFound.
func (s *DB) Cluster(ctx context.Context, id int64) (Cluster, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+clusterCols2+` FROM clusters c WHERE c.id = ?`, id)
	if err != nil {
		return Cluster{}, fmt.Errorf("store: cluster %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Cluster{}, fmt.Errorf("store: cluster %d: %w", id, err)
		}
		return Cluster{}, ErrNotFound
	}
	c, err := scanCluster(rows)
	if err != nil {
		return Cluster{}, fmt.Errorf("store: cluster %d: %w", id, err)
	}
	return c, nil
}

// ClusterArticle is an article reporting an event of a cluster, with its
// outlets.
type ClusterArticle struct {
	ArticleID int64    `json:"article_id"`
	Canonical int64    `json:"canonical"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Mentions  int      `json:"mentions"` // its events in the cluster
	Outlets   []string `json:"outlets"`
	URLs      []string `json:"urls"`
}

// ClusterArticles returns the articles reporting a cluster's events, by
// id.
func (s *DB) ClusterArticles(ctx context.Context, id int64) ([]ClusterArticle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.canonical, a.title, a.date, m.n,
			(SELECT `+s.d.agg("DISTINCT outlet")+` FROM sources WHERE article = a.id),
			(SELECT `+s.d.agg("DISTINCT url")+` FROM sources WHERE article = a.id AND url != '')
		FROM (SELECT article, count(*) AS n FROM mentions WHERE cluster = ? GROUP BY article) m
		JOIN articles a ON a.id = m.article ORDER BY a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: articles of cluster %d: %w", id, err)
	}
	defer rows.Close()
	out := []ClusterArticle{}
	for rows.Next() {
		var c ClusterArticle
		var outlets, urls string
		if err := rows.Scan(&c.ArticleID, &c.Canonical, &c.Title, &c.Date, &c.Mentions, &outlets, &urls); err != nil {
			return nil, fmt.Errorf("store: articles of cluster %d: %w", id, err)
		}
		if err := json.Unmarshal([]byte(outlets), &c.Outlets); err != nil {
			return nil, fmt.Errorf("store: articles of cluster %d: %w", id, err)
		}
		if err := json.Unmarshal([]byte(urls), &c.URLs); err != nil {
			return nil, fmt.Errorf("store: articles of cluster %d: %w", id, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Hit is an article a full-text search found.
type Hit struct {
	ArticleID int64  `json:"article_id"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	Snippet   string `json:"snippet"` // text around the matches, each between « and »
	Events    int    `json:"events"`
}

// Search returns the articles matching a full-text query (SQLite FTS5
// syntax), the best first: offset skips that many, limit returns at most
// that many (0: 20).
func (s *DB) Search(ctx context.Context, query string, offset, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, s.d.search, query, limit, offset)
	if err != nil {
		return nil, textError("search", query, err)
	}
	defer rows.Close()
	out := []Hit{}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.Date, &h.Snippet, &h.Events); err != nil {
			return nil, textError("search", query, err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, textError("search", query, err)
	}
	return out, nil
}

// Entity is an actor the store met.
type Entity struct {
	Entity  string `json:"entity"`
	Name    string `json:"name"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
	Kind    string `json:"kind"`
}

// Entity returns an entity, or ErrNotFound.
func (s *DB) Entity(ctx context.Context, id string) (Entity, error) {
	e := Entity{Entity: id}
	err := s.db.QueryRowContext(ctx, `SELECT name, country, sector, kind FROM entities WHERE entity = ?`, id).Scan(
		&e.Name, &e.Country, &e.Sector, &e.Kind)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return e, ErrNotFound
	case err != nil:
		return e, fmt.Errorf("store: entity %q: %w", id, err)
	}
	return e, nil
}

// DyadCount is a pair of actor keys with the event clusters between them,
// either way.
type DyadCount struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Events    int     `json:"events"`
	Quad      [4]int  `json:"quad"`
	Goldstein float64 `json:"goldstein_mean"`
}

// TopDyads returns the pairs of actor keys with the most event clusters
// dated from from (YYYY-MM-DD; "" for all), the most first.
func (s *DB) TopDyads(ctx context.Context, from string, top int) ([]DyadCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT CASE WHEN sk.term < tk.term THEN sk.term ELSE tk.term END AS a,
			CASE WHEN sk.term < tk.term THEN tk.term ELSE sk.term END AS b, count(*),
			count(CASE WHEN c.quad = 1 THEN 1 END), count(CASE WHEN c.quad = 2 THEN 1 END),
			count(CASE WHEN c.quad = 3 THEN 1 END), count(CASE WHEN c.quad = 4 THEN 1 END), avg(c.goldstein)
		FROM clusters c JOIN terms sk ON sk.id = c.src JOIN terms tk ON tk.id = c.tgt
		WHERE sk.term != '' AND tk.term != '' AND sk.term != tk.term AND c.date >= ?
		GROUP BY a, b ORDER BY 3 DESC, a, b LIMIT ?`, from, top)
	if err != nil {
		return nil, fmt.Errorf("store: dyads: %w", err)
	}
	defer rows.Close()
	out := []DyadCount{}
	for rows.Next() {
		var d DyadCount
		if err := rows.Scan(&d.A, &d.B, &d.Events, &d.Quad[0], &d.Quad[1], &d.Quad[2], &d.Quad[3], &d.Goldstein); err != nil {
			return nil, fmt.Errorf("store: dyads: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// LastDay returns the latest day up to notAfter (YYYY-MM-DD) an event
// cluster is dated to, "" when there is none.
func (s *DB) LastDay(ctx context.Context, notAfter string) (string, error) {
	var d sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT max(date) FROM clusters
		WHERE granularity = (SELECT id FROM terms WHERE term = 'day') AND date <= ?`, notAfter).Scan(&d); err != nil {
		return "", fmt.Errorf("store: last day: %w", err)
	}
	return d.String, nil
}

// Generation returns a number that changes whenever any connection, of
// this process or another, commits a change to the store: answers
// computed from the store hold as long as it stays the same. It is
// SQLite's data_version, read on a connection that never writes.
func (s *DB) Generation(ctx context.Context) (int64, error) {
	s.genMu.Lock()
	defer s.genMu.Unlock()
	if s.genConn.Conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("store: generation: %w", err)
		}
		s.genConn = c
	}
	var v int64
	if err := s.genConn.QueryRowContext(ctx, s.d.generation).Scan(&v); err != nil {
		s.genConn.Close() // the next call opens another
		s.genConn = sqlConn{}
		return 0, fmt.Errorf("store: generation: %w", err)
	}
	return v, nil
}
