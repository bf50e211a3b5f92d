package realtime

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Bus carries events from the instance where they happened to the hubs of
// every instance. Publish is called after commit; it never waits for
// recipients. Subscribe returns a channel of every event published from
// then on, anywhere, and a function that ends the subscription and closes
// the channel.
type Bus interface {
	Publish(ctx context.Context, e Event) error
	Subscribe(ctx context.Context) (<-chan Event, func(), error)
}

// ErrClosed is returned by a bus or hub that has been closed.
var ErrClosed = errors.New("realtime: closed")

// SubscriberBuffer is how many events a subscriber may fall behind before
// events are dropped for it (and a TypeResync is queued in their place).
const SubscriberBuffer = 1024

// fanout hands each event to every local subscriber without ever blocking
// the publisher: a subscriber that has fallen SubscriberBuffer events
// behind loses events, and receives a TypeResync before the next one it
// gets, so its clients know to refetch.
type fanout struct {
	mu      sync.Mutex
	subs    map[*subscriber]struct{}
	closed  bool
	dropped atomic.Int64
}

type subscriber struct {
	ch     chan Event
	lagged bool
}

func (f *fanout) subscribe() (<-chan Event, func(), error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, nil, ErrClosed
	}
	if f.subs == nil {
		f.subs = make(map[*subscriber]struct{})
	}
	s := &subscriber{ch: make(chan Event, SubscriberBuffer)}
	f.subs[s] = struct{}{}
	cancel := func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[s]; ok {
			delete(f.subs, s)
			close(s.ch)
		}
	}
	return s.ch, cancel, nil
}

// deliver offers e to every subscriber. Holding the lock while sending
// keeps the order of events the same for every subscriber.
func (f *fanout) deliver(e Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for s := range f.subs {
		if s.lagged {
			select {
			case s.ch <- Event{ID: newID(), Type: TypeResync, At: time.Now()}:
				s.lagged = false
			default:
				f.dropped.Add(1)
				continue
			}
		}
		select {
		case s.ch <- e:
		default:
			s.lagged = true
			f.dropped.Add(1)
		}
	}
}

// close ends every subscription.
func (f *fanout) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for s := range f.subs {
		delete(f.subs, s)
		close(s.ch)
	}
}

// LocalBus is the Bus of a single instance: events go straight from
// Publish to the subscribers in the same process.
type LocalBus struct {
	fan fanout
}

// NewLocalBus returns an in-process bus.
func NewLocalBus() *LocalBus { return &LocalBus{} }

// Publish validates e, fills in its ID and time, and hands it to every
// subscriber.
func (b *LocalBus) Publish(ctx context.Context, e Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := prepare(&e, time.Now()); err != nil {
		return err
	}
	b.fan.deliver(e)
	return nil
}

// Subscribe returns every event published from now on.
func (b *LocalBus) Subscribe(ctx context.Context) (<-chan Event, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return b.fan.subscribe()
}

// Dropped counts events lost because a subscriber fell behind.
func (b *LocalBus) Dropped() int64 { return b.fan.dropped.Load() }

// Close ends every subscription; later calls to Subscribe fail.
func (b *LocalBus) Close() { b.fan.close() }
