package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// teamNotFound is the answer for a missing team.
func teamNotFound() error { return helpdesk.Errorf(helpdesk.ENOTFOUND, "Team not found.") }

// findTeam loads a team through r, translating a miss.
func findTeam(ctx context.Context, r helpdesk.Reader, id int64) (*helpdesk.Team, error) {
	t, err := r.FindTeamByID(ctx, id)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, teamNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find team %d: %w", id, err)
	}
	return t, nil
}

// ListTeams returns every team by name. Staff only.
func (s *Service) ListTeams(ctx context.Context, p *helpdesk.Principal) ([]*helpdesk.Team, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	return teams, nil
}

// GetTeam returns one team. Staff only.
func (s *Service) GetTeam(ctx context.Context, p *helpdesk.Principal, id int64) (*helpdesk.Team, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	return findTeam(ctx, s.store, id)
}

// CreateTeam creates a team. Admins only.
func (s *Service) CreateTeam(ctx context.Context, p *helpdesk.Principal, in helpdesk.Team) (*helpdesk.Team, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	now := s.clock()
	t := &helpdesk.Team{
		Name:        strings.TrimSpace(in.Name),
		Description: strings.TrimSpace(in.Description),
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateTeam(ctx, t); err != nil {
			return fmt.Errorf("create team: %w", err)
		}
		return s.audit(ctx, tx, p, "team.create", "team", strconv.FormatInt(t.ID, 10), nil,
			map[string]any{"id": t.ID, "name": t.Name, "description": t.Description})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTeam renames a team or changes its description. Admins only.
func (s *Service) UpdateTeam(ctx context.Context, p *helpdesk.Principal, id int64, upd helpdesk.TeamUpdate) (*helpdesk.Team, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	if upd.Name == nil && upd.Description == nil {
		return nil, helpdesk.Errorf(helpdesk.EINVALID, "Nothing to update.")
	}
	var t *helpdesk.Team
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		if t, err = findTeam(ctx, tx, id); err != nil {
			return err
		}
		c := newChanges()
		if upd.Name != nil {
			setValue(c, "name", &t.Name, strings.TrimSpace(*upd.Name))
		}
		if upd.Description != nil {
			setValue(c, "description", &t.Description, strings.TrimSpace(*upd.Description))
		}
		if err := t.Validate(); err != nil {
			return err
		}
		if c.empty() {
			return nil
		}
		t.UpdatedAt = s.clock()
		if err := tx.UpdateTeam(ctx, t); err != nil {
			return fmt.Errorf("update team %d: %w", id, err)
		}
		return s.audit(ctx, tx, p, "team.update", "team", strconv.FormatInt(id, 10), c.before, c.after)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// DeleteTeam deletes a team; its tickets keep existing without a team.
// Admins only.
func (s *Service) DeleteTeam(ctx context.Context, p *helpdesk.Principal, id int64) error {
	if err := requireAdmin(p); err != nil {
		return err
	}
	var members []int64
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		t, err := findTeam(ctx, tx, id)
		if err != nil {
			return err
		}
		users, err := tx.ListTeamMembers(ctx, id)
		if err != nil {
			return fmt.Errorf("list members of team %d: %w", id, err)
		}
		members = members[:0]
		for _, u := range users {
			members = append(members, u.ID)
		}
		if err := tx.DeleteTeam(ctx, id); err != nil {
			return fmt.Errorf("delete team %d: %w", id, err)
		}
		return s.audit(ctx, tx, p, "team.delete", "team", strconv.FormatInt(id, 10),
			map[string]any{"id": t.ID, "name": t.Name, "description": t.Description}, nil)
	})
	if err != nil {
		return err
	}
	// The members' team tickets just left their sight.
	s.scopeChanged(ctx, members...)
	return nil
}

// ListTeamMembers returns a team's members by name. Staff only.
func (s *Service) ListTeamMembers(ctx context.Context, p *helpdesk.Principal, teamID int64) ([]*helpdesk.User, error) {
	if err := requireStaff(p); err != nil {
		return nil, err
	}
	if _, err := findTeam(ctx, s.store, teamID); err != nil {
		return nil, err
	}
	users, err := s.store.ListTeamMembers(ctx, teamID)
	if err != nil {
		return nil, fmt.Errorf("list members of team %d: %w", teamID, err)
	}
	return users, nil
}

// AddTeamMember puts an agent or admin in a team; adding a member again
// changes nothing. Admins only.
func (s *Service) AddTeamMember(ctx context.Context, p *helpdesk.Principal, teamID, userID int64) error {
	if err := requireAdmin(p); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := findTeam(ctx, tx, teamID); err != nil {
			return err
		}
		u, err := tx.FindUserByID(ctx, userID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return helpdesk.Invalid("user_id", "does not exist")
		} else if err != nil {
			return fmt.Errorf("find user %d: %w", userID, err)
		}
		if !u.Role.Staff() {
			return helpdesk.Invalid("user_id", "must be an agent or admin")
		}
		teamIDs, err := tx.ListUserTeamIDs(ctx, userID)
		if err != nil {
			return fmt.Errorf("list teams of user %d: %w", userID, err)
		}
		if slices.Contains(teamIDs, teamID) {
			return nil
		}
		if err := tx.AddTeamMember(ctx, teamID, userID); err != nil {
			return fmt.Errorf("add user %d to team %d: %w", userID, teamID, err)
		}
		return s.audit(ctx, tx, p, "team.member_add", "team", strconv.FormatInt(teamID, 10),
			nil, map[string]any{"user_id": userID})
	})
	if err != nil {
		return err
	}
	s.scopeChanged(ctx, userID)
	return nil
}

// RemoveTeamMember takes a user out of a team. Admins only.
func (s *Service) RemoveTeamMember(ctx context.Context, p *helpdesk.Principal, teamID, userID int64) error {
	if err := requireAdmin(p); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := findTeam(ctx, tx, teamID); err != nil {
			return err
		}
		err := tx.RemoveTeamMember(ctx, teamID, userID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return helpdesk.Errorf(helpdesk.ENOTFOUND, "This user is not a member of the team.")
		} else if err != nil {
			return fmt.Errorf("remove user %d from team %d: %w", userID, teamID, err)
		}
		return s.audit(ctx, tx, p, "team.member_remove", "team", strconv.FormatInt(teamID, 10),
			map[string]any{"user_id": userID}, nil)
	})
	if err != nil {
		return err
	}
	s.scopeChanged(ctx, userID)
	return nil
}
