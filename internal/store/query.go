package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dyadproject/dyad/internal/event"
)

// Filter selects events; its zero value selects all. An event cluster is
// selected when one of its events is.
type Filter struct {
	// Actor, Source and Target match an actor's entity ("ebrahim-raisi",
	// "JAA"), country ("IRN") or CAMEO actor code ("IRNGOV"): Actor on
	// either side.
	Actor, Source, Target string
	Country               string // either side's country
	Sector                string // either side's sector ("MIL", "GOV")
	CAMEO                 string // a CAMEO code or its prefix: "19" is the root, "195" one code
	Root                  string // a CAMEO root ("19")
	Quad                  int    // a quad class, 1 to 4
	Plover                string // a PLOVER event type ("ASSAULT")
	From                  string // first date, YYYY-MM-DD; an event of a month or year overlapping it counts
	To                    string // last date
	Place                 string // a place name, or the country (alpha-3) of the place
	Text                  string // a full-text query over the articles (SQLite FTS5 syntax)
	Limit                 int    // the most rows returned; 0 means all
	After                 int64  // only rows of a greater id (a cursor)
}

// where returns the conditions on events e of the filter, joined by AND,
// and their arguments.
func (f Filter) where() (string, []any, error) {
	var conds []string
	var args []any
	side := func(p, v string) {
		conds = append(conds, fmt.Sprintf("(e.%[1]s_entity = ? OR e.%[1]s_country = ? OR e.%[1]s_code = ?)", p))
		args = append(args, v, v, v)
	}
	if f.Source != "" {
		side("src", f.Source)
	}
	if f.Target != "" {
		side("tgt", f.Target)
	}
	if f.Actor != "" {
		conds = append(conds, "(e.src_entity = ? OR e.src_country = ? OR e.src_code = ? OR e.tgt_entity = ? OR e.tgt_country = ? OR e.tgt_code = ?)")
		args = append(args, f.Actor, f.Actor, f.Actor, f.Actor, f.Actor, f.Actor)
	}
	if f.Country != "" {
		conds = append(conds, "(e.src_country = ? OR e.tgt_country = ?)")
		args = append(args, f.Country, f.Country)
	}
	if f.Sector != "" {
		conds = append(conds, "(e.src_sector = ? OR e.tgt_sector = ?)")
		args = append(args, f.Sector, f.Sector)
	}
	if f.CAMEO != "" {
		conds = append(conds, "e.cameo LIKE ? ESCAPE '\\'")
		args = append(args, likePrefix(f.CAMEO))
	}
	if f.Root != "" {
		conds = append(conds, "e.root = ?")
		args = append(args, f.Root)
	}
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return "", nil, fmt.Errorf("quad class %d: want 1 to 4", f.Quad)
		}
		conds = append(conds, "e.quad = ?")
		args = append(args, f.Quad)
	}
	if f.Plover != "" {
		conds = append(conds, "e.plover = ?")
		args = append(args, strings.ToUpper(f.Plover))
	}
	if f.From != "" {
		if !isDate(f.From) {
			return "", nil, fmt.Errorf("from date %q: want YYYY-MM-DD", f.From)
		}
		// "2024-01" (January) overlaps a range from 2024-01-16.
		conds = append(conds, "(CASE WHEN length(e.date) < 10 THEN e.date || '-99' ELSE e.date END) >= ?")
		args = append(args, f.From)
	}
	if f.To != "" {
		if !isDate(f.To) {
			return "", nil, fmt.Errorf("to date %q: want YYYY-MM-DD", f.To)
		}
		conds = append(conds, "e.date <= ?")
		args = append(args, f.To)
	}
	if f.Place != "" {
		conds = append(conds, "(e.place = ? COLLATE NOCASE OR e.place_country = ?)")
		args = append(args, f.Place, strings.ToUpper(f.Place))
	}
	if f.Text != "" {
		conds = append(conds, "e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, f.Text)
	}
	if len(conds) == 0 {
		return "1", nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

func isDate(s string) bool {
	_, ok := dayNumber(s)
	return ok
}

// likePrefix is a LIKE pattern for strings starting with s.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// Cluster is one real event as reported by one or many articles.
type Cluster struct {
	ID            int64    `json:"id"`
	Source        string   `json:"source"` // actor keys (ActorKey)
	Target        string   `json:"target"`
	SourceCountry string   `json:"source_country"`
	TargetCountry string   `json:"target_country"`
	Root          string   `json:"root"`
	CAMEO         string   `json:"cameo"`
	Quad          int      `json:"quad"`
	Goldstein     float64  `json:"goldstein"`
	Date          string   `json:"date"`
	Granularity   string   `json:"date_granularity"`
	Place         string   `json:"place,omitempty"`
	Lat           *float64 `json:"lat,omitempty"`
	Lon           *float64 `json:"lon,omitempty"`
	Mentions      int      `json:"mentions"` // events coded from articles
	Articles      int      `json:"articles"` // distinct canonical articles
	Sources       int      `json:"sources"`  // distinct outlets
}

const clusterCols2 = `c.id, c.src, c.tgt, c.src_country, c.tgt_country, c.root, c.cameo, c.quad, c.goldstein,
	c.date, c.granularity, c.place, c.lat, c.lon, c.mentions, c.articles, c.sources`

func scanCluster(rows *sql.Rows) (Cluster, error) {
	var c Cluster
	var lat, lon sql.NullFloat64
	err := rows.Scan(&c.ID, &c.Source, &c.Target, &c.SourceCountry, &c.TargetCountry, &c.Root, &c.CAMEO, &c.Quad,
		&c.Goldstein, &c.Date, &c.Granularity, &c.Place, &lat, &lon, &c.Mentions, &c.Articles, &c.Sources)
	if lat.Valid {
		c.Lat, c.Lon = &lat.Float64, &lon.Float64
	}
	return c, err
}

// Clusters returns the event clusters of which an event matches the
// filter, by date then id.
func (s *Store) Clusters(ctx context.Context, f Filter) ([]Cluster, error) {
	var out []Cluster
	err := s.EachCluster(ctx, f, func(c Cluster) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// EachCluster calls fn with each event cluster of which an event matches
// the filter, by id (the order in which they were first reported).
func (s *Store) EachCluster(ctx context.Context, f Filter, fn func(Cluster) error) error {
	w, args, err := f.where()
	if err != nil {
		return err
	}
	q := `SELECT ` + clusterCols2 + ` FROM clusters c WHERE c.id > ? AND c.id IN (SELECT e.cluster FROM events e WHERE ` + w + `) ORDER BY c.id`
	args = append([]any{f.After}, args...)
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: clusters: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			return fmt.Errorf("store: clusters: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Event is a stored event with where it is stored.
type Event struct {
	event.Event
	Row       int64  `json:"row"` // the event's id in the store
	ArticleID int64  `json:"article_id"`
	Cluster   int64  `json:"cluster"`
	Coder     string `json:"coder"`
}

// EachEvent calls fn with each event matching the filter, by id.
func (s *Store) EachEvent(ctx context.Context, f Filter, fn func(Event) error) error {
	w, args, err := f.where()
	if err != nil {
		return err
	}
	q := `SELECT e.id, e.article, e.cluster, c.coder, e.json FROM events e JOIN codings c ON c.id = e.coding
		WHERE e.id > ? AND ` + w + ` ORDER BY e.id`
	args = append([]any{f.After}, args...)
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Event
		var js string
		if err := rows.Scan(&e.Row, &e.ArticleID, &e.Cluster, &e.Coder, &js); err != nil {
			return fmt.Errorf("store: events: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &e.Event); err != nil {
			return fmt.Errorf("store: event %d: %w", e.Row, err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CanonicalGroup is a canonical article with the keys of every source of
// it and of its near-duplicates.
type CanonicalGroup struct {
	ID       int64    `json:"id"`
	Title    string   `json:"title"`
	Articles int      `json:"articles"` // the canonical article and its near-duplicates
	Sources  []string `json:"sources"`
}

// Canonical lists the canonical articles with their sources, by id.
func (s *Store) Canonical(ctx context.Context) ([]CanonicalGroup, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.canonical, c.title, count(DISTINCT a.id), s.key
		FROM articles a JOIN articles c ON c.id = a.canonical JOIN sources s ON s.article = a.id
		GROUP BY a.canonical, s.key ORDER BY a.canonical, s.key`)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	defer rows.Close()
	var out []CanonicalGroup
	for rows.Next() {
		var g CanonicalGroup
		var n int
		var key string
		if err := rows.Scan(&g.ID, &g.Title, &n, &key); err != nil {
			return nil, fmt.Errorf("store: articles: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != g.ID {
			out = append(out, g)
		}
		out[len(out)-1].Sources = append(out[len(out)-1].Sources, key)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE canonical = ?`, out[i].ID).Scan(&out[i].Articles); err != nil {
			return nil, err
		}
	}
	return out, nil
}
