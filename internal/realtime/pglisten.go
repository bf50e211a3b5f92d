package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// listener is the state of the LISTEN loop: the highest event id seen, for
// catching up after a reconnect, and the ids seen lately, since a catch-up
// and the notifications that arrive meanwhile overlap.
type listener struct {
	last int64
	seen recent
}

// listen receives notifications on conn until ctx ends, reconnecting with
// backoff whenever the connection is lost.
func (b *PGBus) listen(ctx context.Context, conn *pgx.Conn, last int64) {
	defer b.wg.Done()
	l := &listener{last: last, seen: newRecent(4096)}
	for {
		err := b.receive(ctx, conn, l)
		_ = conn.Close(context.Background())
		if ctx.Err() != nil {
			return
		}
		lost := time.Now()
		b.log.Warn("realtime listener lost its connection", slog.String("error", err.Error()))
		if conn = b.reconnect(ctx); conn == nil {
			return
		}
		if time.Since(lost) > Retention/2 {
			// Events older than Retention may be gone: clients refetch.
			b.fan.deliver(Event{ID: newID(), Type: TypeResync, At: time.Now()})
		}
		if err := b.catchUp(ctx, conn, l); err != nil {
			b.log.Warn("realtime listener could not catch up", slog.String("error", err.Error()))
			b.fan.deliver(Event{ID: newID(), Type: TypeResync, At: time.Now()})
		}
		b.log.Info("realtime listener reconnected", slog.Duration("away", time.Since(lost)))
	}
}

// receive hands on notifications until the connection fails or ctx ends.
// A quiet connection is pinged every idleCheck, so a dead peer is noticed
// even when no packet ever says so.
func (b *PGBus) receive(ctx context.Context, conn *pgx.Conn, l *listener) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, idleCheck)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			if err := b.handle(ctx, conn, l, n.Payload); err != nil {
				b.log.Warn("realtime notification dropped", slog.String("error", err.Error()))
			}
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err):
			pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return fmt.Errorf("ping: %w", err)
			}
		default:
			return err
		}
	}
}

// handle delivers the event a notification names, reading its body from
// the table when it was too large to inline.
func (b *PGBus) handle(ctx context.Context, conn *pgx.Conn, l *listener, payload string) error {
	id, body, err := decodeNotification(payload)
	if err != nil {
		return err
	}
	if l.seen.has(id) {
		return nil
	}
	if body == "" {
		err := conn.QueryRow(ctx, `SELECT body FROM realtime_events WHERE id = $1`, id).Scan(&body)
		if err != nil {
			return fmt.Errorf("read realtime event %d: %w", id, err)
		}
	}
	return b.deliver(l, id, body)
}

// catchUp delivers the events stored since the last one seen: those
// published while the listener was away.
func (b *PGBus) catchUp(ctx context.Context, conn *pgx.Conn, l *listener) error {
	rows, err := conn.Query(ctx, `SELECT id, body FROM realtime_events WHERE channel = $1 AND id > $2 ORDER BY id`, b.channel, l.last)
	if err != nil {
		return fmt.Errorf("catch up: %w", err)
	}
	type stored struct {
		id   int64
		body string
	}
	missed, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (stored, error) {
		var s stored
		err := r.Scan(&s.id, &s.body)
		return s, err
	})
	if err != nil {
		return fmt.Errorf("catch up: %w", err)
	}
	for _, s := range missed {
		if l.seen.has(s.id) {
			continue
		}
		if err := b.deliver(l, s.id, s.body); err != nil {
			b.log.Warn("realtime event dropped", slog.String("error", err.Error()))
		}
	}
	return nil
}

func (b *PGBus) deliver(l *listener, id int64, body string) error {
	l.seen.add(id)
	l.last = max(l.last, id)
	var e Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return fmt.Errorf("decode realtime event %d: %w", id, err)
	}
	b.fan.deliver(e)
	return nil
}

// reconnect retries connecting with jittered exponential backoff, from
// 100 ms up to 5 s, until it succeeds or ctx ends (nil).
func (b *PGBus) reconnect(ctx context.Context) *pgx.Conn {
	wait := 100 * time.Millisecond
	for {
		t := time.NewTimer(wait/2 + rand.N(wait/2+1))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		conn, err := b.connect(ctx)
		if err == nil {
			return conn
		}
		if ctx.Err() != nil {
			return nil
		}
		b.log.Warn("realtime listener cannot reconnect", slog.String("error", err.Error()))
		wait = min(2*wait, 5*time.Second)
	}
}

// recent remembers the last n ids added.
type recent struct {
	ids  map[int64]struct{}
	ring []int64
	next int
}

func newRecent(n int) recent {
	return recent{ids: make(map[int64]struct{}, n), ring: make([]int64, n)}
}

func (r *recent) has(id int64) bool {
	_, ok := r.ids[id]
	return ok
}

func (r *recent) add(id int64) {
	if old := r.ring[r.next]; old != 0 {
		delete(r.ids, old)
	}
	r.ring[r.next] = id
	r.ids[id] = struct{}{}
	r.next = (r.next + 1) % len(r.ring)
}
