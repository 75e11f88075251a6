// Package queue carries articles from the processes that read them to the
// workers that code them, over NATS JetStream: a work-queue stream each
// message of which one worker takes, acks once its article is staged in
// the store, and gets again after a crash (docs/scale.md). An article
// that is not done after MaxDeliver deliveries goes to the dead-letter
// stream with the reason.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyadproject/dyad/internal/source"
)

// Names of the streams, subjects and consumer.
const (
	Stream       = "DYAD_ARTICLES" // work queue: dyad.articles.<run>
	DeadStream   = "DYAD_DEAD"     // dead letters: dyad.dead.<run>
	Consumer     = "workers"
	articlesSubj = "dyad.articles"
	deadSubj     = "dyad.dead"
	// ReasonHeader is the header of a dead letter that says why.
	ReasonHeader = "Dyad-Reason"
)

// Message is an article on its way to a worker: the seq-th (from 1) of the
// publishing run, in the order the run read its inputs.
type Message struct {
	Run     string         `json:"run"`
	Seq     int64          `json:"seq"`
	Key     string         `json:"key"` // the input it was read from (store.Article.Key)
	Article source.Article `json:"article"`
}

// ID is the message's id: JetStream drops a message of an id it has
// seen within its duplicate window, so publishing the same input with the
// same text again is a no-op.
func (m *Message) ID() string {
	h := sha256.Sum256([]byte(m.Article.Text))
	return m.Key + "#" + hex.EncodeToString(h[:8])
}

// Options configure a queue. The first to connect makes the streams and
// the consumer; a later connection changes them only in what it sets.
type Options struct {
	// MaxDeliver is how many times a message is delivered before it is a
	// dead letter: 5 unless set. JetStream delivers it again for as long
	// as it is not acked, so that a message whose dead letter could not
	// be stored (the store down) is not left behind; Delivery.Last says
	// when to give up on it.
	MaxDeliver int
	// AckWait is how long a worker has to ack a message before it is
	// delivered again: 2 minutes unless set.
	AckWait time.Duration
	// Duplicates is the window within which a message id is published
	// once: 24 hours unless set.
	Duplicates time.Duration
}

// Queue is a connection to the queue's streams. It is safe for
// concurrent use.
type Queue struct {
	nc       *nats.Conn
	js       jetstream.JetStream
	consumer jetstream.Consumer
	opt      Options
}

// Connect connects to the NATS server at url and makes the streams and
// the workers' consumer, or brings them to opt.
func Connect(ctx context.Context, url string, opt Options) (*Queue, error) {
	nc, err := nats.Connect(url, nats.Name("dyad"), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	q := &Queue{nc: nc, opt: opt}
	if err := q.setup(ctx); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	return q, nil
}

func (q *Queue) setup(ctx context.Context) error {
	js, err := jetstream.New(q.nc)
	if err != nil {
		return err
	}
	q.js = js
	sc := jetstream.StreamConfig{Name: Stream, Subjects: []string{articlesSubj + ".>"},
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Duplicates: 24 * time.Hour}
	s, err := js.Stream(ctx, Stream)
	switch {
	case errors.Is(err, jetstream.ErrStreamNotFound) || err == nil && q.opt.Duplicates > 0:
		if err == nil {
			sc = s.CachedInfo().Config
		}
		if q.opt.Duplicates > 0 {
			sc.Duplicates = q.opt.Duplicates
		}
		s, err = js.CreateOrUpdateStream(ctx, sc)
	}
	if err != nil {
		return fmt.Errorf("stream %s: %w", Stream, err)
	}
	if _, err := js.Stream(ctx, DeadStream); errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: DeadStream, Subjects: []string{deadSubj + ".>"},
			Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage})
		if err != nil {
			return fmt.Errorf("stream %s: %w", DeadStream, err)
		}
	} else if err != nil {
		return fmt.Errorf("stream %s: %w", DeadStream, err)
	}
	cc := jetstream.ConsumerConfig{Durable: Consumer, AckPolicy: jetstream.AckExplicitPolicy,
		MaxDeliver: -1, AckWait: 2 * time.Minute, MaxAckPending: 10000}
	c, err := s.Consumer(ctx, Consumer)
	switch {
	case errors.Is(err, jetstream.ErrConsumerNotFound) || err == nil && q.opt.AckWait > 0:
		if err == nil {
			cc = c.CachedInfo().Config
		}
		if q.opt.AckWait > 0 {
			cc.AckWait = q.opt.AckWait
		}
		c, err = s.CreateOrUpdateConsumer(ctx, cc)
	}
	if err != nil {
		return fmt.Errorf("consumer %s: %w", Consumer, err)
	}
	q.consumer = c
	if q.opt.MaxDeliver <= 0 {
		q.opt.MaxDeliver = 5
	}
	return nil
}

// Close closes the connection, after what was published is flushed.
func (q *Queue) Close() {
	q.nc.Drain()
}

// Publish puts an article on the queue. It returns whether the stream
// took it as new (false: a duplicate within the window).
func (q *Queue) Publish(ctx context.Context, m Message) (bool, error) {
	if m.Run == "" || m.Seq < 1 {
		return false, fmt.Errorf("queue: publish: run %q, seq %d", m.Run, m.Seq)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", m.Key, err)
	}
	ack, err := q.js.Publish(ctx, articlesSubj+"."+m.Run, b, jetstream.WithMsgID(m.ID()))
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", m.Key, err)
	}
	return !ack.Duplicate, nil
}

