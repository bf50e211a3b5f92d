package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Schema is the table PGBus keeps its events in. Start creates it when it
// is missing; a deployment whose database role may not create tables can run
// it as a migration instead. UNLOGGED: the rows live for minutes and need no
// WAL, no replication and no crash safety.
const Schema = `
CREATE UNLOGGED TABLE IF NOT EXISTS realtime_events (
	id         bigserial   PRIMARY KEY,
	channel    text        NOT NULL,
	body       text        NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS realtime_events_created_at_idx ON realtime_events (created_at);`

const (
	// Retention is how long events stay in realtime_events: long enough for
	// a listener to reconnect and catch up, short enough to stay tiny.
	Retention = 10 * time.Minute
	// maxInline is the largest event body sent inside the NOTIFY itself
	// (PostgreSQL refuses payloads of 8000 bytes or more; the id and a
	// space come first). Larger bodies are read from the table by id.
	maxInline = 7900
	// idleCheck is how long the listener waits for a notification before
	// it checks that its connection still answers.
	idleCheck = 30 * time.Second
	// schemaLockKey serializes schema creation across instances.
	schemaLockKey = 0x747269616765_01
)

var channelName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// PGBus is the Bus of several instances sharing one PostgreSQL database.
// Publish stores the event in realtime_events and, in the same statement,
// sends NOTIFY with its id, and with its body when that fits; one dedicated
// connection per instance LISTENs, reads bodies that did not fit from the
// table, and hands events to local subscribers. After losing its connection
// the listener reconnects and catches up from the table, so a restart of the
// database or a network blip loses nothing younger than Retention.
type PGBus struct {
	pool    *pgxpool.Pool
	channel string
	log     *slog.Logger
	fan     fanout

	schemaMu sync.Mutex
	schemaOK bool

	started atomic.Bool
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// NewPGBus returns a bus on pool that notifies on channel, a lower-case SQL
// identifier. It does no I/O until Start.
func NewPGBus(pool *pgxpool.Pool, channel string, log *slog.Logger) *PGBus {
	return &PGBus{pool: pool, channel: channel, log: log}
}

// Start creates the table if needed, opens the listening connection and
// returns once it listens, so every event published after Start returns is
// delivered. The listener and the table janitor run until Close.
func (b *PGBus) Start(ctx context.Context) error {
	if !channelName.MatchString(b.channel) {
		return fmt.Errorf("realtime channel %q: must be a lower-case SQL identifier", b.channel)
	}
	if err := b.ensureSchema(ctx); err != nil {
		return err
	}
	conn, err := b.connect(ctx)
	if err != nil {
		return err
	}
	var last int64
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM realtime_events WHERE channel = $1`, b.channel).Scan(&last); err != nil {
		_ = conn.Close(context.Background())
		return fmt.Errorf("read last realtime event: %w", err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	b.stop = stop
	b.started.Store(true)
	b.wg.Add(2)
	go b.listen(runCtx, conn, last)
	go b.janitor(runCtx)
	return nil
}

// Close stops the listener and the janitor, waits for them and ends every
// subscription.
func (b *PGBus) Close() {
	if b.stop != nil {
		b.stop()
	}
	b.wg.Wait()
	b.fan.close()
}

// Subscribe returns every event published from now on by any instance.
func (b *PGBus) Subscribe(ctx context.Context) (<-chan Event, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if !b.started.Load() {
		return nil, nil, errors.New("realtime: PGBus.Subscribe before Start")
	}
	return b.fan.subscribe()
}

// Dropped counts events lost because a local subscriber fell behind.
func (b *PGBus) Dropped() int64 { return b.fan.dropped.Load() }

// Publish stores e and notifies every listening instance, this one
// included. Notifications are sent at commit, and the statement commits on
// its own: call Publish after the transaction that caused the event.
func (b *PGBus) Publish(ctx context.Context, e Event) error {
	if err := prepare(&e, time.Now()); err != nil {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode %s event: %w", e.Type, err)
	}
	if err := b.ensureSchema(ctx); err != nil {
		return err
	}
	const q = `
WITH e AS (INSERT INTO realtime_events (channel, body) VALUES ($1, $2) RETURNING id)
SELECT pg_notify($1, CASE WHEN $3::bool THEN e.id::text || ' ' || $2::text ELSE e.id::text END) FROM e`
	if _, err := b.pool.Exec(ctx, q, b.channel, string(body), len(body) <= maxInline); err != nil {
		return fmt.Errorf("publish %s event: %w", e.Type, err)
	}
	return nil
}

// ensureSchema creates realtime_events once per process. The advisory lock
// keeps two instances starting together from racing on CREATE TABLE.
func (b *PGBus) ensureSchema(ctx context.Context) error {
	b.schemaMu.Lock()
	defer b.schemaMu.Unlock()
	if b.schemaOK {
		return nil
	}
	tx, err := b.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("create realtime schema: %w", err)
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(schemaLockKey)); err != nil {
		return fmt.Errorf("create realtime schema: %w", err)
	}
	if _, err := tx.Exec(ctx, Schema); err != nil {
		return fmt.Errorf("create realtime schema: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("create realtime schema: %w", err)
	}
	b.schemaOK = true
	return nil
}

// connect opens the listening connection outside the pool, so it takes no
// pool slot and the pool never hands it to anyone else.
func (b *PGBus) connect(ctx context.Context) (*pgx.Conn, error) {
	cfg := b.pool.Config().ConnConfig
	cfg.RuntimeParams["application_name"] = "triage-realtime"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect realtime listener: %w", err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{b.channel}.Sanitize()); err != nil {
		_ = conn.Close(context.Background())
		return nil, fmt.Errorf("listen on %s: %w", b.channel, err)
	}
	return conn, nil
}

// janitor deletes events older than Retention. Every instance runs one;
// running them together is harmless.
func (b *PGBus) janitor(ctx context.Context) {
	defer b.wg.Done()
	t := time.NewTicker(Retention / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, err := b.pool.Exec(ctx, `DELETE FROM realtime_events WHERE created_at < now() - make_interval(secs => $1)`, Retention.Seconds())
		if err != nil && ctx.Err() == nil {
			b.log.Warn("realtime janitor failed", slog.String("error", err.Error()))
		}
	}
}

// decodeNotification splits a payload into the event id and, when the body
// was inlined, the body.
func decodeNotification(payload string) (id int64, body string, err error) {
	head, body, _ := strings.Cut(payload, " ")
	id, err = strconv.ParseInt(head, 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("realtime notification %.40q: %w", payload, err)
	}
	return id, body, nil
}
