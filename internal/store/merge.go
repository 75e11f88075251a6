package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/dyadproject/dyad/internal/event"
)

// maxClusterKm is how far apart two reports may place one event.
const maxClusterKm = 200

// undated is the granularity of the cluster of an event dated by nothing
// but the day it was read (an article with no date of its own, its event
// with none in its text): no other report joins it, since that day says
// nothing of when the event happened.
const undated = "undated"

// ActorKey is the actor an event cluster is keyed on: a named group or
// international organisation by its entity (Jaish al-Adl, the UN), any
// other actor by its country (a president, a ministry and "Iran" are one
// side of a state's event), an actor of no country by its entity, "" for
// none. Sectors are left out on purpose: one outlet's "Iranian forces"
// is another's "Iran" (docs/store.md).
func ActorKey(a *event.Actor) string {
	switch {
	case a == nil:
		return ""
	case a.Kind == "group" || a.Kind == "igo" || a.Country == "":
		return a.Entity
	}
	return a.Country
}

// maxCached is the most clusters and entities a store's cache holds
// before it is emptied.
const maxCached = 2_000_000

// cache keeps, for the writing connection, the clusters of the actor keys
// it has seen and the entities it has written, so that most events are
// merged without a query. It is dropped when another connection writes.
type cache struct {
	clusters    map[clusterKey]*keyClusters
	entities    map[string]bool
	boxed       map[string]any // strings as interface values (box)
	terms       map[string]any // the ids of terms, boxed
	counts      map[int64]clusterCounts
	members     map[member]struct{}
	outlets     map[string]int64
	nextTerm    int64
	nextCluster int64 // the ids the next cluster, article and coding get
	nextArticle int64
	nextCoding  int64
	size        int
}

// box returns s as an interface value, the same one each time: a
// string boxed anew for each value bound allocates.
func (c *cache) box(s string) any {
	if v, ok := c.boxed[s]; ok {
		return v
	}
	v := any(s)
	c.boxed[s] = v
	c.size++
	return v
}

// term returns the id of a term, boxed, queueing the term for insertion
// when it is new.
func (w *writer) term(s string) any {
	c := w.cache
	if v, ok := c.terms[s]; ok {
		return v
	}
	v := any(c.nextTerm)
	c.terms[s] = v
	c.size++
	w.terms.args = append(w.terms.args, v, s)
	c.nextTerm++
	return v
}

// clusterCounts are the counts of a cluster: its mentions, the distinct
// canonical articles and the distinct outlets of the articles of its
// mentions. The writer keeps them for the clusters it made or loaded,
// with what they count, so that a mention joining a cluster updates its
// counts without counting again what the store holds. While a count is
// 1, its one member is kept here (article, outlet); from 2 on, all are
// in cache.members: most clusters have one article from one outlet.
// Neither holds pointers, for the collector to skip.
type clusterCounts struct {
	mentions, articles, sources int32
	article, outlet             int64
}

// member is a canonical article (outlet false) or an outlet (its id in
// cache.outlets) counted in a cluster.
type member struct {
	cluster int64
	outlet  bool
	id      int64
}

// count adds a mention of an article to the counts of a cluster.
func (c *cache) count(cluster, canonical int64, outlet string) {
	n := c.counts[cluster]
	n.mentions++
	c.addMember(member{cluster, false, canonical}, &n.articles, &n.article)
	c.addMember(member{cluster, true, c.outlet(outlet)}, &n.sources, &n.outlet)
	c.counts[cluster] = n
}

// countOutlet adds an outlet of an article of a cluster.
func (c *cache) countOutlet(cluster int64, outlet string) {
	n := c.counts[cluster]
	c.addMember(member{cluster, true, c.outlet(outlet)}, &n.sources, &n.outlet)
	c.counts[cluster] = n
}

