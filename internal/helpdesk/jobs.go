package helpdesk

import "time"

// JobArgs is the payload of a background job. Kind names the worker that
// runs it; the value is stored as JSON. It has the shape of river.JobArgs,
// so the domain does not depend on the queue library.
type JobArgs interface {
	Kind() string
}

// JobOpts tunes one enqueued job; nil or zero fields take the queue's
// defaults.
type JobOpts struct {
	// Queue names the queue; empty means the default queue.
	Queue string
	// MaxAttempts is how many times the job runs before it is discarded
	// (dead); 0 means the worker's or the queue's default.
	MaxAttempts int
	// ScheduledAt delays the job; zero means as soon as possible.
	ScheduledAt time.Time
}
