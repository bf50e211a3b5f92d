package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// errRefreshReused rolls back a refresh whose token had been used before;
// Refresh then revokes the session in a transaction of its own.
var errRefreshReused = errors.New("refresh token reused")

// Refresh trades a refresh token for a new one and a new access token in
// the same session. Each refresh token works once: presenting a used one
// means it was stolen (or the thief's copy was used first), so the whole
// session, with every token it issued, is revoked.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (*LoginResult, error) {
	hash := tokenDigest(refreshToken)
	now := s.clock()
	// A read first keeps garbage tokens off the single writer.
	rt, err := s.store.FindRefreshToken(ctx, hash)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	} else if err != nil {
		return nil, fmt.Errorf("find refresh token: %w", err)
	}
	if !now.Before(rt.ExpiresAt) {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	}
	if rt.UsedAt != nil {
		return nil, s.refreshReused(ctx, rt.SessionID, now)
	}
	var res *LoginResult
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		res, err = s.rotateRefresh(ctx, tx, rt, now)
		return err
	})
	if errors.Is(err, errRefreshReused) {
		return nil, s.refreshReused(ctx, rt.SessionID, now)
	} else if err != nil {
		return nil, err
	}
	return res, nil
}

// rotateRefresh marks rt used, which only one caller can do, checks its
// session and user, and issues the session's next tokens.
func (s *Service) rotateRefresh(ctx context.Context, tx helpdesk.Tx, rt *helpdesk.RefreshToken, now time.Time) (*LoginResult, error) {
	fresh, err := tx.UseRefreshToken(ctx, rt.TokenHash, now)
	if err != nil {
		return nil, fmt.Errorf("use refresh token: %w", err)
	} else if !fresh {
		return nil, errRefreshReused
	}
	sess, err := tx.FindSession(ctx, rt.SessionID)
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	if !sess.Live(now) {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	}
	u, err := tx.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, fmt.Errorf("find user %d: %w", sess.UserID, err)
	}
	if !u.Active {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
	}
	if now.Sub(sess.LastSeenAt) >= touchInterval {
		if err := tx.TouchSession(ctx, sess.ID, now); err != nil {
			return nil, fmt.Errorf("touch session: %w", err)
		}
		sess.LastSeenAt = now
	}
	return s.issueTokens(ctx, tx, u, sess, now)
}

// refreshReused revokes the session (the token family) of a reused refresh
// token and audits it, committing before the caller gets its error.
func (s *Service) refreshReused(ctx context.Context, sessionID string, now time.Time) error {
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		sess, err := tx.FindSession(ctx, sessionID)
		if err != nil {
			return fmt.Errorf("find session: %w", err)
		}
		if sess.RevokedAt == nil {
			if err := tx.RevokeSession(ctx, sessionID, now); err != nil {
				return fmt.Errorf("revoke session: %w", err)
			}
		}
		return s.audit(ctx, tx, nil, "auth.refresh_reuse", "session", sessionID, nil,
			map[string]any{"user_id": sess.UserID})
	})
	s.sessionEnded(ctx, sessionID)
	if err != nil {
		return fmt.Errorf("revoke session of reused refresh token: %w", err)
	}
	s.log.WarnContext(ctx, "refresh token reused; session revoked", "session_id", sessionID)
	return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadRefresh)
}
