package service

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/sealed"
)

// PasswordResetTicket is a one-time reset link's secret, for whoever
// delivers it. Token is shown only here.
type PasswordResetTicket struct {
	User      *helpdesk.User
	Token     string
	ExpiresAt time.Time
	// Mailed reports that a job to mail the link was queued with the
	// reset (RequestPasswordReset with a ResetMailKey).
	Mailed bool
}

// ResetMailKey derives the key that seals reset tokens into mail jobs
// from the server's secret, so the secret itself never encrypts anything.
func ResetMailKey(secret []byte) ([]byte, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, "triage reset-mail v1", sealed.KeySize)
	if err != nil {
		return nil, fmt.Errorf("derive reset mail key: %w", err)
	}
	return key, nil
}

// RequestPasswordReset makes a reset ticket for the active user with this
// email and, with a ResetMailKey, queues the mail that sends its link in
// the same transaction. For any other address it returns nil, nil after
// the same reads and the audit write, so that neither the answer nor its
// timing tells which accounts exist.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) (*PasswordResetTicket, error) {
	email = helpdesk.NormalizeEmail(email)
	u, err := s.store.FindUserByEmail(ctx, email)
	if err != nil && helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND {
		return nil, fmt.Errorf("find user by email: %w", err)
	} else if err != nil || !u.Active {
		u = nil
	}
	var t *PasswordResetTicket
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		target := ""
		if u != nil {
			var err error
			if t, err = s.createPasswordReset(ctx, tx, u); err != nil {
				return err
			}
			if err := s.enqueueResetMail(ctx, tx, t); err != nil {
				return err
			}
			target = userTarget(u)
		}
		return s.audit(ctx, tx, nil, "auth.password_reset_requested", "user", target, nil,
			map[string]string{"email": clientText(email)})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// IssuePasswordReset lets an admin make a reset ticket for any user, for
// example one created without a password.
func (s *Service) IssuePasswordReset(ctx context.Context, p *helpdesk.Principal, userID int64) (*PasswordResetTicket, error) {
	if err := checkPrincipal(p); err != nil {
		return nil, err
	}
	if p.User.Role != helpdesk.RoleAdmin {
		return nil, helpdesk.Errorf(helpdesk.EFORBIDDEN, "Only admins can issue password resets.")
	}
	var t *PasswordResetTicket
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		u, err := tx.FindUserByID(ctx, userID)
		if err != nil {
			return fmt.Errorf("find user %d: %w", userID, err)
		}
		// ResetPassword refuses inactive users, so their link would be dead.
		if !u.Active {
			return helpdesk.Errorf(helpdesk.ECONFLICT, "This user is deactivated; reactivate them before issuing a reset link.")
		}
		if t, err = s.createPasswordReset(ctx, tx, u); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, "user.password_reset_issued", "user", userTarget(u), nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// enqueueResetMail queues the job that mails t's link, its token sealed,
// when mail is configured.
func (s *Service) enqueueResetMail(ctx context.Context, tx helpdesk.Tx, t *PasswordResetTicket) error {
	if s.resetMailKey == nil {
		return nil
	}
	box, err := sealed.Seal(s.resetMailKey, []byte(t.Token), helpdesk.ResetMailBinding(t.User.ID))
	if err != nil {
		return fmt.Errorf("seal reset token: %w", err)
	}
	args := helpdesk.PasswordResetMail{UserID: t.User.ID, Sealed: box, ExpiresAt: t.ExpiresAt}
	if err := tx.EnqueueJob(ctx, args, &helpdesk.JobOpts{MaxAttempts: helpdesk.PasswordResetMailAttempts}); err != nil {
		return fmt.Errorf("enqueue reset mail: %w", err)
	}
	t.Mailed = true
	return nil
}

// createPasswordReset stores the digest of a new reset token for u.
func (s *Service) createPasswordReset(ctx context.Context, tx helpdesk.Tx, u *helpdesk.User) (*PasswordResetTicket, error) {
	now := s.clock()
	token := newTokenSecret()
	r := &helpdesk.PasswordReset{
		TokenHash: tokenDigest(token),
		UserID:    u.ID,
		CreatedAt: now,
		ExpiresAt: now.Add(s.resetTTL),
	}
	if err := tx.CreatePasswordReset(ctx, r); err != nil {
		return nil, fmt.Errorf("create password reset: %w", err)
	}
	return &PasswordResetTicket{User: u, Token: token, ExpiresAt: r.ExpiresAt}, nil
}

// ResetPassword sets a new password with a reset token, once, before it
// expires, and signs out every session of the user.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	now := s.clock()
	r, u, err := s.findPasswordReset(ctx, token, now)
	if err != nil {
		return err
	}
	if err := password.Check(newPassword, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(newPassword)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		// Using the reset here, not above, makes two racing calls with
		// one token set at most one password.
		if ok, err := tx.UsePasswordReset(ctx, r.TokenHash, now); err != nil {
			return fmt.Errorf("use password reset: %w", err)
		} else if !ok {
			return badResetToken()
		}
		if err := tx.SetPassword(ctx, u.ID, hash, now); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		n, err := tx.RevokeUserSessions(ctx, u.ID, "", now)
		if err != nil {
			return fmt.Errorf("revoke sessions: %w", err)
		}
		return s.audit(ctx, tx, principalOf(u), "auth.password_reset", "user", userTarget(u), nil,
			map[string]any{"sessions_revoked": n})
	})
	s.otherSessionsEnded(ctx, u.ID, "")
	return err
}

// findPasswordReset returns the unused, unexpired reset for token and its
// active user; anything else is one invalid-token error.
func (s *Service) findPasswordReset(ctx context.Context, token string, now time.Time) (*helpdesk.PasswordReset, *helpdesk.User, error) {
	r, err := s.store.FindPasswordReset(ctx, tokenDigest(token))
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil, badResetToken()
	} else if err != nil {
		return nil, nil, fmt.Errorf("find password reset: %w", err)
	}
	if r.UsedAt != nil || !now.Before(r.ExpiresAt) {
		return nil, nil, badResetToken()
	}
	u, err := s.store.FindUserByID(ctx, r.UserID)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil, badResetToken()
	} else if err != nil {
		return nil, nil, fmt.Errorf("find user %d: %w", r.UserID, err)
	}
	if !u.Active {
		return nil, nil, badResetToken()
	}
	return r, u, nil
}

func badResetToken() error {
	return helpdesk.Invalid("token", "is invalid or has expired")
}
