package postgres

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// newJobClient returns an insert-only River client on pool. It never works
// jobs and starts nothing; it lets a tx enqueue jobs inside its own
// transaction, so a job exists exactly when the change that asked for it
// committed. It logs nothing: its only failures are returned to the caller.
func newJobClient(pool *pgxpool.Pool) (*river.Client[pgx.Tx], error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("create job client: %w", err)
	}
	return c, nil
}

// EnqueueJob inserts a job in t's transaction: it is committed or rolled
// back with everything else t does. When Update runs fn again after a
// serialization failure, the job is inserted again in the fresh
// transaction, and the aborted one's insert is gone with it.
func (t *tx) EnqueueJob(ctx context.Context, args helpdesk.JobArgs, opts *helpdesk.JobOpts) error {
	if _, err := t.jobs.InsertTx(ctx, t.ptx, args, insertOpts(opts)); err != nil {
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
