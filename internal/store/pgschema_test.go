package store

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/dyadproject/dyad/internal/pgtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestPostgresSchema migrates a new PostgreSQL database from two
// processes' pools at once and again, routes mentions to their month's
// partition (or the default one), and refuses a database of a newer
// schema.
func TestPostgresSchema(t *testing.T) {
	srv := pgtest.Start(t)
	url := srv.CreateDB(t, "dyad")
	ctx := context.Background()
	pools := make([]*pgxpool.Pool, 2)
	for i := range pools {
		p, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		pools[i] = p
	}
	var wg sync.WaitGroup
	errs := make([]error, len(pools))
	for i, p := range pools {
		wg.Go(func() { errs[i] = pgMigrate(ctx, p) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := pgMigrate(ctx, pools[0]); err != nil {
		t.Fatalf("again: %v", err)
	}
	var v int
	if err := pools[0].QueryRow(ctx, `SELECT version FROM dyad_schema`).Scan(&v); err != nil || v != len(pgMigrations) {
		t.Fatalf("version %d, %v; want %d", v, err, len(pgMigrations))
	}

	tx, err := pools[0].Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, date := range []string{"2024-01-16", "2024-12-31", "2024", ""} {
		m := monthOf(date)
		if err := ensurePartition(ctx, tx.Conn(), m); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO mentions VALUES ($1, 1, 1, $2, $3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, -10, 1, 1, 1)`,
			m, len(date), date); err != nil {
			t.Fatalf("%q: %v", date, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := pools[0].Query(ctx, `SELECT tableoid::regclass::text, date FROM mentions ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var part, date string
		if err := rows.Scan(&part, &date); err != nil {
			t.Fatal(err)
		}
		got = append(got, part+":"+date)
	}
	if g := strings.Join(got, " "); g != "mentions_other: mentions_other:2024 mentions_202401:2024-01-16 mentions_202412:2024-12-31" {
		t.Errorf("partitions: %s", g)
	}

	if _, err := pools[0].Exec(ctx, `UPDATE dyad_schema SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if err := pgMigrate(ctx, pools[1]); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("a newer schema: %v", err)
	}
}

func TestMonthOf(t *testing.T) {
	for date, want := range map[string]int{"2024-01-16": 202401, "2024-12": 202412, "2024": 0, "": 0,
		"2024-13-01": 0, "20x4-01-01": 0, "0000-01-01": 0, "2024-1-5": 0} {
		if got := monthOf(date); got != want {
			t.Errorf("monthOf(%q) = %d, want %d", date, got, want)
		}
	}
}
