package service

import (
	"context"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
)

// JobQueue is the background job queue as admins see it (jobs.Runner).
type JobQueue interface {
	List(ctx context.Context, f jobs.ListFilter) ([]jobs.Job, error)
	Retry(ctx context.Context, id int64) (jobs.Job, error)
	Discard(ctx context.Context, id int64) (jobs.Job, error)
}

// AttachJobs gives admins the job queue; without it the job routes answer
// that jobs are unavailable. Call it before serving.
func (s *Service) AttachJobs(q JobQueue) { s.jobs = q }

// Job states an admin may filter by.
var JobStates = []string{"available", "scheduled", "running", "retryable", "completed", "cancelled", "discarded", "pending"}

// DefaultJobStates are the jobs that need an admin: dead ones and ones
// still failing.
var DefaultJobStates = []string{"discarded", "retryable"}

func (s *Service) jobQueue() (JobQueue, error) {
	if s.jobs == nil {
		return nil, helpdesk.Errorf(helpdesk.EUNAVAILABLE, "The job queue is not available on this server.")
	}
	return s.jobs, nil
}

// ListJobs returns background jobs, newest first. Admins only.
func (s *Service) ListJobs(ctx context.Context, p *helpdesk.Principal, f jobs.ListFilter) ([]jobs.Job, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	q, err := s.jobQueue()
	if err != nil {
		return nil, err
	}
	var v helpdesk.Validation
	f.Limit = pageLimit(&v, f.Limit, 50)
	if f.AfterID < 0 {
		v.Add("cursor", "must not be negative")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(f.States) == 0 {
		f.States = DefaultJobStates
	}
	return q.List(ctx, f)
}

// RetryJob makes a failed, dead or cancelled job run again now. Admins
// only; audited.
func (s *Service) RetryJob(ctx context.Context, p *helpdesk.Principal, id int64) (jobs.Job, error) {
	return s.jobAction(ctx, p, id, "job.retry", func(q JobQueue) (jobs.Job, error) { return q.Retry(ctx, id) })
}

// DiscardJob cancels a job that has not run yet, or deletes a finished
// one. Admins only; audited.
func (s *Service) DiscardJob(ctx context.Context, p *helpdesk.Principal, id int64) (jobs.Job, error) {
	return s.jobAction(ctx, p, id, "job.discard", func(q JobQueue) (jobs.Job, error) { return q.Discard(ctx, id) })
}

func (s *Service) jobAction(ctx context.Context, p *helpdesk.Principal, id int64, action string, do func(JobQueue) (jobs.Job, error)) (jobs.Job, error) {
	if err := requireAdmin(p); err != nil {
		return jobs.Job{}, err
	}
	q, err := s.jobQueue()
	if err != nil {
		return jobs.Job{}, err
	}
	j, err := do(q)
	if err != nil {
		return jobs.Job{}, err
	}
	// The queue is not our store, so the audit entry follows the action
	// rather than sharing its transaction.
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return s.audit(ctx, tx, p, action, "job", strconv.FormatInt(id, 10), nil,
			map[string]any{"kind": j.Kind, "state": j.State})
	})
	return j, err
}
