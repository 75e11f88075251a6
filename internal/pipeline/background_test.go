package pipeline

import (
	"context"
	"errors"
	"testing"
)

func TestBackground(t *testing.T) {
	var got []int
	send, wait := Background(context.Background(), 1, func(n int) error {
		got = append(got, n)
		return nil
	})
	for i := range 100 {
		if err := send(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	for i, n := range got {
		if n != i {
			t.Fatalf("value %d is %d: out of order", i, n)
		}
	}
	if len(got) != 100 {
		t.Fatalf("%d values, want 100", len(got))
	}
}

func TestBackgroundError(t *testing.T) {
	boom := errors.New("boom")
	calls := 0
	send, wait := Background(context.Background(), 2, func(n int) error {
		calls++
		if n == 3 {
			return boom
		}
		return nil
	})
	var sendErr error
	for i := 0; i < 1000 && sendErr == nil; i++ {
		sendErr = send(i)
	}
	if err := wait(); !errors.Is(err, boom) {
		t.Errorf("wait: %v, want boom", err)
	}
	if !errors.Is(sendErr, boom) {
		t.Errorf("send after the failure: %v, want boom", sendErr)
	}
	if calls != 4 {
		t.Errorf("fn called %d times, want 4 (not after it failed)", calls)
	}
}