// addMember counts m in n unless it is counted: only is the one member
// while n is 1.
func (c *cache) addMember(m member, n *int32, only *int64) {
	switch {
	case *n == 0:
		*n, *only = 1, m.id
		return
	case *n == 1 && *only == m.id:
		return
	case *n == 1:
		c.members[member{m.cluster, m.outlet, *only}] = struct{}{}
		c.size++
	}
	if _, ok := c.members[m]; !ok {
		c.members[m] = struct{}{}
		c.size++
		*n++
	}
}

// outlet returns the number the cache knows an outlet by.
func (c *cache) outlet(name string) int64 {
	id, ok := c.outlets[name]
	if !ok {
		id = int64(len(c.outlets)) + 1
		c.outlets[name] = id
		c.size++
	}
	return id
}

// loadCounts reads the counts of a stored cluster the first time the
// writer meets it. It is called before the writer adds to the cluster,
// so that what is read holds nothing the writer counts again.
func (w *writer) loadCounts(ctx context.Context, id int64) error {
	if _, ok := w.cache.counts[id]; ok {
		return nil
	}
	// No mention of the cluster waits in the queue: one would have
	// been counted.
	var n clusterCounts
	var articles, outlets string
	var mentions int32
	if err := w.stmts["clusterCounts"].QueryRowContext(ctx, id).Scan(&mentions, &articles, &outlets); err != nil {
		return fmt.Errorf("counts of cluster %d: %w", id, err)
	}
	var canon []int64
	if err := json.Unmarshal([]byte(articles), &canon); err != nil {
		return fmt.Errorf("counts of cluster %d: %w", id, err)
	}
	var names []string
	if err := json.Unmarshal([]byte(outlets), &names); err != nil {
		return fmt.Errorf("counts of cluster %d: %w", id, err)
	}
	c := w.cache
	n.mentions = mentions
	for _, a := range canon {
		c.addMember(member{id, false, a}, &n.articles, &n.article)
	}
	for _, o := range names {
		c.addMember(member{id, true, c.outlet(o)}, &n.sources, &n.outlet)
	}
	c.counts[id] = n
	c.size++
	return nil
}

type clusterKey struct{ src, tgt, root, granularity string }

// keyClusters are the clusters of a key: by day number those dated to a
// day, by date as written the others, so that matching an event looks at
// the clusters of the days of its window only, however many the key has.
type keyClusters struct {
	byDay  map[int][]*clusterRef
	byDate map[string][]*clusterRef
}

func (kc *keyClusters) add(r *clusterRef, day bool) {
	if day {
		kc.byDay[r.day] = append(kc.byDay[r.day], r)
	} else {
		kc.byDate[r.date] = append(kc.byDate[r.date], r)
	}
}

// clusterRef is what matching needs of a cluster.
type clusterRef struct {
	id       int64
	date     string
	day      int // days since 1970 of a day's date
	lat, lon float64
	hasPlace bool
}

// clustersOf returns the clusters of a key, read from the store the
// first time.
func (w *writer) clustersOf(ctx context.Context, k clusterKey) (*keyClusters, error) {
	if kc, ok := w.cache.clusters[k]; ok {
		return kc, nil
	}
	// A term queued but not yet inserted is named by no stored cluster:
	// the query needs no flush.
	rows, err := w.stmts["clustersOfKey"].QueryContext(ctx, w.term(k.src), w.term(k.tgt), w.term(k.root), w.term(k.granularity))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	kc := &keyClusters{byDay: map[int][]*clusterRef{}, byDate: map[string][]*clusterRef{}}
	n := 0
	for rows.Next() {
		r := &clusterRef{}
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&r.id, &r.date, &lat, &lon); err != nil {
			return nil, err
		}
		var isDay bool
		r.day, isDay = dayNumber(r.date)
		r.lat, r.lon, r.hasPlace = lat.Float64, lon.Float64, lat.Valid
		kc.add(r, isDay && k.granularity == "day")
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	w.cache.clusters[k] = kc
	w.cache.size += 1 + n
	return kc, nil
}

