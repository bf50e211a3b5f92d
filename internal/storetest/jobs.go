package storetest

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
)

func jobTests() []test {
	return []test{
		{"Jobs/EnqueueCommits", testEnqueueCommits},
		{"Jobs/EnqueueDefaults", testEnqueueDefaults},
		{"Jobs/ErrorRollsBack", testEnqueueErrorRollsBack},
		{"Jobs/PanicRollsBack", testEnqueuePanicRollsBack},
		{"Jobs/ErrBadQueue", testEnqueueBadQueue},
	}
}

// jobArgs is a job payload for the suite.
type jobArgs struct {
	Note string `json:"note"`
}

func (jobArgs) Kind() string { return "storetest_job" }

// jobQueue returns an admin view of s's job queue, through the handle each
// engine exposes for the job runner.
func jobQueue(t *testing.T, s helpdesk.Store) *jobs.Runner {
	t.Helper()
	var r *jobs.Runner
	var err error
	switch db := s.(type) {
	case interface{ JobDB() *sql.DB }:
		r, err = jobs.NewSQLite(db.JobDB(), jobs.Config{})
	case interface{ Pool() *pgxpool.Pool }:
		r, err = jobs.NewPostgres(db.Pool(), jobs.Config{})
	default:
		t.Fatalf("store %T exposes no database for the job runner", s)
	}
	must(t, "new job runner", err)
	return r
}

// listJobs returns every job, newest first.
func listJobs(t *testing.T, s helpdesk.Store) []jobs.Job {
	t.Helper()
	list, err := jobQueue(t, s).List(t.Context(), jobs.ListFilter{})
	must(t, "list jobs", err)
	return list
}

func testEnqueueCommits(t *testing.T, s helpdesk.Store) {
	// A whole second, so that no engine's time precision matters.
	when := time.Now().UTC().Add(time.Hour).Truncate(time.Second)
	var u *helpdesk.User
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		if u, err = userAndAudit(ctx, tx, "job@corp.example"); err != nil {
			return err
		}
		return tx.EnqueueJob(ctx, jobArgs{Note: "welcome"},
			&helpdesk.JobOpts{Queue: "mail", MaxAttempts: 5, ScheduledAt: when})
	})
	if _, err := s.FindUserByID(t.Context(), u.ID); err != nil {
		t.Errorf("user of the committed transaction: %v", err)
	}
	list := listJobs(t, s)
	if len(list) != 1 {
		t.Fatalf("jobs: got %d, want 1", len(list))
	}
	j := list[0]
	if j.Kind != "storetest_job" || j.Queue != "mail" || j.MaxAttempts != 5 || j.State != "scheduled" ||
		j.Attempt != 0 || len(j.Errors) != 0 || j.AttemptedAt != nil || j.FinalizedAt != nil {
		t.Errorf("job: got %+v", j)
	}
	checkEqual(t, "scheduled_at", j.ScheduledAt, when)
}

func testEnqueueDefaults(t *testing.T, s helpdesk.Store) {
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.EnqueueJob(ctx, jobArgs{Note: "a"}, nil); err != nil {
			return err
		}
		return tx.EnqueueJob(ctx, jobArgs{Note: "b"}, &helpdesk.JobOpts{})
	})
	list := listJobs(t, s)
	if len(list) != 2 {
		t.Fatalf("jobs: got %d, want 2", len(list))
	}
	if list[0].ID <= list[1].ID {
		t.Errorf("ids: got %d then %d, want newest first", list[0].ID, list[1].ID)
	}
	for _, j := range list {
		if j.Queue != "default" || j.MaxAttempts != 25 || j.State != "available" {
			t.Errorf("job %d: got queue %q, max attempts %d, state %s; want default, 25, available",
				j.ID, j.Queue, j.MaxAttempts, j.State)
		}
	}
}

func testEnqueueErrorRollsBack(t *testing.T, s helpdesk.Store) {
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := userAndAudit(ctx, tx, "jobless@corp.example"); err != nil {
			return err
		}
		if err := tx.EnqueueJob(ctx, jobArgs{Note: "lost"}, nil); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("Update: got %v, want %v", err, errBoom)
	}
	checkAbsent(t, s, "jobless@corp.example")
	if list := listJobs(t, s); len(list) != 0 {
		t.Errorf("jobs after rollback: got %+v, want none", list)
	}
}

func testEnqueuePanicRollsBack(t *testing.T, s helpdesk.Store) {
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want boom", p)
			}
		}()
		_ = s.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.EnqueueJob(ctx, jobArgs{Note: "lost"}, nil); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if list := listJobs(t, s); len(list) != 0 {
		t.Errorf("jobs after panic: got %+v, want none", list)
	}
}

// A queue name River refuses fails the enqueue, and with it the change.
func testEnqueueBadQueue(t *testing.T, s helpdesk.Store) {
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := userAndAudit(ctx, tx, "badqueue@corp.example"); err != nil {
			return err
		}
		return tx.EnqueueJob(ctx, jobArgs{}, &helpdesk.JobOpts{Queue: "no spaces, please"})
	})
	if err == nil {
		t.Fatal("Update with a bad queue name: got nil error")
	}
	checkAbsent(t, s, "badqueue@corp.example")
	if list := listJobs(t, s); len(list) != 0 {
		t.Errorf("jobs: got %+v, want none", list)
	}
}
