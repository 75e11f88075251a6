package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/klauspost/compress/s2"
)

// Stage keeps a coded article for Merge to write: the seq-th article (from
// 1) of the publishing run. Staging an article again, or one already
// written, changes nothing, so a worker may stage what a crash made it
// code twice.
func (s *DB) Stage(ctx context.Context, run string, seq int64, a Article) error {
	if s.opt.ReadOnly {
		return fmt.Errorf("store: opened read-only")
	}
	if run == "" || seq < 1 {
		return fmt.Errorf("store: stage: run %q, seq %d", run, seq)
	}
	b, err := encodeStaged(a)
	if err != nil {
		return fmt.Errorf("store: stage %s#%d: %w", run, seq, err)
	}
	if _, err := s.db.ExecContext(ctx, s.d.insertIgnore(`INTO runs(run) VALUES (?)`), run); err != nil {
		return fmt.Errorf("store: stage %s#%d: %w", run, seq, err)
	}
	var next int64
	if err := s.db.QueryRowContext(ctx, `SELECT next FROM runs WHERE run = ?`, run).Scan(&next); err != nil {
		return fmt.Errorf("store: stage %s#%d: %w", run, seq, err)
	}
	if seq < next {
		return nil // written already
	}
	// Should a merge write it meanwhile, the row is left behind, and the
	// next merge drops it.
	if _, err := s.db.ExecContext(ctx, s.d.insertIgnore(`INTO staged(run, seq, article) VALUES (?, ?, ?)`), run, seq, b); err != nil {
		return fmt.Errorf("store: stage %s#%d: %w", run, seq, err)
	}
	return nil
}

// encodeStaged is a staged article as the store keeps it: JSON (the
// events in full, for Write clusters them), compressed with S2.
func encodeStaged(a Article) ([]byte, error) {
	a.Encoded = nil
	b, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	return s2.Encode(nil, b), nil
}

func decodeStaged(b []byte) (Article, error) {
	var a Article
	// The length an S2 block claims is allocated before it is checked:
	// no staged article is near this.
	if n, err := s2.DecodedLen(b); err != nil || n > maxStaged {
		return a, fmt.Errorf("staged article: %d bytes decoded, or %v", n, err)
	}
	j, err := s2.Decode(nil, b)
	if err == nil {
		err = json.Unmarshal(j, &a)
	}
	return a, err
}

// maxStaged bounds a staged article's JSON: an article's text is at most
// 1 MiB (extract.MaxArticleBytes), its events a multiple of that.
const maxStaged = 16 << 20

// Merge writes up to max staged articles, as Write does, in one
// transaction: of each run, in the order of seq from the first not yet
// written, up to the first missing one. It returns what it wrote and how
// many staged articles it took. Merges of several processes take turns;
// whatever order workers stage articles in, the store ends as a single
// process writing each run in order would leave it.
func (s *DB) Merge(ctx context.Context, max int) (Report, int, error) {
	if max <= 0 {
		max = 256
	}
	taken := 0
	rep, err := s.writeWith(ctx, func(ctx context.Context, tx sqlTx) ([]Article, func(context.Context, sqlTx) error, error) {
		rows, err := tx.QueryContext(ctx, `SELECT s.run, s.seq, s.article, r.next FROM staged s JOIN runs r ON r.run = s.run
			WHERE s.seq >= r.next ORDER BY s.run, s.seq`)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		type runNext struct {
			run        string
			next, took int64
		}
		var batch []Article
		var runs []runNext
		for rows.Next() && len(batch) < max {
			var run string
			var seq, next int64
			var b []byte
			if err := rows.Scan(&run, &seq, &b, &next); err != nil {
				return nil, nil, err
			}
			if len(runs) == 0 || runs[len(runs)-1].run != run {
				runs = append(runs, runNext{run: run, next: next})
			}
			r := &runs[len(runs)-1]
			if seq != r.next {
				continue // waiting for an article before it
			}
			a, err := decodeStaged(b)
			if err != nil {
				return nil, nil, fmt.Errorf("staged article %s#%d: %w", run, seq, err)
			}
			batch = append(batch, a)
			r.next++
			r.took++
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		rows.Close()
		taken = len(batch)
		done := func(ctx context.Context, tx sqlTx) error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM staged WHERE seq < (SELECT next FROM runs r WHERE r.run = staged.run)`); err != nil {
				return err
			}
			for _, r := range runs {
				if r.took == 0 {
					continue
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM staged WHERE run = ? AND seq < ?`, r.run, r.next); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE runs SET next = ?, merged = merged + ? WHERE run = ?`, r.next, r.took, r.run); err != nil {
					return err
				}
			}
			return nil
		}
		return batch, done, nil
	})
	if err != nil {
		return Report{}, 0, fmt.Errorf("merge: %w", err)
	}
	return rep, taken, nil
}

// Run is a publishing run's progress through the store.
type Run struct {
	Run    string `json:"run"`
	Merged int64  `json:"merged"` // articles written
	Next   int64  `json:"next"`   // the place of the next to write
	Staged int64  `json:"staged"` // articles staged, waiting
}

// Runs returns the publishing runs the store knows, by name.
func (s *DB) Runs(ctx context.Context) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.run, r.merged, r.next,
		(SELECT count(*) FROM staged s WHERE s.run = r.run AND s.seq >= r.next) FROM runs r ORDER BY r.run`)
	if err != nil {
		return nil, fmt.Errorf("store: runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		if err := rows.Scan(&r.Run, &r.Merged, &r.Next, &r.Staged); err != nil {
			return nil, fmt.Errorf("store: runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
