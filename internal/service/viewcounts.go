package service

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// Saved-view counts are bounded searches (see CountSearch), cached per
// viewer and view until a change to tickets, or to who sees what, comes
// along, so a sidebar refreshed by every agent on every page costs no
// query at all while nothing happens.
const (
	// ViewCountMaxAge is the longest a count is served from the cache. It
	// is a safety net for what no event reports: relative dates such as
	// updated<7d moving on, or a change made straight in the database.
	ViewCountMaxAge = 30 * time.Second
	// maxCachedCounts bounds the cache; when full it starts over.
	maxCachedCounts = 10_000
)

// CountedView is a view with the number of tickets it shows its caller.
type CountedView struct {
	View
	Count  int
	Capped bool // more than Count tickets match
	// CountError says why the view could not be counted, for a query that
	// names a user or team that no longer exists; Count is then 0.
	CountError string
}

// ListViews returns the views the caller sees, each with its count, in
// sidebar order (position, then name). Staff only.
func (s *Service) ListViews(ctx context.Context, p *helpdesk.Principal) ([]*CountedView, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	var teamIDs []int64
	if !isAdmin(p) {
		var err error
		if teamIDs, err = s.store.ListUserTeamIDs(ctx, p.User.ID); err != nil {
			return nil, fmt.Errorf("list teams of user %d: %w", p.User.ID, err)
		}
	}
	views, err := s.store.ListSavedViews(ctx, p.User.ID, teamIDs, isAdmin(p))
	if err != nil {
		return nil, fmt.Errorf("list views: %w", err)
	}
	out := make([]*CountedView, len(views))
	for i, v := range views {
		c, err := s.viewCount(ctx, p, v)
		if err != nil {
			return nil, err
		}
		c.View = View{SavedView: v, CanEdit: canEditView(p, v)}
		out[i] = c
	}
	return out, nil
}

// viewCount counts v's tickets for p, from the cache when it can.
func (s *Service) viewCount(ctx context.Context, p *helpdesk.Principal, v *helpdesk.SavedView) (*CountedView, error) {
	key := countKey{userID: p.User.ID, viewID: v.ID, query: v.Query}
	now := s.now()
	if c, ok := s.viewCounts.get(key, now); ok {
		return &CountedView{Count: c.n, Capped: c.capped, CountError: c.err}, nil
	}
	gen := s.viewCounts.generation()
	var c cachedCount
	n, capped, err := s.CountSearch(ctx, p, v.Query, helpdesk.TicketFilter{})
	switch helpdesk.ErrorCode(err) {
	case "":
		c = cachedCount{n: n, capped: capped}
	case helpdesk.EINVALID:
		c = cachedCount{err: helpdesk.ErrorMessage(err)}
		if fields := helpdesk.ErrorFields(err); len(fields) == 1 {
			c.err = fields[0].Message
		}
	default:
		return nil, fmt.Errorf("count view %d: %w", v.ID, err)
	}
	c.at = now
	s.viewCounts.put(key, gen, c)
	return &CountedView{Count: c.n, Capped: c.capped, CountError: c.err}, nil
}

type countKey struct {
	userID, viewID int64
	// query is part of the key so an edited view is counted afresh.
	query string
}

type cachedCount struct {
	n      int
	capped bool
	err    string
	at     time.Time
}

// countCache holds saved-view counts for one generation of the data: any
// change starts a new generation and empties it. Its zero value is ready.
type countCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[countKey]cachedCount
}

// get returns the count for key if one younger than ViewCountMaxAge is
// cached.
func (c *countCache) get(key countKey, now time.Time) (cachedCount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.Sub(e.at) >= ViewCountMaxAge || now.Before(e.at) {
		return cachedCount{}, false
	}
	return e, true
}

// generation returns the current generation, to be read before counting.
func (c *countCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put caches a count made in generation gen, unless the data changed
// while it was being made: it might not include that change.
func (c *countCache) put(key countKey, gen uint64, e cachedCount) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.entries == nil || len(c.entries) >= maxCachedCounts {
		c.entries = make(map[countKey]cachedCount)
	}
	c.entries[key] = e
}

// invalidate starts a new generation: every cached count is dropped.
func (c *countCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.entries)
}

// Changes is a feed of every change committed by any instance, this one
// included: the realtime bus (realtime.LocalBus or realtime.PGBus).
type Changes interface {
	Subscribe(ctx context.Context) (<-chan realtime.Event, func(), error)
}

// FollowChanges drops cached view counts whenever any instance commits a
// change to tickets or to who may see them, as the bus reports it. This
// instance's own changes drop them at once, without waiting for the bus.
// stop ends the subscription and waits for the follower to finish.
func (s *Service) FollowChanges(ctx context.Context, ch Changes) (stop func(), err error) {
	events, unsubscribe, err := ch.Subscribe(ctx)
	if err != nil {
		return nil, fmt.Errorf("follow changes: %w", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range events {
			if changesCounts(e.Type) {
				s.viewCounts.invalidate()
			}
		}
	}()
	return func() {
		unsubscribe()
		<-done
	}, nil
}

// changesCounts reports whether an event of type typ may change a count:
// every event but the frequent ones that never do. A resync (events were
// lost) and the hubs' control events (role and team changes) do.
func changesCounts(typ string) bool {
	return typ != realtime.TypePresence && typ != realtime.TypeNotificationCreated
}
