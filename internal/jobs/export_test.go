package jobs

import "github.com/riverqueue/river"

// Subscribe exposes River's job events to the tests, which wait on them
// instead of polling: an event is sent once the job's new state is stored.
func (r *Runner) Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func()) {
	type subscriber interface {
		Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func())
	}
	return r.client.(subscriber).Subscribe(kinds...)
}
