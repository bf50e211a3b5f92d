package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/triagehq/triage/internal/helpdesk"
)

// newJobClient returns an insert-only River client on the writer. It never
// works jobs and starts nothing; it lets a Tx enqueue jobs inside its own
// transaction, so a job exists exactly when the change that asked for it
// committed. It logs nothing: its only failures are returned to the caller.
func newJobClient(writer *sql.DB) (*river.Client[*sql.Tx], error) {
	c, err := river.NewClient(riversqlite.New(writer), &river.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("create job client: %w", err)
	}
	return c, nil
}

// JobDB returns the pool River must use on this database: the writer. River
// writes on every fetch, and the writer's single connection keeps River's
// writes and ours queued in Go rather than failing with SQLITE_BUSY. A
// job runner must never open its own transaction while an Update holds the
// writer, or the two would wait for each other forever.
func (db *DB) JobDB() *sql.DB { return db.writer }

// EnqueueJob inserts a job in t's transaction: it is committed or rolled
// back with everything else t does.
func (t *Tx) EnqueueJob(ctx context.Context, args helpdesk.JobArgs, opts *helpdesk.JobOpts) error {
	if _, err := t.jobs.InsertTx(ctx, t.tx, args, insertOpts(opts)); err != nil {
		return fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
	}
	return nil
}

// insertOpts translates the domain's job options into River's; nil stays
// nil, so River applies the job's and the client's defaults.
func insertOpts(o *helpdesk.JobOpts) *river.InsertOpts {
	if o == nil {
		return nil
	}
	return &river.InsertOpts{Queue: o.Queue, MaxAttempts: o.MaxAttempts, ScheduledAt: o.ScheduledAt}
}
