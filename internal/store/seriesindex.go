package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// A seriesIndex keeps in memory what the series of every dyad and every
// actor count: each cluster's actor keys, date, quad class, Goldstein
// score and mentions, and their sums by day (by month for the clusters
// dated to a month) for each ordered pair of actor keys, each source,
// and each side. A series then adds up one sum a day of the dyad instead
// of reading each of its clusters, thousands for the busiest dyads of a
// large store (docs/server.md, "Load").
//
// It answers as the store would at the generation it has caught up to.
// Before answering it catches up with the writes since (Generation):
// the change log (changes, schema version 5) names the clusters they
// made or touched, and those are read again. When the log no longer
// reaches back that far, or names more clusters than are worth reading
// one by one, it is built again from all the clusters.
type seriesIndex struct {
	mu  sync.RWMutex
	gen int64 // the store generation it has caught up to
	seq int64 // the last change it has applied (changes.seq)

	terms   map[string]int64 // every term (actor keys among them) by term
	maxTerm int64
	cells   []cell           // by cluster id
	months  map[int64]string // the dates of the month cells, by cluster id
	pairs   map[[2]int64]*sums
	from    map[int64]*sums // by source
	with    map[int64]*sums // by either side
}

type cellKind uint8

const (
	noCell    cellKind = iota // no cluster, or one of a granularity no series counts
	dayCell                   // dated to a day
	monthCell                 // dated to a month
	// badCell is a cluster of granularity day whose date is not
	// YYYY-MM-DD: the store's query groups it as SQLite's date functions
	// read it, and the series it is in are read from the store.
	badCell
)

// A cell is what one cluster adds to its series.
type cell struct {
	src, tgt  int64 // actor keys (term ids)
	goldstein float64
	mentions  int64
	day       int32 // of a day cell: days since 1970-01-01
	quad      int8  // 1–4, or 0 for another value
	kind      cellKind
}

// sums are the sums of the cells of one pair, source or side.
type sums struct {
	days   map[int32]agg  // day cells by day
	months map[string]agg // month cells by date, as stored
	bad    int            // bad cells
}

// agg is the sum of the cells of one day or month: how many of each quad
// class (0: another value), their Goldstein scores and their mentions.
type agg struct {
	n         [5]int64
	goldstein float64
	mentions  int64
}

func (a *agg) events() int64 { return a.n[0] + a.n[1] + a.n[2] + a.n[3] + a.n[4] }

// IndexSeries builds the series index, after which Series answers from
// memory and catches up with every write before it answers. A server
// calls it once, at start; a command asking for one series needs none.
// On 810,708 clusters it took 3.4–4.0 s and holds 144 MiB: about 180
// bytes a cluster.
func (s *DB) IndexSeries(ctx context.Context) error {
	g, err := s.Generation(ctx)
	if err != nil {
		return err
	}
	x := &seriesIndex{}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: index series: %w", err)
	}
	defer tx.Rollback()
	if err := x.build(ctx, tx); err != nil {
		return fmt.Errorf("store: index series: %w", err)
	}
	x.gen = g
	s.idx.Store(x)
	return nil
}

// build reads every cluster, in the snapshot of tx.
func (x *seriesIndex) build(ctx context.Context, tx sqlTx) error {
	x.terms, x.maxTerm = map[string]int64{}, 0
	x.cells, x.months = nil, map[int64]string{}
	x.pairs, x.from, x.with = map[[2]int64]*sums{}, map[int64]*sums{}, map[int64]*sums{}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&x.seq); err != nil {
		return err
	}
	if err := x.readTerms(ctx, tx); err != nil {
		return err
	}
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM clusters`).Scan(&n); err != nil {
		return err
	}
	x.cells = make([]cell, n+1)
	rows, err := tx.QueryContext(ctx, `SELECT `+cellColumns+` FROM clusters`)
	if err != nil {
		return err
	}
	return x.readCells(rows, nil)
}

const cellColumns = `id, src, tgt, date, granularity, quad, goldstein, mentions`

// readTerms reads the terms added since it last did.
func (x *seriesIndex) readTerms(ctx context.Context, tx sqlTx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, term FROM terms WHERE id > ?`, x.maxTerm)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		x.terms[t] = id
		x.maxTerm = max(x.maxTerm, id)
	}
	return rows.Err()
}

