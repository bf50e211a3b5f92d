package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// UpdateUser changes a user's email, name, role, active flag or time zone.
// Admins only. Deactivation revokes the user's sessions and API tokens; a
// role change takes effect on the next request, which reloads the user.
// The last active admin can be neither demoted nor deactivated.
func (s *Service) UpdateUser(ctx context.Context, p *helpdesk.Principal, id int64, upd helpdesk.UserUpdate) (*helpdesk.User, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	return s.updateUser(ctx, p, id, upd)
}

// UpdateMe changes the caller's own name and time zone; the other fields
// are an admin's decision.
func (s *Service) UpdateMe(ctx context.Context, p *helpdesk.Principal, upd helpdesk.UserUpdate) (*helpdesk.User, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	var v helpdesk.Validation
	if upd.Email != nil {
		v.Add("email", "cannot be changed here; ask an admin")
	}
	if upd.Role != nil {
		v.Add("role", "cannot be changed here; ask an admin")
	}
	if upd.Active != nil {
		v.Add("active", "cannot be changed here; ask an admin")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.updateUser(ctx, p, p.User.ID, upd)
}

func (s *Service) updateUser(ctx context.Context, p *helpdesk.Principal, id int64, upd helpdesk.UserUpdate) (*helpdesk.User, error) {
	if err := validateUserUpdate(&upd); err != nil {
		return nil, err
	}
	var u *helpdesk.User
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		u, err = s.applyUserUpdate(ctx, tx, p, id, upd)
		return err
	})
	// Drop cached sessions even on failure: it costs one reload, and a
	// stale principal must never outlive a committed change.
	s.scopeChanged(ctx, id)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// validateUserUpdate checks and normalizes the fields upd sets.
func validateUserUpdate(upd *helpdesk.UserUpdate) error {
	if upd.Email == nil && upd.Name == nil && upd.Role == nil && upd.Active == nil && upd.TimeZone == nil {
		return helpdesk.Errorf(helpdesk.EINVALID, "Nothing to update.")
	}
	var v helpdesk.Validation
	if upd.Email != nil {
		e := helpdesk.NormalizeEmail(*upd.Email)
		upd.Email = &e
		helpdesk.ValidateEmail(&v, "email", e)
	}
	if upd.Name != nil {
		n := strings.TrimSpace(*upd.Name)
		upd.Name = &n
		helpdesk.ValidateName(&v, "name", n)
	}
	if upd.Role != nil && !upd.Role.Valid() {
		v.Add("role", "must be one of admin, agent, customer")
	}
	if upd.TimeZone != nil {
		helpdesk.ValidateTimeZone(&v, "time_zone", *upd.TimeZone)
	}
	return v.Err()
}

// applyUserUpdate makes the change inside tx and returns the user as
// stored. An update that changes nothing writes nothing.
func (s *Service) applyUserUpdate(ctx context.Context, tx helpdesk.Tx, p *helpdesk.Principal, id int64, upd helpdesk.UserUpdate) (*helpdesk.User, error) {
	u, err := tx.FindUserByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, userNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	wasActive, wasActiveAdmin := u.Active, u.Active && u.Role == helpdesk.RoleAdmin
	c := newChanges()
	if upd.Email != nil {
		setValue(c, "email", &u.Email, *upd.Email)
	}
	if upd.Name != nil {
		setValue(c, "name", &u.Name, *upd.Name)
	}
	if upd.Role != nil {
		setValue(c, "role", &u.Role, *upd.Role)
	}
	if upd.Active != nil {
		setValue(c, "active", &u.Active, *upd.Active)
	}
	if upd.TimeZone != nil {
		setValue(c, "time_zone", &u.TimeZone, *upd.TimeZone)
	}
	if c.empty() {
		return u, nil
	}
	if _, ok := c.after["email"]; ok {
		if err := emailFree(ctx, tx, u.Email, id); err != nil {
			return nil, err
		}
	}
	if wasActiveAdmin && !(u.Active && u.Role == helpdesk.RoleAdmin) {
		if err := keepAnAdmin(ctx, tx); err != nil {
			return nil, err
		}
	}
	now := s.clock()
	u.UpdatedAt = now
	if err := tx.UpdateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("update user %d: %w", id, err)
	}
	if wasActive && !u.Active {
		if err := revokeAccess(ctx, tx, id, now); err != nil {
			return nil, err
		}
	}
	if err := s.audit(ctx, tx, p, "user.update", "user", strconv.FormatInt(id, 10), c.before, c.after); err != nil {
		return nil, err
	}
	return u, nil
}

// emailFree refuses email if a user other than id has it.
func emailFree(ctx context.Context, tx helpdesk.Tx, email string, id int64) error {
	other, err := tx.FindUserByEmail(ctx, email)
	switch {
	case helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND:
		return nil
	case err != nil:
		return fmt.Errorf("find user by email: %w", err)
	case other.ID != id:
		return &helpdesk.Error{
			Code:    helpdesk.ECONFLICT,
			Message: "A user with this email already exists.",
			Fields:  []helpdesk.FieldError{{Field: "email", Message: "is already taken"}},
		}
	}
	return nil
}

// keepAnAdmin refuses a change that would leave no active admin. It runs
// before the change is written, so the admin being changed still counts.
func keepAnAdmin(ctx context.Context, tx helpdesk.Tx) error {
	role, active := helpdesk.RoleAdmin, true
	admins, err := tx.ListUsers(ctx, helpdesk.UserFilter{Role: &role, Active: &active, Limit: 2})
	if err != nil {
		return fmt.Errorf("count active admins: %w", err)
	}
	if len(admins) < 2 {
		return helpdesk.Errorf(helpdesk.ECONFLICT, "Triage needs at least one active admin.")
	}
	return nil
}

// revokeAccess ends every session and API token of a deactivated user.
func revokeAccess(ctx context.Context, tx helpdesk.Tx, userID int64, now time.Time) error {
	if _, err := tx.RevokeUserSessions(ctx, userID, "", now); err != nil {
		return fmt.Errorf("revoke sessions of user %d: %w", userID, err)
	}
	if _, err := tx.RevokeUserAPITokens(ctx, userID, now); err != nil {
		return fmt.Errorf("revoke api tokens of user %d: %w", userID, err)
	}
	return nil
}
