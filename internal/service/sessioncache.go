package service

import (
	"sync"
	"time"

	"github.com/maypok86/otter/v2"

	"github.com/triagehq/triage/internal/helpdesk"
)

// sessionCacheTTL bounds how long a cached principal is trusted. Revocations
// in this process evict at once; the TTL only limits memory.
const sessionCacheTTL = 30 * time.Second

// sessionCache maps a session id, or an API token's digest, to the
// principal it authenticated. It is
// only used where this process sees every change (one instance on SQLite).
type sessionCache struct {
	c *otter.Cache[string, *helpdesk.Principal]

	// mu orders writes: a principal loaded before a revocation must not be
	// put back after the revocation's forget. gen counts forgets; see
	// putIfCurrent.
	mu  sync.Mutex
	gen uint64
}

func newSessionCache() *sessionCache {
	return &sessionCache{c: otter.Must(&otter.Options[string, *helpdesk.Principal]{
		MaximumSize:      100_000,
		ExpiryCalculator: otter.ExpiryWriting[string, *helpdesk.Principal](sessionCacheTTL),
	})}
}

func (c *sessionCache) get(id string) (*helpdesk.Principal, bool) {
	if c == nil {
		return nil, false
	}
	return c.c.GetIfPresent(id)
}

// generation returns a token for putIfCurrent. Take it before loading the
// session from the store.
func (c *sessionCache) generation() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// putIfCurrent caches p unless something was forgotten since gen was
// taken: the principal may have been loaded before that revocation
// committed, and caching it would revive a dead session.
func (c *sessionCache) putIfCurrent(id string, p *helpdesk.Principal, gen uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.c.Set(id, p)
	}
}

// forgetUser drops every cached session of userID: after a logout-all,
// password change, deactivation or role change.
func (c *sessionCache) forgetUser(userID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for id, p := range c.c.All() {
		if p.User.ID == userID {
			c.c.Invalidate(id)
		}
	}
}

// forget drops one session.
func (c *sessionCache) forget(id string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.c.Invalidate(id)
}

// forgetToken drops the cached API token tokenID.
func (c *sessionCache) forgetToken(tokenID int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for key, p := range c.c.All() {
		if p.TokenID == tokenID {
			c.c.Invalidate(key)
		}
	}
}