// Delivery is a message delivered to a worker, to settle with Ack, Retry
// or Dead.
type Delivery struct {
	Message
	// Attempt is how many times it has been delivered, this time
	// included. Last is whether this is the last time it should be:
	// the attempts before failed or crashed, and it is not worth trying
	// again. NextIsLast is whether the next would be: a failure now is
	// for good, and its error the reason of the dead letter.
	Attempt          int
	Last, NextIsLast bool
	msg              jetstream.Msg
}

// Ack tells the queue the message is done with: it will not come again.
func (d *Delivery) Ack(ctx context.Context) error { return d.msg.DoubleAck(ctx) }

// Retry gives the message back, to be delivered again after the delay.
func (d *Delivery) Retry(delay time.Duration) error { return d.msg.NakWithDelay(delay) }

// Fetch returns up to n messages: those the queue has now, or when it
// has none, the first to come within wait (none after that). A message
// that is no article (bad JSON) is a dead letter at once, not delivered.
func (q *Queue) Fetch(ctx context.Context, n int, wait time.Duration) ([]*Delivery, error) {
	batch, err := q.consumer.FetchNoWait(n)
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	out, err := q.deliveries(ctx, batch)
	if len(out) > 0 || err != nil {
		return out, err
	}
	if batch, err = q.consumer.Fetch(1, jetstream.FetchMaxWait(wait)); err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	return q.deliveries(ctx, batch)
}

// deliveries reads the messages of a batch.
func (q *Queue) deliveries(ctx context.Context, batch jetstream.MessageBatch) ([]*Delivery, error) {
	var out []*Delivery
	for msg := range batch.Messages() {
		md, err := msg.Metadata()
		if err != nil {
			return out, fmt.Errorf("queue: fetch: %w", err)
		}
		d := &Delivery{Attempt: int(md.NumDelivered), Last: int(md.NumDelivered) >= q.opt.MaxDeliver,
			NextIsLast: int(md.NumDelivered)+1 >= q.opt.MaxDeliver, msg: msg}
		if err := json.Unmarshal(msg.Data(), &d.Message); err != nil || d.Run == "" || d.Seq < 1 {
			reason := fmt.Sprintf("not a message of an article: %v", err)
			if err := q.dead(ctx, msg, "unknown", reason); err != nil {
				return out, err
			}
			continue
		}
		out = append(out, d)
	}
	if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
		return out, fmt.Errorf("queue: fetch: %w", err)
	}
	return out, nil
}

// Dead puts the message on the dead-letter stream with the reason, then
// acks it: no worker gets it again.
func (q *Queue) Dead(ctx context.Context, d *Delivery, reason string) error {
	return q.dead(ctx, d.msg, d.Run, reason)
}

func (q *Queue) dead(ctx context.Context, msg jetstream.Msg, run, reason string) error {
	dl := nats.NewMsg(deadSubj + "." + run)
	dl.Data = msg.Data()
	dl.Header.Set(ReasonHeader, reason)
	if md, err := msg.Metadata(); err == nil {
		// One dead letter per message, however often this is retried.
		dl.Header.Set(nats.MsgIdHdr, fmt.Sprint("dead-", md.Sequence.Stream))
	}
	if _, err := q.js.PublishMsg(ctx, dl); err != nil {
		return fmt.Errorf("queue: dead letter: %w", err)
	}
	if err := msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("queue: dead letter: %w", err)
	}
	return nil
}

// Status is what the queue holds.
type Status struct {
	Messages    uint64 `json:"messages"`     // in the work queue: not yet acked
	Pending     uint64 `json:"pending"`      // not yet delivered
	AckPending  int    `json:"ack_pending"`  // delivered, not yet acked
	Redelivered int    `json:"redelivered"`  // delivered more than once, not yet acked
	Dead        uint64 `json:"dead_letters"` // on the dead-letter stream
}

// Status reads what the queue holds.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	var st Status
	s, err := q.js.Stream(ctx, Stream)
	if err != nil {
		return st, fmt.Errorf("queue: status: %w", err)
	}
	si, err := s.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: status: %w", err)
	}
	ci, err := q.consumer.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: status: %w", err)
	}
	st.Messages, st.Pending, st.AckPending, st.Redelivered = si.State.Msgs, ci.NumPending, ci.NumAckPending, ci.NumRedelivered
	ds, err := q.js.Stream(ctx, DeadStream)
	if err != nil {
		return st, fmt.Errorf("queue: status: %w", err)
	}
	di, err := ds.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: status: %w", err)
	}
	st.Dead = di.State.Msgs
	return st, nil
}

// DeadLetter is a message on the dead-letter stream.
type DeadLetter struct {
	Message
	Reason string `json:"reason"`
}

// DeadLetters returns up to n dead letters, the oldest first.
func (q *Queue) DeadLetters(ctx context.Context, n int) ([]DeadLetter, error) {
	s, err := q.js.Stream(ctx, DeadStream)
	if err != nil {
		return nil, fmt.Errorf("queue: dead letters: %w", err)
	}
	var out []DeadLetter
	for seq := uint64(1); len(out) < n; seq++ {
		raw, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			info, ierr := s.Info(ctx)
			if ierr != nil || seq >= info.State.LastSeq {
				break
			}
			continue
		}
		if err != nil {
			return out, fmt.Errorf("queue: dead letters: %w", err)
		}
		dl := DeadLetter{Reason: raw.Header.Get(ReasonHeader)}
		json.Unmarshal(raw.Data, &dl.Message) // a message that is no article keeps only its reason
		out = append(out, dl)
	}
	return out, nil
}