// cluster returns the cluster an event belongs to, making one when no
// cluster of the same actor keys, CAMEO root and date granularity has its
// first report within the window of the event's date (the same date for
// months and years) and a compatible place (unknown, or within
// maxClusterKm). Among matches the nearest date wins, then the oldest
// cluster. An event of an article dated today for want of a date
// (storyToday), dated by the story, gets a cluster of its own.
func (w *writer) cluster(ctx context.Context, e *event.Event, storyToday bool, rep *Report) (int64, error) {
	k := clusterKey{ActorKey(e.Source), ActorKey(e.Target), e.Root, e.DateGranularity}
	var kc *keyClusters
	if storyToday && e.DateSource == "story" {
		k.granularity = undated
	} else {
		var err error
		if kc, err = w.clustersOf(ctx, k); err != nil {
			return 0, err
		}
	}
	day, isDay := dayNumber(e.Date)
	isDay = isDay && e.DateGranularity == "day"
	var lat, lon float64
	hasPlace, place := false, ""
	if l := e.Location; l != nil && (l.Lat != 0 || l.Lon != 0) {
		lat, lon, hasPlace, place = l.Lat, l.Lon, true, l.Name
	}
	var best *clusterRef
	bestGap := 0
	consider := func(refs []*clusterRef, gap int) {
		for _, r := range refs {
			if hasPlace && r.hasPlace && km(lat, lon, r.lat, r.lon) > maxClusterKm {
				continue
			}
			if best == nil || gap < bestGap || gap == bestGap && r.id < best.id {
				best, bestGap = r, gap
			}
		}
	}
	switch {
	case kc == nil:
	case isDay:
		for d := day - w.opt.Window; d <= day+w.opt.Window; d++ {
			consider(kc.byDay[d], abs(d-day))
		}
	default:
		consider(kc.byDate[e.Date], 0)
	}
	if best != nil {
		if err := w.loadCounts(ctx, best.id); err != nil {
			return 0, err
		}
		w.touched[best.id] = true // a second mention: counts to write
		if hasPlace && !best.hasPlace {
			best.lat, best.lon, best.hasPlace = lat, lon, true
			// The queue holds the clusters of the last ids, up to
			// lastCluster.
			if queued := w.clusters.rows() - 1 - int(w.lastCluster-best.id); w.clusters.rows() > 0 && queued >= 0 {
				row := w.clusters.row(queued)
				row[10], row[11], row[12] = w.term(place), lat, lon
			} else if _, err := w.exec(ctx, "setPlace", w.term(place), lat, lon, best.id); err != nil {
				return 0, err
			}
		}
		return best.id, nil
	}
	var sc, tc string
	if e.Source != nil {
		sc = e.Source.Country
	}
	if e.Target != nil {
		tc = e.Target.Country
	}
	id := w.cache.nextCluster
	w.cache.nextCluster++
	var nlat, nlon any
	if hasPlace {
		nlat, nlon = lat, lon
	}
	// Queued, and inserted several a statement without their ids, which
	// SQLite gives as the writer counts (a multi-row INSERT naming its
	// ids would need a statement journal); flush checks that it did.
	w.clusters.args = append(w.clusters.args, w.term(k.src), w.term(k.tgt), w.term(e.Root), w.term(e.CAMEO), e.Quad, e.Goldstein,
		w.cache.box(e.Date), w.term(k.granularity), w.term(sc), w.term(tc), w.term(place), nlat, nlon)
	w.lastCluster = id
	if kc != nil {
		kc.add(&clusterRef{id: id, date: e.Date, day: day, lat: lat, lon: lon, hasPlace: hasPlace}, isDay)
		w.cache.size++
	}
	// Its counts start empty, for the caller to add its event; the
	// row's defaults (one mention of one article from one outlet) hold
	// until another event joins it.
	w.cache.counts[id] = clusterCounts{}
	w.cache.size++
	rep.Clusters++
	return id, nil
}

// dayNumber is the number of days since 1970-01-01 of a YYYY-MM-DD date.
func dayNumber(date string) (int, bool) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
