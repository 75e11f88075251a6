package store

import (
	"context"
	"fmt"
	"strings"
)

// Store keeps articles, their sources, codings and events, and the event
// clusters they add up to, and answers the queries of the commands and
// the server. SQLite, the embedded file, is the default; a database
// server shared by many processes is another (docs/scale.md). Every
// implementation passes the same conformance tests (conformance_test.go).
//
// A Store is safe for concurrent use. Its writes are serialized: one
// Write at a time, across processes too.
type Store interface {
	// Write stores a batch of articles in one transaction: all of them
	// or, on error, none. Writing what is stored already adds nothing.
	Write(ctx context.Context, batch []Article) (Report, error)
	// Known tells whether an input key is stored (an article's source,
	// or a skipped input).
	Known(ctx context.Context, key string) (bool, error)
	// KnownHash tells whether an article of the text hash is stored.
	KnownHash(ctx context.Context, hash string) (bool, error)
	// ToRecode lists stored articles to code again: those whose current
	// coding is not by coder (all: every one), after the id after.
	ToRecode(ctx context.Context, coder string, all bool, after int64, limit int) ([]Stored, error)

	Counts(ctx context.Context) (Counts, error)
	Clusters(ctx context.Context, f Filter) ([]Cluster, error)
	EachCluster(ctx context.Context, f Filter, fn func(Cluster) error) error
	EachEvent(ctx context.Context, f Filter, fn func(Event) error) error
	Canonical(ctx context.Context) ([]CanonicalGroup, error)
	Series(ctx context.Context, q SeriesQuery) ([]Point, error)
	SeriesOf(ctx context.Context, f Filter, by string) ([]Point, error)
	Actors(ctx context.Context, f Filter, top int) ([]ActorCount, error)
	Partners(ctx context.Context, actor string, f Filter, top int) ([]ActorCount, error)
	Codings(ctx context.Context, article int64) ([]Coding, error)
	Article(ctx context.Context, id int64) (ArticleView, error)
	Cluster(ctx context.Context, id int64) (Cluster, error)
	ClusterArticles(ctx context.Context, id int64) ([]ClusterArticle, error)
	Search(ctx context.Context, query string, offset, limit int) ([]Hit, error)
	Entity(ctx context.Context, id string) (Entity, error)
	TopDyads(ctx context.Context, from string, top int) ([]DyadCount, error)
	LastDay(ctx context.Context, notAfter string) (string, error)

	// Stage keeps a coded article of a publishing run for Merge, which
	// writes staged articles in the order of their runs (docs/scale.md);
	// Runs tells how far each run is.
	Stage(ctx context.Context, run string, seq int64, a Article) error
	Merge(ctx context.Context, max int) (Report, int, error)
	Runs(ctx context.Context) ([]Run, error)

	// Feed, Feeds and SaveFeed keep what dyad watch knows of its feeds.
	Feed(ctx context.Context, url string) (Feed, bool, error)
	Feeds(ctx context.Context) ([]Feed, error)
	SaveFeed(ctx context.Context, f Feed) error

	// Generation changes whenever the store changes, whoever wrote:
	// what was read at one generation holds until the next.
	Generation(ctx context.Context) (int64, error)
	// IndexSeries builds the series index, after which Series answers
	// from memory (docs/store.md, "The series index").
	IndexSeries(ctx context.Context) error
	// Version is the schema version of the store.
	Version(ctx context.Context) (int, error)
	// Location says where the store is: a file, or a server with no
	// password.
	Location() string
	Close() error
}

// Open opens the store at location: a file of the embedded store, made on
// first use, unless it is a URL of a database server.
func Open(ctx context.Context, location string, opt Options) (Store, error) {
	if scheme, _, ok := strings.Cut(location, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		switch scheme {
		case "file":
			return OpenSQLite(ctx, strings.TrimPrefix(location, "file://"), opt)
		case "postgres", "postgresql":
			return OpenPostgres(ctx, location, opt)
		}
		return nil, fmt.Errorf("open store %s: no store of scheme %q (want a file path)", location, scheme)
	}
	return OpenSQLite(ctx, location, opt)
}

var _ Store = (*DB)(nil)
