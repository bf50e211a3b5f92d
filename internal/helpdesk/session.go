package helpdesk

import "time"

// Session is a server-side login. The short-lived access JWT names it, so
// revoking it ends access on the very next request.
type Session struct {
	ID         string     `json:"id"` // random, URL-safe
	UserID     int64      `json:"user_id"`
	CreatedAt  time.Time  `json:"created_at"`
	LastSeenAt time.Time  `json:"last_seen_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	IP         string     `json:"ip"`
	UserAgent  string     `json:"user_agent"`
}

// Live reports whether s may still authenticate at now.
func (s *Session) Live(now time.Time) bool {
	return s.RevokedAt == nil && now.Before(s.ExpiresAt)
}

// RefreshToken renews a session. Each use replaces it with a new one; a
// second use of the same token is theft, and revokes the session (its family).
type RefreshToken struct {
	TokenHash string // hex SHA-256 of the token
	SessionID string // the family
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// APIToken is a long-lived bearer credential for integrations.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the first characters, to recognize it
	TokenHash  string     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// Live reports whether t may still authenticate at now.
func (t *APIToken) Live(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// PasswordReset is a one-time, expiring permission to set a password.
type PasswordReset struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// Principal is the authenticated caller of a request.
type Principal struct {
	User      *User
	SessionID string // set for cookie sessions
	TokenID   int64  // set for API tokens
}

// Viewer returns the visibility of p's user.
func (p *Principal) Viewer() Viewer { return Viewer{UserID: p.User.ID, Role: p.User.Role} }
