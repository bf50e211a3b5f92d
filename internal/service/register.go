package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
)

// RegisterInput is a self-registration form.
type RegisterInput struct {
	Email    string
	Name     string
	Password string
	TimeZone string
}

// Register creates a customer account and signs it in, when the server
// allows self-registration. The role is always customer: staff accounts
// are made by admins.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*LoginResult, error) {
	if !s.registration {
		return nil, helpdesk.Errorf(helpdesk.EUNAVAILABLE, "Self-registration is switched off.")
	}
	u := &helpdesk.User{
		Email:    helpdesk.NormalizeEmail(in.Email),
		Name:     strings.TrimSpace(in.Name),
		Role:     helpdesk.RoleCustomer,
		Active:   true,
		TimeZone: in.TimeZone,
	}
	if err := validateRegistration(u, in.Password); err != nil {
		return nil, err
	}
	// Hash before the transaction: it takes tens of milliseconds that the
	// single writer should not wait through.
	hash, err := s.hasher.Hash(in.Password)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	now := s.clock()
	u.PasswordHash, u.PasswordChangedAt = hash, &now
	u.CreatedAt, u.UpdatedAt = now, now
	var res *LoginResult
	err = s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		after := map[string]any{"email": u.Email, "name": u.Name, "role": u.Role, "time_zone": u.TimeZone}
		if err := s.audit(ctx, tx, principalOf(u), "user.register", "user", userTarget(u), nil, after); err != nil {
			return err
		}
		var err error
		res, err = s.startSession(ctx, tx, u, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// validateRegistration reports every problem with the form at once.
func validateRegistration(u *helpdesk.User, pw string) error {
	var v helpdesk.Validation
	helpdesk.ValidateEmail(&v, "email", u.Email)
	helpdesk.ValidateName(&v, "name", u.Name)
	password.Validate(&v, "password", pw, u.Email, u.Name)
	helpdesk.ValidateTimeZone(&v, "time_zone", u.TimeZone)
	return v.Err()
}