// readCells puts the clusters of rows (cellColumns) in their cells, in
// place of what the cells held; seen, when not nil, notes their ids.
func (x *seriesIndex) readCells(rows *sql.Rows, seen map[int64]bool) error {
	defer rows.Close()
	day, month := x.terms["day"], x.terms["month"]
	for rows.Next() {
		var id, gran, quad int64
		var c cell
		var date sql.RawBytes
		if err := rows.Scan(&id, &c.src, &c.tgt, &date, &gran, &quad, &c.goldstein, &c.mentions); err != nil {
			return err
		}
		if id <= 0 {
			return fmt.Errorf("cluster id %d", id)
		}
		if quad >= 1 && quad <= 4 {
			c.quad = int8(quad)
		}
		var monthDate string
		switch {
		case gran == day && day != 0:
			c.kind = badCell
			if d, ok := dayNumber(string(date)); ok {
				c.kind, c.day = dayCell, int32(d)
			}
		case gran == month && month != 0:
			c.kind = badCell
			if len(date) >= 7 {
				if _, err := time.Parse("2006-01", string(date[:7])); err == nil {
					c.kind, monthDate = monthCell, string(date)
				}
			}
		}
		x.put(id, c, monthDate)
		if seen != nil {
			seen[id] = true
		}
	}
	return rows.Err()
}

// put puts c in cell id, in place of what it held.
func (x *seriesIndex) put(id int64, c cell, monthDate string) {
	if id >= int64(len(x.cells)) {
		x.cells = append(x.cells, make([]cell, id+1-int64(len(x.cells))+int64(len(x.cells)/4))...)
	}
	x.apply(&x.cells[id], x.months[id], -1)
	delete(x.months, id)
	x.cells[id] = c
	if c.kind == monthCell {
		x.months[id] = monthDate
	}
	x.apply(&c, monthDate, 1)
}

// drop empties cell id: its cluster is no more.
func (x *seriesIndex) drop(id int64) {
	if id < int64(len(x.cells)) {
		x.apply(&x.cells[id], x.months[id], -1)
		x.cells[id] = cell{}
		delete(x.months, id)
	}
}

// apply adds a cell to (sign 1) or takes it from (sign -1) the sums of
// its pair, its source and its sides.
func (x *seriesIndex) apply(c *cell, monthDate string, sign int64) {
	if c.kind == noCell {
		return
	}
	sumsOf(x.pairs, [2]int64{c.src, c.tgt}).apply(c, monthDate, sign)
	sumsOf(x.from, c.src).apply(c, monthDate, sign)
	sumsOf(x.with, c.src).apply(c, monthDate, sign)
	if c.tgt != c.src {
		sumsOf(x.with, c.tgt).apply(c, monthDate, sign)
	}
}

// sumsOf returns the sums of key k in m, made when missing.
func sumsOf[K comparable](m map[K]*sums, k K) *sums {
	s := m[k]
	if s == nil {
		s = &sums{}
		m[k] = s
	}
	return s
}

func (s *sums) apply(c *cell, monthDate string, sign int64) {
	switch c.kind {
	case dayCell:
		if s.days == nil {
			s.days = map[int32]agg{}
		}
		addCell(s.days, c.day, c, sign)
	case monthCell:
		if s.months == nil {
			s.months = map[string]agg{}
		}
		addCell(s.months, monthDate, c, sign)
	case badCell:
		s.bad += int(sign)
	}
}

// addCell adds c to (sign 1) or takes it from (sign -1) the sum of period
// k in m, and drops a sum left with no events, with no drift left behind.
func addCell[K comparable](m map[K]agg, k K, c *cell, sign int64) {
	a := m[k]
	a.n[c.quad] += sign
	a.goldstein += float64(sign) * c.goldstein
	a.mentions += sign * c.mentions
	if a.events() != 0 {
		m[k] = a
	} else {
		delete(m, k)
	}
}

// catchUp brings the index to the store's generation g: it applies the
// changes logged since it last did, or builds itself again.
func (x *seriesIndex) catchUp(ctx context.Context, db sqlDB, g int64) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.gen == g {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ids, seq, ok, err := x.changed(ctx, tx)
	if err != nil {
		return err
	}
	if !ok {
		if err := x.build(ctx, tx); err != nil {
			x.gen = -1 // half built: build again next time
			return err
		}
		x.gen = g
		return nil
	}
	if err := x.readTerms(ctx, tx); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 5000)
		js, err := json.Marshal(ids[:n])
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+cellColumns+` FROM clusters WHERE id IN (`+tx.d.list(tx.d.ids, "?")+`)`, string(js))
		if err != nil {
			return err
		}
		if err := x.readCells(rows, seen); err != nil {
			x.gen = -1
			return err
		}
		for _, id := range ids[:n] {
			if !seen[id] {
				x.drop(id)
			}
		}
		ids = ids[n:]
	}
	x.seq, x.gen = seq, g
	return nil
}

