package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
)

// maxAttempts bounds how often Update runs fn when PostgreSQL keeps
// reporting serialization failures.
const maxAttempts = 10

// Update runs fn in one SERIALIZABLE transaction, committing when fn
// returns nil and rolling back on an error or a panic (which it re-raises).
//
// SERIALIZABLE gives the service the same guarantees as SQLite's single
// writer: a read-check-write in fn (the last active admin, a ticket read,
// changed and written back) cannot interleave with another one. The price
// is that PostgreSQL may abort a transaction with a serialization failure
// (or a deadlock); Update then runs fn again from the start, a bounded
// number of times. fn must therefore touch nothing but tx, which the
// helpdesk.Store contract already requires.
func (db *DB) Update(ctx context.Context, fn func(ctx context.Context, tx helpdesk.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.updateOnce(ctx, fn)
		if err == nil || !retryable(err) || attempt == maxAttempts {
			return err
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// updateOnce is one attempt of Update.
func (db *DB) updateOnce(ctx context.Context, fn func(ctx context.Context, tx helpdesk.Tx) error) (err error) {
	ptx, err := db.beginTx(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = ptx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			// The rollback error is dropped: fn's error says what went
			// wrong, and a broken connection is discarded by the pool.
			_ = ptx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err := fn(ctx, &tx{reader: reader{q: ptx}, ptx: ptx, jobs: db.jobs}); err != nil {
		return err
	}
	if err := ptx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// retryable reports whether err is PostgreSQL asking for the transaction
// to be tried again.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	return pgErr.Code == "40001" || pgErr.Code == "40P01" // serialization_failure, deadlock_detected
}

// backoff waits a short random time, growing with attempt, so that
// transactions which just collided do not collide again in lock step.
func backoff(ctx context.Context, attempt int) error {
	limit := min(time.Millisecond<<attempt, 100*time.Millisecond)
	t := time.NewTimer(rand.N(limit))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("retry transaction: %w", ctx.Err())
	case <-t.C:
		return nil
	}
}

// tx is a helpdesk.Tx over one pgx transaction. Its reads are the same
// code as the store's, run on the transaction instead of the pool.
type tx struct {
	reader
	ptx pgx.Tx
	// jobs is the DB's insert-only River client, for EnqueueJob.
	jobs *river.Client[pgx.Tx]
}

var _ helpdesk.Tx = (*tx)(nil)

// savepoint runs fn inside a savepoint, rolling back to it if fn fails.
// PostgreSQL aborts the whole transaction on a failed statement, while
// SQLite carries on; wrapping the writes that callers may expect to fail
// (a taken email or team name) keeps the engines alike: after such an
// error the transaction is still usable.
func (t *tx) savepoint(ctx context.Context, fn func(q pgx.Tx) error) error {
	sp, err := t.ptx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := fn(sp); err != nil {
		_ = sp.Rollback(ctx)
		return err
	}
	if err := sp.Commit(ctx); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}
