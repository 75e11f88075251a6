package pipeline

import "context"

// Background runs fn on each value passed to send, in order, on one
// goroutine of its own, so that the sender goes on working while fn runs;
// at most depth values wait their turn. After fn fails, send returns its
// error and fn is not called again. wait, called once after the last
// send, waits for fn to finish and returns its first error.
func Background[T any](ctx context.Context, depth int, fn func(T) error) (send func(T) error, wait func() error) {
	ch := make(chan T, depth)
	failed := make(chan struct{})
	done := make(chan struct{})
	var err error // set before failed is closed
	go func() {
		defer close(done)
		for v := range ch {
			if e := fn(v); e != nil {
				err = e
				close(failed)
				for range ch { // let senders return
				}
				return
			}
		}
	}()
	send = func(v T) error {
		select {
		case <-failed:
			return err
		default:
		}
		select {
		case ch <- v:
			return nil
		case <-failed:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	wait = func() error {
		close(ch)
		<-done
		return err
	}
	return send, wait
}
