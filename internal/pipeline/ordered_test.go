package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOrdered(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		i := 0
		next := func() (int, bool, error) {
			i++
			return i, i <= 100, nil
		}
		var got []int
		err := Ordered(context.Background(), workers, next, func(_ context.Context, n int) (int, error) {
			time.Sleep(time.Duration((n*7)%5) * time.Microsecond) // finish out of order
			return n * n, nil
		}, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 100 {
			t.Fatalf("%d workers: %d results, want 100", workers, len(got))
		}
		for k, r := range got {
			if r != (k+1)*(k+1) {
				t.Fatalf("%d workers: result %d = %d, want %d", workers, k, r, (k+1)*(k+1))
			}
		}
	}
}

func TestOrderedErrors(t *testing.T) {
	boom := errors.New("boom")
	i := 0
	next := func() (int, bool, error) { i++; return i, true, nil } // endless
	err := Ordered(context.Background(), 2, next, func(_ context.Context, n int) (int, error) {
		if n == 5 {
			return 0, boom
		}
		return n, nil
	}, func(int) error { return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	j := 0
	err = Ordered(context.Background(), 2, func() (int, bool, error) {
		j++
		if j == 3 {
			return 0, false, boom
		}
		return j, true, nil
	}, func(_ context.Context, n int) (int, error) { return n, nil }, func(int) error { return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("read error = %v, want boom", err)
	}
}
