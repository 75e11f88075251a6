package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
)

// maxChanges is how many rows of the change log the writer keeps: a
// reader further behind reads the clusters again.
const maxChanges = 10000

// logChanges logs the clusters the transaction made (from first, the
// next cluster id when it began) and those it touched, in one row of
// changes, and drops the rows beyond the last maxChanges.
func (w *writer) logChanges(ctx context.Context, first int64) error {
	last := w.cache.nextCluster - 1
	if last < first && len(w.touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(w.touched))
	for id := range w.touched {
		if id < first { // one it made is logged as made
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var seq int64
	if err := w.stmts["logChanges"].QueryRowContext(ctx, first, last, encodeIDs(ids)).Scan(&seq); err != nil {
		return fmt.Errorf("store: log changes: %w", err)
	}
	if seq > w.keepChanges {
		if _, err := w.exec(ctx, "pruneChanges", seq-w.keepChanges); err != nil {
			return fmt.Errorf("store: prune changes: %w", err)
		}
	}
	return nil
}

// encodeIDs encodes sorted ids as unsigned varints, each the difference
// from the one before.
func encodeIDs(ids []int64) []byte {
	b := make([]byte, 0, 2*len(ids))
	prev := int64(0)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return b
}

// decodeIDs decodes what encodeIDs encoded.
func decodeIDs(b []byte) ([]int64, error) {
	var ids []int64
	prev := int64(0)
	for at := 0; at < len(b); {
		d, n := binary.Uvarint(b[at:])
		if n <= 0 {
			return nil, fmt.Errorf("bad id list at byte %d", at)
		}
		prev += int64(d)
		ids = append(ids, prev)
		at += n
	}
	return ids, nil
}
