package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
)

// Page sizes of the user list.
const defaultUserLimit = 25

// NewUser is what an admin (or the CLI) gives to create an account.
// Password is optional: without one the user cannot log in until a reset.
type NewUser struct {
	Email    string
	Name     string
	Role     helpdesk.Role
	Password string
	TimeZone string
}

// CreateUser creates an account. Admins only.
func (s *Service) CreateUser(ctx context.Context, p *helpdesk.Principal, in NewUser) (*helpdesk.User, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	return s.createUser(ctx, p, in)
}

// BootstrapUser creates an account for `triage user create`, which runs
// with no principal; the audit entry has no actor.
func (s *Service) BootstrapUser(ctx context.Context, in NewUser) (*helpdesk.User, error) {
	return s.createUser(ctx, nil, in)
}

func (s *Service) createUser(ctx context.Context, actor *helpdesk.Principal, in NewUser) (*helpdesk.User, error) {
	now := s.clock()
	u := &helpdesk.User{
		Email:     helpdesk.NormalizeEmail(in.Email),
		Name:      strings.TrimSpace(in.Name),
		Role:      in.Role,
		Active:    true,
		TimeZone:  in.TimeZone,
		CreatedAt: now,
		UpdatedAt: now,
	}
	if err := validateNewUser(u, in.Password); err != nil {
		return nil, err
	}
	// Hash before the transaction: argon2id is slow on purpose, and the
	// SQLite writer must not wait for it.
	if in.Password != "" {
		hash, err := s.hasher.Hash(in.Password)
		if err != nil {
			return nil, fmt.Errorf("hash password: %w", err)
		}
		u.PasswordHash, u.PasswordChangedAt = hash, &now
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return s.audit(ctx, tx, actor, "user.create", "user", strconv.FormatInt(u.ID, 10), nil, userAuditState(u))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// validateNewUser checks the user's fields and, when given, the password,
// reporting every problem at once.
func validateNewUser(u *helpdesk.User, pw string) error {
	var v helpdesk.Validation
	if err := u.Validate(); err != nil {
		for _, f := range helpdesk.ErrorFields(err) {
			v.Add(f.Field, "%s", f.Message)
		}
	}
	if pw != "" {
		password.Validate(&v, "password", pw, u.Email, u.Name)
	}
	return v.Err()
}

// userAuditState is what the audit log keeps of a new user: never the
// password hash, only whether there is one.
func userAuditState(u *helpdesk.User) map[string]any {
	return map[string]any{
		"id": u.ID, "email": u.Email, "name": u.Name, "role": u.Role,
		"active": u.Active, "time_zone": u.TimeZone, "has_password": u.PasswordHash != "",
	}
}

// userNotFound is the answer for a user that is missing or not visible.
func userNotFound() error { return helpdesk.Errorf(helpdesk.ENOTFOUND, "User not found.") }

// GetUser returns a user. Staff see anyone; customers only themselves.
func (s *Service) GetUser(ctx context.Context, p *helpdesk.Principal, id int64) (*helpdesk.User, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	if !isStaff(p) && id != p.User.ID {
		return nil, userNotFound()
	}
	u, err := s.store.FindUserByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, userNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// ListUsers returns users newest first, and the AfterID that continues the
// list (0 on the last page). Staff only.
func (s *Service) ListUsers(ctx context.Context, p *helpdesk.Principal, f helpdesk.UserFilter) ([]*helpdesk.User, int64, error) {
	if err := requireStaff(p); err != nil {
		return nil, 0, err
	}
	var v helpdesk.Validation
	limit := pageLimit(&v, f.Limit, defaultUserLimit)
	if f.Role != nil && !f.Role.Valid() {
		v.Add("role", "must be one of admin, agent, customer")
	}
	for _, r := range f.Roles {
		if !r.Valid() {
			v.Add("role", "must be a comma-separated list of admin, agent, customer")
			break
		}
	}
	if f.AfterID < 0 {
		v.Add("cursor", "must not be negative")
	}
	if err := v.Err(); err != nil {
		return nil, 0, err
	}
	f.Email = helpdesk.NormalizeEmail(f.Email)
	f.Query = strings.TrimSpace(f.Query)
	f.Limit = limit + 1
	users, err := s.store.ListUsers(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("list users: %w", err)
	}
	var next int64
	if len(users) > limit {
		users = users[:limit]
		next = users[limit-1].ID
	}
	return users, next, nil
}
