package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
)

// flakyArgs is a job whose worker fails until told to succeed.
type flakyArgs struct {
	Note string `json:"note"`
}

func (flakyArgs) Kind() string { return "test_flaky" }

type flakyWorker struct {
	river.WorkerDefaults[flakyArgs]
	ok atomic.Bool
}

func (w *flakyWorker) Work(ctx context.Context, job *river.Job[flakyArgs]) error {
	if w.ok.Load() {
		return nil
	}
	return fmt.Errorf("mail server down (attempt %d)", job.Attempt)
}

// blockArgs is a job whose worker reports that it started, then waits for
// release or for its context to end.
type blockArgs struct{}

func (blockArgs) Kind() string { return "test_block" }

type blockWorker struct {
	river.WorkerDefaults[blockArgs]
	started chan int64
	release chan struct{}
}

func newBlockWorker() *blockWorker {
	return &blockWorker{started: make(chan int64, 1), release: make(chan struct{})}
}

func (w *blockWorker) Work(ctx context.Context, job *river.Job[blockArgs]) error {
	w.started <- job.ID
	select {
	case <-w.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestRetriesThenDiscardsThenRetry(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		ctx := t.Context()
		w := &flakyWorker{}
		workers := river.NewWorkers()
		river.AddWorker(workers, w)
		r := e.start(t, jobs.Config{Workers: workers})
		events, unsubscribe := r.Subscribe(river.EventKindJobFailed, river.EventKindJobCompleted)
		defer unsubscribe()

		id := e.enqueue(t, flakyArgs{Note: "hello"}, &helpdesk.JobOpts{MaxAttempts: 3})
		waitEvent(t, events, id, inState(rivertype.JobStateDiscarded))

		dead, err := r.List(ctx, jobs.ListFilter{States: []string{"discarded"}})
		if err != nil {
			t.Fatalf("List discarded: %v", err)
		}
		if len(dead) != 1 || dead[0].ID != id {
			t.Fatalf("List discarded: got %+v, want job %d", dead, id)
		}
		j := dead[0]
		if j.Kind != "test_flaky" || j.Queue != "default" || j.State != "discarded" ||
			j.Attempt != 3 || j.MaxAttempts != 3 || j.FinalizedAt == nil || j.AttemptedAt == nil {
			t.Errorf("discarded job: got %+v", j)
		}
		if len(j.Errors) != 3 {
			t.Fatalf("errors: got %d, want 3 (%+v)", len(j.Errors), j.Errors)
		}
		for i, je := range j.Errors {
			want := fmt.Sprintf("mail server down (attempt %d)", i+1)
			if je.Attempt != i+1 || je.Error != want || je.At.IsZero() {
				t.Errorf("error %d: got %+v, want attempt %d %q", i, je, i+1, want)
			}
		}
		if got, err := r.Get(ctx, id); err != nil || got.State != "discarded" || len(got.Errors) != 3 {
			t.Errorf("Get: got %+v, %v; want the discarded job", got, err)
		}

		w.ok.Store(true)
		retried, err := r.Retry(ctx, id)
		if err != nil {
			t.Fatalf("Retry: %v", err)
		}
		if retried.State != "available" || retried.MaxAttempts != 4 {
			t.Errorf("Retry: got state %s, max attempts %d; want available, 4", retried.State, retried.MaxAttempts)
		}
		waitEvent(t, events, id, inState(rivertype.JobStateCompleted))
		done, err := r.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		if done.State != "completed" || done.Attempt != 4 || len(done.Errors) != 3 {
			t.Errorf("after Retry: got state %s, attempt %d, %d errors; want completed, 4, 3",
				done.State, done.Attempt, len(done.Errors))
		}
	})
}

func TestRunningJob(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		ctx := t.Context()
		w := newBlockWorker()
		workers := river.NewWorkers()
		river.AddWorker(workers, w)
		r := e.start(t, jobs.Config{Workers: workers})
		events, unsubscribe := r.Subscribe(river.EventKindJobCompleted)
		defer unsubscribe()

		id := e.enqueue(t, blockArgs{}, nil)
		if got := recv(t, "job start", w.started); got != id {
			t.Fatalf("started job %d, want %d", got, id)
		}
		j, err := r.Get(ctx, id)
		if err != nil || j.State != "running" {
			t.Errorf("Get while running: got %+v, %v", j, err)
		}
		_, err = r.Discard(ctx, id)
		wantCode(t, "Discard while running", err, helpdesk.ECONFLICT)
		_, err = r.Retry(ctx, id)
		wantCode(t, "Retry while running", err, helpdesk.ECONFLICT)

		close(w.release)
		waitEvent(t, events, id, inState(rivertype.JobStateCompleted))
	})
}

