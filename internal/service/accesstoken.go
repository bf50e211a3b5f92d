package service

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

const (
	accessIssuer = "triage"
	// accessLeeway absorbs clock skew between instances; exp is the only
	// time claim checked.
	accessLeeway = 5 * time.Second
	// touchInterval throttles last-seen writes to one a minute per session
	// or API token: fresh enough to show, rare enough for one SQLite writer.
	touchInterval = time.Minute
)

// accessClaims are an access token's claims: who (sub) and through which
// session (sid).
type accessClaims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// issueAccessToken signs a short-lived token for u's session sess. It
// never outlives the session, so a cached session needs no expiry check.
func (s *Service) issueAccessToken(u *helpdesk.User, sess *helpdesk.Session, now time.Time) (string, time.Time, error) {
	exp := now.Add(s.accessTTL)
	if sess.ExpiresAt.Before(exp) {
		exp = sess.ExpiresAt
	}
	exp = exp.Truncate(time.Second) // JWT times are whole seconds.
	claims := accessClaims{
		SessionID: sess.ID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    accessIssuer,
			Subject:   strconv.FormatInt(u.ID, 10),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.jwtKey)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign access token: %w", err)
	}
	return token, exp, nil
}

// parseAccessToken checks token's signature (HS256 only, never "none" or
// another algorithm), issuer and expiry, and returns its user and session.
func (s *Service) parseAccessToken(token string) (userID int64, sessionID string, ok bool) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c,
		func(*jwt.Token) (any, error) { return s.jwtKey, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(accessIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(accessLeeway),
		jwt.WithTimeFunc(s.now),
	)
	if err != nil || c.SessionID == "" {
		return 0, "", false
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, c.SessionID, true
}

// Authenticate returns the caller an access token stands for. The token's
// session must still be live and its user active, so a logout or a
// deactivation ends access on the very next request.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*helpdesk.Principal, error) {
	userID, sid, ok := s.parseAccessToken(accessToken)
	if !ok {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	if p, ok := s.sessions.get(sid); ok && p.User.ID == userID {
		return clonePrincipal(p), nil
	}
	gen := s.sessions.generation()
	p, err := s.loadSessionPrincipal(ctx, userID, sid)
	if err != nil {
		return nil, err
	}
	s.sessions.putIfCurrent(sid, clonePrincipal(p), gen)
	return p, nil
}

// loadSessionPrincipal reads session sid and its user from the store and
// checks both, touching the session at most once a minute.
func (s *Service) loadSessionPrincipal(ctx context.Context, userID int64, sid string) (*helpdesk.Principal, error) {
	now := s.clock()
	sess, err := s.store.FindSession(ctx, sid)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	if sess.UserID != userID || !sess.Live(now) {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	u, err := s.activeUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeenAt) >= touchInterval {
		s.touch(ctx, u, func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.TouchSession(ctx, sid, now)
		})
	}
	return &helpdesk.Principal{User: u, SessionID: sid}, nil
}

// activeUser loads a credential's user, refusing missing and inactive
// users as bad credentials.
func (s *Service) activeUser(ctx context.Context, id int64) (*helpdesk.User, error) {
	u, err := s.store.FindUserByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	if !u.Active {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	return u, nil
}

// touch records that a credential was used. A failure costs only a stale
// last-seen time, so it is logged and the request goes on.
func (s *Service) touch(ctx context.Context, u *helpdesk.User, fn func(context.Context, helpdesk.Tx) error) {
	if err := s.store.Update(ctx, fn); err != nil {
		s.log.WarnContext(ctx, "record credential use", "user_id", u.ID, "err", err)
	}
}
