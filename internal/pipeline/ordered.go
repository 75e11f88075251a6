package pipeline

import (
	"context"
	"runtime"
	"sync"
)

// Ordered runs fn over the items next yields on up to workers goroutines
// (0 means one per CPU) and calls emit with the results in the order of
// the items, so that output is deterministic however the work is spread.
// next returns false when there are no more items. Ordered stops at the
// first error of next, fn or emit, or when ctx is done, and returns it.
func Ordered[T, R any](ctx context.Context, workers int, next func() (T, bool, error),
	fn func(context.Context, T) (R, error), emit func(R) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		r   R
		err error
	}
	type job struct {
		item T
		out  chan result
	}
	jobs := make(chan job)
	order := make(chan chan result, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, err := fn(ctx, j.item)
				j.out <- result{r, err}
			}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		for {
			item, ok, err := next()
			if err != nil {
				readErr = err
				return
			}
			if !ok {
				return
			}
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{item, out}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for out := range order {
		var res result
		select {
		case res = <-out:
		case <-ctx.Done():
		}
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			err = res.err
		}
		if err == nil {
			err = emit(res.r)
		}
		if err != nil {
			cancel()
		}
	}
	wg.Wait()
	if err == nil {
		err = readErr
	}
	return err
}
