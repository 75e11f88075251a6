package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Feed is the polling state of one watched feed (dyad watch): what the
// next conditional request sends, when the feed is due, and how it has
// fared. It is kept in the store so that a restarted watcher resumes
// where the last one stopped.
type Feed struct {
	URL string
	// ETag and LastModified are the validators of the last successful
	// poll, sent back as If-None-Match and If-Modified-Since.
	ETag, LastModified string
	LastPolled         time.Time // zero: never polled
	NextPoll           time.Time // zero: due now
	Failures           int       // polls failed in a row; 0 after a success
	LastError          string    // why the last poll failed; "" after a success
	Items              int       // new items ingested from the feed, in all
}

const feedCols = `url, etag, last_modified, last_polled, next_poll, failures, last_error, items`

// Feed returns the state of the feed at url, and false when the store
// has none (the feed was never polled).
func (s *DB) Feed(ctx context.Context, url string) (Feed, bool, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{URL: url}, false, nil
	}
	if err != nil {
		return Feed{URL: url}, false, fmt.Errorf("store: feed %s: %w", url, err)
	}
	return f, true, nil
}

// Feeds returns the state of every feed the store knows, by URL.
func (s *DB) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedCols+` FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: feeds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	return out, nil
}

// SaveFeed stores the state of a feed, replacing what was stored. It
// goes through the connection articles are written on: a write of
// another connection would change that one's data_version and make the
// writer drop its cache of clusters.
func (s *DB) SaveFeed(ctx context.Context, f Feed) error {
	if s.opt.ReadOnly {
		return fmt.Errorf("store: opened read-only")
	}
	if f.URL == "" {
		return fmt.Errorf("store: save feed: no URL")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writeConn(ctx); err != nil {
		return err
	}
	_, err := s.conn.ExecContext(ctx, s.d.upsertFeed,
		f.URL, f.ETag, f.LastModified, formatTime(f.LastPolled), formatTime(f.NextPoll), f.Failures, f.LastError, f.Items)
	if err != nil {
		s.dropWriteConn()
		return fmt.Errorf("store: save feed %s: %w", f.URL, err)
	}
	return nil
}

func scanFeed(row interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var polled, next string
	if err := row.Scan(&f.URL, &f.ETag, &f.LastModified, &polled, &next, &f.Failures, &f.LastError, &f.Items); err != nil {
		return Feed{}, err
	}
	var err error
	if f.LastPolled, err = parseTime(polled); err != nil {
		return Feed{}, fmt.Errorf("last_polled: %w", err)
	}
	if f.NextPoll, err = parseTime(next); err != nil {
		return Feed{}, fmt.Errorf("next_poll: %w", err)
	}
	return f, nil
}

// formatTime writes a time as RFC 3339 in UTC with nanoseconds, so that
// it reads back equal; "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
