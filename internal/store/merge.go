package store

import (
	"context"
	"database/sql"
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
	clusters    map[clusterKey][]*clusterRef
	entities    map[string]bool
	nextCluster int64 // the ids the next cluster, article and coding get
	nextArticle int64
	nextCoding  int64
	size        int
}

type clusterKey struct{ src, tgt, root, granularity string }

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
func (w *writer) clustersOf(ctx context.Context, k clusterKey) ([]*clusterRef, error) {
	if refs, ok := w.cache.clusters[k]; ok {
		return refs, nil
	}
	rows, err := w.stmts["clustersOfKey"].QueryContext(ctx, k.src, k.tgt, k.root, k.granularity)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	refs := []*clusterRef{}
	for rows.Next() {
		r := &clusterRef{}
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&r.id, &r.date, &lat, &lon); err != nil {
			return nil, err
		}
		r.day, _ = dayNumber(r.date)
		r.lat, r.lon, r.hasPlace = lat.Float64, lon.Float64, lat.Valid
		refs = append(refs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	w.cache.clusters[k] = refs
	w.cache.size += 1 + len(refs)
	return refs, nil
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
	var refs []*clusterRef
	if storyToday && e.DateSource == "story" {
		k.granularity = undated
	} else {
		var err error
		if refs, err = w.clustersOf(ctx, k); err != nil {
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
	for _, r := range refs {
		gap := 0
		if isDay {
			if gap = abs(r.day - day); gap > w.opt.Window {
				continue
			}
		} else if r.date != e.Date {
			continue
		}
		if hasPlace && r.hasPlace && km(lat, lon, r.lat, r.lon) > maxClusterKm {
			continue
		}
		if best == nil || gap < bestGap || gap == bestGap && r.id < best.id {
			best, bestGap = r, gap
		}
	}
	if best != nil {
		w.touched[best.id] = true // a second mention: recount
		if hasPlace && !best.hasPlace {
			best.lat, best.lon, best.hasPlace = lat, lon, true
			if row, ok := w.pendingClusters[best.id]; ok {
				row[10], row[11], row[12] = place, lat, lon
			} else if _, err := w.exec(ctx, "setPlace", place, lat, lon, best.id); err != nil {
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
	row := []any{k.src, k.tgt, e.Root, e.CAMEO, e.Quad, e.Goldstein, e.Date, k.granularity, sc, tc, place, nlat, nlon}
	w.newClusters = append(w.newClusters, row)
	w.pendingClusters[id] = row
	w.lastCluster = id
	if k.granularity != undated {
		w.cache.clusters[k] = append(refs, &clusterRef{id: id, date: e.Date, day: day, lat: lat, lon: lon, hasPlace: hasPlace})
		w.cache.size++
	}
	// A new cluster counts one mention of one article from one outlet
	// (the column defaults) until another event joins it.
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
