package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Login checks an email and password and starts a session. Every failure
// (unknown email, no password, wrong password, inactive user) gives the
// same error after the same work, and is audited as auth.login_failed.
func (s *Service) Login(ctx context.Context, email, pw string) (*LoginResult, error) {
	email = helpdesk.NormalizeEmail(email)
	u, err := s.store.FindUserByEmail(ctx, email)
	if err != nil && helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND {
		return nil, fmt.Errorf("find user by email: %w", err)
	} else if err != nil {
		u = nil
	}
	ok, rehash := s.verifyLogin(ctx, u, pw)
	if !ok {
		return nil, s.loginFailed(ctx, email, u)
	}
	now := s.clock()
	var res *LoginResult
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if rehash != "" {
			// A rehash keeps the password, so it keeps its changed-at time.
			changed := now
			if u.PasswordChangedAt != nil {
				changed = *u.PasswordChangedAt
			}
			if err := tx.SetPassword(ctx, u.ID, rehash, changed); err != nil {
				return fmt.Errorf("store rehashed password: %w", err)
			}
		}
		var err error
		if res, err = s.startSession(ctx, tx, u, now); err != nil {
			return err
		}
		p := &helpdesk.Principal{User: u, SessionID: res.Session.ID}
		return s.audit(ctx, tx, p, "auth.login", "user", userTarget(u), nil, map[string]any{"session_id": res.Session.ID})
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// verifyLogin reports whether pw logs u in (u may be nil), and returns a
// fresh hash to store when u's was made with outdated parameters. It
// spends a hash's time whatever the outcome.
func (s *Service) verifyLogin(ctx context.Context, u *helpdesk.User, pw string) (ok bool, rehash string) {
	if u == nil || u.PasswordHash == "" {
		s.hasher.Decoy(pw)
		return false, ""
	}
	ok, needsRehash, err := s.hasher.Verify(u.PasswordHash, pw)
	if err != nil {
		// Not returned: the caller sees a failed login like any other.
		s.log.ErrorContext(ctx, "stored password hash is unusable", "user_id", u.ID, "err", err)
		s.hasher.Decoy(pw)
		return false, ""
	}
	if !ok || !u.Active {
		return false, ""
	}
	if needsRehash {
		if rehash, err = s.hasher.Hash(pw); err != nil {
			s.log.WarnContext(ctx, "rehash password", "user_id", u.ID, "err", err)
			rehash = ""
		}
	}
	return true, rehash
}

// loginFailed audits a failed login in its own transaction and returns the
// one error every failed login gets.
func (s *Service) loginFailed(ctx context.Context, email string, u *helpdesk.User) error {
	target := ""
	if u != nil {
		target = userTarget(u)
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return s.audit(ctx, tx, nil, "auth.login_failed", "user", target, nil, map[string]string{"email": clientText(email)})
	})
	if err != nil {
		return fmt.Errorf("audit failed login: %w", err)
	}
	return helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadLogin)
}
