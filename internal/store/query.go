package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

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
	Cluster               int64  // the events of one cluster
	Limit                 int    // the most rows returned; 0 means all

	// Sort orders clusters: "id" (the default: the order in which they
	// were first reported), "-id", "date" or "-date" (then by id).
	Sort string
	// After is a cursor: the id of the last row of the previous page (for
	// EachEvent, an article id: the page starts with the next article).
	// With a date sort, AfterDate is that row's date.
	After     int64
	AfterDate string
	// AfterEvent, when set, is the last event of the previous page of
	// EachEvent, which starts right after it; it takes the place of After.
	AfterEvent *EventRef
}

// EventRef names a stored event: its article and its index there.
type EventRef struct {
	Article int64 `json:"article"`
	N       int   `json:"n"`
}

// where returns the conditions on mentions e of the filter, joined by AND,
// and their arguments.
func (f Filter) where(d *dialect) (string, []any, error) {
	var conds []string
	var args []any
	// Names and codes are stored as the ids of terms (schema.go).
	side := func(p, v string) {
		conds = append(conds, fmt.Sprintf("(e.%[1]s_entity = %[2]s OR e.%[1]s_country = %[2]s OR e.%[1]s_code = %[2]s)", p, termID))
		args = append(args, v, v, v)
	}
	if f.Source != "" {
		side("src", f.Source)
	}
	if f.Target != "" {
		side("tgt", f.Target)
	}
	if f.Actor != "" {
		conds = append(conds, strings.NewReplacer("?", termID).Replace(
			"(e.src_entity = ? OR e.src_country = ? OR e.src_code = ? OR e.tgt_entity = ? OR e.tgt_country = ? OR e.tgt_code = ?)"))
		args = append(args, f.Actor, f.Actor, f.Actor, f.Actor, f.Actor, f.Actor)
	}
	if f.Country != "" {
		conds = append(conds, "(e.src_country = "+termID+" OR e.tgt_country = "+termID+")")
		args = append(args, f.Country, f.Country)
	}
	if f.Sector != "" {
		conds = append(conds, "(e.src_sector = "+termID+" OR e.tgt_sector = "+termID+")")
		args = append(args, f.Sector, f.Sector)
	}
	if f.CAMEO != "" {
		conds = append(conds, "e.cameo IN (SELECT id FROM terms WHERE term LIKE ? ESCAPE '\\')")
		args = append(args, likePrefix(f.CAMEO))
	}
	if f.Root != "" {
		conds = append(conds, "e.cameo IN (SELECT id FROM terms WHERE term LIKE ? ESCAPE '\\')")
		args = append(args, likePrefix(f.Root))
	}
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return "", nil, fmt.Errorf("quad class %d: want 1 to 4", f.Quad)
		}
		conds = append(conds, "e.quad = ?")
		args = append(args, f.Quad)
	}
	if f.Plover != "" {
		conds = append(conds, "e.plover = "+termID)
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
		conds = append(conds, "(e.place IN (SELECT id FROM terms WHERE lower(term) = lower(?)) OR e.place_country = "+termID+")")
		args = append(args, f.Place, strings.ToUpper(f.Place))
	}
	if f.Text != "" {
		conds = append(conds, "e.article IN ("+d.ftsArticles+")")
		args = append(args, f.Text)
	}
	if f.Cluster != 0 {
		conds = append(conds, "e.cluster = ?")
		args = append(args, f.Cluster)
	}
	if len(conds) == 0 {
		return "1 = 1", nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

// termID is the id of the term bound to its parameter, NULL (equal to
// nothing) for an unknown one.
const termID = "(SELECT id FROM terms WHERE term = ?)"

// termOf is the term of an id column.
func termOf(col string) string { return "(SELECT term FROM terms WHERE id = " + col + ")" }

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

var clusterCols2 = `c.id, ` + termOf("c.src") + `, ` + termOf("c.tgt") + `, ` + termOf("c.src_country") + `, ` +
	termOf("c.tgt_country") + `, ` + termOf("c.root") + `, ` + termOf("c.cameo") + `, c.quad, c.goldstein, c.date, ` +
	termOf("c.granularity") + `, ` + termOf("c.place") + `, c.lat, c.lon, c.mentions, c.articles, c.sources`

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
func (s *DB) Clusters(ctx context.Context, f Filter) ([]Cluster, error) {
	var out []Cluster
	err := s.EachCluster(ctx, f, func(c Cluster) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// EachCluster calls fn with each event cluster of which an event matches
// the filter, by id (the order in which they were first reported).
func (s *DB) EachCluster(ctx context.Context, f Filter, fn func(Cluster) error) error {
	w, args, err := f.where(s.d)
	if err != nil {
		return err
	}
	var page, order string
	var pageArgs []any
	switch f.Sort {
	case "", "id":
		page, order, pageArgs = "c.id > ?", "c.id", []any{f.After}
	case "-id":
		page, order, pageArgs = "(? = 0 OR c.id < ?)", "c.id DESC", []any{f.After, f.After}
	case "date":
		page, order, pageArgs = "(? = 0 OR (c.date, c.id) > (?, ?))", "c.date, c.id", []any{f.After, f.AfterDate, f.After}
	case "-date":
		page, order, pageArgs = "(? = 0 OR (c.date, c.id) < (?, ?))", "c.date DESC, c.id DESC", []any{f.After, f.AfterDate, f.After}
	default:
		return fmt.Errorf("sort %q: want id, -id, date or -date", f.Sort)
	}
	q := `SELECT ` + clusterCols2 + ` FROM clusters c WHERE ` + page + ` AND c.id IN (SELECT e.cluster FROM mentions e WHERE ` + w + `) ORDER BY ` + order
	args = append(pageArgs, args...)
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return textError("clusters", f.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			return textError("clusters", f.Text, err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return textError("clusters", f.Text, err)
	}
	return nil
}

// Event is a stored event with where it is stored.
type Event struct {
	event.Event
	ArticleID int64  `json:"article_id"` // the article's id in the store
	N         int    `json:"n"`          // the event's index among the article's events
	Cluster   int64  `json:"cluster"`
	Coder     string `json:"coder"`
}

// EachEvent calls fn with each event matching the filter, by article
// then order in the article; Filter.After is an article id.
func (s *DB) EachEvent(ctx context.Context, f Filter, fn func(Event) error) error {
	w, args, err := f.where(s.d)
	if err != nil {
		return err
	}
	q := `SELECT e.article, e.n, e.cluster, c.coder, c.event_json
		FROM mentions e JOIN articles a ON a.id = e.article JOIN codings c ON c.id = a.coding
		WHERE (e.article, e.n) > (?, ?) AND ` + w + ` ORDER BY e.article, e.n`
	if f.AfterEvent != nil {
		args = append([]any{f.AfterEvent.Article, f.AfterEvent.N}, args...)
	} else {
		args = append([]any{f.After, math.MaxInt32}, args...) // after every event of article After
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return textError("events", f.Text, err)
	}
	defer rows.Close()
	var (
		last int64 = -1 // the article whose events evs holds
		evs  []event.Event
	)
	for rows.Next() {
		var e Event
		var blob []byte
		if err := rows.Scan(&e.ArticleID, &e.N, &e.Cluster, &e.Coder, &blob); err != nil {
			return textError("events", f.Text, err)
		}
		if e.ArticleID != last {
			if evs, err = decodeEvents(blob); err != nil {
				return fmt.Errorf("store: article %d: %w", e.ArticleID, err)
			}
			last = e.ArticleID
		}
		if e.N < 0 || e.N >= len(evs) {
			return fmt.Errorf("store: article %d has no event %d", e.ArticleID, e.N)
		}
		e.Event = evs[e.N]
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return textError("events", f.Text, err)
	}
	return nil
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
func (s *DB) Canonical(ctx context.Context) ([]CanonicalGroup, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.canonical, c.title, count(DISTINCT a.id), s.key
		FROM articles a JOIN articles c ON c.id = a.canonical JOIN sources s ON s.article = a.id
		GROUP BY a.canonical, c.title, s.key ORDER BY a.canonical, s.key`)
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

// SeriesQuery asks for a dyad's time series.
type SeriesQuery struct {
	A, B     string // actor keys (ActorKey): a state's alpha-3 code, a group's entity; B "": A with anyone
	Directed bool   // only events of A against B (of A, with B ""); else both ways
	By       string // "day", "week" (weeks start on Monday) or "month"
	From, To string // YYYY-MM-DD; empty: from the first to the last event
}

// Point is one period of a dyad series: counts of event clusters (real
// events, each counted once however many articles report it) by quad
// class, their Goldstein sum and mean, and the mentions behind them.
type Point struct {
	Period        string  `json:"period"` // the day, the week's Monday, or YYYY-MM
	Events        int     `json:"events"`
	Quad          [4]int  `json:"quad"` // verbal cooperation, material cooperation, verbal conflict, material conflict
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	Mentions      int     `json:"mentions"`
}

// Series returns the dyad's series, one point per period from the first
// to the last (empty periods included, so that it plots as it is). Day
// and week series count the events dated to a day; month series also
// count those dated only to a month.
func (s *DB) Series(ctx context.Context, q SeriesQuery) ([]Point, error) {
	period, grans, err := seriesPeriod(s.d, q.By)
	if err != nil {
		return nil, err
	}
	if q.By == "" {
		q.By = "day"
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" && !isDate(d) {
			return nil, fmt.Errorf("date %q: want YYYY-MM-DD", d)
		}
	}
	if q.A == "" {
		return nil, fmt.Errorf("series: an actor needed")
	}
	a, b := "(SELECT id FROM terms WHERE term = ?1)", "(SELECT id FROM terms WHERE term = ?2)"
	dyad := "(c.src = " + a + " AND c.tgt = " + b + ")"
	switch {
	case q.B == "" && q.Directed:
		dyad = "(c.src = " + a + " AND ?2 = '')"
	case q.B == "":
		dyad = "((c.src = " + a + " OR c.tgt = " + a + ") AND ?2 = '')"
	case !q.Directed:
		dyad = "(c.src = " + a + " AND c.tgt = " + b + " OR c.src = " + b + " AND c.tgt = " + a + ")"
	}
	where := dyad + " AND c.granularity IN (SELECT id FROM terms WHERE term IN (" + grans + "))"
	args := []any{q.A, q.B}
	// Each bound value is used: PostgreSQL wants to know the type of
	// every one. A bare ? is numbered after the largest before it.
	if q.From != "" {
		where += " AND c.date >= ?"
		args = append(args, q.From)
	}
	if q.To != "" {
		where += " AND c.date <= ?"
		args = append(args, q.To)
	}
	if pts, ok, err := s.seriesFromIndex(ctx, q); ok || err != nil {
		return pts, err
	}
	return s.series(ctx, q.By, period, where, args, q.From, q.To, "")
}

// SeriesOf is the series of the event clusters the filter selects (From
// and To bound the periods), by day, week or month, as Series counts
// them: the timeline of an actor, a place, a kind of event.
func (s *DB) SeriesOf(ctx context.Context, f Filter, by string) ([]Point, error) {
	period, grans, err := seriesPeriod(s.d, by)
	if err != nil {
		return nil, err
	}
	if by == "" {
		by = "day"
	}
	w, args, err := f.where(s.d)
	if err != nil {
		return nil, err
	}
	where := "c.id IN (SELECT e.cluster FROM mentions e WHERE " + w + ") AND c.granularity IN (SELECT id FROM terms WHERE term IN (" + grans + "))"
	return s.series(ctx, by, period, where, args, f.From, f.To, f.Text)
}

// seriesPeriod is the period of a cluster's date by day, week or month,
// and the date granularities such a series counts.
func seriesPeriod(d *dialect, by string) (period, grans string, err error) {
	switch by {
	case "day", "":
		return "c.date", "'day'", nil
	case "week":
		return d.week, "'day'", nil
	case "month":
		return "substr(c.date, 1, 7)", "'day', 'month'", nil
	}
	return "", "", fmt.Errorf("series by %q: want day, week or month", by)
}

// series counts the clusters c of where by period, one point per period
// from the first to the last (or from and to).
func (s *DB) series(ctx context.Context, by, period, where string, args []any, from, to, text string) ([]Point, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+period+` AS p, c.quad, count(*), sum(c.goldstein), sum(c.mentions)
		FROM clusters c WHERE `+where+` GROUP BY p, c.quad ORDER BY p`, args...)
	if err != nil {
		return nil, textError("series", text, err)
	}
	defer rows.Close()
	byPeriod := map[string]*Point{}
	var first, last string
	for rows.Next() {
		var np sql.NullString
		var quad, n, m int
		var g float64
		if err := rows.Scan(&np, &quad, &n, &g, &m); err != nil {
			return nil, textError("series", text, err)
		}
		if !np.Valid {
			continue // a date that is none: in no period
		}
		p := np.String
		pt := byPeriod[p]
		if pt == nil {
			pt = &Point{Period: p}
			byPeriod[p] = pt
		}
		if quad >= 1 && quad <= 4 {
			pt.Quad[quad-1] += n
		}
		pt.Events += n
		pt.GoldsteinSum += g
		pt.Mentions += m
		if first == "" || p < first {
			first = p
		}
		if p > last {
			last = p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, textError("series", text, err)
	}
	return fillSeries(by, byPeriod, first, last, from, to), nil
}

// fillSeries returns the points of byPeriod, one per period from the
// first to the last (or from and to), empty ones included. Goldstein sums
// are rounded to the millionth, so that sums of the same scores added in
// another order (the series index's) are the same.
func fillSeries(by string, byPeriod map[string]*Point, first, last, from, to string) []Point {
	if from != "" {
		first = periodOf(by, from)
	}
	if to != "" {
		last = periodOf(by, to)
	}
	var out []Point
	for p := first; p != "" && p <= last; p = nextPeriod(by, p) {
		pt := Point{Period: p}
		if got := byPeriod[p]; got != nil {
			pt = *got
			pt.GoldsteinSum = math.Round(pt.GoldsteinSum*1e6) / 1e6
			pt.GoldsteinMean = pt.GoldsteinSum / float64(pt.Events)
		}
		out = append(out, pt)
	}
	return out
}

// periodOf is the period of a date: itself, its week's Monday, its month.
func periodOf(by, date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	switch by {
	case "week":
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)).Format("2006-01-02")
	case "month":
		return t.Format("2006-01")
	}
	return date
}

// nextPeriod is the period after p.
func nextPeriod(by, p string) string {
	switch by {
	case "month":
		t, err := time.Parse("2006-01", p)
		if err != nil {
			return ""
		}
		return t.AddDate(0, 1, 0).Format("2006-01")
	case "week":
		t, err := time.Parse("2006-01-02", p)
		if err != nil {
			return ""
		}
		return t.AddDate(0, 0, 7).Format("2006-01-02")
	}
	t, err := time.Parse("2006-01-02", p)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, 1).Format("2006-01-02")
}

// ActorCount is an actor with the number of event clusters it is a side
// of, by quad class.
type ActorCount struct {
	Entity    string  `json:"entity"`
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Sector    string  `json:"sector"`
	Kind      string  `json:"kind"`
	Events    int     `json:"events"`
	Quad      [4]int  `json:"quad"`
	Goldstein float64 `json:"goldstein_mean"`
}

// Actors returns the actors of the events the filter selects, the most
// active first: the number of distinct event clusters each is a side of.
func (s *DB) Actors(ctx context.Context, f Filter, top int) ([]ActorCount, error) {
	w, args, err := f.where(s.d)
	if err != nil {
		return nil, err
	}
	q := `WITH sel AS (SELECT e.src_entity, e.tgt_entity, e.cluster, e.quad, e.goldstein FROM mentions e WHERE ` + w + `),
		sides AS (SELECT src_entity AS ent, cluster, quad, goldstein FROM sel UNION SELECT tgt_entity, cluster, quad, goldstein FROM sel)
` + actorCounts
	return s.actorRows(ctx, q, args, top, f.Text)
}

// Partners returns the actors an actor (entity, country or CAMEO code,
// as Filter.Actor) has events with, the most frequent first.
func (s *DB) Partners(ctx context.Context, actor string, f Filter, top int) ([]ActorCount, error) {
	f.Actor = actor
	w, args, err := f.where(s.d)
	if err != nil {
		return nil, err
	}
	q := `WITH sel AS (SELECT e.src_entity, e.src_country, e.src_code, e.tgt_entity, e.tgt_country, e.tgt_code, e.cluster, e.quad, e.goldstein
			FROM mentions e WHERE ` + w + `),
		sides AS (SELECT tgt_entity AS ent, cluster, quad, goldstein FROM sel WHERE ` + termID + ` IN (src_entity, src_country, src_code)
			UNION SELECT src_entity, cluster, quad, goldstein FROM sel WHERE ` + termID + ` IN (tgt_entity, tgt_country, tgt_code))
` + actorCounts
	return s.actorRows(ctx, q, append(args, actor, actor), top, f.Text)
}

// actorCounts counts the distinct clusters of each actor of sides(ent,
// cluster, quad, goldstein), by quad class, the most active first.
const actorCounts = `
	SELECT t.term, coalesce(n.name, ''), coalesce(n.country, ''), coalesce(n.sector, ''), coalesce(n.kind, ''),
		count(DISTINCT s.cluster), count(DISTINCT CASE WHEN s.quad = 1 THEN s.cluster END),
		count(DISTINCT CASE WHEN s.quad = 2 THEN s.cluster END), count(DISTINCT CASE WHEN s.quad = 3 THEN s.cluster END),
		count(DISTINCT CASE WHEN s.quad = 4 THEN s.cluster END), avg(s.goldstein)
	FROM sides s JOIN terms t ON t.id = s.ent LEFT JOIN entities n ON n.entity = t.term WHERE t.term != ''
	GROUP BY t.term, n.name, n.country, n.sector, n.kind ORDER BY 6 DESC, t.term`

func (s *DB) actorRows(ctx context.Context, q string, args []any, top int, text string) ([]ActorCount, error) {
	if top > 0 {
		q += fmt.Sprintf(" LIMIT %d", top)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, textError("actors", text, err)
	}
	defer rows.Close()
	var out []ActorCount
	for rows.Next() {
		var a ActorCount
		if err := rows.Scan(&a.Entity, &a.Name, &a.Country, &a.Sector, &a.Kind, &a.Events,
			&a.Quad[0], &a.Quad[1], &a.Quad[2], &a.Quad[3], &a.Goldstein); err != nil {
			return nil, textError("actors", text, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, textError("actors", text, err)
	}
	return out, nil
}

// Stored is a stored article as it is coded again.
type Stored struct {
	ID                               int64
	Key                              string // its first source
	Title, Text                      string
	Date, DateFrom, Published, Coder string
}

// ToRecode returns up to limit stored articles of an id greater than
// after, by id, whose current coding is not by coder (all of them when
// all is set): the work of dyad recode, read a page at a time.
func (s *DB) ToRecode(ctx context.Context, coder string, all bool, after int64, limit int) ([]Stored, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, (SELECT min(key) FROM sources WHERE article = a.id), a.title, a.text,
			a.date, a.date_from, a.published, coalesce(c.coder, '')
		FROM articles a LEFT JOIN codings c ON c.id = a.coding
		WHERE a.id > ? AND (? OR coalesce(c.coder, '') != ?) ORDER BY a.id LIMIT ?`, after, all, coder, limit)
	if err != nil {
		return nil, fmt.Errorf("store: articles to recode: %w", err)
	}
	defer rows.Close()
	var out []Stored
	for rows.Next() {
		var a Stored
		if err := rows.Scan(&a.ID, &a.Key, &a.Title, &a.Text, &a.Date, &a.DateFrom, &a.Published, &a.Coder); err != nil {
			return nil, fmt.Errorf("store: articles to recode: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Coding is one coding of an article: by which coder, when, with how many
// events.
type Coding struct {
	Coder   string `json:"coder"`
	Coded   string `json:"coded"`
	Events  int    `json:"events"`
	Current bool   `json:"current"`
}

// Codings returns the history of codings of an article, oldest first.
func (s *DB) Codings(ctx context.Context, article int64) ([]Coding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.coder, c.coded, c.events, c.id = a.coding
		FROM codings c JOIN articles a ON a.id = c.article WHERE c.article = ? ORDER BY c.id`, article)
	if err != nil {
		return nil, fmt.Errorf("store: codings: %w", err)
	}
	defer rows.Close()
	var out []Coding
	for rows.Next() {
		var c Coding
		if err := rows.Scan(&c.Coder, &c.Coded, &c.Events, &c.Current); err != nil {
			return nil, fmt.Errorf("store: codings: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
