package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// LoginResult is a new or renewed session with its tokens. The access
// token authenticates requests until AccessExpiresAt; the refresh token,
// used once, renews them until RefreshExpiresAt (the session's end).
type LoginResult struct {
	User             *helpdesk.User
	Session          *helpdesk.Session
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
}

// startSession creates a session for u, with its first refresh token and
// an access token, inside tx. The session lasts refreshTTL from now;
// refreshing does not extend it.
func (s *Service) startSession(ctx context.Context, tx helpdesk.Tx, u *helpdesk.User, now time.Time) (*LoginResult, error) {
	meta := helpdesk.RequestMetaFrom(ctx)
	sess := &helpdesk.Session{
		ID:         newTokenSecret(),
		UserID:     u.ID,
		CreatedAt:  now,
		LastSeenAt: now,
		ExpiresAt:  now.Add(s.refreshTTL),
		IP:         clientText(meta.IP),
		UserAgent:  clientText(meta.UserAgent),
	}
	if err := tx.CreateSession(ctx, sess); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	return s.issueTokens(ctx, tx, u, sess, now)
}

// issueTokens stores a new refresh token for sess and signs an access
// token for it.
func (s *Service) issueTokens(ctx context.Context, tx helpdesk.Tx, u *helpdesk.User, sess *helpdesk.Session, now time.Time) (*LoginResult, error) {
	refresh := newTokenSecret()
	rt := &helpdesk.RefreshToken{
		TokenHash: tokenDigest(refresh),
		SessionID: sess.ID,
		CreatedAt: now,
		ExpiresAt: sess.ExpiresAt,
	}
	if err := tx.CreateRefreshToken(ctx, rt); err != nil {
		return nil, fmt.Errorf("create refresh token: %w", err)
	}
	access, accessExp, err := s.issueAccessToken(u, sess, now)
	if err != nil {
		return nil, err
	}
	return &LoginResult{
		User:             u,
		Session:          sess,
		AccessToken:      access,
		AccessExpiresAt:  accessExp,
		RefreshToken:     refresh,
		RefreshExpiresAt: rt.ExpiresAt,
	}, nil
}

// clientText makes client-supplied metadata (IP, user agent) safe to
// store: valid UTF-8, at most maxClientMetaLen characters.
func clientText(s string) string {
	return clipRunes(strings.ToValidUTF8(s, "\uFFFD"), maxClientMetaLen)
}

// ListSessions returns the caller's live sessions, newest first.
func (s *Service) ListSessions(ctx context.Context, p *helpdesk.Principal) ([]*helpdesk.Session, error) {
	if err := checkPrincipal(p); err != nil {
		return nil, err
	}
	list, err := s.store.ListSessions(ctx, p.User.ID, s.clock())
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	return list, nil
}

// RevokeSession ends one of the caller's live sessions; any other id,
// another user's included, is not found.
func (s *Service) RevokeSession(ctx context.Context, p *helpdesk.Principal, sessionID string) error {
	if err := checkPrincipal(p); err != nil {
		return err
	}
	now := s.clock()
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		sess, err := tx.FindSession(ctx, sessionID)
		if err != nil && helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND {
			return fmt.Errorf("find session: %w", err)
		}
		if err != nil || sess.UserID != p.User.ID || !sess.Live(now) {
			return helpdesk.Errorf(helpdesk.ENOTFOUND, "Session not found.")
		}
		if err := tx.RevokeSession(ctx, sessionID, now); err != nil {
			return fmt.Errorf("revoke session: %w", err)
		}
		return s.audit(ctx, tx, p, "session.revoke", "session", sessionID, nil, nil)
	})
	if err != nil {
		return err
	}
	s.sessionEnded(ctx, sessionID)
	return nil
}

// Logout ends the caller's session. API tokens have no session to end;
// they are revoked instead.
func (s *Service) Logout(ctx context.Context, p *helpdesk.Principal) error {
	if err := checkPrincipal(p); err != nil {
		return err
	}
	if p.SessionID == "" {
		return helpdesk.Errorf(helpdesk.EINVALID, "API tokens are revoked, not logged out.")
	}
	now := s.clock()
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.RevokeSession(ctx, p.SessionID, now); err != nil {
			return fmt.Errorf("revoke session: %w", err)
		}
		return s.audit(ctx, tx, p, "auth.logout", "session", p.SessionID, nil, nil)
	})
	// Forget even on failure: the cache must never outlive a revocation
	// that might have committed.
	s.sessionEnded(ctx, p.SessionID)
	return err
}

// LogoutRefreshToken ends the session a refresh token renews, for a
// client whose access token has already expired: its refresh cookie still
// renews the session, so a logout must end it too. A token used before is
// handled as Refresh handles reuse, by revoking its session. Unknown and
// expired tokens and ended sessions are EUNAUTHORIZED: nothing to end.
func (s *Service) LogoutRefreshToken(ctx context.Context, refreshToken string) error {
	now := s.clock()
	rt, err := s.store.FindRefreshToken(ctx, tokenDigest(refreshToken))
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	} else if err != nil {
		return fmt.Errorf("find refresh token: %w", err)
	}
	if !now.Before(rt.ExpiresAt) {
		return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	}
	if rt.UsedAt != nil {
		return s.refreshReused(ctx, rt.SessionID, now)
	}
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		sess, err := tx.FindSession(ctx, rt.SessionID)
		if err != nil {
			return fmt.Errorf("find session: %w", err)
		}
		if !sess.Live(now) {
			return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
		}
		u, err := tx.FindUserByID(ctx, sess.UserID)
		if err != nil {
			return fmt.Errorf("find user %d: %w", sess.UserID, err)
		}
		if err := tx.RevokeSession(ctx, sess.ID, now); err != nil {
			return fmt.Errorf("revoke session: %w", err)
		}
		actor := &helpdesk.Principal{User: u, SessionID: sess.ID}
		return s.audit(ctx, tx, actor, "auth.logout", "session", sess.ID, nil, nil)
	})
	// As in Logout: never let the cache outlive a revocation that might
	// have committed.
	s.sessionEnded(ctx, rt.SessionID)
	return err
}