func TestStop(t *testing.T) {
	t.Run("LetsRunningJobFinish", func(t *testing.T) {
		engines(t, func(t *testing.T, e env) {
			w := newBlockWorker()
			workers := river.NewWorkers()
			river.AddWorker(workers, w)
			// River logs this once Stop has begun; the job is released
			// only then, so Stop must have waited for it.
			stopping := newLogSignal(": Stopping producers")
			r := e.start(t, jobs.Config{Workers: workers, Logger: slogFor(stopping)})

			id := e.enqueue(t, blockArgs{}, nil)
			recv(t, "job start", w.started)
			stopped := make(chan error, 1)
			go func() { stopped <- r.Stop(context.Background()) }()
			recv(t, "stop begins", stopping.ch)
			select {
			case err := <-stopped:
				t.Fatalf("Stop returned %v while a job was running", err)
			default:
			}
			close(w.release)
			if err := recv(t, "Stop", stopped); err != nil {
				t.Fatalf("Stop: %v", err)
			}
			j, err := e.admin(t).Get(t.Context(), id)
			if err != nil || j.State != "completed" {
				t.Errorf("after Stop: got %+v, %v; want the job completed", j, err)
			}
		})
	})
	t.Run("CancelsWhenContextEnds", func(t *testing.T) {
		engines(t, func(t *testing.T, e env) {
			w := newBlockWorker()
			workers := river.NewWorkers()
			river.AddWorker(workers, w)
			r := e.start(t, jobs.Config{Workers: workers})

			id := e.enqueue(t, blockArgs{}, nil)
			recv(t, "job start", w.started)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if err := r.Stop(ctx); !errors.Is(err, context.Canceled) {
				t.Fatalf("Stop with an ended context: got %v, want context.Canceled", err)
			}
			// The interrupted job goes back to the queue without using an
			// attempt or recording an error.
			j, err := e.admin(t).Get(t.Context(), id)
			if err != nil || j.State != "available" || j.Attempt != 0 || len(j.Errors) != 0 {
				t.Errorf("after a hard stop: got %+v, %v; want available, attempt 0, no errors", j, err)
			}
		})
	})
	t.Run("WithoutWorkers", func(t *testing.T) {
		engines(t, func(t *testing.T, e env) {
			r := e.admin(t)
			if err := r.Start(t.Context()); err != nil {
				t.Errorf("Start: %v", err)
			}
			if err := r.Stop(t.Context()); err != nil {
				t.Errorf("Stop: %v", err)
			}
		})
	})
}

// chainArgs is a job whose worker enqueues a followArgs job through the
// store, as the notification workers do.
type chainArgs struct{}

func (chainArgs) Kind() string { return "test_chain" }

type chainWorker struct {
	river.WorkerDefaults[chainArgs]
	store helpdesk.Store
}

func (w *chainWorker) Work(ctx context.Context, job *river.Job[chainArgs]) error {
	return w.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.EnqueueJob(ctx, followArgs{Parent: job.ID}, nil)
	})
}

type followArgs struct {
	Parent int64 `json:"parent"`
}

func (followArgs) Kind() string { return "test_follow" }

type followWorker struct {
	river.WorkerDefaults[followArgs]
}

func (followWorker) Work(context.Context, *river.Job[followArgs]) error { return nil }

// On SQLite the worker's Update and River share the one writer connection;
// this would hang if either held it while waiting for the other.
func TestWorkerEnqueuesInTransaction(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		workers := river.NewWorkers()
		river.AddWorker(workers, &chainWorker{store: e.store})
		river.AddWorker(workers, followWorker{})
		r := e.start(t, jobs.Config{Workers: workers})
		events, unsubscribe := r.Subscribe(river.EventKindJobCompleted)
		defer unsubscribe()

		parent := e.enqueue(t, chainArgs{}, nil)
		// The two completions may arrive in either order.
		var parentDone bool
		var child *rivertype.JobRow
		for !parentDone || child == nil {
			ev := recv(t, "job completions", events)
			switch {
			case ev.Job.ID == parent:
				parentDone = true
			case ev.Job.Kind == "test_follow":
				child = ev.Job
			}
		}
		var args followArgs
		if err := json.Unmarshal(child.EncodedArgs, &args); err != nil || args.Parent != parent {
			t.Errorf("follow-up args: got %s (%v), want parent %d", child.EncodedArgs, err, parent)
		}
	})
}