// changed returns the clusters the changes after x.seq made or touched,
// and the last change; ok is false when the index should rather be
// built again: the log no longer holds every change since x.seq, or
// they are more than a quarter of the clusters.
func (x *seriesIndex) changed(ctx context.Context, tx sqlTx) (ids []int64, seq int64, ok bool, err error) {
	var first, last int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM changes`).Scan(&first, &last); err != nil {
		return nil, 0, false, err
	}
	if last < x.seq || last > x.seq && first > x.seq+1 {
		return nil, 0, false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, first, last, touched FROM changes WHERE seq > ? ORDER BY seq`, x.seq)
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	set := map[int64]bool{}
	limit := max(10000, len(x.cells)/4)
	seq = x.seq
	for rows.Next() {
		var from, to int64
		var touched []byte
		if err := rows.Scan(&seq, &from, &to, &touched); err != nil {
			return nil, 0, false, err
		}
		if to-from >= int64(limit) {
			return nil, 0, false, nil
		}
		for id := from; id <= to; id++ {
			set[id] = true
		}
		t, err := decodeIDs(touched)
		if err != nil {
			return nil, 0, false, fmt.Errorf("change %d: %w", seq, err)
		}
		for _, id := range t {
			set[id] = true
		}
		if len(set) > limit {
			return nil, 0, false, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, err
	}
	ids = make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	return ids, seq, true, nil
}

// seriesFromIndex answers q from the index, when the store has one and
// none of the clusters q counts is a bad cell: ok false, the store
// answers. It returns what series returns.
func (s *DB) seriesFromIndex(ctx context.Context, q SeriesQuery) (pts []Point, ok bool, err error) {
	x := s.idx.Load()
	if x == nil {
		return nil, false, nil
	}
	g, err := s.Generation(ctx)
	if err != nil {
		return nil, false, err
	}
	x.mu.RLock()
	current := x.gen == g
	x.mu.RUnlock()
	if !current {
		if err := x.catchUp(ctx, s.db, g); err != nil {
			return nil, false, fmt.Errorf("store: series index: %w", err)
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	var sets []*sums
	a, aok := x.terms[q.A]
	b, bok := x.terms[q.B]
	switch {
	case !aok || q.B != "" && !bok:
	case q.B == "" && q.Directed:
		sets = append(sets, x.from[a])
	case q.B == "":
		sets = append(sets, x.with[a])
	case q.Directed || a == b:
		sets = append(sets, x.pairs[[2]int64{a, b}])
	default:
		sets = append(sets, x.pairs[[2]int64{a, b}], x.pairs[[2]int64{b, a}])
	}
	from, to := int32(-1<<31), int32(1<<31-1)
	if d, ok := dayNumber(q.From); ok {
		from = int32(d)
	}
	if d, ok := dayNumber(q.To); ok {
		to = int32(d)
	}
	byPeriod := map[int32]*Point{}
	add := func(p int32, a agg) {
		pt := byPeriod[p]
		if pt == nil {
			pt = &Point{}
			byPeriod[p] = pt
		}
		for i, n := range a.n {
			if i > 0 {
				pt.Quad[i-1] += int(n)
			}
			pt.Events += int(n)
		}
		pt.GoldsteinSum += a.goldstein
		pt.Mentions += int(a.mentions)
	}
	for _, set := range sets {
		if set == nil {
			continue
		}
		if set.bad > 0 {
			return nil, false, nil
		}
		for d, a := range set.days {
			if d < from || d > to {
				continue
			}
			switch q.By {
			case "week":
				d -= (d%7 + 10) % 7 // the Monday of its week: day 0 was a Thursday
			case "month":
				y, m, _ := time.Unix(int64(d)*86400, 0).UTC().Date()
				d = int32(y*12 + int(m) - 1)
			}
			add(d, a)
		}
		if q.By != "month" {
			continue
		}
		for date, a := range set.months {
			if q.From != "" && date < q.From || q.To != "" && date > q.To {
				continue // as the store compares them: as text
			}
			t, _ := time.Parse("2006-01", date[:7])
			add(int32(t.Year()*12+int(t.Month())-1), a)
		}
	}
	named := make(map[string]*Point, len(byPeriod))
	var first, last string
	for p, pt := range byPeriod {
		if q.By == "month" {
			pt.Period = fmt.Sprintf("%04d-%02d", p/12, p%12+1)
		} else {
			pt.Period = time.Unix(int64(p)*86400, 0).UTC().Format("2006-01-02")
		}
		named[pt.Period] = pt
		if first == "" || pt.Period < first {
			first = pt.Period
		}
		if pt.Period > last {
			last = pt.Period
		}
	}
	return fillSeries(q.By, named, first, last, q.From, q.To), true, nil
}
