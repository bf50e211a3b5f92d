package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Job is a background job as admins see it. It never carries the job's
// arguments, which may hold personal data such as email addresses.
type Job struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Queue       string     `json:"queue"`
	State       string     `json:"state"`
	Attempt     int        `json:"attempt"`
	MaxAttempts int        `json:"max_attempts"`
	Errors      []JobError `json:"errors"`
	CreatedAt   time.Time  `json:"created_at"`
	ScheduledAt time.Time  `json:"scheduled_at"`
	AttemptedAt *time.Time `json:"attempted_at"`
	FinalizedAt *time.Time `json:"finalized_at"`
}

// JobError is one failed attempt of a job.
type JobError struct {
	At      time.Time `json:"at"`
	Attempt int       `json:"attempt"`
	Error   string    `json:"error"`
}

// ListFilter selects jobs for List, which returns them newest first.
type ListFilter struct {
	// States are River's job states (available, scheduled, running,
	// retryable, completed, cancelled, discarded, pending); empty means all.
	States []string
	// Limit caps the page; 0 means DefaultLimit, at most MaxLimit.
	Limit int
	// AfterID continues a listing after the job with this id; 0 starts at
	// the newest job.
	AfterID int64
}

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// List returns the jobs matching f, newest (highest id) first.
func (r *Runner) List(ctx context.Context, f ListFilter) ([]Job, error) {
	params, err := listParams(f)
	if err != nil {
		return nil, err
	}
	res, err := r.client.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]Job, 0, len(res.Jobs))
	for _, row := range res.Jobs {
		out = append(out, fromRow(row))
	}
	return out, nil
}

// listParams checks f and turns it into River's list parameters.
func listParams(f ListFilter) (*river.JobListParams, error) {
	var v helpdesk.Validation
	all := rivertype.JobStates()
	states := make([]rivertype.JobState, 0, len(f.States))
	for _, s := range f.States {
		if !slices.Contains(all, rivertype.JobState(s)) {
			v.Add("state", "unknown job state %q", s)
		}
		states = append(states, rivertype.JobState(s))
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if f.Limit < 1 || f.Limit > MaxLimit {
		v.Add("limit", "must be between 1 and %d", MaxLimit)
	}
	if f.AfterID < 0 {
		v.Add("after_id", "must not be negative")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(f.Limit)
	if len(states) > 0 {
		p = p.States(states...)
	}
	if f.AfterID > 0 {
		// Ordered by id alone, a cursor needs nothing but the id.
		p = p.After(river.JobListCursorFromJob(&rivertype.JobRow{ID: f.AfterID}))
	}
	return p, nil
}

// Get returns the job with this id.
func (r *Runner) Get(ctx context.Context, id int64) (Job, error) {
	row, err := r.client.JobGet(ctx, id)
	if err != nil {
		return Job{}, translate(err, "get job %d", id)
	}
	return fromRow(row), nil
}

// Retry makes a job available to run now: a discarded one gets one more
// attempt, a retryable or scheduled one skips its wait, a cancelled or
// completed one runs again. A running job is left alone (ECONFLICT).
func (r *Runner) Retry(ctx context.Context, id int64) (Job, error) {
	row, err := r.client.JobRetry(ctx, id)
	if err != nil {
		return Job{}, translate(err, "retry job %d", id)
	}
	if row.State == rivertype.JobStateRunning {
		return Job{}, errRunning
	}
	return fromRow(row), nil
}

// Discard gets rid of a job: one waiting to run (available, scheduled,
// retryable, pending) is cancelled and kept for the record; a finished one
// (completed, cancelled, discarded) is deleted. A running job cannot be
// discarded (ECONFLICT). It returns the job as it was left, or as it was
// when deleted.
func (r *Runner) Discard(ctx context.Context, id int64) (Job, error) {
	row, err := r.client.JobGet(ctx, id)
	if err != nil {
		return Job{}, translate(err, "get job %d", id)
	}
	switch row.State {
	case rivertype.JobStateRunning:
		return Job{}, errRunning
	case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
		row, err = r.client.JobDelete(ctx, id)
		if err != nil {
			return Job{}, translate(err, "delete job %d", id)
		}
	default:
		row, err = r.client.JobCancel(ctx, id)
		if err != nil {
			return Job{}, translate(err, "cancel job %d", id)
		}
	}
	return fromRow(row), nil
}

// errRunning refuses an action on a job that is running right now.
var errRunning = helpdesk.Errorf(helpdesk.ECONFLICT, "Job is running.")

// translate turns River's errors into the domain's, and wraps any other
// with what was being done.
func translate(err error, format string, args ...any) error {
	switch {
	case errors.Is(err, rivertype.ErrNotFound):
		return helpdesk.Errorf(helpdesk.ENOTFOUND, "Job not found.")
	case errors.Is(err, rivertype.ErrJobRunning):
		return errRunning
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// fromRow converts River's job row, leaving its arguments out. Times are
// UTC whatever the driver returned.
func fromRow(row *rivertype.JobRow) Job {
	j := Job{
		ID: row.ID, Kind: row.Kind, Queue: row.Queue, State: string(row.State),
		Attempt: row.Attempt, MaxAttempts: row.MaxAttempts,
		Errors:      make([]JobError, 0, len(row.Errors)),
		CreatedAt:   row.CreatedAt.UTC(),
		ScheduledAt: row.ScheduledAt.UTC(),
		AttemptedAt: utc(row.AttemptedAt),
		FinalizedAt: utc(row.FinalizedAt),
	}
	for _, e := range row.Errors {
		j.Errors = append(j.Errors, JobError{At: e.At.UTC(), Attempt: e.Attempt, Error: e.Error})
	}
	return j
}

// utc returns t in UTC, or nil.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
