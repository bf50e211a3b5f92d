package service

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
)

// ChangePassword replaces the caller's password after checking the current
// one, and signs out every other session: if the old password leaked, the
// sessions made with it end too. The caller's own session lives on.
func (s *Service) ChangePassword(ctx context.Context, p *helpdesk.Principal, current, next string) error {
	if err := checkPrincipal(p); err != nil {
		return err
	}
	u, err := s.store.FindUserByID(ctx, p.User.ID)
	if err != nil {
		return fmt.Errorf("find user %d: %w", p.User.ID, err)
	}
	var v helpdesk.Validation
	if ok, _ := s.verifyLogin(ctx, u, current); !ok {
		v.Add("current_password", "is incorrect")
	}
	if next == current {
		v.Add("new_password", "must differ from the current password")
	} else {
		password.Validate(&v, "new_password", next, u.Email, u.Name)
	}
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	now := s.clock()
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.SetPassword(ctx, u.ID, hash, now); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		n, err := tx.RevokeUserSessions(ctx, u.ID, p.SessionID, now)
		if err != nil {
			return fmt.Errorf("revoke other sessions: %w", err)
		}
		return s.audit(ctx, tx, p, "user.password_change", "user", userTarget(u), nil,
			map[string]any{"sessions_revoked": n})
	})
	s.otherSessionsEnded(ctx, u.ID, p.SessionID)
	return err
}
