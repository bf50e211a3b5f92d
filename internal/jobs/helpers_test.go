package jobs_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/sqlite"
)

// waitTimeout bounds every wait for a job event; reaching it fails the test.
// waitTimeout is generous: under the race detector with every package
// testing at once on two cores, River's polling can lag by seconds. A real
// hang still fails, with every goroutine's stack.
const waitTimeout = 90 * time.Second

// env is a fresh, migrated store and a way to make Runners on it.
type env struct {
	store     helpdesk.Store
	newRunner func(cfg jobs.Config) (*jobs.Runner, error)
}

// engines runs fn once per database engine, in parallel subtests.
func engines(t *testing.T, fn func(t *testing.T, e env)) {
	t.Run("SQLite", func(t *testing.T) {
		t.Parallel()
		db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "triage.db"), sqlite.Options{})
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate sqlite: %v", err)
		}
		fn(t, env{store: db, newRunner: func(cfg jobs.Config) (*jobs.Runner, error) {
			return jobs.NewSQLite(db.JobDB(), cfg)
		}})
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		t.Parallel()
		db, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{MaxConns: 8})
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("migrate postgres: %v", err)
		}
		fn(t, env{store: db, newRunner: func(cfg jobs.Config) (*jobs.Runner, error) {
			return jobs.NewPostgres(db.Pool(), cfg)
		}})
	})
}

// admin returns a Runner without workers, for managing the queue.
func (e env) admin(t *testing.T) *jobs.Runner {
	t.Helper()
	r, err := e.newRunner(jobs.Config{})
	if err != nil {
		t.Fatalf("new admin runner: %v", err)
	}
	return r
}

// start returns a started Runner with cfg, polling fast and retrying
// failed jobs at once unless cfg says otherwise; it is stopped when the
// test ends, before the store closes.
func (e env) start(t *testing.T, cfg jobs.Config) *jobs.Runner {
	t.Helper()
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	if cfg.RetryPolicy == nil {
		cfg.RetryPolicy = fastRetry{}
	}
	if cfg.Logger == nil {
		cfg.Logger = quiet()
	}
	r, err := e.newRunner(cfg)
	if err != nil {
		t.Fatalf("new runner: %v", err)
	}
	if err := r.Start(t.Context()); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Errorf("Stop at cleanup: %v", err)
		}
	})
	return r
}

// enqueue adds a job in its own transaction and returns its id, the newest
// in the queue.
func (e env) enqueue(t *testing.T, args helpdesk.JobArgs, opts *helpdesk.JobOpts) int64 {
	t.Helper()
	err := e.store.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.EnqueueJob(ctx, args, opts)
	})
	if err != nil {
		t.Fatalf("enqueue %s: %v", args.Kind(), err)
	}
	list, err := e.admin(t).List(t.Context(), jobs.ListFilter{Limit: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("List after enqueue: %v, %v", list, err)
	}
	return list[0].ID
}

// fastRetry retries a failed job 10ms later.
type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// quiet is a logger that drops everything.
func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// waitEvent returns the first event on ch for job id that ok accepts.
func waitEvent(t *testing.T, ch <-chan *river.Event, id int64, ok func(*river.Event) bool) *river.Event {
	t.Helper()
	timeout := time.NewTimer(waitTimeout)
	defer timeout.Stop()
	for {
		select {
		case ev := <-ch:
			if ev.Job != nil && ev.Job.ID == id && ok(ev) {
				return ev
			}
		case <-timeout.C:
			t.Fatalf("job %d: no awaited event within %s", id, waitTimeout)
			return nil
		}
	}
}

// inState accepts an event whose job is now in state s.
func inState(s rivertype.JobState) func(*river.Event) bool {
	return func(ev *river.Event) bool { return ev.Job.State == s }
}

// recv waits for a value on ch, failing the test after waitTimeout.
func recv[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitTimeout):
		// Say where everything is stuck: a hang here would be a deadlock
		// on SQLite's one writer connection.
		var b strings.Builder
		_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
		t.Fatalf("%s: nothing within %s; goroutines:\n%s", what, waitTimeout, b.String())
		var zero T
		return zero
	}
}

// wantCode fails the test unless err carries the helpdesk code want.
func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := helpdesk.ErrorCode(err); got != want {
		t.Errorf("%s: code got %q, want %q (err: %v)", what, got, want, err)
	}
}

// slogFor returns a logger writing to h.
func slogFor(h slog.Handler) *slog.Logger { return slog.New(h) }

// logSignal is a log handler that closes ch when River logs a message
// ending in suffix: the only outside sign of some steps inside River.
type logSignal struct {
	suffix string
	once   *sync.Once
	ch     chan struct{}
}

func newLogSignal(suffix string) logSignal {
	return logSignal{suffix: suffix, once: new(sync.Once), ch: make(chan struct{})}
}

func (h logSignal) Enabled(context.Context, slog.Level) bool { return true }
func (h logSignal) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h logSignal) WithGroup(string) slog.Handler            { return h }
func (h logSignal) Handle(_ context.Context, r slog.Record) error {
	if strings.HasSuffix(r.Message, h.suffix) {
		h.once.Do(func() { close(h.ch) })
	}
	return nil
}
