package queue

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dyadproject/dyad/internal/source"
)

func startQueue(t *testing.T, opt Options) (*Server, *Queue) {
	t.Helper()
	srv, err := StartServer("127.0.0.1", -1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	q, err := Connect(context.Background(), srv.URL(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return srv, q
}

// TestPublishFetch publishes a run twice (the second time duplicates,
// dropped), fetches and acks it, gives one message back to have it again,
// and sends another to the dead letters after its last delivery.
func TestPublishFetch(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, Options{MaxDeliver: 2, AckWait: time.Second})
	for round := range 2 {
		for i := 1; i <= 5; i++ {
			m := Message{Run: "r1", Seq: int64(i), Key: fmt.Sprint("in/", i), Article: source.Article{Source: fmt.Sprint("in/", i), Text: fmt.Sprint("text ", i)}}
			isNew, err := q.Publish(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			if isNew != (round == 0) {
				t.Errorf("round %d, message %d: new %v", round, i, isNew)
			}
		}
	}
	st, err := q.Status(ctx)
	if err != nil || st.Messages != 5 || st.Pending != 5 {
		t.Fatalf("status after publishing: %+v, %v", st, err)
	}
	ds, err := q.Fetch(ctx, 10, time.Second)
	if err != nil || len(ds) != 5 {
		t.Fatalf("fetched %d, %v", len(ds), err)
	}
	for _, d := range ds {
		switch d.Seq {
		case 2:
			if err := d.Retry(0); err != nil {
				t.Fatal(err)
			}
		case 4:
			// Neither acked nor given back: delivered again after AckWait.
		default:
			if d.Attempt != 1 || d.Last || d.Article.Text != fmt.Sprint("text ", d.Seq) {
				t.Errorf("delivery %+v", d)
			}
			if err := d.Ack(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Each comes again, on its last delivery: 2 at once, 4 after AckWait.
	again := map[int64]int{}
	for deadline := time.Now().Add(10 * time.Second); len(again) < 2 && time.Now().Before(deadline); {
		ds, err := q.Fetch(ctx, 10, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			again[d.Seq] = d.Attempt
			if !d.Last {
				t.Errorf("redelivery %d: attempt %d, not the last", d.Seq, d.Attempt)
			}
			if d.Seq == 4 {
				if err := q.Dead(ctx, d, "coding failed twice"); err != nil {
					t.Fatal(err)
				}
			} else if err := d.Ack(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	if again[2] != 2 || again[4] != 2 || len(again) != 2 {
		t.Fatalf("redelivered (seq: attempt) %v, want 2 and 4 each a second time", again)
	}
	st, err = q.Status(ctx)
	if err != nil || st.Messages != 0 || st.Pending != 0 || st.AckPending != 0 || st.Dead != 1 {
		t.Errorf("status at the end: %+v, %v", st, err)
	}
	dead, err := q.DeadLetters(ctx, 10)
	if err != nil || len(dead) != 1 || dead[0].Seq != 4 || dead[0].Reason != "coding failed twice" {
		t.Errorf("dead letters: %+v, %v", dead, err)
	}
}

// TestNeverLeftBehind: a message nobody settles, even past its last
// delivery (its dead letter could not be stored), keeps coming back.
func TestNeverLeftBehind(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, Options{MaxDeliver: 2, AckWait: 500 * time.Millisecond})
	if _, err := q.Publish(ctx, Message{Run: "r", Seq: 1, Key: "k", Article: source.Article{Text: "t"}}); err != nil {
		t.Fatal(err)
	}
	attempt := 0
	for deadline := time.Now().Add(10 * time.Second); attempt < 3 && time.Now().Before(deadline); {
		ds, err := q.Fetch(ctx, 1, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			attempt = d.Attempt
			if d.Last != (d.Attempt >= 2) {
				t.Errorf("attempt %d: last %v", d.Attempt, d.Last)
			}
		}
	}
	if attempt < 3 {
		t.Errorf("delivered %d times, want a third time past the last", attempt)
	}
}
