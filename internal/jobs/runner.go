// Package jobs runs Triage's background jobs on River, over the same
// database as the store (SQLite or PostgreSQL), and gives admins a view of
// the queue. Jobs are enqueued by the stores, inside the write transaction
// of the change that needs them (helpdesk.Tx.EnqueueJob); this package
// works them and manages them.
package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// Config tunes a Runner. Zero values take the defaults.
type Config struct {
	// Workers are the job handlers. Nil makes an admin-only Runner that
	// never works jobs, for commands that only inspect the queue.
	Workers *river.Workers
	// Concurrency is how many jobs run at once in this process; default 4,
	// or 2 on SQLite, whose single writer serializes jobs' writes anyway.
	Concurrency int
	// RetryPolicy schedules failed jobs; nil takes River's default
	// (attempt^4 seconds).
	RetryPolicy river.ClientRetryPolicy
	// PollInterval is how often the queue is checked for due jobs; default
	// 1s. SQLite has no LISTEN, so it is how long a new job may wait there;
	// PostgreSQL hears of new jobs at once and polls only as a fallback.
	PollInterval time.Duration
	// Logger receives River's own logs; nil takes slog.Default().
	Logger *slog.Logger
}

// Default settings.
const (
	defaultConcurrency       = 4
	defaultSQLiteConcurrency = 2
	defaultPollInterval      = time.Second
	// hardStopTimeout bounds how long Stop waits for cancelled jobs to
	// return once its context has ended.
	hardStopTimeout = 10 * time.Second
)

// client is what the Runner uses of a River client; it hides the
// transaction type, which differs between the engines.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobDelete(ctx context.Context, id int64) (*rivertype.JobRow, error)
}

// Runner works background jobs and answers admins' questions about them.
type Runner struct {
	client  client
	working bool
}

// NewSQLite returns a Runner on an SQLite database. db must be the store's
// single-connection writer (sqlite.DB.JobDB): River writes whenever it
// fetches, and sharing the writer queues those writes behind the store's.
// River never listens on SQLite, so it polls every cfg.PollInterval.
func NewSQLite(db *sql.DB, cfg Config) (*Runner, error) {
	rc := cfg.riverConfig(defaultSQLiteConcurrency)
	rc.PollOnly = true
	c, err := river.NewClient(riversqlite.New(db), rc)
	if err != nil {
		return nil, fmt.Errorf("create job runner: %w", err)
	}
	return &Runner{client: c, working: cfg.Workers != nil}, nil
}

// NewPostgres returns a Runner on a PostgreSQL pool (postgres.DB.Pool). One
// connection stays on LISTEN for new jobs while the Runner works.
func NewPostgres(pool *pgxpool.Pool, cfg Config) (*Runner, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), cfg.riverConfig(defaultConcurrency))
	if err != nil {
		return nil, fmt.Errorf("create job runner: %w", err)
	}
	return &Runner{client: c, working: cfg.Workers != nil}, nil
}

// riverConfig translates cfg into River's configuration. Only the default
// queue is worked.
func (cfg Config) riverConfig(concurrency int) *river.Config {
	rc := &river.Config{Logger: cfg.Logger, RetryPolicy: cfg.RetryPolicy}
	if cfg.Workers == nil {
		return rc
	}
	poll := cmp.Or(cfg.PollInterval, defaultPollInterval)
	rc.Workers = cfg.Workers
	rc.Queues = map[string]river.QueueConfig{
		river.QueueDefault: {MaxWorkers: cmp.Or(cfg.Concurrency, concurrency)},
	}
	rc.FetchPollInterval = poll
	// River refuses a poll interval shorter than the fetch cooldown.
	rc.FetchCooldown = min(river.FetchCooldownDefault, poll)
	return rc
}

// Start starts working jobs in the background, if the Runner has Workers;
// otherwise it does nothing. ctx bounds only the start: the Runner keeps
// working until Stop, so that cancelling a server's context on a signal
// does not cut running jobs short before Stop can let them finish.
func (r *Runner) Start(ctx context.Context) error {
	if !r.working {
		return nil
	}
	if err := r.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start job runner: %w", err)
	}
	return nil
}

// Stop stops fetching jobs and waits for the running ones to finish. If ctx
// ends first, it cancels their contexts, waits a little longer for them to
// return, and reports ctx's error. A job that returns its context's error
// goes back to the queue without using up an attempt, so a worker should
// return ctx.Err() when it gives up on cancellation. Stop on a Runner that
// is not working returns nil.
func (r *Runner) Stop(ctx context.Context) error {
	if !r.working {
		return nil
	}
	err := r.client.Stop(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() == nil {
		return fmt.Errorf("stop job runner: %w", err)
	}
	hardCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), hardStopTimeout)
	defer cancel()
	if herr := r.client.StopAndCancel(hardCtx); herr != nil {
		return fmt.Errorf("stop job runner: running jobs ignored cancellation: %w", errors.Join(err, herr))
	}
	return fmt.Errorf("stop job runner: cancelled running jobs: %w", err)
}
