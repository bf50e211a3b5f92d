package service

import (
	"time"

	"github.com/maypok86/otter/v2"

	"github.com/triagehq/triage/internal/helpdesk"
)

// sessionCacheTTL bounds how long a cached principal is trusted. Revocations
// in this process evict at once; the TTL only limits memory.
const sessionCacheTTL = 30 * time.Second

// sessionCache maps a session id to the principal it authenticated. It is
// only used where this process sees every change (one instance on SQLite).
type sessionCache struct {
	c *otter.Cache[string, *helpdesk.Principal]
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

func (c *sessionCache) put(id string, p *helpdesk.Principal) {
	if c != nil {
		c.c.Set(id, p)
	}
}

// forgetUser drops every cached session of userID: after a logout-all,
// password change, deactivation or role change.
func (c *sessionCache) forgetUser(userID int64) {
	if c == nil {
		return
	}
	for id, p := range c.c.All() {
		if p.User.ID == userID {
			c.c.Invalidate(id)
		}
	}
}

// forget drops one session.
func (c *sessionCache) forget(id string) {
	if c != nil {
		c.c.Invalidate(id)
	}
}
